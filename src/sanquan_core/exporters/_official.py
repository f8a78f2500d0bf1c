"""The official document layout, GB/T 9704-2012 (党政机关公文格式), in numbers.

DOCX and PDF both read these, so the book and the notice packet have the
same page in both formats. Sizes are in points and millimetres; Chinese
type sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt.

The standard's page (its §5):

* A4, 210 × 297 mm; margins top 37 mm, bottom 35 mm, left 28 mm, right
  26 mm, so the type area (版心) is 156 × 225 mm;
* body text 3号仿宋, 22 lines a page, 28 characters a line: a fixed line
  pitch of 225 mm / 22 and a character pitch of 156 mm / 28;
* the title 2号小标宋, centred, on one or more lines;
* headings: first level “一、” in 3号黑体, second level “（一）” in 3号楷体,
  third level “1.” in 3号仿宋 bold;
* page numbers “— 1 —” in 4号 半角 digits 宋体, 7 mm below the type area,
  odd pages on the right and even pages on the left, one character in from
  the edge of the type area;
* 附件 labels in 3号黑体 at the top left of the attachment's first page;
* dates written out: 2017年7月11日.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

MM: Final = 72 / 25.4
"""Points per millimetre."""

PAGE_WIDTH_MM: Final = 210.0
PAGE_HEIGHT_MM: Final = 297.0
MARGIN_TOP_MM: Final = 37.0
MARGIN_BOTTOM_MM: Final = 35.0
MARGIN_LEFT_MM: Final = 28.0
MARGIN_RIGHT_MM: Final = 26.0
TYPE_WIDTH_MM: Final = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TYPE_HEIGHT_MM: Final = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225

LINES_PER_PAGE: Final = 22
CHARS_PER_LINE: Final = 28
LINE_PITCH_PT: Final = TYPE_HEIGHT_MM * MM / LINES_PER_PAGE  # ≈ 28.94 pt
CHAR_PITCH_PT: Final = TYPE_WIDTH_MM * MM / CHARS_PER_LINE  # ≈ 15.72 pt

SIZE_2: Final = 22.0
"""2号: titles."""
SIZE_3: Final = 16.0
"""3号: body text, headings, 附件 labels."""
SIZE_4: Final = 14.0
"""4号: page numbers."""

PAGE_NUMBER_GAP_MM: Final = 7.0
"""Distance from the bottom of the type area to the page number line."""
PAGE_NUMBER_INSET_PT: Final = SIZE_4
"""Page numbers sit one character in from the edge of the type area."""

RED: Final = "#E60012"
"""The red of the masthead (发文机关标志) and the separator line under it."""

MASTHEAD_TOP_MM: Final = 35.0
"""The notice's masthead: its top this far below the top of the type area (§7.2.3)."""
RED_RULE_GAP_MM: Final = 4.0
"""The red separator line: this far below the document number (§7.2.4)."""
THICK_RULE_MM: Final = 0.35
"""The red separator line and the 版记's first and last lines (§7.2.4, §7.4.1)."""
THIN_RULE_MM: Final = 0.25
"""The lines between the 版记's rows (§7.4.1)."""
LETTER_RULE_SPACE_MM: Final = 0.7
"""A letter's (函) red double line under the masthead, thick over thin (§10.1):
the space between its two lines (the standard gives none; ours)."""


def page_number_text(n: int) -> str:
    """``— 1 —``: an em dash, a space, the number, a space, an em dash."""
    return f"— {n} —"


@frozen
class Face:
    """A typeface as an office PC knows it, with the faces to fall back to.

    ``name`` is what DOCX names; ``alternates`` are tried, in order, when a
    reader lacks it (DOCX ``w:altName``; the PDF embeds the first TrueType
    face it can find among all of them and their ``styles``).
    ``styles`` are words that identify the style in font file names
    (``"fangsong"``, ``"kai"``), for finding a look-alike on machines
    without any of the named faces.
    """

    name: str
    alternates: tuple[str, ...]
    styles: tuple[str, ...]


FANGSONG: Final = Face("仿宋_GB2312", ("仿宋", "FangSong", "STFangsong"), ("fangsong", "fang"))
XIAOBIAOSONG: Final = Face(
    "方正小标宋简体", ("方正小标宋_GBK", "华文中宋", "黑体", "SimHei"), ("xiaobiaosong", "song")
)
HEITI: Final = Face("黑体", ("SimHei", "STHeiti", "Microsoft YaHei"), ("hei", "sans"))
KAITI: Final = Face("楷体_GB2312", ("楷体", "KaiTi", "STKaiti"), ("kai",))
SONGTI: Final = Face("宋体", ("SimSun", "STSong", "NSimSun"), ("song", "ming"))

BODY: Final = FANGSONG
TITLE: Final = XIAOBIAOSONG
HEADING_1: Final = HEITI
HEADING_2: Final = KAITI
PAGE_NUMBER: Final = SONGTI
ATTACHMENT_LABEL: Final = HEITI

#: Characters no line may start with, and characters no line may end with
#: (Chinese typography, 避头尾).
NO_LINE_START: Final = "，。、；：？！）》」』】〕〉”’…—·%‰"
NO_LINE_END: Final = "（《「『【〔〈“‘"


def signature_indents(signature: float, date: float) -> tuple[float, float]:
    """Right indents, in characters, of the signature and the date (GB/T 9704 §7.3.5.2).

    *signature* and *date* are the widths of the two lines in characters,
    as the format measures them. The signature stands two characters in from
    the right, the date under it starting two characters further right; a
    date that would then reach closer than two characters to the edge is set
    two in, and the signature moved right to keep the two-character step.
    """
    date_right = signature - date  # the signature two in; the date starts two right of it
    if date_right >= 2:
        return 2.0, date_right
    return 2 + 2 + date - signature, 2.0
