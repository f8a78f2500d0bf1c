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
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import IO, Any, Protocol, runtime_checkable

from attrs import field, frozen

from sanquan_core._io import atomic_path
from sanquan_core.errors import ExportError, PluginError
from sanquan_core.model import Campaign, LabelledEnum, SubmissionKind
from sanquan_core.select import Selection, select

__all__ = [
    "ALL_FORMS",
    "ExportOptions",
    "Exporter",
    "Form",
    "LazyExporter",
    "export",
    "exporter",
    "formats",
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
    NOTICE = "notice", "通知及附件"
    """The notice packet: the notice, the plan's text, then 附件1–3."""


#: The forms exported when none are named: every form but the notice packet,
#: which is a document of its own (it repeats 附件1–3, blank).
ALL_FORMS: tuple[Form, ...] = (
    Form.VISITS,
    Form.RESULTS,
    Form.SUMMARY,
    Form.COMPLETION,
    Form.BOOK,
)


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
        settings: exporter-specific options (e.g. ``font`` for PDF); an
            exporter ignores the ones it does not know.
    """

    forms: tuple[Form, ...] = ALL_FORMS
    created: datetime | None = None
    selection: Selection = field(factory=Selection)
    redacted: bool = False
    filled: bool = False
    settings: Mapping[str, Any] = field(factory=dict, hash=False)

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

    def export(self, campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            if exc.name is not None and exc.name.startswith(self.module.partition(".")[0]):
                raise  # our own module is missing: a packaging bug, not a user's
            need = self.requires or exc.name or "a library"
            raise ExportError(
                f"the {self.name} format needs {need}, which is not installed (pip install {need})"
            ) from exc
        module.export(campaign, stream, options)


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
    from sanquan_core.plugins import registered_exporters

    found: Exporter = _choose(registered_exporters(), name, io.BytesIO()).exporter
    return found


Target = str | os.PathLike[str] | IO[bytes]


def export(
    campaign: Campaign,
    target: Target,
    format: str | None = None,  # the word users know, as in the CLI
    forms: Iterable[Form | str] | str | None = None,
    *,
    created: datetime | None = None,
    redact: bool = False,
    groups: Iterable[str] | None = None,
    offices: Iterable[str] | None = None,
    kinds: Iterable[SubmissionKind | str] | None = None,
    phase: str | int | None = None,
    filled: bool = False,
    **settings: Any,
) -> None:
    """Write *campaign* as a document.

    Args:
        campaign: what to export.
        target: a path, or a binary stream opened for writing.
        format: an exporter's name (``"xlsx"``, ``"docx"``, ``"pdf"``,
            ``"json"`` or a plugin's). When omitted, it is chosen from the
            suffix of *target*.
        forms: which documents (:class:`Form` or their names, English or
            Chinese, or one comma-separated string); by default all but
            the notice packet.
        created: the timestamp written into document metadata; by default
            it comes from the plan, so output is reproducible.
        redact: mask personal data first (:func:`sanquan_core.redact.redact`):
            phone numbers, street addresses, visited persons' names.
        groups, offices, kinds, phase: export only part of the campaign
            (:func:`sanquan_core.select.select`), e.g. the book of one office
            or of the first phase.
        filled: fill the notice packet's 附件1–3 with the data instead of
            printing them blank.
        **settings: exporter-specific options.

    Nothing is written when the export fails: a path is written through a
    temporary file renamed into place, a stream receives the whole document
    in one write at the end.

    Raises:
        ExportError: the format is unknown or ambiguous, a form name is
            wrong, or the exporter failed.
        SelectionError: the selection names an unknown group, office, kind
            or phase.
        PluginError: a plugin exporter failed; the message names it.
    """
    from sanquan_core.plugins import registered_exporters
    from sanquan_core.redact import redact as mask

    registry = registered_exporters()
    chosen = _choose(registry, format, target)
    selection = Selection.of(groups=groups, offices=offices, kinds=kinds, phase=phase)
    options = ExportOptions(
        forms=_forms(forms),
        created=created,
        selection=selection,
        redacted=redact,
        filled=filled,
        settings=settings,
    )
    campaign = select(campaign, selection)
    if redact:
        campaign = mask(campaign)
    buffer = io.BytesIO()
    try:
        chosen.exporter.export(campaign, buffer, options)
    except (ExportError, PluginError):
        raise
    except Exception as exc:
        if chosen.origin == "built-in":
            raise ExportError(f"the {chosen.exporter.name} export failed: {exc}") from exc
        raise PluginError(
            f"the exporter {chosen.exporter.name!r} of plugin {chosen.plugin!r} "
            f"({chosen.origin}) failed: {exc}"
        ) from exc
    data = buffer.getvalue()
    if isinstance(target, str | os.PathLike):
        with atomic_path(target) as fh:
            fh.write(data)
    else:
        target.write(data)


def _forms(forms: Iterable[Form | str] | None) -> tuple[Form, ...]:
    if forms is None:
        return ALL_FORMS
    if isinstance(forms, str):
        forms = [f for f in forms.split(",") if f.strip()]
    chosen: list[Form] = []
    for item in forms:
        if isinstance(item, Form):
            form = item
        else:
            try:
                form = Form.parse(item.strip())
            except ValueError:
                names = ", ".join(f.value for f in Form)
                raise ExportError(f"{item!r} is not a form (the forms are {names})") from None
        if form not in chosen:
            chosen.append(form)
    if not chosen:
        raise ExportError("no forms were named")
    return tuple(chosen)


def _choose(registry: Sequence[Any], format: str | None, target: Target) -> Any:
    if format is None:
        path = os.fspath(target) if isinstance(target, str | os.PathLike) else None
        if path is None:
            raise ExportError("exporting to a stream needs a format, e.g. format='xlsx'")
        suffix = os.path.splitext(path)[1].lower()
        matches = [r for r in registry if r.exporter.suffix.lower() == suffix]
        if not matches:
            raise ExportError(
                f"no exporter writes {suffix or 'files without a suffix'} files; "
                f"the formats are {_names(registry)}; name one with format=..."
            )
        names = {r.exporter.name for r in matches}
        if len(names) > 1:
            raise ExportError(
                f"several formats write {suffix} files ({', '.join(sorted(names))}); "
                f"name one with format=..."
            )
        format = matches[0].exporter.name
    matches = [r for r in registry if r.exporter.name == format]
    if not matches:
        raise ExportError(f"{format!r} is not a known format; the formats are {_names(registry)}")
    if len(matches) > 1:
        claims = " and ".join(f"{r.plugin!r} ({r.origin})" for r in matches)
        raise PluginError(
            f"two plugins claim the format {format!r}: {claims}; uninstall one of them"
        )
    return matches[0]


def _names(registry: Sequence[Any]) -> str:
    return ", ".join(dict.fromkeys(r.exporter.name for r in registry))
