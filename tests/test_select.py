"""Selecting part of a campaign: groups, offices, kinds, a phase."""

from __future__ import annotations

import pytest

import sanquan_core as sq
from sanquan_core.select import Selection, SelectionError, select


def test_everything_is_the_campaign_itself(small):
    assert select(small) is small
    assert select(small, Selection()) is small


def test_groups(small):
    part = select(small, groups=["g2"])
    assert [g.id for g in part.groups] == ["g2"]
    assert [m.id for m in part.members] == ["m3", "m4"]
    assert [v.id for v in part.visits] == ["v6", "v7"]
    assert [s.id for s in part.submissions] == ["s7"]
    assert sq.validate(part) == []


def test_offices(small):
    part = select(small, offices="经济委")
    assert [g.id for g in part.groups] == ["g1", "g3"]


def test_kinds_keep_only_those_items(small):
    part = select(small, kinds=["经济社会发展建议"])
    assert {s.kind for s in part.submissions} == {sq.SubmissionKind.SUGGESTION}
    assert len(part.visits) == len(small.visits)


def test_kinds_selection_owes_only_those_kinds(small):
    report = sq.check(select(small, kinds=["lead"]))
    # m1 and m3 handed in a lead; m2's and m4's are missing.
    assert {m.member_id: m.complete for m in report.members} == {
        "m1": True, "m2": False, "m3": True, "m4": False,
    }  # fmt: skip
    assert dict(report.member("m2").missing) == {sq.SubmissionKind.LEAD: 1}


def test_phase_by_number_and_name(small):
    first = select(small, phase=1)
    # Phase 1 runs to 2017-07-31; v3 (08-01) and v6 (08-30) belong to phase 2.
    # v5 and v7 are outside the window and stay, to be reported as such.
    assert [v.id for v in first.visits] == ["v1", "v2", "v4", "v5", "v7"]
    second = select(small, phase="督查推动和总结提高阶段")
    assert [v.id for v in second.visits] == ["v3", "v5", "v6", "v7"]
    assert sq.summarize(first).total.visited[sq.Circle.SECTOR] == 8
    assert sq.summarize(second).total.visited[sq.Circle.LIFE] == 1


def test_phase_selection_splits_the_summary(demo):
    first, second = select(demo, phase=1), select(demo, phase=2)
    whole = sq.summarize(demo).total
    parts = sq.summarize(first).total + sq.summarize(second).total
    assert parts.visited == whole.visited
    assert parts.submitted == whole.submitted


def test_a_link_to_a_visit_of_another_phase_is_dropped_not_left_dangling(small):
    import attrs

    moved = attrs.evolve(
        small, submissions=(attrs.evolve(small.submissions[2], visit_id="v2"),)
    )  # s3 (08-02) cites v2 (07-20)
    part = select(moved, phase=2)
    assert part.submissions[0].visit_id is None
    assert sq.validate(part) == []


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"groups": ["g9"]}, "no group has id 'g9' (the groups: g1, g2, g3)"),
        (
            {"offices": ["宣传委"]},
            "no group is supervised by '宣传委' (the offices: 经济委、办公室)",
        ),
        ({"kinds": ["rumour"]}, "'rumour' is not a submission kind"),
        (
            {"phase": "3"},
            "'3' is not a phase of the plan (the phases: 1 调研摸排和解难献策阶段; "
            "2 督查推动和总结提高阶段)",
        ),
    ],
)
def test_unknown_parts_are_errors(small, parts, message):
    with pytest.raises(SelectionError) as info:
        select(small, **parts)
    assert message in str(info.value)


def test_describe(small):
    selection = Selection.of(offices=["经济委"], kinds=["lead"], phase=1)
    assert selection.describe(small) == (
        "调研摸排和解难献策阶段（截至7月31日）；经济委联系的组；“双招双引”信息"
    )
