"""What every export computes once: the domain's summary, completion check and ledger."""

from __future__ import annotations

from functools import cached_property
from typing import Final

from sanquan_core._api import check
from sanquan_core.documents.forms import SummaryContent, rollup_content, summary_content
from sanquan_core.exporters import ExportOptions
from sanquan_core.exporters._progress import Steps
from sanquan_core.ledger import Ledger, ledger
from sanquan_core.model import Campaign
from sanquan_core.pace import ProgressReport, progress
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary, summarize

#: The setting (``sq.export(..., rollup=summary)``) that makes 附件3 a prefecture's
#: roll-up: the :class:`~sanquan_core.summary.Summary` given, a row per county,
#: printed in place of the campaign's (see :func:`sanquan_core.rollup`).
ROLLUP: Final = "rollup"


def rolled_up(options: ExportOptions) -> Summary | None:
    """The roll-up an export prints as 附件3, if it is one."""
    found = options.settings.get(ROLLUP)
    return found if isinstance(found, Summary) else None


class Facts:
    """The campaign being exported, the options, and the domain's numbers for it.

    Every format's shared context builds on this, so that the summary and
    the completion check are computed once per export, by the domain, and
    never re-counted by a renderer.
    """

    def __init__(self, campaign: Campaign, options: ExportOptions) -> None:
        self.campaign = campaign
        self.options = options
        #: The export's progress, reported to ``options.progress``.
        self.steps = Steps(campaign, options)

    @cached_property
    def report(self) -> CompletionReport:
        """:func:`sanquan_core.check` of the campaign (as it stood on ``options.as_of``)."""
        return check(self.campaign, as_of=self.options.as_of)

    @cached_property
    def ledger(self) -> Ledger:
        """:func:`sanquan_core.ledger` of the campaign, as of ``options.as_of`` (or its
        default day): hand-overs are overdue as they stood on that day."""
        return ledger(self.campaign, as_of=self.options.as_of)

    @cached_property
    def progress(self) -> ProgressReport:
        """:func:`sanquan_core.progress` of the campaign, a point per week.

        Up to the export's ``as_of`` (``sq.export(..., as_of=date)``,
        ``sanquan export --as-of``) when it has one, else the plan's last day.
        """
        return progress(self.campaign, as_of=self.options.as_of)

    @cached_property
    def summary(self) -> Summary:
        """:func:`sanquan_core.summarize` of the campaign."""
        return summarize(self.campaign)

    @cached_property
    def rollup(self) -> Summary | None:
        """The roll-up printed as 附件3 in place of the campaign's summary, if any."""
        return rolled_up(self.options)

    def summary_content(self) -> SummaryContent:
        """附件3 as every format lays it out: the campaign's, or the roll-up's."""
        if self.rollup is not None:
            return rollup_content(self.rollup)
        adoption = self.ledger if self.options.adoption else None  # the 附件3 variant
        return summary_content(self.summary, self.campaign.plan, adoption)

    @cached_property
    def scope(self) -> str:
        """The selection exported, in words; ``""`` when it is the whole campaign."""
        return self.options.selection.describe(self.campaign)
