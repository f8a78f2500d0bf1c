"""The completion report in PDF: totals, each group's rate, the reminder list, the records
outside the window, the rules' findings, every member's status.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from sanquan_core import captions
from sanquan_core.documents import (
    CompletionContent,
    completion_content,
)
from sanquan_core.exporters.pdf.tables import (
    centered,
    grid,
)
from sanquan_core.exporters.pdf.text import chunks
from sanquan_core.exporters.pdf.writer import Writer

#: Ids per paragraph in the completion report's outside-window list.
IDS_PER_PARAGRAPH = 200


def completion(pdf: Writer) -> list[Any]:
    """The completion report and the reminder list."""
    s = pdf.styles
    content = completion_content(pdf.campaign, pdf.report)
    out: list[Any] = [
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 3 * mm),
        pdf.para(content.totals, s.text),
    ]
    out += completion_groups(pdf, content)
    out += completion_reminders(pdf, content)
    out += completion_outside(pdf, content)
    out += completion_findings(pdf, content)
    out += completion_members(pdf, content)
    return out


def completion_groups(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    rows = [
        [pdf.para(name, s.cell), pdf.para(office, s.cell), *(centered(pdf, v) for v in rest)]
        for name, office, *rest in content.groups
    ]
    w = pdf.layout.width
    widths = [w * 0.36, w * 0.2, w * 0.14, w * 0.14, w * 0.16]
    return [
        pdf.para(content.headings[0], s.heading),
        grid(pdf, content.GROUP_HEADER, rows, widths),
    ]


def completion_reminders(pdf: Writer, content: CompletionContent) -> list[Any]:
    """催报名单: a row per member still owing; an office or group is named at its first row."""
    s = pdf.styles
    out: list[Any] = [pdf.para(content.headings[1], s.heading)]
    if not content.reminders:
        return [*out, pdf.para(captions.ALL_COMPLETE, s.text)]
    rows = []
    previous: tuple[str, str] | None = None
    for office, group, member, owed in content.reminder_rows:
        new_office = previous is None or office != previous[0]
        new_group = new_office or previous is None or group != previous[1]
        rows.append(
            [
                pdf.para(office if new_office else "", s.cell),
                pdf.para(group if new_group else "", s.cell),
                pdf.para(member, s.cell),
                pdf.para(owed, s.cell),
            ]
        )
        previous = (office, group)
    w = pdf.layout.width
    widths = [w * 0.16, w * 0.3, w * 0.16, w * 0.38]
    return [*out, grid(pdf, content.REMINDER_HEADER, rows, widths)]


def completion_outside(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para(content.headings[2], s.heading)]
    if not content.outside:
        return [*out, pdf.para(captions.NOTHING, s.text)]
    for lead, ids in content.outside:
        out.append(pdf.para(lead, s.text))
        for start in range(0, len(ids), IDS_PER_PARAGRAPH):
            out.append(pdf.para("、".join(ids[start : start + IDS_PER_PARAGRAPH]), s.text))
    return out


def completion_findings(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para(content.headings[3], s.heading)]
    if not content.findings:
        return [*out, pdf.para(captions.NOTHING, s.text)]
    for n, finding in enumerate(content.findings, 1):
        out += [pdf.para(f"{n}. {piece}", s.text) for piece in chunks(finding)]
    return out


def completion_members(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    rows = []
    for m in content.members:
        status = [(m.missing_text, "#000000" if m.complete else "#b00000")]
        rows.append(
            [
                pdf.para(m.member, s.small_cell),
                pdf.para(m.group, s.small_cell),
                pdf.para(m.office, s.small_cell),
                *(pdf.para(str(n), s.small_center) for n in m.submitted),
                pdf.rich(status, s.small_cell),
                pdf.para(m.uncovered_text, s.small_cell),
            ]
        )
    w = pdf.layout.width
    widths = [w * f for f in (0.1, 0.2, 0.09, 0.09, 0.09, 0.09, 0.22, 0.12)]
    return [
        pdf.para(content.headings[4], s.heading),
        grid(pdf, content.MEMBER_HEADER, rows, widths, small=True),
    ]
