"""办理情况 (the ``follow_up`` form) as sheets: the tallies and the units, then the overdue list.

What it says comes from :func:`~sanquan_core.documents.followup.followup_content`.
The sheet ``办理情况`` holds the opening sentence and parts 一–五 on one grid
of ten columns (in a part with fewer columns, the first spans the rest); the overdue list,
the part that grows with the campaign, has a sheet of its own
(``超期未答复清单（按承办单位）``) whose header is frozen and repeated on
every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence

from sanquan_core.documents.followup import FollowUpGrid, followup_content
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.sheet import Sheet, Style, Value
from sanquan_core.exporters.xlsx.workbook import Book

__all__ = ["follow_up_sheet", "spans_of"]

#: The grid every part of the first sheet lies on: a name, then nine numbers.
_WIDTHS = (22.0, *(9.0 for _ in range(9)))


def spans_of(count: int, columns: int) -> list[tuple[int, int]]:
    """The sheet columns (first, last; from 1) each of *count* columns spans on *columns*.

    The first (the name) takes what the others leave, so the numbers stay
    in the sheet's last columns, one each.
    """
    slack = columns - count
    return [(1, 1 + slack), *((i + slack, i + slack) for i in range(2, count + 1))]


def _part(sheet: Sheet, part: FollowUpGrid) -> None:
    sheet.skip()
    sheet.banner(part.heading, Style.SECTION, height=24)
    if not part.rows:
        sheet.banner(part.empty, Style.LINE)
        return
    spans = spans_of(len(part.header), sheet.columns)
    merged = [(a, b) for a, b in spans if b > a]

    def cells(values: Sequence[Value], styles: Sequence[str]) -> list[tuple[Value, str]]:
        out: list[tuple[Value, str]] = []
        for (first, last), value, style in zip(spans, values, styles, strict=True):
            out.append((value, style))
            out.extend((None, style) for _ in range(last - first))
        return out

    sheet.write(cells(part.header, [Style.HEADER] * len(part.header)), spans=merged)
    plain = [Style.INT if numeric else Style.TEXT for numeric in part.numeric]
    bold = [Style.TOTAL_INT if numeric else Style.TOTAL for numeric in part.numeric]
    previous: object = None
    for values in part.rows:
        first = values[0]
        shown = "" if part.merge_first and first == previous else first
        previous = first
        sheet.write(cells((shown, *values[1:]), plain), spans=merged)
    if part.total is not None:
        sheet.write(cells(part.total, bold), spans=merged)


def follow_up_sheet(book: Book) -> Sheet:
    """办理情况: the tallies and the units; the overdue list on a sheet of its own."""
    content = followup_content(book.campaign, book.ledger)
    *parts, overdue = content.grids
    # the title is frozen and printed on every page; each part has its own header row
    sheet = book.sheet(Form.FOLLOW_UP, _WIDTHS, header_rows=(1, 1), landscape=False)
    sheet.title_block(None, content.title)
    sheet.banner(content.totals, Style.LINE, height=36)
    for part in parts:
        _part(sheet, part)
    sheet.close()

    widths = tuple(float(w) for w in overdue.widths)
    listing = Sheet(
        book.wb,
        book.styles,
        overdue.heading.partition("、")[2],
        widths,
        (2 + len(book.notes), 2 + len(book.notes)),
        landscape=False,
        notes=book.notes,
    )
    listing.title_block(None, overdue.heading)
    if not overdue.rows:
        listing.banner(overdue.empty, Style.LINE)
        return listing
    listing.header(overdue.header)
    previous: object = None
    for unit, *rest in overdue.rows:
        shown = "" if unit == previous else unit
        previous = unit
        listing.write(
            [
                (shown, Style.TEXT),
                *(
                    (value, Style.INT if numeric else Style.TEXT)
                    for value, numeric in zip(rest, overdue.numeric[1:], strict=True)
                ),
            ]
        )
    return listing
