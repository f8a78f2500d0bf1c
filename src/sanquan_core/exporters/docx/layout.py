"""Page set-up, fonts and sizes of the DOCX exporter, in one table.

Everything a printed page depends on lives here, so a different house
style is another :class:`Layout` value, not an edit across the form
builders. The builders only name a style by its id (:data:`LABEL`,
:data:`CELL`, ...) and ask the layout for column widths and row heights.

The layout in use, :data:`OFFICIAL_LAYOUT`, is the official document page of
GB/T 9704-2012, built from the numbers and faces of
:mod:`sanquan_core.exporters._official` (which the PDF exporter reads too):
A4 with margins 37/35/28/26 mm, a document grid of 22 lines of 28
characters, 3号仿宋 body text on that grid, 2号小标宋 titles, 一、 headings in
3号黑体, （一） in 3号楷体, 1. in 3号仿宋 bold, page numbers “— 1 —” in
4号宋体. Every form takes this page, the seed's 附件1–3 included, since they
are attachments of an official document; inside their tables the type is
smaller (宋体 12 pt and 10.5 pt).

The grid (``w:docGrid type="linesAndChars"``, its pitches from
:mod:`._official`) is declared on every section, but no paragraph snaps to
its character pitch (``w:snapToGrid w:val="0"``): the pitch, 15.79 pt, is
narrower than 3号 type, and LibreOffice gives each character wider than the
pitch two cells, which prints 14 characters to a line. 3号 text is
condensed instead (``tracking``, −0.3 pt a character), so 28 characters
fill a line in Word and LibreOffice alike, and its exact line spacing is
the grid's line pitch, so 22 lines fill a page.

Sizes are in points and millimetres, the units an office uses; the XML
helpers convert them (1 pt = 20 twips, 1 mm ≈ 56.7 twips).
"""

from __future__ import annotations

import math
from typing import Any, Literal

from attrs import frozen

from sanquan_core.exporters import _official as gb

__all__ = [
    "ADDRESSEE",
    "ALERT",
    "ATTACHMENT_LIST",
    "BODY",
    "BYLINE",
    "CELL",
    "CELL_LABEL",
    "CHART",
    "COVER_LINE",
    "COVER_SUBTITLE",
    "COVER_TITLE",
    "DATE_LINE",
    "DEFAULT_LAYOUT",
    "DOC_NUMBER",
    "DOC_TITLE",
    "FOOTER",
    "GRID",
    "GRID_CENTER",
    "GRID_HEAD",
    "HEADING1",
    "HEADING2",
    "HEADING3",
    "IMPRINT",
    "LABEL",
    "LINE",
    "MASTHEAD",
    "NORMAL",
    "NOTE",
    "OFFICIAL_LAYOUT",
    "TABLE",
    "TITLE",
    "TOC1",
    "TOC2",
    "TOC3",
    "TOC_TITLE",
    "CharStyle",
    "DocGrid",
    "Layout",
    "Page",
    "PageNumbers",
    "ParaStyle",
    "Rule",
    "mm_to_twips",
    "pt_to_twips",
]

Align = Literal["left", "center", "right", "both"]

# Style ids the builders use. Normal, Heading1/2/3, Footer and TableGrid are
# built-in styles of python-docx's template, re-dressed; TOC1–3 are Word's
# built-in "toc N" styles, added; the others are ours.
NORMAL = "Normal"
HEADING1 = "Heading1"
HEADING2 = "Heading2"
HEADING3 = "Heading3"
FOOTER = "Footer"
TOC1 = "TOC1"
TOC2 = "TOC2"
TOC3 = "TOC3"
BODY = "SQBody"
TITLE = "SQTitle"
DOC_TITLE = "SQDocTitle"
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
# the book
COVER_TITLE = "SQCoverTitle"
COVER_SUBTITLE = "SQCoverSubtitle"
COVER_LINE = "SQCoverLine"
TOC_TITLE = "SQTocTitle"
BYLINE = "SQByline"
CHART = "SQChart"
# the notice
MASTHEAD = "SQMasthead"
DOC_NUMBER = "SQDocNumber"
ADDRESSEE = "SQAddressee"
ATTACHMENT_LIST = "SQAttachmentList"
DATE_LINE = "SQDateLine"
IMPRINT = "SQImprint"

_TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    """Millimetres as twentieths of a point, the unit of OOXML lengths."""
    return round(mm * _TWIPS_PER_MM)


def pt_to_twips(pt: float) -> int:
    """Points as twentieths of a point."""
    return round(pt * 20)


@frozen
class Page:
    """Paper and margins, in millimetres.

    ``header`` and ``footer`` are the distances from the paper's top and
    bottom edge to the header and footer text.
    """

    width: float = gb.PAGE_WIDTH_MM
    height: float = gb.PAGE_HEIGHT_MM
    top: float = gb.MARGIN_TOP_MM
    bottom: float = gb.MARGIN_BOTTOM_MM
    left: float = gb.MARGIN_LEFT_MM
    right: float = gb.MARGIN_RIGHT_MM
    header: float = 15.0
    footer: float = 15.0

    @property
    def text_width(self) -> float:
        """The width between the margins: what a full-width table may use."""
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        """The height between the margins (the type area, 版心)."""
        return self.height - self.top - self.bottom


@frozen
class DocGrid:
    """The document grid (``w:docGrid type="linesAndChars"``) that fixes lines and characters.

    ``line_pitch`` is in twips; ``char_space`` in 4096ths of a point added
    to the body text size to give the character pitch, as Word stores it.
    """

    line_pitch: int
    char_space: int

    @classmethod
    def official(cls) -> DocGrid:
        """22 lines of 28 characters of 3号 type, from :mod:`._official`'s pitches.

        Both are rounded down, so 22 lines and 28 characters fit in the
        type area after Word rounds the margins to whole twips.
        """
        return cls(
            line_pitch=math.floor(gb.LINE_PITCH_PT * 20),
            char_space=math.floor((gb.CHAR_PITCH_PT - gb.SIZE_3) * 4096),
        )


@frozen
class PageNumbers:
    """Page numbers in the footer: “— 1 —”, outside-aligned.

    Odd pages put the number on the right, even pages on the left, each
    ``inset`` points in from the edge of the type area.
    """

    east_asia: str
    latin: str
    size: float
    inset: float


@frozen
class Rule:
    """A line drawn under a paragraph (``w:pBdr/w:bottom``), as wide as the paragraph."""

    color: str
    width: float
    """In points."""
    gap: float = 0.0
    """Between the text and the line, in points."""


@frozen
class ParaStyle:
    """A paragraph style: its fonts, size and spacing.

    ``east_asia`` is the face for Chinese (``w:eastAsia``), ``latin`` the
    face for Latin letters and digits. ``line`` is a line-spacing multiple
    (1.0 single) unless ``exact_line`` gives a fixed pitch in points.
    Indents (``first_line``, ``left``, ``right``, ``hanging``) are in
    characters of the style's size, as Chinese documents count them.
    ``tracking`` condenses (negative) or spreads every character, in
    points (``w:spacing`` of the run properties).
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
    first_line: float = 0.0
    left: float = 0.0
    right: float = 0.0
    hanging: float = 0.0
    tracking: float = 0.0
    color: str = "000000"
    rule: Rule | None = None
    toc_tab: bool = False
    """A right tab stop with a dot leader at the right margin, for contents entries."""
    builtin: bool = False
    """The style is one of Word's built-ins (``toc 1``): no ``w:customStyle``."""


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
        grid: the document grid, or ``None`` for none.
        page_numbers: the footer's page numbers, or ``None`` for none.
        faces: every face the styles name, with the faces a reader may
            fall back to (``word/fontTable.xml``'s ``w:altName``).
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
        summary_blank_rows: 附件3 printed blank (the notice packet): the
            seed's six empty rows before 汇总.
        grid_row: the least height of a row of 附件3 and the report's tables.
        group_widths: the report's group table (组别, 联系委办, 委员人数,
            已完成, 完成率), as proportions of the text width.
        reminder_widths: the reminder list (联系委办, 组别, 委员姓名, 尚缺).
        member_widths: the report's table of every member's line.
        chart_height: the height of each chart, in millimetres; charts are
            as wide as the text.
        masthead_gap: the notice's masthead (发文机关标志): from the top of
            the type area to the masthead, in millimetres.
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
    faces: tuple[gb.Face, ...] = ()
    grid: DocGrid | None = None
    page_numbers: PageNumbers | None = None
    table_font: str = "宋体"
    visit_label_width: float = 32.0
    visit_short_row: float = 10.0
    visit_long_row: float = 46.0
    results_label_width: float = 51.0
    results_row: float = 56.0
    summary_widths: tuple[float, ...] = (35.0, 19.0, 15.0, 15.0, 15.0, 19.0, 19.0, 19.0)
    summary_head_row: float = 9.0
    summary_blank_rows: int = 6
    grid_row: float = 7.5
    group_widths: tuple[float, ...] = (5.0, 3.0, 2.0, 2.0, 2.0)
    reminder_widths: tuple[float, ...] = (2.0, 3.0, 2.0, 5.0)
    member_widths: tuple[float, ...] = (3.3, 5.0, 3.0, 2.3, 2.3, 2.3, 5.0, 3.0)
    chart_height: float = 95.0
    masthead_gap: float = gb.MASTHEAD_TOP_MM
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

    @property
    def line_pitch(self) -> float:
        """The body's line pitch in points: the grid's, else Normal's line."""
        if self.grid is not None:
            return self.grid.line_pitch / 20
        normal = self.style(NORMAL)
        return normal.exact_line or normal.size * 1.2 * normal.line


def _official() -> Layout:
    grid = DocGrid.official()
    pitch = grid.line_pitch / 20  # exact line spacing on the grid, in points
    # 3号 characters condensed to the grid's character pitch, rounded down to
    # whole twips and one twip more (LibreOffice's text area comes out a
    # little narrower under a character grid), so that 28 of them fit a line
    # and 29 do not (see the module docstring)
    tracking = (math.floor((gb.CHAR_PITCH_PT - gb.SIZE_3) * 20) - 1) / 20
    body = gb.BODY.name
    song = gb.SONGTI.name
    red = gb.RED.lstrip("#")
    # The footer line is exactly one 4号 em tall; its middle, where the dashes
    # of "— 1 —" sit, lies PAGE_NUMBER_GAP_MM below the type area.
    number_mm = gb.SIZE_4 / gb.MM
    footer = gb.MARGIN_BOTTOM_MM - gb.PAGE_NUMBER_GAP_MM - number_mm / 2

    def on_grid(style_id: str, name: str, face: str, **more: Any) -> ParaStyle:
        """A 3号 style on the grid: the grid's line pitch, 28 characters a line."""
        return ParaStyle(
            style_id, name, face, gb.SIZE_3, exact_line=pitch, tracking=tracking, **more
        )

    def heading(style_id: str, name: str, face: str, level: int, **more: Any) -> ParaStyle:
        return on_grid(
            style_id, name, face, first_line=2, keep_next=True, outline_level=level, **more
        )

    return Layout(
        page=Page(footer=round(footer, 2)),
        grid=grid,
        page_numbers=PageNumbers(song, song, gb.SIZE_4, gb.PAGE_NUMBER_INSET_PT),
        faces=(gb.FANGSONG, gb.XIAOBIAOSONG, gb.HEITI, gb.KAITI, gb.SONGTI),
        paragraphs=(
            on_grid(NORMAL, "Normal", body, align="both", based_on=None),
            on_grid(BODY, "SQ Body Text", body, first_line=2),
            # 一、 （一） 1.: the three heading levels of GB/T 9704
            heading(HEADING1, "heading 1", gb.HEADING_1.name, 0),
            heading(HEADING2, "heading 2", gb.HEADING_2.name, 1),
            heading(HEADING3, "heading 3", body, 2, bold=True),
            ParaStyle(
                DOC_TITLE,
                "SQ Document Title",
                gb.TITLE.name,
                gb.SIZE_2,
                align="center",
                keep_next=True,
                exact_line=pitch,
            ),
            on_grid(LABEL, "SQ Attachment Label", gb.ATTACHMENT_LABEL.name, keep_next=True),
            ParaStyle(FOOTER, "footer", song, gb.SIZE_4, latin=song, exact_line=gb.SIZE_4),
            # 附件1–3 and the report: forms keep their own, smaller type, off the grid
            ParaStyle(TITLE, "SQ Form Title", gb.TITLE.name, 18.0, align="center", keep_next=True),
            ParaStyle(
                LINE,
                "SQ Form Line",
                body,
                14.0,
                before=8.0,
                after=6.0,
                keep_next=True,
                tabs=(48.0,),
            ),
            ParaStyle(CELL, "SQ Form Cell", song, 12.0, line=1.2),
            ParaStyle(CELL_LABEL, "SQ Form Caption", song, 12.0, align="center", line=1.2),
            ParaStyle(GRID, "SQ Grid Cell", song, 10.5),
            ParaStyle(GRID_CENTER, "SQ Grid Number", song, 10.5, align="center"),
            ParaStyle(GRID_HEAD, "SQ Grid Header", gb.HEITI.name, 10.5, align="center"),
            ParaStyle(NOTE, "SQ Note", body, 10.5, before=4.0),
            # the book: cover, contents, bylines, charts
            ParaStyle(
                COVER_TITLE,
                "SQ Cover Title",
                gb.TITLE.name,
                26.0,
                align="center",
                exact_line=2 * pitch,
            ),
            ParaStyle(
                COVER_SUBTITLE,
                "SQ Cover Subtitle",
                gb.TITLE.name,
                gb.SIZE_2,
                align="center",
                exact_line=2 * pitch,
            ),
            ParaStyle(
                COVER_LINE,
                "SQ Cover Line",
                gb.KAITI.name,
                gb.SIZE_3,
                align="center",
                exact_line=pitch,
            ),
            ParaStyle(
                TOC_TITLE,
                "SQ Contents Title",
                gb.TITLE.name,
                gb.SIZE_2,
                align="center",
                keep_next=True,
                exact_line=2 * pitch,
            ),
            on_grid(TOC1, "toc 1", body, toc_tab=True, builtin=True),
            on_grid(TOC2, "toc 2", body, left=1, toc_tab=True, builtin=True),
            on_grid(TOC3, "toc 3", body, left=2, toc_tab=True, builtin=True),
            on_grid(BYLINE, "SQ Byline", gb.KAITI.name, first_line=2, keep_next=True),
            ParaStyle(CHART, "SQ Chart", body, 10.5, align="center", before=6.0, after=6.0),
            # the notice (GB/T 9704 §7)
            ParaStyle(MASTHEAD, "SQ Masthead", gb.TITLE.name, 36.0, align="center", color=red),
            on_grid(
                DOC_NUMBER,
                "SQ Document Number",
                body,
                align="center",
                rule=Rule(red, gb.THICK_RULE_MM * gb.MM, gap=gb.RED_RULE_GAP_MM * gb.MM),
            ),
            on_grid(ADDRESSEE, "SQ Addressees", body),
            # 附件：1. …, the names aligned under the first one
            on_grid(ATTACHMENT_LIST, "SQ Attachment List", body, left=2 + 3),
            on_grid(DATE_LINE, "SQ Signature", body, align="right"),
            ParaStyle(IMPRINT, "SQ Imprint", body, gb.SIZE_4, exact_line=pitch),
        ),
        alert=CharStyle(ALERT, "SQ Outside Window", color="C00000", bold=True),
    )


#: GB/T 9704-2012's page for every form (see the module docstring).
OFFICIAL_LAYOUT = _official()
#: The layout :func:`sanquan_core.exporters.docx.render` uses unless told otherwise.
DEFAULT_LAYOUT = OFFICIAL_LAYOUT
