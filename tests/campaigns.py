"""Campaigns the tests share: small hand-counted data and hostile text."""

from __future__ import annotations

from pathlib import Path

import attrs

import sanquan_core as sq

DATA = Path(__file__).parent / "data"

#: Text that breaks naive exporters: markup, a formula, control characters,
#: emoji, a CJK Extension B character, a leading "+", "-" and "@".
HOSTILE_TEXTS = {
    "markup": "<b>粗体</b> & <i>斜体</i> &amp; <font name='x'>字</font>",
    "formula": '=HYPERLINK("http://example.invalid","点我")',
    "plus": "+86 138 0000 0000",
    "minus": "-2+3",
    "at": "@SUM(A1:A9)",
    "control": "走访\x00对象\x07反映\x1b情况\x0c",
    "emoji": "群众点赞👍🏻，笑脸😀",
    "rare": "𠀀𪚥䶮（生僻字）",
}

#: Longer than an Excel cell can hold (32,767 characters).
LONG_TEXT = "很长的内容。" * 6000


def small() -> sq.Campaign:
    """tests/data/small.json; its summary is worked out by hand in test_summary.py."""
    return sq.load(DATA / "small.json")


def hostile() -> sq.Campaign:
    """The small campaign with every text field made hostile."""
    base = small()
    texts = list(HOSTILE_TEXTS.values())
    members = tuple(
        attrs.evolve(m, name=f"{m.name}{texts[i % len(texts)][:12]}")
        for i, m in enumerate(base.members)
    )
    visits = tuple(
        attrs.evolve(
            v,
            target=texts[i % len(texts)],
            address=texts[(i + 1) % len(texts)],
            situation=texts[(i + 2) % len(texts)] + ("\n" + LONG_TEXT if i == 0 else ""),
            needs_help=texts[(i + 3) % len(texts)],
            needs_coordination=texts[(i + 4) % len(texts)],
        )
        for i, v in enumerate(base.visits)
    )
    subs = tuple(
        attrs.evolve(s, title=texts[i % len(texts)], content=texts[(i + 5) % len(texts)])
        for i, s in enumerate(base.submissions)
    )
    groups = tuple(attrs.evolve(g, name=g.name + "=1+1") for g in base.groups)
    return attrs.evolve(base, groups=groups, members=members, visits=visits, submissions=subs)


def scaled(visits: int, *, seed: int = 1) -> sq.Campaign:
    """The demo campaign with its visits repeated until there are *visits* of them."""
    demo = sq.load_demo()
    out = []
    n = 0
    while len(out) < visits:
        for v in demo.visits:
            if len(out) == visits:
                break
            n += 1
            out.append(attrs.evolve(v, id=f"x{n:06d}"))
    return attrs.evolve(
        demo,
        visits=tuple(out),
        submissions=tuple(attrs.evolve(s, visit_id=None) for s in demo.submissions),
    )


__all__ = ["DATA", "HOSTILE_TEXTS", "LONG_TEXT", "hostile", "scaled", "small"]
