"""办理情况 (the follow-up report): what became of the items, format-free.

Every number comes from :func:`sanquan_core.ledger`; nothing here counts.
The report has six parts, each a :class:`FollowUpGrid`: the handling
tallies by kind and by office (items, what they were turned into, handed
over, replied, replied late, overdue, closed), the outcome tallies by kind
and by office (adopted at each level, leaders' instructions, ratings), the
units' replies, and the hand-overs waiting beyond the plan's limit, by unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.text import chinese_number, clean, cn_date
from sanquan_core.ledger import VISIT_KIND, FollowUpTally, ItemStatus, Ledger
from sanquan_core.model import Campaign, Event, Level, Satisfaction, SubmissionKind

__all__ = [
    "FollowUpContent",
    "FollowUpGrid",
    "OverdueLine",
    "followup_content",
    "handling_numbers",
    "item_text",
    "outcome_numbers",
]

_TRANSFERS = (Event.PROPOSAL, Event.TOPIC, Event.COORDINATION)


def handling_numbers(tally: FollowUpTally) -> tuple[int, ...]:
    """A tally's handling numbers, in :data:`~sanquan_core.captions.HANDLING_COLUMNS` order."""
    return (
        tally.items,
        *(tally.transferred.get(e, 0) for e in _TRANSFERS),
        tally.assigned,
        tally.replied,
        tally.replied_late,
        tally.overdue,
        tally.closed,
    )


def outcome_numbers(tally: FollowUpTally) -> tuple[int, ...]:
    """A tally's outcome numbers, in :data:`~sanquan_core.captions.OUTCOME_COLUMNS` order."""
    return (
        *(tally.adopted.get(level, 0) for level in Level),
        tally.instructed,
        *(tally.satisfaction.get(s, 0) for s in Satisfaction),
    )


@frozen
class FollowUpGrid:
    """One part of the report: a heading and a table (or a sentence when it is empty).

    Attributes:
        heading: the part's heading, numbered (一、办理情况（按类别）).
        header: the column captions; a line break marks where a narrow
            column breaks one.
        widths: a width hint per column, in half-width characters.
        numeric: per column, whether it holds numbers (centred).
        rows: the rows, in column order.
        total: the total row (合计), or ``None``.
        empty: the sentence printed instead of an empty table.
        merge_first: whether a run of equal first cells names its value once
            (the overdue list's units).
    """

    heading: str
    header: tuple[str, ...]
    widths: tuple[float, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str | int, ...], ...]
    total: tuple[str | int, ...] | None = None
    empty: str = captions.NOTHING
    merge_first: bool = False

    @property
    def body(self) -> tuple[tuple[str | int, ...], ...]:
        """The rows, then the total row when there is one."""
        return self.rows if self.total is None else (*self.rows, self.total)


@frozen
class OverdueLine:
    """One hand-over waiting for its reply beyond the plan's limit."""

    unit: str
    item: str
    member: str
    assigned_on: date
    date_text: str
    days: int


@frozen
class FollowUpContent:
    """The follow-up report: its title, the opening sentence and its six parts.

    Attributes:
        title: 委员走访成果办理情况.
        as_of: the day the ledger stands at.
        totals: the opening sentence.
        kinds: per kind (the three kinds, then visits): its name and
            :func:`handling_numbers` + :func:`outcome_numbers`.
        offices: per supervising office, likewise.
        total: the numbers of every item.
        units: per unit: its name, then items handed over, replied,
            replied late, overdue, closed.
        overdue: the hand-overs waiting beyond the limit, unit by unit.
    """

    title: str
    as_of: date
    reply_days: int
    totals: str
    kinds: tuple[tuple[str, tuple[int, ...]], ...]
    offices: tuple[tuple[str, tuple[int, ...]], ...]
    total: tuple[int, ...]
    units: tuple[tuple[str, tuple[int, ...]], ...]
    overdue: tuple[OverdueLine, ...]

    @property
    def headings(self) -> tuple[str, ...]:
        """The six parts as every format numbers them: 一、办理情况（按类别） …."""
        return tuple(f"{chinese_number(i)}、{p}" for i, p in enumerate(captions.FOLLOW_UP_PARTS, 1))

    @property
    def grids(self) -> tuple[FollowUpGrid, ...]:
        """The six parts as tables, in order."""
        h = len(captions.HANDLING_COLUMNS)
        headings = self.headings
        empty = captions.NO_FOLLOW_UPS

        def tally(
            heading: str,
            by: str,
            rows: Sequence[tuple[str, tuple[int, ...]]],
            part: slice,
            header: tuple[str, ...],
        ) -> FollowUpGrid:
            if not self.total[0]:  # no item has a history: a sentence, not a grid of zeros
                rows = ()
            return FollowUpGrid(
                heading,
                (by, *header),
                (16, *(7.0 for _ in header)),
                (False, *(True for _ in header)),
                tuple((name, *numbers[part]) for name, numbers in rows),
                (captions.TOTAL_ROW, *self.total[part]) if rows else None,
                empty,
            )

        handling, outcome = slice(0, h), slice(h, None)
        kind_by, office_by = captions.TALLY_BY
        units_header = captions.UNIT_HEADER
        overdue_header = captions.OVERDUE_HEADER
        return (
            tally(headings[0], kind_by, self.kinds, handling, captions.HANDLING_COLUMNS),
            tally(headings[1], office_by, self.offices, handling, captions.HANDLING_COLUMNS),
            tally(headings[2], kind_by, self.kinds, outcome, captions.OUTCOME_COLUMNS),
            tally(headings[3], office_by, self.offices, outcome, captions.OUTCOME_COLUMNS),
            FollowUpGrid(
                headings[4],
                units_header,
                (18, *(9.0 for _ in units_header[1:])),
                (False, *(True for _ in units_header[1:])),
                tuple((name, *numbers) for name, numbers in self.units),
                empty=captions.NO_HAND_OVERS,
            ),
            FollowUpGrid(
                headings[5],
                overdue_header,
                (16, 34, 9, 14, 9),
                (False, False, False, False, True),
                tuple((o.unit, o.item, o.member, o.date_text, o.days) for o in self.overdue),
                empty=captions.NONE_OVERDUE,
                merge_first=True,
            ),
        )


def item_text(campaign: Campaign, item: ItemStatus) -> str:
    """An item as a list names it: a submission's title, a visit's target; its id after."""
    if item.section == "visits":
        visit = campaign.visit(item.record_id)
        target = clean(visit.target) if visit.target.strip() else ""
        name = captions.FOLLOW_UP_VISIT.format(target=target)
    else:
        name = clean(campaign.submission(item.record_id).title) or captions.NO_TITLE
    return f"{name}（{item.record_id}）"


def _kind_name(key: str) -> str:
    return captions.VISITS_KIND if key == VISIT_KIND else SubmissionKind.parse(key).label


def _numbers(tally: FollowUpTally) -> tuple[int, ...]:
    return (*handling_numbers(tally), *outcome_numbers(tally))


def followup_content(campaign: Campaign, ledger: Ledger) -> FollowUpContent:
    """The follow-up report of *campaign* from its :func:`~sanquan_core.ledger`."""
    members = {m.id: m for m in campaign.members}
    total = ledger.total
    # unit by unit, in the ledger's order of units; within a unit, in the items' order
    by_unit: dict[str, list[OverdueLine]] = {unit: [] for unit in ledger.by_unit}
    for item in ledger.items:
        for hand_over in item.units:
            if not hand_over.overdue:
                continue
            member = members.get(item.member_id)
            by_unit[hand_over.unit].append(
                OverdueLine(
                    unit=clean(hand_over.unit) or captions.NO_UNIT,
                    item=item_text(campaign, item),
                    member="" if member is None else clean(member.name),
                    assigned_on=hand_over.assigned_on,
                    date_text=cn_date(hand_over.assigned_on),
                    days=hand_over.days,
                )
            )
    overdue = [line for lines in by_unit.values() for line in lines]
    adopted = sum(total.adopted.values())
    return FollowUpContent(
        title=captions.FOLLOW_UP_TITLE,
        as_of=ledger.as_of,
        reply_days=ledger.reply_days,
        totals=_totals(ledger, adopted),
        kinds=tuple((_kind_name(k), _numbers(t)) for k, t in ledger.by_kind.items()),
        offices=_offices(ledger.by_office),
        total=_numbers(total),
        units=tuple(
            (
                clean(unit) or captions.NO_UNIT,
                (t.assigned, t.replied, t.replied_late, t.overdue, t.closed),
            )
            for unit, t in ledger.by_unit.items()
        ),
        overdue=tuple(overdue),
    )


def _offices(by_office: Mapping[str, FollowUpTally]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    return tuple(
        (clean(office) or captions.NO_OFFICE, _numbers(t)) for office, t in by_office.items()
    )


def _totals(ledger: Ledger, adopted: int) -> str:
    t = ledger.total
    as_of = captions.AS_OF.format(day=cn_date(ledger.as_of))
    if not t.items:
        return f"{as_of}，{captions.NO_FOLLOW_UPS}"
    late = (
        captions.FOLLOW_UP_LATE.format(days=ledger.reply_days, count=t.replied_late)
        if t.replied_late
        else ""
    )
    return captions.FOLLOW_UP_TOTALS.format(
        as_of=as_of,
        items=t.items,
        assigned=t.assigned,
        replied=t.replied,
        late=late,
        closed=t.closed,
        overdue=t.overdue,
        adopted=adopted,
        instructed=t.instructed,
    )
