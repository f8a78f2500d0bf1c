"""Page set-up, type sizes and paragraph styles of the PDF, in one place.

Every page of the PDF is the official page of GB/T 9704-2012, whatever the
form: the book and the notice are official documents, and 附件1–3 and the
completion report are the notice's attachments, printed and bound with it.
The numbers come from :mod:`sanquan_core.exporters._official`:

* A4; margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm);
* running text (book, notice, plan) in 3号 on a fixed grid of 22 lines of
  28 characters (:mod:`.flow` draws it);
* titles 2号, headings 3号;
* page numbers ``— 1 —`` in 4号, 7 mm below the type area, odd pages on the
  right and even pages on the left, one character in from the type area's
  edge (a book's cover has none).

Inside the forms' tables the type is smaller, as printed forms need: 五号
(10.5 pt) cells, 小五 (9 pt) notes, the forms' titles 小二 (18 pt) so that
a form keeps to one page; 附件 labels are 3号黑体.

:class:`Layout` holds the numbers, :class:`Styles` the paragraph styles of
the forms by role, each in its role's face (:class:`~.fonts.Faces`), and
:func:`build` lays a story out on numbered pages with reproducible output.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import IO, Any

from attrs import frozen
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from sanquan_core.exporters import _official as gb
from sanquan_core.exporters._official import MM
from sanquan_core.exporters._progress import Steps
from sanquan_core.exporters.pdf.faces import Faces
from sanquan_core.exporters.pdf.save import Shared, compact, save

__all__ = ["Layout", "Meta", "Styles", "build"]

log = logging.getLogger("sanquan_core")


@frozen
class Layout:
    """Paper, margins and type sizes, in points (see the module's docstring).

    Attributes:
        body_size: running text, 3号.
        line_pitch: the fixed distance of running text's lines (22 a page).
        char_pitch: the advance of a Chinese character (28 a line).
        doc_title_size: a document's title, 2号.
        title_size: a form's title (小二), smaller so the form keeps to a page.
        heading_size: headings and 附件 labels, 3号.
        label_leading: 附件 labels above a form.
        text_size: table cells (五号).
        note_size: notes (小五).
        page_number_size: 4号.
        imprint_size: the 版记's lines, 4号.
        page_number_gap: from the type area's bottom edge to the dashes of
            the page number.
        page_number_inset: from the type area's side edge to the page number.
        rule_width: table rules.
        thick_rule: the 版记's outer lines and the masthead's red line (0.35 mm).
        thin_rule: lines between the 版记's rows (0.25 mm).
    """

    page_size: tuple[float, float] = (gb.PAGE_WIDTH_MM * MM, gb.PAGE_HEIGHT_MM * MM)
    top: float = gb.MARGIN_TOP_MM * MM
    bottom: float = gb.MARGIN_BOTTOM_MM * MM
    left: float = gb.MARGIN_LEFT_MM * MM
    right: float = gb.MARGIN_RIGHT_MM * MM
    body_size: float = gb.SIZE_3
    line_pitch: float = gb.LINE_PITCH_PT
    char_pitch: float = gb.CHAR_PITCH_PT
    doc_title_size: float = gb.SIZE_2
    title_size: float = 18
    title_leading: float = 26
    heading_size: float = gb.SIZE_3
    heading_leading: float = 24
    label_leading: float = 22
    text_size: float = 10.5
    text_leading: float = 15
    note_size: float = 9
    note_leading: float = 12.5
    page_number_size: float = gb.SIZE_4
    imprint_size: float = gb.SIZE_4
    page_number_gap: float = gb.PAGE_NUMBER_GAP_MM * MM
    page_number_inset: float = gb.PAGE_NUMBER_INSET_PT
    rule_width: float = 0.6
    thick_rule: float = gb.THICK_RULE_MM * MM
    thin_rule: float = gb.THIN_RULE_MM * MM

    @property
    def width(self) -> float:
        """Width of the type area."""
        return self.page_size[0] - self.left - self.right

    @property
    def height(self) -> float:
        """Height of the type area."""
        return self.page_size[1] - self.top - self.bottom

    @property
    def char_space(self) -> float:
        """Extra space after each character of running text (negative: 3号 on a smaller pitch)."""
        return self.char_pitch - self.body_size


class Styles:
    """The paragraph styles of the forms, by role, each in its role's face."""

    def __init__(self, layout: Layout, faces: Faces) -> None:
        body = faces.body.name

        def style(name: str, size: float, leading: float, font: str = body, **kw: Any) -> Any:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
            )

        t = layout
        label = faces.attachment_label.name
        self.font = body
        #: 附件1 / 附件2 marks above a form: 3号黑体, top left.
        self.attachment = style("attachment", t.heading_size, t.label_leading, label, spaceAfter=2)
        #: The mark of a form that follows another on the same page.
        self.attachment_next = style(
            "attachment_next",
            t.heading_size,
            t.label_leading,
            label,
            spaceBefore=4 * MM,
            spaceAfter=2,
        )
        self.title = style(
            "title", t.title_size, t.title_leading, faces.title.name, alignment=TA_CENTER
        )
        self.heading = style(
            "heading",
            t.heading_size,
            t.heading_leading,
            faces.heading_1.name,
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
        #: A chart's or a table's title inside a document: 4号黑体, centred.
        self.chart_title = style(
            "chart_title",
            gb.SIZE_4,
            t.heading_leading,
            faces.heading_1.name,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=4,
        )
        #: The visible mark of a record outside the campaign window.
        self.outside = style(
            "outside", t.text_size, t.text_leading, textColor=colors.HexColor("#b00000")
        )


@frozen
class Meta:
    """Document information: title, author, subject, keywords, and the timestamp written."""

    title: str
    author: str
    subject: str
    created: datetime
    keywords: str = ""


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


def _flate_only(thing: Any, flate: Any = None) -> None:
    """Give a page or form its content stream now, compressed without ASCII85.

    reportlab chooses a stream's filters when it writes the file, from the
    process-wide switch ``rl_config.useA85`` (on by default): ASCII85 makes
    a file a quarter larger and is encoded in pure Python, and no viewer
    needs it. A page or form whose ``Contents`` is already set is written
    as it is, so this document gets Flate alone without touching the switch,
    and a document another thread builds at the same time keeps its own.
    A page's stream gets *flate* as its dictionary (reportlab copies it
    when it writes the stream, so the document's pages share one).
    """
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFZCompress

    if thing.Contents or not thing.stream or not thing.compression:
        return
    if isinstance(thing, PDFPage):
        # Compressed now, not when the file is written: a page's drawing
        # operators are kept until then, and a 20,000-page book holds them
        # all. The same bytes reportlab's filter would write.
        if flate is None:
            flate = PDFDictionary({"Filter": PDFArray([PDFName(PDFZCompress.pdfname)])})
        thing.Contents = PDFStream(flate, PDFZCompress.encode(thing.stream))
        thing.stream = None
        return
    thing.Contents = PDFStream(content=thing.stream, filters=[PDFZCompress])
    # A form XObject re-chooses its filters whenever it is compressed;
    # its stream already is.
    thing.compression = 0


class _PDFDocument(PDFDocument):  # type: ignore[misc]
    """reportlab's document whose pages and forms are Flate-compressed only.

    Saved to a file object, it writes the file an object at a time instead
    of joining it in memory first (:mod:`.save`), the same bytes; a page
    keeps only what it does not share with the others until then
    (:func:`.save.compact`).
    """

    _sq_shared: Shared | None = None

    def addPage(self, page: Any) -> None:  # noqa: N802 - reportlab's name
        shared = self._sq_shared
        if shared is None:
            shared = self._sq_shared = Shared()
        _flate_only(page, shared.flate)
        compact(page, shared)
        super().addPage(page)

    def addForm(self, name: str, form: Any) -> None:  # noqa: N802 - reportlab's name
        _flate_only(form)
        super().addForm(name, form)

    _sq_out: IO[bytes] | None = None

    def SaveToFile(self, filename: Any, canvas: Any) -> None:  # noqa: N802 - reportlab's name
        # A file object is written object by object (:mod:`.save`); a
        # path, or a signed document, is saved by reportlab whole.
        if not callable(getattr(filename, "write", None)) or getattr(self, "_digiSigs", None):
            super().SaveToFile(filename, canvas)
            return
        if getattr(self, "_savedToFile", False):
            raise RuntimeError("a PDF document can only be saved once")
        self._savedToFile = True
        self._sq_out = filename
        try:
            self.GetPDFData(canvas)  # formats through :meth:`format`, which writes
        finally:
            self._sq_out = None

    def format(self) -> Any:
        if self._sq_out is None:
            return super().format()
        save(self, self._sq_out)
        return b""


class _Canvas(Canvas):  # type: ignore[misc]
    """A canvas whose file ID is a digest of what its pages draw.

    reportlab's invariant mode fixes the timestamp and makes the ID depend on
    the metadata only; feeding every page's drawing operators into the
    digest makes the ID follow the content too, still without the clock.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._doc.__class__ = _PDFDocument

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


#: Names of the form XObjects that print a marked flowable's page number.
def page_form_name(key: str) -> str:
    """The form XObject a contents line draws for the page of *key*."""
    return f"sq-page-{key}"


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """One page template with page numbers; marks that flowables leave behind.

    A flowable may carry:

    * ``sq_outline`` = (title, level): an entry of the PDF outline;
    * ``sq_key``: a destination named so (for links), and, with
      ``sq_page_form`` true, a form XObject holding its page number, which a
      contents line drawn earlier refers to (:func:`page_form_name`);
    * ``sq_unnumbered`` true: its page prints no page number (a cover);
    * ``sq_form``: the form that starts here, ``sq_step`` true: a record
      placed; both for the export's progress (:class:`~.._progress.Steps`).
    """

    sq_page_number: Callable[[Any, int], None] | None = None
    sq_steps: Steps | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sq_unnumbered: set[int] = set()

    def handle_flowable(self, flowables: list[Any]) -> None:
        # The record a flowable begins is noted before it is laid out, so a
        # failure in reportlab names it (``sq_record``: (what, id)).
        if flowables and self.sq_steps is not None:
            record = getattr(flowables[0], "sq_record", None)
            if record is not None:
                self.sq_steps.at(*record)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
        steps = self.sq_steps
        if steps is not None:
            form = getattr(flowable, "sq_form", None)
            if form is not None:
                steps.start(form)
            elif getattr(flowable, "sq_step", False):
                steps.step()
        canvas = self.canv
        key = getattr(flowable, "sq_key", None)
        if key is None:
            outline = getattr(flowable, "sq_outline", None)
            if outline is not None:
                key = f"sq-{self.seq.nextf('sq-outline')}"
        if key is not None:
            canvas.bookmarkPage(key)
            if getattr(flowable, "sq_page_form", False) and self.sq_page_number is not None:
                canvas.beginForm(page_form_name(key), -300, -20, 20, 40)
                self.sq_page_number(canvas, self.page)
                canvas.endForm()
        outline = getattr(flowable, "sq_outline", None)
        if outline is not None:
            title, level = outline
            canvas.addOutlineEntry(title, key, level=level, closed=level > 0)
        if getattr(flowable, "sq_unnumbered", False):
            self.sq_unnumbered.add(self.page)


def page_number_position(layout: Layout, page: int, text_width: float) -> tuple[float, float]:
    """Where page *page*'s number starts (x) and its baseline (y).

    Odd pages right, even pages left, one 4号 character in from the type
    area; the dashes (about a third of the size above the baseline) 7 mm
    below the type area.
    """
    y = layout.bottom - layout.page_number_gap - 0.35 * layout.page_number_size
    if page % 2:
        x = layout.page_size[0] - layout.right - layout.page_number_inset - text_width
    else:
        x = layout.left + layout.page_number_inset
    return x, y


def build(
    story: Sequence[Any],
    stream: IO[bytes],
    layout: Layout,
    faces: Faces,
    meta: Meta,
    *,
    contents_number: Callable[[Any, int], None] | None = None,
    steps: Steps | None = None,
) -> None:
    """Lay out *story* on numbered pages and write the PDF to *stream*.

    *contents_number(canvas, page)* draws a page number in a contents line
    (right-aligned at the origin); it is called for flowables marked
    ``sq_page_form`` when they are placed. *steps* hears of the forms and
    records as they are placed (the layout is most of a PDF's time).
    """
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
        keywords=meta.keywords,
        creator="sanquan_core",
        invariant=1,
        lang="zh-CN",
        initialFontName=faces.body.name,
        initialFontSize=layout.text_size,
    )
    doc.sq_page_number = contents_number
    doc.sq_steps = steps
    number_fonts = faces.page_number
    number_font = number_fonts.name
    size = layout.page_number_size
    dashes = gb.page_number_text(0).replace("0", "")
    use_official = number_fonts.covers(dashes.strip())

    def text_of(n: int) -> str:
        return gb.page_number_text(n) if use_official else f"- {n} -"

    def page_number(canvas: Any, document: Any) -> None:
        if document.page in document.sq_unnumbered:
            return
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text = text_of(document.page)
        x, y = page_number_position(layout, document.page, stringWidth(text, number_font, size))
        canvas.saveState()
        canvas.setFont(number_font, size)
        canvas.drawString(x, y, text)
        canvas.restoreState()

    frame = Frame(
        layout.left,
        layout.bottom,
        layout.width,
        layout.height + 0.01,  # 22 lines of the grid fill it exactly; allow rounding
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_number)])
    if meta.keywords:
        log.info("PDF fonts: %s", meta.keywords)
    doc.build(list(story), canvasmaker=_canvas_maker(meta.created))
    if steps is not None:
        steps.finish()
