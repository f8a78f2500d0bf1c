"""Linear time: each form in each format at N and 2N members, and the ratio of the two.

Run: python benchmarks/bench_scale.py [MEMBERS] [FORMAT:FORM ...]   (default 2,000; every case)

The campaigns are ``tests.scale.campaign`` (groups of fifty, few records a
member). The peer of each case is the same export at half the size: work
linear in the members takes twice as long at twice the size, so the target
is a ratio of about 2 (at most 2.4, for noise); a quadratic step shows as 4.
CPU time of this process, the best of ``--repeat`` runs (default 3).
"""

from __future__ import annotations

import io
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scale import campaign

import sanquan_core as sq

TARGET = 2.4
FORMS = ("visits", "results", "summary", "completion", "book")


def cases() -> list[tuple[str, str]]:
    out = [(fmt, form) for fmt in ("xlsx", "docx", "pdf", "csv") for form in FORMS]
    return [*out, ("docx", "notice"), ("pdf", "notice"), ("json", "")]


def cpu_seconds(c: sq.Campaign, fmt: str, form: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sq.export(c, io.BytesIO(), format=fmt, forms=form or None)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = 3
    for a in sys.argv[1:]:
        if a.startswith("--repeat="):
            repeat = int(a.split("=", 1)[1])
    members = int(args[0]) if args and args[0].isdigit() else 2_000
    chosen = [tuple(a.split(":", 1)) for a in args if ":" in a] or cases()
    small, large = campaign(members), campaign(2 * members)
    print(f"\ntime at {members:,} and {2 * members:,} members (CPU, best of {repeat}); "
          f"target: ratio at most {TARGET}")  # fmt: skip
    worst = 0.0
    for fmt, form in chosen:
        cpu_seconds(campaign(50), fmt, form, 1)  # imports the format's library
        a = cpu_seconds(small, fmt, form, repeat)
        b = cpu_seconds(large, fmt, form, repeat)
        worst = max(worst, b / a)
        name = f"{fmt} {form or 'all'}"
        print(f"  {name:<30} {a * 1000:9.0f} ms {b * 1000:9.0f} ms {b / a:6.2f}x", flush=True)
    print(f"  worst ratio {worst:.2f}x (target at most {TARGET}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
