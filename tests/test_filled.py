"""Files nobody here wrote the way the library writes them, read back (tests/data/filled/).

The fixtures are ``sanquan template`` workbooks filled by openpyxl with a
clerk's mistakes and saved again by LibreOffice (as .xlsx, .xls and .ods),
a hand-laid workbook with the seed's captions in another order, the DOCX
export edited and re-saved by LibreOffice, and a GBK CSV as Chinese Excel
saves it; tests/data/filled/make.py makes them (it needs ``soffice``). What
each must give is worked out by hand from the fillings in make.py.
"""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import openpyxl
import pytest

import sanquan_core as sq
from sanquan_core._i18n import using
from sanquan_core.cli import main
from sanquan_core.readers import calamine
from tests.readback import needs_ttf

from .needs import optional

FILLED = Path(__file__).parent / "data" / "filled"
SMALL = Path(__file__).parent / "data" / "small.json"
VISITS = "附件1 走访情况登记表"
RESULTS = "附件2 “三个一”工作成果登记表"

S, L, F = "sector", "life", "friends"
UNKNOWN = "unknown_member"


def base() -> sq.Campaign:
    """small.json's plan, groups and members (张三 m1, 李四 m2 in g1; 王五 m3, 赵六 m4 in g2)."""
    return attrs.evolve(sq.load(SMALL), visits=(), submissions=())


def read(*names: str) -> sq.ImportResult:
    with using("zh"):
        return sq.read_forms([FILLED / n for n in names], base())


def visits(result: sq.ImportResult) -> list[tuple[Any, ...]]:
    """(row, member, date, target, circle, channel, headcount, situation, address) of each visit."""
    return [
        (
            v.extra["source"]["row"],
            v.member_id,
            v.visited_on,
            v.target,
            v.circle.value,
            v.channel.value,
            v.headcount,
            v.situation,
            v.address,
        )
        for v in result.added
        if isinstance(v, sq.Visit)
    ]


def items(result: sq.ImportResult) -> list[tuple[Any, ...]]:
    """(sheet, row, member, kind, date, title, content) of each item."""
    return [
        (
            s.extra["source"]["sheet"],
            s.extra["source"]["row"],
            s.member_id,
            s.kind.value,
            s.submitted_on,
            s.title,
            s.content,
        )
        for s in result.added
        if isinstance(s, sq.Submission)
    ]


def notes(result: sq.ImportResult) -> list[str]:
    return [n.sentence for n in result.notes]


def d(month: int, day: int) -> date:
    return date(2017, month, day)


#: 经济界委员工作组's template as filled (make.G1_VISITS): row 6 blank, rows 8 and 15
#: refused, 走访人员 merged over rows 16 and 17.
G1_VISITS = [
    (4, "m1", d(7, 15), "钱七", S, "in_person", 3, "反映用工难", "东台镇海陵路8号"),  # stray spaces
    (5, "m1", d(7, 20), "孙八", L, "phone", 2, "", ""),  # 张 三, 2017/7/20, ２ as text
    (7, "m2", d(8, 1), "周九", F, "wechat", 3, "停车  难", ""),  # 2017.8.1, 3人; inner spaces kept
    (9, "m1", d(7, 25), "郑一", S, "qq", 4, "", ""),  # ２０１７年７月２５日, ４人
    (10, "m1", d(7, 15), "冯二", L, "in_person", 5, "", ""),  # 7月15日, 生活, 上门, ' 5 '
    (11, "m2", d(7, 16), "陈三", F, "other", 1, "", ""),  # 7.16
    (12, "m2", d(7, 18), "褚四", S, "phone", 2, "", ""),  # a date cell
    (13, "m1", d(7, 24), "卫五", L, "wechat", 1, "", ""),  # '42940', an Excel serial as text
    (14, "m2", d(7, 26), "蒋六", S, "in_person", 1, "", ""),  # 20170726
    (16, "m2", d(7, 17), "韩八", S, "phone", 1, "", ""),  # 7-17
    (17, "m2", d(7, 19), "杨九", L, "phone", 1, "", ""),  # 7/19; 李四 from the merged B16
]
G1_ITEMS = [
    (RESULTS, 5, "m1", "suggestion", d(7, 16), "关于加强校企合作的建议", "建议……"),
    (RESULTS, 5, "m1", "opinion", d(7, 21), "小区路灯不亮", ""),
    (RESULTS, 5, "m1", "lead", d(8, 2), "乡友拟回乡投资", ""),  # a date cell
    (RESULTS, 6, "m2", "suggestion", d(8, 3), "停车难的建议", "增加车位"),  # ２０１７.８.３
]


def _formats() -> list[Any]:
    no_calamine = pytest.mark.skipif(not calamine.available(), reason="python-calamine")
    return [
        "xlsx",
        pytest.param("xls", marks=no_calamine),
        pytest.param("ods", marks=no_calamine),
    ]


@pytest.mark.parametrize("suffix", _formats())
def test_a_template_filled_and_saved_by_libreoffice(suffix: str) -> None:
    name = f"g1-libreoffice.{suffix}"
    result = read(name)
    assert visits(result) == G1_VISITS
    assert items(result) == G1_ITEMS
    assert [p.sentence for p in result.problems] == [
        f"{name}!{VISITS}!F8：'7月32日' 不是有效日期",
        f"{name}!{VISITS}!B15：'张叁' 不是本次活动的委员",
    ]
    assert [p.code for p in result.problems] == ["bad_date", "unknown_member"]
    assert result.problems[0].loc == (name, VISITS, "F8")
    assert result.problems[0].params["value"] == "7月32日"
    # rows 4-53 are 附件1's fill area: 13 filled, 37 empty; 附件2's two rows are filled
    assert notes(result) == [
        f"{name}!{VISITS}：已跳过 37 个空行",
        f"{name}!说明：未找到附件1或附件2的表头，已跳过该工作表",
    ]
    assert (result.rows, result.refused) == (13 + 2, 2)
    again = sq.read_forms([FILLED / name], result.campaign)
    assert (again.added, again.changed, again.unchanged) == ((), (), 11 + 4)


def test_the_three_formats_give_the_same_records() -> None:
    if not calamine.available():
        pytest.skip("python-calamine")
    found = [read(f"g1-libreoffice.{s}") for s in ("xlsx", "xls", "ods")]
    first = found[0].campaign
    for other in found[1:]:
        assert [attrs.evolve(r, extra={}) for r in other.campaign.records()] == [
            attrs.evolve(r, extra={}) for r in first.records()
        ]


def test_the_second_group_full_width_digits_and_a_bad_date() -> None:
    result = read("g2-libreoffice.xlsx")
    assert visits(result) == [
        (4, "m3", d(8, 5), "某甲", S, "in_person", 10, "", ""),  # 2017-8-5, '１０'
        (6, "m4", d(8, 6), "某丙", F, "wechat", 2, "", ""),  # ８.６, '2 人'
    ]
    assert [p.sentence for p in result.problems] == [
        f"g2-libreoffice.xlsx!{VISITS}!F5：'8月35日' 不是有效日期"
    ]
    assert notes(result) == [
        f"g2-libreoffice.xlsx!{VISITS}：已跳过 47 个空行",
        f"g2-libreoffice.xlsx!{RESULTS}：已跳过 2 个空行",
    ]


def test_a_hand_laid_workbook_in_another_order() -> None:
    result = read("hand-laid.xlsx")
    assert visits(result) == [
        (4, "m3", d(7, 22), "某丁", S, "in_person", 3, "修路", ""),  # header in row 3
        (6, "m4", d(7, 23), "某戊", L, "phone", 1, "", ""),  # '赵六 '; 人数 empty: 1
        (8, "m1", d(7, 24), "某己", F, "wechat", 2, "", ""),  # after the repeated header
    ]
    assert items(result) == [
        ("成果", 2, "m3", "suggestion", d(7, 25), "关于修路的建议", "修好村道"),
        ("成果", 3, "m4", "opinion", d(7, 26), "路灯", ""),
    ]
    assert [p.sentence for p in result.problems] == [
        "hand-laid.xlsx!走访登记!E9：'同学圈' 不是有效的走访“圈子”（可填：界别圈、生活圈、朋友圈）",
        "hand-laid.xlsx!成果!D4：'7月' 不是有效日期",
    ]
    assert notes(result) == ["hand-laid.xlsx!走访登记：已跳过 1 个空行"]
    assert (result.rows, result.refused) == (4 + 3, 2)


def test_word_forms_saved_by_libreoffice() -> None:
    result = read("word-forms.docx")
    assert visits(result) == [
        (2, "m1", d(7, 15), "钱七", S, "in_person", 3, "反映用工难", "东台镇海陵路8号"),
    ]
    assert result.added[0].id == "v1"  # 登记编号 read back
    assert items(result) == [
        ("附件2第 1 份", 2, "m1", "suggestion", d(7, 16), "关于加强校企合作的建议", "建议……")
    ]
    assert [p.sentence for p in result.problems] == [
        "word-forms.docx!附件1第 2 份!E2：'7月32日' 不是有效日期"
    ]
    # 李四, 王五 and 赵六's forms say （未报送） in every row
    assert notes(result) == [f"word-forms.docx!附件2第 {n} 份：已跳过 1 个空行" for n in (2, 3, 4)]


def test_a_gbk_csv_as_chinese_excel_saves_it() -> None:
    data = (FILLED / "excel-gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = read("excel-gbk.csv")
    assert visits(result) == [
        (2, "m3", d(7, 27), "某辛", S, "in_person", 3, "反映用水难", ""),
        (5, "m4", d(7, 29), "某癸", F, "wechat", 3, "", ""),  # '３人', a full-width space
    ]
    assert [p.sentence for p in result.problems] == ["excel-gbk.csv!C3：'2017/7/32' 不是有效日期"]
    assert notes(result) == ["excel-gbk.csv：已跳过 1 个空行"]


def test_import_two_groups_writes_corrections_and_adds_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANQUAN_LANG", "zh")
    base_path = tmp_path / "base.json"
    sq.dump(base(), base_path)
    out, fix = tmp_path / "data.json", tmp_path / "fix.xlsx"
    files = [str(FILLED / n) for n in ("g1-libreoffice.xlsx", "g2-libreoffice.xlsx")]
    argv = [*files, "--base", str(base_path), "-o", str(out), "--errors-out", str(fix)]
    assert main(["import", *argv]) == 1
    capsys.readouterr()
    merged = sq.load(out)
    assert (len(merged.visits), len(merged.submissions)) == (11 + 2, 4)
    sheet = openpyxl.load_workbook(fix)["问题清单"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["g1-libreoffice.xlsx", VISITS, "F8", "'7月32日' 不是有效日期", "bad_date", "7月32日"],
        ["g1-libreoffice.xlsx", VISITS, "B15", "'张叁' 不是本次活动的委员", UNKNOWN, "张叁"],
        ["g2-libreoffice.xlsx", VISITS, "F5", "'8月35日' 不是有效日期", "bad_date", "8月35日"],
    ]
    # The refused rows are back in each group's template, the bad cells marked.
    book = openpyxl.load_workbook(fix)
    marked = [
        (ws.title, c.coordinate, c.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.comment is not None
    ]
    assert marked == [
        ("附件1 经济界委员工作组", "F4", "7月32日"),
        ("附件1 经济界委员工作组", "B5", "张叁"),
        ("附件1 安丰镇委员联络组", "F4", "8月35日"),
    ]
    again = tmp_path / "again.json"
    assert main(["import", *files, "--base", str(out), "-o", str(again)]) == 1
    capsys.readouterr()
    assert sq.load(again) == merged


def _make() -> ModuleType:
    spec = importlib.util.spec_from_file_location("filled_make", FILLED / "make.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_ttf  # LibreOffice will not start on a machine without fonts
def test_libreoffice_live_saves_what_reads_the_same(tmp_path: Path) -> None:
    optional(shutil.which("soffice") is not None, "LibreOffice (soffice)")
    make = _make()
    filled = make.fill_template("g1", make.G1_VISITS, results=True)
    data = make.libreoffice(filled, "g1.xlsx", "xlsx", tmp_path)
    with using("zh"):
        result = sq.read_forms([("g1-libreoffice.xlsx", data)], base())
    assert visits(result) == G1_VISITS
    assert items(result) == G1_ITEMS
    assert [p.code for p in result.problems] == ["bad_date", "unknown_member"]
