"""附件1–3 as sheets: a row per visit, a row per member, the summary table with its charts."""

from __future__ import annotations

from sanquan_core import captions
from sanquan_core.documents import (
    missing_text,
    results_forms,
)
from sanquan_core.documents.tables import items_text, visits_table
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.chart import summary_charts
from sanquan_core.exporters.xlsx.sheet import (
    Sheet,
    Style,
    Value,
    fit_width,
)
from sanquan_core.exporters.xlsx.workbook import (
    NUMBER,
    OUTSIDE_NOTE,
    REMARK,
    STATUS,
    Book,
    clipped,
)
from sanquan_core.model import Campaign, SubmissionKind

#: How 附件1's declared columns are styled; text cut to fit a cell is noted in 备注.
_VISIT_STYLES: dict[str, str] = {
    "id": Style.CENTER,
    "visitor": Style.CENTER,
    "visited_on": Style.DATE,
    "circle": Style.CENTER,
    "channel": Style.CENTER,
    "headcount": Style.INT,
    "follow_up": Style.CENTER,
}
_CLIPPED = frozenset({"target", "address", "situation", "needs_help", "needs_coordination"})


def visits_sheet(book: Book) -> Sheet:
    """附件1: one row per visit, the visitor and their group included (the declared table)."""
    campaign = book.campaign
    table = visits_table(campaign)
    header = (NUMBER, *(c.caption for c in table.columns))
    visits = campaign.visits
    widths = (
        5,
        fit_width([], (v.id for v in visits), 6, 10),
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        fit_width([], (v.target for v in visits), 10, 20),
        fit_width([], (v.address for v in visits), 10, 20),
        fit_width([], ["2017年12月31日"], 8, 20),  # the widest date
        *(c.width for c in table.columns[6:]),
    )
    sheet = book.sheet(Form.VISITS, widths, header_rows=(3, 3))
    sheet.title_block(f"{captions.ATTACHMENT}1", "\n".join(table.title))
    sheet.header(header)
    *columns, _ = table.columns
    for number, (*values, remark) in enumerate(table.rows(), 1):
        book.steps.step()
        book.steps.at("visit", str(values[0]))
        remarks = [str(remark)] if remark else []
        cells: list[tuple[Value, str]] = [(number, Style.INT)]
        for column, value in zip(columns, values, strict=True):
            fitted = (
                clipped(remarks, column.caption, str(value)) if column.key in _CLIPPED else value
            )
            cells.append((fitted, _VISIT_STYLES.get(column.key, Style.TEXT)))
        cells.append(("；".join(remarks), Style.NOTE))
        sheet.write(cells)
    return sheet


def _all_owed(campaign: Campaign) -> dict[SubmissionKind, int]:
    """What a member who handed in nothing owes: the longest 完成情况 text."""
    return {kind: campaign.plan.quota(kind) for kind in SubmissionKind}


def results_sheet(book: Book) -> Sheet:
    """附件2: one row per member, their items of each kind in the seed's three columns."""
    campaign = book.campaign
    kinds = tuple(captions.RESULT_ROWS.values())
    header = (NUMBER, captions.MEMBER_NAME, captions.GROUP_OF, *kinds, STATUS, REMARK)
    widths = (
        5,
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        *(36 for _ in kinds),
        fit_width([STATUS], [missing_text(_all_owed(campaign))], 10, 20),
        18,
    )
    sheet = book.sheet(Form.RESULTS, widths, header_rows=(3, 3))
    sheet.title_block(f"{captions.ATTACHMENT}2", "\n".join(captions.RESULTS_FORM_TITLE))
    sheet.header(header)
    for number, form in enumerate(results_forms(campaign, book.report), 1):
        book.steps.step()
        book.steps.at("member", form.member_id)
        remarks: list[str] = []
        cells: list[tuple[Value, str]] = [
            (number, Style.INT),
            (form.member, Style.CENTER),
            (form.group, Style.TEXT),
        ]
        outside: list[str] = []
        for caption, items in form.rows():
            cells.append((clipped(remarks, caption, items_text(items)), Style.TEXT))
            outside.extend(item.submission_id for item in items if not item.in_window)
        if outside:
            remarks.insert(0, f"{OUTSIDE_NOTE}：{'、'.join(outside)}")
        status = missing_text(form.missing)
        cells.append((status, Style.NOTE if form.missing else Style.CENTER))
        cells.append(("；".join(remarks), Style.NOTE))
        sheet.write(cells)
    return sheet


def summary_sheet(book: Book) -> Sheet:
    """附件3: the seed's two-level header, one row per group, the total row 汇总."""
    content = book.summary_content()
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
    if content.outside_note:
        sheet.banner(content.outside_note, Style.LINE)
    if rows and book.rollup is None:  # a roll-up has no members to chart the rates of
        summary_charts(book, sheet, rows[0], rows[-1], captions_row)
    return sheet
