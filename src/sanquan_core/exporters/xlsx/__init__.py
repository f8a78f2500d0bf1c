"""The ``xlsx`` format: an Excel workbook with a sheet per form.

Sheets, in the order of ``options.forms``:

* ``visits`` — 附件1 走访情况登记表, one row per visit, with the visitor and
  their group;
* ``results`` — 附件2 “三个一”工作成果登记表, one row per member, their items
  of each kind in the seed's three columns;
* ``summary`` — 附件3 情况汇总表, the seed's two-level merged header with its
  exact captions, one row per group and the total row 汇总; below it, on
  pages of their own, two native Excel bar charts: the items each group
  handed in, by kind, drawn from the table's own cells, and each group's
  completion rate, drawn from a small table of rates next to it;
* ``completion`` — each member's 三个一 status, the reminder list (催报名单),
  each group's completion rate and the records outside the window;
* ``book`` — 成果汇编, one row per item counted in the summary, in the
  book's order: by kind (the chapters), then group in plan order, then as
  :func:`~sanquan_core.documents.book_content` orders them.

The notice packet (``notice``) is a text document, not a table; asking for
it here raises :class:`~sanquan_core.ExportError` pointing to DOCX or PDF.

Each sheet opens with the 附件N label (where the seed has one) and the
form's title, then a line saying which part of the campaign it covers when
the export is a selection, and a line saying personal data was masked when
it was; it freezes its header and repeats it on every printed page;
pages are A4, one page wide, numbered in the footer. Text is 宋体 and
wraps; column widths count a CJK character as two digits, and row heights
are worked out from the wrapped text, since spreadsheet applications do not
fit the rows of a file they open. Enums are written with their Chinese labels,
dates as real date cells shown as 2017年7月15日, numbers as numbers (never
formulas) taken from :func:`~sanquan_core.summarize` and
:func:`~sanquan_core.check` through :mod:`sanquan_core.documents`.
A visit or item dated outside the campaign window is listed like the others
and marked 不在活动期内，未计入汇总 in red in its 备注 column.

Sheets are streamed (openpyxl's write-only mode): rows go to a temporary
file as they are made and are never held as cells in memory.
The file is the same bytes for the same input: document properties carry
``options.timestamp(campaign)`` and the ZIP entries are re-stamped by
:func:`~sanquan_core.exporters._zip.normalize`.

Text that would break the format is handled on purpose:

* Control characters and lone surrogates are removed
  (:func:`~sanquan_core.documents.clean`); XML cannot hold the
  former, UTF-8 cannot encode the latter.
* Text is always stored as a text cell, never a formula or an error value:
  openpyxl would store a string starting with ``=`` as a live formula and
  ``#N/A`` as an error. Text starting with ``=``, ``+``, ``-`` or ``@`` (or
  their full-width forms) also gets Excel's quote-prefix flag, so it stays
  text when someone edits the cell.
* Excel cells hold at most 32,767 characters (UTF-16 units). Longer text is
  cut deliberately, ends with a visible note that the full text is in the
  DOCX/PDF export, and the row's 备注 says which field was cut. (openpyxl
  would cut silently.)
* Markup is plain text; emoji and rare CJK characters (Extension B and
  beyond) are kept as they are, and never split when text is cut.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import IO, Final

import attrs
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sanquan_core import captions
from sanquan_core.documents import (
    NO_ITEMS,
    ChartContent,
    Facts,
    MemberLine,
    ResultItem,
    book_content,
    chart_content,
    clean,
    completion_content,
    missing_text,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters._zip import normalize
from sanquan_core.exporters.xlsx.chart import Bars, bar_chart
from sanquan_core.exporters.xlsx.sheet import (
    Sheet,
    Style,
    Value,
    add_styles,
    clip,
    discard,
    fit_width,
)
from sanquan_core.model import Campaign, SubmissionKind, Visit

__all__ = [
    "BOOK_HEADER",
    "OUTSIDE_NOTE",
    "REDACTED_NOTE",
    "SCOPE_PREFIX",
    "SHEETS",
    "Book",
    "export",
]

#: The 备注 of a record dated outside the campaign window.
OUTSIDE_NOTE: Final = captions.OUTSIDE_MARK
#: Starts the line under a sheet's title that says which part of the campaign it covers.
SCOPE_PREFIX: Final = captions.SCOPE
#: The line under a sheet's title when personal data was masked.
REDACTED_NOTE: Final = (
    captions.REDACTED_NOTE.strip("（）") + "（联系电话、详细地址、走访对象姓名等）"
)

_NUMBER: Final = "序号"
_ID: Final = "编号"
_REMARK: Final = "备注"
_STATUS: Final = "完成情况"


def _visit_caption(name: str) -> str:
    caption: str = attrs.fields_dict(Visit)[name].metadata["caption"]
    return caption


class Book(Facts):
    """What the sheet builders share: the campaign, the options, the workbook and its styles.

    The summary and the completion report are computed once, when a sheet
    first asks for them.
    """

    def __init__(self, campaign: Campaign, options: ExportOptions, wb: Workbook) -> None:
        super().__init__(campaign, options)
        self.wb = wb
        self.styles = add_styles(wb)

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """The lines every sheet prints under its title: the scope, the masking."""
        notes = []
        if self.scope:
            notes.append(f"{SCOPE_PREFIX}{self.scope}")
        if self.options.redacted:
            notes.append(REDACTED_NOTE)
        return tuple(notes)

    def sheet(
        self,
        form: Form,
        widths: Sequence[float],
        header_rows: tuple[int, int],
        *,
        landscape: bool = True,
    ) -> Sheet:
        """A new sheet for *form*, named after it.

        *header_rows* are counted as if the title block had no :attr:`notes`;
        the notes push the header down.
        """
        first, last = header_rows
        shift = len(self.notes)
        return Sheet(
            self.wb,
            self.styles,
            form.label,
            widths,
            (first + shift, last + shift),
            landscape=landscape,
            notes=self.notes,
        )


def _clipped(remarks: list[str], caption: str, text: str) -> str:
    """*text* fitted to a cell; a cut is noted in *remarks*."""
    fitted, cut = clip(text)
    if cut:
        remarks.append(f"“{caption.replace(chr(10), '')}”过长，表中已截断，全文见DOCX或PDF文件")
    return fitted


# -- 附件1 ----------------------------------------------------------------------


def visits_sheet(book: Book) -> Sheet:
    """附件1: one row per visit, the visitor and their group included."""
    campaign = book.campaign
    header = (
        _NUMBER,
        _ID,
        captions.VISITOR,
        captions.GROUP_OF,
        captions.TARGET,
        captions.ADDRESS,
        captions.VISIT_DATE,
        _visit_caption("circle"),
        _visit_caption("channel"),
        _visit_caption("headcount"),
        captions.SITUATION,
        captions.NEEDS_HELP,
        captions.NEEDS_COORDINATION,
        _visit_caption("follow_up"),
        _REMARK,
    )
    visits = campaign.visits
    widths = (
        5,
        fit_width([], (v.id for v in visits), 6, 10),
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        fit_width([], (v.target for v in visits), 10, 20),
        fit_width([], (v.address for v in visits), 10, 20),
        fit_width([], ["2017年12月31日"], 8, 20),  # the widest date
        8,
        8,
        8,
        26,
        20,
        20,
        9,
        16,
    )
    sheet = book.sheet(Form.VISITS, widths, header_rows=(3, 3))
    sheet.title_block(f"{captions.ATTACHMENT}1", "\n".join(captions.VISIT_FORM_TITLE))
    sheet.header(header)
    for number, form in enumerate(visit_forms(campaign), 1):
        remarks = [] if form.in_window else [OUTSIDE_NOTE]
        target = _clipped(remarks, captions.TARGET, form.target)
        address = _clipped(remarks, captions.ADDRESS, form.address)
        situation = _clipped(remarks, captions.SITUATION, form.situation)
        needs_help = _clipped(remarks, captions.NEEDS_HELP, form.needs_help)
        coordination = _clipped(remarks, captions.NEEDS_COORDINATION, form.needs_coordination)
        sheet.write(
            [
                (number, Style.INT),
                (form.visit_id, Style.CENTER),
                (form.visitor, Style.CENTER),
                (form.group, Style.TEXT),
                (target, Style.TEXT),
                (address, Style.TEXT),
                (form.visited_on, Style.DATE),
                (form.circle, Style.CENTER),
                (form.channel, Style.CENTER),
                (form.headcount, Style.INT),
                (situation, Style.TEXT),
                (needs_help, Style.TEXT),
                (coordination, Style.TEXT),
                (form.follow_up, Style.CENTER),
                ("；".join(remarks), Style.NOTE),
            ]
        )
    return sheet


# -- 附件2 ----------------------------------------------------------------------


def _items_text(items: Sequence[ResultItem]) -> str:
    """The items of one kind as one cell: title (date), content; numbered when several."""
    parts = []
    for index, item in enumerate(items, 1):
        line = f"{item.title or '（无标题）'}（{item.date_text}）"
        if len(items) > 1:
            line = f"{index}. {line}"
        if item.follow_up:
            line += f"［{item.follow_up}］"
        if not item.in_window:
            line += f"【{OUTSIDE_NOTE}】"
        parts.append(f"{line}\n{item.content}" if item.content else line)
    return "\n".join(parts)


def _all_owed(campaign: Campaign) -> dict[SubmissionKind, int]:
    """What a member who handed in nothing owes: the longest 完成情况 text."""
    return {kind: campaign.plan.quota(kind) for kind in SubmissionKind}


def results_sheet(book: Book) -> Sheet:
    """附件2: one row per member, their items of each kind in the seed's three columns."""
    campaign = book.campaign
    kinds = tuple(captions.RESULT_ROWS.values())
    header = (_NUMBER, captions.MEMBER_NAME, captions.GROUP_OF, *kinds, _STATUS, _REMARK)
    widths = (
        5,
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        *(36 for _ in kinds),
        fit_width([_STATUS], [missing_text(_all_owed(campaign))], 10, 20),
        18,
    )
    sheet = book.sheet(Form.RESULTS, widths, header_rows=(3, 3))
    sheet.title_block(f"{captions.ATTACHMENT}2", "\n".join(captions.RESULTS_FORM_TITLE))
    sheet.header(header)
    for number, form in enumerate(results_forms(campaign, book.report), 1):
        remarks: list[str] = []
        cells: list[tuple[Value, str]] = [
            (number, Style.INT),
            (form.member, Style.CENTER),
            (form.group, Style.TEXT),
        ]
        outside: list[str] = []
        for caption, items in form.rows():
            cells.append((_clipped(remarks, caption, _items_text(items)), Style.TEXT))
            outside.extend(item.submission_id for item in items if not item.in_window)
        if outside:
            remarks.insert(0, f"{OUTSIDE_NOTE}：{'、'.join(outside)}")
        status = missing_text(form.missing)
        cells.append((status, Style.NOTE if form.missing else Style.CENTER))
        cells.append(("；".join(remarks), Style.NOTE))
        sheet.write(cells)
    return sheet


# -- 附件3 ----------------------------------------------------------------------


def summary_sheet(book: Book) -> Sheet:
    """附件3: the seed's two-level header, one row per group, the total row 汇总."""
    content = summary_content(book.summary)
    names = [name for name, _ in content.rows]
    widths = (
        fit_width([content.header_top[0][0], content.total[0]], names, 16, 30),
        10,
        *(fit_width([sub], [], 9, 20) for sub in content.header_sub),
    )
    sheet = book.sheet(Form.SUMMARY, widths, header_rows=(3, 4), landscape=False)
    sheet.title_block(f"{captions.ATTACHMENT}3", content.title)

    # The two header rows: a caption spanning one column covers both rows;
    # a caption spanning several stands over its sub-captions.
    top: list[tuple[Value, str]] = []
    sub: list[tuple[Value, str]] = []
    subs = iter(content.header_sub)
    for caption, span in content.header_top:
        top.append((caption, Style.HEADER))
        top.extend((None, Style.HEADER) for _ in range(span - 1))
        if span == 1:
            sub.append((None, Style.HEADER))
        else:
            sub.extend((next(subs), Style.HEADER) for _ in range(span))
    first = sheet.write(top, height=36)
    captions_row = sheet.write(sub, height=36)
    column = 1
    for _, span in content.header_top:
        if span == 1:
            sheet.merge(column, column, first, first + 1)
        else:
            sheet.merge(column, column + span - 1, first, first)
        column += span

    rows = [
        sheet.write([(name, Style.TEXT), *((n, Style.INT) for n in numbers)])
        for name, numbers in content.rows
    ]
    label, totals = content.total
    sheet.write([(label, Style.TOTAL), *((n, Style.TOTAL_INT) for n in totals)])
    if content.outside_visits or content.outside_submissions:
        sheet.banner(
            f"注：另有{content.outside_visits}次走访、{content.outside_submissions}条报送"
            f"不在活动期内，未计入本表。",
            Style.LINE,
        )
    if rows:
        _summary_charts(book, sheet, rows[0], rows[-1], captions_row)
    return sheet


#: What is left of an A4 page for the charts, in points: the page less its
#: margins and the repeated header, with some to spare.
_PAGE: Final = 620.0
#: A chart's height: a base, so much per group, at least and at most (points).
_CHART_BASE: Final = 90.0
_CHART_PER_GROUP: Final = 15.6
_CHART_HEIGHT: Final = (200.0, 570.0)
#: The rate table the rate chart draws (columns A–D) ...
_RATE_HEADER: Final = ("组别", "委员人数", "已完成", "完成率")
#: ... and the first column of the chart beside it.
_RATE_CHART_COLUMN: Final = 5
#: Heights of the rate section's rows: heading, header, a one-line row (points).
_SECTION_ROW: Final = 24.0
_RATE_HEADER_ROW: Final = 28.0
_ONE_LINE_ROW: Final = 20.0


def _chart_height(groups: int) -> float:
    low, high = _CHART_HEIGHT
    return max(low, min(high, _CHART_BASE + _CHART_PER_GROUP * groups))


def _summary_charts(book: Book, sheet: Sheet, first: int, last: int, captions_row: int) -> None:
    """The two charts under 附件3, starting on a new page.

    The items chart draws the table's own cells: the group names (column A)
    and the three kind columns, each series named by its caption in the
    header. The rate chart draws a small table written for it: each group's
    members, complete members and completion rate, as
    :func:`~sanquan_core.check` found them; a group without members has no
    rate (—) and no bar.
    """
    chart = chart_content(book.campaign, book.summary, book.report)
    groups = last - first + 1
    height = _chart_height(groups)
    # 附件3 ends with the three kind columns, in SubmissionKind order.
    kinds = range(sheet.columns - len(SubmissionKind) + 1, sheet.columns + 1)
    sheet.page_break()

    items = bar_chart(
        title=chart.items_title,
        categories=sheet.ref(1, first, 1, last),
        series=[
            Bars(sheet.ref(col, first, col, last), sheet.ref(col, captions_row, col, captions_row))
            for col in kinds
        ],
        category_title=captions.GROUP,
        value_title="报送条数（条）",
        stacked=True,
    )
    sheet.add_chart(items, (1, sheet.columns), sheet.space(height))

    # The rate section follows on the same page when it fits.
    section = _SECTION_ROW + max(_RATE_HEADER_ROW + _ONE_LINE_ROW * groups, height)
    if height + 12 + section > _PAGE:
        sheet.page_break()
    else:
        sheet.skip()
    _rate_section(book, sheet, chart, height)


def _rate_section(book: Book, sheet: Sheet, chart: ChartContent, height: float) -> None:
    """The completion rate per group: a small table, and the rate chart beside it."""
    sheet.banner(
        f"{chart.rates_title}（图表数据，据“三个一”完成情况）", Style.SECTION, height=_SECTION_ROW
    )
    blank = [(None, Style.LINE)] * (sheet.columns - len(_RATE_HEADER))
    cells = [*((c, Style.HEADER) for c in _RATE_HEADER), *blank]
    header = sheet.write(cells, height=_RATE_HEADER_ROW)
    top = sheet.depth - _RATE_HEADER_ROW
    statuses = {g.group_id: g for g in book.report.groups}
    first = header + 1
    for row in book.summary.rows:
        status = statuses[row.group_id]
        rate: Value = "—" if status.rate is None else status.rate
        sheet.write(
            [
                (clean(row.group), Style.TEXT),
                (status.members, Style.INT),
                (status.complete, Style.INT),
                (rate, Style.PERCENT),
                *blank,
            ]
        )
    last = bottom = sheet.row
    room = height - (sheet.depth - top)
    if room > 0:  # the chart is taller than the table: keep its room inside the sheet
        _, bottom = sheet.space(room)
    rates = bar_chart(
        title=chart.rates_title,
        categories=sheet.ref(1, first, 1, last),
        series=[Bars(sheet.ref(4, first, 4, last))],
        category_title=captions.GROUP,
        value_title="完成率",
        percent=True,
    )
    sheet.add_chart(rates, (_RATE_CHART_COLUMN, sheet.columns), (header, bottom))


# -- completion -----------------------------------------------------------------

#: How many record ids one cell of the outside-window list holds.
_IDS_PER_ROW: Final = 100


def completion_sheet(book: Book) -> Sheet:
    """The completion report: every member, the reminder list, the groups, the outside records."""
    report = book.report
    content = completion_content(book.campaign, report)
    header = (_NUMBER, *content.MEMBER_HEADER)
    lines = content.members
    widths = (
        5,
        fit_width([], (m.member for m in lines), 8, 12),
        fit_width([], (m.group for m in lines), 12, 20),
        fit_width([], (m.office for m in lines), 8, 14),
        *(fit_width([caption], [], 8, 14) for caption in captions.KIND_COLUMNS),
        fit_width([header[7]], (m.missing_text for m in lines), 10, 24),
        fit_width([header[8]], (m.uncovered_text for m in lines), 10, 20),
    )
    sheet = book.sheet(Form.COMPLETION, widths, header_rows=(3, 3))
    sheet.title_block(None, content.title)
    sheet.banner(
        f"共有委员{content.total}名，已完成“三个一”{content.complete}名，"
        f"未完成{report.incomplete}名。",
        Style.LINE,
        height=22,
    )
    sheet.header(header)
    by_id = {line.member_id: line for line in lines}
    _member_rows(sheet, lines)

    sheet.page_break()  # the reminder list is printed on pages of its own
    sheet.banner("催报名单（未完成“三个一”的委员，按联系委办、组别排列）", Style.SECTION, height=24)
    overdue = [by_id[m] for reminder in report.reminders for m in reminder.member_ids]
    if overdue:
        _member_rows(sheet, overdue)
    else:
        sheet.banner("全体委员均已完成“三个一”，无需催报。", Style.LINE)

    sheet.skip()
    sheet.banner("各组完成情况", Style.SECTION, height=24)
    # The groups table lies on the members' grid: 组别 spans 委员姓名 and 组.
    group_header = content.GROUP_HEADER
    sheet.header([_NUMBER, group_header[0], None, *group_header[1:]], spans=[(2, 3)])
    for number, (row, status) in enumerate(zip(content.groups, report.groups, strict=True), 1):
        name, office, members, complete, rate_text = row
        rate: Value = rate_text if status.rate is None else status.rate
        sheet.write(
            [
                (number, Style.INT),
                (name, Style.TEXT),
                (None, Style.TEXT),
                (office, Style.CENTER),
                (members, Style.INT),
                (complete, Style.INT),
                (rate, Style.PERCENT),
            ],
            spans=[(2, 3)],
        )

    sheet.skip()
    sheet.banner(f"{OUTSIDE_NOTE}的记录", Style.SECTION, height=24)
    outside = (("走访", content.outside_visits), ("报送", content.outside_submissions))
    if not any(ids for _, ids in outside):
        sheet.banner("无。", Style.LINE)
    for what, ids in outside:
        for start in range(0, len(ids), _IDS_PER_ROW):
            chunk = ids[start : start + _IDS_PER_ROW]
            sheet.write(
                [
                    (f"{what}（共{len(ids)}条）", Style.CENTER),
                    (None, Style.CENTER),
                    (None, Style.CENTER),
                    ("、".join(chunk), Style.TEXT),
                    *((None, Style.TEXT) for _ in range(sheet.columns - 4)),
                ],
                spans=[(1, 3), (4, sheet.columns)],
            )

    if content.findings:
        sheet.skip()
        sheet.banner("其他提示", Style.SECTION, height=24)
        for finding in content.findings:
            sheet.banner(finding, Style.LINE)
    return sheet


def _member_rows(sheet: Sheet, lines: Iterable[MemberLine]) -> None:
    for number, line in enumerate(lines, 1):
        sheet.write(
            [
                (number, Style.INT),
                (line.member, Style.CENTER),
                (line.group, Style.TEXT),
                (line.office, Style.CENTER),
                *((n, Style.INT) for n in line.submitted),
                (line.missing_text, Style.CENTER if line.complete else Style.NOTE),
                (line.uncovered_text, Style.CENTER),
            ]
        )


# -- 成果汇编 --------------------------------------------------------------------

#: The book sheet's columns.
BOOK_HEADER: Final = (
    "章",
    "组别",
    "序号",
    "标题",
    "委员",
    "报送日期",
    "内容",
    "来源走访",
    "办理情况",
    _ID,
)


def book_sheet(book: Book) -> Sheet:
    """成果汇编: every item counted in the summary once, in the book's order.

    A row per item: its chapter (the kind), group, number within the group
    (as the printed book numbers it), title, member, date, content, the
    visit it came from and its follow-up. A chapter without items (all of
    its kind came late) keeps a row saying so.
    """
    campaign = book.campaign
    content = book_content(campaign, book.summary, book.report, book.options)
    items = [
        (chapter, item)
        for chapter in content.chapters
        for section in chapter.sections
        for item in section.items
    ]
    widths = (
        fit_width([], (c.heading for c in content.chapters), 10, 22),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        5,
        fit_width([], (item.title for _, item in items), 16, 30),
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], ["2017年12月31日"], 8, 20),
        50,
        fit_width([], (item.source for _, item in items), 16, 30),
        fit_width([BOOK_HEADER[8]], (item.follow_up for _, item in items), 8, 14),
        fit_width([], (item.submission_id for _, item in items), 6, 10),
    )
    sheet = book.sheet(Form.BOOK, widths, header_rows=(3, 3))
    sheet.title_block(None, f"{content.title}\n{content.subtitle}")
    counts = "，".join(f"{c.heading.partition('、')[2]}{c.count}条" for c in content.chapters)
    sheet.banner(
        f"共收录成果{content.count}条" + (f"：{counts}。" if counts else "。"),
        Style.LINE,
        height=22,
    )
    header = sheet.header(BOOK_HEADER)
    for chapter in content.chapters:
        if not chapter.count:
            sheet.write(
                [
                    (chapter.heading, Style.CENTER),
                    *((None, Style.TEXT) for _ in range(2)),
                    (NO_ITEMS, Style.NOTE),
                    *((None, Style.TEXT) for _ in range(sheet.columns - 4)),
                ]
            )
            continue
        for section in chapter.sections:
            for item in section.items:
                # Text too long for a cell is cut there with a note saying so.
                day = campaign.submission(item.submission_id).submitted_on
                sheet.write(
                    [
                        (chapter.heading, Style.CENTER),
                        (item.group, Style.TEXT),
                        (item.number, Style.INT),
                        (item.title, Style.TEXT),
                        (item.member, Style.CENTER),
                        (day, Style.DATE),
                        ("\n".join(item.paragraphs), Style.TEXT),
                        (item.source, Style.TEXT),
                        (item.follow_up, Style.CENTER),
                        (item.submission_id, Style.CENTER),
                    ]
                )
    if not content.chapters:
        sheet.banner("本汇编无收录内容（活动期内没有报送的成果）。", Style.LINE)
    else:
        sheet.auto_filter(header)
    return sheet


# -- the workbook ---------------------------------------------------------------

#: A function adding one form's sheet to the workbook.
SheetBuilder = Callable[[Book], Sheet]

#: The sheet builder of each form; :func:`export` calls them in ``options.forms`` order.
SHEETS: dict[Form, SheetBuilder] = {
    Form.VISITS: visits_sheet,
    Form.RESULTS: results_sheet,
    Form.SUMMARY: summary_sheet,
    Form.COMPLETION: completion_sheet,
    Form.BOOK: book_sheet,
}


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write *campaign* to *stream* as an Excel workbook, a sheet per form in ``options.forms``."""
    when = options.timestamp(campaign)
    wb = Workbook(write_only=True)
    raw = io.BytesIO()
    try:
        book = Book(campaign, options, wb)
        for form in options.forms:
            build = SHEETS.get(form)
            if build is None:
                raise ExportError(
                    f"the xlsx format has no sheet for {form.label} ({form.value}); "
                    f"export it as docx or pdf"
                )
            build(book).close()
        props = wb.properties
        props.creator = "sanquan_core"
        props.title = clean(campaign.plan.title)
        props.created = when
        props.modified = when  # Workbook.save() would stamp the clock here
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(wb, archive).save()
    except BaseException:
        discard(wb)
        raise
    stream.write(normalize(raw.getvalue(), when))
