"""The completion report in DOCX: totals, each group's rate, the reminder list, the records
outside the window, the rules' findings, every member's status.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from sanquan_core import captions
from sanquan_core.documents import (
    CompletionContent,
    completion_content,
)

from .body import Body, Context
from .forms import _IDS_SEPARATOR, share
from .layout import (
    BODY,
    DOC_TITLE,
    GRID,
    GRID_CENTER,
    GRID_HEAD,
    HEADING1,
)
from .xml import (
    RowTemplate,
)


def grid(
    ctx: Context,
    caption: str,
    header: Sequence[str],
    widths: Sequence[float],
    rows: Iterator[Sequence[str | int]],
    styles: Sequence[str],
) -> etree._Element:
    """A bordered table: a repeated header row, then one copied row per item."""
    b = ctx.build
    tbl = b.table(widths, caption)
    head = b.row(tbl, ctx.layout.grid_row, cant_split=True, header=True)
    for text, width in zip(header, widths, strict=True):
        b.cell(head, width).append(b.paragraph(GRID_HEAD, text))
    template = RowTemplate(b, widths, styles, height=ctx.layout.grid_row, cant_split=True)
    for values in rows:
        tbl.append(template.make(values))
    return tbl


def reminder_table(ctx: Context, content: CompletionContent) -> etree._Element:
    """催报名单: a row per member still owing; a run of one office or one group is merged."""
    b = ctx.build
    widths = share(ctx.layout.page.text_width, ctx.layout.reminder_widths)
    tbl = b.table(widths, captions.COMPLETION_PARTS[1])
    head = b.row(tbl, ctx.layout.grid_row, cant_split=True, header=True)
    for text, width in zip(content.REMINDER_HEADER, widths, strict=True):
        b.cell(head, width).append(b.paragraph(GRID_HEAD, text))
    previous: tuple[str, str] | None = None
    for office, group, member, owed in content.reminder_rows:
        tr = b.row(tbl, ctx.layout.grid_row, cant_split=True)
        same_office = previous is not None and office == previous[0]
        same_group = same_office and previous is not None and group == previous[1]
        for width, text, same, style in (
            (widths[0], office, same_office, GRID_CENTER),
            (widths[1], group, same_group, GRID_CENTER),
        ):
            b.cell(tr, width, merge="continue" if same else "restart").append(
                b.paragraph(style, "" if same else text)
            )
        b.cell(tr, widths[2]).append(b.paragraph(GRID_CENTER, member))
        b.cell(tr, widths[3]).append(b.paragraph(GRID, owed))
        previous = (office, group)
    return tbl


def group_table(ctx: Context, content: CompletionContent) -> etree._Element:
    return grid(
        ctx,
        captions.COMPLETION_PARTS[0],
        content.GROUP_HEADER,
        share(ctx.layout.page.text_width, ctx.layout.group_widths),
        iter(content.groups),
        [GRID_CENTER] * 5,
    )


def completion_figures(ctx: Context) -> list[etree._Element]:
    """The completion figures: the totals in a sentence, then each group's rate in a table."""
    content = completion_content(ctx.campaign, ctx.report)
    return [ctx.build.paragraph(BODY, content.totals), group_table(ctx, content)]


def completion(ctx: Context, out: Body) -> None:
    """The completion report: totals, groups, the reminder list, records outside the window."""
    b, layout = ctx.build, ctx.layout
    content = completion_content(ctx.campaign, ctx.report)
    groups, reminders, outside, findings, members = content.headings
    blocks: list[etree._Element] = [
        b.paragraph(DOC_TITLE, content.title, page_break=True),
        b.paragraph(BODY, content.totals),
        b.paragraph(HEADING1, groups),
        group_table(ctx, content),
        b.paragraph(HEADING1, reminders),
    ]
    if content.reminders:
        blocks.append(reminder_table(ctx, content))
    else:
        blocks.append(b.paragraph(BODY, captions.ALL_COMPLETE))

    blocks.append(b.paragraph(HEADING1, outside))
    for lead, ids in content.outside:
        blocks.append(b.paragraph(BODY, lead + _IDS_SEPARATOR.join(ids)))
    if not content.outside:
        blocks.append(b.paragraph(BODY, captions.NOTHING))

    blocks.append(b.paragraph(HEADING1, findings))
    if content.findings:
        numbered = enumerate(content.findings, 1)
        blocks.extend(b.paragraph(BODY, f"{i}. {text}") for i, text in numbered)
    else:
        blocks.append(b.paragraph(BODY, captions.NOTHING))

    blocks.append(b.paragraph(HEADING1, members))
    blocks.append(
        grid(
            ctx,
            captions.COMPLETION_PARTS[4],
            content.MEMBER_HEADER,
            share(layout.page.text_width, layout.member_widths),
            (
                (m.member, m.group, m.office, *m.submitted, m.missing_text, m.uncovered_text)
                for m in content.members
            ),
            [GRID, GRID, GRID_CENTER, GRID_CENTER, GRID_CENTER, GRID_CENTER, GRID, GRID_CENTER],
        )
    )
    out.add(*blocks)
