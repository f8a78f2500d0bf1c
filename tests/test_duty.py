"""Duty points (履职积分): rules in the plan, awards with their records, caps, ranks, documents.

Worked out by hand on tests/data/small.json with the ledger of
tests/test_ledger.py (window 2017-07-11 … 2017-08-31; phase 1 ends 07-31).
The rules: a visit earns 2 (界别圈) or 1 (生活圈, 朋友圈); an item 3
(建议), 2 (社情民意), 4 (双招双引); an adoption 5 (市政协), 8 (盐城市政协),
20 (全国政协); a city leader's instruction 6.

- 张三 m1 (g1): v1 界别 2, v2 生活 1, v3 朋友 1, s1 3, s2 2, s3 4 = 13; s1
  adopted by the city (e6, 5) and the prefecture (e5, 8) = 26.
- 李四 m2 (g1): v4 界别 2; v5 (09-02) is after the window: 0; s4 3, s5 3;
  s6 (09-01) after the window: 0 = 8.
- 王五 m3 (g2): v6 生活 1; v7 (07-05) is before the window: 0; s7 4; v6's
  instruction (e12) 6; s7 adopted nationally (e13) 20 = 31.
- 赵六 m4 (g2): nothing = 0.

Ranks 王五 1, 张三 2, 李四 3, 赵六 4. Groups by average: g1 (26 + 8) / 2 = 17,
g2 31 / 2 = 15.5, g3 (no members) 0.

With a phase cap of 7 and a member cap of 20, in date order:
- 张三: phase 1: v1 2, s1 3, v2 1, then s2 gets 1 of 2 (7 reached); phase 2:
  v3 1, s3 4 (5); after the window: e6 5 (total 17), e5 3 of 8 (20 reached)
  → 20 of 26; by source visit 4, item 8, adopted 8.
- 李四: phase 1: v4 2, s4 3, s5 2 of 3 → 7 of 8.
- 王五: phase 2: v6 1, s7 4; then e12 6 (11), e13 9 of 20 → 20 of 31.
Ranks: 张三 and 王五 share 1 (张三 first: his group comes first), 李四 3, 赵六 4.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core import plugins
from sanquan_core.cli import main

from .readback import flat, needs_ttf, pdf_pages, xlsx_rows
from .test_ledger import LEDGER, small_doc

RULES: dict[str, Any] = {
    "visit": {"sector": 2, "生活圈": 1, "friends": 1},
    "item": {"suggestion": 3, "社情民意信息": 2, "lead": 4},
    "adopted": {"city": 5, "盐城市政协": 8, "national": 20},
    "instructed": {"市政协": 6},
}


def campaign(**rules: Any) -> sq.Campaign:
    doc = small_doc(LEDGER)
    doc["plan"]["points"] = {**RULES, **rules}
    return sq.loads(json.dumps(doc, ensure_ascii=False))


def totals(table: sq.PointsTable) -> list[tuple[int, str, int]]:
    return [(m.rank, m.member.id, m.total) for m in table.members]


def test_points_worked_out_by_hand() -> None:
    table = sq.points(campaign())
    assert totals(table) == [(1, "m3", 31), (2, "m1", 26), (3, "m2", 8), (4, "m4", 0)]
    m1 = table.member("m1")
    assert m1.by_source == {"visit": 4, "item": 9, "adopted": 13, "instructed": 0}
    assert [(a.record_id, a.label, a.points) for a in m1.awards] == [
        ("v1", "界别圈走访", 2),
        ("s1", "经济社会发展建议", 3),
        ("v2", "生活圈走访", 1),
        ("s2", "社情民意信息", 2),
        ("v3", "朋友圈走访", 1),
        ("s3", "“双招双引”信息", 4),
        ("e6", "市政协采用", 5),
        ("e5", "盐城市政协采用", 8),
    ]
    m3 = table.member("m3")
    assert [(a.record_id, a.source, a.points) for a in m3.awards] == [
        ("v6", "visit", 1),
        ("s7", "item", 4),
        ("e12", "instructed", 6),
        ("e13", "adopted", 20),
    ]
    assert [(g.rank, g.group.id, g.total, g.average) for g in table.groups] == [
        (1, "g1", 34, 17.0),
        (2, "g2", 31, 15.5),
        (3, "g3", 0, 0.0),
    ]


def test_caps_per_phase_and_member_keep_the_breakdown() -> None:
    table = sq.points(campaign(phase_cap=7, member_cap=20))
    assert totals(table) == [(1, "m1", 20), (1, "m3", 20), (3, "m2", 7), (4, "m4", 0)]
    m1 = table.member("m1")
    assert m1.earned == 26
    assert [(a.record_id, a.points, a.counted) for a in m1.awards if a.capped] == [
        ("s2", 2, 1),
        ("e5", 8, 3),
    ]
    assert m1.by_source == {"visit": 4, "item": 8, "adopted": 8, "instructed": 0}
    assert [(a.record_id, a.counted) for a in table.member("m3").awards][-1] == ("e13", 9)
    assert [(a.record_id, a.counted) for a in table.member("m2").awards] == [
        ("v4", 2),
        ("s4", 3),
        ("s5", 2),
    ]


def test_as_of_counts_what_stood_on_that_day() -> None:
    # On 07-31: 张三 v1 2, s1 3, v2 1, s2 2 = 8; 李四 v4 2, s4 3, s5 3 = 8; 王五 nothing yet.
    table = sq.points(campaign(), as_of=date(2017, 7, 31))
    assert totals(table) == [(1, "m1", 8), (1, "m2", 8), (3, "m3", 0), (3, "m4", 0)]
    assert table.as_of == date(2017, 7, 31)


def test_points_are_off_unless_the_plan_defines_them() -> None:
    plain = sq.loads(json.dumps(small_doc(LEDGER), ensure_ascii=False))
    assert plain.plan.points is None
    assert "points" not in json.loads(sq.dump(plain))["plan"]
    with pytest.raises(sq.UsageError, match="defines no duty points"):
        sq.points(plain)
    with pytest.raises(sq.OptionError, match="no points table"):
        sq.export(plain, io.BytesIO(), format="xlsx", forms=["points"])


def test_rules_round_trip_and_bad_rules_are_located() -> None:
    c = campaign(member_cap=20)
    assert sq.loads(sq.dump(c)) == c
    written = json.loads(sq.dump(c))["plan"]["points"]
    assert written["visit"] == {"sector": 2, "life": 1, "friends": 1}
    assert written["member_cap"] == 20
    assert "phase_cap" not in written

    doc = small_doc(LEDGER)
    doc["plan"]["points"] = {
        "visit": {"界别": 2, "life": -1},
        "item": {"opinion": 2.5},
        "phase_cap": 200_000,
        "bonus": 1,
    }
    with pytest.raises(sq.ValidationError) as caught:
        sq.loads(json.dumps(doc, ensure_ascii=False))
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {
        ('plan.points.visit["界别"]', "enum"),
        ("plan.points.visit.life", "range"),
        ("plan.points.item.opinion", "type"),
        ("plan.points.phase_cap", "range"),
        ("plan.points.bonus", "unknown_field"),
    }


class _Flat:
    """An office's own arithmetic: 10 points per visit of any circle, nothing else."""

    name = "flat"

    def awards(self, c: sq.Campaign, rules: sq.Points) -> list[sq.Award]:
        return [
            sq.Award(v.member_id, v.id, "visit", "走访", v.visited_on, 10)
            for v in c.visits
            if c.plan.in_window(v.visited_on)
        ]


class _Plugin:
    @sq.hookimpl
    def sanquan_register_scorers(self) -> list[object]:
        return [_Flat()]


@pytest.fixture
def flat_scorer() -> Any:
    name = plugins.register(_Plugin(), "test-flat-scorer")
    yield
    plugins.plugin_manager().unregister(name=name)


def test_a_plugin_scorer_replaces_the_arithmetic_and_the_caps_still_apply(
    flat_scorer: None,
) -> None:
    # In the window: 张三 v1 v2 v3, 李四 v4, 王五 v6 → 30, 10, 10; a member cap of 25.
    table = sq.points(campaign(scorer="flat", member_cap=25))
    assert table.scorer == "flat"
    assert totals(table) == [(1, "m1", 25), (2, "m2", 10), (2, "m3", 10), (4, "m4", 0)]


def test_an_unregistered_scorer_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    c = campaign(scorer="nope")
    with pytest.raises(sq.UnknownScorerError) as caught:
        sq.points(c)
    assert caught.value.name == "nope"
    assert "standard" in caught.value.known
    path = tmp_path / "c.json"
    path.write_text(sq.dump(c), encoding="utf-8")
    assert main(["--lang", "en", "points", str(path)]) == 2
    assert "'nope' is not registered" in capsys.readouterr().err


def test_the_command_line_ranks_members_and_groups(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.json"
    path.write_text(sq.dump(campaign(phase_cap=7, member_cap=20)), encoding="utf-8")
    assert main(["points", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in out if line[:1].isdigit()]
    assert rows == [
        ["1", "张三", "经济界委员工作组", "4", "8", "8", "0", "20"],
        ["1", "王五", "安丰镇委员联络组", "1", "4", "9", "6", "20"],
        ["3", "李四", "经济界委员工作组", "2", "5", "0", "0", "7"],
        ["4", "赵六", "安丰镇委员联络组", "0", "0", "0", "0", "0"],
    ]
    assert main(["points", str(path), "--by", "group"]) == 0
    out = capsys.readouterr().out.splitlines()
    # g1: (20 + 7) / 2 = 13.5; g2: (20 + 0) / 2 = 10
    assert [line.split() for line in out if line[:1].isdigit()] == [
        ["1", "经济界委员工作组", "2", "27", "13.5"],
        ["2", "安丰镇委员联络组", "2", "20", "10"],
        ["3", "教育界委员工作组", "0", "0", "0"],
    ]
    assert main(["points", str(path), "--json", "--as-of", "2017-07-31"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["member_id"], m["total"]) for m in data["members"]] == [
        ("m1", 7),
        ("m2", 7),
        ("m3", 0),
        ("m4", 0),
    ]


def test_no_points_on_the_command_line_is_a_sentence(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(small_doc(LEDGER), ensure_ascii=False), encoding="utf-8")
    assert main(["--lang", "zh", "points", str(path)]) == 2
    assert "方案未规定履职积分" in capsys.readouterr().err


def test_the_xlsx_ranked_table_and_breakdown() -> None:
    data = io.BytesIO()
    sq.export(campaign(phase_cap=7, member_cap=20), data, format="xlsx", forms=["points"])
    rows = [r for r in xlsx_rows(data.getvalue(), "履职积分排名") if any(v is not None for v in r)]
    texts = [r[0] for r in rows]
    assert "政协委员“三圈”大走访活动履职积分排名表" in texts
    start = next(i for i, r in enumerate(rows) if r[0] == "名次")
    assert rows[start][:8] == (
        "名次",
        "委员姓名",
        "所在委员工作（联络）组",
        "走访积分",
        "成果积分",
        "采用积分",
        "批示积分",
        "积分合计",
    )
    assert [r[:8] for r in rows[start + 1 : start + 5]] == [
        (1, "张三", "经济界委员工作组", 4, 8, 8, 0, 20),
        (1, "王五", "安丰镇委员联络组", 1, 4, 9, 6, 20),
        (3, "李四", "经济界委员工作组", 2, 5, 0, 0, 7),
        (4, "赵六", "安丰镇委员联络组", 0, 0, 0, 0, 0),
    ]
    detail = next(i for i, r in enumerate(rows) if r[0] == "委员姓名")
    capped = [r[:6] for r in rows[detail + 1 :] if r[4] != r[5]]
    assert [(r[0], r[3], r[4], r[5]) for r in capped] == [
        ("张三", "s2", 2, 1),
        ("张三", "e5", 8, 3),
        ("王五", "e13", 20, 9),
        ("李四", "s5", 3, 2),
    ]


def test_the_csv_holds_the_ranked_members() -> None:
    data = io.BytesIO()
    sq.export(campaign(), data, format="csv", forms=["积分"])
    lines = data.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "名次,委员姓名,所在委员工作（联络）组,走访积分,成果积分,采用积分,批示积分,积分合计"
    )
    assert lines[1:] == [
        "1,王五,安丰镇委员联络组,1,4,20,6,31",
        "2,张三,经济界委员工作组,4,9,13,0,26",
        "3,李四,经济界委员工作组,2,6,0,0,8",
        "4,赵六,安丰镇委员联络组,0,0,0,0,0",
    ]


@needs_ttf
def test_the_pdf_ranked_table_and_breakdown() -> None:
    data = io.BytesIO()
    sq.export(campaign(phase_cap=7, member_cap=20), data, format="pdf", forms=["points"])
    pages = [flat(p) for p in pdf_pages(data.getvalue())]
    first = pages[0]
    assert "履职积分排名表" in first
    assert "每人上限20分，每人每阶段上限7分" in first
    assert "1张三经济界委员工作组488020" in first
    assert "3李四经济界委员工作组25007" in first
    assert "1经济界委员工作组22713.5" in first
    rest = "".join(pages[1:])
    assert "三、积分明细" in rest
    assert "王五2017年9月15日全国政协采用e13209" in rest


def test_the_docx_format_says_it_does_not_make_the_points_table() -> None:
    with pytest.raises(sq.UnknownFormError):
        sq.export(campaign(), io.BytesIO(), format="docx", forms=["points"])


class _Broken:
    """A scorer that fails half-way, and one that credits a stranger."""

    def __init__(self, name: str, stranger: bool) -> None:
        self.name = name
        self.stranger = stranger

    def awards(self, c: sq.Campaign, rules: sq.Points) -> Any:
        visit = c.visits[0]
        if self.stranger:
            yield sq.Award("m99", visit.id, "visit", "走访", visit.visited_on, 1)
        else:
            yield sq.Award(visit.member_id, visit.id, "visit", "走访", visit.visited_on, 1)
            raise KeyError("circle")


class _BrokenPlugin:
    @sq.hookimpl
    def sanquan_register_scorers(self) -> list[object]:
        return [_Broken("broken", stranger=False), _Broken("stranger", stranger=True)]


@pytest.fixture
def broken_scorers() -> Any:
    name = plugins.register(_BrokenPlugin(), "test-broken-scorers")
    yield
    plugins.plugin_manager().unregister(name=name)


@pytest.mark.parametrize(
    ("scorer", "said"),
    [
        ("broken", "the scorer 'broken' failed: 'circle'"),
        ("stranger", "the scorer 'stranger' credited 'v1' to 'm99', who is not a member"),
    ],
)
def test_a_failing_plugin_scorer_is_named_not_a_traceback(
    broken_scorers: None,
    scorer: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
) -> None:
    c = campaign(scorer=scorer)
    with pytest.raises(sq.PluginError) as caught:
        sq.points(c)
    assert str(caught.value) == said
    assert caught.value.plugin == scorer
    path = tmp_path / "c.json"
    path.write_text(sq.dump(c), encoding="utf-8")
    assert main(["--lang", "en", "points", str(path)]) != 0
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err


def test_an_adoption_told_twice_earns_once() -> None:
    # Two copies of e6 (s1 adopted by the city, 09-05), as after merging two ledgers:
    # 张三 keeps 26, the earlier event earns.
    doc = small_doc([*LEDGER, {**LEDGER[5], "id": "e6-again", "on": "2017-09-06"}])
    doc["plan"]["points"] = RULES
    table = sq.points(sq.loads(json.dumps(doc, ensure_ascii=False)))
    m1 = table.member("m1")
    assert m1.total == 26
    assert [a.record_id for a in m1.awards if a.source == "adopted"] == ["e6", "e5"]
