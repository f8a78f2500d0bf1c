"""The XLSX exporter, read back with openpyxl and, where it matters, as raw sheet XML."""

from __future__ import annotations

import io
import os
import posixpath
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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
from sanquan_core.exporters.xlsx.sheet import (  # noqa: E402
    CELL_LIMIT,
    DATE_FORMAT,
    TRUNCATION_NOTE,
    clip,
)
from tests import campaigns  # noqa: E402
from tests.needs import need, optional  # noqa: E402
from tests.readback import needs_ttf  # noqa: E402
from tests.seed import SEED_SUMMARY_SUB, SEED_SUMMARY_TITLE, SEED_SUMMARY_TOP  # noqa: E402

#: The table forms the layout tests go through, in their default order.
SHEET_FORMS = (Form.VISITS, Form.RESULTS, Form.SUMMARY, Form.COMPLETION)
#: Every form the workbook has a sheet for.
ALL_SHEETS = (*SHEET_FORMS, Form.BOOK)


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
    return export(campaigns.hostile(), forms=ALL_SHEETS)


# -- sheets and forms -----------------------------------------------------------


def test_a_sheet_per_default_form_in_form_order(small_xlsx):
    defaults = sq.ExportOptions().forms
    assert set(defaults) <= set(ALL_SHEETS)
    assert workbook(small_xlsx).sheetnames == [form.label for form in defaults]


def test_every_sheet_form_has_its_sheet(small):
    assert workbook(export(small, forms=ALL_SHEETS)).sheetnames == [f.label for f in ALL_SHEETS]


def test_the_notice_is_refused_by_name(small, tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(sq.ExportError, match=r"notice.*docx or pdf"):
        sq.export(small, target, forms=["summary", "notice"])
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
    assert f"另有走访{summary.outside_window.visits}次" in note
    assert f"报送{summary.outside_window.submissions}条不在活动期内" in note


def test_numbers_are_numbers_not_formulas(demo, demo_xlsx, demo_wb):
    ws = demo_wb[Form.SUMMARY.label]
    last = 5 + len(demo.groups)  # the total row
    table = ws.iter_rows(min_row=5, max_row=last, min_col=2, max_col=8)
    numbers = [c for row in table for c in row]
    assert len(numbers) == 7 * (len(demo.groups) + 1)
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
    heading = next(i for i, r in enumerate(rows) if r[0] == "催报名单（按联系委办、组别）")
    overdue = [demo.member(m).name for rem in report.reminders for m in rem.member_ids]
    listed = rows[heading + 1 : heading + 1 + len(overdue)]
    assert [r[1] for r in listed] == overdue
    assert len(overdue) == report.incomplete > 0
    assert f"未完成{report.incomplete}人" in ws["A2"].value


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
    assert ws["E4"].value == "坏字"  # clean() drops a lone surrogate
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


# -- charts on 附件3 --------------------------------------------------------------

_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(archive.read(name))


def _target(base: str, target: str) -> str:
    """A relationship's target as a name inside the archive."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The relationships of *part*: id -> archive name of the target."""
    name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if name not in archive.namelist():
        return {}
    return {
        r.get("Id"): _target(part, r.get("Target"))
        for r in _xml(archive, name).findall("rel:Relationship", _NS)
    }


def charts_by_sheet(data: bytes) -> dict[str, list[ET.Element]]:
    """Sheet name -> the charts drawn on it, following workbook, sheet and drawing relationships."""
    out: dict[str, list[ET.Element]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book_rels = _rels(archive, "xl/workbook.xml")
        for sheet in _xml(archive, "xl/workbook.xml").iter(f"{{{_NS['main']}}}sheet"):
            part = book_rels[sheet.get(f"{{{_NS['r']}}}id")]
            charts = []
            for drawing in _xml(archive, part).findall("main:drawing", _NS):
                drawing_part = _rels(archive, part)[drawing.get(f"{{{_NS['r']}}}id")]
                drawing_rels = _rels(archive, drawing_part)
                for ref in _xml(archive, drawing_part).iter(f"{{{_NS['c']}}}chart"):
                    charts.append(_xml(archive, drawing_rels[ref.get(f"{{{_NS['r']}}}id")]))
            out[sheet.get("name")] = charts
    return out


def _text(element: ET.Element | None) -> str:
    assert element is not None
    return "".join(t.text or "" for t in element.iter(f"{{{_NS['a']}}}t"))


def resolve(wb: Any, ref: str) -> list[Any]:
    """The values of the cells a chart reference names (one column or one cell)."""
    sheet, _, cells = ref.rpartition("!")
    ws = wb[sheet.strip("'").replace("''", "'")]
    return (
        [c.value for row in ws[cells.replace("$", "")] for c in row]
        if ":" in cells
        else [ws[cells.replace("$", "")].value]
    )


def chart_data(chart: ET.Element, wb: Any) -> dict[str, Any]:
    """What a chart draws: title, axis titles, and per series its refs and the referenced values."""
    series = []
    for ser in chart.iter(f"{{{_NS['c']}}}ser"):
        name = ser.find("c:tx/c:strRef/c:f", _NS)
        cat = ser.find("c:cat/c:strRef/c:f", _NS)
        val = ser.find("c:val/c:numRef/c:f", _NS)
        assert cat is not None
        assert val is not None
        series.append(
            {
                "name_ref": None if name is None else name.text,
                "name": None if name is None else resolve(wb, name.text)[0],
                "categories_ref": cat.text,
                "categories": resolve(wb, cat.text),
                "values_ref": val.text,
                "values": resolve(wb, val.text),
            }
        )
    bar = chart.find("c:chart/c:plotArea/c:barChart", _NS)
    assert bar is not None
    return {
        "title": _text(chart.find("c:chart/c:title", _NS)),
        "axis_titles": [
            _text(ax.find("c:title", _NS))
            for ax in chart.find("c:chart/c:plotArea", _NS)
            if ax.tag.endswith(("catAx", "valAx"))
        ],
        "direction": bar.find("c:barDir", _NS).get("val"),
        "grouping": bar.find("c:grouping", _NS).get("val"),
        "series": series,
    }


def summary_charts(data: bytes, wb: Any) -> dict[str, dict[str, Any]]:
    """The charts of the 附件3 sheet, by title."""
    charts = [chart_data(c, wb) for c in charts_by_sheet(data)[Form.SUMMARY.label]]
    return {c["title"]: c for c in charts}


ITEMS_TITLE = "各组“三个一”工作报送条数"
RATES_TITLE = "各组“三个一”完成率"


def test_chart_parts_are_in_the_file(demo_xlsx):
    with zipfile.ZipFile(io.BytesIO(demo_xlsx)) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
    assert sorted(n for n in names if n.startswith("xl/charts/")) == [
        "xl/charts/chart1.xml",
        "xl/charts/chart2.xml",
    ]
    assert "xl/drawings/drawing1.xml" in names
    assert "xl/drawings/_rels/drawing1.xml.rels" in names
    assert "drawingml.chart+xml" in types
    assert "drawing+xml" in types


def test_two_charts_on_the_summary_sheet_and_nowhere_else(demo_xlsx):
    charts = charts_by_sheet(demo_xlsx)
    assert len(charts[Form.SUMMARY.label]) == 2
    assert all(not found for name, found in charts.items() if name != Form.SUMMARY.label)


def test_no_summary_no_charts(small):
    data = export(small, forms=["visits", "book"])
    assert not any(charts_by_sheet(data).values())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [n for n in archive.namelist() if "chart" in n or "drawing" in n]


def test_items_chart_draws_the_summary_cells(demo, demo_xlsx, demo_wb):
    summary = sq.summarize(demo)
    chart = summary_charts(demo_xlsx, demo_wb)[ITEMS_TITLE]
    assert (chart["direction"], chart["grouping"]) == ("bar", "stacked")
    assert chart["axis_titles"] == ["组别", "报送条数（条）"]
    groups = [row.group for row in summary.rows]
    last = 4 + len(groups)
    sheet = f"'{Form.SUMMARY.label}'"
    series = chart["series"]
    # Group names from the table's column A, one series per kind column F-H,
    # named by the header's captions.
    assert [s["categories_ref"] for s in series] == [f"{sheet}!$A$5:$A${last}"] * 3
    assert [s["values_ref"] for s in series] == [f"{sheet}!${c}$5:${c}${last}" for c in "FGH"]
    assert [s["name_ref"] for s in series] == [f"{sheet}!${c}$4" for c in "FGH"]
    assert [s["name"] for s in series] == SEED_SUMMARY_SUB[3:]
    for s, kind in zip(series, sq.SubmissionKind, strict=True):
        assert s["categories"] == groups
        assert s["values"] == [row.submitted[kind] for row in summary.rows]
        assert all(type(v) is int for v in s["values"])


def test_rate_chart_draws_the_check_rates(demo, demo_xlsx, demo_wb):
    report = sq.check(demo)
    chart = summary_charts(demo_xlsx, demo_wb)[RATES_TITLE]
    assert (chart["direction"], chart["grouping"]) == ("bar", "clustered")
    assert chart["axis_titles"] == ["组别", "完成率"]
    (series,) = chart["series"]
    assert series["values_ref"].startswith(f"'{Form.SUMMARY.label}'!")  # the sheet's own cells
    assert series["categories"] == [demo.group(g.group_id).name for g in report.groups]
    assert series["values"] == pytest.approx([g.rate for g in report.groups])
    assert all(type(v) in {int, float} for v in series["values"])  # 100% reads back as 1


def test_rate_table_is_captioned_and_a_group_without_members_has_no_rate(small, small_xlsx):
    wb = workbook(small_xlsx)
    report = sq.check(small)
    (series,) = summary_charts(small_xlsx, wb)[RATES_TITLE]["series"]
    ws = wb[Form.SUMMARY.label]
    first = int(re.search(r"!\$D\$(\d+):", series["values_ref"])[1])
    assert ws.cell(first - 2, 1).value.startswith(RATES_TITLE)
    assert [ws.cell(first - 1, c).value for c in range(1, 5)] == [
        "组别",
        "委员人数",
        "已完成",
        "完成率",
    ]
    rows = [[ws.cell(r, c).value for c in range(1, 5)] for r in range(first, first + 3)]
    assert rows == [
        [small.group(g.group_id).name, g.members, g.complete, "—" if g.rate is None else g.rate]
        for g in report.groups
    ]
    assert rows[2] == ["教育界委员工作组", 0, 0, "—"]
    assert ws.cell(first, 4).number_format == "0%"


def test_rate_axis_is_percent_from_0_to_100(small_xlsx):
    (_, rates) = charts_by_sheet(small_xlsx)[Form.SUMMARY.label]
    axis = rates.find("c:chart/c:plotArea/c:valAx", _NS)
    assert axis is not None
    assert axis.find("c:scaling/c:min", _NS).get("val") == "0"
    assert axis.find("c:scaling/c:max", _NS).get("val") == "1"
    assert axis.find("c:numFmt", _NS).get("formatCode") == "0%"
    assert axis.find("c:numFmt", _NS).get("sourceLinked") == "0"
    labels = rates.find("c:chart/c:plotArea/c:barChart/c:dLbls", _NS)
    assert labels.find("c:numFmt", _NS).get("formatCode") == "0%"
    assert labels.find("c:showVal", _NS).get("val") == "1"


def test_charts_hold_references_not_numbers(demo_xlsx):
    with zipfile.ZipFile(io.BytesIO(demo_xlsx)) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if "charts/chart" in n]
    for xml in charts:
        assert "<numCache" not in xml
        assert "<strCache" not in xml
        assert "<f>" in xml


def test_charts_follow_the_table_when_notes_push_it_down(demo):
    data = export(demo, forms=["summary"], offices=["经济委"], redact=True)
    wb = workbook(data)
    charts = summary_charts(data, wb)
    summary = sq.summarize(sq.select(demo, offices=["经济委"]))
    items = charts[ITEMS_TITLE]["series"]
    assert items[0]["values_ref"].endswith(f"!$F$7:$F${6 + len(summary.rows)}")  # two notes
    assert items[0]["categories"] == [row.group for row in summary.rows]
    assert [s["values"] for s in items] == [
        [row.submitted[k] for row in summary.rows] for k in sq.SubmissionKind
    ]
    assert [s["name"] for s in items] == SEED_SUMMARY_SUB[3:]


def test_charts_stand_below_the_table_on_pages_of_their_own(demo, demo_xlsx, demo_wb):
    ws = demo_wb[Form.SUMMARY.label]
    total_row = 5 + len(demo.groups)
    assert ws.cell(total_row, 1).value == "汇总"
    with zipfile.ZipFile(io.BytesIO(demo_xlsx)) as archive:
        drawing = _xml(archive, "xl/drawings/drawing1.xml")
    anchors = drawing.findall("xdr:twoCellAnchor", _NS)
    assert len(anchors) == 2
    first_break = min(b.id for b in ws.row_breaks.brk)
    assert first_break > total_row
    for anchor in anchors:
        top = int(anchor.find("xdr:from/xdr:row", _NS).text) + 1
        assert top > first_break
        assert int(anchor.find("xdr:to/xdr:col", _NS).text) <= ws.max_column


def test_reproducible_bytes_cover_the_charts(small, small_xlsx):
    with zipfile.ZipFile(io.BytesIO(small_xlsx)) as archive:
        assert [n for n in archive.namelist() if n.startswith("xl/charts/")]
    when = datetime(2017, 9, 1)
    assert export(small, created=when) == export(small, created=when)


@needs_ttf  # the chart's Chinese titles are drawn with a Chinese font
def test_charts_render_in_libreoffice(small, tmp_path):
    soffice = shutil.which("soffice")
    optional(soffice is not None, "LibreOffice (soffice)")
    need(shutil.which("pdftotext") is not None, "poppler (pdftotext)")
    source = tmp_path / "summary.xlsx"
    sq.export(small, source, forms=["summary"])
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "summary.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Chart titles, axis titles, the legend and the percent axis are drawn.
    for shown in (ITEMS_TITLE, RATES_TITLE, "报送条数（条）", "100%", "“双招双引”信息"):
        assert shown in text


# -- 成果汇编 -------------------------------------------------------------------


def book_rows(data: bytes) -> tuple[Any, list[tuple[Any, ...]]]:
    """The book sheet and its item rows (those with an id in the last column)."""
    ws = workbook(data)[Form.BOOK.label]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == xlsx.BOOK_HEADER[0])
    rows = list(ws.iter_rows(min_row=header + 1, values_only=True))
    return ws, rows


def book_order(campaign: sq.Campaign) -> list[sq.Submission]:
    """The in-window submissions in the book's order, worked out here on their own."""
    kinds = list(sq.SubmissionKind)
    groups = [g.id for g in campaign.groups]
    given = {s.id: i for i, s in enumerate(campaign.submissions)}
    subs = [s for s in campaign.submissions if campaign.plan.in_window(s.submitted_on)]

    def key(s: sq.Submission) -> tuple[int, int, date, int]:
        group = campaign.member(s.member_id).group_id
        return kinds.index(s.kind), groups.index(group), s.submitted_on, given[s.id]

    return sorted(subs, key=key)


@pytest.fixture(scope="module")
def demo_book() -> bytes:
    return export(sq.load_demo(), forms=["book"])


def test_book_has_every_in_window_item_once_in_book_order(demo, demo_book):
    ws, rows = book_rows(demo_book)
    expected = book_order(demo)
    assert len(rows) == len(expected) == sum(sq.summarize(demo).total.submitted.values())
    assert [r[-1] for r in rows] == [s.id for s in expected]
    assert len({r[-1] for r in rows}) == len(rows)
    assert sorted(r[3] for r in rows) == sorted(s.title for s in expected)
    for row, sub in zip(rows, expected, strict=True):
        member = demo.member(sub.member_id)
        assert row[0].endswith(f"、{sub.kind.label}")
        assert row[1] == demo.group(member.group_id).name
        assert row[4] == member.name
        assert row[5].date() == sub.submitted_on
    # Chapters numbered 一、二、三、 in kind order.
    assert list(dict.fromkeys(r[0] for r in rows)) == [
        "一、经济社会发展建议",
        "二、社情民意信息",
        "三、“双招双引”信息",
    ]
    assert f"共收录成果{len(rows)}条" in ws["A2"].value


def test_book_numbers_restart_in_each_group_and_dates_are_dates(demo_book):
    ws, rows = book_rows(demo_book)
    last: tuple[Any, Any] | None = None
    expected = 0
    for row in rows:
        expected = expected + 1 if (row[0], row[1]) == last else 1
        last = (row[0], row[1])
        assert row[2] == expected
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "章")
    date_cell = ws.cell(header + 1, 6)
    assert date_cell.is_date
    assert date_cell.number_format == DATE_FORMAT
    assert [c.value for c in ws[header]] == list(xlsx.BOOK_HEADER)
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:J{header + len(rows)}"


def test_book_shows_content_source_and_follow_up(demo, demo_book):
    _, rows = book_rows(demo_book)
    by_id = {r[-1]: r for r in rows}
    sourced = next(s for s in book_order(demo) if s.visit_id and s.follow_up)
    row = by_id[sourced.id]
    visit = demo.visit(sourced.visit_id)
    assert row[6] == "\n".join(p.strip() for p in sourced.content.split("\n") if p.strip())
    assert visit.target in row[7]
    status = sq.ledger(demo).item(sourced)
    if status is not None and status.events:  # the ledger's history, as its status line
        assert row[8] == sq.status_line(status)
    else:
        assert row[8] == sourced.follow_up.label
    plain = next(s for s in book_order(demo) if not s.follow_up and not demo.follow_ups_of(s))
    assert by_id[plain.id][8] in ("", None)  # no history: nothing to say


def test_book_of_a_selection_holds_exactly_the_selected_items(demo):
    buffer = io.BytesIO()
    sq.export(demo, buffer, format="xlsx", forms=["book"], offices=["经济委"], phase=1)
    ws, rows = book_rows(buffer.getvalue())
    offices = {g.id: g.office for g in demo.groups}
    expected = [
        s
        for s in book_order(demo)
        if offices[demo.member(s.member_id).group_id] == "经济委"
        and s.submitted_on <= date(2017, 7, 31)
    ]
    assert expected
    assert [r[-1] for r in rows] == [s.id for s in expected]
    assert ws["A2"].value == "范围：调研摸排和解难献策阶段（截至7月31日）；经济委联系的组"


def test_a_chapter_without_items_says_so(small):
    late = tuple(
        attrs.evolve(s, submitted_on=date(2017, 9, 30))
        if s.kind is sq.SubmissionKind.OPINION
        else s
        for s in small.submissions
    )
    _, rows = book_rows(export(attrs.evolve(small, submissions=late), forms=["book"]))
    empty = [r for r in rows if r[-1] is None]
    assert [(r[0], r[3]) for r in empty] == [("二、社情民意信息", "（本章无收录内容）")]
    assert [r[-1] for r in rows if r[-1]] == ["s4", "s5", "s1", "s3", "s7"]


# -- scope and redaction notes ----------------------------------------------------


def _title_notes(ws: Any) -> list[str]:
    """The note lines between a sheet's title and its table."""
    return [
        ws.cell(r, 1).value
        for r in range(1, 6)
        if isinstance(ws.cell(r, 1).value, str)
        and ws.cell(r, 1).value.startswith((xlsx.SCOPE_PREFIX, xlsx.REDACTED_NOTE))
    ]


def test_no_notes_for_a_whole_unmasked_campaign(small_xlsx):
    for ws in workbook(small_xlsx).worksheets:
        assert _title_notes(ws) == []


def test_every_sheet_says_the_scope_and_the_masking(small):
    data = export(small, forms=ALL_SHEETS, offices=["经济委"], phase="1", redact=True)
    wb = workbook(data)
    for ws in wb.worksheets:
        assert _title_notes(ws) == [
            "范围：调研摸排和解难献策阶段（截至7月31日）；经济委联系的组",
            xlsx.REDACTED_NOTE,
        ]
    assert xlsx.REDACTED_NOTE.startswith("已隐去个人信息")
    # The notes push the tables down; the frozen and printed header follows.
    summary = wb[Form.SUMMARY.label]
    assert [summary.cell(5, col).value for col in (1, 2, 3, 6)] == SEED_SUMMARY_TOP
    assert (summary.freeze_panes, summary.print_title_rows) == ("A7", "$5:$6")
    visits = wb[Form.VISITS.label]
    assert visits.cell(5, 1).value == "序号"
    assert (visits.freeze_panes, visits.print_title_rows) == ("A6", "$5:$5")


def test_only_the_masking_note_when_masked_whole(small):
    wb = workbook(export(small, forms=["summary", "book"], redact=True))
    for ws in wb.worksheets:
        assert _title_notes(ws) == [xlsx.REDACTED_NOTE]


# -- redaction --------------------------------------------------------------------

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _strings(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [
            v
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if isinstance(v, str)
        ]
    finally:
        wb.close()


def _target_name(target: str) -> str:
    return re.split(r"[（(]|等|夫妇|一家", target)[0]


@pytest.fixture(scope="module")
def phoned_demo() -> sq.Campaign:
    """The demo with mobile numbers in a visit's fields and an item's text."""
    demo = sq.load_demo()
    visit = demo.visits[0]
    visits = (
        attrs.evolve(
            visit,
            target=f"{visit.target}，电话13912345678",
            situation=visit.situation + "联系人手机：13812345678。",
        ),
        *demo.visits[1:],
    )
    subs = (
        attrs.evolve(demo.submissions[0], content="请回电 15912345678"),
        *demo.submissions[1:],
    )
    return attrs.evolve(demo, visits=visits, submissions=subs)


def test_redacted_export_holds_no_mobile_and_no_visited_name(phoned_demo):
    plain = "\n".join(_strings(export(phoned_demo, forms=["visits", "book"])))
    masked = "\n".join(_strings(export(phoned_demo, forms=ALL_SHEETS, redact=True)))
    public = {m.name for m in phoned_demo.members}
    names = {_target_name(v.target) for v in phoned_demo.visits} - public
    assert len(names) > 1000
    # Unmasked, the numbers and the names are there: the check below can fail.
    assert {"13912345678", "13812345678", "15912345678"} <= set(_MOBILE.findall(plain))
    assert all(name in plain for name in names)
    assert _MOBILE.findall(masked) == []
    assert [name for name in names if name in masked] == []
    assert xlsx.REDACTED_NOTE in masked
