"""The exceptions sanquan_core raises, and :class:`Problem`, one located fault in data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeAlias

from attrs import Factory, field, frozen

from ._i18n import _, ngettext

__all__ = [
    "DecodeError",
    "ExportError",
    "Interrupted",
    "OptionError",
    "PluginError",
    "Problem",
    "SanquanError",
    "SelectionError",
    "TargetError",
    "UnknownFormError",
    "UnknownFormatError",
    "UnknownScorerError",
    "UsageError",
    "ValidationError",
    "WriteError",
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
            import json  # only to read back a quoted step of a path

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
        if not self.path:
            return self.message
        return _("{path}: {message}").format(path=self.path, message=self.message)


class SanquanError(Exception):
    """Base class of every error sanquan_core raises on purpose.

    Two families sit under it, so a caller can tell its own mistake from a
    failure (a portal answers the first with 400, the second with 500):

    - :class:`UsageError`: the caller asked for something that does not
      exist or cannot be done (an unknown format, form or option, a bad
      selection, an output path that is a folder or a device);
    - :class:`ExportError`, :class:`PluginError`: the request was fine but
      the work failed (an exporter or a plugin crashed, the disk filled).

    :class:`ValidationError` is neither: the data itself has problems.
    """


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
        count = len(self.problems)
        head = ngettext("{count} problem found", "{count} problems found", count).format(
            count=count
        )
        if self.source:
            head = _("{source}: {found}").format(source=self.source, found=head)
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
    """An export failed although it was asked for properly; nothing was written.

    For compatibility with code written before :class:`UsageError` existed,
    the export-argument mistakes (:class:`UnknownFormatError`,
    :class:`UnknownFormError`, :class:`OptionError`, :class:`TargetError`)
    are ExportErrors too: catch :class:`UsageError` *first* to tell them
    apart from a failure.
    """


class WriteError(ExportError, OSError):
    """Writing an output file failed (disk full, I/O error, permission).

    It is an :class:`OSError` too, with ``errno`` and ``filename`` (the
    path the caller named, never a temporary name).

    Attributes:
        path: the path the caller named.
        needed: how many bytes were being written, when known.
        free: how many bytes the disk had free, when known.
    """

    def __init__(
        self,
        errno: int,
        strerror: str,
        path: str,
        message: str = "",
        needed: int | None = None,
        free: int | None = None,
    ) -> None:
        super().__init__(errno, strerror, path)
        self.path = path
        self.needed = needed
        self.free = free
        self.message = message or f"cannot write {path}: {strerror}"

    def __str__(self) -> str:
        return self.message


class PluginError(SanquanError):
    """A plugin failed to load or misbehaved; the message names the plugin.

    Attributes:
        plugin: the name the plugin registered under, when known.
    """

    def __init__(self, message: str, plugin: str | None = None) -> None:
        super().__init__(message)
        self.plugin = plugin


class UsageError(SanquanError, ValueError):
    """The caller asked for something that does not exist or cannot be done.

    The message is a sentence in the words of the Python API
    (``format=...``); the attributes of each subclass let a front end (the
    command line, a portal) say the same in its own words.
    """


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return f"; did you mean {' or '.join(map(repr, suggestions))}?"


class UnknownFormatError(UsageError, ExportError):
    """No format, or more than one, answers the name or suffix given.

    Attributes:
        format: the format name asked for, or ``None`` when the format was
            to come from the target's suffix.
        suffix: the target's suffix when the format was to come from it
            (``""`` for a path without one); ``None`` otherwise (a name was
            given, or the target is a stream).
        known: the names of the registered formats.
        suggestions: the known names (or suffixes) close to the one given.
        candidates: when several formats write ``suffix``, their names.
    """

    def __init__(
        self,
        message: str,
        *,
        format: str | None = None,
        suffix: str | None = None,
        known: Sequence[str] = (),
        suggestions: Sequence[str] = (),
        candidates: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.format = format
        self.suffix = suffix
        self.known = tuple(known)
        self.suggestions = tuple(suggestions)
        self.candidates = tuple(candidates)


class UnknownFormError(UsageError, ExportError):
    """A form name names no form, or a form the chosen exporter does not make.

    Attributes:
        name: the name given.
        known: the forms' English names (those the exporter makes, when
            ``exporter`` is set).
        suggestions: names close to the one given.
        exporter: the format that does not make the form; ``""`` when the
            name is no form at all.
    """

    def __init__(
        self,
        message: str = "",
        *,
        name: str = "",
        known: Sequence[str] = (),
        suggestions: Sequence[str] = (),
        exporter: str = "",
    ) -> None:
        super().__init__(
            message
            or f"{name!r} is not a form (the forms are {', '.join(known)})"
            f"{_did_you_mean(suggestions)}"
        )
        self.name = name
        self.known = tuple(known)
        self.suggestions = tuple(suggestions)
        #: When set, *name* is a form, but this exporter does not make it;
        #: ``known`` then lists the forms it makes.
        self.exporter = exporter


class UnknownScorerError(UsageError):
    """The plan's ``points.scorer`` names a scorer no plugin registered.

    Attributes:
        name: the name asked for.
        known: the names registered.
    """

    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(
            f"the plan's points.scorer {name!r} is not registered (registered: {', '.join(known)})"
        )
        self.name = name
        self.known = tuple(known)


class OptionError(UsageError, ExportError):
    """An option's value cannot be used (an empty list, a wrong type).

    Attributes:
        option: the keyword argument at fault (``"forms"``, ``"groups"``).
    """

    def __init__(self, message: str, option: str = "") -> None:
        super().__init__(message)
        self.option = option


def require_day(value: object, option: str = "as_of") -> None:
    """Refuse *value* unless it is ``None`` or a :class:`datetime.date` (not a datetime).

    Raises:
        OptionError: naming *option*.
    """
    if value is not None and type(value) is not date:
        raise OptionError(
            f"{option} must be a datetime.date such as date(2017, 7, 31), got {value!r}", option
        )


class SelectionError(UsageError):
    """A selection names a group, office, kind or phase the campaign does not have.

    Attributes:
        part: ``"groups"``, ``"offices"``, ``"kinds"`` or ``"phase"``;
            ``None`` when not known.
        unknown: the values given that name nothing.
        known: the values that would have been accepted.
        suggestions: known values close to the unknown ones.
    """

    def __init__(
        self,
        message: str,
        *,
        part: str | None = None,
        unknown: Sequence[str] = (),
        known: Sequence[str] = (),
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.part = part
        self.unknown = tuple(unknown)
        self.known = tuple(known)
        self.suggestions = tuple(suggestions)


class TargetError(UsageError, ExportError):
    """The output cannot be written there: a folder, a device, a pipe, a
    folder that does not exist, a text stream; nothing was written.

    Attributes:
        target: the path the caller named (``None`` for a stream).
        reason: ``"folder"``, ``"device"``, ``"pipe"``, ``"socket"``,
            ``"special"``, ``"loop"`` (a symbolic link loop), ``"no_folder"``, ``"not_a_folder"``,
            ``"text_stream"``, ``"not_writable"`` or ``"not_a_stream"``.
    """

    def __init__(self, message: str, target: str | None = None, reason: str = "special") -> None:
        super().__init__(message)
        self.target = target
        self.reason = reason


class Interrupted(KeyboardInterrupt):
    """An export was interrupted (Ctrl-C, or SIGTERM under the command line).

    A :class:`KeyboardInterrupt` raised while a plugin's exporter runs cannot
    be told from the user's Ctrl-C, so it is treated as one: nothing is
    written, and it is re-raised as this class, which names the exporter
    that was running. Code that catches ``KeyboardInterrupt`` still does.

    Attributes:
        exporter: the format that was running, when known.
        plugin: the plugin it came from, when known.
    """

    def __init__(self, message: str, exporter: str | None = None, plugin: str | None = None):
        super().__init__(message)
        self.exporter = exporter
        self.plugin = plugin
