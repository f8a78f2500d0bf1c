"""The ``xlsx`` format: an Excel workbook with a sheet per form.

Sheets, in the order of ``options.forms``:

* ``visits`` — 附件1 走访情况登记表, one row per visit, with the visitor and
  their group;
* ``results`` — 附件2 “三个一”工作成果登记表, one row per member, their items
  of each kind in the seed's three columns;
* ``summary`` — 附件3 情况汇总表, the seed's two-level merged header with its
  exact captions, one row per group and the total row 汇总;
* ``completion`` — each member's 三个一 status, the reminder list (催报名单),
  each group's completion rate and the records outside the window.

Each sheet opens with the 附件N label (where the seed has one) and the
form's title, freezes its header and repeats it on every printed page;
pages are A4, one page wide, numbered in the footer. Text is 宋体 and
wraps; column widths count a CJK character as two digits, and row heights
are worked out from the wrapped text, since spreadsheet applications do not
fit the rows of a file they open. Enums are written with their Chinese labels,
dates as real date cells shown as 2017年7月15日, numbers as numbers (never
formulas) taken from :func:`~sanquan_core.summarize` and
:func:`~sanquan_core.check` through :mod:`sanquan_core.exporters._content`.
A visit or item dated outside the campaign window is listed like the others
and marked 不在活动期内，未计入汇总 in red in its 备注 column.

Sheets are streamed (openpyxl's write-only mode): rows go to a temporary
file as they are made and are never held as cells in memory.
The file is the same bytes for the same input: document properties carry
``options.timestamp(campaign)`` and the ZIP entries are re-stamped by
:func:`~sanquan_core.exporters._zip.normalize`.

Text that would break the format is handled on purpose:

* Control characters are removed (:func:`~sanquan_core.exporters._content.clean`);
  XML cannot hold them. A lone surrogate becomes U+FFFD.
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
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters._content import (
    MemberLine,
    ResultItem,
    clean,
    completion_content,
    missing_text,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.exporters._xlsx_sheet import (
    Sheet,
    Style,
    Value,
    add_styles,
    clip,
    discard,
    fit_width,
)
from sanquan_core.exporters._zip import normalize
from sanquan_core.model import Campaign, SubmissionKind, Visit
from sanquan_core.rules import CompletionReport, check
from sanquan_core.summary import Summary, summarize

__all__ = ["OUTSIDE_NOTE", "SHEETS", "Book", "export"]

#: The 备注 of a record dated outside the campaign window.
OUTSIDE_NOTE: Final = "不在活动期内，未计入汇总"

_NUMBER: Final = "序号"
_ID: Final = "编号"
_REMARK: Final = "备注"
_STATUS: Final = "完成情况"


def _visit_caption(name: str) -> str:
    caption: str = attrs.fields_dict(Visit)[name].metadata["caption"]
    return caption


class Book:
    """What the sheet builders share: the campaign, the options, the workbook and its styles.

    The summary and the completion report are computed once, when a sheet
    first asks for them.
    """

    def __init__(self, campaign: Campaign, options: ExportOptions, wb: Workbook) -> None:
        self.campaign = campaign
        self.options = options
        self.wb = wb
        self.styles = add_styles(wb)

    @cached_property
    def report(self) -> CompletionReport:
        """:func:`~sanquan_core.check` of the campaign."""
        return check(self.campaign)

    @cached_property
    def summary(self) -> Summary:
        """:func:`~sanquan_core.summarize` of the campaign."""
        return summarize(self.campaign)

    def sheet(
        self,
        form: Form,
        widths: Sequence[float],
        header_rows: tuple[int, int],
        *,
        landscape: bool = True,
    ) -> Sheet:
        """A new sheet for *form*, named after it."""
        return Sheet(self.wb, self.styles, form.label, widths, header_rows, landscape=landscape)


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
    sheet.write(sub, height=36)
    column = 1
    for _, span in content.header_top:
        if span == 1:
            sheet.merge(column, column, first, first + 1)
        else:
            sheet.merge(column, column + span - 1, first, first)
        column += span

    for name, numbers in content.rows:
        sheet.write([(name, Style.TEXT), *((n, Style.INT) for n in numbers)])
    label, totals = content.total
    sheet.write([(label, Style.TOTAL), *((n, Style.TOTAL_INT) for n in totals)])
    if content.outside_visits or content.outside_submissions:
        sheet.banner(
            f"注：另有{content.outside_visits}次走访、{content.outside_submissions}条报送"
            f"不在活动期内，未计入本表。",
            Style.LINE,
        )
    return sheet


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


# -- the workbook ---------------------------------------------------------------

#: A function adding one form's sheet to the workbook.
SheetBuilder = Callable[[Book], Sheet]

#: The sheet builder of each form; :func:`export` calls them in ``options.forms`` order.
SHEETS: dict[Form, SheetBuilder] = {
    Form.VISITS: visits_sheet,
    Form.RESULTS: results_sheet,
    Form.SUMMARY: summary_sheet,
    Form.COMPLETION: completion_sheet,
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
