"""The spreadsheet toolkit behind the ``xlsx`` exporter.

:mod:`sanquan_core.exporters.xlsx` says *what* each sheet shows; this module
knows *how* a streamed (write-only) openpyxl worksheet is filled: the named
styles, safe text cells, column widths, frozen and printed header rows,
A4 page set-up, merged ranges, and the cell references and anchors of the
charts a sheet carries (:mod:`sanquan_core.exporters.xlsx.chart` builds them).

Only the ``xlsx`` exporter imports this module, so openpyxl loads only when
a workbook is written.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final, Protocol, TypeAlias

from openpyxl import Workbook
from openpyxl.chart._chart import ChartBase
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.dimensions import DimensionHolder
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.header_footer import HeaderFooter
from openpyxl.worksheet.page import PageMargins, PrintOptions, PrintPageSetup
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.properties import PageSetupProperties, WorksheetProperties

from sanquan_core.documents import clean
from sanquan_core.documents.text import width as columns
from sanquan_core.exporters.xlsx.rows import RowWriter

__all__ = [
    "CELL_LIMIT",
    "DATE_FORMAT",
    "FORMULA_PREFIXES",
    "TRUNCATION_NOTE",
    "Sheet",
    "Style",
    "Value",
    "add_styles",
    "cell_text",
    "clip",
    "discard",
    "fit_width",
    "text_width",
    "wrapped_lines",
]

#: What a cell may hold.
Value: TypeAlias = str | int | float | date | None

#: Excel's limit for one cell, in UTF-16 code units (an emoji counts twice).
CELL_LIMIT: Final = 32767
#: Appended to text cut at :data:`CELL_LIMIT`, so the cut is never silent.
TRUNCATION_NOTE: Final = (
    "……【内容超过Excel单元格32767个字符的上限，以下已截断；全文见DOCX或PDF文件】"
)
#: First characters that make a spreadsheet treat typed text as a formula;
#: their full-width forms, which Chinese input methods produce, are
#: treated alike to be safe.
FORMULA_PREFIXES: Final = frozenset("=+-@＝＋－＠")
#: Dates print as Chinese documents write them: 2017年7月15日.
DATE_FORMAT: Final = 'yyyy"年"m"月"d"日"'

_BODY_FONT: Final = "宋体"
_HEAD_FONT: Final = "黑体"


class Style:
    """Names of the workbook's cell styles (named styles, visible in Excel's gallery)."""

    LABEL: Final = "三圈-附件"
    TITLE: Final = "三圈-标题"
    LINE: Final = "三圈-说明"
    ASIDE: Final = "三圈-附注"
    SECTION: Final = "三圈-小标题"
    HEADER: Final = "三圈-表头"
    TEXT: Final = "三圈-正文"
    TEXT_TOP: Final = "三圈-长文"
    CENTER: Final = "三圈-居中"
    INT: Final = "三圈-整数"
    PERCENT: Final = "三圈-百分比"
    DATE: Final = "三圈-日期"
    NOTE: Final = "三圈-备注"
    TOTAL: Final = "三圈-合计"
    TOTAL_INT: Final = "三圈-合计数"


def add_styles(wb: Workbook) -> dict[str, StyleArray]:
    """Register the named styles of :class:`Style` with *wb*; return each one's style array.

    A cell made with its style's array (see :class:`Sheet`) is the same as
    one given the style by name, without openpyxl looking the name up for
    every cell.
    """
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=_BODY_FONT, size=11)
    bold = Font(name=_BODY_FONT, size=11, bold=True)
    wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    grey = PatternFill(fill_type="solid", start_color="E7E6E6", end_color="E7E6E6")
    styles = [
        NamedStyle(Style.LABEL, font=Font(name=_HEAD_FONT, size=12), alignment=wrap_left),
        NamedStyle(
            Style.TITLE, font=Font(name=_BODY_FONT, size=16, bold=True), alignment=wrap_center
        ),
        NamedStyle(Style.LINE, font=body, alignment=wrap_left),
        NamedStyle(
            Style.ASIDE, font=Font(name=_BODY_FONT, size=10, color="595959"), alignment=wrap_left
        ),
        NamedStyle(Style.SECTION, font=Font(name=_HEAD_FONT, size=12), alignment=wrap_left),
        NamedStyle(Style.HEADER, font=bold, alignment=wrap_center, border=box, fill=grey),
        NamedStyle(Style.TEXT, font=body, alignment=wrap_left, border=box),
        NamedStyle(Style.TEXT_TOP, font=body, alignment=top_left, border=box),
        NamedStyle(Style.CENTER, font=body, alignment=wrap_center, border=box),
        NamedStyle(Style.INT, font=body, alignment=wrap_center, border=box, number_format="0"),
        NamedStyle(Style.PERCENT, font=body, alignment=wrap_center, border=box, number_format="0%"),
        NamedStyle(
            Style.DATE, font=body, alignment=wrap_center, border=box, number_format=DATE_FORMAT
        ),
        NamedStyle(
            Style.NOTE,
            font=Font(name=_BODY_FONT, size=11, color="C00000"),
            alignment=wrap_left,
            border=box,
        ),
        NamedStyle(Style.TOTAL, font=bold, alignment=wrap_center, border=box),
        NamedStyle(
            Style.TOTAL_INT, font=bold, alignment=wrap_center, border=box, number_format="0"
        ),
    ]
    for style in styles:
        wb.add_named_style(style)
    return {style.name: style.as_tuple() for style in styles}


# -- text ---------------------------------------------------------------------------


def cell_text(text: str) -> str:
    """*text* as a cell may hold it: no control characters, no lone surrogates.

    :func:`~sanquan_core.documents.clean` removes both (XML cannot
    hold the one, UTF-8 cannot encode the other); content went through it
    already, this keeps captions and ids safe too. The ``_`` of any
    ``_xHHHH_`` is written ``_x005F_``, so that the text reads back as typed
    instead of as the character HHHH.
    """
    text = clean(text)
    return _ESCAPED.sub("_x005F_", text) if "_x" in text else text


_ESCAPED: Final = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def _units(text: str) -> int:
    """Length of *text* in UTF-16 code units, as Excel counts."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def clip(text: str) -> tuple[str, bool]:
    """*text* cut to fit one cell, with :data:`TRUNCATION_NOTE` appended when cut.

    Returns the text and whether it was cut. Characters outside the BMP
    (emoji, CJK Extension B) count as two, and are never split.
    """
    if len(text) * 2 <= CELL_LIMIT or _units(text) <= CELL_LIMIT:
        return text, False
    budget = CELL_LIMIT - _units(TRUNCATION_NOTE)
    used = 0
    for end, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            return text[:end] + TRUNCATION_NOTE, True
    return text, False  # pragma: no cover - the length check above returned already


def put_text(cell: Any, value: str) -> None:
    """Put *value* in *cell* as text, whatever it starts with, fitted to a cell.

    The one guard of every cell sanquan_core writes, in the workbook and in
    the workbooks embedded in DOCX charts: openpyxl turns a str starting
    with "=" into a formula and "#N/A" into an error; the text of a record
    is neither. Text starting with a :data:`FORMULA_PREFIXES` character
    also gets Excel's quote-prefix flag, which keeps it text when someone
    edits the cell.
    """
    text, _ = clip(cell_text(value))
    cell.value = text
    cell.data_type = "s"
    if text[:1] in FORMULA_PREFIXES:
        cell.quotePrefix = True


def _fitted(value: Value) -> Value:
    """*value* as a cell holds it: text made safe and cut to fit (:func:`put_text`'s rules)."""
    if isinstance(value, str):
        return clip(cell_text(value))[0]
    return value


# -- widths -------------------------------------------------------------------------


def text_width(text: str, cap: int = 200) -> int:
    """Width of the widest line of *text* in half-width columns (CJK count 2), at most *cap*.

    A character takes at least one column, so the first *cap* characters of a
    line tell whether it reaches *cap*: long text is not measured whole.
    """
    return min(cap, max((columns(line[:cap]) for line in text.split("\n")), default=0))


def fit_width(captions: Iterable[str], values: Iterable[str], lo: float, hi: float) -> float:
    """A column width that fits *captions* and *values*, between *lo* and *hi*.

    Excel measures widths in digits of the default font; a CJK character is
    about two of them, plus a little for the cell's padding and border.
    """
    widest = 0
    for text in (*captions, *values):
        widest = max(widest, text_width(text, cap=int(hi)))
        if widest >= hi:
            break
    return max(lo, min(hi, widest * 1.1 + 2))


# Points per line of 11-point text, padding, and Excel's tallest row (409 pt).
_LINE: Final = 15.0
_PAD: Final = 6.0
_MIN_ROW: Final = 20.0
_MAX_LINES: Final = 27
#: Height of the empty rows :meth:`Sheet.space` writes.
_SPACE_ROW: Final = 20.0


def wrapped_lines(text: str, width: float, most: int = _MAX_LINES) -> int:
    """How many lines *text* takes in a wrapping column *width* wide, at most *most*."""
    # Excel gives a CJK character of 11-point 宋体 about 2.1 width units.
    per = max(1.0, (width - 1) / 1.05)  # half-width characters per line
    lines = 0
    for line in text.split("\n"):
        if len(line) * 2 <= per:  # fits whatever the characters
            lines += 1
        else:
            lines += max(1, math.ceil(text_width(line, cap=int(per * most) + 1) / per))
        if lines >= most:
            return most
    return max(lines, 1)


@functools.lru_cache(maxsize=4096)
def _lines_of(text: str, width: float) -> int:
    """:func:`wrapped_lines`, worked out once per distinct text and width.

    Names, groups, offices and captions recur on every row; the cache is
    bounded, so memory stays flat however many rows a sheet has.
    """
    return wrapped_lines(text, width)


def _row_height(lines: int) -> float:
    return min(409.0, max(_MIN_ROW, lines * _LINE + _PAD))


# -- sheets -------------------------------------------------------------------------


class _WriteOnly(Protocol):
    """The parts of openpyxl's ``WriteOnlyWorksheet`` used here (its stubs list fewer)."""

    title: str
    merged_cells: MultiCellRange
    row_breaks: RowBreak
    column_dimensions: DimensionHolder[str, Any]
    row_dimensions: DimensionHolder[int, Any]
    page_setup: PrintPageSetup
    print_options: PrintOptions
    page_margins: PageMargins
    sheet_properties: WorksheetProperties
    HeaderFooter: HeaderFooter
    freeze_panes: str | None
    print_title_rows: str | None
    auto_filter: AutoFilter
    _writer: Any  # openpyxl's WorksheetWriter, made when the sheet starts
    _sq_rows: RowWriter

    def append(self, row: Iterable[Any]) -> None: ...
    def add_chart(self, chart: ChartBase, anchor: str | None = None) -> None: ...
    def close(self) -> None: ...


class Sheet:
    """A streamed worksheet filled row by row, set up for printing on A4.

    Everything openpyxl writes before the first row (column widths, frozen
    panes, page set-up) is fixed here, in the constructor; rows are written
    as they come and never held in memory.

    Args:
        wb: a write-only workbook.
        styles: what :func:`add_styles` returned for *wb*.
        title: the sheet's name (at most 31 characters).
        widths: column widths, in Excel's units; also fixes the column count.
        header_rows: the first and last row of the table header. Rows down
            to the last are frozen on screen; the header rows are repeated
            on every printed page.
        landscape: print across the page.
        notes: one-line notes :meth:`title_block` prints under the title
            (the scope of a selection, that personal data was masked);
            *header_rows* count them in.
    """

    def __init__(
        self,
        wb: Workbook,
        styles: Mapping[str, StyleArray],
        title: str,
        widths: Sequence[float],
        header_rows: tuple[int, int],
        *,
        landscape: bool = True,
        notes: Sequence[str] = (),
    ) -> None:
        ws: _WriteOnly = wb.create_sheet(title)
        self._ws = ws
        self._rows = RowWriter(wb, styles)
        ws._sq_rows = self._rows  # for discard()
        self._styles = styles
        self.title = ws.title
        self.widths = tuple(widths)
        self.columns = len(widths)
        self.notes = tuple(notes)
        self.row = 0
        #: The height of the rows written so far, in points.
        self.depth = 0.0
        for index, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(index)].width = round(width, 1)
        first, last = header_rows
        ws.freeze_panes = f"A{last + 1}"
        ws.print_title_rows = f"{first}:{last}"
        setup = ws.page_setup
        setup.paperSize = 9  # A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth = 1  # one page wide ...
        setup.fitToHeight = 0  # ... as many pages long as it takes
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(
            left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3
        )
        footer = ws.HeaderFooter.oddFooter
        if footer is not None:  # openpyxl makes an empty one for every sheet
            footer.center.text = "第 &P 页，共 &N 页"

    def write(
        self,
        cells: Sequence[tuple[Value, str]],
        *,
        height: float | None = None,
        spans: Sequence[tuple[int, int]] = (),
    ) -> int:
        """Append a row of ``(value, style)`` pairs; return its row number.

        Strings are always written as text (see the ``xlsx`` module
        docstring); ``None`` writes an empty cell that keeps its style, so
        merged areas keep their borders. *spans* are ``(first, last)``
        columns (from 1) merged in this row, the value in the first.
        *height* fixes the row height in points; by default it is worked
        out from the wrapped text, since neither Excel nor LibreOffice fits
        rows of a file they open.
        """
        self.row += 1
        if height is None:
            lines = self._lines(cells, spans)
            tallest = max(lines, default=1)
            height = _row_height(tallest)
            if tallest >= _MAX_LINES:
                # Text taller than Excel's tallest row shows its beginning, not its middle.
                cells = [
                    (value, Style.TEXT_TOP if n >= _MAX_LINES and style == Style.TEXT else style)
                    for (value, style), n in zip(cells, lines, strict=True)
                ]
        self.depth += height
        self._rows.row(
            self.row, [(_fitted(value), style) for value, style in cells], height, FORMULA_PREFIXES
        )
        for first, last in spans:
            self.merge(first, last, self.row, self.row)
        return self.row

    def _lines(
        self, cells: Sequence[tuple[Value, str]], spans: Sequence[tuple[int, int]]
    ) -> list[int]:
        """Lines each cell's text wraps to (1 for numbers, dates and merged-over cells)."""
        if not spans:
            widths = self.widths
            return [
                _lines_of(value, widths[col] if col < len(widths) else 0)
                if isinstance(value, str)
                else 1
                for col, (value, _) in enumerate(cells)
            ]
        ends = dict(spans)
        covered = {col for first, last in spans for col in range(first + 1, last + 1)}
        lines = []
        for col, (value, _) in enumerate(cells, 1):
            if isinstance(value, str) and col not in covered:
                width = sum(self.widths[col - 1 : ends.get(col, col)])
                lines.append(_lines_of(value, width))
            else:
                lines.append(1)
        return lines

    def merge(self, first_col: int, last_col: int, first_row: int, last_row: int) -> None:
        """Merge the rectangle from (*first_row*, *first_col*) to (*last_row*, *last_col*).

        Each range is declared once, straight into the sheet's set of merged
        ranges: ``MultiCellRange.add`` first tests the new range against
        every range merged so far, which made a sheet of many merged rows
        quadratic in its rows. The sheet never merges overlapping ranges,
        so the test has nothing to find.
        """
        self._ws.merged_cells.ranges.add(
            CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
        )

    def banner(self, text: str, style: str, *, height: float | None = None) -> int:
        """A row whose one cell spans the whole width: a label, title, note or heading."""
        cells = [(text, style)] + [(None, style)] * (self.columns - 1)
        spans = [(1, self.columns)] if self.columns > 1 else []
        return self.write(cells, height=height, spans=spans)

    def title_block(self, label: str | None, title: str) -> None:
        """The 附件N label (when the form has one), the form's title as the seed prints it,
        then the sheet's :attr:`notes`, a line each."""
        if label:
            self.banner(label, Style.LABEL, height=22)
        self.banner(title, Style.TITLE, height=14 + 22 * (title.count("\n") + 1))
        for note in self.notes:
            self.banner(note, Style.ASIDE)

    def header(
        self, captions: Sequence[str | None], *, spans: Sequence[tuple[int, int]] = ()
    ) -> int:
        """A row of column captions; ``None`` under a merged caption."""
        cells = [(c, Style.HEADER) for c in captions]
        # Bold text is a little wider: a few points spare keep captions clear of the border.
        height = _row_height(max(self._lines(cells, spans))) + 8
        return self.write(cells, height=height, spans=spans)

    def page_break(self) -> None:
        """Start a new printed page after the last row written."""
        self._ws.row_breaks.append(Break(id=self.row))

    def skip(self) -> int:
        """An empty row, e.g. between two tables."""
        return self.write([], height=12)

    def space(self, points: float) -> tuple[int, int]:
        """Empty rows at least *points* high in all, e.g. the room a chart stands in.

        Returns the first and last of them. Writing them (rather than leaving
        the area to the application's default row height) keeps the room the
        same size in every application, and inside the printed area.
        """
        first = self.row + 1
        rows = max(1, math.ceil(points / _SPACE_ROW))
        for _ in range(rows):
            self.write([], height=_SPACE_ROW)
        return first, self.row

    def ref(self, first_col: int, first_row: int, last_col: int, last_row: int) -> str:
        """An absolute reference to a range (or one cell) of this sheet.

        E.g. ``'附件3 情况汇总表'!$F$5:$F$28``, or ``'附件3 情况汇总表'!$F$4`` for one cell.
        """
        cells = f"${get_column_letter(first_col)}${first_row}"
        if (last_col, last_row) != (first_col, first_row):
            cells += f":${get_column_letter(last_col)}${last_row}"
        return f"{quote_sheetname(self.title)}!{cells}"

    def add_chart(self, chart: ChartBase, columns: tuple[int, int], rows: tuple[int, int]) -> None:
        """Place *chart* over the cells of *columns* and *rows* (first and last, from 1).

        The chart is anchored to the cells' edges, so it covers the same
        cells in every application (column widths in pixels differ with the
        fonts installed). Call this before :meth:`close`.
        """
        (first_col, last_col), (first_row, last_row) = columns, rows
        anchor = TwoCellAnchor(
            _from=AnchorMarker(col=first_col - 1, row=first_row - 1),
            to=AnchorMarker(col=last_col, row=last_row),  # the far edge of the last cell
        )
        chart.anchor = anchor  # type: ignore[assignment]  # openpyxl takes an anchor; stubs say str
        self._ws.add_chart(chart)

    def auto_filter(self, header_row: int) -> None:
        """Filter buttons on *header_row* over the rows written below it."""
        last = get_column_letter(self.columns)
        self._ws.auto_filter.ref = f"A{header_row}:{last}{max(self.row, header_row)}"

    def close(self) -> None:
        """Finish the sheet: openpyxl writes its part, the rows go in (:mod:`.rows`)."""
        self._ws.close()
        self._rows.splice(self._ws._writer.out)


def discard(wb: Workbook) -> None:
    """Close the streamed sheets of a workbook that will not be saved, and remove their files.

    openpyxl streams each write-only sheet to a temporary file and removes it
    only when the workbook is saved (or when Python exits); a failed export
    should not leave them behind.
    """
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not getattr(ws, "closed", True):
                ws.close()
        rows = getattr(ws, "_sq_rows", None)
        if isinstance(rows, RowWriter):
            rows.discard()
        # openpyxl keeps the file's path on the sheet's private writer.
        path = getattr(getattr(ws, "_writer", None), "out", None)
        if isinstance(path, str):
            with contextlib.suppress(OSError):
                os.remove(path)
