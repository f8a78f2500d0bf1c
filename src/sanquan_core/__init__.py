"""sanquan_core: records, checks, the summary table and documents of a 三圈 campaign.

The 三圈 campaign (聚焦“三圈”大走访) has CPPCC members visit people in their
three circles and each hand in 三个一: a development suggestion, a
public-opinion report and an investment/talent lead. This package reads and
writes the ``sanquan/1`` data format, checks completion, counts the summary
table (附件3) and exports the forms as documents::

    import sanquan_core as sq

    campaign = sq.load("data.json")
    report = sq.check(campaign)
    summary = sq.summarize(campaign)
    sq.export(campaign, "out.xlsx")
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

# What every use needs is imported now; the rest (the loader and its cattrs
# converter, the rules, the summary, redaction, selection, the exporters and
# their plugins, the JSON Schema) on first use of its name, through
# ``__getattr__`` below, so that ``import sanquan_core`` costs little more
# than importing attrs, cattrs and pluggy.
from .errors import (
    DecodeError,
    ExportError,
    Interrupted,
    OptionError,
    PluginError,
    Problem,
    SanquanError,
    TargetError,
    UnknownFormatError,
    UnknownFormError,
    UnknownScorerError,
    UsageError,
    ValidationError,
    WriteError,
)
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

if TYPE_CHECKING:
    from ._api import (
        check,
        points,
        read_forms,
        reminders,
        rollup,
        template,
        write_corrections,
    )
    from ._demo import load_demo
    from ._integrity import validate
    from .counties import load_summary, summary_from_dict
    from .delivery import Delivery, deliver
    from .documents.reminders import ReminderText
    from .duty import Award, MemberPoints, PointsTable, Scorer
    from .exporters import Exporter, ExportOptions, Form, export, exporter, formats
    from .hookspecs import hookimpl
    from .ledger import (
        FollowUpTally,
        ItemStatus,
        Ledger,
        Stage,
        UnitStatus,
        ledger,
        status_line,
    )
    from .merge import MergeResult, merge
    from .pace import (
        BehindPace,
        PhaseDeadline,
        ProgressPoint,
        ProgressReport,
        ProgressSeries,
        progress,
    )
    from .redact import redact
    from .rules import CompletionReport, Finding, GroupStatus, MemberStatus, Reminder, Rule
    from .schema import json_schema
    from .select import Selection, SelectionError, select
    from .serialize import SCHEMA, dump, load, loads
    from .summary import Summary, SummaryRow, Tally, summarize

#: The module each lazily imported name comes from.
_LAZY = {
    **dict.fromkeys(
        ["check", "points", "read_forms", "reminders", "rollup", "template", "write_corrections"],
        "._api",
    ),
    **dict.fromkeys(["Award", "MemberPoints", "PointsTable", "Scorer"], ".duty"),
    **dict.fromkeys(["Delivery", "deliver"], ".delivery"),
    **dict.fromkeys(["ReminderText"], ".documents.reminders"),
    **dict.fromkeys(["load_demo"], "._demo"),
    **dict.fromkeys(["load_summary", "summary_from_dict"], ".counties"),
    **dict.fromkeys(["validate"], "._integrity"),
    **dict.fromkeys(
        ["Exporter", "ExportOptions", "Form", "export", "exporter", "formats"], ".exporters"
    ),
    **dict.fromkeys(["hookimpl"], ".hookspecs"),
    **dict.fromkeys(
        ["FollowUpTally", "ItemStatus", "Ledger", "Stage", "UnitStatus", "ledger", "status_line"],
        ".ledger",
    ),
    **dict.fromkeys(
        ["CompletionReport", "Finding", "GroupStatus", "MemberStatus", "Reminder", "Rule"],
        ".rules",
    ),
    **dict.fromkeys(
        [
            "BehindPace",
            "PhaseDeadline",
            "ProgressPoint",
            "ProgressReport",
            "ProgressSeries",
            "progress",
        ],
        ".pace",
    ),
    **dict.fromkeys(["MergeResult", "merge"], ".merge"),
    **dict.fromkeys(["json_schema"], ".schema"),
    **dict.fromkeys(["redact"], ".redact"),
    **dict.fromkeys(["Selection", "SelectionError", "select"], ".select"),
    **dict.fromkeys(["SCHEMA", "dump", "load", "loads"], ".serialize"),
    **dict.fromkeys(["Summary", "SummaryRow", "Tally", "summarize"], ".summary"),
    "summarize_stream": ".stream",
}

__all__ = [
    "SCHEMA",
    "Award",
    "BehindPace",
    "Body",
    "Campaign",
    "Channel",
    "Circle",
    "CompletionReport",
    "DecodeError",
    "Delivery",
    "Event",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "Finding",
    "FollowUp",
    "FollowUpEvent",
    "FollowUpTally",
    "Form",
    "Group",
    "GroupKind",
    "GroupStatus",
    "Interrupted",
    "ItemStatus",
    "Ledger",
    "Level",
    "Member",
    "MemberPoints",
    "MemberStatus",
    "MergeResult",
    "OptionError",
    "Phase",
    "PhaseDeadline",
    "Plan",
    "PluginError",
    "Points",
    "PointsTable",
    "Problem",
    "ProgressPoint",
    "ProgressReport",
    "ProgressSeries",
    "Reminder",
    "ReminderText",
    "Rule",
    "SanquanError",
    "Satisfaction",
    "Scorer",
    "Selection",
    "SelectionError",
    "Stage",
    "Submission",
    "SubmissionKind",
    "Summary",
    "SummaryRow",
    "Tally",
    "TargetError",
    "UnitStatus",
    "UnknownFormError",
    "UnknownFormatError",
    "UnknownScorerError",
    "UsageError",
    "ValidationError",
    "Visit",
    "WriteError",
    "check",
    "deliver",
    "dump",
    "export",
    "exporter",
    "formats",
    "hookimpl",
    "json_schema",
    "ledger",
    "load",
    "load_demo",
    "load_summary",
    "loads",
    "merge",
    "points",
    "progress",
    "read_forms",
    "redact",
    "reminders",
    "rollup",
    "select",
    "status_line",
    "summarize",
    "summarize_stream",
    "summary_from_dict",
    "template",
    "validate",
    "write_corrections",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(module, __name__), name)
        globals()[name] = value  # looked up once
        return value
    if name == "__version__":
        from importlib.metadata import version

        return version("sanquan-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


#: Functions named as their modules: importing the module must not put it in their place.
_SHADOWED = frozenset({"ledger", "merge", "redact", "select"})


class _Package(types.ModuleType):
    """This package's module type: ``sanquan_core.redact`` stays the function.

    Importing a submodule sets it as an attribute of its package; for
    :func:`redact`, :func:`select` and :func:`ledger`, which are imported
    lazily and named as their modules, the function is kept in its place.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
