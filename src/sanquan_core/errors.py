"""The exceptions sanquan_core raises, and :class:`Problem`, one located fault in data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

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
    "UsageError",
    "ValidationError",
    "WriteError",
]


@frozen
class Problem:
    """One fault in a dataset, located by its JSON path.

    Attributes:
        path: where the fault is, as a JSON path into the ``sanquan/1``
            document: ``visits[3].circle``, ``plan.phases[1].ends_on``;
            empty for the document as a whole.
        message: a sentence a clerk can act on.
        code: a stable, machine-readable kind of fault, for portals that
            place messages next to their own fields. One of ``json``,
            ``schema``, ``type``, ``missing``, ``unknown_field``, ``enum``,
            ``date``, ``empty``, ``range``, ``order``, ``duplicate_id``,
            ``unknown_reference``, ``foreign_visit``.
    """

    path: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


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
        where = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} found"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self._summary()


class DecodeError(ValidationError):
    """The input could not be read as JSON at all (bad syntax, bad encoding)."""


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
    """A form name names no form.

    Attributes:
        name: the name given.
        known: the forms' English names.
        suggestions: names close to the one given.
    """

    def __init__(
        self,
        message: str = "",
        *,
        name: str = "",
        known: Sequence[str] = (),
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(
            message
            or f"{name!r} is not a form (the forms are {', '.join(known)})"
            f"{_did_you_mean(suggestions)}"
        )
        self.name = name
        self.known = tuple(known)
        self.suggestions = tuple(suggestions)


class OptionError(UsageError, ExportError):
    """An option's value cannot be used (an empty list, a wrong type).

    Attributes:
        option: the keyword argument at fault (``"forms"``, ``"groups"``).
    """

    def __init__(self, message: str, option: str = "") -> None:
        super().__init__(message)
        self.option = option


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
