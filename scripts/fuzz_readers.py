"""A fuzzing campaign over the readers, run by hand: many mutated forms, every failure kept.

    python scripts/fuzz_readers.py [INPUTS] [OUT_DIR]

Draws INPUTS (default 20,000) inputs from tests/fuzzing.py's ``mutated``
strategy (the forms of tests/data/filled/ with bytes flipped, cut, ZIP parts
swapped, dropped, replaced by junk or random sheet XML), reads each with
``read_forms`` and records every exception, and every input that took
longer than 5 s, as a file in OUT_DIR (default /tmp/sanquan-fuzz) with the
error's type and first line. Prints how many inputs were tried, how many
per seed, the slowest, and the failures by kind.
"""

from __future__ import annotations

import hashlib
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import fuzzing


def main() -> int:
    inputs = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/sanquan-fuzz")
    out.mkdir(parents=True, exist_ok=True)
    tried: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    start = time.monotonic()

    @settings(
        max_examples=inputs,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        name, content = data.draw(fuzzing.mutated())
        tried[name.rsplit(".", 1)[-1]] += 1
        began = time.monotonic()
        error = None
        try:
            fuzzing.check(name, content)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # everything is recorded, a Rust panic too
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            where = traceback.extract_tb(exc.__traceback__)[-1]
            error += f" at {Path(where.filename).name}:{where.lineno}"
        took = time.monotonic() - began
        slowest.append((took, name))
        slowest.sort(reverse=True)
        del slowest[5:]
        if took > 5 and error is None:
            error = f"slow: {took:.1f} s"
        if error is not None:
            kind = error.split(" at ")[0][:80] + " at " + error.rsplit(" at ", 1)[-1]
            failures[kind] += 1
            digest = hashlib.sha1(content).hexdigest()[:12]
            (out / f"{digest}-{name}").write_bytes(content)
            (out / f"{digest}-{name}.txt").write_text(error + "\n", "utf-8")
        total = sum(tried.values())
        if total % 1000 == 0:
            print(f"{total} inputs, {len(failures)} kinds of failure, "
                  f"{time.monotonic() - start:.0f} s", flush=True)  # fmt: skip

    run()
    print(f"\n{sum(tried.values())} inputs in {time.monotonic() - start:.0f} s: {dict(tried)}")
    print("slowest:", ", ".join(f"{t:.2f} s ({n})" for t, n in slowest))
    if not failures:
        print("no failures")
    for kind, count in failures.most_common():
        print(f"{count:6}  {kind}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
