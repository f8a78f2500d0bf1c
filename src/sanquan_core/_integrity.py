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
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, TypeAlias

from attrs import frozen

from ._i18n import N_, _, language, using
from ._text import printable
from .errors import Problem
from .model import (
    Body,
    Campaign,
    Event,
    FollowUpEvent,
    Group,
    Level,
    Member,
    Phase,
    Satisfaction,
    Submission,
    Visit,
)

SECTIONS = ("groups", "members", "visits", "submissions", "follow_ups")

#: The most people one visit may meet: a number above it is a typing slip.
MAX_HEADCOUNT = 100_000

#: The longest time a plan may give a unit to reply (``plan.reply_days``), in days.
MAX_REPLY_DAYS = 366

#: The years a date may fall in, unless the caller chooses others.
YEARS = (1900, 2099)

#: Up to this many candidates, did-you-mean compares with each of them;
#: above it, only candidates one edit away (found through an index) are offered.
_SCAN_LIMIT = 64
#: Longer values get a hint only for a candidate that differs by case or
#: one edit, found through their first and last characters.
_LONG_ID = 48
#: Characters at each end of a long value used to find its candidates.
_LONG_KEY = 24


# -- text at the door -----------------------------------------------------------

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def normalize_id(text: str) -> str:
    """An id as compared: NFC, without control or format characters, stripped.

    ``"m1 "``, ``"m1\u200b"``, ``"m\u00ad1"`` and ``"m1\x00"`` are all ``"m1"``;
    an id made only of such characters becomes ``""``.
    """
    if text.isascii():
        if text.isprintable() and text == text.strip():
            return text
        return "".join(ch for ch in text if ch.isprintable()).strip()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return text.strip()


def blank(text: str) -> bool:
    """Whether *text* shows nothing: empty, spaces, or only invisible characters."""
    text = text.strip()
    if not text:
        return True
    if text.isprintable():
        return False
    return all(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in text)


def _shown(value: str) -> str:
    """*value* as a sentence quotes it: like ``repr``, shortened when very long."""
    if len(value) > 80:
        value = value[:60] + "…" + value[-10:]
    return repr(value)


@frozen
class PlanParts:
    """What integrity needs of the plan; parts that could not be read are ``None``."""

    title: str | None = None
    phases: Sequence[Phase] | None = None
    starts_on: date | None = None
    bodies: Sequence[Body] | None = None
    reply_days: int | None = None


@frozen
class Partial:
    """What could be read of a record that failed to read as a whole.

    Each field is ``None`` when it was absent or faulty (its fault is
    reported already); integrity checks the fields that did read, so one
    pass reports everything.
    """

    id: str | None = None
    name: str | None = None
    group_id: str | None = None
    bodies: tuple[str, ...] | None = None
    member_id: str | None = None
    target: str | None = None
    headcount: int | None = None
    visit_id: str | None = None
    visited_on: date | None = None
    submitted_on: date | None = None
    submission_id: str | None = None
    on: date | None = None
    event: Event | None = None
    level: Level | None = None
    note: str | None = None
    #: The fields that were present but could not be read.
    faulty: frozenset[str] = frozenset()


#: The fields integrity looks at; a :class:`Partial` keeps these.
PARTIAL_FIELDS = tuple(a.name for a in Partial.__attrs_attrs__ if a.name != "faulty")

GroupLike: TypeAlias = Group | Partial
MemberLike: TypeAlias = Member | Partial
VisitLike: TypeAlias = Visit | Partial
SubmissionLike: TypeAlias = Submission | Partial
FollowUpLike: TypeAlias = FollowUpEvent | Partial


@frozen
class Sections:
    """The records of each section, with their index in the document.

    Records that could not be read as a whole come as :class:`Partial`:
    they still count, so a duplicate of theirs is reported, a reference to
    them is not, and the fields that did read are checked.
    """

    groups: Sequence[tuple[int, GroupLike]] = ()
    members: Sequence[tuple[int, MemberLike]] = ()
    visits: Sequence[tuple[int, VisitLike]] = ()
    submissions: Sequence[tuple[int, SubmissionLike]] = ()
    follow_ups: Sequence[tuple[int, FollowUpLike]] = ()
    #: Sections that were not a list at all: references into them are not checked.
    unreadable: frozenset[str] = frozenset()


def validate(campaign: Campaign) -> list[Problem]:
    """Check a campaign built in code as :func:`load` checks a document.

    Types are assumed right (a type checker sees to that); what is checked
    is what only the whole campaign shows: empty names, duplicate ids,
    unknown groups, members, bodies and visits, a submission citing another
    member's visit, phases out of order, headcounts out of range, dates
    outside the years 1900–2099. Paths point where the fault would sit in
    the ``sanquan/1`` document.

    Returns:
        Every problem found, in document order; empty when the campaign is valid.
    """
    plan = campaign.plan
    parts = PlanParts(plan.title, plan.phases, plan.starts_on, plan.bodies, plan.reply_days)
    sections = Sections(
        groups=list(enumerate(campaign.groups)),
        members=list(enumerate(campaign.members)),
        visits=list(enumerate(campaign.visits)),
        submissions=list(enumerate(campaign.submissions)),
        follow_ups=list(enumerate(campaign.follow_ups)),
    )
    with using(language()):  # the language is looked up once, not per sentence
        problems = check(parts, sections)
        problems.extend(_check_dates(campaign, YEARS))
        problems.sort(key=document_order)
        if problems:
            # Sentences name the records as they would in the document.
            from .serialize import converter, name_records

            problems = name_records(problems, converter.unstructure(campaign, Campaign))
    return problems


def check(plan: PlanParts, sections: Sections) -> list[Problem]:
    """Every integrity problem of *plan* and *sections*, section by section."""
    problems: list[Problem] = []
    body_ids = _check_plan(plan, problems)
    skip = sections.unreadable

    group_ids = Known(_ids(sections.groups, "groups", problems))
    for index, group in sections.groups:
        if group.name is not None:
            _require_text(
                problems, f"groups[{index}].name", group.name, N_("the group's name (组别)")
            )

    member_ids = Known(_ids(sections.members, "members", problems))
    groups_known = None if "groups" in skip else group_ids
    for index, member in sections.members:
        _check_member(problems, index, member, groups_known, body_ids)

    first_visit = _ids(sections.visits, "visits", problems)
    visit_ids = Known(first_visit)
    visit_owner: dict[str, str] = {}
    check_members = "members" not in skip
    for index, visit in sections.visits:
        path = f"visits[{index}]"
        if (
            visit.id is not None
            and visit.member_id is not None
            and first_visit.get(visit.id) == index
        ):
            visit_owner[visit.id] = visit.member_id
        if check_members and visit.member_id is not None:
            _check_ref(problems, f"{path}.member_id", visit.member_id, member_ids, "member")
        if visit.target is not None:
            _require_text(
                problems, f"{path}.target", visit.target, N_("the person visited (走访对象)")
            )
        if visit.headcount is not None and not 1 <= visit.headcount <= MAX_HEADCOUNT:
            problems.append(_headcount_problem(f"{path}.headcount", visit.headcount))

    first_submission = _ids(sections.submissions, "submissions", problems)
    for index, sub in sections.submissions:
        path = f"submissions[{index}]"
        if check_members and sub.member_id is not None:
            _check_ref(problems, f"{path}.member_id", sub.member_id, member_ids, "member")
        if sub.visit_id is None or "visits" in skip:
            continue
        if not _check_ref(problems, f"{path}.visit_id", sub.visit_id, visit_ids, "visit"):
            continue
        owner = visit_owner.get(sub.visit_id)
        # A visit by an unknown member is reported once, at the visit.
        if (
            owner is not None
            and sub.member_id is not None
            and owner in member_ids
            and owner != sub.member_id
        ):
            problems.append(
                Problem(
                    f"{path}.visit_id",
                    _(
                        "visit {visit} was made by member {owner}, "
                        "not by {member} who hands in this item"
                    ).format(
                        visit=_shown(sub.visit_id),
                        owner=_shown(owner),
                        member=_shown(sub.member_id),
                    ),
                    "foreign_visit",
                    params={"ref": sub.visit_id, "owner": owner, "member_id": sub.member_id},
                )
            )
    if sections.follow_ups:
        _check_follow_ups(problems, sections, first_visit, first_submission)
    return problems


def clean(
    plan: PlanParts,
    groups: Sequence[Group],
    members: Sequence[Member],
    visits: Sequence[Visit],
    submissions: Sequence[Submission],
    follow_ups: Sequence[FollowUpEvent] = (),
    *,
    plain_ids: bool = False,
) -> bool:
    """Whether :func:`check` finds nothing in these records, every section readable.

    The same checks in bulk, a set or a C-level pass per check, without a
    path or a sentence for valid records; the first sign of a fault answers
    ``False`` (:func:`check` then lists every problem). Only whole records
    (no :class:`Partial`). The ledger, when there is one, goes through
    :func:`check` itself. *plain_ids* says the ids are known to be
    printable ASCII without edge spaces: then only an empty one is blank.
    """
    if follow_ups:
        return not check(
            plan,
            Sections(
                list(enumerate(groups)),
                list(enumerate(members)),
                list(enumerate(visits)),
                list(enumerate(submissions)),
                list(enumerate(follow_ups)),
            ),
        )
    found: list[Problem] = []
    body_ids = _check_plan(plan, found)
    if found:
        return False
    ids, name = attrgetter("id"), attrgetter("name")

    def _unique(values: Iterable[str]) -> set[str] | None:
        return _unique_plain(values) if plain_ids else _unique_ids(values)

    group_ids = _unique(map(ids, groups))
    if group_ids is None or not _all_shown(map(name, groups)):
        return False
    member_ids = _unique(map(ids, members))
    if (
        member_ids is None
        or not _all_shown(map(name, members))
        or not group_ids.issuperset(map(attrgetter("group_id"), members))
    ):
        return False
    for member in members:
        bodies = member.bodies
        if bodies and (
            len(set(bodies)) != len(bodies)
            or (body_ids is not None and not body_ids.issuperset(bodies))
        ):
            return False
    visit_ids = _unique(map(ids, visits))
    if (
        visit_ids is None
        or not member_ids.issuperset(map(attrgetter("member_id"), visits))
        or not _all_shown(map(attrgetter("target"), visits))
    ):
        return False
    if visits:
        counts = set(map(attrgetter("headcount"), visits))
        if not (min(counts) >= 1 and max(counts) <= MAX_HEADCOUNT):
            return False
    if _unique(map(ids, submissions)) is None or not member_ids.issuperset(
        map(attrgetter("member_id"), submissions)
    ):
        return False
    owner = dict(zip(map(ids, visits), map(attrgetter("member_id"), visits), strict=True))
    return all(owner.get(s.visit_id) == s.member_id for s in submissions if s.visit_id is not None)


def _unique_plain(values: Iterable[str]) -> set[str] | None:
    """The set of *values* when none is empty or repeated, else ``None``."""
    listed = list(values)
    distinct = set(listed)
    if len(distinct) != len(listed) or "" in distinct:
        return None
    return distinct


def _unique_ids(values: Iterable[str]) -> set[str] | None:
    """The set of *values* when none is blank or repeated, else ``None``."""
    listed = list(values)
    distinct = set(listed)
    if len(distinct) != len(listed) or not _all_shown(listed):
        return None
    return distinct


def _all_shown(values: Iterable[str]) -> bool:
    """Whether no value is :func:`blank`."""
    listed = list(values)
    if "".join(listed).isprintable():
        return "" not in set(map(str.strip, listed))
    return not any(map(blank, listed))


def _headcount_problem(path: str, headcount: int) -> Problem:
    if headcount < 1:
        message = _("a visit meets at least 1 person, got {count}").format(count=headcount)
        params: dict[str, Any] = {"value": headcount, "min": 1}
    else:
        digits = len(str(headcount))
        count = (
            str(headcount)
            if digits <= 20
            else _("a number of {digits} digits").format(digits=digits)
        )
        message = _("a visit meets at most {limit:,} people, got {count}").format(
            limit=MAX_HEADCOUNT, count=count
        )
        params = {"value": headcount if digits <= 20 else count, "max": MAX_HEADCOUNT}
    return Problem(path, message, "range", params=params)


def _check_dates(campaign: Campaign, years: tuple[int, int]) -> Iterable[Problem]:
    """Dates outside *years*, for a campaign built in code (the loader checks as it reads)."""
    low, high = years
    plan = campaign.plan
    dated: list[tuple[str, date | None]] = [
        ("plan.issued_on", plan.issued_on),
        ("plan.starts_on", plan.starts_on),
        *((f"plan.phases[{i}].ends_on", p.ends_on) for i, p in enumerate(plan.phases)),
        *((f"visits[{i}].visited_on", v.visited_on) for i, v in enumerate(campaign.visits)),
        *(
            (f"submissions[{i}].submitted_on", s.submitted_on)
            for i, s in enumerate(campaign.submissions)
        ),
        *((f"follow_ups[{i}].on", e.on) for i, e in enumerate(campaign.follow_ups)),
    ]
    for path, day in dated:
        if day is not None and not low <= day.year <= high:
            yield Problem(
                path,
                date_range_message(day.isoformat(), years),
                "date_range",
                params={"value": day.isoformat(), "min": low, "max": high},
            )


def date_range_message(value: str, years: tuple[int, int]) -> str:
    """The sentence for a date outside *years*."""
    return _("{value} is outside the years {low}–{high} a campaign's dates fall in").format(
        value=_shown(value), low=years[0], high=years[1]
    )


_ORDER = {name: rank for rank, name in enumerate(("", "schema", "plan", *SECTIONS, "extra"))}
_PATH_HEAD = re.compile(r"([A-Za-z_]*)(?:\[(\d+)\])?")


def document_order(problem: Problem) -> tuple[int, int]:
    """Sort key placing problems in the order their places appear in a document."""
    match = _PATH_HEAD.match(problem.path)
    assert match is not None  # the pattern matches the empty string
    head, index = match.group(1), match.group(2)
    return _ORDER.get(head, len(_ORDER)), int(index) if index else -1


# -- did you mean ----------------------------------------------------------------


class Known:
    """A set of ids, with an index for did-you-mean built on the first miss.

    Hints cost a bounded amount of work per problem whatever the number of
    ids: a small set is compared whole (:mod:`difflib`); a large one is
    looked up in an index of the ids one deletion away (short ids) or of
    their first and last characters (long ids), so a file with thousands of
    bad references is checked in linear time.
    """

    __slots__ = ("_deletions", "_ends", "_folded", "ids")

    def __init__(self, ids: Collection[str]) -> None:
        self.ids = ids
        self._deletions: dict[str, list[str]] | None = None
        self._folded: dict[str, str] = {}
        self._ends: dict[str, list[str]] = {}

    def __contains__(self, value: object) -> bool:
        return value in self.ids

    def _build(self) -> dict[str, list[str]]:
        deletions: dict[str, list[str]] = {}
        for known in self.ids:
            self._folded.setdefault(known.casefold(), known)
            if len(known) > _LONG_ID:
                self._ends.setdefault("<" + known[:_LONG_KEY], []).append(known)
                self._ends.setdefault(">" + known[-_LONG_KEY:], []).append(known)
                continue
            deletions.setdefault(known, []).append(known)
            for i in range(len(known)):
                deletions.setdefault(known[:i] + known[i + 1 :], []).append(known)
        self._deletions = deletions
        return deletions

    def suggest(self, value: str) -> str | None:
        """The known id closest to *value*, if one is close; ``None`` otherwise."""
        if len(self.ids) <= _SCAN_LIMIT and len(value) <= _LONG_ID:
            hint = difflib.get_close_matches(value, list(self.ids), n=1, cutoff=0.6)
            return hint[0] if hint else None
        deletions = self._deletions if self._deletions is not None else self._build()
        folded = self._folded.get(value.casefold())
        if folded is not None:
            return folded
        if len(value) > _LONG_ID:
            near = [
                *self._ends.get("<" + value[:_LONG_KEY], ()),
                *self._ends.get(">" + value[-_LONG_KEY:], ()),
            ]
            return next((c for c in near[:_SCAN_LIMIT] if _one_edit(value, c)), None)
        # Candidates one deletion from the value, or sharing a deletion with
        # it: at most two edits away. One edit away is preferred.
        found: list[str] = []
        for key in (value, *(value[:i] + value[i + 1 :] for i in range(len(value)))):
            found.extend(deletions.get(key, ()))
            if len(found) >= _SCAN_LIMIT:
                break
        if not found:
            return None
        return next((c for c in found[:8] if _one_edit(value, c)), found[0])


def _one_edit(a: str, b: str) -> bool:
    """Whether *a* and *b* differ by at most one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return end_a - start <= 1 and end_b - start <= 1


def did_you_mean(value: str, known: Iterable[str] | Known) -> str:
    """``"; did you mean 'x'?"`` when *known* holds a close match, else ``""``."""
    index = known if isinstance(known, Known) else Known(list(known))
    hint = index.suggest(value)
    return _("; did you mean {hint}?").format(hint=_shown(hint)) if hint is not None else ""


# -- the checks ------------------------------------------------------------------


def _require_text(problems: list[Problem], path: str, value: str, what: str) -> None:
    if blank(value):
        problems.append(
            Problem(
                path,
                _("{what} must not be empty").format(what=_(what)),
                "empty",
                params={"value": value},
            )
        )


#: A duplicate names the record that has the id first, by its number.
_ALREADY_USED = {
    "groups": N_("the id {id} is already used by group no. {number}"),
    "members": N_("the id {id} is already used by member no. {number}"),
    "visits": N_("the id {id} is already used by visit no. {number}"),
    "submissions": N_("the id {id} is already used by submission no. {number}"),
    "follow_ups": N_("the id {id} is already used by follow-up event no. {number}"),
}


def _ids(
    records: Sequence[tuple[int, Any]],
    section: str,
    problems: list[Problem],
) -> dict[str, int]:
    """Check the ids of one section; return each id's first index."""
    first: dict[str, int] = {}
    for index, record in records:
        record_id = record.id
        if record_id is None:
            continue
        path = f"{section}[{index}].id"
        if blank(record_id):
            problems.append(
                Problem(
                    path,
                    _("the id must not be empty or made only of invisible characters"),
                    "empty",
                    params={"value": record_id},
                )
            )
        elif record_id in first:
            other = f"{section}[{first[record_id]}]"
            problems.append(
                Problem(
                    path,
                    _(_ALREADY_USED[section]).format(
                        id=_shown(record_id), number=first[record_id] + 1
                    ),
                    "duplicate_id",
                    params={"value": record_id, "first": "/" + other.replace("[", "/")[:-1]},
                )
            )
        else:
            first[record_id] = index
    return first


_NOUN_SENTENCES = {
    "member": N_("no member has id {ref}{hint}"),
    "group": N_("no group has id {ref}{hint}"),
    "visit": N_("no visit has id {ref}{hint}"),
    "submission": N_("no submission has id {ref}{hint}"),
}


def _check_ref(problems: list[Problem], path: str, ref: str, known: Known, noun: str) -> bool:
    if ref in known.ids:
        return True
    hint = known.suggest(ref)
    hint_text = _("; did you mean {hint}?").format(hint=_shown(hint)) if hint is not None else ""
    params: dict[str, Any] = {"ref": ref, "kind": noun}
    if hint is not None:
        params["hint"] = hint
    problems.append(
        Problem(
            path,
            _(_NOUN_SENTENCES[noun]).format(ref=_shown(ref), hint=hint_text),
            "unknown_reference",
            params=params,
        )
    )
    return False


def _check_member(
    problems: list[Problem],
    index: int,
    member: MemberLike,
    group_ids: Known | None,
    body_ids: set[str] | None,
) -> None:
    path = f"members[{index}]"
    if member.name is not None:
        _require_text(problems, f"{path}.name", member.name, N_("the member's name (委员姓名)"))
    if group_ids is not None and member.group_id is not None:
        _check_ref(problems, f"{path}.group_id", member.group_id, group_ids, "group")
    seen: set[str] = set()
    for b, body in enumerate(member.bodies or ()):
        if body in seen:
            problems.append(
                Problem(
                    f"{path}.bodies[{b}]",
                    _("{body} is listed twice").format(body=_shown(body)),
                    "duplicate_id",
                    params={"value": body},
                )
            )
        seen.add(body)
        if body_ids is not None and body not in body_ids:
            known = ", ".join(printable(b) for b in sorted(body_ids)) or _("none")
            problems.append(
                Problem(
                    f"{path}.bodies[{b}]",
                    _("{body} is not a body of the plan (the plan's bodies: {known})").format(
                        body=_shown(body), known=known
                    ),
                    "unknown_reference",
                    params={"ref": body, "kind": "body", "allowed": sorted(body_ids)},
                )
            )


def _check_plan(plan: PlanParts, problems: list[Problem]) -> set[str] | None:
    """Check the plan's parts; return its body ids (``None`` if unreadable)."""
    if plan.title is not None:
        _require_text(problems, "plan.title", plan.title, N_("the plan's title"))
    if plan.phases is not None:
        _check_phases(plan.phases, plan.starts_on, problems)
    if plan.reply_days is not None and not 1 <= plan.reply_days <= MAX_REPLY_DAYS:
        problems.append(
            Problem(
                "plan.reply_days",
                _("the time to reply is 1 to {limit} days, got {value}").format(
                    limit=MAX_REPLY_DAYS, value=plan.reply_days
                ),
                "range",
                params={"value": plan.reply_days, "min": 1, "max": MAX_REPLY_DAYS},
            )
        )
    if plan.bodies is None:
        return None
    body_ids: set[str] = set()
    for index, body in enumerate(plan.bodies):
        path = f"plan.bodies[{index}]"
        if blank(body.id):
            problems.append(
                Problem(
                    f"{path}.id",
                    _("the id must not be empty or made only of invisible characters"),
                    "empty",
                    params={"value": body.id},
                )
            )
        elif body.id in body_ids:
            problems.append(
                Problem(
                    f"{path}.id",
                    _("the id {id} is already used").format(id=_shown(body.id)),
                    "duplicate_id",
                    params={"value": body.id},
                )
            )
        body_ids.add(body.id)
        _require_text(problems, f"{path}.name", body.name, N_("the body's name"))
    return body_ids


def _check_phases(phases: Sequence[Phase], starts_on: date | None, problems: list[Problem]) -> None:
    if not phases:
        problems.append(Problem("plan.phases", _("the plan needs at least one phase"), "missing"))
        return
    for index, phase in enumerate(phases):
        path = f"plan.phases[{index}]"
        _require_text(problems, f"{path}.name", phase.name, N_("the phase's name"))
        if index and phase.ends_on <= phases[index - 1].ends_on:
            problems.append(
                Problem(
                    f"{path}.ends_on",
                    _(
                        "phases must be in date order, but this phase ends on {end} "
                        "and the one before it on {before}"
                    ).format(end=phase.ends_on, before=phases[index - 1].ends_on),
                    "order",
                    params={
                        "value": phase.ends_on.isoformat(),
                        "before": phases[index - 1].ends_on.isoformat(),
                    },
                )
            )
    if starts_on is not None and starts_on > phases[0].ends_on:
        problems.append(
            Problem(
                "plan.starts_on",
                _("the campaign starts on {start}, after its first phase ends ({end})").format(
                    start=starts_on, end=phases[0].ends_on
                ),
                "order",
                params={
                    "value": starts_on.isoformat(),
                    "first_phase_ends": phases[0].ends_on.isoformat(),
                },
            )
        )


# -- the follow-up ledger ----------------------------------------------------------

#: Events that must come after another kind of event of the same item:
#: (event, the event it needs on or before its date, the sentence when none does).
_NEEDS_BEFORE: dict[Event, tuple[Event, str, str]] = {
    Event.REPLIED: (
        Event.ASSIGNED,
        N_("the reply is dated {day}, but the item was not handed over (交办) before it"),
        N_("the reply is dated {day}, before the item was handed over (交办) on {before}"),
    ),
    Event.CLOSED: (
        Event.REPLIED,
        N_("the closing is dated {day}, but the item had no reply (答复) before it"),
        N_("the closing is dated {day}, before the item's reply (答复) on {before}"),
    ),
}
_NEEDS_LEVEL = frozenset({Event.ADOPTED, Event.INSTRUCTED})


def _check_follow_ups(
    problems: list[Problem],
    sections: Sections,
    first_visit: dict[str, int],
    first_submission: dict[str, int],
) -> None:
    """References, required details and the order of each item's events."""
    _ids(sections.follow_ups, "follow_ups", problems)
    skip = sections.unreadable
    known = {
        "visits": Known(first_visit),
        "submissions": Known(first_submission),
    }
    dated: dict[str, dict[str, date | None]] = {
        "visits": {
            v.id: v.visited_on
            for i, v in sections.visits
            if v.id is not None and first_visit.get(v.id) == i
        },
        "submissions": {
            s.id: s.submitted_on
            for i, s in sections.submissions
            if s.id is not None and first_submission.get(s.id) == i
        },
    }
    # Each item's readable, dated events, in document order: (index, event, day).
    by_item: dict[tuple[str, str], list[tuple[int, Event, date]]] = {}
    for index, entry in sections.follow_ups:
        path = f"follow_ups[{index}]"
        item = _follow_up_item(problems, path, entry)
        if item is not None:
            section, ref = item
            noun = "visit" if section == "visits" else "submission"
            if section in skip or not _check_ref(
                problems, f"{path}.{noun}_id", ref, known[section], noun
            ):
                item = None
        event = entry.event
        if event in _NEEDS_LEVEL and entry.level is None and not _faulty(entry, "level"):
            problems.append(
                Problem(
                    f"{path}.level",
                    _(
                        "missing: the event {event!r} ({label}) needs its 'level' ({choices})"
                    ).format(event=event.value, label=event.label, choices=Level.choices()),
                    "missing",
                    params={"field": "level", "allowed": [m.value for m in Level]},
                )
            )
        if event is Event.SATISFACTION and entry.note is not None:
            _check_rating(problems, f"{path}.note", entry.note)
        if item is None or entry.on is None or event is None:
            continue
        own_day = dated[item[0]].get(item[1])
        if own_day is not None and entry.on < own_day:
            noun = _("the visit") if item[0] == "visits" else _("the submission")
            problems.append(
                Problem(
                    f"{path}.on",
                    _("the event is dated {day}, before {record} it follows ({own})").format(
                        day=entry.on, record=noun, own=own_day
                    ),
                    "order",
                    params={"value": entry.on.isoformat(), "before": own_day.isoformat()},
                )
            )
        by_item.setdefault(item, []).append((index, event, entry.on))
    for events in by_item.values():
        _check_sequence(problems, events)


def _follow_up_item(
    problems: list[Problem], path: str, entry: FollowUpLike
) -> tuple[str, str] | None:
    """The item an event follows; a problem when it names none, or two."""
    sub, visit = entry.submission_id, entry.visit_id
    if sub is not None and visit is not None:
        problems.append(
            Problem(
                f"{path}.visit_id",
                _(
                    "an event follows one item, but this one names submission {sub} "
                    "and visit {visit}: keep one of them"
                ).format(sub=_shown(sub), visit=_shown(visit)),
                "ambiguous_reference",
                params={"submission_id": sub, "visit_id": visit},
            )
        )
        return None
    if sub is not None:
        return ("submissions", sub)
    if visit is not None:
        return ("visits", visit)
    if entry == Partial() or _faulty(entry, "submission_id") or _faulty(entry, "visit_id"):
        return None  # not an object, or a faulty reference: reported already
    problems.append(
        Problem(
            f"{path}.submission_id",
            _("missing: an event needs the item it follows, as 'submission_id' or 'visit_id'"),
            "missing",
            params={"field": "submission_id", "allowed": ["submission_id", "visit_id"]},
        )
    )
    return None


def _faulty(entry: FollowUpLike, name: str) -> bool:
    """Whether *entry*'s field *name* was there but could not be read (reported already)."""
    return isinstance(entry, Partial) and name in entry.faulty


def _check_rating(problems: list[Problem], path: str, note: str) -> None:
    if not note:
        problems.append(
            Problem(
                path,
                _(
                    "missing: a satisfaction rating (满意度测评) needs its 'note' ({choices})"
                ).format(choices=Satisfaction.choices()),
                "missing",
                params={"field": "note", "allowed": [m.value for m in Satisfaction]},
            )
        )
        return
    try:
        Satisfaction.parse(note)
    except ValueError as exc:
        problems.append(
            Problem(
                path,
                str(exc),
                "enum",
                params={"value": note[:200], "allowed": [m.value for m in Satisfaction]},
            )
        )


def _check_sequence(problems: list[Problem], events: list[tuple[int, Event, date]]) -> None:
    """A reply needs a hand-over on or before it, a closing a reply."""
    first: dict[Event, date] = {}
    for _index, event, day in events:
        if event not in first or day < first[event]:
            first[event] = day
    for index, event, day in events:
        rule = _NEEDS_BEFORE.get(event)
        if rule is None:
            continue
        needed, without, too_early = rule
        before = first.get(needed)
        if before is not None and before <= day:
            continue
        message = (
            _(without).format(day=day)
            if before is None
            else _(too_early).format(day=day, before=before)
        )
        params: dict[str, Any] = {"value": day.isoformat(), "needs": needed.value}
        if before is not None:
            params["before"] = before.isoformat()
        problems.append(Problem(f"follow_ups[{index}].on", message, "order", params=params))
