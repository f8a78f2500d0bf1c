"""附件3: numbers worked out by hand on tests/data/small.json, and the merge laws.

The small campaign, counted by hand (window 2017-07-11 to 2017-08-31):

g1 经济界委员工作组 (m1, m2):
  participants 2 (m1, m2);
  visited: sector v1 3 + v4 5 = 8 (v5, 2017-09-02, is outside), life v2 2, friends v3 1;
  submitted: suggestion s1, s4, s5 = 3; opinion s2 = 1 (s6, 2017-09-01, is outside); lead s3 = 1.
g2 安丰镇委员联络组 (m3, m4):
  participants 1 (m3 by v6; m4 has nothing);
  visited: life v6 1 (v7, 2017-07-05, is outside); submitted: lead s7 = 1.
g3 教育界委员工作组: no members, all zero.
Total: 3 | 8 3 1 | 3 1 2; outside: 2 visits, 1 submission.
"""

from __future__ import annotations

from functools import reduce

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core.summary import OutsideCounts, Tally

from . import strategies

C, K = sq.Circle, sq.SubmissionKind


def numbers(tally: Tally) -> tuple[int, ...]:
    return (
        tally.participants,
        *(tally.visited[c] for c in C),
        *(tally.submitted[k] for k in K),
    )


def test_small_by_hand(small):
    summary = sq.summarize(small)
    assert [row.group_id for row in summary.rows] == ["g1", "g2", "g3"]
    assert numbers(summary.row("g1").tally) == (2, 8, 2, 1, 3, 1, 1)
    assert numbers(summary.row("g2").tally) == (1, 0, 1, 0, 0, 0, 1)
    assert numbers(summary.row("g3").tally) == (0, 0, 0, 0, 0, 0, 0)
    assert numbers(summary.total) == (3, 8, 3, 1, 3, 1, 2)
    assert summary.outside_window == OutsideCounts(visits=2, submissions=1)


def test_small_json_shape(small):
    assert sq.summarize(small).as_dict() == {
        "rows": [
            {"group_id": "g1", "group": "经济界委员工作组", "kind": "working",
             "office": "经济委", "participants": 2,
             "visited": {"sector": 8, "life": 2, "friends": 1},
             "submitted": {"suggestion": 3, "opinion": 1, "lead": 1},
             "by_body": {
                 "dongtai": {"participants": 2, "visited": {"sector": 8, "life": 2, "friends": 1},
                             "submitted": {"suggestion": 3, "opinion": 1, "lead": 1}},
                 "yancheng": {"participants": 1, "visited": {"sector": 5, "life": 0, "friends": 0},
                              "submitted": {"suggestion": 2, "opinion": 0, "lead": 0}}}},
            {"group_id": "g2", "group": "安丰镇委员联络组", "kind": "liaison",
             "office": "办公室", "participants": 1,
             "visited": {"sector": 0, "life": 1, "friends": 0},
             "submitted": {"suggestion": 0, "opinion": 0, "lead": 1},
             "by_body": {
                 "yancheng": {"participants": 1, "visited": {"sector": 0, "life": 1, "friends": 0},
                              "submitted": {"suggestion": 0, "opinion": 0, "lead": 1}}}},
            {"group_id": "g3", "group": "教育界委员工作组", "kind": "working",
             "office": "经济委", "participants": 0,
             "visited": {"sector": 0, "life": 0, "friends": 0},
             "submitted": {"suggestion": 0, "opinion": 0, "lead": 0},
             "by_body": {}},
        ],
        "total": {"participants": 3, "visited": {"sector": 8, "life": 3, "friends": 1},
                  "submitted": {"suggestion": 3, "opinion": 1, "lead": 2}},
        "outside_window": {"visits": 2, "submissions": 1},
    }  # fmt: skip


def test_rollups_by_hand(small):
    summary = sq.summarize(small)
    by_kind = summary.by_kind()
    assert numbers(by_kind[sq.GroupKind.WORKING]) == (2, 8, 2, 1, 3, 1, 1)
    assert numbers(by_kind[sq.GroupKind.LIAISON]) == (1, 0, 1, 0, 0, 0, 1)
    assert list(summary.by_office()) == ["经济委", "办公室"]
    assert numbers(summary.by_office()["经济委"]) == (2, 8, 2, 1, 3, 1, 1)
    # dongtai: m1 and m2 (m4 took no part); yancheng: m2 and m3.
    by_body = summary.by_body()
    assert numbers(by_body["dongtai"]) == (2, 8, 2, 1, 3, 1, 1)
    assert numbers(by_body["yancheng"]) == (2, 5, 1, 0, 2, 0, 1)


def test_quota_does_not_cap_the_count(small):
    # m2 handed in two suggestions; both count.
    assert sq.summarize(small).row("g1").submitted[K.SUGGESTION] == 3


def test_empty_summary_is_the_identity(small):
    summary = sq.summarize(small)
    assert summary.merge(sq.Summary()) == summary
    assert sq.Summary().merge(summary) == summary


def test_merging_conflicting_groups_is_refused(small):
    import attrs

    renamed = attrs.evolve(
        small, groups=(attrs.evolve(small.groups[0], name="别名"), *small.groups[1:])
    )
    with pytest.raises(ValueError, match="group 'g1': its group is"):
        sq.summarize(small).merge(sq.summarize(renamed))


def test_equality_ignores_row_order(small):
    summary = sq.summarize(small)
    flipped = sq.Summary(tuple(reversed(summary.rows)), summary.outside_window)
    assert flipped == summary
    assert flipped != sq.Summary(summary.rows[:2], summary.outside_window)


def test_demo_summary_agrees_with_check(demo):
    summary = sq.summarize(demo)
    report = sq.check(demo)
    counted = sum(sum(m.submitted.values()) for m in report.members)
    assert counted == sum(summary.total.submitted.values())
    assert summary.outside_window.submissions == len(report.outside_window.submissions)


# -- properties -----------------------------------------------------------------


def oracle(campaign: sq.Campaign) -> dict[str, tuple[int, ...]]:
    """A second, naive count of 附件3, straight from the definitions."""
    plan = campaign.plan
    out = {}
    for group in campaign.groups:
        ids = {m.id for m in campaign.members if m.group_id == group.id}
        visits = [v for v in campaign.visits if v.member_id in ids and plan.in_window(v.visited_on)]
        subs = [
            s for s in campaign.submissions if s.member_id in ids and plan.in_window(s.submitted_on)
        ]
        active = {v.member_id for v in visits} | {s.member_id for s in subs}
        out[group.id] = (
            len(active),
            *(sum(v.headcount for v in visits if v.circle is c) for c in C),
            *(sum(1 for s in subs if s.kind is k) for k in K),
        )
    return out


@given(strategies.campaigns())
def test_summary_matches_the_definitions(campaign):
    summary = sq.summarize(campaign)
    assert {row.group_id: numbers(row.tally) for row in summary.rows} == oracle(campaign)
    outside_v = sum(1 for v in campaign.visits if not campaign.plan.in_window(v.visited_on))
    assert summary.outside_window.visits == outside_v


@given(strategies.campaigns(), st.data())
def test_split_in_two_then_merged_equals_the_whole(campaign, data):
    mask = data.draw(
        st.lists(st.booleans(), min_size=len(campaign.members), max_size=len(campaign.members))
    )
    left, right = strategies.split_by_members(campaign, mask)
    whole = sq.summarize(campaign)
    assert sq.summarize(left).merge(sq.summarize(right)) == whole
    assert sq.summarize(right).merge(sq.summarize(left)) == whole
    assert sq.summarize(left).merge(sq.summarize(right)).by_body() == whole.by_body()


@given(strategies.campaigns(), st.data())
def test_merge_is_associative_and_commutative(campaign, data):
    n = len(campaign.members)
    first = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    second = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    a, rest = strategies.split_by_members(campaign, first)
    b, c = strategies.split_by_members(rest, second[: len(rest.members)])
    sa, sb, sc = (sq.summarize(x) for x in (a, b, c))
    assert sa.merge(sb) == sb.merge(sa)
    assert sa.merge(sb).merge(sc) == sa.merge(sb.merge(sc))
    assert reduce(sq.Summary.merge, [sa, sb, sc], sq.Summary()) == sq.summarize(campaign)


@given(strategies.campaigns())
def test_rollups_come_from_the_same_numbers(campaign):
    summary = sq.summarize(campaign)
    for rollup in (summary.by_kind(), summary.by_office()):
        assert sum(rollup.values(), Tally()) == summary.total
    # A member of two bodies counts in both; no participant is left out.
    by_body = summary.by_body().values()
    assert sum(t.participants for t in by_body) >= summary.total.participants
