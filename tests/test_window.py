"""The column-wise window counts, summary and check equal a record-by-record reckoning.

``_window.py``, :func:`sanquan_core.summarize` and ``rules._member_statuses``
count in C (dates tested once per distinct day, sums mapped over member
ids, statuses per distinct pattern of counts) and the campaign's index
builds each table on first use. Here the same numbers are worked out the
plain way, one record at a time with ``plan.in_window``, on generated
campaigns, and compared.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
from hypothesis import given, settings

import sanquan_core as sq
from sanquan_core import rules

from . import strategies


def _reference_summary(campaign: sq.Campaign) -> dict[str, Any]:
    plan = campaign.plan
    met: dict[tuple[str, sq.Circle], int] = {}
    handed: dict[tuple[str, sq.SubmissionKind], int] = {}
    active: set[str] = set()
    for visit in campaign.visits:
        if plan.in_window(visit.visited_on):
            key = (visit.member_id, visit.circle)
            met[key] = met.get(key, 0) + visit.headcount
            active.add(visit.member_id)
    for sub in campaign.submissions:
        if plan.in_window(sub.submitted_on):
            key2 = (sub.member_id, sub.kind)
            handed[key2] = handed.get(key2, 0) + 1
            active.add(sub.member_id)

    def numbers(members: list[sq.Member]) -> dict[str, Any]:
        mine = [m for m in members if m.id in active]
        return {
            "participants": len(mine),
            "visited": {c.value: sum(met.get((m.id, c), 0) for m in mine) for c in sq.Circle},
            "submitted": {
                k.value: sum(handed.get((m.id, k), 0) for m in mine) for k in sq.SubmissionKind
            },
        }

    rows = []
    for group in campaign.groups:
        members = [m for m in campaign.members if m.group_id == group.id]
        bodies: dict[str, list[sq.Member]] = {}
        for m in members:
            if m.id in active:
                for body in m.bodies or ("",):
                    bodies.setdefault(body, []).append(m)
        rows.append(
            {
                "group_id": group.id,
                **numbers(members),
                "by_body": {body: numbers(ms) for body, ms in bodies.items()},
            }
        )
    outside = {
        "visits": sum(not plan.in_window(v.visited_on) for v in campaign.visits),
        "submissions": sum(not plan.in_window(s.submitted_on) for s in campaign.submissions),
    }
    return {"rows": rows, "outside_window": outside}


def _summary_numbers(summary: sq.Summary) -> dict[str, Any]:
    out = summary.as_dict()
    rows = [
        {key: row[key] for key in ("group_id", "participants", "visited", "submitted", "by_body")}
        for row in out["rows"]
    ]
    return {"rows": rows, "outside_window": out["outside_window"]}


def _reference_statuses(campaign: sq.Campaign) -> list[dict[str, Any]]:
    plan = campaign.plan
    out = []
    for member in campaign.members:
        got = {
            k: sum(
                1
                for s in campaign.submissions
                if s.member_id == member.id and s.kind is k and plan.in_window(s.submitted_on)
            )
            for k in sq.SubmissionKind
        }
        circles = {
            v.circle
            for v in campaign.visits
            if v.member_id == member.id and plan.in_window(v.visited_on)
        }
        out.append(
            {
                "member_id": member.id,
                "submitted": got,
                "missing": {k: plan.quota(k) - n for k, n in got.items() if n < plan.quota(k)},
                "uncovered_circles": tuple(c for c in sq.Circle if c not in circles),
            }
        )
    return out


@settings(max_examples=40, deadline=None)
@given(strategies.campaigns(max_members=10))
def test_summary_equals_the_record_by_record_reckoning(campaign: sq.Campaign) -> None:
    assert _summary_numbers(sq.summarize(campaign)) == _reference_summary(campaign)


@settings(max_examples=40, deadline=None)
@given(strategies.campaigns(max_members=10))
def test_member_statuses_equal_the_record_by_record_reckoning(campaign: sq.Campaign) -> None:
    report = rules.check(campaign)
    got = [
        {
            "member_id": s.member_id,
            "submitted": dict(s.submitted),
            "missing": dict(s.missing),
            "uncovered_circles": s.uncovered_circles,
        }
        for s in report.members
    ]
    assert got == _reference_statuses(campaign)
    outside = report.outside_window
    plan = campaign.plan
    assert outside.visits == tuple(
        v.id for v in campaign.visits if not plan.in_window(v.visited_on)
    )
    assert outside.submissions == tuple(
        s.id for s in campaign.submissions if not plan.in_window(s.submitted_on)
    )


def test_statuses_sharing_a_pattern_hold_their_own_mappings() -> None:
    # Two members owing the same are worked out once; each still gets its own dicts.
    campaign = sq.load_demo()
    report = rules.check(campaign)
    owing = [s for s in report.members if s.missing]
    same = [
        (a, b)
        for a in owing
        for b in owing
        if a is not b and a.missing == b.missing and a.submitted == b.submitted
    ]
    assert same, "the demo has two members owing the same"
    a, b = same[0]
    assert a.missing is not b.missing
    assert a.submitted is not b.submitted


@settings(max_examples=30, deadline=None)
@given(strategies.campaigns(max_members=10))
def test_look_ups_built_on_first_use_equal_plain_filters(campaign: sq.Campaign) -> None:
    for group in campaign.groups:
        assert campaign.members_of(group.id) == tuple(
            m for m in campaign.members if m.group_id == group.id
        )
    for member in campaign.members:
        assert campaign.member(member.id) is member
        assert campaign.visits_of(member.id) == tuple(
            v for v in campaign.visits if v.member_id == member.id
        )
        assert campaign.submissions_of(member.id) == tuple(
            s for s in campaign.submissions if s.member_id == member.id
        )
    for visit in campaign.visits:
        assert campaign.visit(visit.id) is visit
        assert campaign.follow_ups_of(visit) == tuple(
            e for e in campaign.follow_ups if e.submission_id is None and e.visit_id == visit.id
        )
    for sub in campaign.submissions:
        assert campaign.submission(sub.id) is sub
        assert campaign.follow_ups_of(sub) == tuple(
            e for e in campaign.follow_ups if e.submission_id == sub.id
        )


def test_the_window_edges_count_on_both_days_and_not_beyond() -> None:
    demo = sq.load_demo()
    low, high = demo.plan.starts_on, demo.plan.ends_on
    assert low is not None
    edges = [low - timedelta(days=1), low, high, high + timedelta(days=1)]
    visits = list(demo.visits)
    subs = list(demo.submissions)
    for i, day in enumerate(edges):
        visits[i] = attrs.evolve(visits[i], visited_on=day)
        subs[i] = attrs.evolve(subs[i], submitted_on=day)
    campaign = attrs.evolve(demo, visits=tuple(visits), submissions=tuple(subs))
    summary = sq.summarize(campaign)
    assert _summary_numbers(summary) == _reference_summary(campaign)
    outside = rules.check(campaign).outside_window
    assert [v.id in outside.visits for v in visits[:4]] == [True, False, False, True]
    assert [s.id in outside.submissions for s in subs[:4]] == [True, False, False, True]
