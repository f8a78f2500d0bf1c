"""The exceptions sanquan_core raises, and :class:`Problem`, one located fault in data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

from attrs import Factory, field, frozen

__all__ = [
    "DecodeError",
    "ExportError",
    "PluginError",
    "Problem",
    "SanquanError",
    "ValidationError",
]

#: One step of a location: an object key or a list index.
Key: TypeAlias = str | int

_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def loc_of(path: str) -> tuple[Key, ...]:
    """The steps of a JSON path such as ``visits[3].circle`` or ``extra["a b"]``."""
    steps: list[Key] = []
    pos = 0
    while pos < len(path):
        match = _STEP.match(path, pos)
        if match is None:  # not a path this library writes: keep it whole
            return (path,)
        name, index, quoted = match.groups()
        if name is not None:
            steps.append(name)
        elif index is not None:
            steps.append(int(index))
        else:
            steps.append(str(json.loads(quoted)))
        pos = match.end()
    return tuple(steps)


def pointer_of(loc: Iterable[Key]) -> str:
    """The RFC 6901 JSON Pointer of *loc*: ``/visits/3/circle``; ``""`` for the whole document."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in loc)


def _loc_default(problem: Problem) -> tuple[Key, ...]:
    return loc_of(problem.path)


def _no_params() -> dict[str, Any]:
    return {}


@frozen
class Problem:
    """One fault in a dataset, located by its JSON path.

    Attributes:
        path: where the fault is, as a JSON path into the ``sanquan/1``
            document: ``visits[3].circle``, ``plan.phases[1].ends_on``;
            empty for the document as a whole.
        message: a sentence about the field alone, for a portal to show
            next to its own input: ``'同学圈' is not a circle (…)``.
        code: a stable, machine-readable kind of fault (the table in
            ``docs/format.md`` lists them all).
        params: the facts behind the sentence, JSON-serialisable: the bad
            ``value``, the ``allowed`` values, the ``ref`` referred to, the
            ``limit`` exceeded, ….
        record_id: the id of the record the fault is in, when it has one.
        member: the name of the member the record belongs to, when known.
        sentence: the sentence for people, naming the record and the field
            rather than an index: ``visit v5 (谢卫), visited_on: …``; the
            same as :attr:`message` for faults outside any record.
        loc: the location as a tuple of keys and indexes:
            ``("visits", 3, "circle")``.
    """

    path: str
    message: str
    code: str
    params: Mapping[str, Any] = field(factory=_no_params, kw_only=True, hash=False)
    record_id: str | None = field(default=None, kw_only=True)
    member: str | None = field(default=None, kw_only=True)
    sentence: str = field(default=Factory(lambda p: p.message, takes_self=True), kw_only=True)
    loc: tuple[Key, ...] = field(default=Factory(_loc_default, takes_self=True), kw_only=True)

    @property
    def pointer(self) -> str:
        """The location as an RFC 6901 JSON Pointer: ``/visits/3/circle``."""
        return pointer_of(self.loc)

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data, for portals."""
        return {
            "path": self.path,
            "pointer": self.pointer,
            "loc": list(self.loc),
            "code": self.code,
            "message": self.message,
            "sentence": self.sentence,
            "record_id": self.record_id,
            "member": self.member,
            "params": dict(self.params),
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class SanquanError(Exception):
    """Base class of every error sanquan_core raises on purpose."""


class ValidationError(SanquanError, ValueError):
    """A dataset is not valid ``sanquan/1``; :attr:`problems` lists every fault found.

    Attributes:
        problems: every fault, in document order.
        source: the file or stream name the data came from, when known.
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        where = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} found"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self._summary()

    def by_pointer(self) -> dict[str, list[Problem]]:
        """The problems grouped by JSON Pointer, in document order."""
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.pointer, []).append(problem)
        return grouped

    def as_dict(self) -> dict[str, Any]:
        """``{"valid": false, "source": …, "problems": [...]}``, JSON-ready, for portals."""
        return {
            "valid": False,
            "source": self.source,
            "problems": [p.as_dict() for p in self.problems],
        }


class DecodeError(ValidationError):
    """The input could not be read as ``sanquan/1`` JSON at all.

    Bad syntax or encoding, another kind of file (a workbook, a PDF), or
    input over a limit (size, nesting depth).
    """


class ExportError(SanquanError):
    """An export could not be made; nothing was written."""


class PluginError(SanquanError):
    """A plugin failed to load or misbehaved; the message names the plugin."""
