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

from typing import Any

from ._api import check, read_forms, template
from ._demo import load_demo
from ._integrity import validate
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
    UsageError,
    ValidationError,
    WriteError,
)
from .exporters import Exporter, ExportOptions, Form, export, exporter, formats
from .hookspecs import hookimpl
from .ledger import FollowUpTally, ItemStatus, Ledger, Stage, UnitStatus, ledger, status_line
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
    Satisfaction,
    Submission,
    SubmissionKind,
    Visit,
)
from .redact import redact
from .rules import CompletionReport, Finding, GroupStatus, MemberStatus, Reminder, Rule
from .schema import json_schema
from .select import Selection, SelectionError, select
from .serialize import SCHEMA, dump, load, loads
from .summary import Summary, SummaryRow, Tally, summarize

__all__ = [
    "SCHEMA",
    "Body",
    "Campaign",
    "Channel",
    "Circle",
    "CompletionReport",
    "DecodeError",
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
    "MemberStatus",
    "OptionError",
    "Phase",
    "Plan",
    "PluginError",
    "Problem",
    "Reminder",
    "Rule",
    "SanquanError",
    "Satisfaction",
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
    "UsageError",
    "ValidationError",
    "Visit",
    "WriteError",
    "check",
    "dump",
    "export",
    "exporter",
    "formats",
    "hookimpl",
    "json_schema",
    "ledger",
    "load",
    "load_demo",
    "loads",
    "read_forms",
    "redact",
    "select",
    "status_line",
    "summarize",
    "template",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("sanquan-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
