"""The JSON Schema (draft 2020-12) of the ``sanquan/1`` format, derived from the model.

:func:`json_schema` builds it from the attrs records of :mod:`sanquan_core.model`:
each field's type, whether it is required, its form caption (as ``title``);
enums accept what the loader accepts (the English value, the Chinese label,
with or without quotation marks). The package also ships it as the file
``sanquan_core/data/sanquan-1.schema.json`` (``scripts/make_schema.py``
writes it; a test checks it is up to date).

The schema says what a document must look like; the loader checks more.
What no JSON Schema can express is left to :func:`sanquan_core.load`:
duplicate ids, references to unknown groups, members, bodies or visits, a
submission citing another member's visit, phases out of date order, the
order of an item's follow-up events, a key written twice, and ``2.0`` as a
whole number (JSON Schema counts it as an
integer; the loader refuses it).
"""

from __future__ import annotations

import copy
import inspect
import json
import re
import types
from collections.abc import Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

import attrs

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
    Satisfaction,
    Submission,
    SubmissionKind,
    Visit,
)
from .serialize import SCHEMA

__all__ = ["DIALECT", "SCHEMA_FILE", "json_schema", "packaged_schema", "schema_text"]

#: The JSON Schema dialect used.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: The packaged copy, in ``sanquan_core.data``.
SCHEMA_FILE: Final = "sanquan-1.schema.json"

#: The loader ignores these characters in enum labels (see ``LabelledEnum.parse``).
_QUOTES: Final = "\"'“”‘’「」"
_ENUMS: Final = (Circle, SubmissionKind, GroupKind, Channel, FollowUp, Event, Level, Satisfaction)
_RECORDS: Final = (Plan, Phase, Points, Body, Group, Member, Visit, Submission, FollowUpEvent)
_SECTIONS: Final = {
    "groups": (Group, "委员工作组、联络组"),
    "members": (Member, "委员"),
    "visits": (Visit, "走访情况登记表（附件1）"),
    "submissions": (Submission, "“三个一”工作成果登记表（附件2）"),
    "follow_ups": (FollowUpEvent, "办理台账"),
}
#: Bounds the loader enforces beyond the type: (record, field) -> keywords.
_BOUNDS: Final[dict[tuple[type[Any], str], dict[str, Any]]] = {
    (Visit, "headcount"): {"minimum": 1},
    (Plan, "phases"): {"minItems": 1},
    (Plan, "reply_days"): {"minimum": 1, "maximum": 366},
    (Points, "member_cap"): {"minimum": 0, "maximum": 100000},
    (Points, "phase_cap"): {"minimum": 0, "maximum": 100000},
}
#: Text fields the loader refuses when empty or blank.
_NOT_BLANK: Final = r"\S"
_DATE: Final = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "a day of the calendar written YYYY-MM-DD, e.g. 2017-07-15",
}
_EXTRA: Final = {
    "type": "object",
    "title": "扩展字段",
    "description": "fields a portal keeps for itself: any JSON object, kept as read",
}


def _ref(cls: type[Any]) -> dict[str, str]:
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _summary(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _spelling_pattern(spelling: str) -> str:
    """A regex matching *spelling* with quotation marks anywhere, as the loader allows."""
    quotes = f"[{re.escape(_QUOTES)}]*"
    bare = spelling.translate(str.maketrans("", "", _QUOTES))
    return quotes + quotes.join(re.escape(ch) for ch in bare) + quotes


def _enum_schema(cls: type[LabelledEnum]) -> dict[str, Any]:
    choices = []
    for member in cls:
        spellings = list(dict.fromkeys([member.value, member.label]))
        alternatives = "|".join(dict.fromkeys(_spelling_pattern(s) for s in spellings))
        choices.append(
            {
                "title": f"{member.value} ({member.label})",
                "examples": spellings,
                "pattern": f"^(?:{alternatives})$",
            }
        )
    return {
        "title": cls.__name__,
        "description": f"{_summary(cls)} Written as the English value or the Chinese label "
        "(quotation marks in a label do not matter); the library writes the English value.",
        "type": "string",
        "anyOf": choices,
    }


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        (inner,) = options
        return {"anyOf": [_type_schema(inner), {"type": "null"}]}
    if origin is tuple:
        item, _ = get_args(tp)
        return {"type": "array", "items": _type_schema(item)}
    if tp == Mapping[str, Any]:
        return dict(_EXTRA)
    if tp == Mapping[SubmissionKind, int]:
        return {
            "type": "object",
            "description": "items each member owes, per kind (a kind not named owes 1); "
            "keys take the kind's value or label",
            "propertyNames": _ref(SubmissionKind),
            "additionalProperties": {"type": "integer", "minimum": 0},
        }
    if get_origin(tp) is Mapping and get_args(tp)[0] in (Circle, SubmissionKind, Level):
        return {
            "type": "object",
            "description": "points per record, per key (a key not named earns 0); "
            "keys take the value or the label",
            "propertyNames": _ref(get_args(tp)[0]),
            "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100000},
        }
    if isinstance(tp, type) and issubclass(tp, LabelledEnum):
        return _ref(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _ref(tp)
    if tp is date:
        return dict(_DATE)
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    raise TypeError(f"no JSON Schema for the field type {tp!r}")  # pragma: no cover


def _record_schema(cls: type[Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if a.name.startswith("_"):
            continue
        prop = _type_schema(hints[a.name])
        is_required = a.default is attrs.NOTHING
        if is_required:
            required.append(a.name)
            if hints[a.name] is str:
                prop["pattern"] = _NOT_BLANK
                prop["description"] = "must not be empty"
        prop.update(_BOUNDS.get((cls, a.name), {}))
        caption = a.metadata.get("caption")
        if caption:
            prop = {"title": caption, **prop}
        default = _json_default(a)
        if default is not None:
            prop["default"] = default
        properties[a.name] = prop
    return {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _json_default(a: attrs.Attribute[Any]) -> Any:
    """The field's default as JSON, when it has a simple one worth stating."""
    default = a.default
    if isinstance(default, LabelledEnum):
        return default.value
    if isinstance(default, bool | int) or (isinstance(default, str) and default):
        return default
    return None


def _event_is(*events: Event) -> dict[str, Any]:
    """A subschema matching an event object whose ``event`` is one of *events*."""
    spellings = [s for e in events for s in dict.fromkeys([e.value, e.label])]
    alternatives = "|".join(dict.fromkeys(_spelling_pattern(s) for s in spellings))
    return {
        "required": ["event"],
        "properties": {"event": {"type": "string", "pattern": f"^(?:{alternatives})$"}},
    }


def _ledger_rules(record: dict[str, Any]) -> None:
    """What an event needs beyond its fields: one item, a level, a rating."""
    record["oneOf"] = [
        {
            "required": ["submission_id"],
            "properties": {"submission_id": {"type": "string"}, "visit_id": {"type": "null"}},
        },
        {
            "required": ["visit_id"],
            "properties": {"visit_id": {"type": "string"}, "submission_id": {"type": "null"}},
        },
    ]
    record["allOf"] = [
        {
            "if": _event_is(Event.ADOPTED, Event.INSTRUCTED),
            "then": {"required": ["level"], "properties": {"level": _ref(Level)}},
        },
        {
            "if": _event_is(Event.SATISFACTION),
            "then": {"required": ["note"], "properties": {"note": _ref(Satisfaction)}},
        },
    ]


@cache
def _build() -> dict[str, Any]:
    defs: dict[str, Any] = {cls.__name__: _record_schema(cls) for cls in _RECORDS}
    defs.update({cls.__name__: _enum_schema(cls) for cls in _ENUMS})
    _ledger_rules(defs[FollowUpEvent.__name__])
    properties: dict[str, Any] = {
        "schema": {
            "const": SCHEMA,
            "description": "the format and its version",
        },
        "plan": {"title": "活动方案", **_ref(Plan)},
    }
    for section, (cls, caption) in _SECTIONS.items():
        properties[section] = {"title": caption, "type": "array", "items": _ref(cls)}
    properties["extra"] = dict(_EXTRA)
    comment = (
        "Generated from sanquan_core.model by sanquan_core.schema.json_schema(). "
        "Not expressible here, and checked by the loader: unique ids, references between "
        "records, the plan's bodies, phases in date order, the order of an item's "
        "follow-up events, repeated keys, 2.0 as a whole number."
    )
    return {
        "$schema": DIALECT,
        "title": SCHEMA,
        "description": _summary(Campaign),
        "$comment": comment,
        "type": "object",
        "properties": properties,
        "required": ["schema", "plan"],
        "additionalProperties": False,
        "$defs": defs,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``sanquan/1`` documents, as a new dict.

    A document the loader accepts is valid against it; a document it
    refuses for its shape (a wrong type, a missing or unknown field, a value
    no enum has, a date not written YYYY-MM-DD, an empty name, a headcount
    below 1) is invalid. Dates are ``"format": "date"`` with a pattern; a
    validator that asserts formats also refuses impossible days.
    """
    return copy.deepcopy(_build())


def schema_text() -> str:
    """:func:`json_schema` as the packaged file writes it: indented UTF-8 JSON."""
    return json.dumps(_build(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema() -> str:
    """The text of the schema file shipped in the package."""
    return resources.files("sanquan_core.data").joinpath(SCHEMA_FILE).read_text("utf-8")
