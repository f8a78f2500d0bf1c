"""What the PDF form builders share: the writer, its fonts and styles, and the flowables
that keep a large document fast (paragraphs and tables measured once, captions drawn
directly, a story handed over in batches).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus import paragraph as _paragraph

from sanquan_core import captions
from sanquan_core.documents import (
    Facts,
)
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters._official import NO_LINE_START
from sanquan_core.exporters.pdf.faces import Faces
from sanquan_core.exporters.pdf.fonts import FontSet
from sanquan_core.exporters.pdf.layout import Layout, Styles
from sanquan_core.exporters.pdf.official import Official
from sanquan_core.exporters.pdf.save import rebound
from sanquan_core.exporters.pdf.text import markup
from sanquan_core.model import Campaign


class Writer(Facts):
    """What the form builders share: the campaign, fonts, styles, and small helpers."""

    def __init__(
        self, campaign: Campaign, faces: Faces, layout: Layout, options: ExportOptions
    ) -> None:
        super().__init__(campaign, options)
        self.faces = faces
        #: The body face: table text and notes.
        self.fonts = faces.body
        self.layout = layout
        self.styles = Styles(layout, faces)
        self.ink = Official(layout, faces)
        self._by_name = {faces[role].name: faces[role] for role in faces.choices}
        self._label_pads: dict[tuple[str, float, float], float] = {}

    def fonts_of(self, style: Any) -> FontSet:
        """The font set of *style*'s face."""
        return self._by_name.get(style.fontName, self.fonts)

    def text(self, text: str, fonts: FontSet | None = None) -> str:
        """*text* as paragraph markup that prints literally."""
        return markup(text, fonts or self.fonts)

    def para(self, text: str, style: Any) -> Any:
        """A paragraph printing *text* literally."""
        return Para(self.text(text, self.fonts_of(style)), style)

    def contents_number(self, canvas: Any, page: int) -> None:
        """Draw *page* right-aligned at the origin, as the book's contents print it."""
        canvas.setFont(self.faces.body.name, self.layout.body_size)
        canvas.drawRightString(0, 0, str(page))

    def notes(self) -> list[Any]:
        """The selection and redaction notes of a form's first page, one line each."""
        out = []
        scope = self.options.selection.describe(self.campaign)
        if scope:
            out.append(self.para(captions.SCOPE + scope, self.styles.note))
        if self.options.redacted:
            out.append(self.para(captions.REDACTED_NOTE, self.styles.note))
        return out

    def rich(self, parts: Iterable[str | tuple[str, str]], style: Any) -> Any:
        """A paragraph of literal pieces; a (text, colour) pair is coloured."""
        out = []
        for part in parts:
            if isinstance(part, tuple):
                body, colour = part
                out.append(f'<font color="{colour}">{self.text(body)}</font>')
            else:
                out.append(self.text(part))
        return Para("".join(out), style)

    def caption(self, text: str, style: Any) -> Any:
        """A fixed caption of ours: drawn directly when the style's font has it all."""
        if "\n" not in text and self.fonts_of(style).covers(text):
            return Caption(self, text, style)
        return self.para(text, style)

    def cell(self, text: str, style: Any, width: float, colour: str = "") -> Any:
        """A table cell printing *text* literally within *width*.

        A plain string when it is one line that fits and the main font draws
        all of it (the table draws it in the table's font, size, colour and
        alignment, which the caller sets to match *style*); else a paragraph
        in *style*, wrapped and with fallback fonts.
        """
        if (
            "\n" not in text
            and "\t" not in text
            and self.fonts_of(style).covers(text)
            and self.string_width(text, style.fontName, style.fontSize) <= width
        ):
            return text
        if colour:
            return self.rich([(text, colour)], style)
        return self.para(text, style)

    def label(self, text: str) -> Any:
        """A form's row caption (may hold line breaks): a plain table cell if possible.

        A table draws a plain string itself, line by line, in the table's
        font, much faster than a paragraph; the caption is ours, not markup.
        """
        if self.fonts.covers(text):
            return text
        return self.para(text, self.styles.label)

    def string_width(self, text: str, font: str, size: float) -> float:
        """Width of *text* set in *font* at *size*."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(text, font, size))

    def label_padding(self, label: Any, width: float, min_height: float) -> float:
        """Vertical padding that makes a label cell at least *min_height* tall."""
        key = (label if isinstance(label, str) else label.text, width, min_height)
        pad = self._label_pads.get(key)
        if pad is None:
            if isinstance(label, str):
                height = (label.count("\n") + 1) * self.layout.text_leading
            else:
                height = label.wrap(width - 12, 1e6)[1]
            pad = max(4.0, (min_height - height) / 2)
            self._label_pads[key] = pad
        return pad


#: Characters no line of a table cell may start with: reportlab's list, which
#: is Japanese and lacks ，；：？！ and ”, with ours added.
CANNOT_START = _paragraph.ALL_CANNOT_START + "".join(
    ch for ch in NO_LINE_START if ch not in _paragraph.ALL_CANNOT_START
)
_cjk_frag_split = rebound(_paragraph.cjkFragSplit, ALL_CANNOT_START=CANNOT_START)
_break_lines_cjk = rebound(Paragraph.breakLinesCJK, cjkFragSplit=_cjk_frag_split)


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its line breaks for the width it last wrapped to.

    A table measures its cells, a KeepTogether measures the table, and the
    frame and the table's drawing measure again: four identical line-breaking
    passes per paragraph, the bulk of the export time, without this.

    Table cells are wrapped by reportlab's CJK line breaker with our list of
    characters that may not start a line (:data:`CANNOT_START`; reportlab
    then keeps such a character on the line before, slightly over the cell's
    padding). The list is this class's, not reportlab's process-wide one, so
    documents built in other threads, ours or not, are unaffected. Running
    text is broken by :func:`~.text.break_lines`, which keeps the line-end
    rule too.
    """

    _wrapped_at: float | None = None
    breakLinesCJK = _break_lines_cjk  # noqa: N815 - reportlab's name

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._wrapped_at or not hasattr(self, "blPara"):
            super().wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self.width, self.height


class SizedTable(Table):  # type: ignore[misc]
    """A table that measures itself once per width.

    A KeepTogether measures a form's table, then the frame measures it again
    at the same width (only the height offered differs), and reportlab
    recomputes every row each time. The rows are kept when the width is
    the same and the earlier pass measured all of them (reportlab stops
    early when a table cannot fit the height offered).
    """

    _sq_width: float | None = None

    def _calc(self, available_width: float, available_height: float) -> None:
        if self._sq_width == available_width and self._hmax == len(self._argH):
            return
        super()._calc(available_width, available_height)
        self._sq_width = available_width


class Caption(Flowable):  # type: ignore[misc]
    """A fixed caption of one line (a form's title, 附件1), drawn without parsing.

    Forms repeat the same captions thousands of times; a paragraph would parse
    and break each one again. When the line does not fit the width it is laid
    out as a paragraph instead.
    """

    def __init__(self, pdf: Writer, text: str, style: Any) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._pdf = pdf
        self._fallback: Any = None
        self._text_width = pdf.string_width(text, style.fontName, style.fontSize)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._fallback = None
        if self._text_width > available_width:
            self._fallback = self._pdf.para(self.text, self.style)
            return self._fallback.wrap(available_width, available_height)  # type: ignore[no-any-return]
        self.width = available_width
        return available_width, self.style.leading

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._fallback is not None:
            self._fallback.drawOn(self.canv, 0, 0)
            return
        style = self.style
        canvas = self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = style.leading - style.fontSize  # where a one-line paragraph puts its baseline
        if style.alignment == TA_CENTER:
            canvas.drawCentredString(self.width / 2, y, self.text)
        else:
            canvas.drawString(0, y, self.text)


class Anchor(Flowable):  # type: ignore[misc]
    """Takes no room; marks where an entry of the PDF outline points (if *title*)."""

    _ZEROSIZE = True  # reportlab: may be placed even on a full page

    def __init__(self, title: str = "", level: int = 0, *, form: Form | None = None) -> None:
        super().__init__()
        if title:
            self.sq_outline = (title, level)
        if form is not None:
            self.sq_form = form  # where the form starts, for the export's progress

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        pass


class Stream(Flowable):  # type: ignore[misc]
    """Hands the document a long story a batch at a time, building it as it goes.

    Fifty thousand forms built up front hold gigabytes of flowables. This
    placeholder never fits, so the document asks it to split; the split is
    the next batch of the story followed by a placeholder for the rest
    (reportlab places the first piece at once, hence the empty anchor).

    The story may give a list of flowables instead of one: a group, never
    cut between two batches, so that a heading kept with what follows
    (``keepWithNext``) arrives in the same batch as it.
    """

    _ZEROSIZE = True  # asked to split even at the very bottom of a page

    def __init__(self, items: Iterator[Any], batch: int = 100) -> None:
        super().__init__()
        self._items = items
        self._batch = batch

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (available_width, available_height + 1)

    def split(self, available_width: float, available_height: float) -> list[Any]:
        batch: list[Any] = []
        for item in self._items:
            if isinstance(item, list):
                batch += item
            else:
                batch.append(item)
            if len(batch) >= self._batch:
                break
        if not batch:
            return [Anchor()]
        return [Anchor(), *batch, Stream(self._items, self._batch)]

    def draw(self) -> None:
        pass
