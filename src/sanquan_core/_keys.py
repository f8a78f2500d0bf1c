"""What makes two records the same record, whatever their ids: their natural keys.

A visit is known by its member, date and person visited; an item of 三个一
by its member, kind, date and title. Names are compared folded (full-width
forms made half-width, every space removed), as clerks type them. The
readers of filled forms (:mod:`sanquan_core.readers`) match rows to records
by these keys, and :func:`sanquan_core.merge` finds near-duplicates by them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Final, TypeAlias

from .model import Campaign, Submission, SubmissionKind, Visit

__all__ = ["Key", "fold", "iter_keys", "record_key", "submission_key", "visit_key"]

#: A natural key: ``("visit", member, day, target)`` or
#: ``("submission", member, kind, day, title)``.
Key: TypeAlias = tuple[str, ...]

_SPACES: Final = re.compile(r"\s+")


def fold(text: str) -> str:
    """*text* with full-width forms folded (NFKC) and every space removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def visit_key(member_id: str, day: date, target: str) -> Key:
    """What makes two visits the same visit: member, date and person visited."""
    return ("visit", member_id, day.isoformat(), fold(target))


def submission_key(member_id: str, kind: SubmissionKind, day: date, title: str) -> Key:
    """What makes two items the same item: member, kind, date and title."""
    return ("submission", member_id, kind.value, day.isoformat(), fold(title))


def record_key(record: Visit | Submission) -> Key:
    """The natural key of a visit or a submission (an untitled item by its content's start)."""
    if isinstance(record, Visit):
        return visit_key(record.member_id, record.visited_on, record.target)
    title = record.title or record.content[:40]
    return submission_key(record.member_id, record.kind, record.submitted_on, title)


def iter_keys(campaign: Campaign) -> Iterator[tuple[Key, Visit | Submission]]:
    """Every record of *campaign* with its natural key."""
    for record in campaign.records():
        yield record_key(record), record
