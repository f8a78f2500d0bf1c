"""Load+validate, check and summarize at 50,000 visits, against peers in the same run.

Run: python benchmarks/bench_core.py [VISITS]

Peers:
- load: ``json.loads`` of the same text, the floor any loader pays, and
  cattrs' default (coercing, non-validating) structuring of the same records,
  what a loader without the strict checks would cost;
- summarize / check: one naive pass over the records with plain dicts.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import cattrs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaigns import scaled

import sanquan_core as sq
from benchmarks._harness import compare


def main() -> None:
    visits = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    campaign = scaled(visits)
    text = sq.dump(campaign)
    print(
        f"{visits} visits, {len(campaign.submissions)} submissions, "
        f"{len(campaign.members)} members; {len(text.encode()) / 1e6:.1f} MB of JSON"
    )

    loose = cattrs.Converter()
    loose.register_structure_hook(
        __import__("datetime").date, lambda v, _: __import__("datetime").date.fromisoformat(v)
    )

    def cattrs_default() -> None:
        doc = json.loads(text)
        [loose.structure(v, sq.Visit) for v in doc["visits"]]
        [loose.structure(s, sq.Submission) for s in doc["submissions"]]

    compare(
        "load + validate",
        ("json.loads", lambda: json.loads(text)),
        [
            ("cattrs default converter (no checks, coerces)", cattrs_default),
            ("sq.loads (strict, every problem, integrity)", lambda: sq.loads(text)),
        ],
    )

    plan = campaign.plan

    def naive_summary() -> None:
        group_of = {m.id: m.group_id for m in campaign.members}
        counts: Counter[tuple[str, str]] = Counter()
        for v in campaign.visits:
            if plan.in_window(v.visited_on):
                counts[group_of[v.member_id], v.circle.value] += v.headcount
        for s in campaign.submissions:
            if plan.in_window(s.submitted_on):
                counts[group_of[s.member_id], s.kind.value] += 1

    compare(
        "summary and check",
        ("naive single pass with a Counter", naive_summary),
        [
            ("sq.summarize", lambda: sq.summarize(campaign)),
            ("sq.check (rules included)", lambda: sq.check(campaign)),
        ],
    )


if __name__ == "__main__":
    main()
