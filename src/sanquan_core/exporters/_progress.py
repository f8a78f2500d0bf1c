"""Progress of one export, counted in records and reported to ``options.progress``.

The total is known before the first form is written: each form is worth
its records (附件1 a step per visit, 附件2 a step per member, the book a
step per submission), a form without records one step. A renderer calls
:meth:`Steps.start` as a form begins, :meth:`Steps.step` per record and
:meth:`Steps.finish` at the end; a form that writes fewer records than it
is worth (the book leaves some submissions out) jumps to its share at its
end, so *done* reaches *total* exactly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from attrs import define

from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.model import Campaign

__all__ = ["INTERVAL", "Steps", "Where", "tracking", "worth"]

#: What kind of record a form writes at a time: 附件1 a visit, 附件2 a member, the book an item.
Noun = Literal["visit", "member", "item"]


@define
class Where:
    """Where an export is: the form being written and the record in it, for a failure's sentence.

    Attributes:
        form: the form being written, or ``None`` before the first.
        record: (what, id) of the record being written, or ``None`` between records.
    """

    form: Form | None = None
    record: tuple[Noun, str] | None = None


_WHERE: ContextVar[Where | None] = ContextVar("sanquan_export_where", default=None)


@contextmanager
def tracking() -> Iterator[Where]:
    """A :class:`Where` that the export run inside the block keeps up to date."""
    where = Where()
    token = _WHERE.set(where)
    try:
        yield where
    finally:
        _WHERE.reset(token)


#: Seconds between two reports within a form (a form's start and end always report).
INTERVAL = 0.1


def worth(form: Form, campaign: Campaign) -> int:
    """How many steps *form* of *campaign* counts."""
    if form is Form.VISITS:
        return max(1, len(campaign.visits))
    if form is Form.RESULTS:
        return max(1, len(campaign.members))
    if form is Form.BOOK:
        return max(1, len(campaign.submissions))
    return 1


class Steps:
    """One export's progress: the forms in order, each worth its records."""

    def __init__(self, campaign: Campaign, options: ExportOptions) -> None:
        self._report = options.progress
        self._worth = {form: worth(form, campaign) for form in options.forms}
        self.total = sum(self._worth.values())
        self.done = 0
        self._form: Form | None = None
        self._end = 0
        self._last = 0.0
        self._where = _WHERE.get()

    def start(self, form: Form) -> None:
        """*form* begins (the one before it, if any, is finished)."""
        if self._form is not None:
            self.finish()
        self._form = form
        if self._where is not None:
            self._where.form, self._where.record = form, None
        self._end = self.done + self._worth.get(form, 1)
        self._emit(force=True)

    def step(self, count: int = 1) -> None:
        """*count* more records of the current form are written."""
        if self._form is None:
            return
        self.done = min(self.done + count, self._end)
        self._emit()

    def at(self, noun: Noun, record_id: str) -> None:
        """The record being written now is the *noun* *record_id* (named if the export fails)."""
        if self._where is not None:
            self._where.record = (noun, record_id)

    def finish(self) -> None:
        """The current form is written: *done* becomes its share's end."""
        if self._form is None:
            return
        self.done = self._end
        self._emit(force=True)
        self._form = None

    def _emit(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < INTERVAL:
            return
        self._last = now
        assert self._form is not None
        self._report(self.done, self.total, self._form.label)
