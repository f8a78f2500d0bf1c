"""附件3 of a file too large to load: :func:`summarize_stream` reads one record at a time.

A national campaign (600,000 members, millions of visits) does not fit in
one process as loaded records. :func:`summarize_stream` scans the document
with the ``json`` module's C scanner, one value at a time out of a buffer
of about a megabyte (``JSONDecoder.raw_decode``), checks each record with
the one converter exactly as :func:`sanquan_core.load` does, counts it and
drops it. It keeps, per member, the group, bodies, name and a few counts,
and, per visit and submission, the hash of its id (for duplicate ids and
references): memory grows with the members and by some 100 bytes a visit,
not with the records' text.

Why the ``json`` scanner and not ijson or msgspec: ijson's events cost a
Python call each (some thirty a record); msgspec decodes whole documents
only. ``raw_decode`` gives one record as the same objects ``load`` reads
(repeated keys, NaN, huge numbers flagged by the same hooks), at C speed,
and says where it ended.

What it checks: every record as ``load`` checks it (types, values, unknown
fields, located, all listed); ids (empty, repeated) and references of
groups, members, visits and submissions, a submission citing another
member's visit, names, targets and headcounts. Not checked: the follow-up
ledger's order rules (they do not change the summary; ``sanquan check``
reports them). Hints (did you mean) are offered for member and group
references only. Problems raise :class:`ValidationError` as ``load`` does.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator, Mapping
from datetime import date
from typing import IO, Any, Final

from . import _integrity as integrity
from ._i18n import _, language, using
from ._integrity import YEARS, Known, Partial
from .errors import DecodeError, Problem, UsageError, ValidationError
from .model import Circle, Group, Plan, SubmissionKind
from .serialize import _RECORD_TYPES, _partial, _problems_from, converter
from .summary import OutsideCounts, Summary, SummaryRow, Tally

__all__ = ["summarize_stream"]

_CHUNK: Final = 1 << 20
_SHIFT: Final = 24  # up to 16 million members
_MASK: Final = (1 << _SHIFT) - 1
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_WS = re.compile(r"[ \t\n\r]*")
_RECORDS: Final = ("groups", "members", "visits", "submissions", "follow_ups")


_HOOKS: Final = {s: converter.get_structure_hook(cl) for s, cl in _RECORD_TYPES.items()}


class _NeedPlanError(Exception):
    """Records came before the plan: the plan is looked for first, then the file read again."""


class _Scanner:
    """JSON values one at a time out of a text stream, through a bounded buffer."""

    def __init__(self, fh: IO[str], name: str | None, decoder: json.JSONDecoder) -> None:
        self.fh, self.name, self.decoder = fh, name, decoder
        self.buf, self.pos, self.eof = "", 0, False
        self.lines = 0  # newlines in the text already dropped from the buffer
        self.surrogates = False  # a \\uD800-style escape was read: every record is walked

    def _fill(self) -> None:
        if self.pos > _CHUNK:
            self.lines += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos :], 0
        chunk = self.fh.read(_CHUNK)
        if not chunk:
            self.eof = True
        if not self.buf and chunk.startswith("\ufeff"):
            chunk = chunk[1:]
        if "\\u" in chunk and _SURROGATE_ESCAPE.search(self.buf[-6:] + chunk):
            self.surrogates = True
        self.buf += chunk

    def peek(self) -> str:
        while True:
            match = _WS.match(self.buf, self.pos)
            assert match is not None  # the pattern matches the empty string
            self.pos = match.end()
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos] if self.pos < len(self.buf) else ""
            self._fill()

    def take(self, expected: str, reason: str) -> None:
        if self.peek() != expected:
            raise self.error(reason, self.pos)
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise self.error(exc.msg, exc.pos) from None
                self._fill()
                continue
            except RecursionError:
                raise self.error("Expecting value", self.pos) from None
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self._fill()
                continue
            self.pos = end
            return value

    def error(self, reason: str, pos: int) -> DecodeError:
        from .serialize import _decode_error, _json_reason

        line = self.lines + self.buf.count("\n", 0, pos) + 1
        column = pos - self.buf.rfind("\n", 0, pos)
        message = _("not valid JSON: {reason} at line {line}, column {column}").format(
            reason=_json_reason(reason), line=line, column=column
        )
        return _decode_error(message, "json", self.name, line=line, column=column)


class _Sparse(list[Any]):
    """A section as :func:`serialize.name_records` reads it: only the records with problems."""

    def __init__(self, length: int, items: Mapping[int, Any]) -> None:
        super().__init__()
        self._length, self._items = length, items

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: Any) -> Any:
        return self._items.get(index)


class _Reader:
    """The state of one pass: what is kept of the records read, and the problems found."""

    def __init__(self, plan: Plan | None, plan_raw: Any) -> None:
        self.plan, self.plan_raw = plan, plan_raw
        self.problems: list[Problem] = []
        self.keys: list[str] = []
        self.faulty: dict[str, dict[int, Any]] = {s: {} for s in _RECORDS}
        self.lengths: dict[str, int] = dict.fromkeys(_RECORDS, 0)
        self.unreadable: set[str] = set()
        self.groups: dict[str, Group] = {}
        self.group_first: dict[str, int] = {}
        self.member_first: dict[str, int] = {}
        self.group_order: list[str] = []
        # Per member: its number (from 1), group and bodies; the id is the key.
        self.members: dict[str, tuple[int, str, tuple[str, ...]]] = {}
        self.member_ids: list[str] = []
        self.member_refs: list[tuple[int, str]] = []  # members' group ids, checked at the end
        self.member_names: list[tuple[str, str]] = []
        # Hash of a visit id -> its index << _SHIFT | the number of its member (0: unknown).
        self.visit_ids: dict[int, int] = {}
        self.submission_ids: dict[int, int] = {}
        self.follow_up_ids: dict[int, int] = {}
        self.late_refs: list[tuple[str, int, str, str]] = []  # before their section was read
        # Submissions' visit ids read before the visits: (index, id, visit id, member id).
        self.late_visit_refs: list[tuple[int, Any, str, str | None]] = []
        # Hash of a visit id -> its member's id, for visits read before the members.
        self.visit_owners: dict[int, str] = {}
        # Follow-up events' references read before their section: (index, id, field, ref).
        self.late_event_refs: list[tuple[int, Any, str, str]] = []
        self.done: set[str] = set()
        self.people: dict[Circle, dict[str, int]] = {c: {} for c in Circle}
        self.items: dict[SubmissionKind, dict[str, int]] = {k: {} for k in SubmissionKind}
        self.outside = [0, 0]


def summarize_stream(
    source: str | os.PathLike[str],
    *,
    max_depth: int = 64,
    years: tuple[int, int] = YEARS,
) -> Summary:
    """附件3 of the ``sanquan/1`` file *source*, read one record at a time.

    Gives the same :class:`Summary` as ``summarize(load(source))`` and, on
    a faulty file, raises :class:`ValidationError` listing the problems,
    located as :func:`sanquan_core.load` locates them (see the module's
    notes for the few checks it leaves out). Memory stays small whatever
    the number of records.

    Raises:
        ValidationError: the file is not a valid campaign.
        DecodeError: it is not JSON.
        UsageError: it is a pipe whose plan comes after its records.
        OSError: it cannot be read.
    """
    name = os.fspath(source)
    with using(language()):
        try:
            return _pass(name, None, None, max_depth, years)
        except _NeedPlanError:
            if not _regular(name):  # a pipe read once is gone: a second pass would find nothing
                raise UsageError(
                    _(
                        "{name} is not a regular file and its plan comes after its records, "
                        "so it cannot be read a second time: save it to a file, or load it"
                    ).format(name=name)
                ) from None
            plan_raw = _find_plan(name, max_depth)
            plan = _read_plan(plan_raw, max_depth, years) if plan_raw is not None else None
            return _pass(name, plan, plan_raw, max_depth, years)


def _regular(name: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(name).st_mode)
    except OSError:
        return True  # the second open says what is wrong


class _Flags:
    """Set by the decoder when a value needs load's walk (a repeated key, a bad number)."""

    odd = False


def _decoder(max_depth: int, flags: _Flags | None = None) -> json.JSONDecoder:
    from .serialize import _BadNumber, _repeats

    seen = flags if flags is not None else _Flags()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        seen.odd = True
        return _repeats(items)

    def bad(text: str) -> _BadNumber:
        seen.odd = True
        return _BadNumber(text)

    def number(text: str) -> float | _BadNumber:
        value = float(text)
        return value if value - value == 0 else bad(text)

    def integer(text: str) -> int | _BadNumber:
        try:
            return int(text)
        except ValueError:  # beyond Python's limit on digits
            return bad(text)

    return json.JSONDecoder(
        object_pairs_hook=pairs,
        parse_constant=bad,
        parse_float=number,
        parse_int=integer,
    )


def _open(name: str) -> IO[str]:
    return open(name, encoding="utf-8-sig", errors="strict")


def _top_level(scan: _Scanner) -> Iterator[str]:
    """The keys of the top-level object, leaving the scanner before each value."""
    scan.take("{", "Expecting value" if scan.peek() != "[" else "Expecting '{'")
    if scan.peek() == "}":
        scan.pos += 1
        return
    while True:
        if scan.peek() != '"':
            raise scan.error("Expecting property name enclosed in double quotes", scan.pos)
        key = scan.value()
        scan.take(":", "Expecting ':' delimiter")
        yield key
        sep = scan.peek()
        scan.pos += 1
        if sep == "}":
            break
        if sep != ",":
            raise scan.error("Expecting ',' delimiter", scan.pos - 1)
    if scan.peek():
        raise scan.error("Extra data", scan.pos)


def _items(scan: _Scanner) -> Iterator[Any]:
    """The values of the array the scanner stands before."""
    scan.take("[", "Expecting value")
    if scan.peek() == "]":
        scan.pos += 1
        return
    while True:
        yield scan.value()
        sep = scan.peek()
        scan.pos += 1
        if sep == "]":
            return
        if sep != ",":
            raise scan.error("Expecting ',' delimiter", scan.pos - 1)


def _find_plan(name: str, max_depth: int) -> Any:
    with _open(name) as fh:
        scan = _Scanner(fh, name, _decoder(max_depth))
        for key in _top_level(scan):
            value = scan.value()
            if key == "plan":
                return value
    return None


def _read_plan(raw: Any, max_depth: int, years: tuple[int, int]) -> Plan | None:
    from .serialize import _depth, _years, converter

    years_token, depth_token = _years.set(years), _depth.set(max_depth)
    try:
        return converter.structure(raw, Plan)
    except Exception:
        return None  # reported by the pass, with its place
    finally:
        _years.reset(years_token)
        _depth.reset(depth_token)


def _pass(
    name: str, plan: Plan | None, plan_raw: Any, max_depth: int, years: tuple[int, int]
) -> Summary:
    from .serialize import _depth, _years

    state = _Reader(plan, plan_raw)
    years_token, depth_token = _years.set(years), _depth.set(max_depth)
    try:
        try:
            with _open(name) as fh:
                flags = _Flags()
                scan = _Scanner(fh, name, _decoder(max_depth, flags))
                _read(state, scan, flags, max_depth, years)
        except UnicodeDecodeError:
            from .serialize import _decode

            with open(name, "rb") as raw:
                _decode(raw.read(), name)  # raises the located sentence of load
            raise  # pragma: no cover - _decode raised
        _finish(state)
    finally:
        _years.reset(years_token)
        _depth.reset(depth_token)
    if state.problems:
        raise ValidationError(_named(state), name)
    return _summary(state)


def _read(
    state: _Reader, scan: _Scanner, flags: _Flags, max_depth: int, years: tuple[int, int]
) -> None:
    from .serialize import _Parsed, _repeats, _structure_document

    if scan.peek() != "{":  # not an object: load's sentence for what it is
        _campaign, problems = _structure_document(scan.value())
        state.problems.extend(problems)
        return
    seen_plan = state.plan_raw is not None
    top: dict[str, Any] = {}
    for key in _top_level(scan):
        state.keys.append(key)
        if key in _RECORDS:
            if key in ("visits", "submissions", "follow_ups") and not seen_plan:
                raise _NeedPlanError
            if scan.peek() != "[":
                top[key] = scan.value()
                state.unreadable.add(key)
                continue
            for index, item in enumerate(_items(scan)):
                odd = flags.odd or scan.surrogates
                flags.odd = False
                _record(state, key, index, item, odd)
                state.lengths[key] = index + 1
            state.done.add(key)
        else:
            value = scan.value()
            top[key] = value
            if key == "plan" and state.plan_raw is None:
                state.plan_raw = value
                seen_plan = True
                state.plan = _read_plan(value, max_depth, years)
    # What load reads of the document besides the records: the same checks.
    walk = _Parsed()  # the shell is small: walked whole, as load walks an odd document
    walk.repeated = walk.suspect_text = walk.bad_numbers = True
    shell = dict(top)
    for section in _RECORDS:
        if section not in top:
            shell.pop(section, None)
    if state.plan_raw is not None:
        shell["plan"] = state.plan_raw
    repeated = [key for i, key in enumerate(state.keys) if key in state.keys[:i]]
    if repeated:  # a top-level key written twice: load's sentence, at its path
        pairs = [*shell.items()]
        for key in dict.fromkeys(repeated):  # a records section read is not in the shell
            pairs += [(key, shell[key])] if key in shell else [(key, []), (key, [])]
        shell = _repeats(pairs)
    _campaign, problems = _structure_document(shell, walk)
    state.problems.extend(problems)


def _record(state: _Reader, section: str, index: int, item: Any, odd: bool = False) -> None:
    first = len(state.problems)
    cl = _RECORD_TYPES[section]
    try:
        record: Any = _HOOKS[section](item, cl)
    except Exception as exc:
        state.problems.extend(_problems_from(exc, f"{section}[{index}]", None))
        state.faulty[section][index] = item
        record = _partial(cl, item)
    before = len(state.problems)
    if section == "groups":
        _group(state, index, record)
    elif section == "members":
        _member(state, index, record, item)
    elif section == "visits":
        _visit(state, index, record)
    elif section == "submissions":
        _submission(state, index, record)
    else:
        _follow_up(state, index, record)
    if odd:
        _walked(state, section, index, item, first)
    if len(state.problems) > before and isinstance(item, dict):
        state.faulty[section][index] = item


def _walked(state: _Reader, section: str, index: int, item: Any, first: int) -> None:
    """What load's walk over the tree reports in this record, in its place (see load)."""
    from .serialize import _VALUE_CODES, _walk

    prefix = f"{section}[{index}]"
    walked = [
        Problem(
            prefix + ("" if not p.path or p.path[0] == "[" else ".") + p.path,
            p.message,
            p.code,
            params=p.params,
        )
        for p in _walk(item)
    ]
    if not walked:
        return
    places = {p.path for p in walked if p.code != "duplicate_key"}
    mine = state.problems[first:]
    del state.problems[first:]
    state.problems.extend(p for p in mine if p.path not in places or p.code not in _VALUE_CODES)
    state.problems.extend(walked)


def _duplicate(
    state: _Reader, seen: dict[Any, int], key: Any, record_id: str, section: str, index: int
) -> bool:
    """Report an empty or repeated id as load does; whether the id is new and usable."""
    first = seen.get(key)
    if first is None and record_id:  # read ids are normalised: blank only when empty
        seen[key] = index
        return True
    pairs: list[tuple[int, Any]] = [(index, Partial(id=record_id))]
    if first is not None:
        pairs.insert(0, (first, Partial(id=record_id)))
    found = integrity._ids(pairs, section, state.problems)
    if first is None and record_id in found:
        seen[key] = index
        return True
    return False


def _group(state: _Reader, index: int, group: Any) -> None:
    if group.id is not None and _duplicate(
        state, state.group_first, group.id, group.id, "groups", index
    ):
        state.groups[group.id] = group
        state.group_order.append(group.id)
    if group.name is not None:
        integrity._require_text(
            state.problems, f"groups[{index}].name", group.name, "the group's name (组别)"
        )


def _member(state: _Reader, index: int, member: Any, item: Any) -> None:
    if isinstance(item, dict):
        mid, text = item.get("id"), item.get("name")
        if isinstance(mid, str) and isinstance(text, str):
            state.member_names.append((mid, text))
    if member.id is not None and _duplicate(
        state, state.member_first, member.id, member.id, "members", index
    ):
        state.member_ids.append(member.id)
        state.members[member.id] = (len(state.member_ids), member.group_id, member.bodies or ())
    group_ids = None
    if "groups" in state.done and "groups" not in state.unreadable:
        group_ids = Known(state.groups)
    elif member.group_id is not None:
        state.member_refs.append((index, member.group_id))
    body_ids = None
    if state.plan is not None:
        body_ids = {b.id for b in state.plan.bodies}
    integrity._check_member(state.problems, index, member, group_ids, body_ids)


def _ref(state: _Reader, section: str, index: int, field: str, ref: str, noun: str) -> None:
    if ref in state.members:
        return
    if noun == "member":
        if "members" not in state.done:
            state.late_refs.append((section, index, field, ref))
            return
        if "members" in state.unreadable:
            return
        integrity._check_ref(
            state.problems, f"{section}[{index}].{field}", ref, Known(state.members), noun
        )


def _in_window(plan: Plan | None, day: date | None) -> bool | None:
    if plan is None or day is None:
        return None
    return plan.in_window(day)


def _visit(state: _Reader, index: int, visit: Any) -> None:
    path = f"visits[{index}]"
    if visit.id is not None:
        key = hash(visit.id)
        first = state.visit_ids.get(key)
        if first is None and visit.id:
            known = state.members.get(visit.member_id) if visit.member_id is not None else None
            state.visit_ids[key] = index << _SHIFT | (known[0] if known is not None else 0)
            if known is None and visit.member_id is not None and "members" not in state.done:
                state.visit_owners[key] = visit.member_id  # the members come later
        else:
            pairs: list[tuple[int, Any]] = [(index, Partial(id=visit.id))]
            if first is not None:
                pairs.insert(0, (first >> _SHIFT, Partial(id=visit.id)))
            integrity._ids(pairs, "visits", state.problems)
    if visit.member_id is not None:
        _ref(state, "visits", index, "member_id", visit.member_id, "member")
    if visit.target is not None:
        integrity._require_text(
            state.problems, f"{path}.target", visit.target, "the person visited (走访对象)"
        )
    if visit.headcount is not None and not 1 <= visit.headcount <= integrity.MAX_HEADCOUNT:
        state.problems.append(integrity._headcount_problem(f"{path}.headcount", visit.headcount))
    if state.problems or isinstance(visit, Partial):
        return  # nothing is counted once the file is known to be faulty
    inside = _in_window(state.plan, visit.visited_on)
    if inside:
        people = state.people[visit.circle]
        people[visit.member_id] = people.get(visit.member_id, 0) + visit.headcount
    elif inside is False:
        state.outside[0] += 1


def _submission(state: _Reader, index: int, sub: Any) -> None:
    if sub.id is not None:
        _duplicate(state, state.submission_ids, hash(sub.id), sub.id, "submissions", index)
    if sub.member_id is not None:
        _ref(state, "submissions", index, "member_id", sub.member_id, "member")
    if sub.visit_id is not None and "visits" not in state.unreadable:
        if "visits" in state.done and "members" in state.done:
            _visit_ref(state, index, sub.visit_id, sub.member_id)
        else:  # the visits or the members come later in the file: checked at the end
            state.late_visit_refs.append((index, sub.id, sub.visit_id, sub.member_id))
    if state.problems or isinstance(sub, Partial):
        return
    inside = _in_window(state.plan, sub.submitted_on)
    if inside:
        handed = state.items[sub.kind]
        handed[sub.member_id] = handed.get(sub.member_id, 0) + 1
    elif inside is False:
        state.outside[1] += 1


def _visit_ref(state: _Reader, index: int, visit_id: str, member_id: str | None) -> None:
    """A submission's visit: one that exists, made by the member who hands the item in."""
    path = f"submissions[{index}]"
    key = hash(visit_id)
    if key not in state.visit_ids:
        integrity._check_ref(state.problems, f"{path}.visit_id", visit_id, Known(()), "visit")
        return
    number = state.visit_ids[key] & _MASK
    owner = state.member_ids[number - 1] if number else state.visit_owners.get(key)
    if (
        owner is not None
        and member_id is not None
        and owner in state.members
        and owner != member_id
    ):
        state.problems.append(
            Problem(
                f"{path}.visit_id",
                _(
                    "visit {visit} was made by member {owner}, "
                    "not by {member} who hands in this item"
                ).format(
                    visit=integrity._shown(visit_id),
                    owner=integrity._shown(owner),
                    member=integrity._shown(member_id),
                ),
                "foreign_visit",
                params={"ref": visit_id, "owner": owner, "member_id": member_id},
            )
        )


#: A follow-up event's references: the field, the section it names, the noun.
_EVENT_REFS: Final = (
    ("submission_id", "submissions", "submission"),
    ("visit_id", "visits", "visit"),
)


def _event_ref(state: _Reader, index: int, field: str, ref: str) -> None:
    section, noun = next((s, n) for f, s, n in _EVENT_REFS if f == field)
    ids = state.submission_ids if section == "submissions" else state.visit_ids
    if hash(ref) not in ids:
        integrity._check_ref(state.problems, f"follow_ups[{index}].{field}", ref, Known(()), noun)


def _follow_up(state: _Reader, index: int, entry: Any) -> None:
    if entry.id is not None:
        _duplicate(state, state.follow_up_ids, hash(entry.id), entry.id, "follow_ups", index)
    for field, section, _noun in _EVENT_REFS:
        ref = getattr(entry, field)
        if ref is None:
            continue
        if section in state.done:
            _event_ref(state, index, field, ref)
        elif section not in state.unreadable:  # the section comes later in the file
            state.late_event_refs.append((index, entry.id, field, ref))


def _finish(state: _Reader) -> None:
    """The references that could not be checked when their record was read."""
    if "groups" not in state.unreadable:
        known = Known(state.groups)
        for index, ref in state.member_refs:
            integrity._check_ref(state.problems, f"members[{index}].group_id", ref, known, "group")
    if "members" not in state.unreadable:
        members = Known(state.members)
        for section, index, field, ref in state.late_refs:
            integrity._check_ref(
                state.problems, f"{section}[{index}].{field}", ref, members, "member"
            )
    # The records are gone by now: what names one in a sentence is kept for those found faulty.
    if "visits" not in state.unreadable:
        for index, record_id, visit_id, member_id in state.late_visit_refs:
            before = len(state.problems)
            _visit_ref(state, index, visit_id, member_id)
            if len(state.problems) > before:
                named = {"id": record_id, "member_id": member_id}
                state.faulty["submissions"].setdefault(index, named)
    sections = {f: s for f, s, _n in _EVENT_REFS}
    for index, record_id, field, ref in state.late_event_refs:
        if sections[field] not in state.unreadable:
            before = len(state.problems)
            _event_ref(state, index, field, ref)
            if len(state.problems) > before:
                state.faulty["follow_ups"].setdefault(index, {"id": record_id})


def _named(state: _Reader) -> list[Problem]:
    from .serialize import name_records

    problems = sorted(state.problems, key=integrity.document_order)
    raw: dict[str, Any] = {
        section: _Sparse(state.lengths[section], state.faulty[section]) for section in _RECORDS
    }
    # Member names, for sentences naming a visit or a submission by its member.
    names = list(state.member_names)
    raw["members"] = _SparseMembers(state.lengths["members"], state.faulty["members"], names)
    return name_records(problems, raw)


class _SparseMembers(_Sparse):
    """The members section: the faulty records by index, and every member's id and name."""

    def __init__(self, length: int, items: Mapping[int, Any], names: list[tuple[str, str]]) -> None:
        super().__init__(length, items)
        self._names = names

    def __iter__(self) -> Iterator[Any]:
        return ({"id": mid, "name": name} for mid, name in self._names)


def _summary(state: _Reader) -> Summary:
    """附件3 from the counts, as :func:`sanquan_core.summarize` makes it."""
    circles, kinds = tuple(Circle), tuple(SubmissionKind)
    by_circle = [state.people[c] for c in circles]
    by_kind = [state.items[k] for k in kinds]
    per_group: dict[str, list[tuple[str, tuple[str, ...]]]] = {g: [] for g in state.group_order}
    for mid, (_number, group_id, member_bodies) in state.members.items():
        per_group.setdefault(group_id, []).append((mid, member_bodies))
    tables = (*by_circle, *by_kind)
    rows = []
    for group_id in state.group_order:
        group = state.groups[group_id]
        total = Tally()
        bodies: dict[str, Tally] = {}
        for mid, member_bodies in per_group.get(group_id, ()):
            if not any(mid in d for d in tables):
                continue
            seen = [d.get(mid, 0) for d in by_circle]
            handed = [d.get(mid, 0) for d in by_kind]
            mine = Tally(
                1, dict(zip(circles, seen, strict=True)), dict(zip(kinds, handed, strict=True))
            )
            total += mine
            for body in member_bodies or ("",):
                bodies[body] = bodies[body] + mine if body in bodies else mine
        rows.append(SummaryRow(group.id, group.name, group.kind, group.office, total, bodies))
    return Summary(tuple(rows), OutsideCounts(*state.outside))
