"""Load + validate and summary + check from the JSON, against msgspec, pandas and polars.

Run: python benchmarks/bench_load.py [MEMBERS] [--runs=3]    (default 2,000 members; 20,000 is
the prefecture: ~200k visits, ~96 MB)

The file comes from ``benchmarks/make_dataset.py`` (written once into the
temporary directory). Each measurement is a fresh process that imports
what it needs, then times one run from reading the file to the result;
runs are interleaved, the median of ``--runs`` reported with the peak RSS
of the process. Peers (the ``bench`` extra installs pandas and polars):

- load: ``json.loads`` (the floor); msgspec decoding into Structs written
  for the format (strict, unknown fields refused, enums and dates typed)
  plus the same integrity checks written plainly in one pass — the target
  is at most 1.5x that;
- summary + check: pandas and polars reading the same JSON into frames and
  doing 附件3's group-bys and the completion per member and group, window
  included — the target is at most 1.0x pandas.

``summarize`` on loaded records is also timed in this process (warm, best
of 5): target at least 2,000,000 visits a second.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# -- the workers: each runs in its own process -------------------------------------


def _json_loads(path: str) -> Any:
    with open(path, "rb") as fh:
        return json.loads(fh.read())


def _msgspec_peer(path: str) -> Any:
    """msgspec into hand-written Structs, strictly, plus the integrity checks in one pass."""
    import msgspec

    from benchmarks._peer_structs import Document

    with open(path, "rb") as fh:
        doc = msgspec.json.decode(fh.read(), type=Document, strict=True)
    problems: list[str] = []
    bodies = {b.id for b in doc.plan.bodies}

    def ids(records: Any, section: str) -> set[str]:
        seen: set[str] = set()
        for i, r in enumerate(records):
            if not r.id.strip() or r.id in seen:
                problems.append(f"{section}[{i}].id")
            seen.add(r.id)
        return seen

    groups = ids(doc.groups, "groups")
    members = ids(doc.members, "members")
    for i, m in enumerate(doc.members):
        if not m.name.strip():
            problems.append(f"members[{i}].name")
        if m.group_id not in groups:
            problems.append(f"members[{i}].group_id")
        if len(set(m.bodies)) != len(m.bodies) or not bodies.issuperset(m.bodies):
            problems.append(f"members[{i}].bodies")
    visits = ids(doc.visits, "visits")
    owner = {}
    for i, v in enumerate(doc.visits):
        owner[v.id] = v.member_id
        if v.member_id not in members:
            problems.append(f"visits[{i}].member_id")
        if not v.target.strip():
            problems.append(f"visits[{i}].target")
        if not 1 <= v.headcount <= 100_000:
            problems.append(f"visits[{i}].headcount")
    ids(doc.submissions, "submissions")
    for i, s in enumerate(doc.submissions):
        if s.member_id not in members:
            problems.append(f"submissions[{i}].member_id")
        if s.visit_id is not None and (
            s.visit_id not in visits or owner[s.visit_id] != s.member_id
        ):
            problems.append(f"submissions[{i}].visit_id")
    assert not problems, problems[:5]
    return doc


def _sq_load(path: str) -> Any:
    import sanquan_core as sq

    return sq.load(path)


def _sq_load_full(path: str) -> Any:
    """The converter alone, collector on: what ``load`` did before the fast path."""
    from sanquan_core import serialize
    from sanquan_core._integrity import YEARS

    with open(path, "rb") as fh:
        return serialize._read_fully(fh.read(), path, serialize.MAX_DEPTH, YEARS)


def _sq_summary(path: str) -> Any:
    import sanquan_core as sq
    from sanquan_core import rules

    campaign = sq.load(path)
    return sq.summarize(campaign), rules.check(campaign)


def _frames(path: str) -> tuple[dict[str, Any], Any, Any, Any, Any]:
    doc = _json_loads(path)
    return doc, doc["groups"], doc["members"], doc["visits"], doc["submissions"]


def _pandas(path: str) -> Any:
    import pandas as pd

    doc, groups, members, visits, subs = _frames(path)
    plan = doc["plan"]
    start, end = plan.get("starts_on", "0000"), plan["phases"][-1]["ends_on"]
    quotas = {"suggestion": 1, "opinion": 1, "lead": 1, **plan.get("quotas", {})}
    m = pd.DataFrame(members, columns=["id", "group_id", "bodies"])
    v = pd.DataFrame(visits, columns=["member_id", "circle", "visited_on", "headcount"])
    s = pd.DataFrame(subs, columns=["member_id", "kind", "submitted_on"])
    v = v[(v.visited_on >= start) & (v.visited_on <= end)]
    s = s[(s.submitted_on >= start) & (s.submitted_on <= end)]
    group_of = m.set_index("id").group_id
    v = v.assign(group_id=v.member_id.map(group_of))
    s = s.assign(group_id=s.member_id.map(group_of))
    visited = v.pivot_table(
        index="group_id", columns="circle", values="headcount", aggfunc="sum", fill_value=0
    )
    submitted = s.groupby(["group_id", "kind"]).size().unstack(fill_value=0)
    active = pd.concat([v.member_id, s.member_id]).drop_duplicates()
    participants = m[m.id.isin(active)].groupby("group_id").size()
    per_member = s.groupby(["member_id", "kind"]).size().unstack(fill_value=0)
    per_member = per_member.reindex(index=m.id, columns=list(quotas), fill_value=0)
    complete = (per_member >= pd.Series(quotas)).all(axis=1)
    completion = complete.groupby(m.set_index("id").group_id).agg(["size", "sum"])
    covered = v.groupby("member_id").circle.nunique().reindex(m.id, fill_value=0)
    return visited, submitted, participants, completion, (covered < 3).sum(), len(groups)


def _polars(path: str) -> Any:
    import polars as pl

    doc, groups, members, visits, subs = _frames(path)
    plan = doc["plan"]
    start, end = plan.get("starts_on", "0000"), plan["phases"][-1]["ends_on"]
    quotas = {"suggestion": 1, "opinion": 1, "lead": 1, **plan.get("quotas", {})}
    m = pl.from_dicts(members, schema={"id": pl.String, "group_id": pl.String})
    v = pl.from_dicts(
        visits,
        schema={
            "member_id": pl.String,
            "circle": pl.String,
            "visited_on": pl.String,
            "headcount": pl.Int64,
        },
    )
    s = pl.from_dicts(
        subs, schema={"member_id": pl.String, "kind": pl.String, "submitted_on": pl.String}
    )
    v = v.filter((pl.col("visited_on") >= start) & (pl.col("visited_on") <= end))
    s = s.filter((pl.col("submitted_on") >= start) & (pl.col("submitted_on") <= end))
    groups_of = m.rename({"id": "member_id"})
    v = v.join(groups_of, on="member_id", how="left")
    s = s.join(groups_of, on="member_id", how="left")
    visited = v.group_by("group_id", "circle").agg(pl.col("headcount").sum())
    submitted = s.group_by("group_id", "kind").len()
    active = pl.concat([v.select("member_id"), s.select("member_id")]).unique()
    participants = groups_of.join(active, on="member_id").group_by("group_id").len()
    per_member = s.group_by("member_id", "kind").len()
    short = (
        per_member.filter(
            pl.col("len") >= pl.col("kind").replace_strict(quotas, return_dtype=pl.Int64)
        )
        .group_by("member_id")
        .len()
        .filter(pl.col("len") == len(quotas))
    )
    completion = (
        groups_of.join(short.select("member_id", complete=pl.lit(1)), on="member_id", how="left")
        .group_by("group_id")
        .agg(pl.len(), pl.col("complete").sum())
    )
    covered = v.group_by("member_id").agg(pl.col("circle").n_unique())
    return visited, submitted, participants, completion, covered, len(groups)


WORKERS = {
    "json.loads": _json_loads,
    "msgspec strict + integrity": _msgspec_peer,
    "sq.load": _sq_load,
    "sq.load, converter only (before)": _sq_load_full,
    "pandas": _pandas,
    "polars": _polars,
    "sq.load + summarize + check": _sq_summary,
}


#: What each worker imports before its clock starts.
IMPORTS = {
    "msgspec strict + integrity": ("msgspec", "sanquan_core"),
    "pandas": ("pandas",),
    "polars": ("polars",),
}


def _work(name: str, path: str) -> None:
    import importlib
    import resource

    for module in IMPORTS.get(name, ("sanquan_core", "sanquan_core.serialize")):
        importlib.import_module(module)
    if name == "msgspec strict + integrity":
        importlib.import_module("benchmarks._peer_structs")
    fn = WORKERS[name]
    start = time.perf_counter()
    fn(path)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "rss": rss}))


# -- the runner ------------------------------------------------------------------


def _measure(names: list[str], path: str, runs: int) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {n: [] for n in names}
    rss: dict[str, int] = dict.fromkeys(names, 0)
    paths = [str(HERE.parent), *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    for _ in range(runs):
        for name in names:
            out = subprocess.run(
                [sys.executable, __file__, "--work", name, path],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
            got = json.loads(out.stdout.strip().splitlines()[-1])
            times[name].append(got["seconds"])
            rss[name] = max(rss[name], got["rss"])
    return {n: (statistics.median(times[n]), rss[n]) for n in names}


def _table(title: str, peer: str, results: dict[str, tuple[float, int]], target: str) -> None:
    base = results[peer][0]
    print(f"\n{title} (target: {target})")
    for name, (seconds, rss) in results.items():
        tag = "peer: " if name == peer else ""
        print(
            f"  {tag + name:<40} {seconds * 1000:9.0f} ms {seconds / base:6.2f}x "
            f"{rss / 1e6:8.0f} MB peak RSS"
        )


def _throughput(path: str) -> None:
    import gc

    import sanquan_core as sq

    campaign = sq.load(path)
    sq.summarize(campaign)
    best = float("inf")
    gc.collect()
    for _ in range(5):
        start = time.perf_counter()
        sq.summarize(campaign)
        best = min(best, time.perf_counter() - start)
    rate = len(campaign.visits) / best
    print(
        f"\nsummarize on loaded records: {len(campaign.visits):,} visits in {best * 1000:.0f} ms, "
        f"{rate:,.0f} visits/s (target at least 2,000,000)"
    )


def main(argv: list[str]) -> int:
    if argv[:1] == ["--work"]:
        _work(argv[1], argv[2])
        return 0
    args = [a for a in argv if not a.startswith("--")]
    runs = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--runs=")), 3)
    members = int(args[0]) if args else 2_000
    path = Path(tempfile.gettempdir()) / f"sanquan-bench-{members}.json"
    if not path.exists():
        from benchmarks import make_dataset

        with path.open("w", encoding="utf-8") as out:
            counts = make_dataset.write(members, out)
        print(", ".join(f"{n:,} {k}" for k, n in counts.items()))
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB; median of {runs}, a process each")
    load = _measure(
        ["msgspec strict + integrity", "json.loads", "sq.load", "sq.load, converter only (before)"],
        str(path),
        runs,
    )
    _table("load + validate", "msgspec strict + integrity", load, "sq.load at most 1.5x")
    summary = _measure(["pandas", "polars", "sq.load + summarize + check"], str(path), runs)
    _table("summary + check from the JSON", "pandas", summary, "sq at most 1.0x pandas")
    _throughput(str(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
