"""What progress reporting costs: demo exports with a callback against the same with none.

Run: python benchmarks/bench_progress.py [REPEAT]   (default 5)

Three variants of each export, interleaved round by round (each first in
turn) so that a busy machine slows them alike:

- off: the reporting machinery itself replaced by no-ops (the floor);
- default: no ``progress=`` (the machinery runs, reporting nowhere);
- callback: ``progress=`` a callback that keeps every call, as a bar would.

The overhead is callback against off, in per cent of the median.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sanquan_core as sq
from sanquan_core.exporters import _progress

CASES = (
    ("xlsx", "visits,results,summary,completion,book"),
    ("pdf", "visits,results,summary,completion"),
)


def _off() -> Callable[[], None]:
    """Make Steps do nothing; returns the undo."""
    saved = {name: getattr(_progress.Steps, name) for name in ("start", "step", "finish")}
    for name in saved:
        setattr(_progress.Steps, name, lambda self, *a, **k: None)

    def undo() -> None:
        for name, fn in saved.items():
            setattr(_progress.Steps, name, fn)

    return undo


VARIANTS = ("off", "default", "callback")


def once(campaign: sq.Campaign, fmt: str, forms: str, variant: str, calls: list[Any]) -> float:
    """Seconds of one export in *variant*."""
    kw: dict[str, Any] = {}
    if variant == "callback":
        kw["progress"] = lambda done, total, what: calls.append((done, total, what))
    undo = _off() if variant == "off" else None
    try:
        start = time.perf_counter()
        sq.export(campaign, io.BytesIO(), format=fmt, forms=forms, **kw)
        return time.perf_counter() - start
    finally:
        if undo is not None:
            undo()


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    warnings.simplefilter("ignore")
    campaign = sq.load_demo()
    for fmt, forms in CASES:
        calls: list[Any] = []
        for variant in VARIANTS:  # warm-up: fonts, imports
            once(campaign, fmt, forms, variant, [])
        times: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for r in range(repeat):
            for variant in VARIANTS[r % 3 :] + VARIANTS[: r % 3]:  # each goes first in turn
                times[variant].append(once(campaign, fmt, forms, variant, calls))
        med = {v: statistics.median(t) for v, t in times.items()}
        over = (med["callback"] - med["off"]) / med["off"] * 100
        ms = {v: f"{m * 1000:.0f} ms" for v, m in med.items()}
        print(
            f"{fmt} {forms}: off {ms['off']}, default {ms['default']}, callback "
            f"{ms['callback']} ({len(calls) // repeat} calls): overhead {over:+.1f}%"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
