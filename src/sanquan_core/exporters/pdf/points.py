"""The duty points table (履职积分排名) in PDF: members ranked, groups ranked, the breakdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from sanquan_core.documents.points import points_content
from sanquan_core.documents.tables import Table, Value
from sanquan_core.documents.text import cn_date
from sanquan_core.exporters.pdf.tables import centered, grid
from sanquan_core.exporters.pdf.writer import Writer


def points(pdf: Writer) -> Iterator[Any]:
    """The ranked members, the ranked groups, then every award on pages of their own."""
    s = pdf.styles
    content = points_content(pdf.campaign)
    yield pdf.para(content.title, s.title)
    yield from pdf.notes()
    if content.note:
        yield pdf.para(content.note, s.text)
    yield Spacer(1, 3 * mm)
    yield pdf.para(content.headings[0], s.heading)
    yield _grid(pdf, content.members)
    yield pdf.para(content.headings[1], s.heading)
    yield _grid(pdf, content.groups)
    yield PageBreak()
    yield pdf.para(content.headings[2], s.heading)
    yield _grid(pdf, content.details)


def _grid(pdf: Writer, table: Table) -> Any:
    """*table* with its header repeated on every page; columns as wide as their hints say."""
    total = sum(c.width for c in table.columns)
    widths = [pdf.layout.width * c.width / total for c in table.columns]
    rows = [
        [_cell(pdf, value, column.type) for value, column in zip(row, table.columns, strict=True)]
        for row in table.rows()
    ]
    return grid(pdf, table.captions, rows, widths)


def _cell(pdf: Writer, value: Value, kind: str) -> Any:
    if isinstance(value, date):
        return centered(pdf, cn_date(value))
    if kind == "text":
        return pdf.para("" if value is None else str(value), pdf.styles.cell)
    return centered(pdf, "" if value is None else value)
