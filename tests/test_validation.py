"""Every fault in one pass, each located by its JSON path, integrity included."""

from __future__ import annotations

import json

import attrs
import pytest

import sanquan_core as sq

from .campaigns import DATA


def load_problems(doc) -> list[sq.Problem]:
    with pytest.raises(sq.ValidationError) as info:
        sq.loads(json.dumps(doc, ensure_ascii=False))
    return list(info.value.problems)


def small_doc():
    return json.loads((DATA / "small.json").read_text(encoding="utf-8"))


def test_ten_mistakes_give_ten_located_sentences():
    with pytest.raises(sq.ValidationError) as info:
        sq.load(DATA / "ten_mistakes.json")
    got = [(p.path, p.code) for p in info.value.problems]
    assert got == [
        ("plan.phases[1].ends_on", "order"),
        ("groups[1].kind", "enum"),
        ("members[0].group_id", "unknown_reference"),
        ("members[1].bodies[1]", "unknown_reference"),
        ("members[3].id", "duplicate_id"),
        ("visits[0].headcount", "range"),
        ("visits[1].visited_on", "date"),
        ("visits[2].member_id", "unknown_reference"),
        ("submissions[0].visit_id", "foreign_visit"),
        ("submissions[1].titel", "unknown_field"),
    ]
    messages = [p.message for p in info.value.problems]
    assert messages[8] == "visit 'v4' was made by member 'm2', not by 'm1' who hands in this item"
    assert messages[9] == "unknown field 'titel'; did you mean 'title'?"
    # Sentences for people name the record, its member and the field, not the index.
    sentences = [p.sentence for p in info.value.problems]
    assert sentences[2] == "member m1 (张三), group_id: no group has id 'g9'"
    assert sentences[7] == "visit v3, member_id: no member has id 'm8'"
    assert sentences[9] == "submission s2 (张三): unknown field 'titel'; did you mean 'title'?"
    assert [(p.record_id, p.member) for p in info.value.problems][5:7] == [
        ("v1", "张三"),
        ("v2", "张三"),
    ]
    assert info.value.problems[6].pointer == "/visits/1/visited_on"


def test_problem_str_is_path_then_sentence():
    problem = sq.Problem("visits[3].circle", "'x' is not a circle", "enum")
    assert str(problem) == "visits[3].circle: 'x' is not a circle"


def test_a_bad_record_does_not_hide_the_next_ones():
    doc = small_doc()
    doc["visits"][0]["headcount"] = "三"
    doc["visits"][0]["circle"] = "圈"
    doc["visits"][5]["visited_on"] = 20170830
    paths = [p.path for p in load_problems(doc)]
    assert paths == ["visits[0].circle", "visits[0].headcount", "visits[5].visited_on"]


def test_references_to_an_unreadable_record_are_not_reported_twice():
    doc = small_doc()
    doc["members"][0]["phone"] = 13800000001  # m1 cannot be read...
    problems = load_problems(doc)
    # ...but its visits and items still point at a member that exists.
    assert [p.path for p in problems] == ["members[0].phone"]


def test_duplicate_of_an_unreadable_record_is_still_found():
    doc = small_doc()
    doc["visits"][0]["headcount"] = -1.5
    doc["visits"][1]["id"] = "v1"
    doc["submissions"][1]["visit_id"] = "v1"
    assert [(p.path, p.code) for p in load_problems(doc)] == [
        ("visits[0].headcount", "type"),
        ("visits[1].id", "duplicate_id"),
    ]


def test_missing_required_fields_name_the_form_caption():
    doc = small_doc()
    del doc["visits"][2]["target"]
    del doc["members"][1]["group_id"]
    messages = [str(p) for p in load_problems(doc)]
    assert messages == [
        "members[1].group_id: missing: a member needs its 'group_id' (所在委员工作（联络）组)",
        "visits[2].target: missing: a visit needs its 'target' (走访对象)",
    ]


def test_blank_names_and_ids():
    doc = small_doc()
    doc["groups"][0]["name"] = "  "
    doc["visits"][0]["target"] = ""
    doc["submissions"][0]["id"] = ""
    assert [(p.path, p.code) for p in load_problems(doc)] == [
        ("groups[0].name", "empty"),
        ("visits[0].target", "empty"),
        ("submissions[0].id", "empty"),
    ]


def test_phases_and_start():
    doc = small_doc()
    doc["plan"]["phases"] = []
    doc["plan"]["starts_on"] = "2017-07-11"
    assert [str(p) for p in load_problems(doc)] == [
        "plan.phases: the plan needs at least one phase"
    ]
    doc["plan"]["phases"] = [{"name": "一", "ends_on": "2017-07-01"}]
    assert [p.code for p in load_problems(doc)] == ["order"]


def test_plan_integrity_is_checked_even_when_the_plan_has_a_type_error():
    doc = small_doc()
    doc["plan"]["quotas"] = {"lead": "一"}
    doc["plan"]["phases"][1]["ends_on"] = "2017-07-01"
    doc["members"][0]["bodies"] = ["nowhere"]
    assert [(p.path, p.code) for p in load_problems(doc)] == [
        ("plan.quotas.lead", "type"),
        ("plan.phases[1].ends_on", "order"),
        ("members[0].bodies[0]", "unknown_reference"),
    ]


def test_quota_keys_take_labels_and_values_must_be_counts():
    doc = small_doc()
    doc["plan"]["quotas"] = {"社情民意信息": 2, "suggestion": 0}
    plan = sq.loads(json.dumps(doc)).plan
    assert plan.quota(sq.SubmissionKind.OPINION) == 2
    assert plan.quota(sq.SubmissionKind.SUGGESTION) == 0
    assert plan.quota(sq.SubmissionKind.LEAD) == 1
    doc["plan"]["quotas"] = {"opinion": -1, "x": 1}
    assert [(p.path, p.code) for p in load_problems(doc)] == [
        ("plan.quotas.opinion", "range"),
        ("plan.quotas.x", "enum"),
    ]


def test_body_listed_twice():
    doc = small_doc()
    doc["members"][0]["bodies"] = ["dongtai", "dongtai"]
    assert [str(p) for p in load_problems(doc)] == [
        "members[0].bodies[1]: 'dongtai' is listed twice"
    ]


def test_unknown_references_suggest_a_close_id():
    doc = small_doc()
    doc["visits"][0]["member_id"] = "m11"
    (problem,) = load_problems(doc)
    assert problem.message == "no member has id 'm11'; did you mean 'm1'?"


def test_not_an_object_at_all():
    with pytest.raises(sq.ValidationError) as info:
        sq.loads("[1, 2]")
    assert [str(p) for p in info.value.problems] == [
        "a sanquan/1 document is a JSON object {...}, got a list"
    ]


def test_sections_must_be_lists():
    doc = small_doc()
    doc["visits"] = {"v1": {}}
    assert [str(p) for p in load_problems(doc)] == [
        "visits: expected a list of records, got an object"
    ]


def test_problems_come_in_document_order():
    doc = small_doc()
    doc["submissions"][0]["kind"] = "?"
    doc["plan"]["title"] = ""
    doc["members"][2]["group_id"] = "?"
    doc["zzz"] = 1
    paths = [p.path for p in load_problems(doc)]
    assert paths == ["plan.title", "members[2].group_id", "submissions[0].kind", "zzz"]


class TestValidateInCode:
    """sq.validate checks a Campaign built in code, with the same paths."""

    def test_valid_campaign_has_no_problems(self, small):
        assert sq.validate(small) == []

    def test_integrity_problems_of_objects(self, small):
        broken = attrs.evolve(
            small,
            visits=(*small.visits, attrs.evolve(small.visits[0], headcount=0)),
            submissions=(attrs.evolve(small.submissions[0], visit_id="v4"),),
        )
        assert [(p.path, p.code) for p in sq.validate(broken)] == [
            ("visits[7].id", "duplicate_id"),
            ("visits[7].headcount", "range"),
            ("submissions[0].visit_id", "foreign_visit"),
        ]

    def test_validation_error_carries_problems_for_portals(self):
        doc = small_doc()
        doc["visits"][0]["circle"] = "x"
        with pytest.raises(sq.ValidationError) as info:
            sq.loads(json.dumps(doc))
        (problem,) = info.value.problems
        assert (problem.path, problem.code) == ("visits[0].circle", "enum")
        assert isinstance(info.value, ValueError)
