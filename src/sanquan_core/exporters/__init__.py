"""Exporters: turning a campaign into documents an office prints.

An exporter is any object with ``name``, ``suffix``, ``media_type``,
``description`` and ``export(campaign, stream, options)`` (the
:class:`Exporter` protocol). Exporters are registered through the
``sanquan_register_exporters`` hook; the built-in ones register through it
too, from :mod:`sanquan_core._builtin`.

Heavy document libraries are imported inside ``export``, never here, so
``import sanquan_core`` and ``sanquan formats`` stay quick.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Mapping
from datetime import date, datetime
from typing import IO, Any, Protocol, runtime_checkable

from attrs import field, frozen

from sanquan_core._i18n import _
from sanquan_core.errors import ExportError
from sanquan_core.model import Campaign, LabelledEnum
from sanquan_core.select import Selection

__all__ = [
    "ALL_FORMS",
    "FORM_ALIASES",
    "ExportOptions",
    "Exporter",
    "Form",
    "LazyExporter",
    "Progress",
    "export",
    "exporter",
    "formats",
    "forms_of",
    "no_progress",
]


class Form(LabelledEnum):
    """The documents an exporter can produce (the ``forms`` option)."""

    VISITS = "visits", "附件1 走访情况登记表"
    """One registration form per visit (one row per visit in a spreadsheet)."""
    RESULTS = "results", "附件2 “三个一”工作成果登记表"
    """One results form per member, with their three items."""
    SUMMARY = "summary", "附件3 情况汇总表"
    """The summary table, its two-level header and the total row 汇总."""
    COMPLETION = "completion", "完成情况与催报名单"
    """The completion report and the reminder list."""
    BOOK = "book", "成果汇编"
    """The compiled book: cover, contents, a chapter per kind, the appendix."""
    POINTS = "points", "履职积分排名"
    """Duty points (履职积分): members and groups ranked, and what earned each point.

    Only for a plan that defines points (``plan.points``); not in the default set.
    """
    NOTICE = "notice", "通知及附件"
    """The notice packet: the notice, the plan's text, then 附件1–3."""
    REMINDERS = "reminders", "催报通知"
    """A letter (函) to each group with incomplete members: who owes what, by when."""
    PROGRESS = "progress", "进度"
    """Progress over time (:func:`sanquan_core.progress`): the series, who is behind
    pace, a chart per office of the cumulative completion rate. Only when asked for."""
    FOLLOW_UP = "follow_up", "办理情况"
    """The follow-up report: handling and adoption tallies, the units, the overdue list.

    Not in :data:`ALL_FORMS`: it is asked for by name (``forms=["follow_up"]``)."""


#: The forms exported when none are named: every form but the notice packet,
#: which is a document of its own (it repeats 附件1–3, blank), the reminder
#: letters, which are sent, not filed, the progress report, which an
#: office asks for during the campaign, and the follow-up report, which a
#: campaign without a ledger has nothing for.
ALL_FORMS: tuple[Form, ...] = (
    Form.VISITS,
    Form.RESULTS,
    Form.SUMMARY,
    Form.COMPLETION,
    Form.BOOK,
)


class Progress(Protocol):
    """What ``progress=`` takes: called as an export advances.

    *done* of *total* steps are finished (a step is a record of a form: a
    visit's form, a member's, an item of the book; a form without records is
    one step); *what* names the form being written (its label, such as
    ``附件1 走访情况登记表``). *done* never decreases, *total* is known from
    the first call and stays the same, and the last call has *done* equal to
    *total*. Calls come at most a few times a second, and at every form's
    start and end; the callback runs in the exporting thread and should be
    quick. The XLSX, DOCX and PDF exporters report; the JSON exporter (done
    in a moment) and plugins' exporters may not call it at all.
    """

    def __call__(self, done: int, total: int, what: str) -> None: ...


def no_progress(done: int, total: int, what: str) -> None:
    """The default :class:`Progress`: reports nowhere."""


@frozen
class ExportOptions:
    """What an exporter is asked to produce.

    Attributes:
        forms: which documents, in this order.
        created: the timestamp written into document metadata. ``None``
            means "derive it from the data" (the plan's issue date, else
            its last day), so the same input gives the same bytes.
        selection: the part of the campaign exported (the campaign the
            exporter receives is already cut to it; documents may say so).
        redacted: whether personal data was masked (the campaign the
            exporter receives is already masked).
        filled: for the notice packet, print 附件1–3 filled in with the data
            instead of blank.
        as_of: the campaign as it stood on this day (the exporter receives it
            without the records dated after it); the reminder letters take
            their deadline after it and are dated it.
        adoption: print 附件3 (the ``summary`` form and the book's appendix)
            with four adoption columns beside the seed's: each group's
            items adopted by the 市政协, 盐城市政协, 省政协 and 全国政协
            (:func:`sanquan_core.ledger`). The notice packet's 附件3 stays
            the seed's.
        settings: exporter-specific options (e.g. ``font`` for PDF); an
            exporter ignores the ones it does not know.
        progress: called as the export advances (:class:`Progress`); not
            part of the options' equality.
    """

    forms: tuple[Form, ...] = ALL_FORMS
    created: datetime | None = None
    selection: Selection = field(factory=Selection)
    redacted: bool = False
    filled: bool = False
    adoption: bool = False
    settings: Mapping[str, Any] = field(factory=dict, hash=False)
    as_of: date | None = None
    progress: Progress = field(default=no_progress, eq=False, repr=False)

    def timestamp(self, campaign: Campaign) -> datetime:
        """The document timestamp: ``created``, else one taken from the plan."""
        if self.created is not None:
            return self.created
        day = campaign.plan.issued_on or campaign.plan.ends_on
        return datetime(day.year, day.month, day.day)


@runtime_checkable
class Exporter(Protocol):
    """What the ``sanquan_register_exporters`` hook returns.

    Attributes:
        name: the format's name, used by ``--format`` (``"xlsx"``).
        suffix: the file suffix, with its dot (``".xlsx"``); used to pick
            the format from an output path.
        media_type: the MIME type (``"application/pdf"``).
        description: one line for ``sanquan formats``.

    An exporter may also declare ``forms``, the :class:`Form` values (or
    their names) it makes. Asking it for another is a
    :class:`~sanquan_core.UnknownFormError` naming the exporter and its
    forms, never a silent substitute; when no forms are asked for, it is
    given those of the default set it makes. Without ``forms`` an exporter
    is taken to make every form, as exporters written before the attribute
    existed do.
    """

    @property
    def name(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def media_type(self) -> str: ...
    @property
    def description(self) -> str: ...

    def export(self, campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
        """Write the document for *campaign* to the binary *stream*."""


@frozen
class LazyExporter:
    """An exporter whose work lives in a module imported only when it runs.

    The module named by ``module`` has a function
    ``export(campaign, stream, options)``. If importing it fails for want
    of a library, the error names the package to install. Plugin authors
    may use this class too.
    """

    name: str
    suffix: str
    media_type: str
    description: str
    module: str
    requires: str = ""
    #: The forms it makes; ``None`` for every form.
    forms: tuple[Form, ...] | None = None

    def export(self, campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            if exc.name is not None and exc.name.startswith(self.module.partition(".")[0]):
                raise  # our own module is missing: a packaging bug, not a user's
            need = self.requires or exc.name or "a library"
            raise ExportError(
                _(
                    "the {format} format needs {need}, which is not installed (pip install {need})"
                ).format(format=self.name, need=need)
            ) from exc
        module.export(campaign, stream, options)


def forms_of(exporter: object) -> tuple[Form, ...] | None:
    """The forms *exporter* declares it makes, or ``None`` when it makes every form.

    Raises:
        ValueError: its ``forms`` names something that is not a form.
    """
    declared = getattr(exporter, "forms", None)
    if declared is None:
        return None
    if isinstance(declared, str | Form):
        declared = [declared]
    return tuple(f if isinstance(f, Form) else Form.parse(str(f)) for f in declared)


def formats() -> list[Exporter]:
    """Every registered exporter, built-ins first, plugins after.

    :func:`sanquan_core.plugins.registered_exporters` also says where each
    came from.
    """
    from sanquan_core.plugins import registered_exporters

    return [r.exporter for r in registered_exporters()]


def exporter(name: str) -> Exporter:
    """The registered exporter called *name*: ``"xlsx"``, ``"pdf"``, a plugin's.

    Raises:
        ExportError: no exporter has that name; the message lists the names.
        PluginError: two plugins claim the name.
    """
    from sanquan_core.exporters._dispatch import _choose
    from sanquan_core.plugins import registered_exporters

    found: Exporter = _choose(registered_exporters(), name, io.BytesIO()).exporter
    return found


# The dispatch uses the types above; it is imported last, so that it can.
from sanquan_core.exporters._dispatch import FORM_ALIASES, Target, export  # noqa: E402, F401
