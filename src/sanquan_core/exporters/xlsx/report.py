"""The completion report as a sheet: each group's rate, the reminder list, the records outside
the window, every member's status.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from sanquan_core import captions
from sanquan_core.documents import (
    MemberLine,
    completion_content,
)
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.sheet import (
    Sheet,
    Style,
    Value,
    fit_width,
)
from sanquan_core.exporters.xlsx.workbook import (
    NUMBER,
    Book,
)

#: How many record ids one cell of the outside-window list holds.
_IDS_PER_ROW: Final = 100


def completion_sheet(book: Book) -> Sheet:
    """The completion report: every member, the reminder list, the groups, the outside records."""
    report = book.report
    content = completion_content(book.campaign, report)
    header = (NUMBER, *content.MEMBER_HEADER)
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
    sheet.banner(content.totals, Style.LINE, height=22)
    sheet.header(header)
    by_id = {line.member_id: line for line in lines}
    _member_rows(sheet, lines)

    sheet.page_break()  # the reminder list is printed on pages of its own
    sheet.banner(content.PARTS[1], Style.SECTION, height=24)
    overdue = [by_id[m] for reminder in report.reminders for m in reminder.member_ids]
    if overdue:
        _member_rows(sheet, overdue)
    else:
        sheet.banner(captions.ALL_COMPLETE, Style.LINE)

    sheet.skip()
    sheet.banner(content.PARTS[0], Style.SECTION, height=24)
    # The groups table lies on the members' grid: 组别 spans 委员姓名 and 组.
    group_header = content.GROUP_HEADER
    sheet.header([NUMBER, group_header[0], None, *group_header[1:]], spans=[(2, 3)])
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
    sheet.banner(content.PARTS[2], Style.SECTION, height=24)
    if not content.outside:
        sheet.banner(captions.NOTHING, Style.LINE)
    for lead, ids in content.outside:
        for start in range(0, len(ids), _IDS_PER_ROW):
            chunk = ids[start : start + _IDS_PER_ROW]
            sheet.write(
                [
                    (lead.rstrip("："), Style.CENTER),
                    (None, Style.CENTER),
                    (None, Style.CENTER),
                    ("、".join(chunk), Style.TEXT),
                    *((None, Style.TEXT) for _ in range(sheet.columns - 4)),
                ],
                spans=[(1, 3), (4, sheet.columns)],
            )

    if content.findings:
        sheet.skip()
        sheet.banner(content.PARTS[3], Style.SECTION, height=24)
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
