"""What falls inside the campaign window, counted once per campaign for the summary and the check.

The window test is done once per record, here, and the counts kept with the
campaign's indexes: :func:`sanquan_core.summarize` and
:func:`sanquan_core.rules.check` both read them, so loading, summarising and
checking a campaign looks at each record's date once.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Final

from attrs import frozen

from .model import Campaign, Circle, SubmissionKind

#: The circles and kinds in their order (hoisted: iterating an enum is slow).
CIRCLES: Final = tuple(Circle)
KINDS: Final = tuple(SubmissionKind)
_CIRCLE_AT: Final = {c: i for i, c in enumerate(CIRCLES)}
_KIND_AT: Final = {k: i for i, k in enumerate(KINDS)}


@frozen
class Counts:
    """What fell inside the window, per member.

    Attributes:
        people: per circle (in :data:`CIRCLES` order), the people met by
            each member who visited in it (a member is there even when the
            headcounts add up to 0: the circle is covered).
        items: per kind (in :data:`KINDS` order), each member's submissions.
        active: the members with at least one visit or submission inside.
        outside_visits: ids of the visits outside the window, in order.
        outside_submissions: ids of the submissions outside the window.
    """

    people: tuple[dict[str, int], ...]
    items: tuple[dict[str, int], ...]
    active: frozenset[str]
    outside_visits: tuple[str, ...]
    outside_submissions: tuple[str, ...]


def counts(campaign: Campaign) -> Counts:
    """The window counts of *campaign*, computed on first use and kept with its indexes."""
    memo = campaign._idx.memo
    found = memo.get("window")
    if found is None:
        found = memo["window"] = _count(campaign)
    return found


def _count(campaign: Campaign) -> Counts:
    plan = campaign.plan
    low = plan.starts_on if plan.starts_on is not None else date.min
    high = plan.ends_on
    # One plain loop per section (no tuple per record: allocating 200,000
    # small containers wakes the cyclic collector over every loaded record).
    circles: dict[Circle, dict[str, int]] = {c: {} for c in CIRCLES}
    visits = campaign.visits
    days = list(map(attrgetter("visited_on"), visits))
    outside_visits: list[str] = []
    if not days or (low <= min(days) and max(days) <= high):
        for visit in visits:
            met = circles[visit.circle]
            member = visit.member_id
            met[member] = met.get(member, 0) + visit.headcount
    else:
        for visit, day in zip(visits, days, strict=True):
            if low <= day <= high:
                met = circles[visit.circle]
                member = visit.member_id
                met[member] = met.get(member, 0) + visit.headcount
            else:
                outside_visits.append(visit.id)

    kinds: dict[SubmissionKind, dict[str, int]] = {k: {} for k in KINDS}
    subs = campaign.submissions
    days = list(map(attrgetter("submitted_on"), subs))
    outside_subs: list[str] = []
    if not days or (low <= min(days) and max(days) <= high):
        for sub in subs:
            handed = kinds[sub.kind]
            member = sub.member_id
            handed[member] = handed.get(member, 0) + 1
    else:
        for sub, day in zip(subs, days, strict=True):
            if low <= day <= high:
                handed = kinds[sub.kind]
                member = sub.member_id
                handed[member] = handed.get(member, 0) + 1
            else:
                outside_subs.append(sub.id)

    people = tuple(circles[c] for c in CIRCLES)
    items = tuple(kinds[k] for k in KINDS)
    active = frozenset().union(*people, *items)
    return Counts(people, items, active, tuple(outside_visits), tuple(outside_subs))
