"""The completion report in DOCX: totals, each group's rate, the reminder list, the records
outside the window, the rules' findings, every member's status.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from sanquan_core.documents import (
    CompletionContent,
    cn_date,
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
    """催报名单: 联系委办 | 组别 | 未完成委员 (what each still owes), offices merged."""
    b = ctx.build
    widths = share(ctx.layout.page.text_width, ctx.layout.reminder_widths)
    tbl = b.table(widths, "催报名单")
    head = b.row(tbl, ctx.layout.grid_row, cant_split=True, header=True)
    for text, width in zip(("联系委办", "组别", "未完成委员"), widths, strict=True):
        b.cell(head, width).append(b.paragraph(GRID_HEAD, text))
    previous = None
    for line in content.reminders:
        office, group = line.office, line.group
        owed = "；".join(f"{m.member}（{m.missing_text}）" for m in line.members)
        fits = max(len(office), len(group), len(owed)) <= ctx.layout.keep_together_chars
        tr = b.row(tbl, ctx.layout.grid_row, cant_split=fits)
        same = office == previous
        b.cell(tr, widths[0], merge="continue" if same else "restart").append(
            b.paragraph(GRID_CENTER, office if not same else "")
        )
        b.cell(tr, widths[1]).append(b.paragraph(GRID_CENTER, group))
        b.cell(tr, widths[2], valign="top").append(b.paragraph(GRID, owed))
        previous = office
    return tbl


def totals_line(ctx: Context, content: CompletionContent) -> str:
    plan = ctx.campaign.plan
    window = (
        f"活动期为{cn_date(plan.starts_on)}至{cn_date(plan.ends_on)}。"
        if plan.starts_on
        else f"活动截至{cn_date(plan.ends_on)}。"
    )
    return (
        f"{window}全体委员{content.total}人，"
        f"已完成“三个一”{content.complete}人，未完成{ctx.report.incomplete}人。"
    )


def group_table(ctx: Context, content: CompletionContent) -> etree._Element:
    return grid(
        ctx,
        "各组完成情况",
        CompletionContent.GROUP_HEADER,
        share(ctx.layout.page.text_width, ctx.layout.group_widths),
        iter(content.groups),
        [GRID_CENTER] * 5,
    )


def completion_figures(ctx: Context) -> list[etree._Element]:
    """The completion figures: the totals in a sentence, then each group's rate in a table."""
    content = completion_content(ctx.campaign, ctx.report)
    return [ctx.build.paragraph(BODY, totals_line(ctx, content)), group_table(ctx, content)]


def completion(ctx: Context, out: Body) -> None:
    """The completion report: totals, groups, the reminder list, records outside the window."""
    b, layout = ctx.build, ctx.layout
    content = completion_content(ctx.campaign, ctx.report)
    blocks: list[etree._Element] = [
        b.paragraph(DOC_TITLE, content.title, page_break=True),
        b.paragraph(BODY, totals_line(ctx, content)),
        b.paragraph(HEADING1, "一、各组完成情况"),
        group_table(ctx, content),
        b.paragraph(HEADING1, "二、催报名单"),
    ]
    if content.reminders:
        blocks.append(reminder_table(ctx, content))
    else:
        blocks.append(b.paragraph(BODY, "全体委员均已完成“三个一”，无需催报。"))

    blocks.append(b.paragraph(HEADING1, "三、活动期外的记录（未计入汇总）"))
    for what, ids in (("走访", content.outside_visits), ("报送", content.outside_submissions)):
        listed = _IDS_SEPARATOR.join(ids) if ids else "无"
        blocks.append(b.paragraph(BODY, f"{what}（{len(ids)}条）：{listed}"))

    blocks.append(b.paragraph(HEADING1, "四、其他发现"))
    if content.findings:
        numbered = enumerate(content.findings, 1)
        blocks.extend(b.paragraph(BODY, f"{i}. {text}") for i, text in numbered)
    else:
        blocks.append(b.paragraph(BODY, "无。"))

    blocks.append(b.paragraph(HEADING1, "五、委员完成情况明细"))
    blocks.append(
        grid(
            ctx,
            "委员完成情况明细",
            CompletionContent.MEMBER_HEADER,
            share(layout.page.text_width, layout.member_widths),
            (
                (m.member, m.group, m.office, *m.submitted, m.missing_text, m.uncovered_text)
                for m in content.members
            ),
            [GRID, GRID, GRID_CENTER, GRID_CENTER, GRID_CENTER, GRID_CENTER, GRID, GRID_CENTER],
        )
    )
    out.add(*blocks)
