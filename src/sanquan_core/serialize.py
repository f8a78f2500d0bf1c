"""The ``sanquan/1`` interchange format: one strict cattrs converter, ``load`` and ``dump``.

The converter never coerces: ``5.7`` is not a headcount, ``123`` is not a
name, ``"2017/7/15"`` is not a date. Every record is structured on its own,
so one bad record does not hide the faults of the next; integrity
(duplicate ids, broken references) is checked on what could be read, and
every fault comes back at once, located by its JSON path.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import IO, Any, Final, TypeVar, cast, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import _integrity as integrity
from ._integrity import SECTIONS
from .errors import DecodeError, Problem, ValidationError
from .model import (
    Body,
    Campaign,
    Channel,
    Circle,
    FollowUp,
    Group,
    GroupKind,
    LabelledEnum,
    Member,
    Phase,
    Plan,
    Submission,
    SubmissionKind,
    Visit,
)

__all__ = ["SCHEMA", "converter", "dump", "load"]

#: The value of the top-level ``schema`` key this library reads and writes.
SCHEMA: Final = "sanquan/1"

_TOP_KEYS: Final = ("schema", "plan", *SECTIONS, "extra")
_RECORD_TYPES: Final[dict[str, type[Any]]] = {
    "groups": Group,
    "members": Member,
    "visits": Visit,
    "submissions": Submission,
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_T = TypeVar("_T")


class _InvalidValueError(Exception):
    """A value the converter refuses; carries the clerk's sentence and a code."""

    def __init__(self, message: str, code: str = "type") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - JSON holds nothing else


# -- the converter ------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _InvalidValueError(f"expected text, got {_describe(value)}")


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    if type(value) is float:
        raise _InvalidValueError(f"{value!r} is not a whole number")
    raise _InvalidValueError(f"expected a whole number, got {_describe(value)}")


def _structure_date(value: object, _: object) -> date:
    if type(value) is not str:
        raise _InvalidValueError(
            f"expected a date written YYYY-MM-DD, got {_describe(value)}", "date"
        )
    if not _ISO_DATE.fullmatch(value):
        raise _InvalidValueError(
            f"{value!r} is not a date written YYYY-MM-DD (for example 2017-07-15)", "date"
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _InvalidValueError(f"{value!r} is not a real day of the calendar", "date") from None


def _enum_hook(cls: type[LabelledEnum]) -> Callable[[object, object], LabelledEnum]:
    table = cls.spellings()

    def structure(value: object, _: object) -> LabelledEnum:
        if type(value) is not str:
            raise _InvalidValueError(
                f"expected one of {cls.choices()}, got {_describe(value)}", "enum"
            )
        found = table.get(value)
        if found is not None:
            return found
        try:
            return cls.parse(value)
        except ValueError as exc:
            raise _InvalidValueError(str(exc), "enum") from None

    return structure


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _InvalidValueError(f"expected a list, got {_describe(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, raw in enumerate(value):
            try:
                items.append(item_hook(raw, item_type))
            except Exception as exc:
                exc.__notes__ = [*getattr(exc, "__notes__", []), _item_note(index, item_type)]
                errors.append(exc)
        if errors:
            raise IterableValidationError("invalid items", errors, tuple)
        return tuple(items)

    return structure


def _item_note(index: int, item_type: Any) -> IterableValidationNote:
    return IterableValidationNote(f"item {index}", index, item_type)


def _structure_extra(value: object, _: object) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    raise _InvalidValueError(
        f"expected an object of portal-specific fields, got {_describe(value)}"
    )


def _structure_quotas(value: object, _: object) -> dict[SubmissionKind, int]:
    if not isinstance(value, dict):
        raise _InvalidValueError(
            f'expected an object such as {{"suggestion": 1}}, got {_describe(value)}'
        )
    quotas = dict.fromkeys(SubmissionKind, 1)
    errors: list[Exception] = []
    for key, raw in value.items():
        try:
            kind = SubmissionKind.parse(key)
        except ValueError as exc:
            bad: Exception = _InvalidValueError(str(exc), "enum")
        else:
            if type(raw) is int and raw >= 0:
                quotas[kind] = raw
                continue
            if type(raw) is int:
                bad = _InvalidValueError(f"a quota cannot be negative, got {raw}", "range")
            else:
                bad = _InvalidValueError(f"expected a whole number of items, got {_describe(raw)}")
        bad.__notes__ = [IterableValidationNote(f"key {key}", key, int)]
        errors.append(bad)
    if errors:
        raise IterableValidationError("invalid quotas", errors, dict)
    return quotas


def _is_attrs_record(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _record_hook_factory(cl: type[Any], conv: cattrs.Converter) -> Callable[[object, object], Any]:
    # Two generated functions with the same strict hooks: a fast one for the
    # common, valid record, and a detailed one, run only when the fast one
    # fails, that collects every fault of the record with its field.
    fast = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
    )
    detailed = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    noun = _NOUNS.get(cl, cl.__name__.lower())

    def structure(value: object, _: object) -> Any:
        if not isinstance(value, dict):
            raise _InvalidValueError(
                f"expected {noun} written as an object {{...}}, got {_describe(value)}"
            )
        try:
            return fast(value, cl)
        except Exception:  # read again below to locate every fault
            return detailed(value, cl)

    return structure


def _unstructure_hook_factory(cl: type[Any], conv: cattrs.Converter) -> Callable[[Any], Any]:
    # Optional text and references are left out when empty; what the reader
    # would assume anyway (headcount 1, in person) is written out.
    overrides: dict[str, Any] = {
        a.name: override(omit_if_default=True)
        for a in attrs.fields(cl)
        if a.default is None or a.default == "" or a.name == "extra"
    }
    if cl is Campaign:
        overrides["_index"] = override(omit=True)
    return make_dict_unstructure_fn(cl, conv, **overrides)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # cattrs's own hooks for these classes coerce (str(123), int(5.7)).
    # Class hooks also match subclasses, so each enum gets its own below.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook_func(lambda t: t == Mapping[str, Any], _structure_extra)
    conv.register_structure_hook_func(
        lambda t: t == Mapping[SubmissionKind, int], _structure_quotas
    )
    for enum_type in (Circle, SubmissionKind, GroupKind, Channel, FollowUp):
        # By class: cattrs's own enum hook would otherwise take precedence.
        conv.register_structure_hook(enum_type, _enum_hook(enum_type))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(_is_attrs_record, _record_hook_factory)

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, LabelledEnum), lambda e: e.value
    )
    conv.register_unstructure_hook_func(
        lambda t: t == Mapping[SubmissionKind, int], lambda q: {k.value: v for k, v in q.items()}
    )
    conv.register_unstructure_hook_func(lambda t: t == Mapping[str, Any], dict)
    conv.register_unstructure_hook_factory(_is_attrs_record, _unstructure_hook_factory)
    return conv


#: The one converter between ``sanquan/1`` documents and the records of
#: :mod:`sanquan_core.model`. Structuring single records with it is strict;
#: :func:`load` adds what a whole document needs (every fault at once,
#: integrity, paths).
converter: Final = _make_converter()

_NOUNS: dict[type[Any], str] = {
    Plan: "the plan",
    Group: "a group",
    Member: "a member",
    Visit: "a visit",
    Submission: "a submission",
    Body: "a body",
}


# -- turning cattrs errors into problems -------------------------------------


def _problems_from(exc: BaseException, path: str, cl: type[Any] | None) -> Iterator[Problem]:
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            name = _note_name(sub)
            if name is None:
                yield from _problems_from(sub, path, exc.cl)
            else:
                yield from _leaf_or_nested(sub, f"{path}.{name}", exc.cl, name)
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            index = _note_index(sub)
            sub_path = path if index is None else _join_index(path, index)
            yield from _problems_from(sub, sub_path, None)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl) if not a.name.startswith("_")]
        for key in sorted(exc.extra_fields):
            yield _unknown_field(_join_key(path, key), key, known)
    elif isinstance(exc, _InvalidValueError):
        yield Problem(path, exc.message, exc.code)
    else:  # pragma: no cover - a converter bug, not a data fault
        raise exc


def _leaf_or_nested(exc: BaseException, path: str, cl: type[Any], name: str) -> Iterator[Problem]:
    if isinstance(exc, KeyError):
        yield Problem(path, _missing_message(cl, name), "missing")
    else:
        yield from _problems_from(exc, path, cl)


def _note_name(exc: BaseException) -> str | None:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return name
    return None


def _note_index(exc: BaseException) -> int | str | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, IterableValidationNote):
            return note.index
    return None


def _join_index(path: str, index: int | str) -> str:
    return f"{path}[{index}]" if isinstance(index, int) else _join_key(path, index)


def _join_key(path: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _missing_message(cl: type[Any], name: str) -> str:
    caption = attrs.fields_dict(cl)[name].metadata.get("caption")
    noun = _NOUNS.get(cl, cl.__name__.lower())
    needs = f"{noun} needs its {name!r}"
    return f"missing: {needs} ({caption})" if caption else f"missing: {needs}"


def _unknown_field(path: str, key: str, known: Sequence[str]) -> Problem:
    hint = integrity.did_you_mean(key, known)
    if not hint:
        hint = f" (the fields are {', '.join(known)}; put portal fields in 'extra')"
    return Problem(path, f"unknown field {key!r}{hint}", "unknown_field")


# -- reading ------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that repeated a key; the later value would hide the first."""

    repeated: tuple[str, ...] = ()


def _repeats(pairs: list[tuple[str, Any]]) -> _Object:
    flagged = _Object(pairs)
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    flagged.repeated = tuple(repeated)
    return flagged


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes] | IO[str]


def _read(source: Source) -> tuple[str, str | None]:
    """Return the text of *source* and a name for messages."""
    if isinstance(source, bytes | bytearray):
        return _decode(bytes(source), None), None
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return source, None
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        with open(name, "rb") as fh:
            return _decode(fh.read(), name), name
    data = source.read()
    stream_name = getattr(source, "name", None)
    label = stream_name if isinstance(stream_name, str) else None
    if isinstance(data, str):
        return data, label
    return _decode(data, label), label


def _decode(data: bytes, name: str | None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start})"
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            message += "; it looks like GBK/GB18030: save the file as UTF-8"
        raise DecodeError([Problem("", message, "json")], name) from None


def _parse(text: str, name: str | None) -> tuple[Any, bool]:
    """Parse JSON text; say whether some object repeated a key.

    Objects that repeat a key come back as :class:`_Object`, so the
    repetition can be reported with its path instead of silently keeping
    the last value.
    """
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        repeated = True
        return _repeats(items)

    try:
        raw = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise DecodeError([Problem("", message, "json")], name) from None
    except ValueError as exc:
        raise DecodeError([Problem("", f"not valid JSON: {exc}", "json")], name) from None
    return raw, repeated


def load(source: Source) -> Campaign:
    """Read a ``sanquan/1`` document and return the :class:`Campaign` it holds.

    Args:
        source: a path (``str`` or :class:`os.PathLike`), the document itself
            (``bytes``, or a ``str`` starting with ``{``), or a binary or
            text stream. Bytes are read as UTF-8 (a byte-order mark is
            allowed).

    Raises:
        ValidationError: the document is not valid; ``problems`` lists
            every fault, each with its JSON path.
        DecodeError: the input is not JSON at all (a subclass of
            :class:`ValidationError`).
        OSError: the file cannot be opened.
    """
    text, name = _read(source)
    raw, repeated_keys = _parse(text, name)
    campaign, problems = _structure_document(raw, repeated_keys)
    if problems or campaign is None:
        raise ValidationError(problems, name)
    return campaign


def _structure_document(
    raw: Any, repeated_keys: bool = False
) -> tuple[Campaign | None, list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        found = _describe(raw)
        problems.append(
            Problem("", f"a sanquan/1 document is a JSON object {{...}}, got {found}", "schema")
        )
        return None, problems
    if repeated_keys:
        problems.extend(_nested_repeats(raw, ""))

    schema = raw.get("schema")
    if schema != SCHEMA:
        if "schema" not in raw:
            message = f'missing: the document must say "schema": "{SCHEMA}"'
        else:
            message = f"{schema!r} is not a format this library reads (expected {SCHEMA!r})"
        problems.append(Problem("schema", message, "schema"))
    for key in raw:
        if key not in _TOP_KEYS:
            problems.append(_unknown_field(_join_key("", key), key, _TOP_KEYS))

    plan: Plan | None = None
    if "plan" not in raw:
        problems.append(Problem("plan", "missing: the document needs its 'plan'", "missing"))
    else:
        plan = _structure_one(raw["plan"], Plan, "plan", problems)

    extra: dict[str, Any] = {}
    if "extra" in raw:
        extra = _structure_one(raw["extra"], Mapping[str, Any], "extra", problems) or {}

    sections: dict[str, list[tuple[int, Any]]] = {}
    unread: dict[str, list[tuple[int, str]]] = {}
    unreadable: set[str] = set()
    for section in SECTIONS:
        read = _structure_section(raw, section, problems)
        if read is None:
            unreadable.add(section)
            sections[section], unread[section] = [], []
        else:
            sections[section], unread[section] = read

    parts = _plan_parts(plan, raw.get("plan"))
    problems.extend(
        integrity.check(
            parts,
            integrity.Sections(
                sections["groups"],
                sections["members"],
                sections["visits"],
                sections["submissions"],
                unread,
                frozenset(unreadable),
            ),
        )
    )
    problems.sort(key=integrity.document_order)
    if problems or plan is None:
        return None, problems
    campaign = Campaign(
        plan=plan,
        groups=tuple(r for _, r in sections["groups"]),
        members=tuple(r for _, r in sections["members"]),
        visits=tuple(r for _, r in sections["visits"]),
        submissions=tuple(r for _, r in sections["submissions"]),
        extra=extra,
    )
    return campaign, problems


def _plan_parts(plan: Plan | None, raw: Any) -> integrity.PlanParts:
    """The plan's parts integrity needs, read one by one if the plan as a whole failed."""
    if plan is not None:
        return integrity.PlanParts(plan.title, plan.phases, plan.starts_on, plan.bodies)
    if not isinstance(raw, dict):
        return integrity.PlanParts()

    def part(key: str, tp: Any) -> Any:
        try:
            return converter.structure(raw[key], tp)
        except Exception:
            return None

    return integrity.PlanParts(
        title=part("title", str),
        phases=part("phases", tuple[Phase, ...]),
        starts_on=part("starts_on", date),
        bodies=part("bodies", tuple[Body, ...]),
    )


def _structure_one(value: Any, tp: Any, path: str, problems: list[Problem]) -> Any:
    try:
        return converter.structure(value, tp)
    except Exception as exc:
        problems.extend(_problems_from(exc, path, None))
        return None


def _structure_section(
    raw: Mapping[str, Any], section: str, problems: list[Problem]
) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]] | None:
    """Structure one list of records; return the good ones and the ids of the bad.

    ``None`` when the section is not a list at all.
    """
    items = raw.get(section, [])
    if type(items) is not list:
        problems.append(
            Problem(section, f"expected a list of records, got {_describe(items)}", "type")
        )
        return None
    cl = _RECORD_TYPES[section]
    hook = converter.get_structure_hook(cl)
    good: list[tuple[int, Any]] = []
    unread: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        path = f"{section}[{index}]"
        try:
            good.append((index, hook(item, cl)))
        except Exception as exc:
            problems.extend(_problems_from(exc, path, None))
            # The record is unusable, but its id still exists: references
            # to it are not reported a second time as unknown.
            if isinstance(item, dict) and type(item.get("id")) is str:
                unread.append((index, item["id"]))
    return good, unread


def _nested_repeats(obj: Any, path: str) -> Iterator[Problem]:
    if isinstance(obj, dict):
        if isinstance(obj, _Object):
            for key in obj.repeated:
                yield Problem(
                    _join_key(path, key),
                    f"the key {key!r} is written more than once; only the last would be kept",
                    "duplicate_key",
                )
        for key, value in obj.items():
            yield from _nested_repeats(value, _join_key(path, key))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from _nested_repeats(value, f"{path}[{index}]")


# -- writing ------------------------------------------------------------------


def _document(campaign: Campaign) -> dict[str, Any]:
    body = cast(dict[str, Any], converter.unstructure(campaign, Campaign))
    return {"schema": SCHEMA, **body}


@overload
def dump(campaign: Campaign, target: None = None) -> str: ...
@overload
def dump(campaign: Campaign, target: str | os.PathLike[str] | IO[bytes] | IO[str]) -> None: ...


def dump(
    campaign: Campaign, target: str | os.PathLike[str] | IO[bytes] | IO[str] | None = None
) -> str | None:
    """Write *campaign* as a ``sanquan/1`` document.

    The output is UTF-8 JSON, indented, Chinese written as itself, enums
    as their English values. The same campaign always gives the same bytes.

    Args:
        campaign: what to write.
        target: a path, or a binary or text stream. When omitted, the
            document is returned as a string.
    """
    text = json.dumps(_document(campaign), ensure_ascii=False, indent=2) + "\n"
    if target is None:
        return text
    if isinstance(target, str | os.PathLike):
        from ._io import atomic_path

        with atomic_path(target) as fh:
            fh.write(text.encode("utf-8"))
        return None
    if isinstance(target, io.TextIOBase):
        target.write(text)
    else:
        cast(IO[bytes], target).write(text.encode("utf-8"))
    return None
