"""The follow-up ledger: reading, validation, statuses and tallies worked out by hand.

The ledger below is laid on tests/data/small.json (plan ends 2017-08-31,
reply limit 30 days; g1 and g3 are supervised by 经济委, g2 by 办公室):

- s1 (m1, g1, suggestion, 2017-07-16): turned into proposal 123 on 07-20,
  handed to 住建局 and to 交通局 on 07-25; 住建局 replies on 08-30 (36 days:
  late); 交通局 never replies; adopted by the city (09-05) and the
  prefecture (09-10) CPPCC; closed on 09-20.
- s4 (m2, g1, suggestion): no events, but its own ``follow_up`` is topic.
- v6 (m3, g2, visit of 2017-08-30): solved together (08-31), handed to
  安丰镇政府 on 09-01, replied (no unit named) on 09-10 (9 days), a city
  leader's instruction on 09-11, rated 基本满意 on 09-12.
- s7 (m3, g2, lead, 2017-08-31): adopted by the national CPPCC on 09-15.

Without ``as_of`` the ledger stands at its last event, 2017-09-20 (later
than the plan's end): 交通局 has waited 09-20 − 07-25 = 57 days: overdue.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given

import sanquan_core as sq
from sanquan_core.cli import main

from . import strategies
from .campaigns import DATA

E, L, S = sq.Event, sq.Level, sq.Satisfaction
K, C = sq.SubmissionKind, sq.Circle

LEDGER: list[dict[str, Any]] = [
    {"id": "e1", "submission_id": "s1", "on": "2017-07-20", "event": "proposal", "ref": "123"},
    {"id": "e2", "submission_id": "s1", "on": "2017-07-25", "event": "交办", "unit": "住建局"},
    {"id": "e3", "submission_id": "s1", "on": "2017-07-25", "event": "assigned", "unit": "交通局"},
    {"id": "e4", "submission_id": "s1", "on": "2017-08-30", "event": "replied", "unit": "住建局"},
    {"id": "e5", "submission_id": "s1", "on": "2017-09-10", "event": "采用", "level": "盐城市政协"},
    {"id": "e6", "submission_id": "s1", "on": "2017-09-05", "event": "adopted", "level": "city"},
    {"id": "e7", "submission_id": "s1", "on": "2017-09-20", "event": "办结"},
    {"id": "e8", "visit_id": "v6", "on": "2017-08-31", "event": "协同解决"},
    {"id": "e9", "visit_id": "v6", "on": "2017-09-01", "event": "assigned", "unit": "安丰镇政府"},
    {"id": "e10", "visit_id": "v6", "on": "2017-09-10", "event": "答复"},
    {
        "id": "e11",
        "visit_id": "v6",
        "on": "2017-09-12",
        "event": "satisfaction",
        "note": "基本满意",
    },
    {"id": "e12", "visit_id": "v6", "on": "2017-09-11", "event": "领导批示", "level": "市政协"},
    {
        "id": "e13",
        "submission_id": "s7",
        "on": "2017-09-15",
        "event": "adopted",
        "level": "全国政协",
    },
]


def small_doc(ledger: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    doc["submissions"][3]["follow_up"] = "topic"  # s4
    if ledger is not None:
        doc["follow_ups"] = ledger
    return doc


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return sq.loads(json.dumps(small_doc(LEDGER), ensure_ascii=False))


def problems_of(doc: dict[str, Any]) -> list[sq.Problem]:
    with pytest.raises(sq.ValidationError) as info:
        sq.loads(json.dumps(doc, ensure_ascii=False))
    return info.value.problems


# -- reading and writing ---------------------------------------------------------


def test_labels_are_read_and_values_written(campaign):
    e2, e5 = campaign.follow_ups[1], campaign.follow_ups[4]
    assert (e2.event, e2.unit) == (E.ASSIGNED, "住建局")
    assert (e5.event, e5.level) == (E.ADOPTED, L.PREFECTURE)
    written = json.loads(sq.dump(campaign))["follow_ups"]
    assert written[1] == {
        "id": "e2",
        "submission_id": "s1",
        "on": "2017-07-25",
        "event": "assigned",
        "unit": "住建局",
    }
    assert written[4]["level"] == "prefecture"
    assert sq.dump(sq.loads(sq.dump(campaign))) == sq.dump(campaign)


def test_a_file_without_a_ledger_writes_no_ledger():
    text = (DATA / "small.json").read_text(encoding="utf-8")
    campaign = sq.loads(text)
    assert campaign.follow_ups == ()
    assert campaign.plan.reply_days == 30
    dumped = json.loads(sq.dump(campaign))
    assert "follow_ups" not in dumped
    assert "reply_days" not in dumped["plan"]


def test_the_demo_round_trips_byte_for_byte():
    from sanquan_core._demo import demo_bytes

    assert sq.dump(sq.load_demo()).encode("utf-8") == demo_bytes()


def test_events_are_indexed_by_their_record(campaign):
    s1 = campaign.submission("s1")
    assert [e.id for e in campaign.follow_ups_of(s1)] == [f"e{n}" for n in range(1, 8)]
    assert [e.id for e in campaign.follow_ups_of(campaign.visit("v6"))] == [
        "e8",
        "e9",
        "e10",
        "e11",
        "e12",
    ]
    assert campaign.follow_ups_of(campaign.visit("v1")) == ()


# -- one located problem each ---------------------------------------------------------

HOSTILE: dict[str, tuple[list[dict[str, Any]], str, str]] = {
    "unknown record": (
        [{"id": "x1", "submission_id": "s99", "on": "2017-08-01", "event": "closed"}],
        "follow_ups[0].submission_id",
        "unknown_reference",
    ),
    "unknown visit": (
        [{"id": "x1", "visit_id": "v99", "on": "2017-08-01", "event": "topic"}],
        "follow_ups[0].visit_id",
        "unknown_reference",
    ),
    "reply before hand-over": (
        [
            {"id": "x1", "submission_id": "s1", "on": "2017-08-05", "event": "assigned"},
            {"id": "x2", "submission_id": "s1", "on": "2017-08-01", "event": "replied"},
        ],
        "follow_ups[1].on",
        "order",
    ),
    "reply without any hand-over": (
        [{"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "答复"}],
        "follow_ups[0].on",
        "order",
    ),
    "closing before the reply": (
        [
            {"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "assigned"},
            {"id": "x2", "submission_id": "s1", "on": "2017-08-20", "event": "replied"},
            {"id": "x3", "submission_id": "s1", "on": "2017-08-10", "event": "closed"},
        ],
        "follow_ups[2].on",
        "order",
    ),
    "event before the item": (  # s1 is dated 2017-07-16
        [{"id": "x1", "submission_id": "s1", "on": "2017-07-10", "event": "proposal"}],
        "follow_ups[0].on",
        "order",
    ),
    "missing level": (
        [{"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "adopted"}],
        "follow_ups[0].level",
        "missing",
    ),
    "instruction without a level": (
        [{"id": "x1", "visit_id": "v1", "on": "2017-08-01", "event": "领导批示"}],
        "follow_ups[0].level",
        "missing",
    ),
    "bad satisfaction note": (
        [
            {
                "id": "x1",
                "submission_id": "s1",
                "on": "2017-08-01",
                "event": "satisfaction",
                "note": "很好",
            }
        ],
        "follow_ups[0].note",
        "enum",
    ),
    "satisfaction without a note": (
        [{"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "satisfaction"}],
        "follow_ups[0].note",
        "missing",
    ),
    "both ids": (
        [
            {
                "id": "x1",
                "submission_id": "s1",
                "visit_id": "v1",
                "on": "2017-08-01",
                "event": "topic",
            }
        ],
        "follow_ups[0].visit_id",
        "ambiguous_reference",
    ),
    "neither id": (
        [{"id": "x1", "on": "2017-08-01", "event": "topic"}],
        "follow_ups[0].submission_id",
        "missing",
    ),
    "unknown event": (
        [{"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "转给领导"}],
        "follow_ups[0].event",
        "enum",
    ),
    "unknown level": (
        [
            {
                "id": "x1",
                "submission_id": "s1",
                "on": "2017-08-01",
                "event": "adopted",
                "level": "县政协",
            }
        ],
        "follow_ups[0].level",
        "enum",
    ),
    "slashed date": (
        [{"id": "x1", "submission_id": "s1", "on": "2017/8/1", "event": "topic"}],
        "follow_ups[0].on",
        "date",
    ),
    "duplicate id": (
        [
            {"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "topic"},
            {"id": "x1", "submission_id": "s2", "on": "2017-08-01", "event": "topic"},
        ],
        "follow_ups[1].id",
        "duplicate_id",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_fault_is_one_located_problem(name):
    ledger, path, code = HOSTILE[name]
    problems = problems_of(small_doc(ledger))
    assert [(p.path, p.code) for p in problems] == [(path, code)]
    problem = problems[0]
    index = int(path[11])
    assert problem.loc[:2] == ("follow_ups", index)
    assert problem.record_id == ledger[index]["id"]
    assert problem.sentence.startswith(f"follow-up event {ledger[index]['id']}")


def test_a_reply_on_the_day_of_the_hand_over_is_in_order():
    doc = small_doc(
        [
            {"id": "x1", "submission_id": "s1", "on": "2017-08-01", "event": "assigned"},
            {"id": "x2", "submission_id": "s1", "on": "2017-08-01", "event": "replied"},
            {"id": "x3", "submission_id": "s1", "on": "2017-08-01", "event": "closed"},
        ]
    )
    sq.loads(json.dumps(doc, ensure_ascii=False))


def test_a_bad_reply_time_is_located():
    doc = small_doc()
    doc["plan"]["reply_days"] = 0
    assert [(p.path, p.code) for p in problems_of(doc)] == [("plan.reply_days", "range")]


def test_validate_checks_a_ledger_built_in_code():
    base = sq.loads(json.dumps(small_doc()))
    events = (
        sq.FollowUpEvent(id="x1", submission_id="s1", on=date(2017, 8, 5), event=E.ASSIGNED),
        sq.FollowUpEvent(id="x2", submission_id="s1", on=date(2017, 8, 1), event=E.REPLIED),
        sq.FollowUpEvent(id="x3", visit_id="v1", on=date(2017, 8, 1), event=E.ADOPTED),
    )
    problems = sq.validate(attrs.evolve(base, follow_ups=events))
    assert [(p.path, p.code) for p in problems] == [
        ("follow_ups[1].on", "order"),
        ("follow_ups[2].level", "missing"),
    ]


# -- statuses and tallies, by hand -----------------------------------------------------


def test_item_statuses_by_hand(campaign):
    book = sq.ledger(campaign)
    assert book.as_of == date(2017, 9, 20)  # the last event, after the plan's end
    assert [(i.section, i.record_id) for i in book.items] == [
        ("visits", "v6"),
        ("submissions", "s1"),
        ("submissions", "s4"),
        ("submissions", "s7"),
    ]
    s1 = book.item(campaign.submission("s1"))
    assert s1 is not None
    assert (s1.transferred, s1.ref, s1.stage) == (E.PROPOSAL, "123", sq.Stage.CLOSED)
    # 住建局: 07-25 → 08-30 is 6 + 31 − 1 = 36 days, beyond 30: late.
    # 交通局: no reply; 07-25 → 09-20 is 57 days: overdue.
    assert [(u.unit, u.replied_on, u.days, u.late, u.overdue) for u in s1.units] == [
        ("住建局", date(2017, 8, 30), 36, True, False),
        ("交通局", None, 57, False, True),
    ]
    assert (s1.adopted, s1.level) == ((L.CITY, L.PREFECTURE), L.PREFECTURE)
    assert s1.closed_on == date(2017, 9, 20)
    assert sq.status_line(s1) == (
        "已转化为提案第123号；已交办住建局、交通局；已答复（超过30天时限）；"
        "交通局已57天未答复，已超期；已办结；被市政协、盐城市政协采用"
    )

    v6 = book.item(campaign.visit("v6"))
    assert v6 is not None
    # 09-01 → 09-10: 9 days, in time; the reply names no unit, so it answers 安丰镇政府.
    assert [(u.unit, u.days, u.late, u.overdue) for u in v6.units] == [
        ("安丰镇政府", 9, False, False)
    ]
    assert (v6.stage, v6.instructed, v6.satisfaction) == (
        sq.Stage.REPLIED,
        (L.CITY,),
        S.FAIRLY,
    )
    assert sq.status_line(v6) == (
        "已转为协同解决；已交办安丰镇政府；已答复；获市政协领导批示；满意度测评：基本满意"
    )

    s4 = book.item(campaign.submission("s4"))  # its own follow_up field, read as an event
    assert s4 is not None
    assert (s4.transferred, s4.stage, s4.events) == (E.TOPIC, sq.Stage.TRANSFERRED, ())
    assert sq.status_line(s4) == "已转化为调研课题"

    s7 = book.item(campaign.submission("s7"))
    assert s7 is not None
    assert (s7.stage, s7.level) == (sq.Stage.NONE, L.NATIONAL)
    assert sq.status_line(s7) == "被全国政协采用"
    assert book.item(campaign.submission("s2")) is None


def test_tallies_by_hand(campaign):
    book = sq.ledger(campaign)
    total = book.total
    # items v6, s1, s4, s7; transfers: s1 proposal, s4 topic, v6 coordination;
    # handed over and replied: s1, v6; late: s1 (住建局); overdue: s1 (交通局).
    assert (total.items, total.assigned, total.replied, total.replied_late) == (4, 2, 2, 1)
    assert (total.overdue, total.closed, total.instructed) == (1, 1, 1)
    assert dict(total.transferred) == {E.PROPOSAL: 1, E.TOPIC: 1, E.COORDINATION: 1}
    # s1 counts at the city and the prefecture; s7 at the national level.
    assert dict(total.adopted) == {L.CITY: 1, L.PREFECTURE: 1, L.PROVINCE: 0, L.NATIONAL: 1}
    assert dict(total.satisfaction) == {S.SATISFIED: 0, S.FAIRLY: 1, S.DISSATISFIED: 0}

    kinds = {
        k: (t.items, t.assigned, t.overdue, sum(t.adopted.values()))
        for k, t in book.by_kind.items()
    }
    assert kinds == {
        "suggestion": (2, 1, 1, 2),  # s1, s4
        "opinion": (0, 0, 0, 0),
        "lead": (1, 0, 0, 1),  # s7
        "visit": (1, 1, 0, 0),  # v6
    }
    offices = {k: (t.items, t.replied, t.overdue, t.instructed) for k, t in book.by_office.items()}
    # 经济委: s1, s4 (g1); 办公室: v6, s7 (g2)
    assert offices == {"经济委": (2, 1, 1, 0), "办公室": (2, 1, 0, 1)}
    units = {
        k: (t.items, t.replied, t.replied_late, t.overdue, t.closed)
        for k, t in book.by_unit.items()
    }
    # in the order of first hand-over: v6's unit first (visits come first)
    assert list(units) == ["安丰镇政府", "住建局", "交通局"]
    assert units == {
        "安丰镇政府": (1, 1, 0, 0, 0),
        "住建局": (1, 1, 1, 0, 1),
        "交通局": (1, 0, 0, 1, 1),
    }


def test_as_of_the_plans_end(campaign):
    book = sq.ledger(campaign, as_of=date(2017, 8, 31))
    # s7 has no event by then; v6 (08-30) has its coordination of 08-31.
    assert [i.record_id for i in book.items] == ["v6", "s1", "s4"]
    s1 = book.item(campaign.submission("s1"))
    assert s1 is not None
    # 交通局: 07-25 → 08-31 is 37 days: overdue; 住建局 replied after 36: late.
    assert [(u.unit, u.days, u.late, u.overdue) for u in s1.units] == [
        ("住建局", 36, True, False),
        ("交通局", 37, False, True),
    ]
    assert (s1.stage, s1.adopted) == (sq.Stage.REPLIED, ())
    assert (book.total.assigned, book.total.replied, book.total.closed) == (1, 1, 0)
    assert sum(book.total.adopted.values()) == 0


def test_overdue_starts_the_day_after_the_limit(campaign):
    # 07-25 + 30 days = 08-24: not yet overdue; on 08-25 (31 days) both units are.
    on_the_limit = sq.ledger(campaign, as_of=date(2017, 8, 24))
    assert on_the_limit.total.overdue == 0
    past = sq.ledger(campaign, as_of=date(2017, 8, 25))
    assert past.total.overdue == 1  # one item
    assert {k: t.overdue for k, t in past.by_unit.items()} == {"住建局": 1, "交通局": 1}
    s1 = past.item(campaign.submission("s1"))
    assert s1 is not None
    assert sq.status_line(s1) == (
        "已转化为提案第123号；已交办住建局、交通局；住建局已31天未答复，已超期；交通局已31天未答复，已超期"
    )


def test_the_plan_sets_the_limit():
    doc = small_doc(LEDGER)
    doc["plan"]["reply_days"] = 40
    campaign = sq.loads(json.dumps(doc, ensure_ascii=False))
    book = sq.ledger(campaign)
    # 36 days is within 40: not late; 57 still beyond: overdue.
    assert (book.total.replied_late, book.total.overdue, book.reply_days) == (0, 1, 40)
    assert json.loads(sq.dump(campaign))["plan"]["reply_days"] == 40


def test_a_later_transfer_replaces_the_field():
    doc = small_doc(
        [{"id": "x1", "submission_id": "s4", "on": "2017-08-01", "event": "proposal", "ref": "7"}]
    )
    campaign = sq.loads(json.dumps(doc, ensure_ascii=False))
    s4 = sq.ledger(campaign).item(campaign.submission("s4"))
    assert s4 is not None
    assert (s4.transferred, sq.status_line(s4)) == (E.PROPOSAL, "已转化为提案第7号")


def test_the_ledger_as_json(campaign):
    data = json.loads(json.dumps(sq.ledger(campaign).as_dict(), ensure_ascii=False))
    assert data["as_of"] == "2017-09-20"
    assert data["total"]["adopted"] == {"city": 1, "prefecture": 1, "province": 0, "national": 1}
    s1 = data["items"][1]
    assert (s1["record_id"], s1["level"], s1["stage"]) == ("s1", "prefecture", "closed")
    assert s1["status"].startswith("已转化为提案第123号")


def test_a_selection_keeps_the_events_of_what_it_keeps(campaign):
    # g2 holds m3 and m4: v6 and s7 stay, with their events e8–e13.
    part = sq.select(campaign, groups=["g2"])
    assert [e.id for e in part.follow_ups] == ["e8", "e9", "e10", "e11", "e12", "e13"]
    assert sq.validate(part) == []


def test_redaction_masks_notes_and_keeps_ratings(campaign):
    note = {"id": "x9", "submission_id": "s1", "on": "2017-08-01", "event": "topic"}
    note["note"] = "联系人电话13800000001"
    doc = small_doc([*LEDGER, note])
    masked = sq.redact(sq.loads(json.dumps(doc, ensure_ascii=False)))
    assert masked.follow_ups[-1].note == "联系人电话138****0001"
    assert masked.follow_ups[10].note == "基本满意"


# -- completion as it stood -------------------------------------------------------------


def test_check_as_of_by_hand(small):
    # By 2017-07-20 only s1 (m1), s4 and s5 (m2, both suggestions) are in:
    # every member owes something; m1 visited the sector and life circles.
    report = sq.check(small, as_of=date(2017, 7, 20))
    assert {m.member_id: dict(m.missing) for m in report.members} == {
        "m1": {K.OPINION: 1, K.LEAD: 1},
        "m2": {K.OPINION: 1, K.LEAD: 1},
        "m3": {K.SUGGESTION: 1, K.OPINION: 1, K.LEAD: 1},
        "m4": {K.SUGGESTION: 1, K.OPINION: 1, K.LEAD: 1},
    }
    assert report.member("m1").uncovered_circles == (C.FRIENDS,)
    # v7 (07-05) is before the window; v5 and s6 (September) are not yet there.
    assert report.outside_window.as_dict() == {"visits": ["v7"], "submissions": []}
    assert report.as_dict()["as_of"] == "2017-07-20"
    assert "as_of" not in sq.check(small).as_dict()


def test_check_as_of_drops_a_visit_an_earlier_item_cites(small):
    # s1 (07-16) made to cite v3 (08-01): as of 07-31 the visit is not there yet.
    moved = attrs.evolve(
        small,
        submissions=tuple(
            attrs.evolve(s, visit_id="v3") if s.id == "s1" else s for s in small.submissions
        ),
    )
    assert any(f.rule == "before-visit" for f in sq.check(moved).findings)
    report = sq.check(moved, as_of=date(2017, 7, 31))
    assert not any(f.rule == "before-visit" for f in report.findings)
    assert report.member("m1").submitted[sq.SubmissionKind.SUGGESTION] == 1


def test_cli_check_as_of(capsys):
    path = str(DATA / "small.json")
    assert main(["check", path, "--as-of", "2017-07-20", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["as_of"], report["incomplete"]) == ("2017-07-20", 4)


@pytest.mark.parametrize("bad", ["2017-13-01", "20170731", "2017-W31-1", "7/31", ""])
def test_cli_check_refuses_a_bad_date(bad, capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", str(DATA / "small.json"), "--as-of", bad])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "is not a date written YYYY-MM-DD (for example 2017-07-31)" in err
    assert "Traceback" not in err


@given(strategies.campaigns())
def test_any_ledger_is_valid_round_trips_and_adds_up(campaign):
    assert sq.validate(campaign) == []
    again = sq.loads(sq.dump(campaign))
    assert again.follow_ups == campaign.follow_ups
    book = sq.ledger(campaign)
    total = book.total
    assert total.items == sum(t.items for t in book.by_kind.values())
    assert total.items == sum(t.items for t in book.by_office.values())
    assert total.overdue <= total.assigned
    assert total.replied <= total.items
    assert total.replied_late <= total.replied
    assert total.closed <= total.items
    for item in book.items:
        assert item.transferred is not None  # every history starts with a transfer here
        line = sq.status_line(item)
        assert line.startswith("已转")
    json.dumps(book.as_dict(), ensure_ascii=False)
