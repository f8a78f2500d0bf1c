"""The duty points table (履职积分排名) as a sheet: members ranked, groups ranked, the breakdown."""

from __future__ import annotations

from sanquan_core.documents.points import PointsContent, points_content
from sanquan_core.documents.tables import Column, Table
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.sheet import Sheet, Style, Value
from sanquan_core.exporters.xlsx.workbook import Book

#: The cell style of each column type.
_STYLES = {"int": Style.INT, "date": Style.DATE, "percent": Style.PERCENT, "text": Style.CENTER}


def points_sheet(book: Book) -> Sheet:
    """The ranked members, the ranked groups, then every award (a page each)."""
    content: PointsContent = points_content(book.campaign)
    widths = [c.width for c in _padded(content)]
    sheet = book.sheet(Form.POINTS, widths, header_rows=(3, 3), landscape=False)
    sheet.title_block(None, content.title)
    if content.note:
        sheet.banner(content.note, Style.LINE)
    sheet.banner(content.headings[0], Style.SECTION, height=24)
    _table(sheet, content.members)
    sheet.skip()
    sheet.banner(content.headings[1], Style.SECTION, height=24)
    _table(sheet, content.groups)
    sheet.page_break()
    sheet.banner(content.headings[2], Style.SECTION, height=24)
    _table(sheet, content.details)
    return sheet


def _padded(content: PointsContent) -> list[Column]:
    """The widest column of each position across the three tables."""
    tables = (content.members, content.groups, content.details)
    out: list[Column] = []
    for i in range(max(len(t.columns) for t in tables)):
        found = [t.columns[i] for t in tables if i < len(t.columns)]
        out.append(max(found, key=lambda c: c.width))
    return out


def _table(sheet: Sheet, table: Table) -> None:
    filler = sheet.columns - len(table.columns)
    sheet.header([*table.captions, *([None] * filler)])
    styles = [_STYLES[c.type] for c in table.columns]
    for row in table.rows():
        cells: list[tuple[Value, str]] = list(zip(row, styles, strict=True))
        cells += [(None, Style.TEXT)] * filler
        sheet.write(cells)
