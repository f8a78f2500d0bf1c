"""Duty points (履职积分) as data: what each record earned, per member and group, ranked.

Off unless the plan defines them (``plan.points``, a :class:`~sanquan_core.model.Points`).
The built-in arithmetic (:data:`STANDARD`) awards, for every record inside
the campaign window:

* a visit: ``points.visit[circle]``;
* an item (三个一): ``points.item[kind]``;
* an adoption of an item (a ``follow_ups`` event ``adopted``):
  ``points.adopted[level]``, to the member who handed the item in (or made
  the visit);
* a leader's instruction on it (``instructed``): ``points.instructed[level]``;
  an item earns each level's adoption (and instruction) once, on the
  earliest event saying so.

What the rules do not name earns nothing, and a record earning nothing is
not listed. A plugin replaces the arithmetic with a :class:`Scorer`
(``sanquan_register_scorers``) that the plan names in ``points.scorer``.

The caps are applied to any scorer's awards, in date order (then record
order): ``phase_cap`` limits a member's points in each phase (awards dated
after the last phase — an adoption months later — are under no phase cap),
``member_cap`` a member's points over the campaign. An award past a cap
stays in the breakdown with the part that counted (``counted``), so the
table always says which record earned what.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, Final, Protocol

import attrs
from attrs import frozen

from sanquan_core import captions
from sanquan_core._i18n import _
from sanquan_core.errors import PluginError, SanquanError, UsageError
from sanquan_core.model import Campaign, Event, Group, Level, Member, Points
from sanquan_core.rules import as_it_stood

__all__ = [
    "STANDARD",
    "Award",
    "GroupPoints",
    "MemberPoints",
    "PointsTable",
    "Scorer",
    "points",
]

#: The sources of the built-in awards, in the order the tables show them.
SOURCES: Final = ("visit", "item", "adopted", "instructed")


@frozen
class Award:
    """Points one record earned for one member.

    Attributes:
        member_id: the member credited.
        record_id: the visit, item or follow-up event that earned them.
        source: what kind of record: ``"visit"``, ``"item"``, ``"adopted"``,
            ``"instructed"`` (a plugin's scorer may name its own).
        label: what earned them, as printed (界别圈走访, 社情民意信息,
            盐城市政协采用 …).
        on: the record's date.
        points: the points the rules give it.
        counted: the part of them that counted after the caps (``points``
            unless a cap was reached).
    """

    member_id: str
    record_id: str
    source: str
    label: str
    on: date
    points: int
    counted: int = attrs.field()

    @counted.default
    def _all(self) -> int:
        return self.points

    @property
    def capped(self) -> bool:
        """Whether a cap took some of the points."""
        return self.counted < self.points

    def as_dict(self) -> dict[str, Any]:
        """The award as JSON-ready values."""
        return {
            "member_id": self.member_id,
            "record_id": self.record_id,
            "source": self.source,
            "label": self.label,
            "on": self.on.isoformat(),
            "points": self.points,
            "counted": self.counted,
        }


class Scorer(Protocol):
    """What ``sanquan_register_scorers`` registers: arithmetic an office chooses by name.

    ``awards`` gives every award of the campaign (already cut to ``as_of``)
    under the plan's rules; the library then applies the caps, adds up and
    ranks.
    """

    @property
    def name(self) -> str:
        """The name ``plan.points.scorer`` gives."""
        ...

    def awards(self, campaign: Campaign, rules: Points) -> Iterable[Award]:
        """Every award the records earn, in any order."""
        ...


@frozen
class MemberPoints:
    """A member's points: the total that counts, its parts and its breakdown.

    Attributes:
        member: the member.
        group: the member's group.
        rank: 1 for the most points; members with equal totals share a rank
            (1, 2, 2, 4).
        total: the points that count (after the caps).
        earned: the points before the caps.
        by_source: the counted points per source (visit, item, adopted, instructed).
        awards: the breakdown, in date order.
    """

    member: Member
    group: Group
    rank: int
    total: int
    earned: int
    by_source: dict[str, int]
    awards: tuple[Award, ...]

    def as_dict(self) -> dict[str, Any]:
        """The member's points as JSON-ready values."""
        return {
            "member_id": self.member.id,
            "member": self.member.name,
            "group_id": self.group.id,
            "rank": self.rank,
            "total": self.total,
            "earned": self.earned,
            "by_source": dict(self.by_source),
            "awards": [a.as_dict() for a in self.awards],
        }


@frozen
class GroupPoints:
    """A group's points: its members' totals added up, and their average.

    Attributes:
        group: the group.
        rank: 1 for the highest average; equal averages share a rank.
        members: how many members the group has (all of them, with or without points).
        total: its members' counted points.
        average: ``total / members`` (0 for a group without members).
    """

    group: Group
    rank: int
    members: int
    total: int
    average: float

    def as_dict(self) -> dict[str, Any]:
        """The group's points as JSON-ready values."""
        return {
            "group_id": self.group.id,
            "group": self.group.name,
            "rank": self.rank,
            "members": self.members,
            "total": self.total,
            "average": round(self.average, 2),
        }


@frozen
class PointsTable:
    """The duty points of a campaign: every member ranked, every group ranked.

    Attributes:
        rules: the plan's rules.
        scorer: the name of the arithmetic used (``"standard"`` for the built-in).
        as_of: the day the table stands at, or ``None`` for every record.
        members: every member, best first (ties: group order, then member order).
        groups: every group, the highest average first.
    """

    rules: Points
    scorer: str
    as_of: date | None
    members: tuple[MemberPoints, ...]
    groups: tuple[GroupPoints, ...]

    def member(self, member_id: str) -> MemberPoints:
        """The points of member *member_id*.

        Raises:
            KeyError: no such member.
        """
        for line in self.members:
            if line.member.id == member_id:
                return line
        raise KeyError(member_id)

    def as_dict(self) -> dict[str, Any]:
        """The table as JSON-ready values."""
        return {
            "scorer": self.scorer,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "members": [m.as_dict() for m in self.members],
            "groups": [g.as_dict() for g in self.groups],
        }


@frozen
class _Standard:
    """The built-in arithmetic: the plan's points per circle, kind and level."""

    name: str = "standard"

    def awards(self, campaign: Campaign, rules: Points) -> Iterator[Award]:
        plan = campaign.plan
        for visit in campaign.visits:
            value = rules.visit.get(visit.circle, 0)
            if value and plan.in_window(visit.visited_on):
                label = captions.POINTS_VISIT.format(visit.circle.label)
                yield Award(visit.member_id, visit.id, "visit", label, visit.visited_on, value)
        for sub in campaign.submissions:
            value = rules.item.get(sub.kind, 0)
            if value and plan.in_window(sub.submitted_on):
                yield Award(sub.member_id, sub.id, "item", sub.kind.label, sub.submitted_on, value)
        if not (rules.adopted or rules.instructed):
            return
        authors: dict[str, tuple[str, date]] = {
            s.id: (s.member_id, s.submitted_on) for s in campaign.submissions
        }
        authors.update((v.id, (v.member_id, v.visited_on)) for v in campaign.visits)
        # An item earns an adoption (an instruction) once per level, on the
        # earliest such event: two events saying the same (two merged copies of
        # a ledger) are one fact, as the ledger's status counts them.
        seen: set[tuple[str, Event, Level]] = set()
        for event in sorted(campaign.follow_ups, key=lambda e: (e.on, e.id)):
            if event.level is None or event.event not in (Event.ADOPTED, Event.INSTRUCTED):
                continue
            key = (event.submission_id or event.visit_id or "", event.event, event.level)
            if key in seen:
                continue
            seen.add(key)
            adopted = event.event is Event.ADOPTED
            table = rules.adopted if adopted else rules.instructed
            value = table.get(event.level, 0)
            item = authors.get(event.submission_id or event.visit_id or "")
            if not value or item is None or not plan.in_window(item[1]):
                continue
            label = (captions.POINTS_ADOPTED if adopted else captions.POINTS_INSTRUCTED).format(
                event.level.label
            )
            source = "adopted" if adopted else "instructed"
            yield Award(item[0], event.id, source, label, event.on, value)


#: The built-in arithmetic, registered as ``"standard"``.
STANDARD: Final[Scorer] = _Standard()


def points(
    campaign: Campaign, *, scorer: Scorer | None = None, as_of: date | None = None
) -> PointsTable:
    """Every member's and group's duty points, ranked, with what earned them.

    Args:
        campaign: a campaign whose plan has points rules (``plan.points``).
        scorer: the arithmetic; the built-in :data:`STANDARD` by default.
            (:func:`sanquan_core.points` picks the one the plan names.)
        as_of: the points as they stood on this day: records and events
            dated after it earn nothing yet.

    Raises:
        UsageError: the plan defines no points.
        PluginError: a plugin's scorer failed, or credited someone who is not a member.
    """
    rules = campaign.plan.points
    if rules is None:
        raise UsageError("the plan defines no duty points (plan.points)")
    if as_of is not None:
        campaign = as_it_stood(campaign, as_of)
    scorer = scorer or STANDARD
    order = {m.id: i for i, m in enumerate(campaign.members)}
    earned: dict[str, list[Award]] = {m.id: [] for m in campaign.members}
    for award in _awards(scorer, campaign, rules):
        if award.member_id not in earned:
            raise PluginError(
                _(
                    "the scorer {name!r} credited {record!r} to {member!r}, who is not a member"
                ).format(name=scorer.name, record=award.record_id, member=award.member_id),
                plugin=scorer.name,
            )
        earned[award.member_id].append(award)
    plan = campaign.plan
    phase_index = {id(p): i for i, p in enumerate(plan.phases)}
    groups = {g.id: g for g in campaign.groups}
    group_order = {g.id: i for i, g in enumerate(campaign.groups)}
    lines: list[tuple[Member, list[Award], int, int]] = []
    for member in campaign.members:
        awards = sorted(earned[member.id], key=lambda a: (a.on, a.source, a.record_id))
        capped = _capped(awards, rules, lambda day: phase_index.get(id(plan.phase_on(day))))
        total = sum(a.counted for a in capped)
        lines.append((member, capped, total, sum(a.points for a in capped)))
    lines.sort(key=lambda line: (-line[2], group_order[line[0].group_id], order[line[0].id]))
    members = tuple(
        MemberPoints(
            member,
            groups[member.group_id],
            rank,
            total,
            gross,
            _by_source(awards),
            tuple(awards),
        )
        for (member, awards, total, gross), rank in zip(
            lines, _ranks(x[2] for x in lines), strict=True
        )
    )
    return PointsTable(rules, scorer.name, as_of, members, _group_table(campaign, members))


def _awards(scorer: Scorer, campaign: Campaign, rules: Points) -> Iterator[Award]:
    """*scorer*'s awards; a plugin scorer's failure becomes a :class:`PluginError` naming it."""
    if scorer is STANDARD:
        yield from scorer.awards(campaign, rules)
        return
    try:
        yield from scorer.awards(campaign, rules)
    except SanquanError:
        raise
    except Exception as exc:
        message = _("the scorer {name!r} failed: {error}")
        raise PluginError(message.format(name=scorer.name, error=exc), plugin=scorer.name) from exc


def _capped(awards: list[Award], rules: Points, phase_of: Any) -> list[Award]:
    if rules.member_cap is None and rules.phase_cap is None:
        return awards
    out: list[Award] = []
    total = 0
    per_phase: dict[int | None, int] = {}
    for award in awards:
        room = award.points
        if rules.member_cap is not None:
            room = min(room, rules.member_cap - total)
        phase = phase_of(award.on)
        if rules.phase_cap is not None and phase is not None:
            room = min(room, rules.phase_cap - per_phase.get(phase, 0))
        room = max(room, 0)
        total += room
        per_phase[phase] = per_phase.get(phase, 0) + room
        out.append(attrs.evolve(award, counted=room) if room != award.points else award)
    return out


def _by_source(awards: Iterable[Award]) -> dict[str, int]:
    out = dict.fromkeys(SOURCES, 0)
    for award in awards:
        out[award.source] = out.get(award.source, 0) + award.counted
    return out


def _ranks(totals: Iterable[float]) -> Iterator[int]:
    """Standard competition ranking of totals sorted best first: 1, 2, 2, 4."""
    previous: float | None = None
    rank = 0
    for position, value in enumerate(totals, 1):
        if value != previous:
            rank, previous = position, value
        yield rank


def _group_table(campaign: Campaign, members: tuple[MemberPoints, ...]) -> tuple[GroupPoints, ...]:
    totals = {g.id: 0 for g in campaign.groups}
    counts = dict.fromkeys(totals, 0)
    for line in members:
        totals[line.group.id] += line.total
        counts[line.group.id] += 1
    rows = [
        (g, counts[g.id], totals[g.id], totals[g.id] / counts[g.id] if counts[g.id] else 0.0)
        for g in campaign.groups
    ]
    rows.sort(key=lambda r: -r[3])  # stable: groups with equal averages keep their order
    return tuple(
        GroupPoints(g, rank, n, total, average)
        for (g, n, total, average), rank in zip(rows, _ranks(r[3] for r in rows), strict=True)
    )
