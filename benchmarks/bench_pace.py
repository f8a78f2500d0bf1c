"""sq.progress against sq.check on the same campaign, and its growth with the records.

Run: python benchmarks/bench_pace.py [VISITS]   (default 50,000 visits)

Peers, in the same run:
- ``check`` (the domain's, no rules): one pass over the records, what
  ``progress`` does on top of its sweep;
- a check per point: ``check(as_of=day)`` for each of the 52 days, what a
  series built by asking the completion check day by day would cost.

Targets: ``progress(every="day")`` within a small multiple of one check
(it sorts the records once and sweeps them with the days), and 2N records
take about twice N's time (linear, not quadratic).
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaigns import scaled

import sanquan_core as sq
from benchmarks._harness import compare, median_seconds
from sanquan_core import rules


def main() -> None:
    visits = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    campaign = scaled(visits)
    plan = campaign.plan
    assert plan.starts_on is not None
    days = [
        plan.starts_on + timedelta(days=i) for i in range((plan.ends_on - plan.starts_on).days + 1)
    ]

    def a_check_per_day() -> None:
        for day in days:
            rules.check(campaign, as_of=day)

    compare(
        f"progress at {visits:,} visits, {len(campaign.submissions):,} items, {len(days)} days",
        ("rules.check (no rules)", lambda: rules.check(campaign)),
        [
            ("progress, every week", lambda: sq.progress(campaign)),
            (
                "progress, every day, by office",
                lambda: sq.progress(campaign, every="day", by="office"),
            ),
            ("check(as_of=day) for each day (the naive series)", a_check_per_day),
        ],
        repeat=3,
    )
    double = scaled(2 * visits)
    small = median_seconds(lambda: sq.progress(campaign, every="day"), 3)
    big = median_seconds(lambda: sq.progress(double, every="day"), 3)
    growth = big / small
    print(
        f"\n  growth, {visits:,} → {2 * visits:,} visits, every day: {growth:.2f}x (target ≤ 2.4x)"
    )


if __name__ == "__main__":
    main()
