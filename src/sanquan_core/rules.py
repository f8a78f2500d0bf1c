"""Completion rules: the campaign window, 三个一 per member, groups, reminders.

The rules, as the plan states them:

* The campaign window runs from ``plan.starts_on`` (when given) to the end
  of the last phase, both days included. A record outside it counts for
  nothing and is listed under ``outside_window``.
* A member is complete when, inside the window, they handed in at least
  ``plan.quotas[kind]`` items of every kind.
* A group's completion rate is its complete members over its members.
* The reminder list (催报名单) holds the incomplete members, by office and
  then group, in the order the campaign gives its groups.
* Circle coverage is advisory: the circles a member made no visit in.
* ``as_of`` checks completion as it stood on a day: visits, submissions and
  follow-up events dated after it are ignored, by the rules too (an item
  whose visit came later is checked as if it cited none).

Plugins add rules through the ``sanquan_register_rules`` hook; their
findings are listed with the report. This module never asks the plugin
manager: :func:`sanquan_core.check` does, and passes the rules here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import repeat
from operator import attrgetter, contains
from typing import Any

import attrs
from attrs import field, frozen

from ._i18n import _
from ._window import CIRCLES, KINDS, Counts, counts
from .errors import require_day
from .model import Campaign, Circle, Plan, SubmissionKind

__all__ = [
    "CompletionReport",
    "Finding",
    "GroupStatus",
    "MemberStatus",
    "OutsideWindow",
    "Reminder",
    "Rule",
    "as_it_stood",
    "check",
    "owed",
]


@frozen
class Finding:
    """Something a rule noticed, for the report's ``findings`` list.

    Attributes:
        rule: the name of the rule that found it.
        message: a sentence a clerk can act on (the command line prints it).
        member_id: the member concerned, when there is one.
        record_id: the visit or submission concerned, when there is one.
        message_zh: the same in Chinese, for printed documents (optional).
    """

    rule: str
    message: str
    member_id: str | None = None
    record_id: str | None = None
    message_zh: str = ""

    @property
    def printed(self) -> str:
        """The sentence printed documents use: ``message_zh``, else ``message``."""
        return self.message_zh or self.message

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan check --json``."""
        out: dict[str, Any] = {"rule": self.rule, "message": self.message}
        if self.member_id is not None:
            out["member_id"] = self.member_id
        if self.record_id is not None:
            out["record_id"] = self.record_id
        if self.message_zh:
            out["message_zh"] = self.message_zh
        return out


@frozen
class Rule:
    """A completion rule a plugin adds.

    Attributes:
        name: a short identifier, e.g. ``"kind-circle"``.
        description: one sentence on what the rule looks for.
        check: called with the campaign; yields findings.
    """

    name: str
    description: str
    check: Callable[[Campaign], Iterable[Finding]]


@frozen
class MemberStatus:
    """Where one member stands on 三个一.

    Attributes:
        member_id: the member.
        submitted: items of each kind handed in inside the window.
        missing: items still owed, per kind; empty when complete.
        uncovered_circles: circles with no visit inside the window (advisory).
    """

    member_id: str
    submitted: Mapping[SubmissionKind, int] = field(hash=False)
    missing: Mapping[SubmissionKind, int] = field(hash=False)
    uncovered_circles: tuple[Circle, ...]

    @property
    def complete(self) -> bool:
        """Whether the member owes nothing."""
        return not self.missing

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan check --json``."""
        return {
            "member_id": self.member_id,
            "complete": self.complete,
            "missing": {k.value: n for k, n in self.missing.items()},
            "uncovered_circles": [c.value for c in self.uncovered_circles],
        }


@frozen
class GroupStatus:
    """One group's completion.

    Attributes:
        group_id: the group.
        members: how many members it has.
        complete: how many of them are complete.
        rate: ``complete / members``; ``None`` for a group without members.
    """

    group_id: str
    members: int
    complete: int

    @property
    def rate(self) -> float | None:
        """Share of complete members, ``None`` when the group has none."""
        return self.complete / self.members if self.members else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan check --json``."""
        return {
            "group_id": self.group_id,
            "members": self.members,
            "complete": self.complete,
            "rate": self.rate,
        }


@frozen
class Reminder:
    """One line of the reminder list: a group's incomplete members.

    Attributes:
        office: the office supervising the group (``""`` when none is named).
        group_id: the group.
        member_ids: its incomplete members, in data order.
        member_names: their names, in the same order.
        group: the group's name.
    """

    office: str
    group_id: str
    member_ids: tuple[str, ...]
    member_names: tuple[str, ...] = ()
    group: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan check --json``."""
        return {
            "office": self.office,
            "group_id": self.group_id,
            "group": self.group,
            "member_ids": list(self.member_ids),
            "member_names": list(self.member_names),
        }


@frozen
class OutsideWindow:
    """Ids of the records dated outside the campaign window."""

    visits: tuple[str, ...] = ()
    submissions: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan check --json``."""
        return {"visits": list(self.visits), "submissions": list(self.submissions)}


@frozen
class CompletionReport:
    """The result of :func:`check`: every member, every group, the reminder list."""

    members: tuple[MemberStatus, ...]
    groups: tuple[GroupStatus, ...]
    reminders: tuple[Reminder, ...]
    outside_window: OutsideWindow
    findings: tuple[Finding, ...] = ()
    #: The day the check stood at (``check(..., as_of=...)``); ``None`` for all records.
    as_of: date | None = None
    _by_member: dict[str, MemberStatus] = field(
        init=False, repr=False, eq=False, hash=False, alias="_by_member"
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_member", {m.member_id: m for m in self.members})

    @property
    def incomplete(self) -> int:
        """How many members are not complete."""
        return sum(1 for m in self.members if not m.complete)

    def member(self, member_id: str) -> MemberStatus:
        """The status of *member_id*.

        Raises:
            KeyError: no such member.
        """
        try:
            return self._by_member[member_id]
        except KeyError:
            raise KeyError(f"no member has id {member_id!r}") from None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan check --json`` (SPEC §3)."""
        out: dict[str, Any] = {
            "members": [m.as_dict() for m in self.members],
            "groups": [g.as_dict() for g in self.groups],
            "reminders": [r.as_dict() for r in self.reminders],
            "outside_window": self.outside_window.as_dict(),
            "incomplete": self.incomplete,
            "findings": [f.as_dict() for f in self.findings],
        }
        if self.as_of is not None:
            out["as_of"] = self.as_of.isoformat()
        return out


def check(
    campaign: Campaign, *, rules: Iterable[Rule] = (), as_of: date | None = None
) -> CompletionReport:
    """Check every member's 三个一 and every group's completion, and run *rules*.

    This is the domain's own check: it runs exactly the *rules* it is given.
    :func:`sanquan_core.check` is the same with every registered rule (the
    built-ins and installed plugins') by default.

    Args:
        campaign: the campaign to check.
        rules: the extra rules to run; their findings are listed in the report.
        as_of: check completion as it stood on this day: records dated
            after it are ignored (the rules see the campaign without them).

    Raises:
        PluginError: a rule failed; the message names it.
    """
    if as_of is not None:
        campaign = as_it_stood(campaign, as_of)
    window = counts(campaign)
    statuses = _member_statuses(campaign, window)
    by_member = {s.member_id: s for s in statuses}

    groups: list[GroupStatus] = []
    reminders_by_office: dict[str, list[Reminder]] = {}
    members_of = campaign._idx.members_of
    for group in campaign.groups:
        members = members_of.get(group.id, ())
        owing = [m for m in members if by_member[m.id].missing]
        groups.append(GroupStatus(group.id, len(members), len(members) - len(owing)))
        if owing:
            reminders_by_office.setdefault(group.office, []).append(
                Reminder(
                    group.office,
                    group.id,
                    tuple(m.id for m in owing),
                    tuple(m.name for m in owing),
                    group.name,
                )
            )
    reminders = tuple(r for office in reminders_by_office.values() for r in office)

    findings = tuple(_run_rules(campaign, rules))
    return CompletionReport(
        members=statuses,
        groups=tuple(groups),
        reminders=reminders,
        outside_window=OutsideWindow(window.outside_visits, window.outside_submissions),
        findings=findings,
        as_of=as_of,
    )


def as_it_stood(campaign: Campaign, as_of: date) -> Campaign:
    """*campaign* as it stood on *as_of*: without the records dated after it.

    Visits, submissions and follow-up events dated after *as_of* are left
    out; a submission citing a visit left out cites none, and an event
    following a record left out is left out too, so the result stays valid.

    Raises:
        OptionError: *as_of* is not a date.
    """
    require_day(as_of)
    visits = tuple(v for v in campaign.visits if v.visited_on <= as_of)
    subs = [s for s in campaign.submissions if s.submitted_on <= as_of]
    if (
        len(visits) == len(campaign.visits)
        and len(subs) == len(campaign.submissions)
        and all(e.on <= as_of for e in campaign.follow_ups)
    ):
        return campaign
    kept_visits = {v.id for v in visits}
    subs = [
        s if s.visit_id is None or s.visit_id in kept_visits else attrs.evolve(s, visit_id=None)
        for s in subs
    ]
    kept_subs = {s.id for s in subs}
    events = tuple(
        e
        for e in campaign.follow_ups
        if e.on <= as_of
        and (e.visit_id in kept_visits if e.submission_id is None else e.submission_id in kept_subs)
    )
    return attrs.evolve(campaign, visits=visits, submissions=tuple(subs), follow_ups=events)


def _member_statuses(campaign: Campaign, window: Counts) -> tuple[MemberStatus, ...]:
    """Every member's status, from the window counts (enums and quotas looked up once).

    The counts are taken per table in C (``dict.get`` mapped over the
    members' ids); what a member owes and which circles they left
    unvisited are worked out once per distinct pattern of counts (a
    campaign has a few dozen), each member's looked up by its pattern.
    """
    quotas = [campaign.plan.quota(kind) for kind in KINDS]
    ids = list(map(_ID, campaign.members))
    handed = list(zip(*(map(table.get, ids, repeat(0)) for table in window.items), strict=True))
    covered = list(
        zip(*(map(contains, repeat(table), ids) for table in window.people), strict=True)
    )
    missing_of = {
        counts: {
            kind: owe - got
            for kind, owe, got in zip(KINDS, quotas, counts, strict=True)
            if got < owe
        }
        for counts in set(handed)
    }
    uncovered_of = {
        pattern: tuple(c for c, seen in zip(CIRCLES, pattern, strict=True) if not seen)
        for pattern in set(covered)
    }
    submitted = map(dict, map(zip, repeat(KINDS), handed))
    missing = map(dict.copy, map(missing_of.__getitem__, handed))
    uncovered = map(uncovered_of.__getitem__, covered)
    return tuple(map(MemberStatus, ids, submitted, missing, uncovered))


_ID = attrgetter("id")


def owed(plan: Plan, submitted: Mapping[SubmissionKind, int]) -> dict[SubmissionKind, int]:
    """What a member who handed in *submitted* items (inside the window) still owes.

    The 三个一 rule itself: every kind whose count is below ``plan.quota(kind)``,
    with how many are missing; empty when the member is complete.
    :func:`sanquan_core.progress` decides completion here; :func:`check`
    applies the same rule to every member at once (``_member_statuses``),
    and tests/test_pace.py holds the two equal day by day.
    """
    return {
        kind: plan.quota(kind) - submitted.get(kind, 0)
        for kind in SubmissionKind
        if submitted.get(kind, 0) < plan.quota(kind)
    }


def _run_rules(campaign: Campaign, rules: Iterable[Rule]) -> Iterator[Finding]:
    from .errors import PluginError

    for rule in rules:
        try:
            found = list(rule.check(campaign))
        except Exception as exc:
            raise PluginError(
                _("the rule {rule!r} failed: {error}").format(rule=rule.name, error=exc)
            ) from exc
        yield from found


# -- built-in advisory rules, registered through the same hook as plugins -----


def _kind_circle(campaign: Campaign) -> Iterator[Finding]:
    """Items linked to a visit in another circle than the plan expects."""
    for sub in campaign.submissions:
        if sub.visit_id is None:
            continue
        visit = campaign.visit(sub.visit_id)
        if visit.circle is not sub.kind.circle:
            yield Finding(
                "kind-circle",
                f"{sub.kind.label} {sub.id!r} comes from visit {visit.id!r} in the "
                f"{visit.circle.label}; the plan expects it from the {sub.kind.circle.label}",
                member_id=sub.member_id,
                record_id=sub.id,
                message_zh=f"{sub.kind.label}（{sub.id}）来源于{visit.circle.label}走访"
                f"（{visit.id}），方案要求来自{sub.kind.circle.label}",
            )


def _before_visit(campaign: Campaign) -> Iterator[Finding]:
    """Items dated before the visit they come from."""
    for sub in campaign.submissions:
        if sub.visit_id is None:
            continue
        visit = campaign.visit(sub.visit_id)
        if sub.submitted_on < visit.visited_on:
            yield Finding(
                "before-visit",
                f"{sub.id!r} is dated {sub.submitted_on}, before the visit {visit.id!r} "
                f"it comes from ({visit.visited_on})",
                member_id=sub.member_id,
                record_id=sub.id,
                message_zh=f"报送（{sub.id}）日期{_cn(sub.submitted_on)}早于其来源走访"
                f"（{visit.id}）日期{_cn(visit.visited_on)}",
            )


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


BUILTIN_RULES = (
    Rule(
        "kind-circle", "An item linked to a visit in another circle than its kind's.", _kind_circle
    ),
    Rule("before-visit", "An item dated before the visit it comes from.", _before_visit),
)
