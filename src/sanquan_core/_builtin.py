"""The built-in plugin: sanquan_core's own exporters and rules, registered like any plugin's.

The plugin manager (:mod:`sanquan_core.plugins`) registers this module
first, then installed plugins. Nothing here does work: exporters are named
by dotted path and import their module (and its document library) only
when they run (descriptions are marked with ``N_``: ``sanquan formats``
translates them); the rules are the domain's own (:mod:`sanquan_core.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sanquan_core._i18n import N_
from sanquan_core.duty import Scorer
from sanquan_core.exporters import ALL_FORMS, Exporter, Form, LazyExporter
from sanquan_core.hookspecs import hookimpl
from sanquan_core.readers import Reader
from sanquan_core.rules import BUILTIN_RULES, Rule

__all__ = [
    "BUILTIN_EXPORTERS",
    "sanquan_register_exporters",
    "sanquan_register_readers",
    "sanquan_register_rules",
    "sanquan_register_scorers",
]

BUILTIN_EXPORTERS: tuple[LazyExporter, ...] = (
    LazyExporter(
        "xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        N_("Excel workbook: a sheet per form, 附件3 with its merged header"),
        "sanquan_core.exporters.xlsx",
        "openpyxl",
        forms=(*ALL_FORMS, Form.POINTS, Form.REMINDERS, Form.PROGRESS, Form.FOLLOW_UP),
    ),
    LazyExporter(
        "docx",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        N_("Word document: the forms as the notice prints them"),
        "sanquan_core.exporters.docx",
        "python-docx",
        forms=(*ALL_FORMS, Form.NOTICE, Form.REMINDERS, Form.PROGRESS, Form.FOLLOW_UP),
    ),
    LazyExporter(
        "pdf",
        ".pdf",
        "application/pdf",
        N_("PDF with an embedded Chinese font: the forms, ready to print"),
        "sanquan_core.exporters.pdf",
        "reportlab",
        forms=(*ALL_FORMS, Form.POINTS, Form.NOTICE, Form.REMINDERS, Form.PROGRESS, Form.FOLLOW_UP),
    ),
    LazyExporter(
        "csv",
        ".csv",
        "text/csv",
        N_("CSV (UTF-8 with BOM, opens in Excel): one form's table, named with forms"),
        "sanquan_core.exporters.csv",
        forms=(*ALL_FORMS, Form.POINTS, Form.REMINDERS, Form.FOLLOW_UP),
    ),
    LazyExporter(
        "json",
        ".json",
        "application/json",
        N_("the dataset itself as sanquan/1 JSON (forms do not apply)"),
        "sanquan_core.exporters.json",
        forms=(),
    ),
)


@hookimpl
def sanquan_register_exporters() -> Iterable[Exporter]:
    """The built-in exporters."""
    return BUILTIN_EXPORTERS


@hookimpl
def sanquan_register_rules() -> Iterable[Rule]:
    """The built-in advisory rules."""
    return BUILTIN_RULES


@hookimpl
def sanquan_register_scorers() -> Iterable[Scorer]:
    """The built-in duty-point arithmetic, ``"standard"``."""
    from sanquan_core.duty import STANDARD

    return [STANDARD]


@hookimpl
def sanquan_register_readers() -> Iterable[Reader]:
    """The built-in readers: XLSX, CSV, DOCX, and XLS/ODS through python-calamine."""
    from sanquan_core.readers.calamine import CalamineReader
    from sanquan_core.readers.csv import CsvReader
    from sanquan_core.readers.docx import DocxReader
    from sanquan_core.readers.xlsx import XlsxReader

    return [XlsxReader(), CsvReader(), DocxReader(), CalamineReader()]
