"""成果汇编 (the ``book`` form) on the official page: cover, contents, chapters.

What the book says comes from :func:`~sanquan_core.documents.book_content`; the appendix
(附件3's table, the completion figures, the charts) is made by the caller,
which owns the forms' tables, and handed in as flowables.

* **Cover**: the plan's title (2号, title face), 委员走访成果汇编 (2号黑体),
  the selection in words when the book covers part of the campaign, the
  redaction note when personal data was masked, and the issuer and date at
  the foot. It prints no page number.
* **Contents**: each chapter (黑体) and each group inside it (楷体), with dot
  leaders and the page where it starts. The page numbers are form XObjects
  defined when the headings are placed (:class:`.flow.ContentsLine`),
  so one layout pass suffices; each line links to its heading.
* **Chapters**: one per kind, each on a new page (一、经济社会发展建议 in 黑体);
  inside, the groups in plan order (（一）经济界委员工作组 in 楷体); each
  item as a 1. heading (faux bold), a 楷体 line saying who handed it in,
  from which group and when, its paragraphs as body text, then the visit
  it came from and the follow-up when there are (its status line from the
  ledger when it has events).
* **Appendix**: 附件3, the completion figures, the charts, and 采用情况 (the
  items adopted, highest level first) when the ledger adopted any.
* The PDF outline has the contents, the chapters, their groups and the
  appendix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reportlab.platypus import PageBreak

from sanquan_core import captions
from sanquan_core.documents import (
    APPENDIX_HEADING,
    NO_ITEMS,
    BookContent,
    BookItem,
    book_content,
    completion_content,
)
from sanquan_core.exporters.pdf.chart import chart_flowables
from sanquan_core.exporters.pdf.flow import AtBottom, ContentsLine, Mark
from sanquan_core.exporters.pdf.forms import outside_note, summary_table
from sanquan_core.exporters.pdf.official import Official
from sanquan_core.exporters.pdf.report import completion_groups
from sanquan_core.exporters.pdf.tables import grid
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["CONTENTS_TITLE", "book_story"]

#: The contents page's title; the space between the characters is the custom.
CONTENTS_TITLE = captions.CONTENTS_TITLE
#: The appendix's title as printed (its contents entry reads APPENDIX_HEADING).
APPENDIX_TITLE = captions.APPENDIX_TITLE


def book_story(
    content: BookContent,
    ink: Official,
    *,
    redacted: bool,
    appendix: Callable[[], Sequence[Any]],
    key: str = "book",
) -> Iterator[list[Any]]:
    """The book as groups of flowables, made as the layout asks for them.

    Each group is a whole item with the headings standing over it (the
    first item of a group carries its chapter's and group's headings), so
    a heading is never cut from what follows it when the story is handed
    over a batch at a time (:class:`~.writer.Stream`); *appendix()* makes
    what follows the chapters under 附录. Only the items being laid out are
    in memory, never the whole book. *key* prefixes the destinations of
    its headings (unique per document).
    """
    yield [*_cover(content, ink, redacted), PageBreak(), *_contents(content, ink, key)]
    for c, chapter in enumerate(content.chapters):
        head: list[Any] = [
            PageBreak(),
            ink.heading_1(
                chapter.heading,
                outline=(chapter.heading, 1),
                key=f"{key}-{c}",
                page_form=True,
            ),
        ]
        if not chapter.sections:
            head.append(ink.body(NO_ITEMS))
        for s, section in enumerate(chapter.sections):
            head.append(
                ink.heading_2(
                    section.heading,
                    outline=(section.heading, 2),
                    key=f"{key}-{c}-{s}",
                    page_form=True,
                )
            )
            for item in section.items:
                yield [*head, *_item(item, ink)]
                head = []
        if head:
            yield head
    tail: list[Any] = [PageBreak(), ink.body(NO_ITEMS)] if not content.chapters else []
    tail.append(PageBreak())
    tail.append(
        ink.title(
            APPENDIX_TITLE,
            outline=(APPENDIX_HEADING, 1),
            key=f"{key}-appendix",
            page_form=True,
        )
    )
    tail.append(ink.blank())
    tail += appendix()
    yield tail


def _cover(content: BookContent, ink: Official, redacted: bool) -> list[Any]:
    t = ink.layout
    out: list[Any] = [Mark(unnumbered=True), ink.blank(4), ink.title(content.title)]
    out += [
        ink.blank(),
        ink.text(
            content.subtitle,
            ink.faces.heading_1,
            size=t.doc_title_size,
            first_indent=0.0,
            align="center",
        ),
        ink.blank(2),
    ]
    notes = []
    if content.scope:
        notes.append(captions.SCOPE + content.scope)
    if redacted:
        notes.append(captions.REDACTED_NOTE)
    for note in notes:
        out.append(ink.kai(note, first_indent=0.0, align="center", balance=True))
    foot = [
        ink.flush(content.issuer, align="center"),
        ink.flush(content.date_text, align="center"),
        ink.blank(2),
    ]
    out.append(AtBottom(foot))
    return out


def _contents(content: BookContent, ink: Official, key: str) -> list[Any]:
    t = ink.layout
    char_space = t.char_pitch - t.body_size
    out: list[Any] = [
        ink.title(CONTENTS_TITLE, outline=("目录", 1)),
        ink.blank(),
    ]
    number_room = 3 * t.char_pitch

    def line(text: str, fonts: Any, entry: str, indent: float) -> ContentsLine:
        return ContentsLine(
            text,
            fonts,
            t.body_size,
            t.line_pitch,
            entry,
            indent=indent,
            number_room=number_room,
            char_space=char_space,
        )

    for c, chapter in enumerate(content.chapters):
        out.append(line(chapter.heading, ink.faces.heading_1, f"{key}-{c}", 0.0))
        for s, section in enumerate(chapter.sections):
            out.append(line(section.heading, ink.faces.heading_2, f"{key}-{c}-{s}", ink.indent))
    out.append(line(APPENDIX_HEADING, ink.faces.heading_1, f"{key}-appendix", 0.0))
    return out


def _item(item: BookItem, ink: Official) -> Iterator[Any]:
    heading = ink.heading_3(item.heading)
    heading.sq_step = True  # placing it is a step of the export's progress
    heading.sq_record = ("item", item.submission_id)  # named if laying it out fails
    yield heading
    yield ink.kai(item.byline, keep_with_next=True)
    for paragraph in item.paragraphs:
        yield ink.body(paragraph)
    for caption, text in item.notes:
        yield ink.kai(caption + text)


# -- the form builder ------------------------------------------------------------


def book(pdf: Writer) -> Iterator[list[Any]]:
    """The book: cover, contents, a chapter per kind, the appendix (:mod:`.book`).

    Groups of flowables (see :func:`book_story`), for a :class:`~.writer.Stream`.
    """
    options = pdf.options
    follow_ups = pdf.ledger if pdf.campaign.follow_ups else None
    content = book_content(pdf.campaign, pdf.summary, pdf.report, options, follow_ups)
    return book_story(
        content, pdf.ink, redacted=options.redacted, appendix=lambda: appendix(pdf, content)
    )


#: The appendix's parts, as every format names them.
APPENDIX_PARTS = captions.APPENDIX_PARTS


def appendix(pdf: Writer, content: BookContent | None = None) -> list[Any]:
    """附录: 附件3's table, the completion figures, the charts, the items adopted."""
    ink = pdf.ink
    summary = pdf.summary_content()
    completion = completion_content(pdf.campaign, pdf.report)
    out: list[Any] = [
        ink.heading_2(APPENDIX_PARTS[0]),
        pdf.para(summary.title, pdf.styles.chart_title),
        summary_table(pdf, summary),
        *outside_note(pdf, summary),
        ink.blank(),
        ink.heading_2(APPENDIX_PARTS[1]),
        ink.body(completion.totals),
        completion_groups(pdf, completion)[1],
    ]
    charts = chart_flowables(pdf)
    if charts:
        out += [PageBreak(), ink.heading_2(APPENDIX_PARTS[2]), *charts]
    if content is not None and content.adoptions:
        s = pdf.styles
        rows = [[pdf.para(text, s.small_cell) for text in a.cells] for a in content.adoptions]
        w = pdf.layout.width
        widths = [w * f for f in (0.15, 0.17, 0.38, 0.11, 0.19)]
        out += [
            ink.blank(),
            ink.heading_2(content.appendix_parts[-1]),
            grid(pdf, captions.ADOPTION_HEADER, rows, widths, small=True),
        ]
    return out
