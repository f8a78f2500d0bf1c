"""成果汇编, the compiled book: cover, contents, a chapter per kind, the appendix.

What the book says comes from
:func:`~sanquan_core.documents.book_content`; this module lays it
out on the official page:

* the cover, a section of its own without a page number: the plan's
  title, 委员走访成果汇编, the scope of a selection (收录范围：…) when the
  export is one, “（已隐去个人信息）” when personal data was masked, the
  issuer and the date (the export's timestamp, 2017年9月15日);
* 目录: a real contents field, ``TOC \\o "1-2" \\h \\z \\u \\b _SQBook``,
  whose result is filled in already — the chapters and their groups, as the
  PDF's contents list them, each linked to its heading, with a
  ``PAGEREF`` page number — so the contents show before any update; Word
  refreshes them on open (``w:updateFields``), and LibreOffice's
  Tools ▸ Update rebuilds them. ``\\b`` keeps the contents to the book's
  own headings when other forms share the document. Page numbers restart
  at 1 here;
* one chapter per kind (一、经济社会发展建议 …, Heading 1, each on a new
  page), inside it the groups in plan order ((一)…, Heading 2), inside a
  group each item (1.…, Heading 3) with a byline (报送人、组别、报送日期),
  its paragraphs, the visit it came from (来源：…) and what became of it;
* 附录 (Heading 1): （一）the 附件3 table, （二）the completion figures,
  （三）the two charts.

Every heading is a bookmarked paragraph in a real heading style with an
outline level, so the navigation pane and the contents find it. User text
arrives full-width from the content layer (:func:`~sanquan_core.documents.full_width`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from attrs import frozen
from lxml import etree

from sanquan_core import captions
from sanquan_core.documents import (
    APPENDIX_HEADING,
    NO_ITEMS,
    BookContent,
    BookItem,
    book_content,
    width,
)

from .body import Body, Context, empty_paragraphs
from .forms import (
    REDACTED,
    chart_blocks,
    has_charts,
    share,
    summary_rows,
    summary_table,
)
from .layout import (
    BODY,
    BYLINE,
    COVER_LINE,
    COVER_SUBTITLE,
    COVER_TITLE,
    GRID,
    GRID_CENTER,
    HEADING1,
    HEADING2,
    HEADING3,
    NOTE,
    TITLE,
    TOC1,
    TOC2,
    TOC3,
    TOC_TITLE,
)
from .report import completion_figures, grid
from .styles import Section
from .xml import Span, element, ppr_of, put, sub, w

__all__ = ["BOOK_BOOKMARK", "TOC_INSTRUCTION", "book"]

#: The bookmark around the book's chapters and appendix, which the contents cover.
BOOK_BOOKMARK = "_SQBook"
#: The contents field: outline levels 1–3, linked entries, no page numbers in
#: web view, outline levels of paragraphs too, only the book's range.
#: The contents list chapters (一、) and groups (（一）), as the PDF's do.
CONTENTS_DEPTH = 2
TOC_INSTRUCTION = f'TOC \\o "1-{CONTENTS_DEPTH}" \\h \\z \\u \\b {BOOK_BOOKMARK}'
CONTENTS_TITLE = captions.CONTENTS_TITLE
SCOPE_CAPTION = captions.SCOPE
_LEVEL_STYLES = {1: HEADING1, 2: HEADING2, 3: HEADING3}
_TOC_STYLES = {1: TOC1, 2: TOC2, 3: TOC3}
_COVER_LINES_BEFORE = 4
_COVER_ISSUER_LINE = 18  # the issuer on the 19th of the page's 22 lines


@frozen
class Heading:
    """A heading of the book and the bookmark its contents entry links to."""

    level: int
    text: str
    bookmark: str


class _Headings:
    """Hands out the headings in document order, each with its bookmark name."""

    def __init__(self) -> None:
        self.all: list[Heading] = []

    def add(self, level: int, text: str) -> Heading:
        heading = Heading(level, text, f"_TocSQ{len(self.all) + 1:06d}")
        self.all.append(heading)
        return heading


def book(ctx: Context, out: Body) -> None:
    """The compiled book of the campaign (see the module docstring)."""
    options = ctx.options
    follow_ups = ctx.ledger if ctx.campaign.follow_ups else None
    content = book_content(ctx.campaign, ctx.summary, ctx.report, options, follow_ups)
    headings = _plan(content)
    out.section(Section(cover=True, restart=1))
    out.add(*_cover(ctx, content))
    out.section(Section(restart=1))
    out.add(*_contents(ctx, headings))
    marks = iter(headings)
    book_range = ctx.bookmark_id()
    opening: int | None = book_range  # the range opens at the first heading after 目录
    for chapter in content.chapters:
        # Each block goes to the stream as soon as it is made: a chapter of
        # 20,000 items held as elements is hundreds of MB.
        out.add(_heading(ctx, next(marks), page_break=True, range_start=opening))
        opening = None
        if not chapter.sections:
            out.add(ctx.build.paragraph(BODY, NO_ITEMS))
        for section in chapter.sections:
            out.add(_heading(ctx, next(marks)))
            for item in section.items:
                ctx.steps.at("item", item.submission_id)
                out.add(*_item(ctx, item, next(marks)))
                ctx.steps.step()
    if not content.chapters:
        out.add(ctx.build.paragraph(BODY, NO_ITEMS, page_break=True))
    out.add(*_appendix(ctx, content, marks, opening=opening, book_range=book_range))


def _plan(content: BookContent) -> list[Heading]:
    """Every heading of the book, in order: chapters, groups, items, the appendix's."""
    plan = _Headings()
    for chapter in content.chapters:
        plan.add(1, chapter.heading)
        for section in chapter.sections:
            plan.add(2, section.heading)
            for item in section.items:
                plan.add(3, _item_heading(item))
    plan.add(1, APPENDIX_HEADING)
    for text in _appendix_headings(content):
        plan.add(2, text)
    return plan.all


def _item_heading(item: BookItem) -> str:
    return item.heading


def _appendix_headings(content: BookContent) -> list[str]:
    return list(content.appendix_parts)


# -- cover ---------------------------------------------------------------------------


def _cover(ctx: Context, content: BookContent) -> list[etree._Element]:
    """The cover: title and subtitle high on the page, issuer and date low, lines counted."""
    b, layout = ctx.build, ctx.layout
    title_style = layout.style(COVER_TITLE)
    per_line = layout.page.text_width * 72 / 25.4 / title_style.size
    title_lines = max(1, math.ceil(width(content.title) / 2 / per_line))
    blocks = empty_paragraphs(ctx, _COVER_LINES_BEFORE)
    put(ppr_of(blocks[0]), element("pageBreakBefore"))  # a new page, unless the document starts
    blocks.append(b.paragraph(COVER_TITLE, content.title))
    blocks.append(b.paragraph(COVER_SUBTITLE, content.subtitle))
    used = _COVER_LINES_BEFORE + 2 * title_lines + 2
    extra = []
    if content.scope:
        extra.append(b.paragraph(COVER_LINE, SCOPE_CAPTION + content.scope))
    if ctx.options.redacted:
        extra.append(b.paragraph(COVER_LINE, REDACTED))
    if extra:
        blocks.extend(empty_paragraphs(ctx, 1))
        blocks.extend(extra)
        used += 1 + len(extra)
    blocks.extend(empty_paragraphs(ctx, max(1, _COVER_ISSUER_LINE - used)))
    blocks.append(b.paragraph(COVER_LINE, content.issuer))
    blocks.append(b.paragraph(COVER_LINE, content.date_text))
    return blocks


# -- contents ------------------------------------------------------------------------


def _contents(ctx: Context, headings: list[Heading]) -> list[etree._Element]:
    """目录 and the contents field, its result filled in with every heading."""
    b = ctx.build
    blocks = [b.paragraph(TOC_TITLE, CONTENTS_TITLE)]
    entries = []
    for heading in headings:
        if heading.level > CONTENTS_DEPTH:
            continue
        style = _TOC_STYLES[heading.level]
        p = b.paragraph(style)
        link = sub(p, "hyperlink", anchor=heading.bookmark, history="1")
        b.run(link, heading.text, style)
        b.run(link, "\t", style)
        b.field(link, f"PAGEREF {heading.bookmark} \\h", "", style)
        entries.append(p)
    if not entries:  # pragma: no cover - the appendix heading is always there
        entries.append(b.paragraph(TOC1))
    first, last = entries[0], entries[-1]
    # the field begins before the first entry's text and ends after the last's
    begin = element("p")
    b.field_char(begin, "begin", TOC1, dirty=True)
    b.instruction(begin, TOC_INSTRUCTION, TOC1)
    b.field_char(begin, "separate", TOC1)
    anchor = ppr_of(first)
    for run in list(begin):
        anchor.addnext(run)
        anchor = run
    b.field_char(last, "end", TOC1)
    blocks.extend(entries)
    return blocks


# -- chapters ------------------------------------------------------------------------


def _heading(
    ctx: Context, heading: Heading, *, page_break: bool = False, range_start: int | None = None
) -> etree._Element:
    """A heading paragraph, bookmarked for its contents entry.

    With *range_start*, the book's range bookmark (:data:`BOOK_BOOKMARK`,
    that id) opens at its start.
    """
    p = ctx.build.paragraph(_LEVEL_STYLES[heading.level], heading.text, page_break=page_break)
    ctx.build.bookmark(p, heading.bookmark, ctx.bookmark_id())
    if range_start is not None:
        start = element("bookmarkStart", id=str(range_start), name=BOOK_BOOKMARK)
        ppr_of(p).addnext(start)
    return p


def _item(ctx: Context, item: BookItem, heading: Heading) -> list[etree._Element]:
    """One item: its heading, the byline, its paragraphs, where it came from, its follow-up."""
    b = ctx.build
    blocks = [
        _heading(ctx, heading),
        b.paragraph(
            BYLINE,
            item.byline,
        ),
    ]
    blocks.extend(b.paragraph(BODY, text) for text in item.paragraphs)
    for caption, text in item.notes:
        spans: list[Span] = [(caption, "strong"), (text, "")]
        blocks.append(b.paragraph(BODY, *spans))
    return blocks


# -- appendix ------------------------------------------------------------------------


def _appendix(
    ctx: Context,
    content: BookContent,
    headings: Iterator[Heading],
    *,
    opening: int | None,
    book_range: int,
) -> list[etree._Element]:
    """附录: the 附件3 table, the completion figures, the charts; the book's range ends here."""
    b = ctx.build
    blocks = [_heading(ctx, next(headings), page_break=True, range_start=opening)]
    summary = content.summary
    blocks.append(_heading(ctx, next(headings)))
    blocks.append(b.paragraph(TITLE, summary.title))
    blocks.append(summary_table(ctx, summary, summary_rows(summary)))
    if summary.outside_note:
        blocks.append(b.paragraph(NOTE, summary.outside_note))
    if ctx.options.redacted:
        blocks.append(b.paragraph(NOTE, REDACTED))
    blocks.append(_heading(ctx, next(headings)))
    blocks.extend(completion_figures(ctx))
    if has_charts(ctx.summary):
        blocks.append(_heading(ctx, next(headings), page_break=True))
        blocks.extend(chart_blocks(ctx, page_break=False))
    if content.adoptions:
        blocks.append(_heading(ctx, next(headings)))
        blocks.append(
            grid(
                ctx,
                content.appendix_parts[-1],
                captions.ADOPTION_HEADER,
                share(ctx.layout.page.text_width, (2.2, 2.6, 6.0, 1.7, 3.0)),
                (a.cells for a in content.adoptions),
                [GRID_CENTER, GRID_CENTER, GRID, GRID_CENTER, GRID],
            )
        )
    last = blocks[-1]
    if last.tag != w("p"):
        last = b.paragraph(BODY)
        blocks.append(last)
    sub(last, "bookmarkEnd", id=str(book_range))
    return blocks
