"""Page set-up, type sizes and paragraph styles of the PDF, in one place.

Everything that decides how a page looks lives here: paper and margins
(:class:`Layout`), the styles derived from them (:class:`Styles`) and the
document template that numbers pages and makes output reproducible
(:func:`build`). The form builders in :mod:`sanquan_core.exporters.pdf` only
ask for a style by role (title, cell, label...), so an official layout
(GB/T 9704: other margins, 仿宋 body, 小标宋 titles) is a different
:class:`Layout` and font set, not a rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import IO, Any

from attrs import frozen
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from sanquan_core.exporters._fonts import FontSet

__all__ = ["Layout", "Meta", "Styles", "build"]


@frozen
class Layout:
    """Paper, margins and type sizes, in points.

    Sizes follow Chinese type sizes: 五号 10.5 pt for table text, 小二 18 pt
    for titles, 小五 9 pt for notes.
    """

    page_size: tuple[float, float] = A4
    top: float = 25 * mm
    bottom: float = 25 * mm
    left: float = 25 * mm
    right: float = 25 * mm
    title_size: float = 18
    title_leading: float = 26
    heading_size: float = 14
    heading_leading: float = 22
    text_size: float = 10.5
    text_leading: float = 15
    note_size: float = 9
    note_leading: float = 12.5
    page_number_size: float = 10.5
    #: Page number text; ``{n}`` is the page number.
    page_number_format: str = "— {n} —"
    #: Distance from the paper's bottom edge to the page number's baseline.
    page_number_baseline: float = 12 * mm
    rule_width: float = 0.6

    @property
    def width(self) -> float:
        """Width of the text block."""
        return self.page_size[0] - self.left - self.right

    @property
    def height(self) -> float:
        """Height of the text block."""
        return self.page_size[1] - self.top - self.bottom


class Styles:
    """The paragraph styles of the document, by role, all in the main font."""

    def __init__(self, layout: Layout, font: str) -> None:
        def style(name: str, size: float, leading: float, **kw: Any) -> Any:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
            )

        t = layout
        self.font = font
        #: 附件1 / 附件2 marks above a form.
        self.attachment = style("attachment", t.heading_size, t.heading_leading, spaceAfter=2)
        #: The mark of a form that follows another on the same page.
        self.attachment_next = style(
            "attachment_next", t.heading_size, t.heading_leading, spaceBefore=6 * mm, spaceAfter=2
        )
        self.title = style("title", t.title_size, t.title_leading, alignment=TA_CENTER)
        self.heading = style(
            "heading",
            t.heading_size,
            t.heading_leading,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.text = style("text", t.text_size, t.text_leading)
        self.cell = style("cell", t.text_size, t.text_leading)
        self.cell_center = style("cell_center", t.text_size, t.text_leading, alignment=TA_CENTER)
        self.cell_right = style("cell_right", t.text_size, t.text_leading, alignment=TA_RIGHT)
        self.label = style("label", t.text_size, t.text_leading, alignment=TA_CENTER)
        self.note_right = style("note_right", t.note_size, t.note_leading, alignment=TA_RIGHT)
        self.note = style("note", t.note_size, t.note_leading, textColor=colors.HexColor("#444444"))
        self.small_cell = style("small_cell", t.note_size, t.note_leading)
        self.small_center = style("small_center", t.note_size, t.note_leading, alignment=TA_CENTER)
        #: The visible mark of a record outside the campaign window.
        self.outside = style(
            "outside", t.text_size, t.text_leading, textColor=colors.HexColor("#b00000")
        )


@frozen
class Meta:
    """Document information: title, author, subject, and the timestamp written."""

    title: str
    author: str
    subject: str
    created: datetime


def _pdf_date(moment: datetime) -> str:
    text = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{text}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


_WIDE_ENTRY = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16(match: re.Match[str]) -> str:
    code = int(match.group(2), 16)
    high = 0xD800 + ((code - 0x10000) >> 10)
    low = 0xDC00 + ((code - 0x10000) & 0x3FF)
    return f"{match.group(1)} <{high:04X}{low:04X}>"


class _ToUnicodeFix:
    """Makes characters beyond U+FFFF searchable and copyable.

    reportlab writes their ToUnicode entries as five or six hex digits
    (``<1F600>``), which is not UTF-16, so viewers extract garbage for an
    emoji or an Extension B character drawn from a fallback font. Queued
    after the fonts (reportlab adds font objects just before writing), this
    rewrites those entries as surrogate pairs.
    """

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        for name, obj in doc.idToObject.items():
            if str(name).startswith("toUnicodeCMap:") and isinstance(obj.content, str):
                obj.content = _WIDE_ENTRY.sub(_utf16, obj.content)


class _Canvas(Canvas):  # type: ignore[misc]
    """A canvas whose file ID is a digest of what its pages draw.

    reportlab's invariant mode fixes the timestamp and makes the ID depend on
    the metadata only; feeding every page's drawing operators into the
    digest makes the ID follow the content too, still without the clock.
    """

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._doc.updateSignature("\n".join(self._code))
        super().showPage()

    def save(self) -> None:
        self._doc.delayedFonts.append(_ToUnicodeFix())
        super().save()


def _canvas_maker(created: datetime) -> Callable[..., Any]:
    stamp = _pdf_date(created)

    def make(*args: Any, **kwargs: Any) -> Any:
        kwargs["invariant"] = 1
        canvas = _Canvas(*args, **kwargs)
        canvas.setDateFormatter(lambda *_: stamp)
        return canvas

    return make


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """One page template with the page number; outline entries for marked flowables."""

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "sq_outline", None)
        if outline is not None:
            title, level = outline
            key = f"sq-{self.seq.nextf('sq-outline')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


def build(
    story: Sequence[Any], stream: IO[bytes], layout: Layout, fonts: FontSet, meta: Meta
) -> None:
    """Lay out *story* on numbered pages and write the PDF to *stream*."""
    doc = _Document(
        stream,
        pagesize=layout.page_size,
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator="sanquan_core",
        invariant=1,
        lang="zh-CN",
        initialFontName=fonts.name,
        initialFontSize=layout.text_size,
    )
    number_font = fonts.name
    numbered = layout.page_number_format
    if not all(fonts.has(ch) for ch in numbered.replace("{n}", "").strip()):
        numbered = "- {n} -"

    def page_number(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(number_font, layout.page_number_size)
        canvas.drawCentredString(
            layout.page_size[0] / 2,
            layout.page_number_baseline,
            numbered.format(n=document.page),
        )
        canvas.restoreState()

    frame = Frame(
        layout.left,
        layout.bottom,
        layout.width,
        layout.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
    with _binary_streams():
        doc.build(list(story), canvasmaker=_canvas_maker(meta.created))


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed page streams without reportlab's ASCII85 layer on top.

    ASCII85 makes a file a quarter larger and is encoded in pure Python
    here; no viewer needs it. reportlab reads the switch from its global
    configuration while writing, so it is set for the build and restored.
    """
    from reportlab import rl_config

    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved
