"""The progress report (进度) as a sheet: the whole campaign's series, the groups behind pace,
then per office its series, a rate table and a native line chart of the cumulative
completion rate drawn from that table's cells.
"""

from __future__ import annotations

from typing import Final

from sanquan_core import captions
from sanquan_core.documents import OfficeProgress, ProgressContent, progress_content
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.chart import Bars, line_chart
from sanquan_core.exporters.xlsx.sheet import Sheet, Style, Value, fit_width
from sanquan_core.exporters.xlsx.workbook import Book

__all__ = ["progress_sheet"]

#: The chart's height under each office's rate table, in points.
_CHART_HEIGHT: Final = 250.0
#: Rows of the section headings and of the header rows (points).
_SECTION_ROW: Final = 24.0


def progress_sheet(book: Book) -> Sheet:
    """The progress report: series, behind pace, a rate table and a chart per office."""
    content = progress_content(book.progress)
    most_lines = max((len(o.lines) for o in content.offices), default=1)
    columns = max(len(content.HEADER), len(content.rate_header) + most_lines)
    widths = [
        fit_width([content.HEADER[0]], content.axis_labels, 12, 22),
        fit_width([], (row[1] for row in content.rows), 12, 22),
        *(fit_width([caption], [], 9, 16) for caption in content.HEADER[2:]),
    ]
    widths += [12.0] * (columns - len(widths))
    sheet = book.sheet(Form.PROGRESS, widths, header_rows=(1, 1))
    sheet.title_block(None, content.title)
    sheet.banner(content.period, Style.LINE, height=22)
    sheet.banner(content.pace_rule, Style.LINE)

    sheet.banner(content.headings[0], Style.SECTION, height=_SECTION_ROW)
    _series(sheet, content, content.rows)

    sheet.skip()
    sheet.banner(content.headings[1], Style.SECTION, height=_SECTION_ROW)
    if content.behind:
        _padded_header(sheet, content.BEHIND_HEADER)
        for row in content.behind:
            name, supervisor, phase, day, counts, rate, pace = row
            cells: list[tuple[Value, str]] = [
                (name, Style.TEXT),
                (supervisor, Style.CENTER),
                (phase, Style.TEXT),
                (day, Style.CENTER),
                (counts, Style.CENTER),
                (rate, Style.NOTE),
                (pace, Style.CENTER),
            ]
            sheet.write(_pad(sheet, cells))
    else:
        sheet.banner(captions.NONE_BEHIND, Style.LINE)

    for office in content.offices:
        sheet.page_break()
        if office is content.offices[0]:
            sheet.banner(content.headings[2], Style.SECTION, height=_SECTION_ROW)
        _office(sheet, content, office)
    return sheet


def _pad(sheet: Sheet, cells: list[tuple[Value, str]]) -> list[tuple[Value, str]]:
    return cells + [(None, Style.LINE)] * (sheet.columns - len(cells))


def _padded_header(sheet: Sheet, header: tuple[str, ...]) -> int:
    return sheet.write(_pad(sheet, [(c, Style.HEADER) for c in header]), height=30)


def _series(sheet: Sheet, content: ProgressContent, rows: tuple[tuple[object, ...], ...]) -> None:
    _padded_header(sheet, content.HEADER)
    for row in rows:
        day, deadline, *numbers = row
        cells: list[tuple[Value, str]] = [(str(day), Style.CENTER), (str(deadline), Style.CENTER)]
        for i, value in enumerate(numbers):
            style = Style.CENTER if i == 2 else Style.INT  # the rate is text: 40% or —
            cells.append((value if isinstance(value, int) else str(value), style))
        sheet.write(_pad(sheet, cells))


def _office(sheet: Sheet, content: ProgressContent, office: OfficeProgress) -> None:
    """An office's series; on the next page its rate table and the line chart drawn from it."""
    sheet.banner(office.heading, Style.SECTION, height=_SECTION_ROW)
    _series(sheet, content, office.rows)
    sheet.page_break()  # the rate table and its chart share a page of their own
    header = [*content.rate_header, *(line.name for line in office.lines)]
    header_row = _padded_header(sheet, tuple(header))
    first = header_row + 1
    for label, expected, at in zip(
        content.axis_labels, content.expected, range(len(content.days)), strict=True
    ):
        cells: list[tuple[Value, str]] = [(label, Style.CENTER), (expected, Style.PERCENT)]
        for line in office.lines:
            rate = line.rates[at]
            cells.append(("—", Style.CENTER) if rate is None else (rate, Style.PERCENT))
        sheet.write(_pad(sheet, cells))
    last = sheet.row
    sheet.skip()
    top, bottom = sheet.space(_CHART_HEIGHT)
    series = [
        Bars(sheet.ref(col, first, col, last), sheet.ref(col, header_row, col, header_row))
        for col in range(2, len(header) + 1)
    ]
    # The lines first (the office as a whole leads), the expected pace last and dashed.
    chart = line_chart(
        title=office.chart_title,
        categories=sheet.ref(1, first, 1, last),
        series=[*series[1:], series[0]],
        category_title=captions.DATE_AXIS,
        value_title=captions.RATE_AXIS,
        dashed=len(series) - 1,
    )
    sheet.add_chart(chart, (1, sheet.columns), (top, bottom))
