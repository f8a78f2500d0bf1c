"""The XLSX exporter, read back with openpyxl and, where it matters, as raw sheet XML."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.utils import get_column_letter  # noqa: E402

import sanquan_core as sq  # noqa: E402
from sanquan_core import Form  # noqa: E402
from sanquan_core.exporters import xlsx  # noqa: E402
from sanquan_core.exporters._xlsx_sheet import (  # noqa: E402
    CELL_LIMIT,
    DATE_FORMAT,
    TRUNCATION_NOTE,
    clip,
)

from . import campaigns  # noqa: E402

#: The forms the workbook has sheets for, in their default order.
SHEET_FORMS = (Form.VISITS, Form.RESULTS, Form.SUMMARY, Form.COMPLETION)

#: 附件3's captions, copied by hand from the seed notice (not from captions.py).
SEED_SUMMARY_TITLE = "政协委员聚焦“三圈”大走访活动情况汇总表"
SEED_SUMMARY_TOP = ["组别", "参与活动\n委员人数", "走访“圈子”人数", "“三个一”工作报送条数"]
SEED_SUMMARY_SUB = [
    "界别圈",
    "生活圈",
    "朋友圈",
    "经济社会发展建议",
    "社情民意信息",
    "“双招双引”信息",
]

# -- helpers --------------------------------------------------------------------


def export(campaign: sq.Campaign, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format="xlsx", **kwargs)
    return buffer.getvalue()


def workbook(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_xml(data: bytes) -> dict[str, str]:
    """Every worksheet part of the file, as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        }


def body(ws: Any, first_row: int) -> list[tuple[Any, ...]]:
    """The rows of *ws* from *first_row* on, as values."""
    return list(ws.iter_rows(min_row=first_row, values_only=True))


def numbers_of(tally: sq.Tally) -> list[int]:
    return [
        tally.participants,
        *(tally.visited[c] for c in sq.Circle),
        *(tally.submitted[k] for k in sq.SubmissionKind),
    ]


@pytest.fixture(scope="module")
def small_xlsx() -> bytes:
    return export(campaigns.small())


@pytest.fixture(scope="module")
def demo_xlsx() -> bytes:
    return export(sq.load_demo())


@pytest.fixture(scope="module")
def demo_wb(demo_xlsx) -> Any:
    return workbook(demo_xlsx)


@pytest.fixture(scope="module")
def hostile_xlsx() -> bytes:
    return export(campaigns.hostile())


# -- sheets and forms -----------------------------------------------------------


def test_a_sheet_per_form_in_form_order(small_xlsx):
    assert workbook(small_xlsx).sheetnames == [form.label for form in SHEET_FORMS]


@pytest.mark.parametrize("form", ["book", "notice"])
def test_documents_without_a_sheet_are_refused_by_name(small, form, tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(sq.ExportError, match=f"{form}.*docx or pdf"):
        sq.export(small, target, forms=["summary", form])
    assert not target.exists()


@pytest.mark.parametrize(
    "forms",
    [["summary"], ["completion", "visits"], ["附件3 情况汇总表", "results"], "results,summary"],
)
def test_only_the_named_forms_in_their_order(small, forms):
    names = forms.split(",") if isinstance(forms, str) else forms
    expected = [Form.parse(name).label for name in names]
    assert workbook(export(small, forms=forms)).sheetnames == expected


def test_every_sheet_opens_with_its_title(small_xlsx):
    wb = workbook(small_xlsx)
    visits, results, summary, completion = (wb[f.label] for f in SHEET_FORMS)
    assert (visits["A1"].value, visits["A2"].value) == (
        "附件1",
        "全市盐城和东台两级政协委员\n“访民情、惠民生、促和谐”大走访活动情况登记表",
    )
    assert (results["A1"].value, results["A2"].value) == (
        "附件2",
        "政协委员聚焦“三圈”大走访活动\n“三个一”工作成果登记表",
    )
    assert (summary["A1"].value, summary["A2"].value) == ("附件3", SEED_SUMMARY_TITLE)
    assert completion["A1"].value == "“三个一”完成情况与催报名单"
    for ws in (visits, results, summary):
        assert f"A2:{get_column_letter(ws.max_column)}2" in ws.merged_cells


# -- 附件3 ----------------------------------------------------------------------


def test_summary_header_is_the_seeds(small_xlsx):
    ws = workbook(small_xlsx)[Form.SUMMARY.label]
    top = [ws.cell(3, col).value for col in (1, 2, 3, 6)]
    sub = [ws.cell(4, col).value for col in range(3, 9)]
    assert top == SEED_SUMMARY_TOP
    assert sub == SEED_SUMMARY_SUB
    assert ws.max_column == 8


def test_summary_header_merges_reach_the_file(small_xlsx):
    merges = {"A3:A4", "B3:B4", "C3:E3", "F3:H3"}
    ws = workbook(small_xlsx)[Form.SUMMARY.label]
    assert merges <= {str(r) for r in ws.merged_cells.ranges}
    # ... and are really written as <mergeCell> elements of the sheet part.
    parts = [xml for xml in sheet_xml(small_xlsx).values() if 'ref="C3:E3"' in xml]
    assert len(parts) == 1
    assert merges <= set(re.findall(r'<mergeCell ref="([A-Z0-9:]+)"', parts[0]))


def test_small_summary_equals_the_hand_count(small_xlsx):
    ws = workbook(small_xlsx)[Form.SUMMARY.label]
    rows = body(ws, 5)[:4]
    assert rows == [
        ("经济界委员工作组", 2, 8, 2, 1, 3, 1, 1),
        ("安丰镇委员联络组", 1, 0, 1, 0, 0, 0, 1),
        ("教育界委员工作组", 0, 0, 0, 0, 0, 0, 0),
        ("汇总", 3, 8, 3, 1, 3, 1, 2),
    ]


def test_summary_numbers_are_summarize(demo, demo_wb):
    summary = sq.summarize(demo)
    ws = demo_wb[Form.SUMMARY.label]
    rows = body(ws, 5)
    expected = [(r.group, *numbers_of(r.tally)) for r in summary.rows]
    expected.append(("汇总", *numbers_of(summary.total)))
    assert rows[: len(expected)] == expected
    note = rows[len(expected)][0]
    assert f"{summary.outside_window.visits}次走访" in note
    assert f"{summary.outside_window.submissions}条报送" in note


def test_numbers_are_numbers_not_formulas(demo_xlsx, demo_wb):
    ws = demo_wb[Form.SUMMARY.label]
    cells = [c for row in ws.iter_rows(min_row=5, min_col=2, max_col=8) for c in row]
    numbers = [c for c in cells if c.value is not None]
    assert numbers
    assert all(type(c.value) is int and c.data_type == "n" for c in numbers)
    assert not any("<f>" in xml or "<f " in xml for xml in sheet_xml(demo_xlsx).values())


# -- 附件1 ----------------------------------------------------------------------


def test_one_row_per_visit_with_visitor_and_group(demo, demo_wb):
    ws = demo_wb[Form.VISITS.label]
    rows = body(ws, 4)
    assert len(rows) == len(demo.visits)
    by_id = {v.id: v for v in demo.visits}
    for row in rows:
        visit = by_id[row[1]]
        member = demo.member(visit.member_id)
        assert row[2] == member.name
        assert row[3] == demo.group(member.group_id).name
        assert row[9] == visit.headcount
    assert sorted(row[1] for row in rows) == sorted(by_id)


def test_visit_header_uses_the_seed_captions(small_xlsx):
    header = body(workbook(small_xlsx)[Form.VISITS.label], 3)[0]
    for caption in ("走访人员", "所在委员工作（联络）组", "走访对象", "走访地址", "走访日期"):
        assert caption in header
    for caption in ("走访对象\n反映的情况", "需帮助解决\n问题情况", "需要统筹\n协调的问题"):
        assert caption in header


def test_enums_are_written_in_chinese(small_xlsx):
    rows = body(workbook(small_xlsx)[Form.VISITS.label], 4)
    assert {row[7] for row in rows} == {"界别圈", "生活圈", "朋友圈"}
    assert {row[8] for row in rows} == {"当面走访", "电话", "微信"}


def test_dates_are_date_cells_shown_the_chinese_way(small, small_xlsx):
    ws = workbook(small_xlsx)[Form.VISITS.label]
    cells = [row[6] for row in ws.iter_rows(min_row=4)]
    assert [c.value.date() for c in cells] == [v.visited_on for v in small.visits]
    assert all(c.is_date and c.number_format == DATE_FORMAT for c in cells)


def test_visits_outside_the_window_are_listed_and_marked(small, small_xlsx):
    rows = body(workbook(small_xlsx)[Form.VISITS.label], 4)
    assert len(rows) == len(small.visits)
    marked = {row[1] for row in rows if xlsx.OUTSIDE_NOTE in (row[-1] or "")}
    assert marked == {v.id for v in small.visits if not small.plan.in_window(v.visited_on)}
    assert marked == {"v5", "v7"}


# -- 附件2 ----------------------------------------------------------------------


def test_one_row_per_member_with_their_items(small, small_xlsx):
    ws = workbook(small_xlsx)[Form.RESULTS.label]
    assert body(ws, 3)[0][3:6] == (
        "一条经济社会发展建议",
        "一条关系民生的社情民意信息",
        "一条“双招双引”信息",
    )
    rows = body(ws, 4)
    assert [row[1] for row in rows] == [m.name for m in small.members]
    li_si = rows[1]
    assert "关于融资的建议" in li_si[3]
    assert "关于人才的建议" in li_si[3]
    assert "迟交的社情民意" in li_si[4]
    assert li_si[5] is None
    # s6 came after the window closed: listed, and marked as not counted.
    assert xlsx.OUTSIDE_NOTE in li_si[4]
    assert "s6" in li_si[-1]
    report = sq.check(small)
    statuses = [row[-2] for row in rows]
    assert [s == "已完成" for s in statuses] == [m.complete for m in report.members]


# -- completion -----------------------------------------------------------------


def test_completion_lists_every_member_then_the_reminders(demo, demo_wb):
    report = sq.check(demo)
    ws = demo_wb[Form.COMPLETION.label]
    rows = body(ws, 4)
    members = rows[: len(demo.members)]
    assert [r[1] for r in members] == [demo.member(s.member_id).name for s in report.members]
    assert [r[7] == "已完成" for r in members] == [s.complete for s in report.members]
    assert [list(r[4:7]) for r in members] == [
        [s.submitted[k] for k in sq.SubmissionKind] for s in report.members
    ]
    heading = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("催报名单"))
    overdue = [demo.member(m).name for rem in report.reminders for m in rem.member_ids]
    listed = rows[heading + 1 : heading + 1 + len(overdue)]
    assert [r[1] for r in listed] == overdue
    assert len(overdue) == report.incomplete > 0
    assert f"未完成{report.incomplete}名" in ws["A2"].value


def test_completion_rates_are_numbers(demo, demo_wb):
    report = sq.check(demo)
    ws = demo_wb[Form.COMPLETION.label]
    rows = body(ws, 4)
    heading = next(i for i, r in enumerate(rows) if r[0] == "各组完成情况")
    groups = rows[heading + 2 : heading + 2 + len(report.groups)]
    assert [r[6] for r in groups] == pytest.approx([g.rate for g in report.groups])
    assert [(r[4], r[5]) for r in groups] == [(g.members, g.complete) for g in report.groups]


# -- layout and printing --------------------------------------------------------

LAYOUT = {  # form: (last header row, orientation)
    Form.VISITS: (3, "landscape"),
    Form.RESULTS: (3, "landscape"),
    Form.SUMMARY: (4, "portrait"),
    Form.COMPLETION: (3, "landscape"),
}


@pytest.mark.parametrize("form", SHEET_FORMS)
def test_headers_are_frozen_and_printed_on_every_page(small_xlsx, form):
    ws = workbook(small_xlsx)[form.label]
    last, orientation = LAYOUT[form]
    assert ws.freeze_panes == f"A{last + 1}"
    assert ws.print_title_rows == f"$3:${last}"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.orientation == orientation
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)


@pytest.mark.parametrize("form", SHEET_FORMS)
def test_columns_fit_chinese_text_and_text_wraps(small_xlsx, form):
    ws = workbook(small_xlsx)[form.label]
    header = 4 if form is Form.SUMMARY else 3
    for col in range(1, ws.max_column + 1):
        letter = get_column_letter(col)
        assert ws.column_dimensions[letter].width >= 5
    for cell in ws[header + 1]:
        if isinstance(cell.value, str):
            assert cell.alignment.wrap_text
    # The group column holds the longest group name on one line (CJK is two units wide).
    group_col = {Form.VISITS: "D", Form.RESULTS: "C", Form.SUMMARY: "A", Form.COMPLETION: "C"}
    assert ws.column_dimensions[group_col[form]].width >= 2 * len("经济界委员工作组")


def test_document_properties_come_from_the_plan(small, small_xlsx):
    props = workbook(small_xlsx).properties
    assert props.created == props.modified == datetime(2017, 7, 11)
    assert props.title == small.plan.title
    stamped = workbook(export(small, created=datetime(2020, 1, 2, 3, 4, 5))).properties
    assert stamped.created == stamped.modified == datetime(2020, 1, 2, 3, 4, 5)


# -- reproducible, streams, failures --------------------------------------------


def test_same_bytes_twice(small, small_xlsx):
    assert export(small) == small_xlsx


def test_same_bytes_in_another_process(small_xlsx, tmp_path):
    # Another hash seed reorders sets and dicts keyed by strings; the file must not change.
    out = tmp_path / "other.xlsx"
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]);"
        "import sanquan_core as sq; from tests import campaigns;"
        "sq.export(campaigns.small(), sys.argv[1])"
    )
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(out), root], check=True, env=env)
    assert out.read_bytes() == small_xlsx


def test_zip_entries_carry_the_document_timestamp(small_xlsx):
    with zipfile.ZipFile(io.BytesIO(small_xlsx)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2017, 7, 11, 0, 0, 0)}


def test_stream_export_equals_path_export(small, tmp_path):
    path = tmp_path / "out.xlsx"
    sq.export(small, path)
    assert path.read_bytes() == export(small)


def test_a_failing_sheet_leaves_no_file(small, tmp_path, monkeypatch):
    def boom(book: xlsx.Book) -> Any:
        raise RuntimeError("disk on fire")

    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(spool))  # where openpyxl streams sheets
    monkeypatch.setitem(xlsx.SHEETS, Form.SUMMARY, boom)
    target = tmp_path / "out.xlsx"
    with pytest.raises(sq.ExportError, match="disk on fire"):
        sq.export(small, target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [spool]
    assert list(spool.iterdir()) == []  # the streamed sheets were removed too


def test_a_failing_sheet_keeps_an_existing_file(small, tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def boom(book: xlsx.Book) -> Any:
        raise ValueError("no")

    monkeypatch.setitem(xlsx.SHEETS, Form.VISITS, boom)
    with pytest.raises(sq.ExportError):
        sq.export(small, target)
    assert target.read_bytes() == b"old"


# -- hostile text ---------------------------------------------------------------


def test_no_formula_anywhere(hostile_xlsx):
    parts = sheet_xml(hostile_xlsx)
    assert parts
    for xml in parts.values():
        assert "<f>" not in xml
        assert "<f " not in xml
    for ws in workbook(hostile_xlsx).worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_formula_like_text_is_kept_as_quoted_text(hostile_xlsx):
    cells = [
        c
        for ws in workbook(hostile_xlsx).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@"
    ]
    values = {c.value for c in cells}
    for text in ("formula", "plus", "minus", "at"):
        assert campaigns.HOSTILE_TEXTS[text] in values
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_emoji_rare_characters_and_markup_are_kept(hostile_xlsx):
    texts = {
        c.value
        for ws in workbook(hostile_xlsx).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    for key in ("emoji", "rare", "markup"):
        assert campaigns.HOSTILE_TEXTS[key] in texts
    assert "走访对象反映情况" in texts  # control characters removed, nothing else


def test_text_too_long_for_a_cell_is_cut_with_a_note(hostile, hostile_xlsx):
    ws = workbook(hostile_xlsx)[Form.VISITS.label]
    first = next(ws.iter_rows(min_row=4, values_only=True))
    situation = first[10]
    original = hostile.visits[0].situation
    assert len(original) > CELL_LIMIT
    assert situation.endswith(TRUNCATION_NOTE)
    assert "DOCX" in TRUNCATION_NOTE
    assert "PDF" in TRUNCATION_NOTE
    kept = situation.removesuffix(TRUNCATION_NOTE)
    assert original.startswith(kept)
    assert CELL_LIMIT - 10 < len(situation.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert "已截断" in first[-1]


def test_clip_counts_like_excel_and_never_splits_a_character():
    emoji = "😀" * (CELL_LIMIT // 2)  # two UTF-16 units each: fits exactly when even
    fits = emoji if CELL_LIMIT % 2 == 0 else emoji + "a"
    assert clip(fits) == (fits, False)
    too_long = "😀" * CELL_LIMIT
    cut, was_cut = clip(too_long)
    assert was_cut
    assert len(cut.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert cut.removesuffix(TRUNCATION_NOTE).strip("😀") == ""
    exact = "字" * CELL_LIMIT
    assert clip(exact) == (exact, False)
    assert clip(exact + "字")[1]


def test_error_codes_and_lone_surrogates_stay_text(small):
    odd = (
        attrs.evolve(small.visits[0], target="坏\ud800字"),
        attrs.evolve(small.visits[1], target="#DIV/0!"),
        *small.visits[2:],
    )
    ws = workbook(export(attrs.evolve(small, visits=odd), forms="visits"))[Form.VISITS.label]
    assert ws["E4"].value == "坏\ufffd字"
    assert (ws["E5"].value, ws["E5"].data_type) == ("#DIV/0!", "s")


# -- scale ----------------------------------------------------------------------


def test_large_campaign_rows_stream_through(tmp_path):
    campaign = campaigns.scaled(5000)
    path = tmp_path / "big.xlsx"
    sq.export(campaign, path, forms="visits")
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[Form.VISITS.label]
    last = None
    count = 0
    for row in ws.iter_rows(min_row=4, values_only=True):
        count += 1
        last = row
    wb.close()
    assert count == 5000
    assert last is not None
    assert last[0] == 5000
    assert isinstance(last[6], datetime | date)
