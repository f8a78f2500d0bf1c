"""What falls inside the campaign window, counted once per campaign for the summary and the check.

The window test is done once per record, here, and the counts kept with the
campaign's indexes: :func:`sanquan_core.summarize` and
:func:`sanquan_core.rules.check` both read them, so loading, summarising and
checking a campaign looks at each record's date once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import compress
from operator import attrgetter
from typing import Any, Final, TypeVar

from attrs import frozen

from .model import Campaign, Circle, SubmissionKind

#: The circles and kinds in their order (hoisted: iterating an enum is slow).
CIRCLES: Final = tuple(Circle)
KINDS: Final = tuple(SubmissionKind)
_CIRCLE_AT: Final = {c: i for i, c in enumerate(CIRCLES)}
_KIND_AT: Final = {k: i for i, k in enumerate(KINDS)}

_R = TypeVar("_R")


@frozen
class Counts:
    """Per member, what fell inside the window.

    Attributes:
        headcount: people met per circle (a list in :data:`CIRCLES` order),
            for members with at least one visit inside the window.
        visits: visits per circle, same shape (a visit of headcount 0 still
            covers its circle).
        items: submissions per kind (a list in :data:`KINDS` order), for
            members with at least one submission inside the window.
        outside_visits: ids of the visits outside the window, in order.
        outside_submissions: ids of the submissions outside the window.
    """

    headcount: dict[str, list[int]]
    visits: dict[str, list[int]]
    items: dict[str, list[int]]
    outside_visits: tuple[str, ...]
    outside_submissions: tuple[str, ...]


def _inside(records: Sequence[_R], day: attrgetter[Any], low: date, high: date) -> tuple[
    Sequence[_R], tuple[str, ...]
]:
    """The records dated inside ``[low, high]`` and the ids of the others."""
    days = list(map(day, records))
    if not days or (low <= min(days) and max(days) <= high):
        return records, ()
    flags = [low <= d <= high for d in days]
    outside = tuple(r.id for r, inside in zip(records, flags, strict=True) if not inside)  # type: ignore[attr-defined]
    return list(compress(records, flags)), outside


def counts(campaign: Campaign) -> Counts:
    """The window counts of *campaign*, computed on first use and kept with its indexes."""
    memo = campaign._idx.memo
    found = memo.get("window")
    if found is None:
        found = memo["window"] = _count(campaign)
    return found  # type: ignore[no-any-return]


def _count(campaign: Campaign) -> Counts:
    plan = campaign.plan
    low = plan.starts_on if plan.starts_on is not None else date.min
    high = plan.ends_on
    visits, outside_visits = _inside(campaign.visits, attrgetter("visited_on"), low, high)
    subs, outside_subs = _inside(campaign.submissions, attrgetter("submitted_on"), low, high)

    keys = list(zip(map(attrgetter("member_id"), visits), map(attrgetter("circle"), visits)))
    seen = Counter(keys)  # counted in C
    people = dict(seen)
    for key, heads in zip(keys, map(attrgetter("headcount"), visits)):
        if heads != 1:
            people[key] += heads - 1
    headcount: dict[str, list[int]] = {}
    by_circle: dict[str, list[int]] = {}
    for (member, circle), n in seen.items():
        at = _CIRCLE_AT[circle]
        row = by_circle.get(member)
        if row is None:
            row = by_circle[member] = [0] * len(CIRCLES)
            headcount[member] = [0] * len(CIRCLES)
        row[at] = n
        headcount[member][at] = people[member, circle]

    items: dict[str, list[int]] = {}
    for (member, kind), n in Counter(
        zip(map(attrgetter("member_id"), subs), map(attrgetter("kind"), subs))
    ).items():
        row = items.get(member)
        if row is None:
            row = items[member] = [0] * len(KINDS)
        row[_KIND_AT[kind]] = n
    return Counts(headcount, by_circle, items, outside_visits, outside_subs)
