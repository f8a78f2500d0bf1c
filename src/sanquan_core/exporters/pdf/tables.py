"""The tables of the PDF forms: a form's label|content frame, the line above it, a plain
grid with a repeating header, and small cells and notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from reportlab.lib import colors
from reportlab.platypus import Flowable

from sanquan_core import captions
from sanquan_core.exporters.pdf.text import chunks
from sanquan_core.exporters.pdf.writer import Para, SizedTable, Writer

OUTSIDE_MARK = captions.OUTSIDE_MARK


class Row:
    """One visual row of a form: a label and its content, or one cell across.

    ``cells`` holds the content as pieces short enough for a page; each piece
    becomes a table row, and the rows are drawn as one cell. ``aside`` is a
    short note (text, colour) at the right end of a row without a label.
    """

    def __init__(
        self,
        label: Any | None,
        cells: Sequence[Any],
        *,
        aside: tuple[str, str] | None = None,
        min_height: float = 0,
    ) -> None:
        self.label = label
        self.cells = list(cells) or [""]
        self.aside = aside
        self.min_height = min_height


def form_table(pdf: Writer, rows: Sequence[Row], label_width: float, aside_width: float = 0) -> Any:
    """A bordered label|content table; long content continues over pages.

    With *aside_width*, a third column holds the rows' asides; a label's
    content spans it.
    """
    width = pdf.layout.width
    rule = pdf.layout.rule_width
    widths = [label_width, width - label_width - aside_width]
    if aside_width:
        widths.append(aside_width)
    end = len(widths) - 1
    data: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        *cell_font(pdf),
        ("BOX", (0, 0), (-1, -1), rule, colors.black),
        # close the frame where a long form breaks across pages
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), rule, colors.black),
        ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), rule, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for row in rows:
        first = len(data)
        last = first + len(row.cells) - 1
        for i, cell in enumerate(row.cells):
            if row.label is None:
                line = [cell, *[""] * end]
                span_end = end
                if row.aside is not None and aside_width:
                    span_end = end - 1
                    if i == 0:
                        line[end] = aside(pdf, row.aside, aside_width, style, first)
                style.append(("SPAN", (0, first + i), (span_end, first + i)))
            else:
                line = [row.label if i == 0 else "", cell, *[""] * (end - 1)]
                style.append(("SPAN", (1, first + i), (end, first + i)))
            data.append(line)
        if row.label is not None:
            style.append(("LINEAFTER", (0, first), (0, last), rule, colors.black))
            style.append(("VALIGN", (0, first), (0, first), "MIDDLE"))
            style.append(("ALIGN", (0, first), (0, first), "CENTER"))
            if row.min_height and len(row.cells) == 1:
                pad = pdf.label_padding(row.label, label_width, row.min_height)
                style.append(("TOPPADDING", (0, first), (0, first), pad))
                style.append(("BOTTOMPADDING", (0, first), (0, first), pad))
        if len(row.cells) > 1:
            # continuation pieces sit flush against each other
            style.append(("BOTTOMPADDING", (0, first), (-1, last - 1), 0))
            style.append(
                ("TOPPADDING", (1 if row.label is not None else 0, first + 1), (-1, last), 0)
            )
        style.append(("LINEBELOW", (0, last), (-1, last), rule, colors.black))
    return SizedTable(data, colWidths=widths, style=style)


def aside(
    pdf: Writer, aside: tuple[str, str], width: float, style: list[tuple[Any, ...]], row: int
) -> Any:
    """The aside cell of *row*: small, coloured, right-aligned."""
    text, colour = aside
    cell = (-1, row)
    style.append(("ALIGN", cell, cell, "RIGHT"))
    style.append(("TEXTCOLOR", cell, cell, colors.HexColor(colour)))
    style.append(("FONTSIZE", cell, cell, pdf.layout.note_size))
    style.append(("VALIGN", cell, cell, "MIDDLE"))
    return pdf.cell(text, pdf.styles.note_right, width - 12, colour)


def cell_font(pdf: Writer) -> list[tuple[Any, ...]]:
    """Table style commands that set plain-string cells in the main font."""
    t = pdf.layout
    return [
        ("FONTNAME", (0, 0), (-1, -1), pdf.fonts.name),
        ("FONTSIZE", (0, 0), (-1, -1), t.text_size),
        ("LEADING", (0, 0), (-1, -1), t.text_leading),
    ]


def pieces(pdf: Writer, text: str, width: float, prefix: str = "") -> list[Any]:
    """*prefix* and *text* as cells of a *width*, each piece small enough for a page."""
    parts = list(chunks(text)) or [""]
    parts[0] = prefix + parts[0]
    return [pdf.cell(part, pdf.styles.cell, width) for part in parts]


def top_line(pdf: Writer, left: str, right: str, tag: str = "") -> Any:
    """The line above a form's table: who, and which group, with room between.

    The seed spaces the two halves apart; a paragraph would collapse the
    spaces, so the halves sit in an unruled table.
    """
    s = pdf.styles
    widths = [pdf.layout.width * f for f in (0.36, 0.5, 0.14)]
    cells = [
        pdf.cell(left, s.cell, widths[0]),
        pdf.cell(right, s.cell, widths[1]),
        pdf.cell(tag, s.note_right, widths[2], "#666666"),
    ]
    if all(isinstance(cell, str) for cell in cells):
        return TopLine(pdf, cells, widths)
    return SizedTable(
        [cells],
        colWidths=widths,
        style=[
            *cell_font(pdf),
            ("FONTSIZE", (2, 0), (2, 0), pdf.layout.note_size),
            ("TEXTCOLOR", (2, 0), (2, 0), colors.HexColor("#666666")),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ],
    )


class TopLine(Flowable):  # type: ignore[misc]
    """:func:`top_line` when its three parts are plain one-line strings: drawn, not a table.

    Every form has one; a table per line was a tenth of the export's time.
    """

    def __init__(self, pdf: Writer, cells: Sequence[str], widths: Sequence[float]) -> None:
        super().__init__()
        self._cells = cells
        self._widths = widths
        t = pdf.layout
        self._font = pdf.fonts.name
        self._sizes = (t.text_size, t.text_size, t.note_size)
        self._gap = 6.0  # the table's top padding
        self.height = self._gap + t.text_leading
        self._baseline = t.text_leading - t.text_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return sum(self._widths), self.height

    def draw(self) -> None:
        canvas = self.canv
        left, right, tag = self._cells
        y = self._baseline
        canvas.setFont(self._font, self._sizes[0])
        canvas.drawString(0, y, left)
        canvas.drawString(self._widths[0], y, right)
        if tag:
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#666666"))
            canvas.setFont(self._font, self._sizes[2])
            canvas.drawRightString(sum(self._widths), y, tag)
            canvas.restoreState()


def note_markup(pdf: Writer, text: str) -> str:
    """Markup for *text* in the small grey type of notes."""
    return f'<font size="{pdf.layout.note_size}" color="#444444">{pdf.text(text)}</font>'


def outside_markup(pdf: Writer) -> str:
    return f'<font color="#b00000">{pdf.text(f"（{OUTSIDE_MARK}）")}</font>'


def grid(
    pdf: Writer,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    small: bool = False,
) -> Any:
    """A plain table with a header row that repeats on every page."""
    s = pdf.styles
    head_style = s.small_center if small else s.cell_center
    head = [pdf.para(h, head_style) for h in header]
    rule = pdf.layout.rule_width
    style = [
        *cell_font(pdf),
        ("GRID", (0, 0), (-1, -1), rule, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]

    def table(body: Sequence[Sequence[Any]], heights: list[float | None] | None = None) -> Any:
        return SizedTable(
            [head, *[list(r) for r in body]],
            colWidths=list(widths),
            rowHeights=heights,
            repeatRows=1,
            style=style,
        )

    if len(rows) > LONG_GRID:
        return LongGrid(table, rows)
    return table(rows)


#: Rows above which :func:`grid` lays its table out a window at a time (:class:`LongGrid`).
LONG_GRID = 400


class LongGrid(Flowable):  # type: ignore[misc]
    """A grid of many rows, laid out a page's worth of rows at a time, in time linear in its rows.

    reportlab splits a long table at a page's end into the rows that fit
    and a new table of all the rest, measuring and restyling every row of
    the rest again, at each page: quadratic in the rows (a 20,000-member
    list took minutes). This flowable builds a table of only the next rows,
    a few more than the last page held, splits that, and keeps the rows
    after the split for the next page; each row is measured once, and its
    height handed to the tables after. What is drawn is the same grid, its
    header repeated on every page.

    Args:
        table: makes the table (header included) of some rows, given the
            heights known (``None`` for a row to measure).
        rows: every row of the grid.
        start: the first row not yet drawn.
        window: how many rows to try first.
        heights: the header's and rows' heights measured so far.
    """

    #: The height reported while rows remain past the window: more than any
    #: page, so that the grid is split (and never kept whole with a heading).
    TALL: ClassVar[float] = 100_000.0

    def __init__(
        self,
        table: Callable[[Sequence[Sequence[Any]], list[float | None]], Any],
        rows: Sequence[Sequence[Any]],
        start: int = 0,
        window: int = 64,
        heights: list[float | None] | None = None,
    ) -> None:
        super().__init__()
        self._table = table
        self._rows = rows
        self._start = start
        self._window = max(window, 8)
        self._heights: list[float | None] = heights or [None] * (len(rows) + 1)
        self._part: Any = None
        self._size: tuple[float, float] | None = None
        self._height = 0.0
        self.hAlign = "CENTER"  # as a Table

    def _fit(self, available_width: float, available_height: float) -> tuple[float, float]:
        size = (available_width, available_height)
        if self._size != size:
            window = self._window
            while True:
                start, end = self._start, min(len(self._rows), self._start + window)
                known = self._heights
                part = self._table(self._rows[start:end], [known[0], *known[start + 1 : end + 1]])
                _, height = part.wrap(available_width, available_height)
                measured = part._rowHeights
                known[0] = measured[0]
                known[start + 1 : start + len(measured)] = measured[1:]
                if end == len(self._rows):
                    break
                if height > available_height:
                    height = max(height, self.TALL)
                    break
                window *= 2
            self._part, self._size, self._height = part, size, height
        return self._part._width, self._height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self._fit(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self._fit(available_width, available_height)
        parts: list[Any] = self._part.split(available_width, available_height)
        if len(parts) < 2:
            return parts
        first = parts[0]
        drawn = len(first._cellvalues) - 1  # the header is repeated, not drawn again
        rest = self._start + drawn
        if rest >= len(self._rows):
            return [first]
        window = drawn + drawn // 4 + 4
        return [first, LongGrid(self._table, self._rows, rest, window, self._heights)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self._part.drawOn(canvas, x, y, _sW)


def number(pdf: Writer, value: int) -> Any:
    return Para(str(value), pdf.styles.cell_center)


def centered(pdf: Writer, value: object) -> Any:
    return pdf.para(str(value), pdf.styles.cell_center)
