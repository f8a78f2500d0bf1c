"""What progress reporting costs: demo exports with a callback against the same with none.

Run: python benchmarks/bench_progress.py [REPEAT] [FORMAT]   (default 5, xlsx and pdf)

Three variants of each export, interleaved round by round (each first in
turn) so that a busy machine slows them alike:

- off: the reporting machinery itself replaced by no-ops (the floor);
- default: no ``progress=`` (the machinery runs, reporting nowhere);
- callback: ``progress=`` a callback that keeps every call, as a bar would.

The overhead is callback against off, in per cent of the median CPU time.
On a shared machine that difference is mostly noise (a few per cent either
way), so the cost is also worked out from its parts: the records counted
times what one :meth:`Steps.step` costs, timed alone.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
import timeit
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
    """CPU seconds of one export in *variant* (wall time counts a shared machine's other jobs)."""
    kw: dict[str, Any] = {}
    if variant == "callback":
        kw["progress"] = lambda done, total, what: calls.append((done, total, what))
    undo = _off() if variant == "off" else None
    try:
        start = time.process_time()
        sq.export(campaign, io.BytesIO(), format=fmt, forms=forms, **kw)
        return time.process_time() - start
    finally:
        if undo is not None:
            undo()


def step_seconds(campaign: sq.Campaign) -> float:
    """What one Steps.step() costs, reporting to a callback that keeps its calls."""
    from sanquan_core.exporters import ExportOptions, Form

    calls: list[Any] = []
    steps = _progress.Steps(campaign, ExportOptions(progress=lambda *a: calls.append(a)))
    steps.start(Form.VISITS)
    number = 200_000
    return min(timeit.repeat(steps.step, number=number, repeat=5)) / number


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    warnings.simplefilter("ignore")
    campaign = sq.load_demo()
    only = sys.argv[2] if len(sys.argv) > 2 else None
    for fmt, forms in CASES:
        if only is not None and fmt != only:
            continue
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
        steps = calls[-1][1]
        cost = steps * step_seconds(campaign)
        print(
            f"  from its parts: {steps} steps x {step_seconds(campaign) * 1e6:.2f} us = "
            f"{cost * 1000:.1f} ms, {cost / med['off'] * 100:.2f}% of the export"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
