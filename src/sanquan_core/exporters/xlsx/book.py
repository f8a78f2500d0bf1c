"""成果汇编 as a sheet: a row per item counted in the summary, in the book's order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from sanquan_core import captions
from sanquan_core.documents import (
    NO_ITEMS,
    AdoptionLine,
    book_content,
)
from sanquan_core.documents.tables import BOOK_COLUMNS
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.sheet import (
    Sheet,
    Style,
    fit_width,
)
from sanquan_core.exporters.xlsx.workbook import (
    Book,
)

#: The book sheet's columns: the declared book table's.
BOOK_HEADER: Final = tuple(c.caption for c in BOOK_COLUMNS)


def book_sheet(book: Book) -> Sheet:
    """成果汇编: every item counted in the summary once, in the book's order.

    A row per item: its chapter (the kind), group, number within the group
    (as the printed book numbers it), title, member, date, content, the
    visit it came from and its follow-up. A chapter without items (all of
    its kind came late) keeps a row saying so.
    """
    campaign = book.campaign
    follow_ups = book.ledger if campaign.follow_ups else None
    content = book_content(campaign, book.summary, book.report, book.options, follow_ups)
    items = [
        (chapter, item)
        for chapter in content.chapters
        for section in chapter.sections
        for item in section.items
    ]
    widths = (
        fit_width([], (c.heading for c in content.chapters), 10, 22),
        fit_width([], (g.name for g in campaign.groups), 12, 20),
        5,
        fit_width([], (item.title for _, item in items), 16, 30),
        fit_width([], (m.name for m in campaign.members), 8, 12),
        fit_width([], ["2017年12月31日"], 8, 20),
        50,
        fit_width([], (item.source for _, item in items), 16, 30),
        fit_width([BOOK_HEADER[8]], (item.follow_up for _, item in items), 8, 14),
        fit_width([], (item.submission_id for _, item in items), 6, 10),
    )
    sheet = book.sheet(Form.BOOK, widths, header_rows=(3, 3))
    sheet.title_block(None, f"{content.title}\n{content.subtitle}")
    counts = "，".join(f"{c.heading.partition('、')[2]}{c.count}条" for c in content.chapters)
    sheet.banner(
        f"共收录成果{content.count}条" + (f"：{counts}。" if counts else "。"),
        Style.LINE,
        height=22,
    )
    header = sheet.header(BOOK_HEADER)
    for chapter in content.chapters:
        if not chapter.count:
            sheet.write(
                [
                    (chapter.heading, Style.CENTER),
                    *((None, Style.TEXT) for _ in range(2)),
                    (NO_ITEMS, Style.NOTE),
                    *((None, Style.TEXT) for _ in range(sheet.columns - 4)),
                ]
            )
            continue
        for section in chapter.sections:
            for item in section.items:
                book.steps.step()
                book.steps.at("item", item.submission_id)
                # Text too long for a cell is cut there with a note saying so.
                day = campaign.submission(item.submission_id).submitted_on
                sheet.write(
                    [
                        (chapter.heading, Style.CENTER),
                        (item.group, Style.TEXT),
                        (item.number, Style.INT),
                        (item.title, Style.TEXT),
                        (item.member, Style.CENTER),
                        (day, Style.DATE),
                        ("\n".join(item.paragraphs), Style.TEXT),
                        (item.source, Style.TEXT),
                        (item.follow_up, Style.CENTER),
                        (item.submission_id, Style.CENTER),
                    ]
                )
    if not content.chapters:
        sheet.banner("本汇编无收录内容（活动期内没有报送的成果）。", Style.LINE)
    else:
        sheet.auto_filter(header)
    if content.adoptions:
        # The items' sheet stays a table of items; the adoptions get a sheet of their own.
        sheet.close()
        return _adoptions(book, content.appendix_parts[-1], content.adoptions)
    return sheet


#: The sheet of the book's adoptions (采用情况).
ADOPTION_SHEET: Final = f"{Form.BOOK.label}（{captions.ADOPTION_PART}）"


def _adoptions(book: Book, heading: str, lines: Sequence[AdoptionLine]) -> Sheet:
    """采用情况: a row per item and level, the highest level first, on a sheet of its own."""
    widths = (
        12.0,
        16.0,
        fit_width([], (line.title for line in lines), 16, 40),
        fit_width([], (line.member for line in lines), 8, 12),
        fit_width([], (line.group for line in lines), 12, 24),
    )
    first = 2 + len(book.notes)
    sheet = Sheet(
        book.wb,
        book.styles,
        ADOPTION_SHEET,
        widths,
        (first, first),
        landscape=False,
        notes=book.notes,
    )
    sheet.title_block(None, heading)
    sheet.header(captions.ADOPTION_HEADER)
    for line in lines:
        sheet.write(
            [
                (line.level.label, Style.CENTER),
                (line.adopted_on, Style.DATE),
                (line.title, Style.TEXT),
                (line.member, Style.CENTER),
                (line.group, Style.TEXT),
            ]
        )
    return sheet
