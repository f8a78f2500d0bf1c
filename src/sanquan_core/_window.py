"""What falls inside the campaign window, counted once per campaign for the summary and the check.

The window test is done once per record, here, and the counts kept with the
campaign's indexes: :func:`sanquan_core.summarize` and
:func:`sanquan_core.rules.check` both read them, so loading, summarising and
checking a campaign looks at each record's date once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import compress
from operator import attrgetter, not_
from typing import Final, TypeVar

from attrs import frozen

from .model import Campaign, Circle, SubmissionKind

#: The circles and kinds in their order (hoisted: iterating an enum is slow).
CIRCLES: Final = tuple(Circle)
KINDS: Final = tuple(SubmissionKind)
_CIRCLE_AT: Final = {c: i for i, c in enumerate(CIRCLES)}
_KIND_AT: Final = {k: i for i, k in enumerate(KINDS)}
_ID: Final = attrgetter("id")
_VISITED_ON: Final = attrgetter("visited_on")
_SUBMITTED_ON: Final = attrgetter("submitted_on")
_R = TypeVar("_R")


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
    # One plain loop per section over the records inside (no tuple per
    # record: allocating 200,000 small containers wakes the cyclic collector
    # over every loaded record). The window is tested once per distinct date
    # and the records outside taken out in C.
    circles: dict[Circle, dict[str, int]] = {c: {} for c in CIRCLES}
    visits, outside_visits = _split(campaign.visits, _VISITED_ON, low, high)
    for visit in visits:
        met = circles[visit.circle]
        member = visit.member_id
        met[member] = met.get(member, 0) + visit.headcount

    kinds: dict[SubmissionKind, dict[str, int]] = {k: {} for k in KINDS}
    subs, outside_subs = _split(campaign.submissions, _SUBMITTED_ON, low, high)
    for sub in subs:
        handed = kinds[sub.kind]
        member = sub.member_id
        handed[member] = handed.get(member, 0) + 1

    people = tuple(circles[c] for c in CIRCLES)
    items = tuple(kinds[k] for k in KINDS)
    active = frozenset().union(*people, *items)
    return Counts(people, items, active, outside_visits, outside_subs)


def _split(
    records: Sequence[_R], day_of: Callable[[_R], date], low: date, high: date
) -> tuple[Iterable[_R], tuple[str, ...]]:
    """The records dated inside ``[low, high]``, and the ids of the others, in order.

    The dates are compared once per distinct day (a campaign has a few
    hundred), each record's looked up in C.
    """
    days = list(map(day_of, records))
    distinct = set(days)
    if not distinct or (low <= min(distinct) and max(distinct) <= high):
        return records, ()
    outside = {day: not low <= day <= high for day in distinct}
    away = list(map(outside.__getitem__, days))
    return compress(records, map(not_, away)), tuple(map(_ID, compress(records, away)))
