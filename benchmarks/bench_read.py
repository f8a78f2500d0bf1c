"""``sq.read_forms`` on a 50,000-row 附件1 workbook, in rows per second, against openpyxl.

The workbook is the library's own XLSX export of the demo with its visits
repeated (``tests.campaigns.scaled``), read into the campaign's plan,
groups and members (no records): every row parsed, every value read as its
column needs, every member matched, every record merged. The peer is
openpyxl's read-only mode iterating the same sheet's values (no forms, no
checks): what reading the cells alone costs. Wall and CPU time are both
printed, the rate in rows per CPU second; and the process's peak RSS.

    python benchmarks/bench_read.py [ROWS]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaigns import scaled

import sanquan_core as sq


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one run of *fn*, and what it returned.

    Both are printed: on a machine shared with other jobs the wall time
    waits for the CPU; the CPU time is the work done.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    campaign = scaled(rows)
    base = attrs.evolve(campaign, visits=(), submissions=())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "visits.xlsx"
        sq.export(campaign, path, forms=["visits"])
        size = path.stat().st_size

        def ours() -> sq.ImportResult:
            return sq.read_forms([path], base)

        def peer() -> int:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
            return count

        peer_wall, peer_cpu, _count = timed(peer)
        wall, cpu, result = timed(ours)
        assert result.problems == (), result.problems[:3]
        assert len(result.added) == rows
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
    print(f"\nread_forms, a {rows:,}-row 附件1 ({size / 1e6:.1f} MB XLSX), one run each")
    for label, w, c in (
        ("peer: openpyxl read-only, iterate values", peer_wall, peer_cpu),
        ("sq.read_forms (parse, check, match, merge)", wall, cpu),
    ):
        print(f"  {label:<46} wall {w:7.2f} s  CPU {c:7.2f} s  "
              f"{rows / c:9,.0f} rows/s of CPU  {c / peer_cpu:5.2f}x")  # fmt: skip
    print(f"  peak RSS of the process (campaign, export and both reads): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
