"""The ``pdf`` format: the forms, the book and the notice, ready to print, fonts embedded.

What the file holds, one part per requested form, each starting on a new page:

* ``visits`` — 附件1 走访情况登记表: one filled-in form per visit, a member's
  forms together and each member starting on a new page;
* ``results`` — 附件2 “三个一”工作成果登记表: one form per member, with
  every item of each kind and what the member still owes;
* ``summary`` — 附件3 情况汇总表: the two-level merged header of the seed,
  one row per group and the 汇总 row, numbers from
  :func:`sanquan_core.summarize`; the header repeats when the table runs
  over a page; then the two charts (:mod:`._pdf_chart`);
* ``completion`` — the completion report: totals, each group's rate, the
  reminder list (催报名单) by office then group, the records outside the
  campaign window, the rules' findings, and every member's status;
* ``book`` — 成果汇编 (:mod:`._pdf_book`): cover, contents with page
  numbers, a chapter per kind with the groups in plan order, and the
  appendix (附件3's table, the completion figures, the charts);
* ``notice`` — the notice packet (:mod:`._pdf_notice`): the red-headed
  notice, the plan's text, 附件1–3 blank as in the seed (filled in with
  the data when ``filled``), the 版记.

Decisions worth knowing:

* **One page for everything.** Every page is the official page of GB/T
  9704-2012 (:mod:`._pdf_layout`): the book and the notice are official
  documents, and the forms are the notice's attachments, bound with it.
  Running text sits on the standard's grid (22 lines of 28 characters,
  :mod:`._pdf_flow`); tables keep smaller type (五号) so a form keeps to a
  page. Page numbers are the physical page numbers of the file, outside
  (odd right, even left); a book's cover shows none.
* **Fonts by role.** Body 仿宋, titles 小标宋, headings 黑体 and 楷体, page
  numbers 宋体: each role embeds the best TrueType face installed
  (:func:`~._fonts.resolve_faces`; on a Debian machine with the CI's fonts
  AR PL SungtiL GB for 仿宋/小标宋/宋体, WenQuanYi Micro Hei for 黑体, AR PL
  KaitiM GB for 楷体). The choice is written into the PDF's keywords
  (``字体：正文=…（代仿宋_GB2312）；…``), logged on the ``sanquan_core``
  logger, and returned by :func:`fonts_used` for a command line. Without
  any TrueType Chinese font the file falls back to reportlab's
  non-embedded ``STSong-Light`` and a
  :class:`~sanquan_core.exporters.pdf.fonts.FontWarning` says what to install.
* **Characters the font lacks** (弶 in the AR PL GB faces, emoji, rare CJK
  Extension B characters such as 𠀀) are drawn in a fallback font that has
  them when the machine has one, else replaced by the geta mark 〓, the
  sign Chinese typesetting uses for a missing character. Nothing is drawn
  as an empty box and nothing vanishes silently; invisible modifiers (skin
  tones, variation selectors) are dropped.
* **Chinese typography.** No line starts with ，。、；：？！）》 etc. nor ends
  with （《“ (:func:`~._pdf_text.break_lines`); user text in the book and
  the notice prints its ASCII punctuation full-width next to Chinese
  (:func:`~._content.full_width`); dates read 2017年7月11日.
* **User text is text.** Everything a user typed is escaped before reportlab's
  paragraph parser sees it, or drawn without a parser: ``<b>`` and
  ``&amp;`` print as themselves. Control characters were removed by the
  shared content layer.
* **Long text.** A table cell cannot run over a page, so long fields are cut
  (:func:`~sanquan_core.exporters.pdf.text.chunks`) into several rows of one
  visual cell: a 36,000-character report flows over as many pages as it
  needs, the form's frame continuing on each.
* **Outside the window.** Visits and items dated outside the campaign are
  printed on the forms, marked “（不在活动期内，未计入汇总）”, and listed in
  the completion report; the summary and the book do not count them.
* **Part of a campaign, masked data.** A form's first page says which part
  of the campaign it covers (范围：…) and that personal data was masked
  (（已隐去个人信息）), one line each; the book says so on its cover.
* **Reproducible.** Document dates come from
  :meth:`~sanquan_core.exporters.ExportOptions.timestamp`, never the clock; the
  file ID is a digest of the pages' content. The same input and options give
  the same bytes (on the same fonts).
* Each form is built by its own small function here; the official text
  roles are :class:`~._pdf_official.Official`'s.

Settings (``sq.export(..., font=..., font_index=...)``): ``font`` is a path
to a ``.ttf``/``.ttc`` file, ``font_index`` the face of a collection; a
named font serves every role.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from sanquan_core import captions
from sanquan_core.documents import (
    CompletionContent,
    Facts,
    ResultItem,
    ResultsForm,
    SummaryContent,
    VisitForm,
    book_content,
    chart_content,
    cn_date,
    completion_content,
    notice_content,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters.pdf.book import book_story
from sanquan_core.exporters.pdf.chart import items_charts, rates_charts
from sanquan_core.exporters.pdf.fonts import FaceChoice, Faces, FontSet, face_mapping, resolve_faces
from sanquan_core.exporters.pdf.layout import Layout, Meta, Styles, build
from sanquan_core.exporters.pdf.notice import imprint, notice_story
from sanquan_core.exporters.pdf.official import Official
from sanquan_core.exporters.pdf.text import chunks, markup
from sanquan_core.model import Campaign, SubmissionKind

__all__ = ["OUTSIDE_MARK", "export", "fonts_used"]

log = logging.getLogger("sanquan_core")

#: Printed beside a visit or item dated outside the campaign window.
OUTSIDE_MARK = captions.OUTSIDE_MARK
#: Printed in an empty row of 附件2.
NOT_SUBMITTED = captions.NOT_SUBMITTED
#: Where 附件3's narrow header cells break, so that no quoted word is cut.
_HEADER_BREAKS = {
    "经济社会发展建议": "经济社会\n发展建议",
    "社情民意信息": "社情民意\n信息",
    "“双招双引”信息": "“双招双引”\n信息",
}
#: Where 附件2's row captions break, as the seed breaks them.
_LABEL_BREAKS = {captions.RESULT_ROWS[SubmissionKind.OPINION]: "一条关系民生的社情民意\n信息"}
#: Ids per paragraph in the completion report's outside-window list.
_IDS_PER_PARAGRAPH = 200
#: Least height of 附件1's three content rows: two forms still share a page.
_CONTENT_ROW = 15 * mm
#: Height of an empty content row of the blank 附件1 (to be filled in by hand).
_BLANK_ROW = 40 * mm
#: Empty rows of the blank 附件3, as in the seed.
_BLANK_SUMMARY_ROWS = 6


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the requested forms of *campaign* to *stream* as a PDF."""
    faces = resolve_faces(options.settings)
    layout = Layout()
    pdf = _Writer(campaign, faces, layout, options)
    story: list[Any] = []
    for i, form in enumerate(options.forms):
        builder = _BUILDERS.get(form)
        if builder is None:
            raise ExportError(f"the pdf format cannot produce {form.label} ({form.value})")
        if i:
            story.append(PageBreak())
        story.append(_Anchor(form.label, 0))
        if form in _WHOLE:
            # official text keeps headings with what follows: handed over whole
            story += builder(pdf)
        else:
            story.append(_Stream(iter(builder(pdf))))
    plan = campaign.plan
    meta = Meta(
        title=f"{plan.title}（{'、'.join(f.label for f in options.forms)}）",
        author=plan.issuer,
        subject=plan.doc_number,
        created=options.timestamp(campaign),
        keywords=f"字体：{faces.describe()}",
    )
    build(story, stream, layout, faces, meta, contents_number=pdf.contents_number)


def fonts_used(settings: Mapping[str, Any] | None = None) -> dict[str, FaceChoice]:
    """The font each role of the page gets (正文, 标题, 一级标题…) with *settings*.

    The same choice :func:`export` makes, and writes into the PDF's
    keywords (``字体：正文=AR PL SungtiL GB（代仿宋_GB2312）；…``); for a
    command line to show before or after exporting.
    """
    return face_mapping(settings)


class _Writer(Facts):
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
        return _Para(self.text(text, self.fonts_of(style)), style)

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
        return _Para("".join(out), style)

    def caption(self, text: str, style: Any) -> Any:
        """A fixed caption of ours: drawn directly when the style's font has it all."""
        if "\n" not in text and self.fonts_of(style).covers(text):
            return _Caption(self, text, style)
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


class _Para(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its line breaks for the width it last wrapped to.

    A table measures its cells, a KeepTogether measures the table, and the
    frame and the table's drawing measure again: four identical line-breaking
    passes per paragraph, the bulk of the export time, without this.
    """

    _wrapped_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._wrapped_at or not hasattr(self, "blPara"):
            super().wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self.width, self.height


class _Table(Table):  # type: ignore[misc]
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


class _Caption(Flowable):  # type: ignore[misc]
    """A fixed caption of one line (a form's title, 附件1), drawn without parsing.

    Forms repeat the same captions thousands of times; a paragraph would parse
    and break each one again. When the line does not fit the width it is laid
    out as a paragraph instead.
    """

    def __init__(self, pdf: _Writer, text: str, style: Any) -> None:
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


class _Anchor(Flowable):  # type: ignore[misc]
    """Takes no room; marks where an entry of the PDF outline points (if *title*)."""

    _ZEROSIZE = True  # reportlab: may be placed even on a full page

    def __init__(self, title: str = "", level: int = 0) -> None:
        super().__init__()
        if title:
            self.sq_outline = (title, level)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        pass


class _Stream(Flowable):  # type: ignore[misc]
    """Hands the document a long story a batch at a time, building it as it goes.

    Fifty thousand forms built up front hold gigabytes of flowables. This
    placeholder never fits, so the document asks it to split; the split is
    the next batch of the story followed by a placeholder for the rest
    (reportlab places the first piece at once, hence the empty anchor).
    """

    _ZEROSIZE = True  # asked to split even at the very bottom of a page

    def __init__(self, items: Iterator[Any], batch: int = 100) -> None:
        super().__init__()
        self._items = items
        self._batch = batch

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (available_width, available_height + 1)

    def split(self, available_width: float, available_height: float) -> list[Any]:
        batch = list(islice(self._items, self._batch))
        if not batch:
            return [_Anchor()]
        return [_Anchor(), *batch, _Stream(self._items, self._batch)]

    def draw(self) -> None:
        pass


# -- form tables ----------------------------------------------------------------


class _Row:
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


def _form_table(
    pdf: _Writer, rows: Sequence[_Row], label_width: float, aside_width: float = 0
) -> Any:
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
        *_cell_font(pdf),
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
                        line[end] = _aside(pdf, row.aside, aside_width, style, first)
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
    return _Table(data, colWidths=widths, style=style)


def _aside(
    pdf: _Writer, aside: tuple[str, str], width: float, style: list[tuple[Any, ...]], row: int
) -> Any:
    """The aside cell of *row*: small, coloured, right-aligned."""
    text, colour = aside
    cell = (-1, row)
    style.append(("ALIGN", cell, cell, "RIGHT"))
    style.append(("TEXTCOLOR", cell, cell, colors.HexColor(colour)))
    style.append(("FONTSIZE", cell, cell, pdf.layout.note_size))
    style.append(("VALIGN", cell, cell, "MIDDLE"))
    return pdf.cell(text, pdf.styles.note_right, width - 12, colour)


def _cell_font(pdf: _Writer) -> list[tuple[Any, ...]]:
    """Table style commands that set plain-string cells in the main font."""
    t = pdf.layout
    return [
        ("FONTNAME", (0, 0), (-1, -1), pdf.fonts.name),
        ("FONTSIZE", (0, 0), (-1, -1), t.text_size),
        ("LEADING", (0, 0), (-1, -1), t.text_leading),
    ]


def _pieces(pdf: _Writer, text: str, width: float, prefix: str = "") -> list[Any]:
    """*prefix* and *text* as cells of a *width*, each piece small enough for a page."""
    parts = list(chunks(text)) or [""]
    parts[0] = prefix + parts[0]
    return [pdf.cell(part, pdf.styles.cell, width) for part in parts]


def _top_line(pdf: _Writer, left: str, right: str, tag: str = "") -> Any:
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
        return _TopLine(pdf, cells, widths)
    return _Table(
        [cells],
        colWidths=widths,
        style=[
            *_cell_font(pdf),
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


class _TopLine(Flowable):  # type: ignore[misc]
    """:func:`_top_line` when its three parts are plain one-line strings: drawn, not a table.

    Every form has one; a table per line was a tenth of the export's time.
    """

    def __init__(self, pdf: _Writer, cells: Sequence[str], widths: Sequence[float]) -> None:
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


def _note(pdf: _Writer, text: str) -> str:
    """Markup for *text* in the small grey type of notes."""
    return f'<font size="{pdf.layout.note_size}" color="#444444">{pdf.text(text)}</font>'


def _outside(pdf: _Writer) -> str:
    return f'<font color="#b00000">{pdf.text(f"（{OUTSIDE_MARK}）")}</font>'


# -- 附件1 ----------------------------------------------------------------------


def _visits(pdf: _Writer) -> Iterator[Any]:
    """附件1: a form per visit, a member's forms together, each member on a new page."""
    s = pdf.styles
    member = None
    notes = pdf.notes()
    for form in visit_forms(pdf.campaign):
        mark = s.attachment
        if form.member_id != member:
            if member is not None:
                yield PageBreak()
            member = form.member_id
            yield _Anchor(form.visitor, 1)
        else:
            mark = s.attachment_next
        head = pdf.caption(f"{captions.ATTACHMENT}1", mark)
        yield KeepTogether([head, *_visit_form(pdf, form, notes)])
        notes = []
    if member is None:
        yield pdf.para(f"{captions.ATTACHMENT}1", s.attachment)
        yield from notes
        yield pdf.para("（没有走访记录）", s.text)


def _blank_visits(pdf: _Writer) -> list[Any]:
    """附件1 as the notice prints it: one empty form to copy and fill in by hand."""
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.VISIT_FORM_TITLE]
    line = _top_line(pdf, f"{captions.VISITOR}：", f"{captions.GROUP_OF}：")
    label_width = 30 * mm
    rows = [
        _Row(None, [f"{captions.TARGET}："]),
        _Row(None, [f"{captions.ADDRESS}："]),
        _Row(None, [f"{captions.VISIT_DATE}："]),
    ]
    for caption in (captions.SITUATION, captions.NEEDS_HELP, captions.NEEDS_COORDINATION):
        rows.append(_Row(pdf.label(caption), [""], min_height=_BLANK_ROW))
    table = _form_table(pdf, rows, label_width)
    label = pdf.caption(f"{captions.ATTACHMENT}1", s.attachment)
    return [KeepTogether([label, *head, line, Spacer(1, 2 * mm), table])]


def _visit_form(pdf: _Writer, form: VisitForm, notes: Sequence[Any] = ()) -> list[Any]:
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.VISIT_FORM_TITLE]
    head += notes
    line = _top_line(
        pdf,
        f"{captions.VISITOR}：{form.visitor}",
        f"{captions.GROUP_OF}：{form.group}",
        f"编号：{form.visit_id}",
    )
    label_width, aside_width = 30 * mm, 44 * mm
    across = pdf.layout.width - 12  # a cell across the table, less its padding
    beside = across - aside_width  # a cell beside an aside
    content = pdf.layout.width - label_width - 12
    details = [form.circle, form.channel, f"{form.headcount}人"]
    if form.follow_up:
        details.append(form.follow_up)
    info = ("·".join(details), "#444444")
    outside = None if form.in_window else (OUTSIDE_MARK, "#b00000")
    rows = [
        _Row(None, _pieces(pdf, form.target, beside, f"{captions.TARGET}："), aside=info),
        _Row(None, _pieces(pdf, form.address, across, f"{captions.ADDRESS}：")),
        _Row(None, _pieces(pdf, form.date_text, beside, f"{captions.VISIT_DATE}："), aside=outside),
    ]
    for caption, text in (
        (captions.SITUATION, form.situation),
        (captions.NEEDS_HELP, form.needs_help),
        (captions.NEEDS_COORDINATION, form.needs_coordination),
    ):
        rows.append(_Row(pdf.label(caption), _pieces(pdf, text, content), min_height=_CONTENT_ROW))
    table = _form_table(pdf, rows, label_width, aside_width)
    return [*head, line, Spacer(1, 2 * mm), table]


# -- 附件2 ----------------------------------------------------------------------


def _results(pdf: _Writer) -> Iterator[Any]:
    """附件2: a form per member, each kept on one page where it fits."""
    s = pdf.styles
    first = True
    for form in results_forms(pdf.campaign, pdf.report):
        head = pdf.caption(f"{captions.ATTACHMENT}2", s.attachment if first else s.attachment_next)
        notes = pdf.notes() if first else []
        first = False
        yield KeepTogether([head, *_results_form(pdf, form, notes)])
    if first:
        yield pdf.para(f"{captions.ATTACHMENT}2", s.attachment)
        yield from pdf.notes()
        yield pdf.para("（没有委员）", s.text)


def _blank_results(pdf: _Writer) -> list[Any]:
    """附件2 as the notice prints it: one empty form."""
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.RESULTS_FORM_TITLE]
    line = _top_line(pdf, f"{captions.MEMBER_NAME}：", f"{captions.GROUP_OF}：")
    rows = [
        _Row(pdf.para(_LABEL_BREAKS.get(c, c), s.label), [""], min_height=_BLANK_ROW * 1.5)
        for c in captions.RESULT_ROWS.values()
    ]
    label = pdf.caption(f"{captions.ATTACHMENT}2", s.attachment)
    table = _form_table(pdf, rows, 46 * mm)
    return [KeepTogether([label, *head, line, Spacer(1, 2 * mm), table])]


def _results_form(pdf: _Writer, form: ResultsForm, notes: Sequence[Any] = ()) -> list[Any]:
    s = pdf.styles
    head = [pdf.caption(line, s.title) for line in captions.RESULTS_FORM_TITLE]
    head += notes
    line = _top_line(
        pdf, f"{captions.MEMBER_NAME}：{form.member}", f"{captions.GROUP_OF}：{form.group}"
    )
    rows = []
    for caption, items in form.rows():
        cells: list[Any] = []
        for n, item in enumerate(items, 1):
            cells += _result_item(pdf, item, n if len(items) > 1 else 0)
        if not cells:
            cells = [pdf.rich([(NOT_SUBMITTED, "#666666")], s.cell)]
        label = pdf.para(_LABEL_BREAKS.get(caption, caption), s.label)
        rows.append(_Row(label, cells, min_height=25 * mm))
    owed = [(f"完成情况：{_owed(form)}", "#000000" if not form.missing else "#b00000")]
    return [
        *head,
        line,
        Spacer(1, 2 * mm),
        _form_table(pdf, rows, 46 * mm),
        Spacer(1, 1 * mm),
        pdf.rich(owed, s.note),
    ]


def _owed(form: ResultsForm) -> str:
    if not form.missing:
        return "“三个一”已完成"
    return "尚缺" + "、".join(f"{kind.label}{n}条" for kind, n in form.missing.items())


def _result_item(pdf: _Writer, item: ResultItem, number: int) -> list[Any]:
    """An item's heading line and its content, as cells of the form."""
    s = pdf.styles
    title = item.title or "（无标题）"
    head = f"{number}. " if number else ""
    tail = f"（{item.date_text}报送"
    if item.follow_up:
        tail += f"，{item.follow_up}"
    tail += "）"
    heading = pdf.text(head) + pdf.text(title)
    heading += _note(pdf, tail)
    if not item.in_window:
        heading += _outside(pdf)
    cells: list[Any] = [_Para(heading, s.cell)]
    if item.content:
        content = [pdf.para(piece, s.cell) for piece in chunks(item.content)]
        cells[0] = [cells[0], content[0]]
        cells += content[1:]
    return cells


# -- 附件3 ----------------------------------------------------------------------


def _summary(pdf: _Writer) -> list[Any]:
    """附件3: the summary table with its two-level merged header and the 汇总 row; the charts."""
    s = pdf.styles
    content = summary_content(pdf.summary)
    out = [
        pdf.para(f"{captions.ATTACHMENT}3", s.attachment),
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 4 * mm),
        _summary_table(pdf, content),
        *_outside_note(pdf, content),
    ]
    return out + _charts(pdf)


def _blank_summary(pdf: _Writer) -> list[Any]:
    """附件3 as the notice prints it: the header, the seed's six empty rows, 汇总 empty."""
    s = pdf.styles
    content = summary_content(pdf.summary)
    columns = 1 + len(content.total[1])
    rows: list[list[Any]] = [[""] * columns for _ in range(_BLANK_SUMMARY_ROWS)]
    rows.append([pdf.para(content.total[0], s.cell_center), *[""] * (columns - 1)])
    return [
        pdf.para(f"{captions.ATTACHMENT}3", s.attachment),
        pdf.para(content.title, s.title),
        Spacer(1, 4 * mm),
        _summary_table(pdf, content, rows, row_height=10 * mm),
    ]


def _summary_table(
    pdf: _Writer,
    content: SummaryContent,
    rows: Sequence[Sequence[Any]] | None = None,
    row_height: float | None = None,
) -> Any:
    """附件3's table: the seed's merged header, then *rows* (by default the data and 汇总)."""
    s = pdf.styles
    # 组别 takes what the numbers leave (a ten-character group name fits on
    # one line); the kinds' captions take two lines
    numbers = [17 * mm, *[12 * mm] * 3, *[21 * mm] * 3]
    group_width = pdf.layout.width - sum(numbers)

    top: list[Any] = []
    for caption, span in content.header_top:
        top += [pdf.para(caption, s.cell_center)] + [""] * (span - 1)
    sub = [
        "",
        "",
        *(pdf.para(_HEADER_BREAKS.get(c, c), s.small_center) for c in content.header_sub),
    ]
    data: list[list[Any]] = [top, sub]
    if rows is None:
        for name, values in content.rows:
            data.append([pdf.para(name, s.cell), *(_number(pdf, v) for v in values)])
        total_name, total_values = content.total
        data.append([pdf.para(total_name, s.cell_center), *(_number(pdf, v) for v in total_values)])
    else:
        data += [list(row) for row in rows]
    rule = pdf.layout.rule_width
    heights = None if row_height is None else [None, None, *[row_height] * (len(data) - 2)]
    return _Table(
        data,
        colWidths=[group_width, *numbers],
        rowHeights=heights,
        repeatRows=2,
        style=[
            *_cell_font(pdf),
            ("GRID", (0, 0), (-1, -1), rule, colors.black),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
            ("SPAN", (2, 0), (4, 0)),
            ("SPAN", (5, 0), (7, 0)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEABOVE", (0, -1), (-1, -1), rule * 2, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            # “双招双引” is as wide as its column less the usual padding
            ("LEFTPADDING", (2, 1), (-1, 1), 1.5),
            ("RIGHTPADDING", (2, 1), (-1, 1), 1.5),
        ],
    )


def _outside_note(pdf: _Writer, content: SummaryContent) -> list[Any]:
    if not content.outside_visits and not content.outside_submissions:
        return []
    return [
        Spacer(1, 3 * mm),
        pdf.para(
            f"注：另有走访{content.outside_visits}次、报送{content.outside_submissions}条"
            f"不在活动期内（{_window(pdf.campaign)}），未计入汇总，"
            "见“三个一”完成情况与催报名单。",
            pdf.styles.note,
        ),
    ]


def _charts(pdf: _Writer) -> list[Any]:
    """The two charts, each under its title, each kept on one page."""
    content = chart_content(pdf.campaign, pdf.summary, pdf.report)
    if not content.groups:
        return []
    fonts = pdf.faces.heading_1
    width = pdf.layout.width
    out: list[Any] = []
    for title, drawings in (
        (content.items_title, items_charts(content, fonts, width)),
        (content.rates_title, rates_charts(content, fonts, width)),
    ):
        for drawing in drawings:
            heading = pdf.para(title, pdf.styles.chart_title)
            out.append(KeepTogether([heading, drawing]))
    return out


def _number(pdf: _Writer, value: int) -> Any:
    return _Para(str(value), pdf.styles.cell_center)


def _window(campaign: Campaign) -> str:
    plan = campaign.plan
    start = cn_date(plan.starts_on) if plan.starts_on else "开始"
    return f"{start}至{cn_date(plan.ends_on)}"


# -- completion report ----------------------------------------------------------


def _completion(pdf: _Writer) -> list[Any]:
    """The completion report and the reminder list."""
    s = pdf.styles
    content = completion_content(pdf.campaign, pdf.report)
    incomplete = content.total - content.complete
    out: list[Any] = [
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 3 * mm),
        pdf.para(
            f"活动期{_window(pdf.campaign)}。参加活动委员{content.total}人，"
            f"“三个一”已完成{content.complete}人，未完成{incomplete}人。",
            s.text,
        ),
    ]
    out += _completion_groups(pdf, content)
    out += _completion_reminders(pdf, content)
    out += _completion_outside(pdf, content)
    out += _completion_findings(pdf, content)
    out += _completion_members(pdf, content)
    return out


def _grid(
    pdf: _Writer,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    small: bool = False,
) -> Any:
    """A plain table with a header row that repeats on every page."""
    s = pdf.styles
    head_style = s.small_center if small else s.cell_center
    data = [[pdf.para(h, head_style) for h in header], *[list(r) for r in rows]]
    rule = pdf.layout.rule_width
    return _Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        style=[
            *_cell_font(pdf),
            ("GRID", (0, 0), (-1, -1), rule, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )


def _completion_groups(pdf: _Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    rows = [
        [pdf.para(name, s.cell), pdf.para(office, s.cell), *(_centered(pdf, v) for v in rest)]
        for name, office, *rest in content.groups
    ]
    w = pdf.layout.width
    widths = [w * 0.36, w * 0.2, w * 0.14, w * 0.14, w * 0.16]
    return [
        pdf.para("一、各组完成情况", s.heading),
        _grid(pdf, content.GROUP_HEADER, rows, widths),
    ]


def _centered(pdf: _Writer, value: object) -> Any:
    return pdf.para(str(value), pdf.styles.cell_center)


def _completion_reminders(pdf: _Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("二、催报名单（按联系委办、组别）", s.heading)]
    if not content.reminders:
        return [*out, pdf.para("全体委员均已完成“三个一”，无需催报。", s.text)]
    rows = []
    office = None
    for line in content.reminders:
        group, names = line.group, line.names
        shown = line.office if line.office != office else ""
        office = line.office
        rows.append(
            [
                pdf.para(shown, s.cell),
                pdf.para(group, s.cell),
                _centered(pdf, len(names)),
                pdf.para("、".join(names), s.cell),
            ]
        )
    w = pdf.layout.width
    header = ("联系委办", "组别", "人数", "未完成“三个一”的委员")
    return [*out, _grid(pdf, header, rows, [w * 0.16, w * 0.3, w * 0.1, w * 0.44])]


def _completion_outside(pdf: _Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("三、不在活动期内的记录（未计入汇总）", s.heading)]
    if not content.outside_visits and not content.outside_submissions:
        return [*out, pdf.para("无。", s.text)]
    for caption, ids in (("走访", content.outside_visits), ("报送", content.outside_submissions)):
        if not ids:
            continue
        out.append(
            pdf.para(f"{caption}记录{len(ids)}条，日期在{_window(pdf.campaign)}之外：", s.text)
        )
        for start in range(0, len(ids), _IDS_PER_PARAGRAPH):
            out.append(pdf.para("、".join(ids[start : start + _IDS_PER_PARAGRAPH]), s.text))
    return out


def _completion_findings(pdf: _Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("四、其他提示", s.heading)]
    if not content.findings:
        return [*out, pdf.para("无。", s.text)]
    for n, finding in enumerate(content.findings, 1):
        out += [pdf.para(f"{n}. {piece}", s.text) for piece in chunks(finding)]
    return out


def _completion_members(pdf: _Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    rows = []
    for m in content.members:
        status = [(m.missing_text, "#000000" if m.complete else "#b00000")]
        rows.append(
            [
                pdf.para(m.member, s.small_cell),
                pdf.para(m.group, s.small_cell),
                pdf.para(m.office, s.small_cell),
                *(pdf.para(str(n), s.small_center) for n in m.submitted),
                pdf.rich(status, s.small_cell),
                pdf.para(m.uncovered_text, s.small_cell),
            ]
        )
    w = pdf.layout.width
    widths = [w * f for f in (0.1, 0.2, 0.09, 0.09, 0.09, 0.09, 0.22, 0.12)]
    return [
        pdf.para("五、委员完成情况", s.heading),
        _grid(pdf, content.MEMBER_HEADER, rows, widths, small=True),
    ]


# -- 成果汇编 --------------------------------------------------------------------


def _book(pdf: _Writer) -> list[Any]:
    """The book: cover, contents, a chapter per kind, the appendix (:mod:`._pdf_book`)."""
    options = pdf.options
    content = book_content(pdf.campaign, pdf.summary, pdf.report, options)
    return book_story(content, pdf.ink, redacted=options.redacted, appendix=_appendix(pdf))


#: The appendix's parts, as the DOCX book names them.
APPENDIX_PARTS = ("（一）走访和报送情况汇总", "（二）“三个一”完成情况", "（三）统计图")


def _appendix(pdf: _Writer) -> list[Any]:
    """附录: 附件3's table, the completion figures, the charts."""
    ink = pdf.ink
    summary = summary_content(pdf.summary)
    completion = completion_content(pdf.campaign, pdf.report)
    incomplete = completion.total - completion.complete
    out: list[Any] = [
        ink.heading_2(APPENDIX_PARTS[0]),
        pdf.para(summary.title, pdf.styles.chart_title),
        _summary_table(pdf, summary),
        *_outside_note(pdf, summary),
        ink.blank(),
        ink.heading_2(APPENDIX_PARTS[1]),
        ink.body(
            f"活动期{_window(pdf.campaign)}。参加活动委员{completion.total}人，"
            f"“三个一”已完成{completion.complete}人，未完成{incomplete}人。"
        ),
        _completion_groups(pdf, completion)[1],
    ]
    charts = _charts(pdf)
    if charts:
        out += [PageBreak(), ink.heading_2(APPENDIX_PARTS[2]), *charts]
    return out


# -- 通知 ------------------------------------------------------------------------


def _notice(pdf: _Writer) -> list[Any]:
    """The notice, the plan's text, 附件1–3 (blank unless ``filled``), the 版记."""
    content = notice_content(pdf.campaign)
    out = notice_story(content, pdf.ink)
    if pdf.options.filled:
        parts: list[Iterable[Any]] = [_visits(pdf), _results(pdf), _summary(pdf)]
    else:
        parts = [_blank_visits(pdf), _blank_results(pdf), _blank_summary(pdf)]
    for part in parts:
        out.append(PageBreak())
        out += list(part)
    out += imprint(content, pdf.ink)
    return out


_BUILDERS: dict[Form, Callable[[_Writer], Iterable[Any]]] = {
    Form.VISITS: _visits,
    Form.RESULTS: _results,
    Form.SUMMARY: _summary,
    Form.COMPLETION: _completion,
    Form.BOOK: _book,
    Form.NOTICE: _notice,
}
#: Forms whose story is handed to the document whole rather than streamed.
_WHOLE = frozenset({Form.BOOK, Form.NOTICE})
