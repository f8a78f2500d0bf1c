"""The exceptions sanquan_core raises, and :class:`Problem`, one located fault in data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

__all__ = [
    "DecodeError",
    "ExportError",
    "PluginError",
    "Problem",
    "SanquanError",
    "ValidationError",
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


class DecodeError(ValidationError):
    """The input could not be read as JSON at all (bad syntax, bad encoding)."""


class ExportError(SanquanError):
    """An export could not be made; nothing was written."""


class PluginError(SanquanError):
    """A plugin failed to load or misbehaved; the message names the plugin."""
