"""Did-you-mean: the known names closest to a mistyped one."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["close_matches"]


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates that look like *word*, best first (case does not matter).

    The candidate sets here are small (commands, formats, forms, groups,
    offices), so :func:`difflib.get_close_matches` is quick enough.
    """
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    folded = word.strip().casefold()
    if not folded:
        return []
    import difflib

    found = difflib.get_close_matches(folded, list(by_folded), n=n, cutoff=0.6)
    if not found:
        # Short Chinese words differ by one character out of two or three;
        # a containment match catches 汇总 for 汇总表.
        found = [c for c in by_folded if len(folded) >= 2 and (folded in c or c in folded)][:n]
    return list(dict.fromkeys(by_folded[f] for f in found))
