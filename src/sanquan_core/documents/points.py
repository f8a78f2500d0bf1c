"""The duty points table (履职积分排名), format-free: members ranked, groups ranked, the breakdown.

The numbers are :func:`sanquan_core.points`'s; this module only lays them
out as three declared tables (:class:`~sanquan_core.documents.tables.Table`)
that every format renders the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from sanquan_core import captions
from sanquan_core._i18n import _
from sanquan_core.documents.tables import Column, Table, Value
from sanquan_core.documents.text import clean
from sanquan_core.duty import PointsTable
from sanquan_core.errors import OptionError
from sanquan_core.exporters import Form
from sanquan_core.model import Campaign

__all__ = [
    "DETAIL_COLUMNS",
    "GROUP_POINTS_COLUMNS",
    "MEMBER_POINTS_COLUMNS",
    "PointsContent",
    "points_content",
]

MEMBER_POINTS_COLUMNS: tuple[Column, ...] = (
    Column("rank", captions.RANK, "int", 8),
    Column("member", captions.MEMBER_NAME, width=12),
    Column("group", captions.GROUP_OF, width=22),
    *(
        Column(key, caption, "int", 10)
        for key, caption in zip(
            ("visit", "item", "adopted", "instructed"), captions.POINTS_SOURCES, strict=True
        )
    ),
    Column("total", captions.POINTS_TOTAL, "int", 10),
)
GROUP_POINTS_COLUMNS: tuple[Column, ...] = (
    Column("rank", captions.RANK, "int", 8),
    Column("group", captions.GROUP, width=24),
    Column("members", captions.MEMBERS, "int", 9),
    Column("total", captions.POINTS_TOTAL, "int", 9),
    Column("average", captions.POINTS_AVERAGE, "text", 9),
)
DETAIL_COLUMNS: tuple[Column, ...] = (
    Column("member", captions.MEMBER_NAME, width=10),
    Column("on", captions.POINTS_DATE, "date", 18),
    Column("reason", captions.POINTS_REASON, width=18),
    Column("record", captions.POINTS_RECORD, width=12),
    Column("points", captions.POINTS_EARNED, "int", 9),
    Column("counted", captions.POINTS_COUNTED, "int", 9),
)


@frozen
class PointsContent:
    """What the duty points form says, in every format.

    Attributes:
        title: the form's title.
        headings: the three parts' headings (members, groups, breakdown).
        members: every member ranked (the table a CSV file holds).
        groups: every group ranked by its average.
        details: every award, member by member in rank order.
        note: the caps, when the plan sets any; ``""`` otherwise.
    """

    title: str
    headings: tuple[str, str, str]
    members: Table
    groups: Table
    details: Table
    note: str


def points_content(campaign: Campaign, table: PointsTable | None = None) -> PointsContent:
    """The duty points form of *campaign* (the plan's points, by the scorer it names).

    Raises:
        OptionError: the plan defines no points.
    """
    if campaign.plan.points is None:
        raise OptionError(
            _("the plan defines no duty points (plan.points): there is no points table to print"),
            "forms",
        )
    if table is None:
        from sanquan_core._api import points

        table = points(campaign)
    title = (captions.POINTS_TITLE,)

    def member_rows() -> Iterator[tuple[Value, ...]]:
        for line in table.members:
            yield (
                line.rank,
                clean(line.member.name),
                clean(line.group.name),
                *(line.by_source.get(key, 0) for key in ("visit", "item", "adopted", "instructed")),
                line.total,
            )

    def group_rows() -> Iterator[tuple[Value, ...]]:
        for line in table.groups:
            average = f"{line.average:.2f}".rstrip("0").rstrip(".")
            yield (line.rank, clean(line.group.name), line.members, line.total, average)

    def detail_rows() -> Iterator[tuple[Value, ...]]:
        for line in table.members:
            for award in line.awards:
                yield (
                    clean(line.member.name),
                    award.on,
                    clean(award.label),
                    clean(award.record_id),
                    award.points,
                    award.counted,
                )

    rules = table.rules
    note = ""
    if rules.member_cap is not None or rules.phase_cap is not None:
        note = captions.POINTS_CAPPED.format(
            member=_cap(rules.member_cap),
            phase=_cap(rules.phase_cap),
        )
    parts = captions.POINTS_PARTS
    return PointsContent(
        title=captions.POINTS_TITLE,
        headings=(parts[0], parts[1], parts[2]),
        members=Table(Form.POINTS, title, MEMBER_POINTS_COLUMNS, member_rows),
        groups=Table(Form.POINTS, title, GROUP_POINTS_COLUMNS, group_rows),
        details=Table(Form.POINTS, title, DETAIL_COLUMNS, detail_rows),
        note=note,
    )


def _cap(cap: int | None) -> str:
    """A cap as the note prints it: 20分, or 不设 when there is none."""
    return captions.NO_CAP if cap is None else captions.CAP_POINTS.format(points=cap)
