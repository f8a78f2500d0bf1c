"""The ``sanquan/1`` interchange format: one strict cattrs converter, ``load`` and ``dump``.

The converter never coerces: ``5.7`` is not a headcount, ``123`` is not a
name, ``"2017/7/15"`` is not a date. Every record is structured on its own,
so one bad record does not hide the faults of the next; integrity
(duplicate ids, broken references) is checked on what could be read, and
every fault comes back at once, located by its JSON path.
"""

from __future__ import annotations

import contextvars
import functools
import gc
import io
import json
import os
import re
import zipfile
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

from . import _fastload
from . import _integrity as integrity
from ._i18n import N_, _, language, using
from ._integrity import SECTIONS, YEARS, Partial, normalize_id
from ._text import printable
from .errors import DecodeError, Problem, ValidationError
from .model import (
    Body,
    Campaign,
    Channel,
    Circle,
    Event,
    FollowUp,
    FollowUpEvent,
    Group,
    GroupKind,
    LabelledEnum,
    Level,
    Member,
    Phase,
    Plan,
    Points,
    Submission,
    SubmissionKind,
    Visit,
    field_label,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_POINTS",
    "MAX_QUOTA",
    "SCHEMA",
    "converter",
    "dump",
    "load",
    "loads",
]

#: The value of the top-level ``schema`` key this library reads and writes.
SCHEMA: Final = "sanquan/1"

#: The largest document :func:`load` and :func:`loads` read unless told otherwise (512 MiB).
MAX_BYTES: Final = 512 * 1024 * 1024
#: The deepest nesting of ``extra`` values (and of the document) accepted unless told otherwise.
MAX_DEPTH: Final = 64
#: The most items of one kind a plan may ask of each member.
MAX_QUOTA: Final = 1000

_TOP_KEYS: Final = ("schema", "plan", *SECTIONS, "extra")
_RECORD_TYPES: Final[dict[str, type[Any]]] = {
    "groups": Group,
    "members": Member,
    "visits": Visit,
    "submissions": Submission,
    "follow_ups": FollowUpEvent,
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_T = TypeVar("_T")
E = TypeVar("E", bound=LabelledEnum)

#: The years dates may fall in, for the document being read.
_years: contextvars.ContextVar[tuple[int, int]] = contextvars.ContextVar(
    "sanquan_years", default=YEARS
)
#: The deepest ``extra`` nesting, for the document being read.
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("sanquan_depth", default=MAX_DEPTH)


class _InvalidValueError(Exception):
    """A value the converter refuses; carries the clerk's sentence, a code and its facts."""

    def __init__(
        self, message: str, code: str = "type", params: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.params: Mapping[str, Any] = params or {}


class _BadNumber:
    """A number JSON does not allow (NaN, Infinity) or cannot hold (too many digits)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def sentence(self) -> str:
        if self.text in ("NaN", "Infinity", "-Infinity"):
            return _("{name} is not a number JSON allows").format(name=self.text)
        digits = sum(ch.isdigit() for ch in self.text)
        if "." in self.text or "e" in self.text.lower():
            return _("the number {text} is too large for any field").format(text=_short(self.text))
        return _("a number of {digits} digits is too large for any field").format(digits=digits)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:30] + "…" + text[-5:]


def _json_value(value: object) -> Any:
    """*value* as it may go into ``params``: JSON data, long text shortened."""
    if isinstance(value, _BadNumber):
        return value.text if len(value.text) <= 40 else _short(value.text)
    if isinstance(value, str):
        return value if len(value) <= 200 else value[:200] + "…"
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if len(str(value)) <= 20 else str(value)[:20] + "…"
    if isinstance(value, float):
        return value
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return repr(value)  # pragma: no cover - JSON holds nothing else


def _describe(value: object) -> str:
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
        if len(text) > 20:
            return _("a number of {digits} digits").format(digits=len(text.lstrip("-")))
        return _("the number {value}").format(value=text)
    if isinstance(value, float):
        return _("the number {value!r}").format(value=value)
    if isinstance(value, _BadNumber):
        return value.text if len(value.text) <= 40 else _("a number too large")
    if isinstance(value, str):
        return _("the text {value}").format(value=integrity._shown(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__  # pragma: no cover - JSON holds nothing else


# -- the converter ------------------------------------------------------------


def _structure_str(value: object, _t: object) -> str:
    if type(value) is str:
        return value
    raise _InvalidValueError(
        _("expected text, got {found}").format(found=_describe(value)),
        params={"value": _json_value(value), "expected": "text"},
    )


def _structure_id(value: object, _t: object) -> str:
    """An id or a reference to one: text, normalised (see :func:`normalize_id`)."""
    if type(value) is str:
        if value.isascii() and value.isprintable() and value == value.strip():
            return value
        return normalize_id(value)
    raise _InvalidValueError(
        _("expected text, got {found}").format(found=_describe(value)),
        params={"value": _json_value(value), "expected": "text"},
    )


def _structure_opt_id(value: object, _t: object) -> str | None:
    return None if value is None else _structure_id(value, _t)


def _structure_ids(value: object, _t: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise _InvalidValueError(
            _("expected a list, got {found}").format(found=_describe(value)),
            params={"value": _json_value(value), "expected": "list"},
        )
    items: list[str] = []
    errors: list[Exception] = []
    for index, raw in enumerate(value):
        try:
            items.append(_structure_id(raw, str))
        except Exception as exc:
            exc.__notes__ = [*getattr(exc, "__notes__", []), _item_note(index, str)]
            errors.append(exc)
    if errors:
        raise IterableValidationError("invalid items", errors, tuple)
    return tuple(items)


def _structure_int(value: object, _t: object) -> int:
    if type(value) is int:
        return value
    if type(value) is float:
        raise _InvalidValueError(
            _("{value!r} is not a whole number").format(value=value),
            params={"value": value, "expected": "integer"},
        )
    raise _InvalidValueError(
        _("expected a whole number, got {found}").format(found=_describe(value)),
        params={"value": _json_value(value), "expected": "integer"},
    )


def _structure_date(value: object, _t: object) -> date:
    if type(value) is not str:
        raise _InvalidValueError(
            _("expected a date written YYYY-MM-DD, got {found}").format(found=_describe(value)),
            "date",
            {"value": _json_value(value), "expected": "YYYY-MM-DD"},
        )
    if not _ISO_DATE.fullmatch(value):
        raise _InvalidValueError(
            _("{value} is not a date written YYYY-MM-DD (for example 2017-07-15)").format(
                value=integrity._shown(value)
            ),
            "date",
            {"value": _json_value(value), "expected": "YYYY-MM-DD"},
        )
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _InvalidValueError(
            _("{value} is not a real day of the calendar").format(value=integrity._shown(value)),
            "date",
            {"value": value},
        ) from None
    years = _years.get()
    if not years[0] <= day.year <= years[1]:
        raise _InvalidValueError(
            integrity.date_range_message(value, years),
            "date_range",
            {"value": value, "min": years[0], "max": years[1]},
        )
    return day


def _enum_hook(cls: type[LabelledEnum]) -> Callable[[object, object], LabelledEnum]:
    table = cls.spellings()

    def structure(value: object, _t: object) -> LabelledEnum:
        if type(value) is not str:
            raise _InvalidValueError(
                _("expected one of {choices}, got {found}").format(
                    choices=cls.choices(), found=_describe(value)
                ),
                "enum",
                {"value": _json_value(value), "allowed": [m.value for m in cls]},
            )
        found = table.get(value)
        if found is not None:
            return found
        try:
            return cls.parse(value)
        except ValueError:
            raise _InvalidValueError(
                _("{value!r} is not {noun} ({choices})").format(
                    value=value,
                    noun=_(_ENUM_NOUNS.get(cls.__name__, cls.__name__)),
                    choices=cls.choices(),
                ),
                "enum",
                {"value": _json_value(value), "allowed": [m.value for m in cls]},
            ) from None

    return structure


#: How a sentence names each kind of choice (model.LabelledEnum.parse's words, translated).
_ENUM_NOUNS: Final[dict[str, str]] = {
    "Circle": N_("a circle"),
    "SubmissionKind": N_("a submission kind"),
    "GroupKind": N_("a group kind"),
    "Channel": N_("a channel"),
    "FollowUp": N_("a follow-up"),
}


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _t: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _InvalidValueError(
                _("expected a list, got {found}").format(found=_describe(value)),
                params={"value": _json_value(value), "expected": "list"},
            )
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


def _nesting(value: Any, limit: int) -> bool:
    """Whether *value* nests containers deeper than *limit* levels (itself counted)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def _structure_extra(value: object, _t: object) -> dict[str, Any]:
    if isinstance(value, dict):
        limit = _depth.get()
        if value and _nesting(value, limit):
            raise _InvalidValueError(
                _("the portal fields are nested more than {limit} levels deep").format(limit=limit),
                "depth",
                {"limit": limit},
            )
        return dict(value)
    raise _InvalidValueError(
        _("expected an object of portal-specific fields, got {found}").format(
            found=_describe(value)
        ),
        params={"value": _json_value(value), "expected": "object"},
    )


def _structure_quotas(value: object, _t: object) -> dict[SubmissionKind, int]:
    quotas = dict.fromkeys(SubmissionKind, 1)
    quotas.update(_structure_counts(value, SubmissionKind, _QUOTA_WORDS))
    return quotas


#: How the per-key hooks word a negative value, one past the limit, and a non-number.
_Words = tuple[str, str, str]
_QUOTA_WORDS: Final[_Words] = (
    N_("a quota cannot be negative, got {value}"),
    N_("a quota is at most {limit} items, got {found}"),
    N_("expected a whole number of items, got {found}"),
)
_POINTS_WORDS: Final[_Words] = (
    N_("points cannot be negative, got {value}"),
    N_("points are at most {limit}, got {found}"),
    N_("expected a whole number of points, got {found}"),
)
#: The most points one record, or a cap, may give.
MAX_POINTS: Final = 100_000


def _structure_counts(
    value: object, enum_type: type[E], words: _Words, limit: int = MAX_QUOTA
) -> dict[E, int]:
    """An object mapping *enum_type*'s values or labels to whole numbers 0..*limit*."""
    if not isinstance(value, dict):
        example = {SubmissionKind: "suggestion", Circle: "sector", Level: "city"}.get(
            enum_type, "…"
        )
        raise _InvalidValueError(
            _('expected an object such as {{"{key}": 1}}, got {found}').format(
                key=example, found=_describe(value)
            ),
            params={"value": _json_value(value), "expected": "object"},
        )
    counts: dict[E, int] = {}
    errors: list[Exception] = []
    negative, too_many, not_whole = words
    for key, raw in value.items():
        try:
            member = enum_type.parse(key)
        except ValueError as exc:
            bad: Exception = _InvalidValueError(
                str(exc),
                "enum",
                {"value": _json_value(key), "allowed": [k.value for k in enum_type]},
            )
        else:
            if type(raw) is int and 0 <= raw <= limit:
                counts[member] = raw
                continue
            if type(raw) is int and raw < 0:
                bad = _InvalidValueError(
                    _(negative).format(value=raw), "range", {"value": raw, "min": 0}
                )
            elif type(raw) is int:
                bad = _InvalidValueError(
                    _(too_many).format(limit=limit, found=_describe(raw)),
                    "range",
                    {"value": _json_value(raw), "max": limit},
                )
            else:
                bad = _InvalidValueError(
                    _(not_whole).format(found=_describe(raw)),
                    params={"value": _json_value(raw), "expected": "integer"},
                )
        bad.__notes__ = [IterableValidationNote(f"key {key}", key, int)]
        errors.append(bad)
    if errors:
        raise IterableValidationError("invalid counts", errors, dict)
    return counts


def _points_hook(enum_type: type[E]) -> Callable[[object, object], dict[E, int]]:
    def structure(value: object, _t: object) -> dict[E, int]:
        return _structure_counts(value, enum_type, _POINTS_WORDS, MAX_POINTS)

    return structure


def _structure_cap(value: object, _t: object) -> int | None:
    if value is None:
        return None
    if type(value) is int and 0 <= value <= MAX_POINTS:
        return value
    if type(value) is int:
        raise _InvalidValueError(
            _("a cap is 0 to {limit} points, got {value}").format(limit=MAX_POINTS, value=value),
            "range",
            {"value": value, "min": 0, "max": MAX_POINTS},
        )
    raise _InvalidValueError(
        _(_POINTS_WORDS[2]).format(found=_describe(value)),
        params={"value": _json_value(value), "expected": "integer"},
    )


#: Fields of the points rules read by their own hooks.
_POINTS_HOOKS: Final[dict[str, Callable[[object, object], Any]]] = {
    "visit": _points_hook(Circle),
    "item": _points_hook(SubmissionKind),
    "adopted": _points_hook(Level),
    "instructed": _points_hook(Level),
    "member_cap": _structure_cap,
    "phase_cap": _structure_cap,
}


def _is_attrs_record(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


#: Fields holding an id or a reference to one: normalised as they are read.
_ID_HOOKS: Final[dict[str, Callable[[object, object], Any]]] = {
    "id": _structure_id,
    "group_id": _structure_id,
    "member_id": _structure_id,
    "visit_id": _structure_opt_id,
    "submission_id": _structure_opt_id,
    "bodies": _structure_ids,
}
_ID_FIELDS: Final[dict[type[Any], tuple[str, ...]]] = {
    Body: ("id",),
    Group: ("id",),
    Member: ("id", "group_id", "bodies"),
    Visit: ("id", "member_id"),
    Submission: ("id", "member_id", "visit_id"),
    FollowUpEvent: ("id", "submission_id", "visit_id"),
}


def _record_hook_factory(cl: type[Any], conv: cattrs.Converter) -> Callable[[object, object], Any]:
    # Two generated functions with the same strict hooks: a fast one for the
    # common, valid record, and a detailed one, run only when the fast one
    # fails, that collects every fault of the record with its field.
    overrides: dict[str, Any] = {
        name: override(struct_hook=_ID_HOOKS[name]) for name in _ID_FIELDS.get(cl, ())
    }
    if cl is Points:
        overrides.update({name: override(struct_hook=h) for name, h in _POINTS_HOOKS.items()})
    fast = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False, **overrides
    )
    detailed = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
    )

    def structure(value: object, _t: object) -> Any:
        if not isinstance(value, dict):
            raise _InvalidValueError(
                _("expected {noun} written as an object {{...}}, got {found}").format(
                    noun=_(_NOUNS.get(cl, cl.__name__.lower())), found=_describe(value)
                ),
                params={"value": _json_value(value), "expected": "object"},
            )
        try:
            return fast(value, cl)
        except Exception:  # read again below to locate every fault
            return detailed(value, cl)

    return structure


def _field_hooks(cl: type[Any]) -> dict[str, tuple[Callable[[object, object], Any], Any, Any]]:
    """For each field integrity needs: its hook, its type and its default."""
    attrs.resolve_types(cl)
    hooks: dict[str, tuple[Callable[[object, object], Any], Any, Any]] = {}
    for a in attrs.fields(cl):
        if a.name not in integrity.PARTIAL_FIELDS:
            continue
        hook = _ID_HOOKS[a.name] if a.name in _ID_FIELDS.get(cl, ()) else None
        if hook is None:
            hook = converter.get_structure_hook(a.type)
        default = None if a.default is attrs.NOTHING else a.default
        hooks[a.name] = (hook, a.type, default)
    return hooks


def _partial(cl: type[Any], item: Any) -> Partial:
    """What integrity can use of a record that did not read as a whole."""
    if not isinstance(item, dict):
        return Partial()
    values: dict[str, Any] = {}
    faulty: set[str] = set()
    for name, (hook, tp, default) in _PARTIAL_HOOKS[cl].items():
        if name not in item:
            values[name] = default
            continue
        try:
            values[name] = hook(item[name], tp)
        except Exception:  # reported already, by the record's own reading
            values[name] = None
            faulty.add(name)
    return Partial(**values, faulty=frozenset(faulty))


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
        # Without a ledger, a campaign writes what it wrote before the ledger existed.
        overrides["follow_ups"] = override(omit_if_default=True)
    if cl is Plan:
        overrides["reply_days"] = override(omit_if_default=True)
    if cl is Points:
        for name in ("visit", "item", "adopted", "instructed", "scorer"):
            overrides[name] = override(omit_if_default=True)
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
    for enum_type in (Circle, SubmissionKind, GroupKind, Channel, FollowUp, Event, Level):
        # By class: cattrs's own enum hook would otherwise take precedence.
        conv.register_structure_hook(enum_type, _enum_hook(enum_type))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(_is_attrs_record, _record_hook_factory)

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, LabelledEnum), lambda e: e.value
    )
    conv.register_unstructure_hook_func(
        lambda t: t in (Mapping[SubmissionKind, int], Mapping[Circle, int], Mapping[Level, int]),
        lambda q: {k.value: v for k, v in q.items()},
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
    Plan: N_("the plan"),
    Group: N_("a group"),
    Member: N_("a member"),
    Visit: N_("a visit"),
    Submission: N_("a submission"),
    Body: N_("a body"),
    FollowUpEvent: N_("a follow-up event"),
}
_PARTIAL_HOOKS: Final = {cl: _field_hooks(cl) for cl in _RECORD_TYPES.values()}


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
        yield Problem(path, exc.message, exc.code, params=exc.params)
    else:  # pragma: no cover - a converter bug, not a data fault
        raise exc


def _leaf_or_nested(exc: BaseException, path: str, cl: type[Any], name: str) -> Iterator[Problem]:
    if isinstance(exc, KeyError):
        yield Problem(path, _missing_message(cl, name), "missing", params={"field": name})
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


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _join_key(path: str, key: str) -> str:
    if _NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    quoted = json.dumps(key, ensure_ascii=False)
    if not quoted.isprintable():  # control characters, lone surrogates: escaped
        quoted = json.dumps(key)
    return f"{path}[{quoted}]"


def _missing_message(cl: type[Any], name: str) -> str:
    caption = attrs.fields_dict(cl)[name].metadata.get("caption")
    noun = _(_NOUNS.get(cl, cl.__name__.lower()))
    if caption:
        return _("missing: {noun} needs its {field!r} ({caption})").format(
            noun=noun, field=name, caption=caption
        )
    return _("missing: {noun} needs its {field!r}").format(noun=noun, field=name)


def _unknown_field(path: str, key: str, known: Sequence[str]) -> Problem:
    hint = integrity.did_you_mean(key, known)
    if not hint:
        hint = _(" (the fields are {fields}; put portal fields in 'extra')").format(
            fields=", ".join(known)
        )
    return Problem(
        path,
        _("unknown field {key}{hint}").format(key=integrity._shown(key), hint=hint),
        "unknown_field",
        params={"value": _json_value(key), "allowed": list(known)},
    )


# -- reading ------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that repeated a key; the later value would hide the first."""

    repeated: tuple[str, ...] = ()


def _repeats(pairs: list[tuple[str, Any]]) -> _Object:
    flagged = _Object(pairs)
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _v in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    flagged.repeated = tuple(repeated)
    return flagged


#: Path or stream: what :func:`load` reads.
Source = str | os.PathLike[str] | IO[bytes] | IO[str]
#: The JSON text itself: what :func:`loads` reads.
Data = str | bytes | bytearray | memoryview


def _decode_error(message: str, code: str, name: str | None, **params: Any) -> DecodeError:
    return DecodeError([Problem("", message, code, params=params)], name)


def _too_large(size: int, max_bytes: int, name: str | None) -> DecodeError:
    return _decode_error(
        _(
            "the data is {size:,} bytes, more than the {limit:,} bytes this reader accepts "
            "(pass a larger max_bytes to read it)"
        ).format(size=size, limit=max_bytes),
        "too_large",
        name,
        value=size,
        limit=max_bytes,
    )


def _read_source(source: Source, max_bytes: int) -> tuple[bytes | str, str | None]:
    """Return the content of *source* and a name for messages, within *max_bytes*."""
    if isinstance(source, bytes | bytearray | memoryview):
        raise TypeError(
            "sq.load() reads a path or a stream; for JSON held in memory, call sq.loads(data)"
        )
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        if not isinstance(name, str):
            raise TypeError("sq.load() takes a path as str or os.PathLike[str], not bytes")
        try:
            fh = open(name, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError as exc:
            if name.lstrip().startswith(("{", "[")):
                exc.strerror = (
                    f"{exc.strerror} (this looks like JSON text: call sq.loads(text) for "
                    "JSON held in memory)"
                )
            raise
        with fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise _too_large(size, max_bytes, name)
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(len(data), max_bytes, name)
        return data, name
    read = getattr(source, "read", None)
    if read is None:
        raise TypeError(
            f"sq.load() reads a path or a binary or text stream, not {type(source).__name__}"
        )
    stream_name = getattr(source, "name", None)
    label = stream_name if isinstance(stream_name, str) else None
    content = read(max_bytes + 1)
    if not isinstance(content, bytes | str):
        raise TypeError(
            f"sq.load(): the stream gave {type(content).__name__}, not bytes or text; "
            "pass a file opened in binary mode ('rb')"
        )
    if len(content) > max_bytes:
        raise _too_large(len(content), max_bytes, label)
    return content, label


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(data: bytes) -> str | None:
    """Name the kind of file *data* is when it is plainly not JSON, else ``None``."""
    head = data[:8]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        if any(n.startswith("xl/") for n in names):
            return _("this is an Excel workbook (XLSX), not sanquan/1 JSON data")
        if any(n.startswith("word/") for n in names):
            return _("this is a Word document (DOCX), not sanquan/1 JSON data")
        if any(n.startswith("ppt/") for n in names):
            return _("this is a PowerPoint presentation (PPTX), not sanquan/1 JSON data")
        return _("this is a ZIP archive, not sanquan/1 JSON data: unpack it first")
    if head.startswith(b"%PDF"):
        return _("this is a PDF document, not sanquan/1 JSON data")
    if head == _OLE2:
        return _(
            "this is an old-format Office file (an XLS workbook or a DOC document), "
            "not sanquan/1 JSON data"
        )
    return None


def _decode(data: bytes, name: str | None) -> str:
    kind = _sniff(data)
    if kind is not None:
        raise _decode_error(kind, "not_json", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {byte:#04x} at offset {offset})").format(
            byte=data[exc.start], offset=exc.start
        )
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            message = _(
                "not UTF-8 text (byte {byte:#04x} at offset {offset}); it looks like "
                "GBK/GB18030: save the file as UTF-8"
            ).format(byte=data[exc.start], offset=exc.start)
        raise _decode_error(message, "json", name, offset=exc.start) from None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_MAX_DIGITS = 4000


class _Parsed:
    """What the parser noticed that needs a second look at the tree."""

    __slots__ = ("bad_numbers", "repeated", "suspect_text")

    def __init__(self) -> None:
        self.repeated = False
        self.suspect_text = False
        self.bad_numbers = False


def _parse(text: str, name: str | None, max_depth: int, from_bytes: bool) -> tuple[Any, _Parsed]:
    """Parse JSON text; note what the walk over the tree must look at.

    Objects that repeat a key come back as :class:`_Object`, numbers JSON
    does not allow as :class:`_BadNumber`, so each can be reported with
    its path instead of being kept silently or failing without a place.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    seen = _Parsed()
    # Text that came from UTF-8 bytes cannot hold a lone surrogate except
    # through a \\uD800-style escape; text given as str may hold one itself.
    seen.suspect_text = _SURROGATE_ESCAPE.search(text) is not None
    if not from_bytes and not seen.suspect_text and not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            seen.suspect_text = True

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        seen.repeated = True
        return _repeats(items)

    def constant(name: str) -> _BadNumber:
        seen.bad_numbers = True
        return _BadNumber(name)

    def number(text: str) -> float | _BadNumber:
        value = float(text)
        if value - value == 0:
            return value
        seen.bad_numbers = True
        return _BadNumber(text)

    def integer(text: str) -> int | _BadNumber:
        if len(text) > _MAX_DIGITS:
            seen.bad_numbers = True
            return _BadNumber(text)
        return int(text)

    options: dict[str, Any] = {
        "object_pairs_hook": pairs,
        "parse_constant": constant,
        "parse_float": number,
    }
    try:
        try:
            raw = json.loads(text, **options)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError) or "digits" not in str(exc):
                raise
            raw = json.loads(text, parse_int=integer, **options)
    except json.JSONDecodeError as exc:
        message = _("not valid JSON: {reason} at line {line}, column {column}").format(
            reason=_json_reason(exc.msg), line=exc.lineno, column=exc.colno
        )
        if exc.pos == 0 and text.strip().endswith(".json") and "\n" not in text.strip():
            message = _(
                "not valid JSON: {reason} at line {line}, column {column} (this looks like a "
                "file name: call sq.load(path) to read a file)"
            ).format(reason=_json_reason(exc.msg), line=exc.lineno, column=exc.colno)
        raise _decode_error(message, "json", name, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise _too_deep(text, max_depth, name) from None
    return raw, seen


#: The json module's reasons (English, as it words them), translated where known.
_JSON_REASONS: Final = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Extra data"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    }
)


def _json_reason(reason: str) -> str:
    return _(reason) if reason in _JSON_REASONS else reason


def _too_deep(text: str, max_depth: int, name: str | None) -> DecodeError:
    """The located refusal of text nested deeper than the parser can follow."""
    depth, line, column, in_string, escaped = 0, 1, 0, False, False
    for ch in text:
        column += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                break
        elif ch in "]}":
            depth -= 1
        elif ch == "\n":
            line, column = line + 1, 0
    return _decode_error(
        _(
            "the data is nested more than {limit} levels deep (at line {line}, column {column}); "
            "sanquan/1 needs far fewer"
        ).format(limit=max_depth, line=line, column=column),
        "depth",
        name,
        limit=max_depth,
        line=line,
        column=column,
    )


def load(
    source: Source,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    years: tuple[int, int] = YEARS,
) -> Campaign:
    """Read a ``sanquan/1`` file or stream and return the :class:`Campaign` it holds.

    Args:
        source: a path (``str`` or :class:`os.PathLike`), or a binary or
            text stream. A ``str`` is always a path: JSON held in memory
            goes to :func:`loads`. Bytes are read as UTF-8 (a byte-order
            mark is allowed).
        max_bytes: refuse a file larger than this, before reading it
            (default 512 MiB).
        max_depth: refuse ``extra`` values nested deeper than this
            (default 64).
        years: the first and last year a date may fall in (default 1900–2099).

    Raises:
        ValidationError: the document is not valid; ``problems`` lists
            every fault, each with its JSON path.
        DecodeError: the input is not JSON at all, is another kind of file
            (a workbook, a PDF), or is over a limit (a subclass of
            :class:`ValidationError`).
        TypeError: *source* is not a path or a stream (JSON text or bytes:
            use :func:`loads`).
        OSError: the file cannot be opened.
    """
    content, name = _read_source(source, max_bytes)
    return _load_content(content, name, max_depth, years)


def loads(
    data: Data,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    years: tuple[int, int] = YEARS,
) -> Campaign:
    """Read a ``sanquan/1`` document held in memory: JSON text or UTF-8 bytes.

    Takes the same limits as :func:`load` and raises the same errors;
    *data* longer than *max_bytes* (bytes, or characters for text) is refused.

    Raises:
        TypeError: *data* is not ``str`` or bytes (for a path or a stream,
            use :func:`load`).
    """
    if isinstance(data, memoryview | bytearray):
        data = bytes(data)
    if not isinstance(data, str | bytes):
        raise TypeError(
            f"sq.loads() takes the JSON itself as str or bytes, not {type(data).__name__}; "
            "for a path or a stream, call sq.load(source)"
        )
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, None)
    return _load_content(data, None, max_depth, years)


def _load_content(
    content: bytes | str, name: str | None, max_depth: int, years: tuple[int, int]
) -> Campaign:
    # Reading builds hundreds of thousands of records that all stay alive:
    # the cyclic collector would walk them again and again for nothing
    # (a fifth of the time at prefecture scale). It is paused meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        campaign = _fastload.load(content, years, max_depth)
        if campaign is None:
            campaign = _read_fully(content, name, max_depth, years)
    finally:
        if collecting:
            gc.enable()
    # The new records are all young: the collector's next passes would walk
    # them as the youngest generation, then again as the middle one, whatever
    # the program does next (a summary's first few thousand dicts). One pass
    # over the young and middle generations moves them to the oldest at
    # once; the older objects are not walked.
    if collecting and gc.get_count()[0] > _MANY_YOUNG:
        gc.collect(1)
    return campaign


#: How many objects a read must leave young for the collection after it.
_MANY_YOUNG: Final = 50_000


def _read_fully(
    content: bytes | str, name: str | None, max_depth: int, years: tuple[int, int]
) -> Campaign:
    """Read *content* with the converter: the campaign, or every problem located."""
    if isinstance(content, bytes):
        text, from_bytes = _decode(content, name), True
    else:
        text, from_bytes = content, False
        if text.startswith("%PDF"):
            raise _decode_error(
                _("this is a PDF document, not sanquan/1 JSON data"), "not_json", name
            )
    raw, seen = _parse(text, name, max_depth, from_bytes)
    years_token = _years.set(years)
    depth_token = _depth.set(max_depth)
    try:
        with using(language()):  # the language is looked up once, not per sentence
            campaign, problems = _structure_document(raw, seen)
    finally:
        _years.reset(years_token)
        _depth.reset(depth_token)
    if problems or campaign is None:
        raise ValidationError(problems, name)
    return campaign


def _structure_document(
    raw: Any, seen: _Parsed | None = None
) -> tuple[Campaign | None, list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        found = _describe(raw)
        problems.append(
            Problem(
                "",
                _("a sanquan/1 document is a JSON object {{...}}, got {found}").format(found=found),
                "schema",
                params={"value": _json_value(raw), "expected": "object"},
            )
        )
        return None, problems
    walked: list[Problem] = []
    if seen is not None and (seen.repeated or seen.suspect_text or seen.bad_numbers):
        walked = list(_walk(raw))

    schema = raw.get("schema")
    if schema != SCHEMA:
        if "schema" not in raw:
            message = _('missing: the document must say "schema": "{schema}"').format(schema=SCHEMA)
        else:
            message = _("{value} is not a format this library reads (expected {schema!r})").format(
                value=integrity._shown(schema) if isinstance(schema, str) else _describe(schema),
                schema=SCHEMA,
            )
        problems.append(Problem("schema", message, "schema", params={"value": _json_value(schema)}))
    for key in raw:
        if key not in _TOP_KEYS:
            problems.append(_unknown_field(_join_key("", key), key, _TOP_KEYS))

    plan: Plan | None = None
    if "plan" not in raw:
        problems.append(
            Problem(
                "plan",
                _("missing: the document needs its 'plan'"),
                "missing",
                params={"field": "plan"},
            )
        )
    else:
        plan = _structure_one(raw["plan"], Plan, "plan", problems)

    extra: dict[str, Any] = {}
    if "extra" in raw:
        extra = _structure_one(raw["extra"], Mapping[str, Any], "extra", problems) or {}

    sections: dict[str, list[tuple[int, Any]]] = {}
    unreadable: set[str] = set()
    for section in SECTIONS:
        read = _structure_section(raw, section, problems)
        if read is None:
            unreadable.add(section)
            sections[section] = []
        else:
            sections[section] = read

    parts = _plan_parts(plan, raw.get("plan"))
    problems.extend(
        integrity.check(
            parts,
            integrity.Sections(
                sections["groups"],
                sections["members"],
                sections["visits"],
                sections["submissions"],
                sections["follow_ups"],
                frozenset(unreadable),
            ),
        )
    )
    if walked:
        # A value the walk reported (NaN, a lone surrogate) is not reported
        # again by the field that could not take it.
        places = {p.path for p in walked if p.code != "duplicate_key"}
        problems = [
            p for p in problems if p.path not in places or p.code not in _VALUE_CODES
        ] + walked
    if problems:
        problems.sort(key=integrity.document_order)
        return None, name_records(problems, raw)
    if plan is None:  # pragma: no cover - a missing plan is a problem
        return None, problems
    campaign = Campaign(
        plan=plan,
        groups=tuple(r for _i, r in sections["groups"]),
        members=tuple(r for _i, r in sections["members"]),
        visits=tuple(r for _i, r in sections["visits"]),
        submissions=tuple(r for _i, r in sections["submissions"]),
        follow_ups=tuple(r for _i, r in sections["follow_ups"]),
        extra=extra,
    )
    return campaign, problems


def _plan_parts(plan: Plan | None, raw: Any) -> integrity.PlanParts:
    """The plan's parts integrity needs, read one by one if the plan as a whole failed."""
    if plan is not None:
        return integrity.PlanParts(
            plan.title, plan.phases, plan.starts_on, plan.bodies, plan.reply_days
        )
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
        reply_days=part("reply_days", int) if "reply_days" in raw else None,
    )


def _structure_one(value: Any, tp: Any, path: str, problems: list[Problem]) -> Any:
    try:
        return converter.structure(value, tp)
    except Exception as exc:
        problems.extend(_problems_from(exc, path, None))
        return None


def _structure_section(
    raw: Mapping[str, Any], section: str, problems: list[Problem]
) -> list[tuple[int, Any]] | None:
    """Structure one list of records; a record that fails comes back as a :class:`Partial`.

    ``None`` when the section is not a list at all.
    """
    items = raw.get(section, [])
    if type(items) is not list:
        problems.append(
            Problem(
                section,
                _("expected a list of records, got {found}").format(found=_describe(items)),
                "type",
                params={"value": _json_value(items), "expected": "list"},
            )
        )
        return None
    cl = _RECORD_TYPES[section]
    hook = converter.get_structure_hook(cl)
    records: list[tuple[int, Any]] = []
    for index, item in enumerate(items):
        try:
            records.append((index, hook(item, cl)))
        except Exception as exc:
            problems.extend(_problems_from(exc, f"{section}[{index}]", None))
            # The record is unusable as a whole, but what did read still
            # counts: its id exists, its references and headcount are checked.
            records.append((index, _partial(cl, item)))
    return records


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(raw: Any) -> Iterator[Problem]:
    """Faults only the whole tree shows: repeated keys, lone surrogates, bad numbers."""
    stack: list[tuple[Any, str]] = [(raw, "")]
    while stack:
        obj, path = stack.pop()
        if isinstance(obj, dict):
            if isinstance(obj, _Object):
                for key in obj.repeated:
                    yield Problem(
                        _join_key(path, key),
                        _(
                            "the key {key} is written more than once; only the last would be kept"
                        ).format(key=integrity._shown(key)),
                        "duplicate_key",
                        params={"value": _json_value(key)},
                    )
            for key, value in obj.items():
                if _has_lone_surrogate(key):
                    yield _invalid_text(path, key, key=True)
                    continue
                stack.append((value, _join_key(path, key)))
        elif isinstance(obj, list):
            stack.extend((value, f"{path}[{index}]") for index, value in enumerate(obj))
        elif isinstance(obj, str):
            if _has_lone_surrogate(obj):
                yield _invalid_text(path, obj, key=False)
        elif isinstance(obj, _BadNumber):
            yield Problem(path, obj.sentence(), "number", params={"value": _json_value(obj)})


def _invalid_text(path: str, text: str, *, key: bool) -> Problem:
    where = next(i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF)
    code_point = f"U+{ord(text[where]):04X}"
    if key:
        message = _(
            "a key holds an invalid character (a lone surrogate, {char}, at position {pos})"
        ).format(char=code_point, pos=where + 1)
    else:
        message = _(
            "contains an invalid character (a lone surrogate, {char}, at position {pos}): "
            "the text was damaged before it reached this file"
        ).format(char=code_point, pos=where + 1)
    return Problem(path, message, "invalid_text", params={"char": code_point, "position": where})


# -- sentences that name the record -------------------------------------------

#: How a sentence names a record of each section: with its member or name,
#: with its id alone, by its number when it has no usable id.
_RECORD_NAMES: Final[dict[str, tuple[str, str, str]]] = {
    "groups": (N_("group {id} ({name})"), N_("group {id}"), N_("group no. {number}")),
    "members": (N_("member {id} ({name})"), N_("member {id}"), N_("member no. {number}")),
    "visits": (N_("visit {id} ({name})"), N_("visit {id}"), N_("visit no. {number}")),
    "submissions": (
        N_("submission {id} ({name})"),
        N_("submission {id}"),
        N_("submission no. {number}"),
    ),
    "follow_ups": (
        N_("follow-up event {id} ({name})"),
        N_("follow-up event {id}"),
        N_("follow-up event no. {number}"),
    ),
}
_VALUE_CODES = frozenset({"type", "enum", "date"})
_WITHOUT_FIELD = frozenset({"unknown_field", "missing", "duplicate_key"})


def _text_of(value: Any) -> str | None:
    if type(value) is not str or _has_lone_surrogate(value):
        return None
    return value


def name_records(problems: list[Problem], raw: Mapping[str, Any]) -> list[Problem]:
    """Fill in each problem's record id, member name and sentence naming the record."""
    member_names: dict[str, str] | None = None

    def name_of_member(member_id: Any) -> str | None:
        nonlocal member_names
        if member_names is None:
            member_names = {}
            members = raw.get("members")
            for item in members if isinstance(members, list) else ():
                if isinstance(item, dict):
                    mid, name = _text_of(item.get("id")), _text_of(item.get("name"))
                    if mid is not None and name is not None:
                        member_names.setdefault(normalize_id(mid), name)
        text = _text_of(member_id)
        return None if text is None else member_names.get(normalize_id(text))

    tr = functools.lru_cache(maxsize=None)(_)  # one look-up of the language per sentence kind
    named: list[Problem] = []
    for problem in problems:
        loc = problem.loc
        if len(loc) >= 2 and loc[0] in _RECORD_NAMES and isinstance(loc[1], int):
            section, index = str(loc[0]), loc[1]
            items = raw.get(section)
            item = items[index] if isinstance(items, list) and index < len(items) else None
            item = item if isinstance(item, dict) else {}
            record_id = _text_of(item.get("id"))
            record_id = None if record_id is None else normalize_id(record_id) or None
            if section in ("groups", "members"):
                name = _text_of(item.get("name"))
                member = name if section == "members" else None
            else:
                name = member = name_of_member(item.get("member_id"))
            with_name, with_id, by_number = _RECORD_NAMES[section]
            if record_id is None:
                record = tr(by_number).format(number=index + 1)
            elif name is None or integrity.blank(name):
                record = tr(with_id).format(id=printable(record_id))
            else:
                record = tr(with_name).format(id=printable(record_id), name=printable(name))
            rest = loc[2:]
            cl = _RECORD_TYPES[section]
        elif loc and loc[0] == "plan":
            record, record_id, member, rest, cl = tr(N_("the plan")), None, None, loc[1:], Plan
        else:
            named.append(problem)
            continue
        if rest and isinstance(rest[0], str) and problem.code not in _WITHOUT_FIELD:
            field = printable(field_label(cl, rest[0]))
            sentence = tr(N_("{record}, {field}: {problem}")).format(
                record=record, field=field, problem=problem.message
            )
        else:
            sentence = tr(N_("{record}: {problem}")).format(record=record, problem=problem.message)
        named.append(attrs.evolve(problem, record_id=record_id, member=member, sentence=sentence))
    return named


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
