"""The follow-up ledger (办理台账): each item's status derived from its events.

Nothing here is stored: an item's stage, the units it was handed to, its
reply, its adoption levels and its rating are read from the campaign's
``follow_ups`` events every time, so they cannot disagree with them.

The rules:

* An item is a visit or a submission; it *has a history* when the ledger
  holds an event for it, or its own ``follow_up`` field is set. That field
  is read as the item's transfer event (转化为提案 / 转化为调研课题 / 协同解决),
  dated on the item's own date, unless the ledger records a transfer itself;
  the ledger's latest transfer wins.
* Everything is counted *as of* a day: events and items dated after it are
  ignored. Without ``as_of``, the day is the later of the plan's last day and
  the ledger's last event, so the same data always gives the same ledger.
* Each ``assigned`` event hands the item to one unit (main and co-units). A
  unit's reply is the first ``replied`` event on or after its hand-over that
  names the unit, or names no unit (a reply for all of them).
* A hand-over is *overdue* when, as of the day, it has no reply and more
  than ``plan.reply_days`` days (default 30) have passed since it; a reply
  that came after more than that many days is *late*. An item is overdue
  (late) when one of its hand-overs is.
* Adoption (采用) and instructions (领导批示) are counted once per item and
  level; the rating is the item's latest ``satisfaction`` event.

:func:`ledger` gives each item's status and the tallies per kind (the
three kinds of 三个一, and ``visit``), per office, per unit and per group;
:func:`status_line` words an item's status in Chinese for printed documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from datetime import date
from typing import Any

from attrs import define, field, frozen

from .errors import require_day
from .model import (
    Campaign,
    Event,
    FollowUpEvent,
    LabelledEnum,
    Level,
    Record,
    Satisfaction,
    SubmissionKind,
    Visit,
)

__all__ = [
    "VISIT_KIND",
    "FollowUpTally",
    "ItemStatus",
    "Ledger",
    "Stage",
    "UnitStatus",
    "ledger",
    "status_line",
]

#: The key :attr:`Ledger.by_kind` uses for visits (submissions use their kind's value).
VISIT_KIND = "visit"


class Stage(LabelledEnum):
    """How far an item's handling has gone: the furthest step its events reach."""

    NONE = "none", "未办理"
    TRANSFERRED = "transferred", "已转化"
    ASSIGNED = "assigned", "已交办"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


@frozen
class UnitStatus:
    """One hand-over (交办) of an item to a unit, and the unit's reply.

    Attributes:
        unit: the unit (``""`` when the event names none).
        assigned_on: the day of the hand-over.
        replied_on: the day of the unit's reply; ``None`` when none came.
        days: days from the hand-over to the reply, or to the ledger's day
            when no reply came.
        overdue: no reply, and *days* beyond the plan's limit.
        late: a reply, after more than the plan's limit.
    """

    unit: str
    assigned_on: date
    replied_on: date | None
    days: int
    overdue: bool
    late: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "unit": self.unit,
            "assigned_on": self.assigned_on.isoformat(),
            "replied_on": None if self.replied_on is None else self.replied_on.isoformat(),
            "days": self.days,
            "overdue": self.overdue,
            "late": self.late,
        }


@frozen
class ItemStatus:
    """Where one visit or submission stands, derived from its events.

    Attributes:
        section: ``"visits"`` or ``"submissions"``.
        record_id: the item's id.
        member_id: the member who made the visit or handed in the item.
        group_id: the member's group.
        office: the office supervising the group (``""`` when none is named).
        kind: the submission's kind; ``None`` for a visit.
        transferred: what the item was turned into (proposal, topic,
            coordination), or ``None``.
        ref: the proposal number (``ref`` of the transfer event), or ``""``.
        units: its hand-overs, in date order.
        replied_on: its first reply.
        closed_on: its first closing.
        adopted: the levels that adopted it, lowest first.
        instructed: the levels whose leaders gave instructions on it, lowest first.
        satisfaction: its latest rating.
        events: its ledger events counted, in date order (the ``follow_up``
            field is not among them).
        reply_days: the plan's limit for a reply, in days.
    """

    section: str
    record_id: str
    member_id: str
    group_id: str
    office: str
    kind: SubmissionKind | None
    transferred: Event | None = None
    ref: str = ""
    units: tuple[UnitStatus, ...] = ()
    replied_on: date | None = None
    closed_on: date | None = None
    adopted: tuple[Level, ...] = ()
    instructed: tuple[Level, ...] = ()
    satisfaction: Satisfaction | None = None
    events: tuple[FollowUpEvent, ...] = ()
    reply_days: int = 30

    @property
    def stage(self) -> Stage:
        """The furthest step reached."""
        if self.closed_on is not None:
            return Stage.CLOSED
        if self.replied_on is not None:
            return Stage.REPLIED
        if self.units:
            return Stage.ASSIGNED
        if self.transferred is not None:
            return Stage.TRANSFERRED
        return Stage.NONE

    @property
    def level(self) -> Level | None:
        """The highest level that adopted the item (its adoption level), or ``None``."""
        return self.adopted[-1] if self.adopted else None

    @property
    def overdue(self) -> bool:
        """Whether a hand-over waits for its reply beyond the plan's limit."""
        return any(u.overdue for u in self.units)

    @property
    def late(self) -> bool:
        """Whether a reply came after more than the plan's limit."""
        return any(u.late for u in self.units)

    @property
    def kind_key(self) -> str:
        """The item's key in :attr:`Ledger.by_kind`: its kind's value, or ``"visit"``."""
        return VISIT_KIND if self.kind is None else self.kind.value

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data; ``status`` is :func:`status_line`."""

        def day(value: date | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "section": self.section,
            "record_id": self.record_id,
            "member_id": self.member_id,
            "group_id": self.group_id,
            "office": self.office,
            "kind": self.kind_key,
            "stage": self.stage.value,
            "transferred": None if self.transferred is None else self.transferred.value,
            "ref": self.ref,
            "units": [u.as_dict() for u in self.units],
            "replied_on": day(self.replied_on),
            "closed_on": day(self.closed_on),
            "adopted": [level.value for level in self.adopted],
            "level": None if self.level is None else self.level.value,
            "instructed": [level.value for level in self.instructed],
            "satisfaction": None if self.satisfaction is None else self.satisfaction.value,
            "overdue": self.overdue,
            "late": self.late,
            "status": status_line(self),
        }


def _zeros(keys: Iterable[LabelledEnum]) -> dict[Any, int]:
    return dict.fromkeys(keys, 0)


_TRANSFER_EVENTS = (Event.PROPOSAL, Event.TOPIC, Event.COORDINATION)


@define
class _Counts:
    items: int = 0
    transferred: dict[Event, int] = field(factory=lambda: _zeros(_TRANSFER_EVENTS))
    assigned: int = 0
    replied: int = 0
    replied_late: int = 0
    overdue: int = 0
    closed: int = 0
    adopted: dict[Level, int] = field(factory=lambda: _zeros(Level))
    instructed: int = 0
    satisfaction: dict[Satisfaction, int] = field(factory=lambda: _zeros(Satisfaction))

    def add(self, item: ItemStatus, replied: bool, late: bool, overdue: bool) -> None:
        self.items += 1
        if item.transferred is not None:
            self.transferred[item.transferred] += 1
        self.assigned += bool(item.units)
        self.replied += replied
        self.replied_late += late
        self.overdue += overdue
        self.closed += item.closed_on is not None
        for level in item.adopted:
            self.adopted[level] += 1
        self.instructed += bool(item.instructed)
        if item.satisfaction is not None:
            self.satisfaction[item.satisfaction] += 1

    def frozen(self) -> FollowUpTally:
        return FollowUpTally(
            self.items,
            dict(self.transferred),
            self.assigned,
            self.replied,
            self.replied_late,
            self.overdue,
            self.closed,
            dict(self.adopted),
            self.instructed,
            dict(self.satisfaction),
        )


@frozen
class FollowUpTally:
    """What became of a set of items: how many reached each step.

    Each number counts items (an item handed to three units is assigned
    once). In :attr:`Ledger.by_unit`, ``replied``, ``replied_late`` and
    ``overdue`` are the unit's own reply.

    Attributes:
        items: items with a history.
        transferred: items turned into a proposal, a topic, or solved
            together (per :class:`~sanquan_core.model.Event`).
        assigned: items handed over (交办).
        replied: items replied to (答复).
        replied_late: items replied to after more than the plan's limit.
        overdue: items waiting for a reply beyond the plan's limit.
        closed: items closed (办结).
        adopted: items adopted at each level (an item adopted at two levels
            counts at both).
        instructed: items a leader gave instructions on (领导批示).
        satisfaction: items per latest rating.
    """

    items: int = 0
    transferred: Mapping[Event, int] = field(factory=lambda: _zeros(_TRANSFER_EVENTS), hash=False)
    assigned: int = 0
    replied: int = 0
    replied_late: int = 0
    overdue: int = 0
    closed: int = 0
    adopted: Mapping[Level, int] = field(factory=lambda: _zeros(Level), hash=False)
    instructed: int = 0
    satisfaction: Mapping[Satisfaction, int] = field(
        factory=lambda: _zeros(Satisfaction), hash=False
    )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data, enums as their English values."""
        return {
            "items": self.items,
            "transferred": {k.value: n for k, n in self.transferred.items()},
            "assigned": self.assigned,
            "replied": self.replied,
            "replied_late": self.replied_late,
            "overdue": self.overdue,
            "closed": self.closed,
            "adopted": {k.value: n for k, n in self.adopted.items()},
            "instructed": self.instructed,
            "satisfaction": {k.value: n for k, n in self.satisfaction.items()},
        }


@frozen
class Ledger:
    """The result of :func:`ledger`: each item's status and the tallies.

    Attributes:
        as_of: the day the ledger stands at.
        reply_days: the plan's limit for a reply, in days.
        items: the items with a history, visits first, each in data order.
        total: the tally of every item.
        by_kind: per kind (``suggestion``, ``opinion``, ``lead``, ``visit``),
            every key present.
        by_office: per supervising office, in the order the groups name them.
        by_unit: per unit handed items, in the order of first hand-over.
        by_group: per group (its id), every group of the campaign present, in
            plan order.
    """

    as_of: date
    reply_days: int
    items: tuple[ItemStatus, ...]
    total: FollowUpTally
    by_kind: Mapping[str, FollowUpTally] = field(hash=False)
    by_office: Mapping[str, FollowUpTally] = field(hash=False)
    by_unit: Mapping[str, FollowUpTally] = field(hash=False)
    by_group: Mapping[str, FollowUpTally] = field(factory=dict, hash=False)
    _by_record: dict[tuple[str, str], ItemStatus] = field(
        init=False, repr=False, eq=False, hash=False, alias="_by_record"
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_record", {(i.section, i.record_id): i for i in self.items})

    def item(self, record: Record) -> ItemStatus | None:
        """The status of *record*; ``None`` when it has no history (as of the day)."""
        section = "visits" if isinstance(record, Visit) else "submissions"
        return self._by_record.get((section, record.id))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "as_of": self.as_of.isoformat(),
            "reply_days": self.reply_days,
            "items": [i.as_dict() for i in self.items],
            "total": self.total.as_dict(),
            "by_kind": {k: t.as_dict() for k, t in self.by_kind.items()},
            "by_office": {k: t.as_dict() for k, t in self.by_office.items()},
            "by_unit": {k: t.as_dict() for k, t in self.by_unit.items()},
            "by_group": {k: t.as_dict() for k, t in self.by_group.items()},
        }


def ledger(campaign: Campaign, *, as_of: date | None = None) -> Ledger:
    """Each item's follow-up status, and the tallies per kind, office and unit.

    Args:
        campaign: a valid campaign (as :func:`sanquan_core.load` returns).
        as_of: the day to count as of: events and items dated after it are
            ignored, and overdue replies are those waiting on that day.
            Default: the later of the plan's last day and the last event.
    """
    plan = campaign.plan
    require_day(as_of)
    if as_of is None:
        as_of = max([plan.ends_on, *(e.on for e in campaign.follow_ups)])
    limit = plan.reply_days
    groups = {g.id: g for g in campaign.groups}
    group_of = {m.id: m.group_id for m in campaign.members}

    items: list[ItemStatus] = []
    records: list[Record] = [*campaign.visits, *campaign.submissions]
    for record in records:
        if record.day > as_of:
            continue
        events = campaign.follow_ups_of(record) if campaign.follow_ups else ()
        events = tuple(e for e in events if e.on <= as_of)
        if not events and record.follow_up is None:
            continue
        group_id = group_of.get(record.member_id, "")
        group = groups.get(group_id)
        items.append(
            _status(
                record,
                events,
                group_id,
                "" if group is None else group.office,
                as_of,
                limit,
            )
        )

    total = _Counts()
    by_kind = {key: _Counts() for key in (*(k.value for k in SubmissionKind), VISIT_KIND)}
    by_office = {g.office: _Counts() for g in campaign.groups}
    by_unit: dict[str, _Counts] = {}
    by_group = {g.id: _Counts() for g in campaign.groups}
    for item in items:
        flags = (item.replied_on is not None, item.late, item.overdue)
        total.add(item, *flags)
        by_kind[item.kind_key].add(item, *flags)
        by_office.setdefault(item.office, _Counts()).add(item, *flags)
        by_group.setdefault(item.group_id, _Counts()).add(item, *flags)
        for unit in item.units:
            by_unit.setdefault(unit.unit, _Counts()).add(
                item, unit.replied_on is not None, unit.late, unit.overdue
            )
    return Ledger(
        as_of=as_of,
        reply_days=limit,
        items=tuple(items),
        total=total.frozen(),
        by_kind={k: c.frozen() for k, c in by_kind.items()},
        by_office={k: c.frozen() for k, c in by_office.items()},
        by_unit={k: c.frozen() for k, c in by_unit.items()},
        by_group={k: c.frozen() for k, c in by_group.items()},
    )


def _status(
    record: Record,
    events: tuple[FollowUpEvent, ...],
    group_id: str,
    office: str,
    as_of: date,
    limit: int,
) -> ItemStatus:
    ordered = tuple(sorted(events, key=lambda e: e.on))  # stable: data order within a day
    transferred: Event | None = None
    ref = ""
    if record.follow_up is not None:
        transferred = Event.parse(record.follow_up.value)
    hand_overs: dict[str, date] = {}
    replies: list[FollowUpEvent] = []
    closed_on: date | None = None
    adopted: set[Level] = set()
    instructed: set[Level] = set()
    satisfaction: Satisfaction | None = None
    for event in ordered:
        kind = event.event
        if kind.transfer:
            transferred, ref = kind, event.ref
        elif kind is Event.ASSIGNED:
            hand_overs.setdefault(event.unit, event.on)
        elif kind is Event.REPLIED:
            replies.append(event)
        elif kind is Event.CLOSED:
            closed_on = closed_on or event.on
        elif kind is Event.ADOPTED and event.level is not None:
            adopted.add(event.level)
        elif kind is Event.INSTRUCTED and event.level is not None:
            instructed.add(event.level)
        elif kind is Event.SATISFACTION:
            # A bad rating can only come from a campaign built in code; validate() reports it.
            with suppress(ValueError):
                satisfaction = Satisfaction.parse(event.note)
    units = []
    for unit, assigned_on in hand_overs.items():
        reply = next((r.on for r in replies if r.on >= assigned_on and r.unit in ("", unit)), None)
        end = as_of if reply is None else reply
        days = (end - assigned_on).days
        units.append(
            UnitStatus(
                unit,
                assigned_on,
                reply,
                days,
                overdue=reply is None and days > limit,
                late=reply is not None and days > limit,
            )
        )
    is_visit = isinstance(record, Visit)
    return ItemStatus(
        section="visits" if is_visit else "submissions",
        record_id=record.id,
        member_id=record.member_id,
        group_id=group_id,
        office=office,
        kind=None if isinstance(record, Visit) else record.kind,
        transferred=transferred,
        ref=ref,
        units=tuple(units),
        replied_on=replies[0].on if replies else None,
        closed_on=closed_on,
        adopted=tuple(level for level in Level if level in adopted),
        instructed=tuple(level for level in Level if level in instructed),
        satisfaction=satisfaction,
        events=ordered,
        reply_days=limit,
    )


# -- the status line printed documents use ---------------------------------------

_TRANSFER_WORDS = {
    Event.PROPOSAL: "已转化为提案",
    Event.TOPIC: "已转化为调研课题",
    Event.COORDINATION: "已转为协同解决",
}


def status_line(item: ItemStatus) -> str:
    """The item's status in Chinese, e.g. ``已转化为提案第123号；被盐城市政协采用``.

    The parts, each present when it applies, joined by ``；``: the transfer
    (with the proposal number), the hand-over and its units, the reply
    (noting one that came late, or a unit waiting beyond the limit), the
    closing, adoption by level, leaders' instructions, the rating. ``""``
    for an item with no history.
    """
    parts: list[str] = []
    if item.transferred is not None:
        text = _TRANSFER_WORDS[item.transferred]
        if item.transferred is Event.PROPOSAL and item.ref:
            text += f"第{item.ref}号" if item.ref.isdigit() else f"（{item.ref}）"
        parts.append(text)
    if item.units:
        names = "、".join(u.unit for u in item.units if u.unit)
        parts.append(f"已交办{names}")
    if item.replied_on is not None:
        late = f"（超过{item.reply_days}天时限）" if item.late else ""
        parts.append(f"已答复{late}")
    for unit in item.units:
        if unit.overdue:
            who = unit.unit or "承办单位"
            parts.append(f"{who}已{unit.days}天未答复，已超期")
    if item.closed_on is not None:
        parts.append("已办结")
    if item.adopted:
        parts.append("被" + "、".join(level.label for level in item.adopted) + "采用")
    if item.instructed:
        parts.append("获" + "、".join(level.label for level in item.instructed) + "领导批示")
    if item.satisfaction is not None:
        parts.append(f"满意度测评：{item.satisfaction.label}")
    return "；".join(parts)
