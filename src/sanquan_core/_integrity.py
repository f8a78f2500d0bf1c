"""Integrity of a whole campaign: what no single record shows on its own.

Empty names, duplicate ids, references to unknown groups, members, bodies
and visits, a submission citing another member's visit, phases out of
order, headcounts below 1. The checks run on records, so the same code
serves :func:`sanquan_core.load` (on what could be read of a document) and
:func:`sanquan_core.validate` (on a campaign built in code).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from attrs import field, frozen

from .errors import Problem
from .model import Body, Campaign, Group, Member, Phase, Submission, Visit

SECTIONS = ("groups", "members", "visits", "submissions")

#: Above this many candidates, unknown references get no did-you-mean hint:
#: the search would cost more than the hint is worth.
_HINT_LIMIT = 2000


@frozen
class PlanParts:
    """What integrity needs of the plan; parts that could not be read are ``None``."""

    title: str | None = None
    phases: Sequence[Phase] | None = None
    starts_on: date | None = None
    bodies: Sequence[Body] | None = None


@frozen
class Sections:
    """The records that could be read, with their index in the document.

    ``unread`` holds, per section, the ids of records that could not be
    read: they still count, so a duplicate of theirs is reported and a
    reference to them is not.
    """

    groups: Sequence[tuple[int, Group]] = ()
    members: Sequence[tuple[int, Member]] = ()
    visits: Sequence[tuple[int, Visit]] = ()
    submissions: Sequence[tuple[int, Submission]] = ()
    unread: dict[str, list[tuple[int, str]]] = field(factory=dict)
    #: Sections that were not a list at all: references into them are not checked.
    unreadable: frozenset[str] = frozenset()


def validate(campaign: Campaign) -> list[Problem]:
    """Check a campaign built in code as :func:`load` checks a document.

    Types are assumed right (a type checker sees to that); what is checked
    is what only the whole campaign shows: empty names, duplicate ids,
    unknown groups, members, bodies and visits, a submission citing another
    member's visit, phases out of order, headcounts below 1. Paths point
    where the fault would sit in the ``sanquan/1`` document.

    Returns:
        Every problem found, in document order; empty when the campaign is valid.
    """
    plan = campaign.plan
    parts = PlanParts(plan.title, plan.phases, plan.starts_on, plan.bodies)
    sections = Sections(
        groups=list(enumerate(campaign.groups)),
        members=list(enumerate(campaign.members)),
        visits=list(enumerate(campaign.visits)),
        submissions=list(enumerate(campaign.submissions)),
    )
    return sorted(check(parts, sections), key=document_order)


def check(plan: PlanParts, sections: Sections) -> list[Problem]:
    """Every integrity problem of *plan* and *sections*, section by section."""
    problems: list[Problem] = []
    body_ids = _check_plan(plan, problems)
    unread = sections.unread

    skip = sections.unreadable
    group_ids = set(_ids(sections.groups, unread.get("groups", ()), "groups", problems))
    for index, group in sections.groups:
        _require_text(problems, f"groups[{index}].name", group.name, "the group's name (组别)")

    member_ids = set(_ids(sections.members, unread.get("members", ()), "members", problems))
    for index, member in sections.members:
        _check_member(problems, index, member, None if "groups" in skip else group_ids, body_ids)

    first_visit = _ids(sections.visits, unread.get("visits", ()), "visits", problems)
    visit_owner: dict[str, str] = {}
    for index, visit in sections.visits:
        path = f"visits[{index}]"
        if first_visit.get(visit.id) == index:
            visit_owner[visit.id] = visit.member_id
        if "members" not in skip:
            _check_ref(problems, f"{path}.member_id", visit.member_id, member_ids, "member")
        _require_text(problems, f"{path}.target", visit.target, "the person visited (走访对象)")
        if visit.headcount < 1:
            problems.append(
                Problem(
                    f"{path}.headcount",
                    f"a visit meets at least 1 person, got {visit.headcount}",
                    "range",
                )
            )

    _ids(sections.submissions, unread.get("submissions", ()), "submissions", problems)
    for index, sub in sections.submissions:
        path = f"submissions[{index}]"
        if "members" not in skip:
            _check_ref(problems, f"{path}.member_id", sub.member_id, member_ids, "member")
        if sub.visit_id is None or "visits" in skip:
            continue
        if not _check_ref(problems, f"{path}.visit_id", sub.visit_id, first_visit, "visit"):
            continue
        owner = visit_owner.get(sub.visit_id)
        # A visit by an unknown member is reported once, at the visit.
        if owner is not None and owner in member_ids and owner != sub.member_id:
            problems.append(
                Problem(
                    f"{path}.visit_id",
                    f"visit {sub.visit_id!r} was made by member {owner!r}, "
                    f"not by {sub.member_id!r} who hands in this item",
                    "foreign_visit",
                )
            )
    return problems


_ORDER = {name: rank for rank, name in enumerate(("", "schema", "plan", *SECTIONS, "extra"))}
_PATH_HEAD = re.compile(r"([A-Za-z_]*)(?:\[(\d+)\])?")


def document_order(problem: Problem) -> tuple[int, int]:
    """Sort key placing problems in the order their places appear in a document."""
    match = _PATH_HEAD.match(problem.path)
    assert match is not None  # the pattern matches the empty string
    head, index = match.group(1), match.group(2)
    return _ORDER.get(head, len(_ORDER)), int(index) if index else -1


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when *known* holds a close match, else ``""``."""
    candidates = list(known)
    if len(candidates) > _HINT_LIMIT:
        return ""
    hint = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f"; did you mean {hint[0]!r}?" if hint else ""


def _blank(text: str) -> bool:
    return not text.strip()


def _require_text(problems: list[Problem], path: str, value: str, what: str) -> None:
    if _blank(value):
        problems.append(Problem(path, f"{what} must not be empty", "empty"))


def _ids(
    records: Sequence[tuple[int, Any]],
    unread: Sequence[tuple[int, str]],
    section: str,
    problems: list[Problem],
) -> dict[str, int]:
    """Check the ids of one section; return each id's first index."""
    first: dict[str, int] = {}
    ids = [(index, record.id) for index, record in records]
    if unread:
        ids = sorted([*ids, *unread])
    for index, record_id in ids:
        path = f"{section}[{index}].id"
        if _blank(record_id):
            problems.append(Problem(path, "the id must not be empty", "empty"))
        elif record_id in first:
            problems.append(
                Problem(
                    path,
                    f"the id {record_id!r} is already used by {section}[{first[record_id]}]",
                    "duplicate_id",
                )
            )
        else:
            first[record_id] = index
    return first


def _check_ref(
    problems: list[Problem], path: str, ref: str, known: Iterable[str], noun: str
) -> bool:
    if ref in known:
        return True
    problems.append(
        Problem(path, f"no {noun} has id {ref!r}{did_you_mean(ref, known)}", "unknown_reference")
    )
    return False


def _check_member(
    problems: list[Problem],
    index: int,
    member: Member,
    group_ids: set[str] | None,
    body_ids: set[str] | None,
) -> None:
    path = f"members[{index}]"
    _require_text(problems, f"{path}.name", member.name, "the member's name (委员姓名)")
    if group_ids is not None:
        _check_ref(problems, f"{path}.group_id", member.group_id, group_ids, "group")
    seen: set[str] = set()
    for b, body in enumerate(member.bodies):
        if body in seen:
            problems.append(
                Problem(f"{path}.bodies[{b}]", f"{body!r} is listed twice", "duplicate_id")
            )
        seen.add(body)
        if body_ids is not None and body not in body_ids:
            known = ", ".join(sorted(body_ids)) or "none"
            problems.append(
                Problem(
                    f"{path}.bodies[{b}]",
                    f"{body!r} is not a body of the plan (the plan's bodies: {known})",
                    "unknown_reference",
                )
            )


def _check_plan(plan: PlanParts, problems: list[Problem]) -> set[str] | None:
    """Check the plan's parts; return its body ids (``None`` if unreadable)."""
    if plan.title is not None:
        _require_text(problems, "plan.title", plan.title, "the plan's title")
    if plan.phases is not None:
        _check_phases(plan.phases, plan.starts_on, problems)
    if plan.bodies is None:
        return None
    body_ids: set[str] = set()
    for index, body in enumerate(plan.bodies):
        path = f"plan.bodies[{index}]"
        if _blank(body.id):
            problems.append(Problem(f"{path}.id", "the id must not be empty", "empty"))
        elif body.id in body_ids:
            problems.append(
                Problem(f"{path}.id", f"the id {body.id!r} is already used", "duplicate_id")
            )
        body_ids.add(body.id)
        _require_text(problems, f"{path}.name", body.name, "the body's name")
    return body_ids


def _check_phases(phases: Sequence[Phase], starts_on: date | None, problems: list[Problem]) -> None:
    if not phases:
        problems.append(Problem("plan.phases", "the plan needs at least one phase", "missing"))
        return
    for index, phase in enumerate(phases):
        path = f"plan.phases[{index}]"
        _require_text(problems, f"{path}.name", phase.name, "the phase's name")
        if index and phase.ends_on <= phases[index - 1].ends_on:
            problems.append(
                Problem(
                    f"{path}.ends_on",
                    f"phases must be in date order, but this phase ends on {phase.ends_on} "
                    f"and the one before it on {phases[index - 1].ends_on}",
                    "order",
                )
            )
    if starts_on is not None and starts_on > phases[0].ends_on:
        problems.append(
            Problem(
                "plan.starts_on",
                f"the campaign starts on {starts_on}, after its first phase ends "
                f"({phases[0].ends_on})",
                "order",
            )
        )
