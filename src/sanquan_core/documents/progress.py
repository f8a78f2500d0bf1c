"""The progress report (进度, ``forms=["progress"]``): the series, who is behind pace, a chart
per office, format-free.

The numbers are :func:`sanquan_core.progress`'s (a point per week, each phase's
deadline and the last day); nothing here counts. Each office gets a rate
table, a row per point with the expected share, the office's own rate and each
of its groups' rates, which the XLSX chart draws and the PDF chart plots.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.text import chinese_number, clean, cn_date, cn_month_day
from sanquan_core.model import SubmissionKind
from sanquan_core.pace import ProgressPoint, ProgressReport, ProgressSeries

__all__ = ["OfficeProgress", "ProgressContent", "RateLine", "progress_content"]

#: A series table's row: the day, the phase ending on it, then the numbers
#: (participants, complete, the rate or "—", visits, the three kinds' items).
SeriesRow = tuple[str, str, int, int, str, int, int, int, int]


@frozen
class RateLine:
    """One line of an office's chart: its name and its rate at each point (``None``: no members)."""

    name: str
    rates: tuple[float | None, ...]


@frozen
class OfficeProgress:
    """One office: its series table and its chart's lines.

    Attributes:
        office: the office's name (:data:`~sanquan_core.captions.NO_OFFICE` when none is named).
        heading: the heading over its part, e.g. ``（一）经济委（委员44人）``.
        rows: its series table, a row per point.
        lines: the chart's lines: the office as a whole first, then each group.
        chart_title: the chart's title.
    """

    office: str
    heading: str
    rows: tuple[SeriesRow, ...]
    lines: tuple[RateLine, ...]
    chart_title: str


@frozen
class ProgressContent:
    """The progress report: the period, the whole campaign's series, the groups behind pace,
    and each office's table and chart."""

    title: str
    period: str
    pace_rule: str
    rows: tuple[SeriesRow, ...]
    behind: tuple[tuple[str, str, str, str, str, str, str], ...]
    offices: tuple[OfficeProgress, ...]
    #: The points' days, as an axis labels them (7月17日), and as dates.
    labels: tuple[str, ...]
    days: tuple[date, ...]
    #: Which points are phase deadlines.
    deadlines: tuple[bool, ...]
    #: The share of complete members the plan expects by each point.
    expected: tuple[float, ...]

    HEADER: ClassVar[tuple[str, ...]] = captions.PROGRESS_HEADER
    BEHIND_HEADER: ClassVar[tuple[str, ...]] = captions.BEHIND_HEADER
    PARTS: ClassVar[tuple[str, ...]] = captions.PROGRESS_PARTS

    @property
    def headings(self) -> tuple[str, ...]:
        """The three parts as DOCX and PDF number them: 一、总体进度 …."""
        return tuple(f"{chinese_number(i)}、{p}" for i, p in enumerate(self.PARTS, 1))

    @property
    def axis_labels(self) -> tuple[str, ...]:
        """The days as a chart's axis names them, a deadline marked: 7月31日（阶段截止）."""
        return tuple(
            label + (captions.DEADLINE_MARK if deadline else "")
            for label, deadline in zip(self.labels, self.deadlines, strict=True)
        )

    @property
    def rate_header(self) -> tuple[str, ...]:
        """The caption of each column of an office's rate table but its lines': 日期, 应达完成率."""
        return (captions.DATE_AXIS, captions.EXPECTED)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _row(point: ProgressPoint) -> SeriesRow:
    items = tuple(point.items[k] for k in SubmissionKind)
    return (
        cn_date(point.on),
        clean(point.deadline or ""),
        point.participants,
        point.complete,
        _rate(point.rate),
        point.visits,
        items[0],
        items[1],
        items[2],
    )


def _rates(series: ProgressSeries) -> tuple[float | None, ...]:
    return tuple(p.rate for p in series.points)


def progress_content(report: ProgressReport) -> ProgressContent:
    """The progress report of :func:`sanquan_core.progress`'s *report*."""
    groups_of: dict[str, list[ProgressSeries]] = {}
    for series in report.groups:
        groups_of.setdefault(series.office, []).append(series)
    offices = []
    for n, office in enumerate(report.offices, 1):
        name = clean(office.name) or captions.NO_OFFICE
        lines = (
            RateLine(captions.OFFICE_TOTAL, _rates(office)),
            *(RateLine(clean(g.name), _rates(g)) for g in groups_of.get(office.key, [])),
        )
        offices.append(
            OfficeProgress(
                office=name,
                heading=captions.PROGRESS_OFFICE.format(
                    number=chinese_number(n), name=name, members=office.members
                ),
                rows=tuple(_row(p) for p in office.points),
                lines=lines,
                chart_title=captions.PROGRESS_CHART.format(name=name, axis=captions.RATE_AXIS),
            )
        )
    behind = tuple(
        (
            clean(b.group),
            clean(b.office) or captions.NO_OFFICE,
            clean(b.phase),
            cn_date(b.ends_on),
            f"{b.complete}/{b.members}",
            _rate(b.rate),
            _rate(b.pace),
        )
        for b in report.behind
    )
    every = captions.PROGRESS_EVERY["week" if report.every == "week" else "day"]
    deadlines = "；".join(
        captions.PROGRESS_DEADLINE.format(
            phase=clean(d.phase), day=cn_date(d.ends_on), rate=_rate(d.expected)
        )
        for d in report.deadlines
    )
    tolerance = (
        ""
        if report.tolerance == 1
        else captions.PROGRESS_TOLERANCE.format(share=f"{report.tolerance:.0%}")
    )
    days = report.days
    return ProgressContent(
        title=captions.PROGRESS_TITLE,
        period=captions.PROGRESS_PERIOD.format(
            starts=cn_date(report.starts_on), ends=cn_date(report.as_of), every=every
        ),
        pace_rule=captions.PROGRESS_PACE_RULE.format(deadlines=deadlines, tolerance=tolerance),
        rows=tuple(_row(p) for p in report.total.points),
        behind=behind,
        offices=tuple(offices),
        labels=tuple(cn_month_day(d) for d in days),
        days=days,
        deadlines=tuple(p.deadline is not None for p in report.total.points),
        expected=tuple(report.expected_on(d) for d in days),
    )
