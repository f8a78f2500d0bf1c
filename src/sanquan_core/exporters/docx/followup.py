"""办理情况 (the ``follow_up`` form) in DOCX: the opening sentence, then six grids.

What it says comes from :func:`~sanquan_core.documents.followup.followup_content`.
Each part is a bordered table whose header row repeats on every page; its
rows may not split and hold a line or two, so a long overdue list flows
over pages, a unit named at its first row.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from sanquan_core.documents.followup import FollowUpGrid, followup_content

from .body import Body, Context
from .forms import share
from .layout import BODY, DOC_TITLE, GRID, GRID_CENTER, HEADING1
from .report import grid

__all__ = ["follow_up", "follow_up_blocks"]


def follow_up(ctx: Context, out: Body) -> None:
    """The follow-up report: title, the opening sentence, the six parts."""
    b = ctx.build
    content = followup_content(ctx.campaign, ctx.ledger)
    blocks: list[etree._Element] = [
        b.paragraph(DOC_TITLE, content.title, page_break=True),
        b.paragraph(BODY, content.totals),
    ]
    for part in content.grids:
        blocks += follow_up_blocks(ctx, part)
    out.add(*blocks)


def follow_up_blocks(ctx: Context, part: FollowUpGrid) -> list[etree._Element]:
    """One part: its heading, then its table, or its empty sentence."""
    b = ctx.build
    heading = b.paragraph(HEADING1, part.heading)
    if not part.rows:
        return [heading, b.paragraph(BODY, part.empty)]

    def rows() -> Iterator[tuple[str | int, ...]]:
        previous: object = None
        for values in part.body:
            first = values[0]
            shown = "" if part.merge_first and first == previous else first
            previous = first
            yield (shown, *values[1:])

    styles = [GRID_CENTER if numeric else GRID for numeric in part.numeric]
    widths = share(ctx.layout.page.text_width, part.widths)
    return [heading, grid(ctx, part.heading, part.header, widths, rows(), styles)]
