"""三个一 completion, group rates, the reminder list; worked out by hand on small.json.

By hand: m1 handed in one of each inside the window: complete. m2 has two
suggestions, but its opinion s6 is dated 2017-09-01, outside: owes an
opinion and a lead. m3 has a lead only: owes a suggestion and an opinion.
m4 has nothing. g1: 1 of 2 complete; g2: 0 of 2; g3 has no members.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

import sanquan_core as sq
from sanquan_core.rules import Finding, Rule

from . import strategies

K, C = sq.SubmissionKind, sq.Circle


def test_member_statuses_by_hand(small):
    report = sq.check(small)
    assert {m.member_id: dict(m.missing) for m in report.members} == {
        "m1": {},
        "m2": {K.OPINION: 1, K.LEAD: 1},
        "m3": {K.SUGGESTION: 1, K.OPINION: 1},
        "m4": {K.SUGGESTION: 1, K.OPINION: 1, K.LEAD: 1},
    }
    assert report.incomplete == 3
    assert report.member("m1").complete
    assert report.member("m2").submitted[K.SUGGESTION] == 2


def test_group_rates_by_hand(small):
    groups = {g.group_id: (g.members, g.complete, g.rate) for g in sq.check(small).groups}
    assert groups == {"g1": (2, 1, 0.5), "g2": (2, 0, 0.0), "g3": (0, 0, None)}


def test_reminders_by_office_then_group(small):
    reminders = [(r.office, r.group_id, r.member_ids) for r in sq.check(small).reminders]
    assert reminders == [("经济委", "g1", ("m2",)), ("办公室", "g2", ("m3", "m4"))]


def test_reminders_group_offices_together():
    # g1 and g3 share an office but g2 stands between them in plan order.
    doc = json.loads(sq.dump(sq.load_demo()))
    demo = sq.loads(json.dumps(doc))
    report = sq.check(demo)
    offices = [r.office for r in report.reminders]
    # each office appears in one contiguous run
    runs = [o for i, o in enumerate(offices) if i == 0 or offices[i - 1] != o]
    assert len(runs) == len(set(runs))


def test_outside_window_lists_ids(small):
    out = sq.check(small).outside_window
    assert out.visits == ("v5", "v7")
    assert out.submissions == ("s6",)


def test_circle_coverage_counts_only_the_window(small):
    report = sq.check(small)
    assert report.member("m1").uncovered_circles == ()
    assert report.member("m2").uncovered_circles == (C.LIFE, C.FRIENDS)
    assert report.member("m3").uncovered_circles == (C.SECTOR, C.FRIENDS)  # v7 is outside


def test_quotas_come_from_the_plan(small):
    plan = attrs.evolve(small.plan, quotas={K.SUGGESTION: 2, K.OPINION: 0, K.LEAD: 1})
    report = sq.check(attrs.evolve(small, plan=plan))
    assert dict(report.member("m1").missing) == {K.SUGGESTION: 1}
    assert dict(report.member("m2").missing) == {K.LEAD: 1}


def test_check_json_shape(small):
    data = sq.check(small).as_dict()
    assert data["members"][1] == {
        "member_id": "m2",
        "complete": False,
        "missing": {"opinion": 1, "lead": 1},
        "uncovered_circles": ["life", "friends"],
    }
    assert data["groups"][0] == {"group_id": "g1", "members": 2, "complete": 1, "rate": 0.5}
    assert data["reminders"][0] == {
        "office": "经济委",
        "group_id": "g1",
        "group": "经济界委员工作组",
        "member_ids": ["m2"],
        "member_names": ["李四"],
    }
    assert data["outside_window"] == {"visits": ["v5", "v7"], "submissions": ["s6"]}
    assert data["incomplete"] == 3
    assert data["findings"] == []
    json.dumps(data)  # plain JSON types only


class TestBuiltinRules:
    def test_kind_circle(self, small):
        subs = list(small.submissions)
        subs[2] = attrs.evolve(subs[2], visit_id="v2")  # a lead from a life-circle visit
        findings = sq.check(attrs.evolve(small, submissions=tuple(subs))).findings
        assert [(f.rule, f.record_id, f.member_id) for f in findings] == [
            ("kind-circle", "s3", "m1")
        ]
        assert "生活圈" in findings[0].message
        assert "朋友圈" in findings[0].message

    def test_before_visit(self, small):
        from datetime import date

        early = attrs.evolve(small.submissions[0], submitted_on=date(2017, 7, 14))
        report = sq.check(attrs.evolve(small, submissions=(early, *small.submissions[1:])))
        assert [(f.rule, f.record_id) for f in report.findings] == [("before-visit", "s1")]

    def test_no_rules(self, small):
        moved = attrs.evolve(
            small, submissions=(attrs.evolve(small.submissions[0], visit_id="v2"),)
        )
        assert sq.check(moved, rules=()).findings == ()


class TestPluginRules:
    def test_a_plugin_adds_a_rule(self, small):
        from sanquan_core import plugins

        class Plugin:
            @sq.hookimpl
            def sanquan_register_rules(self):
                return [
                    Rule(
                        "no-phone",
                        "members without a phone",
                        lambda c: (
                            Finding("no-phone", f"{m.name} has no phone", m.id)
                            for m in c.members
                            if not m.phone
                        ),
                    )
                ]

        plugins.register(Plugin(), name="test-rules")
        findings = [f for f in sq.check(small).findings if f.rule == "no-phone"]
        assert [f.member_id for f in findings] == ["m2", "m3", "m4"]

    def test_a_failing_rule_names_itself(self, small):
        from sanquan_core import plugins

        def broken(campaign):
            raise RuntimeError("boom")

        class Plugin:
            @sq.hookimpl
            def sanquan_register_rules(self):
                return [Rule("broken", "fails", broken)]

        plugins.register(Plugin(), name="test-broken")
        with pytest.raises(sq.PluginError, match="the rule 'broken' failed: boom"):
            sq.check(small)


@given(strategies.campaigns())
def test_report_is_consistent(campaign):
    report = sq.check(campaign, rules=())
    incomplete = {m.member_id for m in report.members if not m.complete}
    assert report.incomplete == len(incomplete)
    reminded = [m for r in report.reminders for m in r.member_ids]
    assert sorted(reminded) == sorted(incomplete)
    assert sum(g.complete for g in report.groups) == len(report.members) - len(incomplete)
    for status in report.members:
        for kind, owed in status.missing.items():
            assert status.submitted[kind] + owed == campaign.plan.quota(kind)
