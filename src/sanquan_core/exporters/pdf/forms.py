"""附件1–3 in PDF: the filled-in forms and the blank ones the notice prints."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from sanquan_core import captions
from sanquan_core.documents import (
    ResultItem,
    ResultsForm,
    SummaryContent,
    VisitForm,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.exporters.pdf.chart import chart_flowables
from sanquan_core.exporters.pdf.tables import (
    Row,
    cell_font,
    form_table,
    note_markup,
    number,
    outside_markup,
    pieces,
    top_line,
)
from sanquan_core.exporters.pdf.text import chunks
from sanquan_core.exporters.pdf.writer import Anchor, Para, SizedTable, Writer
from sanquan_core.model import SubmissionKind

OUTSIDE_MARK = captions.OUTSIDE_MARK
NOT_SUBMITTED = captions.NOT_SUBMITTED


#: Least height of 附件1's three content rows: two forms still share a page.
CONTENT_ROW = 15 * mm


#: Height of an empty content row of the blank 附件1 (to be filled in by hand).
BLANK_ROW = 40 * mm


#: Empty rows of the blank 附件3, as in the seed.
BLANK_SUMMARY_ROWS = 6


#: Where 附件3's narrow header cells break, so that no quoted word is cut.
HEADER_BREAKS = {
    "经济社会发展建议": "经济社会\n发展建议",
    "社情民意信息": "社情民意\n信息",
    "“双招双引”信息": "“双招双引”\n信息",
}


#: Where 附件2's row captions break, as the seed breaks them.
LABEL_BREAKS = {captions.RESULT_ROWS[SubmissionKind.OPINION]: "一条关系民生的社情民意\n信息"}


def visits(pdf: Writer) -> Iterator[Any]:
    """附件1: a form per visit, a member's forms together, each member on a new page."""
    s = pdf.styles
    member = None
    notes = pdf.notes()
    for form in visit_forms(pdf.campaign):
        mark = s.attachment
        if form.member_id != member:
            if member is not None:
                yield PageBreak()
            member = form.member_id
            yield Anchor(form.visitor, 1)
        else:
            mark = s.attachment_next
        head = pdf.caption(f"{captions.ATTACHMENT}1", mark)
        head.sq_step = True  # placing it is a step of the export's progress
        box = KeepTogether([head, *visit_form(pdf, form, notes)])
        box.sq_record = ("visit", form.visit_id)  # named if laying it out fails
        yield box
        notes = []
    if member is None:
        yield pdf.para(f"{captions.ATTACHMENT}1", s.attachment)
        yield from notes
        yield pdf.para(captions.NO_VISITS, s.text)


def blank_visits(pdf: Writer) -> list[Any]:
    """附件1 as the notice prints it: one empty form to copy and fill in by hand."""
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.VISIT_FORM_TITLE]
    line = top_line(pdf, f"{captions.VISITOR}：", f"{captions.GROUP_OF}：")
    label_width = 30 * mm
    rows = [
        Row(None, [f"{captions.TARGET}："]),
        Row(None, [f"{captions.ADDRESS}："]),
        Row(None, [f"{captions.VISIT_DATE}："]),
    ]
    for caption in (captions.SITUATION, captions.NEEDS_HELP, captions.NEEDS_COORDINATION):
        rows.append(Row(pdf.label(caption), [""], min_height=BLANK_ROW))
    table = form_table(pdf, rows, label_width)
    label = pdf.caption(f"{captions.ATTACHMENT}1", s.attachment)
    return [KeepTogether([label, *head, line, Spacer(1, 2 * mm), table])]


def visit_form(pdf: Writer, form: VisitForm, notes: Sequence[Any] = ()) -> list[Any]:
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.VISIT_FORM_TITLE]
    head += notes
    line = top_line(
        pdf,
        f"{captions.VISITOR}：{form.visitor}",
        f"{captions.GROUP_OF}：{form.group}",
    )
    label_width, aside_width = 30 * mm, 44 * mm
    across = pdf.layout.width - 12  # a cell across the table, less its padding
    beside = across - aside_width  # a cell beside an aside
    content = pdf.layout.width - label_width - 12
    outside = None if form.in_window else (OUTSIDE_MARK, "#b00000")
    rows = [
        Row(None, pieces(pdf, form.target, across, f"{captions.TARGET}：")),
        Row(None, pieces(pdf, form.address, across, f"{captions.ADDRESS}：")),
        Row(None, pieces(pdf, form.date_text, beside, f"{captions.VISIT_DATE}："), aside=outside),
    ]
    for caption, text in (
        (captions.SITUATION, form.situation),
        (captions.NEEDS_HELP, form.needs_help),
        (captions.NEEDS_COORDINATION, form.needs_coordination),
    ):
        rows.append(Row(pdf.label(caption), pieces(pdf, text, content), min_height=CONTENT_ROW))
    table = form_table(pdf, rows, label_width, aside_width)
    details = pdf.para(form.details, s.note)
    return [*head, line, Spacer(1, 2 * mm), table, Spacer(1, 1 * mm), details]


def results(pdf: Writer) -> Iterator[Any]:
    """附件2: a form per member, each kept on one page where it fits."""
    s = pdf.styles
    first = True
    for form in results_forms(pdf.campaign, pdf.report):
        head = pdf.caption(f"{captions.ATTACHMENT}2", s.attachment if first else s.attachment_next)
        notes = pdf.notes() if first else []
        first = False
        head.sq_step = True  # placing it is a step of the export's progress
        box = KeepTogether([head, *results_form(pdf, form, notes)])
        box.sq_record = ("member", form.member_id)  # named if laying it out fails
        yield box
    if first:
        yield pdf.para(f"{captions.ATTACHMENT}2", s.attachment)
        yield from pdf.notes()
        yield pdf.para(captions.NO_MEMBERS, s.text)


def blank_results(pdf: Writer) -> list[Any]:
    """附件2 as the notice prints it: one empty form."""
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.RESULTS_FORM_TITLE]
    line = top_line(pdf, f"{captions.MEMBER_NAME}：", f"{captions.GROUP_OF}：")
    rows = [
        Row(pdf.para(LABEL_BREAKS.get(c, c), s.label), [""], min_height=BLANK_ROW * 1.5)
        for c in captions.RESULT_ROWS.values()
    ]
    label = pdf.caption(f"{captions.ATTACHMENT}2", s.attachment)
    table = form_table(pdf, rows, 46 * mm)
    return [KeepTogether([label, *head, line, Spacer(1, 2 * mm), table])]


def results_form(pdf: Writer, form: ResultsForm, notes: Sequence[Any] = ()) -> list[Any]:
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.RESULTS_FORM_TITLE]
    head += notes
    line = top_line(
        pdf, f"{captions.MEMBER_NAME}：{form.member}", f"{captions.GROUP_OF}：{form.group}"
    )
    rows = []
    for caption, items in form.rows():
        cells: list[Any] = []
        for n, item in enumerate(items, 1):
            cells += result_item(pdf, item, n if len(items) > 1 else 0)
        if not cells:
            cells = [pdf.rich([(NOT_SUBMITTED, "#666666")], s.cell)]
        label = pdf.para(LABEL_BREAKS.get(caption, caption), s.label)
        rows.append(Row(label, cells, min_height=25 * mm))
    owed = [(form.status, "#000000" if not form.missing else "#b00000")]
    return [
        *head,
        line,
        Spacer(1, 2 * mm),
        form_table(pdf, rows, 46 * mm),
        Spacer(1, 1 * mm),
        pdf.rich(owed, s.note),
    ]


def result_item(pdf: Writer, item: ResultItem, number: int) -> list[Any]:
    """An item's heading line, its content and its follow-up, as cells of the form."""
    s = pdf.styles
    head = f"{number}. " if number else ""
    heading = pdf.text(head) + pdf.text(item.title)
    heading += note_markup(pdf, item.dated)
    if not item.in_window:
        heading += outside_markup(pdf)
    cells: list[Any] = [Para(heading, s.cell)]
    content = [pdf.para(piece, s.cell) for piece in chunks(item.content)] if item.content else []
    if item.follow_up_line:
        content.append(pdf.para(item.follow_up_line, s.cell))
    if content:
        cells[0] = [cells[0], content[0]]
        cells += content[1:]
    return cells


def summary_form(pdf: Writer) -> list[Any]:
    """附件3: the summary table with its two-level merged header and the 汇总 row; the charts."""
    s = pdf.styles
    content = pdf.summary_content()
    out = [
        pdf.para(f"{captions.ATTACHMENT}3", s.attachment),
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 4 * mm),
        summary_table(pdf, content),
        *outside_note(pdf, content),
    ]
    return out + chart_flowables(pdf)


def blank_summary(pdf: Writer) -> list[Any]:
    """附件3 as the notice prints it: the header, the seed's six empty rows, 汇总 empty."""
    s = pdf.styles
    content = summary_content(pdf.summary, pdf.campaign.plan)
    columns = 1 + len(content.total[1])
    rows: list[list[Any]] = [[""] * columns for _ in range(BLANK_SUMMARY_ROWS)]
    rows.append([pdf.para(content.total[0], s.cell_center), *[""] * (columns - 1)])
    return [
        pdf.para(f"{captions.ATTACHMENT}3", s.attachment),
        pdf.para(content.title, s.title),
        Spacer(1, 4 * mm),
        summary_table(pdf, content, rows, row_height=10 * mm),
    ]


def summary_table(
    pdf: Writer,
    content: SummaryContent,
    rows: Sequence[Sequence[Any]] | None = None,
    row_height: float | None = None,
) -> Any:
    """附件3's table: the seed's merged header, then *rows* (by default the data and 汇总)."""
    s = pdf.styles
    # 组别 takes what the numbers leave (a ten-character group name fits on
    # one line); the kinds' captions take two lines
    numbers = [17 * mm, *[12 * mm] * 3, *[21 * mm] * 3]
    extra = sum(span for _, span in content.header_top) - 1 - len(numbers)
    if extra > 0:  # the adoption columns of the variant: every number column narrower
        numbers = [12 * mm, *[8 * mm] * 3, *[15 * mm] * 3, *[12 * mm] * extra]
    group_width = pdf.layout.width - sum(numbers)
    spans: list[tuple[Any, ...]] = []
    col = 0
    for _, span in content.header_top:
        if span == 1:
            spans.append(("SPAN", (col, 0), (col, 1)))
        else:
            spans.append(("SPAN", (col, 0), (col + span - 1, 0)))
        col += span

    top: list[Any] = []
    for caption, span in content.header_top:
        top += [pdf.para(caption, s.cell_center)] + [""] * (span - 1)
    sub = [
        "",
        "",
        *(pdf.para(HEADER_BREAKS.get(c, c), s.small_center) for c in content.header_sub),
    ]
    data: list[list[Any]] = [top, sub]
    if rows is None:
        for name, values in content.rows:
            data.append([pdf.para(name, s.cell), *(number(pdf, v) for v in values)])
        total_name, total_values = content.total
        data.append([pdf.para(total_name, s.cell_center), *(number(pdf, v) for v in total_values)])
    else:
        data += [list(row) for row in rows]
    rule = pdf.layout.rule_width
    heights = None if row_height is None else [None, None, *[row_height] * (len(data) - 2)]
    return SizedTable(
        data,
        colWidths=[group_width, *numbers],
        rowHeights=heights,
        repeatRows=2,
        style=[
            *cell_font(pdf),
            ("GRID", (0, 0), (-1, -1), rule, colors.black),
            *spans,
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEABOVE", (0, -1), (-1, -1), rule * 2, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            # “双招双引” is as wide as its column less the usual padding
            ("LEFTPADDING", (2, 1), (-1, 1), 1.5),
            ("RIGHTPADDING", (2, 1), (-1, 1), 1.5),
        ],
    )


def outside_note(pdf: Writer, content: SummaryContent) -> list[Any]:
    """The note under 附件3 when records fell outside the window."""
    if not content.outside_note:
        return []
    return [Spacer(1, 3 * mm), pdf.para(content.outside_note, pdf.styles.note)]
