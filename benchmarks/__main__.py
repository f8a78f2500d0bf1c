"""Run every benchmark, each in a fresh process, and print its ratios and targets.

    python -m benchmarks            # all of them, default sizes
    python -m benchmarks import     # only those whose name contains "import"

Each ``bench_*.py`` prints its own table (peer, candidate, ratio, target);
this runner only starts them one after another, so that no benchmark warms
a cache or an import for the next.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(word in s.stem for word in argv)]
    failed = []
    for script in scripts:
        print(f"\n== {script.stem} ==", flush=True)
        start = time.perf_counter()
        code = subprocess.run(
            [sys.executable, str(script)], check=False, cwd=HERE.parent
        ).returncode
        print(f"   ({script.stem}: {time.perf_counter() - start:.0f} s)", flush=True)
        if code:
            failed.append(script.stem)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
