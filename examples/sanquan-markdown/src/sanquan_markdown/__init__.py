"""An example sanquan_core plugin: 附件3 and the reminder list as Markdown.

Everything a plugin needs is here: an exporter object with ``name``,
``suffix``, ``media_type``, ``description``, the ``forms`` it makes and
``export``, and a function marked ``@sanquan_core.hookimpl`` returning it. The entry point in
``pyproject.toml`` tells sanquan_core where to find this module.
"""

from __future__ import annotations

from typing import IO

import sanquan_core as sq
from sanquan_core import captions

__all__ = ["MarkdownExporter", "sanquan_register_exporters"]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


class MarkdownExporter:
    """附件3 and the reminder list as a Markdown document."""

    name = "md"
    suffix = ".md"
    media_type = "text/markdown"
    description = "附件3 and the reminder list as Markdown (example plugin)"
    #: What it makes: asking it for another form is an error naming these.
    forms = (sq.Form.SUMMARY, sq.Form.COMPLETION)

    def export(self, campaign: sq.Campaign, stream: IO[bytes], options: sq.ExportOptions) -> None:
        lines = [f"# {_cell(campaign.plan.title)}", ""]
        if sq.Form.SUMMARY in options.forms:
            lines += self._summary(sq.summarize(campaign))
        if sq.Form.COMPLETION in options.forms:
            lines += self._reminders(campaign, sq.check(campaign))
        stream.write("\n".join(lines).encode("utf-8"))

    def _summary(self, summary: sq.Summary) -> list[str]:
        # Markdown tables have one header row: the two levels of 附件3 are
        # joined as "走访“圈子”人数·界别圈".
        header = [
            captions.GROUP,
            captions.PARTICIPANTS,
            *(f"{captions.VISITED}·{c}" for c in captions.CIRCLE_COLUMNS),
            *(f"{captions.SUBMITTED}·{k}" for k in captions.KIND_COLUMNS),
        ]
        lines = [f"## {captions.SUMMARY_TITLE}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" + "---:|" * (len(header) - 1))
        for name, tally in [(r.group, r.tally) for r in summary.rows] + [
            (captions.TOTAL, summary.total)
        ]:
            numbers = [
                tally.participants,
                *(tally.visited[c] for c in sq.Circle),
                *(tally.submitted[k] for k in sq.SubmissionKind),
            ]
            lines.append("| " + " | ".join([_cell(name), *map(str, numbers)]) + " |")
        return [*lines, ""]

    def _reminders(self, campaign: sq.Campaign, report: sq.CompletionReport) -> list[str]:
        lines = ["## 催报名单", ""]
        if not report.reminders:
            return [*lines, "全部委员已完成“三个一”。", ""]
        for reminder in report.reminders:
            group = campaign.group(reminder.group_id).name
            names = "、".join(campaign.member(m).name for m in reminder.member_ids)
            lines.append(
                f"- **{_cell(reminder.office or '未指定委办')}** · {_cell(group)}：{names}"
            )
        return [*lines, ""]


@sq.hookimpl
def sanquan_register_exporters() -> list[MarkdownExporter]:
    """Register the Markdown exporter."""
    return [MarkdownExporter()]
