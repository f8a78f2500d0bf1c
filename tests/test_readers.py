"""Reading filled 附件1 and 附件2 back: the library's exports, hand-laid workbooks, CSV."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import attrs
import openpyxl
import pytest

import sanquan_core as sq
from sanquan_core.model import Member
from sanquan_core.readers import read_forms
from sanquan_core.readers.values import (
    BadValueError,
    parse_channel,
    parse_circle,
    parse_date,
    parse_int,
)
from sanquan_core.readers.xlsx import decode_escapes


@pytest.fixture(scope="module")
def base() -> sq.Campaign:
    """The demo's plan, groups and members, no records; plus a second 谢卫 elsewhere."""
    demo = sq.load_demo()
    twin = Member("m999", "谢卫", demo.groups[1].id)
    return attrs.evolve(
        demo, visits=(), submissions=(), follow_ups=(), members=(*demo.members, twin)
    )


def xlsx_bytes(
    rows: list[list[object]], merges: tuple[str, ...] = (), title: str = "Sheet"
) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2017-07-15",
        "2017/7/15",
        "2017.7.15",
        "2017年7月15日",
        "7月15日",
        "7.15",
        "２０１７－０７－１５",
        " 2017 年 7 月 15 日 ",
        "20170715",
        42931,
        "42931",
        7.15,
        date(2017, 7, 15),
        datetime(2017, 7, 15),
    ],
)
def test_dates_as_clerks_type_them(typed: object) -> None:
    assert parse_date(typed, 2017) == date(2017, 7, 15)  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["7月32日", "2017-02-30", "下周", "13.45"])
def test_bad_dates_say_so(typed: str) -> None:
    with pytest.raises(BadValueError) as caught:
        parse_date(typed, 2017)
    assert caught.value.code == "bad_date"


def test_numbers_circles_channels() -> None:
    assert [parse_int(v) for v in (3, 3.0, "3", "３", "3人", " 3 ")] == [3] * 6
    assert parse_circle("界别") is sq.Circle.SECTOR
    assert parse_circle("生活") is sq.Circle.LIFE
    assert parse_circle("朋友") is sq.Circle.FRIENDS
    assert parse_circle("“朋友圈”") is sq.Circle.FRIENDS
    assert parse_channel("电话联系") is sq.Channel.PHONE
    assert parse_channel("微信联系") is sq.Channel.WECHAT
    assert parse_channel("当面") is sq.Channel.IN_PERSON
    with pytest.raises(BadValueError):
        parse_circle("同学圈")


def test_escapes_decode_as_excel_does() -> None:
    assert decode_escapes("_x005F_x0041_") == "_x0041_"
    assert decode_escapes("a_x000D_b") == "a\rb"


# -- the library's own export reads back ------------------------------------------------


def test_an_export_reads_back_unchanged(tmp_path: Path, demo: sq.Campaign) -> None:
    target = tmp_path / "demo.xlsx"
    sq.export(demo, target, forms=["visits", "results"])
    result = read_forms([target], demo)
    assert result.problems == ()
    assert result.added == ()
    assert result.changed == ()
    assert result.unchanged == len(demo.visits) + len(demo.submissions)


def test_an_export_into_an_empty_base_adds_everything(tmp_path: Path, demo: sq.Campaign) -> None:
    target = tmp_path / "demo.xlsx"
    sq.export(demo, target, forms=["visits", "results"])
    empty = attrs.evolve(demo, visits=(), submissions=(), follow_ups=())
    result = read_forms([target], empty)
    assert result.problems == ()
    assert len(result.added) == len(demo.visits) + len(demo.submissions)
    assert sq.validate(result.campaign) == []
    first = result.campaign.visits[0]
    assert first == attrs.evolve(demo.visits[0], extra=first.extra)
    assert first.extra["source"] == {"file": "demo.xlsx", "sheet": "附件1 走访情况登记表", "row": 4}
    # twice: nothing more
    again = read_forms([target], result.campaign)
    assert again.added == ()
    assert again.changed == ()
    assert again.problems == ()


def test_text_that_looks_like_an_escape_survives(tmp_path: Path, demo: sq.Campaign) -> None:
    visit = attrs.evolve(demo.visits[0], situation="见附件_x0041_及_x005F_")
    campaign = attrs.evolve(demo, visits=(visit,), submissions=(), follow_ups=())
    target = tmp_path / "x.xlsx"
    sq.export(campaign, target, forms=["visits"])
    result = read_forms([target], campaign)
    assert result.changed == ()
    assert result.unchanged == 1


# -- hand-laid workbooks ------------------------------------------------------------------

HAND_HEADER = [
    "走访日期",
    "走访 对象",
    "走访人员",
    "走访“圈子”",
    "走访人数",
    "走访方式",
    "反映的情况",
]


def test_a_hand_laid_sheet_any_order_blank_rows_and_spellings(base: sq.Campaign) -> None:
    rows: list[list[object]] = [
        ["经济界委员工作组走访登记"],
        [],
        HAND_HEADER,
        ["2017/7/15", "张某某", "陈华", "界别", "3人", "电话联系", "反映停车难"],
        [],
        ["7月16日", "李某", "m003", "生活圈", "２", "当面", ""],
        ["7月32日", "王某", "陈华", "同学圈", "3", "微信", ""],
        ["2017年7月20日", "赵某", "陈 华", "朋友", None, None, None],
        ["2017-07-21", "钱某", "谢卫", "朋友", 1, "QQ", None],
        ["2017-07-21", "孙某", "无此人", "朋友", 1, "QQ", None],
    ]
    result = read_forms([("张三.xlsx", xlsx_bytes(rows, title="附件1"))], base)
    assert result.rows == 6
    assert len(result.added) == 3
    by_target = {v.target: v for v in result.added if isinstance(v, sq.Visit)}
    assert by_target["张某某"].headcount == 3
    assert by_target["张某某"].channel is sq.Channel.PHONE
    assert by_target["张某某"].visited_on == date(2017, 7, 15)
    assert by_target["李某"].member_id == "m003"
    assert by_target["赵某"].circle is sq.Circle.FRIENDS
    sentences = [p.sentence for p in result.problems]
    assert "张三.xlsx!附件1!A7: '7月32日' is not a valid date" in sentences
    codes = {(p.params["cell"], p.code) for p in result.problems}
    assert ("D7", "bad_circle") in codes
    assert ("C9", "ambiguous_member") in codes
    assert ("C10", "unknown_member") in codes
    ambiguous = next(p for p in result.problems if p.code == "ambiguous_member")
    assert set(ambiguous.params["candidates"]) == {"m001", "m999"}
    assert ambiguous.loc == ("张三.xlsx", "附件1", "C9")
    assert result.refused == 3
    assert any(n.code == "blank_rows" for n in result.notes)


def test_the_group_column_settles_a_shared_name(base: sq.Campaign) -> None:
    rows = [
        ["走访人员", "所在委员工作（联络）组", "走访对象", "走访日期", "走访“圈子”"],
        ["谢卫", base.groups[1].name, "某人", "7.20", "界别圈"],
    ]
    result = read_forms([("a.xlsx", xlsx_bytes(rows))], base)
    assert result.problems == ()
    assert [v.member_id for v in result.added] == ["m999"]


def test_a_two_row_merged_header(base: sq.Campaign) -> None:
    rows: list[list[object]] = [
        ["附件1"],
        ["走访人员", "走访对象", "走访情况", None, None, "备注"],
        [None, None, "走访日期", "走访“圈子”", "走访方式", None],
        ["陈华", "某甲", date(2017, 7, 15), "界别圈", "电话", None],
        [None, "某乙", date(2017, 7, 16), "生活圈", "电话", None],
    ]
    merges = ("A2:A3", "B2:B3", "C2:E2", "F2:F3", "A4:A5")
    result = read_forms([("b.xlsx", xlsx_bytes(rows, merges))], base)
    assert result.problems == ()
    assert sorted(v.target for v in result.added) == ["某乙", "某甲"]  # 陈华 merged over both
    assert {v.member_id for v in result.added} == {"m002"}
    assert {v.extra["source"]["row"] for v in result.added} == {4, 5}


def test_results_hand_laid_with_a_date_column(base: sq.Campaign) -> None:
    rows: list[list[object]] = [
        ["委员姓名", "报送日期", "一条经济社会发展建议", "一条“双招双引”信息"],
        ["陈华", "2017-08-01", "关于停车的建议\n建议增加车位", None],
        ["胡明英", None, "无日期的建议", "乡友投资（2017年8月2日报送）\n详见材料"],
    ]
    result = read_forms([("c.xlsx", xlsx_bytes(rows))], base)
    added = {s.title: s for s in result.added if isinstance(s, sq.Submission)}
    assert added["关于停车的建议"].content == "建议增加车位"
    assert added["关于停车的建议"].submitted_on == date(2017, 8, 1)
    assert "乡友投资" not in added  # the row is refused with its faulty cell
    assert [(p.params["cell"], p.code) for p in result.problems] == [("B3", "missing")]


def test_identical_duplicates_collapse_near_duplicates_conflict(base: sq.Campaign) -> None:
    header = ["走访人员", "走访对象", "走访日期", "走访“圈子”", "走访对象反映的情况"]
    one = xlsx_bytes([header, ["陈华", "某甲", "7.15", "界别", "甲"]])
    same = xlsx_bytes([header, ["陈华", "某甲", "7.15", "界别", "甲"]])
    other = xlsx_bytes([header, ["陈华", "某甲", "7.15", "界别", "乙"]])
    result = read_forms([("1.xlsx", one), ("2.xlsx", same), ("3.xlsx", other)], base)
    assert len(result.added) == 1
    assert any(n.code == "duplicate" for n in result.notes)
    conflict = next(p for p in result.problems if p.code == "conflict")
    assert conflict.loc[0] == "3.xlsx"
    assert conflict.params["other"][0] == "1.xlsx"


def test_extra_sheets_and_formulas_are_noted(base: sq.Campaign) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["说明：请按表填写"])
    data = wb.create_sheet("附件1")
    data.append(["走访人员", "走访对象", "走访日期", "走访“圈子”", "走访人数"])
    data.append(["陈华", "某甲", "2017-07-15", "界别", "=1+2"])
    out = io.BytesIO()
    wb.save(out)
    result = read_forms([("d.xlsx", out.getvalue())], base)
    codes = [n.code for n in result.notes]
    assert "sheet_skipped" in codes
    assert "formula" in codes
    # openpyxl saves no cached value: the formula is never evaluated, the cell reads empty
    assert [v.headcount for v in result.added] == [1]


def test_an_unknown_kind_of_file_is_refused(base: sq.Campaign) -> None:
    result = read_forms([("a.pdf", b"%PDF-1.4")], base)
    assert [p.code for p in result.problems] == ["unknown_type"]
    assert result.problems[0].sentence.startswith("a.pdf: ")


def test_an_untitled_item_reads_back_untitled(tmp_path: Path, demo: sq.Campaign) -> None:
    item = attrs.evolve(demo.submissions[0], title="", content="只有内容", visit_id=None)
    campaign = attrs.evolve(demo, visits=(), submissions=(item,))
    target = tmp_path / "x.xlsx"
    sq.export(campaign, target, forms=["results"])  # writes the title as （无标题）
    result = read_forms([target], attrs.evolve(campaign, submissions=()))
    assert result.problems == ()
    [read] = result.added
    assert isinstance(read, sq.Submission)
    assert (read.title, read.content) == ("", "只有内容")


def test_a_member_named_with_a_control_character_is_found_by_the_name_written(
    tmp_path: Path, demo: sq.Campaign
) -> None:
    member = attrs.evolve(demo.members[0], name=demo.members[0].name + "\x1b")
    visit = attrs.evolve(demo.visits[0], member_id=member.id)
    campaign = attrs.evolve(
        demo, members=(member, *demo.members[1:]), visits=(visit,), submissions=()
    )
    target = tmp_path / "x.xlsx"
    sq.export(campaign, target, forms=["visits"])  # the export drops the control character
    result = read_forms([target], attrs.evolve(campaign, visits=()))
    assert result.problems == ()
    assert [v.member_id for v in result.added] == [member.id]
