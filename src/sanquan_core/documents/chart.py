"""What the charts draw: items per group and kind, completion rate per group."""

from __future__ import annotations

from attrs import frozen

from sanquan_core.documents.text import clean
from sanquan_core.model import Campaign, SubmissionKind
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary


@frozen
class ChartContent:
    """What the charts show: items per group and kind, completion rate per group."""

    groups: tuple[str, ...]
    items: tuple[tuple[str, tuple[int, ...]], ...]
    rates: tuple[float, ...]
    items_title: str = "各组“三个一”工作报送条数"
    rates_title: str = "各组“三个一”完成率"


def chart_content(campaign: Campaign, summary: Summary, report: CompletionReport) -> ChartContent:
    """The numbers the charts draw, straight from *summary* and *report*."""
    rates = {g.group_id: g.rate for g in report.groups}
    return ChartContent(
        groups=tuple(clean(row.group) for row in summary.rows),
        items=tuple(
            (kind.label, tuple(row.submitted[kind] for row in summary.rows))
            for kind in SubmissionKind
        ),
        rates=tuple(rates.get(row.group_id) or 0.0 for row in summary.rows),
    )
