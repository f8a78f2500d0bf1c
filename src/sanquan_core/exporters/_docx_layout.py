"""Page set-up, fonts and sizes of the DOCX exporter, in one table.

Everything a printed page depends on lives here, so a different house
style (the official GB/T 9704 layout, say) is another :class:`Layout`
value, not an edit across the form builders. The builders only name a
style by its id (:data:`LABEL`, :data:`CELL`, ...) and ask the layout for
column widths and row heights.

Sizes are in points and millimetres, the units an office uses; the XML
helpers convert them (1 pt = 20 twips, 1 mm ≈ 56.7 twips).
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

__all__ = [
    "ALERT",
    "CELL",
    "CELL_LABEL",
    "DEFAULT_LAYOUT",
    "GRID",
    "GRID_CENTER",
    "GRID_HEAD",
    "HEADING1",
    "HEADING2",
    "LABEL",
    "LINE",
    "NORMAL",
    "NOTE",
    "TABLE",
    "TITLE",
    "CharStyle",
    "Layout",
    "Page",
    "ParaStyle",
    "mm_to_twips",
    "pt_to_twips",
]

Align = Literal["left", "center", "right", "both"]

# Style ids the builders use. Normal, Heading1/2 and TableGrid are the
# built-in styles of python-docx's template, re-dressed; the others are ours.
NORMAL = "Normal"
HEADING1 = "Heading1"
HEADING2 = "Heading2"
TITLE = "SQTitle"
LABEL = "SQLabel"
LINE = "SQLine"
CELL = "SQCell"
CELL_LABEL = "SQCellLabel"
GRID = "SQGrid"
GRID_CENTER = "SQGridCenter"
GRID_HEAD = "SQGridHead"
NOTE = "SQNote"
ALERT = "SQAlert"
TABLE = "TableGrid"

_TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    """Millimetres as twentieths of a point, the unit of OOXML lengths."""
    return round(mm * _TWIPS_PER_MM)


def pt_to_twips(pt: float) -> int:
    """Points as twentieths of a point."""
    return round(pt * 20)


@frozen
class Page:
    """Paper and margins, in millimetres."""

    width: float = 210.0
    height: float = 297.0
    top: float = 25.0
    bottom: float = 25.0
    left: float = 28.0
    right: float = 26.0
    header: float = 15.0
    footer: float = 15.0

    @property
    def text_width(self) -> float:
        """The width between the margins: what a full-width table may use."""
        return self.width - self.left - self.right


@frozen
class ParaStyle:
    """A paragraph style: its fonts, size and spacing.

    ``east_asia`` is the face for Chinese (``w:eastAsia``), ``latin`` the
    face for Latin letters and digits. ``line`` is a line-spacing multiple
    (1.0 single) unless ``exact_line`` gives a fixed pitch in points.
    """

    style_id: str
    name: str
    east_asia: str
    size: float
    latin: str = "Times New Roman"
    bold: bool = False
    align: Align | None = None
    before: float = 0.0
    after: float = 0.0
    line: float = 1.0
    exact_line: float | None = None
    keep_next: bool = False
    outline_level: int | None = None
    tabs: tuple[float, ...] = ()
    """Left tab stops, in millimetres from the left margin."""
    based_on: str | None = NORMAL


@frozen
class CharStyle:
    """A character style layered on a paragraph's text (the alert mark)."""

    style_id: str
    name: str
    color: str
    bold: bool = False


@frozen
class Layout:
    """The whole house style of the DOCX exporter.

    Attributes:
        page: paper and margins.
        paragraphs: every paragraph style, by id; ``Normal`` also sets the
            document defaults.
        alert: the character style marking records outside the window.
        table_font: the face table text falls back to (set on the table
            style, for text typed into the table later in Word).
        visit_label_width: 附件1, the caption column.
        visit_short_row: 附件1, the height of the 走访对象/地址/日期 rows.
        visit_long_row: 附件1, the least height of the three content rows,
            so a printed form looks like the seed's, with room to write.
        results_label_width: 附件2, the caption column.
        results_row: 附件2, the least height of each row.
        summary_widths: 附件3, the proportions of its eight columns, scaled
            to the text width: room for 组别 names, for 参与活动/委员人数 on
            two lines and for the kinds' captions on two lines each.
        summary_head_row: 附件3, the height of each header row.
        grid_row: the least height of a row of 附件3 and the report's tables.
        group_widths: the report's group table (组别, 联系委办, 委员人数,
            已完成, 完成率), as proportions of the text width.
        reminder_widths: the reminder list (联系委办, 组别, 未完成委员).
        member_widths: the report's table of every member's line.
        keep_together_chars: a table row whose texts are all this short or
            shorter is kept on one page (``w:cantSplit``); a longer one may
            break, since Word clips a row that cannot split and does not fit.
            Eighty characters fill at most about twenty-five lines of the
            narrowest column.
        cjk_autospace: whether Word puts extra space between Chinese and
            Latin letters or digits (``w:autoSpaceDE``/``w:autoSpaceDN``);
            off, as the seed prints "附件1" and "2017年7月11日" tight.
    """

    page: Page
    paragraphs: tuple[ParaStyle, ...]
    alert: CharStyle
    table_font: str = "宋体"
    visit_label_width: float = 32.0
    visit_short_row: float = 11.0
    visit_long_row: float = 52.0
    results_label_width: float = 51.0
    results_row: float = 62.0
    summary_widths: tuple[float, ...] = (35.0, 19.0, 15.0, 15.0, 15.0, 19.0, 19.0, 19.0)
    summary_head_row: float = 9.0
    grid_row: float = 7.5
    group_widths: tuple[float, ...] = (5.0, 3.0, 2.0, 2.0, 2.0)
    reminder_widths: tuple[float, ...] = (2.0, 3.0, 7.0)
    member_widths: tuple[float, ...] = (3.3, 5.0, 3.0, 2.3, 2.3, 2.3, 5.0, 3.0)
    keep_together_chars: int = 80
    cjk_autospace: bool = False

    def style(self, style_id: str) -> ParaStyle:
        """The paragraph style *style_id*.

        Raises:
            KeyError: the layout has no such style.
        """
        for style in self.paragraphs:
            if style.style_id == style_id:
                return style
        raise KeyError(f"the layout has no paragraph style {style_id!r}")


_BODY = "仿宋"
_TABLE = "宋体"
_HEAD = "黑体"

#: The exporter's layout: A4, 仿宋 body, 宋体 tables, 黑体 headings and titles.
DEFAULT_LAYOUT = Layout(
    page=Page(),
    paragraphs=(
        ParaStyle(NORMAL, "Normal", _BODY, 14.0, line=1.25, based_on=None),
        ParaStyle(
            HEADING1,
            "heading 1",
            _HEAD,
            18.0,
            align="center",
            before=6.0,
            after=12.0,
            keep_next=True,
            outline_level=0,
        ),
        ParaStyle(
            HEADING2,
            "heading 2",
            _HEAD,
            14.0,
            before=12.0,
            after=6.0,
            keep_next=True,
            outline_level=1,
        ),
        ParaStyle(TITLE, "SQ Form Title", _HEAD, 18.0, align="center", keep_next=True, line=1.2),
        ParaStyle(LABEL, "SQ Attachment Label", _HEAD, 16.0, after=10.0, keep_next=True),
        ParaStyle(
            LINE,
            "SQ Form Line",
            _BODY,
            14.0,
            before=12.0,
            after=6.0,
            keep_next=True,
            tabs=(48.0,),
        ),
        # 附件1/2: a form's captions and what was written in it.
        ParaStyle(CELL, "SQ Form Cell", _TABLE, 12.0, line=1.2),
        ParaStyle(CELL_LABEL, "SQ Form Caption", _TABLE, 12.0, align="center", line=1.2),
        # 附件3 and the report: dense grids of names and numbers.
        ParaStyle(GRID, "SQ Grid Cell", _TABLE, 10.5),
        ParaStyle(GRID_CENTER, "SQ Grid Number", _TABLE, 10.5, align="center"),
        ParaStyle(GRID_HEAD, "SQ Grid Header", _HEAD, 10.5, align="center"),
        ParaStyle(NOTE, "SQ Note", _BODY, 10.5, before=4.0),
    ),
    alert=CharStyle(ALERT, "SQ Outside Window", color="C00000", bold=True),
)
