"""``import sanquan_core`` against ``import attrs, cattrs, pluggy``, each in fresh processes.

Each import runs in a new interpreter (``python -X importtime -c ...``
would time only the import itself, but counts the imports differently; the
wall time of the whole process, start-up included, is what a command-line
user waits for, so that is what is compared, minus a bare ``python -c
pass`` start-up measured alongside). Target: at most 1.3x.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.3
SRC = str(Path(__file__).resolve().parent.parent / "src")


def _once(code: str) -> float:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def measure(repeat: int = 7) -> tuple[float, float, float]:
    """Median seconds of: bare start-up, the peer's imports, sanquan_core's import."""
    codes = ("pass", "import attrs, cattrs, pluggy", "import sanquan_core")
    runs: dict[str, list[float]] = {c: [] for c in codes}
    for _ in range(repeat):  # interleaved, so that a busy moment hits all three alike
        for code in codes:
            runs[code].append(_once(code))
    bare, peer, ours = (statistics.median(runs[c]) for c in codes)
    return bare, peer, ours


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    bare, peer, ours = measure(repeat)
    ratio = (ours - bare) / (peer - bare)
    print(f"\nimport, fresh processes, median of {repeat} (start-up {bare * 1000:.0f} ms off)")
    print(f"  {'peer: import attrs, cattrs, pluggy':<58} {(peer - bare) * 1000:10.1f} ms   1.00x")
    print(f"  {'import sanquan_core':<58} {(ours - bare) * 1000:10.1f} ms {ratio:6.2f}x")
    print(f"  target: at most {TARGET}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
