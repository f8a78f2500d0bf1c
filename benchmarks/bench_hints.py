"""Did-you-mean hints stay linear: files with thousands of bad references.

Run: python benchmarks/bench_hints.py

Each file has 2,000 members and N visits; in the candidate file every
visit cites an unknown member id (half of them one typing slip away from
a real id, so a hint is found; half far from any). Peers, in the same run:

- the same file with every reference right: what reading and checking
  costs without a single hint to look for;
- ``json.loads`` of the faulty text, the floor any reader pays.

Time per bad reference should stay flat as N doubles (linear growth), and
10,000 bad references should take well under a second. A last case has 300
near-miss references to 3,000-character ids.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sanquan_core as sq
from benchmarks._harness import compare, median_seconds

MEMBERS = 2000


def document(visits: int, *, bad: bool, id_length: int = 0) -> str:
    def member_id(i: int) -> str:
        return f"m{i:05d}" + "x" * id_length

    members = [{"id": member_id(i), "name": f"委员{i}", "group_id": "g1"} for i in range(MEMBERS)]
    rows: list[dict[str, Any]] = []
    for i in range(visits):
        ref = member_id(i % MEMBERS)
        if bad:
            # A slip (one character changed) or an id unlike any other.
            ref = ref[:-1] + "#" if i % 2 else f"nobody-{i}"
        rows.append(
            {
                "id": f"v{i}",
                "member_id": ref,
                "circle": "sector",
                "visited_on": "2017-07-15",
                "target": "李四",
            }
        )
    doc = {
        "schema": "sanquan/1",
        "plan": {"title": "t", "phases": [{"name": "一", "ends_on": "2017-07-31"}]},
        "groups": [{"id": "g1", "name": "组", "kind": "working"}],
        "members": members,
        "visits": rows,
    }
    return json.dumps(doc, ensure_ascii=False)


def refused(text: str) -> int:
    try:
        sq.loads(text)
    except sq.ValidationError as error:
        return len(error.problems)
    raise AssertionError("the faulty file loaded")


def main() -> None:
    per_reference: list[tuple[int, float]] = []
    for visits in (2_500, 5_000, 10_000):
        per_reference.append((visits, one_size(visits)))
    print("\ngrowth: time per bad reference")
    for visits, seconds in per_reference:
        print(f"  {visits:>6,} bad references   {seconds * 1e6:8.1f} µs each")

    long_ids = document(300, bad=True, id_length=3000)
    seconds = median_seconds(lambda: refused(long_ids), 3)
    print(f"\n300 near-miss references to 3,000-character ids: {seconds * 1000:.0f} ms")


def one_size(visits: int) -> float:
    """Compare at one size; return the seconds per bad reference."""
    good, bad = document(visits, bad=False), document(visits, bad=True)
    assert refused(bad) == visits
    compare(
        f"{visits:,} visits citing unknown members ({len(bad.encode()) / 1024:.0f} KiB)",
        ("sq.loads, the same file with every reference right", lambda: sq.loads(good)),
        [
            ("json.loads of the faulty file", lambda: json.loads(bad)),
            ("sq.loads of the faulty file, with did-you-mean", lambda: refused(bad)),
        ],
        repeat=3,
    )
    return median_seconds(lambda: refused(bad), 3) / visits


if __name__ == "__main__":
    main()
