"""The fast path of :func:`sanquan_core.load`: msgspec decodes a valid file straight into records.

msgspec reads the attrs classes of :mod:`sanquan_core.model` themselves (no
second description of the format): strictly typed (``5.7`` is not a
headcount, ``"2017/7/15"`` not a date, an enum only by its value), in C.
What it does not check, this module checks on the decoded records, in
bulk:

* unknown keys and keys written twice, which msgspec ignores or overwrites:
  the document's keys are counted in its bytes (every key ends ``":``) and
  compared with the keys :func:`sanquan_core.dump` would write for the
  records read — any difference (an unknown key, a repeated one, a key
  ``dump`` leaves out written anyway, a ``"`` followed by ``:`` inside a
  text) sends the file to the full reader;
* ids as the converter normalises them (only ids that need no normalising
  pass here), dates within the years allowed, the depth and numbers of
  ``extra``.

Anything unusual — a Chinese enum label, a non-ASCII id, any decoding
error — returns ``None`` and :mod:`sanquan_core.serialize` reads the file
again with the one cattrs converter, which lists every problem with its
place. So the fast path decides nothing the converter would decide
otherwise: it gives the same :class:`Campaign` or gives up
(``tests/test_fastload.py`` checks both on generated and broken files).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import Any, Final

import attrs

from .model import Campaign, FollowUpEvent, Group, Member, Plan, Submission, Visit

_SECTIONS: Final[dict[str, Any]] = {
    "groups": Group,
    "members": Member,
    "visits": Visit,
    "submissions": Submission,
    "follow_ups": FollowUpEvent,
}
#: Fields holding an id or a reference (the converter normalises them).
_ID_FIELDS: Final[dict[type[Any], tuple[str, ...]]] = {
    Group: ("id",),
    Member: ("id", "group_id"),
    Visit: ("id", "member_id"),
    Submission: ("id", "member_id", "visit_id"),
    FollowUpEvent: ("id", "submission_id", "visit_id"),
}
#: A key followed by space before its colon: the key count below would miss it.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
_BIG_INT = 10**4000
_EXTRA = attrgetter("extra")


class _UnusualError(Exception):
    """The document needs the full reader (it may still be valid)."""


def _always_written(a: Any) -> bool:
    """Whether ``dump`` writes field *a* whatever its value (it leaves out empty text, ``None``)."""
    return not (a.default is None or a.default == "" or a.name == "extra")


@functools.cache
def _mirror(cl: Any) -> Any:
    """A msgspec Struct generated from attrs class *cl*: the same fields, types and defaults.

    Unknown keys are refused; a field ``dump`` always writes is required
    here (a file that leaves out ``headcount`` goes to the converter), so
    every key the records must hold is counted exactly once.
    """
    import msgspec

    attrs.resolve_types(cl)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for a in attrs.fields(cl):
        if a.default is attrs.NOTHING or _always_written(a):
            fields.append((a.name, a.type))
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            fields.append((a.name, a.type, a.default.factory()))
        else:
            fields.append((a.name, a.type, a.default))
    return msgspec.defstruct(f"_{cl.__name__}", fields, forbid_unknown_fields=True, kw_only=True)


@functools.cache
def _decoder() -> Any:
    """The msgspec decoder of a whole document (built once, on first use)."""
    import msgspec

    fields: list[tuple[str, Any, Any]] = [
        ("schema", str, msgspec.UNSET),
        ("plan", msgspec.Raw, msgspec.UNSET),
        ("extra", msgspec.Raw, msgspec.UNSET),
    ]
    fields += [(name, list[_mirror(cl)], msgspec.UNSET) for name, cl in _SECTIONS.items()]  # type: ignore[misc]
    document = msgspec.defstruct(
        "_Document",
        [(name, tp | msgspec.UnsetType, default) for name, tp, default in fields],
        forbid_unknown_fields=True,
    )
    return msgspec.json.Decoder(document, strict=True)


@functools.cache
def _key_counters(cl: Any) -> tuple[int, Callable[[Any], Any] | None, tuple[str, ...]]:
    """For *cl*: how many keys each record holds for sure, a getter of the others, their names.

    The others are the fields ``dump`` leaves out when empty; all their
    defaults are falsy and every other value truthy, so ``bool`` says
    whether the key must be there.
    """
    attrs.resolve_types(cl)
    required = 0
    optional: list[str] = []
    for a in attrs.fields(cl):
        if a.name.startswith("_"):
            continue
        if a.default is attrs.NOTHING or _always_written(a):
            required += 1
        else:
            optional.append(a.name)
    getter = attrgetter(*optional) if len(optional) > 1 else None
    return required, getter, tuple(optional)


def _least_keys(cl: Any, records: Sequence[Any]) -> int:
    """How many keys *records* must hold: the required ones, and every field not at its default.

    A document holding more (a key written twice, an empty field written
    out) is left to the converter.
    """
    required, getter, optional = _key_counters(cl)
    count = required * len(records)
    if getter is not None:
        count += sum(map(bool, chain.from_iterable(map(getter, records))))
    elif optional:
        count += sum(map(bool, map(attrgetter(optional[0]), records)))
    return count


def _plain_ids(values: Iterable[str | None]) -> bool:
    """Whether every id is printable ASCII without edge spaces (the converter keeps it as is).

    ``None`` (no reference) and ``""`` are left out: ``""`` needs no
    normalising, and integrity refuses it.
    """
    ids = list(filter(None, values))
    joined = "".join(ids)
    return joined.isascii() and joined.isprintable() and list(map(str.strip, ids)) == ids


def _value_keys(value: Any, depth: int, limit: int) -> int:
    """The keys inside an ``extra`` value; :class:`_UnusualError` if too deep or a huge number.

    *depth* is the nesting of *value* itself (the ``extra`` object is 1),
    counted as the converter counts it.
    """
    if isinstance(value, dict):
        if depth > limit:
            raise _UnusualError
        return len(value) + sum(_value_keys(v, depth + 1, limit) for v in value.values())
    if isinstance(value, list):
        if depth > limit:
            raise _UnusualError
        return sum(_value_keys(v, depth + 1, limit) for v in value)
    if type(value) is int and not -_BIG_INT < value < _BIG_INT:
        raise _UnusualError
    return 0


def _extras_keys(records: Sequence[Any], limit: int) -> int:
    return sum(_value_keys(extra, 1, limit) for extra in filter(None, map(_EXTRA, records)))


def _pairs_counter() -> tuple[list[int], Callable[[list[tuple[str, Any]]], dict[str, Any]]]:
    count = [0]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            raise _UnusualError
        count[0] += len(items)
        return obj

    return count, pairs


def _small(raw: Any) -> tuple[Any, int]:
    """A small part (the plan, the top-level ``extra``) parsed by ``json``; its keys counted."""
    count, pairs = _pairs_counter()

    def bad(_text: str) -> Any:
        raise _UnusualError

    value = json.loads(bytes(raw), object_pairs_hook=pairs, parse_constant=bad)
    return value, count[0]


def _check_dates(days: Iterable[date], years: tuple[int, int]) -> None:
    distinct = set(days)
    if distinct and not (years[0] <= min(distinct).year and max(distinct).year <= years[1]):
        raise _UnusualError


def load(data: bytes | str, years: tuple[int, int], max_depth: int) -> Campaign | None:
    """The campaign *data* holds, if it is plainly valid; ``None`` to read it the full way.

    A campaign returned here has passed the same integrity checks as the
    full reader's; ``None`` says nothing about validity.
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _load(data, years, max_depth)
    except (_UnusualError, ValueError, TypeError, RecursionError):
        return None
    except Exception as exc:  # msgspec.DecodeError / ValidationError
        if type(exc).__module__.startswith("msgspec"):
            return None
        raise


def _load(data: bytes, years: tuple[int, int], max_depth: int) -> Campaign | None:
    import msgspec

    from . import _integrity as integrity
    from .serialize import SCHEMA, _depth, _years, converter

    doc = _decoder().decode(data)
    if doc.schema != SCHEMA or doc.plan is msgspec.UNSET:
        raise _UnusualError
    keys = sum(1 for f in doc.__struct_fields__ if getattr(doc, f) is not msgspec.UNSET)
    plan_raw, plan_keys = _small(doc.plan)
    keys += plan_keys
    extra: dict[str, Any] = {}
    if doc.extra is not msgspec.UNSET:
        extra_raw, extra_keys = _small(doc.extra)
        if not isinstance(extra_raw, dict):
            raise _UnusualError
        keys += extra_keys
        if extra_raw and integrity_nesting(extra_raw, max_depth):
            raise _UnusualError
        extra = extra_raw
    years_token = _years.set(years)
    depth_token = _depth.set(max_depth)
    try:
        plan = converter.structure(plan_raw, Plan)
    except Exception:
        raise _UnusualError from None
    finally:
        _years.reset(years_token)
        _depth.reset(depth_token)

    sections: dict[str, list[Any]] = {}
    for name, cl in _SECTIONS.items():
        mirrored = getattr(doc, name)
        if mirrored is msgspec.UNSET or not mirrored:
            sections[name] = []
            continue
        records = msgspec.convert(mirrored, list[cl], from_attributes=True)  # type: ignore[valid-type]
        sections[name] = records
        keys += _least_keys(cl, records) + _extras_keys(records, max_depth)
        for field in _ID_FIELDS[cl]:
            if not _plain_ids(map(attrgetter(field), records)):
                raise _UnusualError
    if not _plain_ids(chain.from_iterable(m.bodies for m in sections["members"])):
        raise _UnusualError
    if data.count(b'":') != keys:
        raise _UnusualError
    # A key written with a space before its colon would escape the count: it
    # shows as a colon not right after a quote. Texts rarely hold an ASCII
    # colon (Chinese writes ：), so the pattern is searched only if one does.
    if data.count(b":") != keys and _SPACED_KEY.search(data) is not None:
        raise _UnusualError
    _check_dates(map(attrgetter("visited_on"), sections["visits"]), years)
    _check_dates(map(attrgetter("submitted_on"), sections["submissions"]), years)
    _check_dates(map(attrgetter("on"), sections["follow_ups"]), years)

    parts = integrity.PlanParts(
        plan.title, plan.phases, plan.starts_on, plan.bodies, plan.reply_days
    )
    if not integrity.clean(parts, *sections.values(), plain_ids=True):
        raise _UnusualError
    return Campaign(
        plan=plan,
        groups=tuple(sections["groups"]),
        members=tuple(sections["members"]),
        visits=tuple(sections["visits"]),
        submissions=tuple(sections["submissions"]),
        follow_ups=tuple(sections["follow_ups"]),
        extra=extra,
    )


def integrity_nesting(value: Any, limit: int) -> bool:
    """Whether *value* nests deeper than *limit* (the converter's own test)."""
    from .serialize import _nesting

    return _nesting(value, limit)
