"""Supervision over time (督查推动): the campaign's cumulative progress, and who is behind pace.

:func:`progress` counts, day by day from the start of the campaign, what had
been done by each day: members taking part, members complete, visits, people
visited per circle and items per kind. The rules, as the other counts use
them:

* A record counts from its own date on, when that date is inside the
  campaign window (as :func:`sanquan_core.summarize` and
  :func:`sanquan_core.check` count); a record outside the window never counts.
* *Taking part* (参与) is the summary's rule: at least one visit or item so
  far. *Complete* is the completion check's rule, decided by
  :func:`sanquan_core.rules.owed` on the items so far: the last point of a
  series equals ``sq.check(campaign, as_of=as_of)``.
* The series runs from ``plan.starts_on`` (else the earliest record in the
  window) to *as_of*, by default the plan's last day (the library never reads
  the clock: a report in the middle of the campaign passes ``as_of``).
* ``every="week"`` gives a point on the last day of each week counted from the
  start (the first week ends six days after it: 2017-07-17 for a start on
  2017-07-11), one on every phase deadline, and one on *as_of*;
  ``every="day"`` a point per day.
* **Pace.** The plan's expected share of complete members at a phase's
  deadline is, by default, the share of the campaign's days gone by then
  (2017: 21 of 52 days at 31 July, 40%; 100% at the end), or the shares
  given as ``expected``. A group is *behind pace* at a deadline on or before
  *as_of* when its completion rate there is below ``tolerance`` × that share.
  A group without members is never behind.

The records are sorted by date once and swept: the work grows with the
records plus the points × the groups, never with their product with the
records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from ._i18n import _
from .errors import OptionError, require_day
from .model import Campaign, Circle, Plan, SubmissionKind
from .rules import owed

__all__ = [
    "BehindPace",
    "PhaseDeadline",
    "ProgressPoint",
    "ProgressReport",
    "ProgressSeries",
    "expected_shares",
    "progress",
]

By: TypeAlias = Literal["office", "group"] | None
Every: TypeAlias = Literal["week", "day"]


@frozen
class ProgressPoint:
    """What had been done by the end of one day.

    Attributes:
        on: the day (records dated on it count).
        members: how many members the series covers.
        participants: members with a visit or an item so far.
        complete: members who owe nothing so far.
        visits: visits so far.
        visited: people visited so far, per circle (the sum of headcounts).
        items: items handed in so far, per kind.
        deadline: the name of the phase ending on this day, if one does.
    """

    on: date
    members: int
    participants: int
    complete: int
    visits: int
    visited: Mapping[Circle, int] = field(hash=False)
    items: Mapping[SubmissionKind, int] = field(hash=False)
    deadline: str | None = None

    @property
    def rate(self) -> float | None:
        """The share of complete members; ``None`` when the series has no members."""
        return self.complete / self.members if self.members else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan progress --json``."""
        return {
            "on": self.on.isoformat(),
            "participants": self.participants,
            "complete": self.complete,
            "rate": self.rate,
            "visits": self.visits,
            "visited": {c.value: n for c, n in self.visited.items()},
            "items": {k.value: n for k, n in self.items.items()},
            "deadline": self.deadline,
        }


@frozen
class ProgressSeries:
    """The cumulative series of one group, one office, or the whole campaign.

    Attributes:
        key: the group's id, the office's name, or ``""`` for the whole campaign.
        name: the group's name, the office's name, or ``""``.
        office: the office supervising the group (an office's own name).
        members: how many members it covers.
        points: a point per day of the series, in date order.
    """

    key: str
    name: str
    office: str
    members: int
    points: tuple[ProgressPoint, ...]

    @property
    def last(self) -> ProgressPoint:
        """The point of *as_of*."""
        return self.points[-1]

    def on(self, day: date) -> ProgressPoint:
        """The point of *day*.

        Raises:
            KeyError: the series has no point on that day.
        """
        for point in self.points:
            if point.on == day:
                return point
        raise KeyError(f"the series has no point on {day}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan progress --json``."""
        return {
            "key": self.key,
            "name": self.name,
            "office": self.office,
            "members": self.members,
            "points": [p.as_dict() for p in self.points],
        }


@frozen
class PhaseDeadline:
    """A phase's deadline and the share of complete members the plan expects by it."""

    phase: str
    ends_on: date
    expected: float

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan progress --json``."""
        return {"phase": self.phase, "ends_on": self.ends_on.isoformat(), "expected": self.expected}


@frozen
class BehindPace:
    """A group whose completion rate at a phase's deadline was below the pace.

    Attributes:
        group_id, group, office: the group, its name and its office.
        phase, ends_on: the phase and its deadline.
        members, complete: the group's members, and how many were complete then.
        rate: ``complete / members``.
        pace: the rate it needed: ``tolerance`` × the expected share.
    """

    group_id: str
    group: str
    office: str
    phase: str
    ends_on: date
    members: int
    complete: int
    rate: float
    pace: float

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan progress --json``."""
        return {
            "group_id": self.group_id,
            "group": self.group,
            "office": self.office,
            "phase": self.phase,
            "ends_on": self.ends_on.isoformat(),
            "members": self.members,
            "complete": self.complete,
            "rate": self.rate,
            "pace": self.pace,
        }


@frozen
class ProgressReport:
    """The result of :func:`progress`: the series, the deadlines, the groups behind pace.

    Attributes:
        starts_on, as_of: the first and last day of the series.
        every: ``"week"`` or ``"day"``.
        by: ``"office"``, ``"group"`` or ``None``: which series :attr:`series` gives.
        deadlines: the plan's phase deadlines with their expected shares (all
            of them, including those after *as_of*).
        tolerance: the share of the expected pace a group must keep.
        total: the whole campaign's series.
        groups: a series per group, in the campaign's order.
        offices: a series per office, in the order its first group comes.
        behind: the groups behind pace, by deadline, then in the campaign's order.
    """

    starts_on: date
    as_of: date
    every: Every
    by: By
    deadlines: tuple[PhaseDeadline, ...]
    tolerance: float
    total: ProgressSeries
    groups: tuple[ProgressSeries, ...]
    offices: tuple[ProgressSeries, ...]
    behind: tuple[BehindPace, ...]

    @property
    def series(self) -> tuple[ProgressSeries, ...]:
        """The series *by* asks for: per office, per group, or none beside :attr:`total`."""
        if self.by == "office":
            return self.offices
        if self.by == "group":
            return self.groups
        return ()

    @property
    def days(self) -> tuple[date, ...]:
        """The days of the points, the same in every series."""
        return tuple(p.on for p in self.total.points)

    def expected_on(self, day: date) -> float:
        """The share of complete members the plan expects by *day*, between deadlines linearly.

        0 before the start, the deadlines' shares on them, and 1 after the last.
        """
        previous_day, previous = self.starts_on - timedelta(days=1), 0.0
        for deadline in self.deadlines:
            if day <= deadline.ends_on:
                span = (deadline.ends_on - previous_day).days
                done = max((day - previous_day).days, 0)
                return previous + (deadline.expected - previous) * done / span
            previous_day, previous = deadline.ends_on, deadline.expected
        return previous if self.deadlines else 1.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan progress --json``."""
        return {
            "starts_on": self.starts_on.isoformat(),
            "as_of": self.as_of.isoformat(),
            "every": self.every,
            "by": self.by,
            "tolerance": self.tolerance,
            "deadlines": [d.as_dict() for d in self.deadlines],
            "total": self.total.as_dict(),
            "series": [s.as_dict() for s in self.series],
            "behind": [b.as_dict() for b in self.behind],
        }


def expected_shares(plan: Plan, starts_on: date) -> tuple[float, ...]:
    """The default pace: the share of the campaign's days gone by each phase's deadline."""
    total = (plan.ends_on - starts_on).days + 1
    return tuple(
        min(max((p.ends_on - starts_on).days + 1, 0) / total, 1.0) if total > 0 else 1.0
        for p in plan.phases
    )


def progress(
    campaign: Campaign,
    *,
    by: By = None,
    every: Every = "week",
    as_of: date | None = None,
    expected: Sequence[float] | None = None,
    tolerance: float = 1.0,
) -> ProgressReport:
    """The campaign's cumulative progress from its start to *as_of*, and the groups behind pace.

    Args:
        campaign: the campaign.
        by: ``"office"`` or ``"group"`` for a series per office or group in
            :attr:`ProgressReport.series` (the per-group and per-office
            series are in the report either way).
        every: ``"week"`` (a point per week, per deadline and on *as_of*)
            or ``"day"``.
        as_of: the last day; by default the plan's last day.
        expected: the share of complete members the plan expects at each
            phase's deadline, one per phase (default: the share of the
            campaign's days gone by then).
        tolerance: a group is behind pace when its completion rate at a
            deadline is below ``tolerance`` × the expected share (default 1).

    Raises:
        OptionError: *by*, *every*, *expected* or *tolerance* is not one
            the function takes, or *as_of* is before the campaign starts.
    """
    plan = campaign.plan
    require_day(as_of)
    if by not in ("office", "group", None):
        raise OptionError(_("{value!r} is not one of office, group").format(value=by), option="by")
    if every not in ("week", "day"):
        raise OptionError(
            _("{value!r} is not one of week, day").format(value=every), option="every"
        )
    if not 0 <= tolerance <= 1:
        raise OptionError(
            _("the tolerance must be between 0 and 1, not {value}").format(value=tolerance),
            option="tolerance",
        )
    end = plan.ends_on if as_of is None else as_of
    start = _start(campaign, end)
    if end < start:
        raise OptionError(
            _("{day} is before the campaign starts ({start})").format(day=end, start=start),
            option="as_of",
        )
    shares = expected_shares(plan, start) if expected is None else tuple(expected)
    if len(shares) != len(plan.phases) or not all(0 <= s <= 1 for s in shares):
        raise OptionError(
            _("expected takes one share between 0 and 1 per phase ({count} phases)").format(
                count=len(plan.phases)
            ),
            option="expected",
        )
    deadlines = tuple(
        PhaseDeadline(p.name, p.ends_on, share)
        for p, share in zip(plan.phases, shares, strict=True)
    )
    days = _days(start, end, every, deadlines)
    groups = _sweep(campaign, days, end)
    offices = _offices(groups)
    nothing = _Row(0, 0, 0, (0,) * len(Circle), (0,) * len(SubmissionKind))
    by_day = {d.ends_on: d.phase for d in deadlines}
    empty = ProgressSeries(
        "", "", "", 0, tuple(_point(day, 0, nothing, by_day.get(day)) for day in days)
    )
    total = _merge("", "", "", groups, empty)
    behind = tuple(_behind(campaign, groups, deadlines, end, tolerance))
    return ProgressReport(
        starts_on=start,
        as_of=end,
        every=every,
        by=by,
        deadlines=deadlines,
        tolerance=tolerance,
        total=total,
        groups=groups,
        offices=offices,
        behind=behind,
    )


def _start(campaign: Campaign, end: date) -> date:
    """The plan's start; else its earliest record in the window; else *end*."""
    plan = campaign.plan
    if plan.starts_on is not None:
        return plan.starts_on
    dates = [v.visited_on for v in campaign.visits if plan.in_window(v.visited_on)]
    dates += [s.submitted_on for s in campaign.submissions if plan.in_window(s.submitted_on)]
    return min(dates, default=min(end, plan.ends_on))


def _days(
    start: date, end: date, every: Every, deadlines: Iterable[PhaseDeadline]
) -> tuple[date, ...]:
    if every == "day":
        return tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    days = {start + timedelta(days=i) for i in range(6, (end - start).days + 1, 7)}
    days |= {d.ends_on for d in deadlines if start <= d.ends_on <= end}
    days.add(end)
    return tuple(sorted(days))


@frozen
class _Row:
    """One group's running counts, at one point."""

    participants: int
    complete: int
    visits: int
    visited: tuple[int, ...]
    items: tuple[int, ...]


def _sweep(campaign: Campaign, days: Sequence[date], end: date) -> tuple[ProgressSeries, ...]:
    """Every group's series: the records sorted by date once, then walked with the days."""
    plan = campaign.plan
    circles, kinds = tuple(Circle), tuple(SubmissionKind)
    group_index = {g.id: i for i, g in enumerate(campaign.groups)}
    member_group = {m.id: group_index[m.group_id] for m in campaign.members}
    sizes = [0] * len(campaign.groups)
    for index in member_group.values():
        sizes[index] += 1

    # (date, 0, visit) and (date, 1, submission), counted only inside the window
    # (plan.in_window's bounds, compared directly: a method call per record was
    # a third of the time) and up to *end*.
    first = date.min if plan.starts_on is None else plan.starts_on
    last = min(end, plan.ends_on)
    records: list[tuple[date, int, Any]] = [
        (v.visited_on, 0, v) for v in campaign.visits if first <= v.visited_on <= last
    ]
    records += [
        (s.submitted_on, 1, s) for s in campaign.submissions if first <= s.submitted_on <= last
    ]
    records.sort(key=itemgetter(0))

    nothing: dict[SubmissionKind, int] = {}
    complete_at_start = not owed(plan, nothing)  # quotas of 0: complete from the start
    handed: dict[str, dict[SubmissionKind, int]] = {}
    taking_part: set[str] = set()
    done: set[str] = set(member_group) if complete_at_start else set()
    participants = [0] * len(sizes)
    complete = [size if complete_at_start else 0 for size in sizes]
    visits = [0] * len(sizes)
    visited = [[0] * len(circles) for _ in sizes]
    items = [[0] * len(kinds) for _ in sizes]
    circle_at = {c: i for i, c in enumerate(circles)}
    kind_at = {k: i for i, k in enumerate(kinds)}

    rows: list[list[_Row]] = [[] for _ in sizes]
    deadlines = {p.ends_on: p.name for p in plan.phases}
    i = 0
    for day in days:
        while i < len(records) and records[i][0] <= day:
            _, what, record = records[i]
            i += 1
            member = record.member_id
            g = member_group[member]
            if member not in taking_part:
                taking_part.add(member)
                participants[g] += 1
            if what == 0:
                visits[g] += 1
                visited[g][circle_at[record.circle]] += record.headcount
                continue
            items[g][kind_at[record.kind]] += 1
            counts = handed.setdefault(member, {})
            counts[record.kind] = counts.get(record.kind, 0) + 1
            if member not in done and not owed(plan, counts):
                done.add(member)
                complete[g] += 1
        for g in range(len(sizes)):
            rows[g].append(
                _Row(participants[g], complete[g], visits[g], tuple(visited[g]), tuple(items[g]))
            )

    out = []
    for g, group in enumerate(campaign.groups):
        points = tuple(
            _point(day, sizes[g], row, deadlines.get(day))
            for day, row in zip(days, rows[g], strict=True)
        )
        out.append(ProgressSeries(group.id, group.name, group.office, sizes[g], points))
    return tuple(out)


def _point(day: date, members: int, row: _Row, deadline: str | None) -> ProgressPoint:
    return ProgressPoint(
        on=day,
        members=members,
        participants=row.participants,
        complete=row.complete,
        visits=row.visits,
        visited=dict(zip(Circle, row.visited, strict=True)),
        items=dict(zip(SubmissionKind, row.items, strict=True)),
        deadline=deadline,
    )


def _merge(
    key: str, name: str, office: str, parts: Sequence[ProgressSeries], empty: ProgressSeries
) -> ProgressSeries:
    """The sum of *parts*, point by point (they share their days); *empty* when there are none."""
    if not parts:
        return empty
    points = []
    for at in zip(*(s.points for s in parts), strict=True):
        first = at[0]
        points.append(
            ProgressPoint(
                on=first.on,
                members=sum(p.members for p in at),
                participants=sum(p.participants for p in at),
                complete=sum(p.complete for p in at),
                visits=sum(p.visits for p in at),
                visited={c: sum(p.visited[c] for p in at) for c in Circle},
                items={k: sum(p.items[k] for p in at) for k in SubmissionKind},
                deadline=first.deadline,
            )
        )
    return ProgressSeries(key, name, office, sum(s.members for s in parts), tuple(points))


def _offices(groups: Sequence[ProgressSeries]) -> tuple[ProgressSeries, ...]:
    by_office: dict[str, list[ProgressSeries]] = {}
    for series in groups:
        by_office.setdefault(series.office, []).append(series)
    return tuple(
        _merge(office, office, office, parts, parts[0]) for office, parts in by_office.items()
    )


def _behind(
    campaign: Campaign,
    groups: Sequence[ProgressSeries],
    deadlines: Sequence[PhaseDeadline],
    end: date,
    tolerance: float,
) -> Iterable[BehindPace]:
    for deadline in deadlines:
        if not groups or deadline.ends_on > end or deadline.ends_on < groups[0].points[0].on:
            continue
        pace = tolerance * deadline.expected
        for series in groups:
            point = series.on(deadline.ends_on)
            if point.rate is None or point.rate >= pace:
                continue
            yield BehindPace(
                group_id=series.key,
                group=series.name,
                office=series.office,
                phase=deadline.phase,
                ends_on=deadline.ends_on,
                members=series.members,
                complete=point.complete,
                rate=point.rate,
                pace=pace,
            )
