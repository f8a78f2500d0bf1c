"""The completion report in PDF: totals, each group's rate, the reminder list, the records
outside the window, the rules' findings, every member's status.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from sanquan_core.documents import (
    CompletionContent,
    completion_content,
)
from sanquan_core.exporters.pdf.tables import (
    centered,
    grid,
    window,
)
from sanquan_core.exporters.pdf.text import chunks
from sanquan_core.exporters.pdf.writer import Writer

#: Ids per paragraph in the completion report's outside-window list.
IDS_PER_PARAGRAPH = 200


def completion(pdf: Writer) -> list[Any]:
    """The completion report and the reminder list."""
    s = pdf.styles
    content = completion_content(pdf.campaign, pdf.report)
    incomplete = content.total - content.complete
    out: list[Any] = [
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 3 * mm),
        pdf.para(
            f"活动期{window(pdf.campaign)}。参加活动委员{content.total}人，"
            f"“三个一”已完成{content.complete}人，未完成{incomplete}人。",
            s.text,
        ),
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
        pdf.para("一、各组完成情况", s.heading),
        grid(pdf, content.GROUP_HEADER, rows, widths),
    ]


def completion_reminders(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("二、催报名单（按联系委办、组别）", s.heading)]
    if not content.reminders:
        return [*out, pdf.para("全体委员均已完成“三个一”，无需催报。", s.text)]
    rows = []
    office = None
    for line in content.reminders:
        group, names = line.group, line.names
        shown = line.office if line.office != office else ""
        office = line.office
        rows.append(
            [
                pdf.para(shown, s.cell),
                pdf.para(group, s.cell),
                centered(pdf, len(names)),
                pdf.para("、".join(names), s.cell),
            ]
        )
    w = pdf.layout.width
    header = ("联系委办", "组别", "人数", "未完成“三个一”的委员")
    return [*out, grid(pdf, header, rows, [w * 0.16, w * 0.3, w * 0.1, w * 0.44])]


def completion_outside(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("三、不在活动期内的记录（未计入汇总）", s.heading)]
    if not content.outside_visits and not content.outside_submissions:
        return [*out, pdf.para("无。", s.text)]
    for caption, ids in (("走访", content.outside_visits), ("报送", content.outside_submissions)):
        if not ids:
            continue
        out.append(
            pdf.para(f"{caption}记录{len(ids)}条，日期在{window(pdf.campaign)}之外：", s.text)
        )
        for start in range(0, len(ids), IDS_PER_PARAGRAPH):
            out.append(pdf.para("、".join(ids[start : start + IDS_PER_PARAGRAPH]), s.text))
    return out


def completion_findings(pdf: Writer, content: CompletionContent) -> list[Any]:
    s = pdf.styles
    out: list[Any] = [pdf.para("四、其他提示", s.heading)]
    if not content.findings:
        return [*out, pdf.para("无。", s.text)]
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
        pdf.para("五、委员完成情况", s.heading),
        grid(pdf, content.MEMBER_HEADER, rows, widths, small=True),
    ]
