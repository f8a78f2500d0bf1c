"""Write a prefecture-sized (or larger) ``sanquan/1`` file for the benchmarks.

Run: python benchmarks/make_dataset.py MEMBERS OUT.json [--visits-per=10] [--seed=7]

Groups of fifty members; each member makes about ``--visits-per`` visits
(0 to twice that, uniformly) and hands in about three items, a third of
them citing one of the member's own visits; one record in two hundred is
dated before the window opens. Texts are the packaged demo's. The records
are written one at a time, so a file of millions of visits costs no more
memory than a small one. The same arguments give the same bytes.

    python benchmarks/make_dataset.py 20000 /tmp/prefecture.json            # ~200k visits, ~90 MB
    python benchmarks/make_dataset.py 200000 /tmp/national.json             # ~2 million visits
"""

from __future__ import annotations

import json
import random
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sanquan_core as sq

GROUP_SIZE = 50


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _section(out: TextIO, name: str, records: Any, first: bool = False) -> None:
    out.write(("" if first else ",\n") + f'  "{name}": [')
    sep = "\n    "
    for record in records:
        out.write(sep + _dumps(record))
        sep = ",\n    "
    out.write("\n  ]")


def write(members: int, out: TextIO, *, visits_per: int = 10, seed: int = 7) -> dict[str, int]:
    """Write the campaign to *out*; return how many records of each kind it holds."""
    rnd = random.Random(seed)
    demo = json.loads(sq.dump(sq.load_demo()))
    plan = demo["plan"]
    start = sq.load_demo().plan.starts_on
    assert start is not None
    span = (sq.load_demo().plan.ends_on - start).days
    days = [(start + timedelta(days=d)).isoformat() for d in range(span + 1)]
    early = [(start - timedelta(days=d)).isoformat() for d in range(1, 9)]
    offices = sorted({g.get("office", "") for g in demo["groups"]})
    bodies = [b["id"] for b in plan.get("bodies", [])]
    n_groups = max(1, -(-members // GROUP_SIZE))
    counts = {"groups": n_groups, "members": members, "visits": 0, "submissions": 0}

    def day() -> str:
        return rnd.choice(early) if rnd.random() < 0.005 else rnd.choice(days)

    def groups() -> Any:
        for n in range(1, n_groups + 1):
            working = n % 3 == 0
            yield {
                "id": f"g{n:05d}",
                "name": f"第{n}委员{'工作' if working else '联络'}组",
                "kind": "working" if working else "liaison",
                "office": offices[n % len(offices)],
            }

    def people() -> Any:
        for n in range(1, members + 1):
            template = dict(demo["members"][n % len(demo["members"])])
            template.update(id=f"m{n:07d}", group_id=f"g{(n - 1) // GROUP_SIZE + 1:05d}")
            template["phone"] = f"139{n:08d}"
            if bodies:
                template["bodies"] = [bodies[n % len(bodies)]]
            yield template

    # Visits and submissions are drawn member by member, twice over with the
    # same seed: once for the visits section, once for the submissions.
    def drawn() -> Any:
        r = random.Random(seed + 1)
        v = s = 0
        for n in range(1, members + 1):
            mine = []
            for _ in range(r.randint(0, 2 * visits_per)):
                v += 1
                mine.append(v)
            subs = []
            for _ in range(r.randint(0, 6)):
                s += 1
                subs.append((s, r.choice(mine) if mine and r.random() < 0.33 else None))
            yield n, mine, subs

    def visits() -> Any:
        for n, mine, _subs in drawn():
            for v in mine:
                record = dict(rnd.choice(demo["visits"]))
                record.update(id=f"v{v:08d}", member_id=f"m{n:07d}", visited_on=day())
                counts["visits"] += 1
                yield record

    def submissions() -> Any:
        for n, _mine, subs in drawn():
            for s, visit in subs:
                record = dict(rnd.choice(demo["submissions"]))
                record.update(id=f"s{s:08d}", member_id=f"m{n:07d}", submitted_on=day())
                record.pop("visit_id", None)
                if visit is not None:
                    record["visit_id"] = f"v{visit:08d}"
                counts["submissions"] += 1
                yield record

    out.write('{\n  "schema": "sanquan/1",\n  "plan": ' + _dumps(plan) + ",\n")
    _section(out, "groups", groups(), first=True)
    _section(out, "members", people())
    _section(out, "visits", visits())
    _section(out, "submissions", submissions())
    out.write("\n}\n")
    return counts


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    members, path = int(args[0]), Path(args[1])
    with path.open("w", encoding="utf-8") as out:
        counts = write(
            members,
            out,
            visits_per=int(options.get("visits-per", 10)),
            seed=int(options.get("seed", 7)),
        )
    size = path.stat().st_size / 1e6
    print(", ".join(f"{n:,} {k}" for k, n in counts.items()) + f"; {size:.1f} MB: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
