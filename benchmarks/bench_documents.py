"""Large exports against their peers: time and peak memory, a fresh process per run.

Run: python benchmarks/bench_documents.py [--scale=F] [--repeat=N] [CASE ...]

Cases (default: all, at full scale; ``--scale=0.1`` for a tenth of it):

- ``xlsx``: 附件1 of 50,000 / 100,000 / 200,000 visits (5,000 / 10,000 /
  20,000 members of ten visits) against a bare openpyxl write-only loop
  (``ws.append`` of the same cells' values, no styles, no row heights) and
  xlsxwriter's ``constant_memory`` mode writing the same values (the
  pure-Python floor); target ≤ 1.2× openpyxl, peak memory flat (the
  growth from 50k to 200k within 10%);
- ``docx-book``, ``pdf-book``: 成果汇编 of 62,400 items (20,800 members of
  three items, no visits); target under 400 MB peak;
- ``pdf-all``: every default form of 49,000 visits (4,900 members of ten
  visits and three items); target under 500 MB peak.

Each measurement runs in a child process of its own: the child builds the
campaign (:mod:`benchmarks._prefecture`), resets the kernel's peak-memory
mark, exports into a file and reports wall time, CPU time and ``getrusage``
peak RSS, the campaign and its index included (and, in brackets, what the
export added to them: imports, fonts, the summary, buffers).
The figure is the median of ``--repeat`` runs (default 3), peers and
candidate interleaved.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

XLSX_VISITS = (50_000, 100_000, 200_000)
BOOK_MEMBERS = 20_800  # three items each: 62,400 items
ALL_MEMBERS = 4_900  # ten visits each: 49,000 visits
MEMORY_TARGET = {"docx-book": 400, "pdf-book": 400, "pdf-all": 500}


def _rss_now() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS mark (Linux ≥ 4.0), so the peak is the export's."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:  # pragma: no cover - another kernel: the peak includes the build
        pass


def _values(campaign: Any) -> list[tuple[Any, ...]]:
    """The cells of 附件1 as the sheet holds them: number, then the table's values."""
    from sanquan_core.documents.tables import visits_table

    table = visits_table(campaign)
    return [(n, *row) for n, row in enumerate(table.rows(), 1)]


def _openpyxl(data: list[tuple[Any, ...]], path: str) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for row in data:
        ws.append(row)
    wb.save(path)


def _xlsxwriter(data: list[tuple[Any, ...]], path: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet()
    for r, row in enumerate(data):
        ws.write_row(r, 0, row)
    wb.close()


def child(case: str, size: int) -> dict[str, float]:
    """Run one measurement in this process; what :func:`main` reads back."""
    import sanquan_core as sq
    from benchmarks._prefecture import campaign

    if case.startswith("xlsx") or case in ("openpyxl", "xlsxwriter"):
        c = campaign(size // 10, visits=10, items=0)
    elif case == "pdf-all":
        c = campaign(size // 10, visits=10, items=3)
    else:
        c = campaign(size // 3, visits=0, items=3)
    work: Any
    if case in ("openpyxl", "xlsxwriter"):
        data = _values(c)
        del c
        writer = _openpyxl if case == "openpyxl" else _xlsxwriter
        work = lambda path: writer(data, path)  # noqa: E731
    else:
        fmt, _, form = case.partition("-")
        forms = {"visits": ["visits"], "book": ["book"], "all": None}[form or "visits"]
        work = lambda path: sq.export(c, path, format=fmt, forms=forms)  # noqa: E731
    if case not in ("openpyxl", "xlsxwriter"):
        c.group(c.groups[0].id)  # the loaded campaign's index, built by its first query
    gc.collect()
    before = _rss_now()
    _reset_peak()
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = os.path.join(folder, "out")
        start, cpu = time.perf_counter(), time.process_time()
        work(path)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        size_out = os.path.getsize(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": seconds, "cpu": cpu, "peak": peak, "before": before, "bytes": size_out}


def measure(case: str, size: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, str(size)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def medians(cases: list[tuple[str, int]], repeat: int) -> dict[tuple[str, int], dict[str, float]]:
    """Each case *repeat* times, interleaved; the median of each figure."""
    runs: dict[tuple[str, int], list[dict[str, float]]] = {c: [] for c in cases}
    for _ in range(repeat):
        for c in cases:
            runs[c].append(measure(*c))
    return {c: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for c, rs in runs.items()}


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def _row(name: str, m: dict[str, float], base: float | None = None) -> str:
    ratio = f"{m['seconds'] / base:6.2f}x" if base else "       "
    added = m["peak"] - m["before"]
    return (
        f"  {name:<34} {m['seconds']:8.1f} s {ratio}  cpu {m['cpu']:7.1f} s"
        f"   peak {_mb(m['peak']):>9} (export +{_mb(max(added, 0))})"
    )


def main(argv: list[str]) -> int:
    scale, repeat = 1.0, 3
    chosen = []
    for a in argv:
        if a.startswith("--scale="):
            scale = float(a.split("=", 1)[1])
        elif a.startswith("--repeat="):
            repeat = int(a.split("=", 1)[1])
        else:
            chosen.append(a)
    chosen = chosen or ["xlsx", "docx-book", "pdf-book", "pdf-all"]
    print(f"fresh process per run, median of {repeat}, scale {scale:g}")
    if "xlsx" in chosen:
        sizes = [int(n * scale) for n in XLSX_VISITS]
        print("\n附件1 XLSX (target ≤ 1.2x the openpyxl loop; peak flat within 10%)")
        peaks = []
        for n in sizes:
            m = medians([("openpyxl", n), ("xlsxwriter", n), ("xlsx-visits", n)], repeat)
            base = m[("openpyxl", n)]["seconds"]
            print(f" {n:,} visits")
            print(_row("peer: openpyxl write-only append", m[("openpyxl", n)], base))
            print(_row("peer: xlsxwriter constant_memory", m[("xlsxwriter", n)], base))
            ours = m[("xlsx-visits", n)]
            print(_row("sq.export xlsx visits", ours, base))
            xw = m[("xlsxwriter", n)]["seconds"]
            print(f"  {'':<34} {'':10} {ours['seconds'] / xw:6.2f}x xlsxwriter", flush=True)
            peaks.append(ours["peak"] - ours["before"])
        growth = peaks[-1] / peaks[0] if peaks[0] else float("nan")
        print(f"  export's memory {sizes[0]:,} -> {sizes[-1]:,} visits: {growth:.2f}x")
    for case, members, per in (
        ("docx-book", BOOK_MEMBERS, 3),
        ("pdf-book", BOOK_MEMBERS, 3),
        ("pdf-all", ALL_MEMBERS, 10),
    ):
        if case not in chosen:
            continue
        size = int(members * scale) * per
        what = "items" if per == 3 else "visits"
        m = medians([(case, size)], repeat)[(case, size)]
        print(f"\n{case}, {size:,} {what} (target under {MEMORY_TARGET[case]} MB peak)")
        print(_row(f"sq.export {case}", m), flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))
        raise SystemExit(0)
    raise SystemExit(main(sys.argv[1:]))
