"""sq.progress: the cumulative series and the groups behind pace, counted by hand.

The campaign is tests/campaigns.py's ``paced()``: 52 days from 2017-07-11 to
2017-08-31, phase 1 ending on 07-31 (day 21), so the plan's expected share at
phase 1 is 21/52 ≈ 40.4% and 100% at the end.

=========  =====================================================================
by 07-17   v1 (m1, sector, 2 people), v2 (m3, friends, 3), s1 (m1), s2 (m3)
by 07-24   + v3 (m2, life), s3 (m1 opinion)
by 07-31   + s4 (m1 lead: m1 complete 07-25), v4 (m5), s5–s7 (m5 complete)
by 08-07   + s8, s9 (m2)
by 08-14   + s10 (m2 lead: m2 complete 08-10)
never      v5 (09-05) and s11 (07-01): outside the window
=========  =====================================================================

At 07-31, g1 has 1 of 2 complete (50% ≥ 40.4%), g2 0 of 2 (behind), g3 1 of 1;
at 08-31 g2 is still 0 of 2: behind again.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings

import sanquan_core as sq
from sanquan_core.cli import main

from . import strategies
from .campaigns import paced

K, C = sq.SubmissionKind, sq.Circle
WEEKS = [date(2017, 7, 17), date(2017, 7, 24), date(2017, 7, 31), date(2017, 8, 7)]
WEEKS += [date(2017, 8, 14), date(2017, 8, 21), date(2017, 8, 28), date(2017, 8, 31)]


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return paced()


def counts(point: sq.ProgressPoint) -> tuple[int, ...]:
    """participants, complete, visits, the three kinds' items."""
    return (
        point.participants,
        point.complete,
        point.visits,
        *(point.items[k] for k in K),
    )


def test_weekly_totals_by_hand(campaign):
    report = sq.progress(campaign)
    assert (report.starts_on, report.as_of, report.every) == (
        date(2017, 7, 11),
        date(2017, 8, 31),
        "week",
    )
    # Week ends 07-17, 07-24, 07-31 (also the phase-1 deadline), …, 08-28; then 08-31.
    assert report.days == tuple(WEEKS)
    assert [counts(p) for p in report.total.points] == [
        (2, 0, 2, 2, 0, 0),
        (3, 0, 3, 2, 1, 0),
        (4, 2, 4, 3, 2, 2),
        (4, 2, 4, 4, 3, 2),
        (4, 3, 4, 4, 3, 3),
        (4, 3, 4, 4, 3, 3),
        (4, 3, 4, 4, 3, 3),
        (4, 3, 4, 4, 3, 3),
    ]
    first = report.total.points[0]
    assert dict(first.visited) == {C.SECTOR: 2, C.LIFE: 0, C.FRIENDS: 3}
    assert report.total.members == 5
    assert report.total.last.rate == pytest.approx(3 / 5)
    assert [p.deadline for p in report.total.points] == [
        None,
        None,
        "调研摸排和解难献策阶段",
        None,
        None,
        None,
        None,
        "督查推动和总结提高阶段",
    ]


def test_deadlines_and_the_pace_by_hand(campaign):
    report = sq.progress(campaign)
    assert [(d.ends_on, d.expected) for d in report.deadlines] == [
        (date(2017, 7, 31), pytest.approx(21 / 52)),
        (date(2017, 8, 31), 1.0),
    ]
    assert [(b.group_id, b.ends_on, b.complete, b.members) for b in report.behind] == [
        ("g2", date(2017, 7, 31), 0, 2),
        ("g2", date(2017, 8, 31), 0, 2),
    ]
    assert report.behind[0].pace == pytest.approx(21 / 52)
    assert report.behind[0].office == "经济委"
    # Between the deadlines the expected share rises linearly: 08-15 is day 15 of 31.
    assert report.expected_on(date(2017, 8, 15)) == pytest.approx(21 / 52 + (31 / 52) * 15 / 31)
    assert report.expected_on(date(2017, 7, 11)) == pytest.approx(1 / 52)


def test_the_threshold_is_a_parameter(campaign):
    # g1 is at 50% on 07-31: behind only when the plan expects more than that.
    strict = sq.progress(campaign, expected=[0.6, 1.0])
    assert [(b.group_id, b.ends_on.month) for b in strict.behind] == [
        ("g1", 7),
        ("g2", 7),
        ("g2", 8),
    ]
    at_half = sq.progress(campaign, expected=[0.5, 1.0])
    assert [b.group_id for b in at_half.behind if b.ends_on.month == 7] == ["g2"]
    # Keeping half the pace: at the end 50% is needed; g2 (0%) still misses it.
    half = sq.progress(campaign, tolerance=0.5)
    assert [(b.group_id, b.pace) for b in half.behind] == [
        ("g2", pytest.approx(21 / 104)),
        ("g2", 0.5),
    ]
    assert sq.progress(campaign, tolerance=0).behind == ()


def test_per_group_and_office(campaign):
    report = sq.progress(campaign, by="group")
    assert [s.key for s in report.series] == ["g1", "g2", "g3"]
    g1 = report.series[0]
    assert [p.complete for p in g1.points] == [0, 0, 1, 1, 2, 2, 2, 2]
    assert g1.on(date(2017, 7, 31)).rate == 0.5
    offices = sq.progress(campaign, by="office")
    assert [(s.key, s.members) for s in offices.series] == [("经济委", 4), ("办公室", 1)]
    assert [p.complete for p in offices.series[0].points] == [0, 0, 1, 1, 2, 2, 2, 2]
    assert [p.participants for p in offices.series[0].points] == [2, 3, 3, 3, 3, 3, 3, 3]
    assert sq.progress(campaign).series == ()


def test_every_day_agrees_with_check_as_of(campaign):
    report = sq.progress(campaign, every="day", by="group")
    assert len(report.days) == 52
    assert report.days[0] == date(2017, 7, 11)
    assert report.days[-1] == date(2017, 8, 31)
    for day in (date(2017, 7, 24), date(2017, 7, 25), date(2017, 8, 9), date(2017, 8, 10)):
        checked = sq.check(campaign, as_of=day, rules=())
        stood = {g.group_id: g.complete for g in checked.groups}
        assert {s.key: s.on(day).complete for s in report.series} == stood
    assert report.total.on(date(2017, 7, 24)).complete == 0
    assert report.total.on(date(2017, 7, 25)).complete == 1


@settings(max_examples=40)
@given(strategies.campaigns(max_members=6))
def test_the_last_point_is_the_summary_and_the_check(campaign):
    """At the plan's end the series holds 附件3's numbers and check()'s completion."""
    report = sq.progress(campaign, by="group")
    summary = sq.summarize(campaign)
    checked = sq.check(campaign, rules=())
    last = report.total.last
    assert last.participants == summary.total.participants
    assert dict(last.items) == dict(summary.total.submitted)
    assert dict(last.visited) == dict(summary.total.visited)
    assert last.complete == len(campaign.members) - checked.incomplete
    assert [s.last.complete for s in report.series] == [g.complete for g in checked.groups]
    # Cumulative: nothing ever goes down.
    for series in (report.total, *report.groups):
        for before, after in zip(series.points, series.points[1:], strict=False):
            assert before.on < after.on
            assert before.complete <= after.complete
            assert before.participants <= after.participants
            assert before.visits <= after.visits


def test_as_of_cuts_the_series(campaign):
    report = sq.progress(campaign, as_of=date(2017, 7, 20))
    assert report.days == (date(2017, 7, 17), date(2017, 7, 20))
    assert counts(report.total.last) == (3, 0, 3, 2, 1, 0)
    assert report.behind == ()  # no deadline reached yet
    on_deadline = sq.progress(campaign, as_of=date(2017, 7, 31))
    assert [b.group_id for b in on_deadline.behind] == ["g2"]


def test_bad_options(campaign):
    with pytest.raises(sq.OptionError, match="before the campaign starts") as caught:
        sq.progress(campaign, as_of=date(2017, 7, 1))
    assert caught.value.option == "as_of"
    with pytest.raises(sq.OptionError, match="one share between 0 and 1 per phase"):
        sq.progress(campaign, expected=[0.5])
    with pytest.raises(sq.OptionError, match="tolerance"):
        sq.progress(campaign, tolerance=2)
    with pytest.raises(sq.OptionError, match="week, day"):
        sq.progress(campaign, every="month")  # type: ignore[arg-type]


def test_as_dict_is_json(campaign):
    data = sq.progress(campaign, by="office").as_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["series"][1]["name"] == "办公室"
    assert data["behind"][0]["group_id"] == "g2"
    assert data["total"]["points"][2] == {
        "on": "2017-07-31",
        "participants": 4,
        "complete": 2,
        "rate": 0.4,
        "visits": 4,
        "visited": {"sector": 2, "life": 2, "friends": 3},
        "items": {"suggestion": 3, "opinion": 2, "lead": 2},
        "deadline": "调研摸排和解难献策阶段",
    }


@pytest.fixture
def data_file(tmp_path, campaign):
    path = tmp_path / "paced.json"
    sq.dump(campaign, path)
    return path


def test_cli_json(data_file, capsys):
    assert main(["progress", str(data_file), "--by", "group", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["by"] == "group"
    assert [p["complete"] for p in out["series"][0]["points"]] == [0, 0, 1, 1, 2, 2, 2, 2]
    assert [(b["group_id"], b["ends_on"]) for b in out["behind"]] == [
        ("g2", "2017-07-31"),
        ("g2", "2017-08-31"),
    ]
    assert (
        main(["progress", str(data_file), "--every", "day", "--as-of", "2017-07-25", "--json"]) == 0
    )
    days = json.loads(capsys.readouterr().out)["total"]["points"]
    assert len(days) == 15
    assert days[-1]["complete"] == 1


def test_cli_table_in_chinese(data_file, capsys):
    assert main(["progress", str(data_file), "--lang", "zh", "--by", "office", "--width", "0"]) == 0
    out = capsys.readouterr().out
    assert "进度：2017-07-11至2017-08-31，每周一个点" in out
    assert "经济委（委员4人）" in out
    # The phase-1 row of the whole campaign: 4 taking part, 2 complete, 40%, 4 visits, 3/2/2 items.
    rows = [line.split() for line in out.splitlines() if line.startswith("2017-07-31 *")]
    assert rows[0] == ["2017-07-31", "*", "4", "2", "40%", "4", "3", "2", "2"]
    assert "进度滞后（完成率低于应达完成率的100%）：" in out
    behind = [line.split() for line in out.splitlines() if "工商联界委员工作组" in line]
    assert behind == [
        ["2017-07-31", "工商联界委员工作组", "经济委", "0/2", "0%", "40%"],
        ["2017-08-31", "工商联界委员工作组", "经济委", "0/2", "0%", "100%"],
    ]


def test_cli_narrow_terminal_sums_the_items(data_file, capsys):
    assert main(["progress", str(data_file), "--lang", "en", "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "items" in out
    assert "suggestion" not in out
    row = next(line.split() for line in out.splitlines() if line.startswith("2017-07-31 *"))
    assert row == ["2017-07-31", "*", "4", "2", "40%", "4", "7"]


def test_cli_refuses_a_day_before_the_start(data_file, capsys):
    assert main(["progress", str(data_file), "--lang", "en", "--as-of", "2017-07-01"]) == 2
    assert capsys.readouterr().err.strip() == (
        "sanquan: --as-of: 2017-07-01 is before the campaign starts (2017-07-11)"
    )
    assert main(["progress", str(data_file), "--lang", "zh", "--tolerance", "3"]) == 2
    assert "容差须在 0 到 1 之间" in capsys.readouterr().err
