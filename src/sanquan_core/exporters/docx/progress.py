"""The progress report (进度) in DOCX: the series and the groups behind pace as tables, and
per office its series and its table of cumulative completion rates (the charts are the
XLSX and PDF formats')."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from sanquan_core import captions
from sanquan_core.documents import ProgressContent, progress_content

from .body import Body, Context
from .forms import share
from .layout import BODY, DOC_TITLE, GRID, GRID_CENTER, HEADING1, HEADING2
from .report import grid

__all__ = ["progress"]

#: Column proportions of a series table and of the behind-pace list.
_SERIES_WIDTHS = (18, 14, 9, 9, 10, 8, 11, 11, 10)
_BEHIND_WIDTHS = (22, 13, 20, 14, 11, 9, 11)


def _series(
    ctx: Context, content: ProgressContent, caption: str, rows: Sequence[Sequence[str | int]]
) -> etree._Element:
    return grid(
        ctx,
        caption,
        content.HEADER,
        share(ctx.layout.page.text_width, _SERIES_WIDTHS),
        iter(rows),
        [GRID_CENTER] * len(content.HEADER),
    )


def progress(ctx: Context, out: Body) -> None:
    """The progress report: period, rule, series, behind pace, then each office's tables."""
    b = ctx.build
    content = progress_content(ctx.progress)
    first, second, third = content.headings
    blocks: list[etree._Element] = [
        b.paragraph(DOC_TITLE, content.title, page_break=True),
        b.paragraph(BODY, content.period),
        b.paragraph(BODY, content.pace_rule),
        b.paragraph(HEADING1, first),
        _series(ctx, content, content.PARTS[0], content.rows),
        b.paragraph(HEADING1, second),
    ]
    if content.behind:
        blocks.append(
            grid(
                ctx,
                content.PARTS[1],
                content.BEHIND_HEADER,
                share(ctx.layout.page.text_width, _BEHIND_WIDTHS),
                iter(content.behind),
                [GRID, GRID_CENTER, GRID, *[GRID_CENTER] * 4],
            )
        )
    else:
        blocks.append(b.paragraph(BODY, captions.NONE_BEHIND))
    blocks.append(b.paragraph(HEADING1, third))
    for office in content.offices:
        blocks.append(b.paragraph(HEADING2, office.heading))
        blocks.append(_series(ctx, content, office.heading, office.rows))
        header = (*content.rate_header, *(line.name for line in office.lines))
        rows = [
            (
                label,
                f"{expected:.0%}",
                *(
                    "—" if line.rates[i] is None else f"{line.rates[i]:.0%}"
                    for line in office.lines
                ),
            )
            for i, (label, expected) in enumerate(
                zip(content.axis_labels, content.expected, strict=True)
            )
        ]
        blocks.append(b.paragraph(BODY, office.chart_title))
        blocks.append(
            grid(
                ctx,
                office.chart_title,
                header,
                share(ctx.layout.page.text_width, [16, 10, *[12] * len(office.lines)]),
                iter(rows),
                [GRID_CENTER] * len(header),
            )
        )
    out.add(*blocks)
