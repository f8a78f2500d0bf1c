"""What each form says, independent of the file format.

Every exporter renders these structures, so XLSX, DOCX and PDF show the
same words and the same numbers. Numbers come from
:func:`sanquan_core.summarize` and :func:`sanquan_core.check`; nothing here
counts on its own.

Text is passed through :func:`clean` once, here: control characters are
removed (they are invisible, and XML formats cannot hold them), line breaks
and tabs are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from attrs import frozen

from sanquan_core import captions
from sanquan_core.model import Campaign, Circle, SubmissionKind, Visit
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary, Tally

__all__ = [
    "CompletionContent",
    "MemberLine",
    "ResultItem",
    "ResultsForm",
    "SummaryContent",
    "VisitForm",
    "clean",
    "cn_date",
    "completion_content",
    "missing_text",
    "numbers",
    "results_forms",
    "summary_content",
    "visit_forms",
]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """*text* without control characters (line breaks and tabs stay).

    ``\\r\\n`` and ``\\r`` become ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def cn_date(day: date | None) -> str:
    """A date as Chinese documents write it: ``2017年7月11日``; ``""`` for ``None``."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


# -- 附件1 ----------------------------------------------------------------------


@frozen
class VisitForm:
    """One filled-in 走访情况登记表 (附件1)."""

    visit_id: str
    member_id: str
    visitor: str
    group: str
    target: str
    address: str
    visited_on: date
    date_text: str
    circle: str
    channel: str
    headcount: int
    situation: str
    needs_help: str
    needs_coordination: str
    follow_up: str
    in_window: bool


def visit_forms(campaign: Campaign) -> Iterator[VisitForm]:
    """附件1, one form per visit, grouped by member in member order.

    Visits outside the campaign window are included with ``in_window``
    false, so a renderer can mark them rather than drop them.
    """
    for member in campaign.members:
        group = campaign.group(member.group_id).name
        for visit in campaign.visits_of(member.id):
            yield _visit_form(campaign, visit, member.name, group)


def _visit_form(campaign: Campaign, visit: Visit, visitor: str, group: str) -> VisitForm:
    return VisitForm(
        visit_id=visit.id,
        member_id=visit.member_id,
        visitor=clean(visitor),
        group=clean(group),
        target=clean(visit.target),
        address=clean(visit.address),
        visited_on=visit.visited_on,
        date_text=cn_date(visit.visited_on),
        circle=visit.circle.label,
        channel=visit.channel.label,
        headcount=visit.headcount,
        situation=clean(visit.situation),
        needs_help=clean(visit.needs_help),
        needs_coordination=clean(visit.needs_coordination),
        follow_up=visit.follow_up.label if visit.follow_up else "",
        in_window=campaign.plan.in_window(visit.visited_on),
    )


# -- 附件2 ----------------------------------------------------------------------


@frozen
class ResultItem:
    """One item on a results form."""

    submission_id: str
    title: str
    content: str
    submitted_on: date
    date_text: str
    visit_id: str | None
    follow_up: str
    in_window: bool


@frozen
class ResultsForm:
    """One filled-in “三个一”工作成果登记表 (附件2): a member and their items by kind."""

    member_id: str
    member: str
    group: str
    items: dict[SubmissionKind, tuple[ResultItem, ...]]
    missing: dict[SubmissionKind, int]

    def rows(self) -> Iterator[tuple[str, tuple[ResultItem, ...]]]:
        """(row caption as the seed words it, the items of that kind), in form order."""
        for kind in SubmissionKind:
            yield captions.RESULT_ROWS[kind], self.items[kind]


def results_forms(campaign: Campaign, report: CompletionReport) -> Iterator[ResultsForm]:
    """附件2, one form per member, in member order, with what they still owe."""
    plan = campaign.plan
    for member in campaign.members:
        items: dict[SubmissionKind, list[ResultItem]] = {k: [] for k in SubmissionKind}
        for sub in campaign.submissions_of(member.id):
            items[sub.kind].append(
                ResultItem(
                    submission_id=sub.id,
                    title=clean(sub.title),
                    content=clean(sub.content),
                    submitted_on=sub.submitted_on,
                    date_text=cn_date(sub.submitted_on),
                    visit_id=sub.visit_id,
                    follow_up=sub.follow_up.label if sub.follow_up else "",
                    in_window=plan.in_window(sub.submitted_on),
                )
            )
        yield ResultsForm(
            member_id=member.id,
            member=clean(member.name),
            group=clean(campaign.group(member.group_id).name),
            items={k: tuple(v) for k, v in items.items()},
            missing=dict(report.member(member.id).missing),
        )


# -- 附件3 ----------------------------------------------------------------------


@frozen
class SummaryContent:
    """附件3 ready to lay out: title, the two header levels, rows and the total row.

    ``header_top`` holds (caption, column span) pairs: 组别 and
    参与活动委员人数 span one column and two header rows; the other two
    span three columns each over ``header_sub``.
    """

    title: str
    header_top: tuple[tuple[str, int], ...]
    header_sub: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    total: tuple[str, tuple[int, ...]]
    outside_visits: int
    outside_submissions: int


def numbers(tally: Tally) -> tuple[int, ...]:
    """A tally as the seven numbers of a 附件3 row, in column order."""
    return (
        tally.participants,
        *(tally.visited[c] for c in Circle),
        *(tally.submitted[k] for k in SubmissionKind),
    )


def summary_content(summary: Summary) -> SummaryContent:
    """附件3 from a :class:`~sanquan_core.summary.Summary`."""
    return SummaryContent(
        title=captions.SUMMARY_TITLE,
        header_top=(
            (captions.GROUP, 1),
            (captions.PARTICIPANTS_BROKEN, 1),
            (captions.VISITED, 3),
            (captions.SUBMITTED, 3),
        ),
        header_sub=(*captions.CIRCLE_COLUMNS, *captions.KIND_COLUMNS),
        rows=tuple((clean(row.group), numbers(row.tally)) for row in summary.rows),
        total=(captions.TOTAL, numbers(summary.total)),
        outside_visits=summary.outside_window.visits,
        outside_submissions=summary.outside_window.submissions,
    )


# -- completion report ----------------------------------------------------------


@frozen
class MemberLine:
    """One member's line in the completion report."""

    member_id: str
    member: str
    group: str
    office: str
    submitted: tuple[int, ...]
    complete: bool
    missing_text: str
    uncovered_text: str


@frozen
class CompletionContent:
    """The completion report: members, groups, the reminder list, the outside-window ids."""

    title: str
    complete: int
    total: int
    members: tuple[MemberLine, ...]
    groups: tuple[tuple[str, str, int, int, str], ...]
    reminders: tuple[tuple[str, str, tuple[str, ...]], ...]
    outside_visits: tuple[str, ...]
    outside_submissions: tuple[str, ...]
    findings: tuple[str, ...]

    #: Column captions of ``members`` rows.
    MEMBER_HEADER: ClassVar[tuple[str, ...]] = (
        "委员姓名",
        "所在委员工作（联络）组",
        "联系委办",
        *captions.KIND_COLUMNS,
        "完成情况",
        "未走访的圈子",
    )
    #: Column captions of ``groups`` rows.
    GROUP_HEADER: ClassVar[tuple[str, ...]] = ("组别", "联系委办", "委员人数", "已完成", "完成率")


def missing_text(missing: dict[SubmissionKind, int]) -> str:
    """``"已完成"``, or what is owed: ``"缺社情民意信息1条"``."""
    if not missing:
        return "已完成"
    return "缺" + "、".join(f"{k.label}{n}条" for k, n in missing.items())


def completion_content(campaign: Campaign, report: CompletionReport) -> CompletionContent:
    """The completion report of *campaign* as :func:`sanquan_core.check` found it."""
    members = []
    for status in report.members:
        member = campaign.member(status.member_id)
        group = campaign.group(member.group_id)
        members.append(
            MemberLine(
                member_id=member.id,
                member=clean(member.name),
                group=clean(group.name),
                office=clean(group.office),
                submitted=tuple(status.submitted[k] for k in SubmissionKind),
                complete=status.complete,
                missing_text=missing_text(dict(status.missing)),
                uncovered_text="、".join(c.label for c in status.uncovered_circles),
            )
        )
    groups = []
    for g in report.groups:
        group = campaign.group(g.group_id)
        rate = "—" if g.rate is None else f"{g.rate:.0%}"
        groups.append((clean(group.name), clean(group.office), g.members, g.complete, rate))
    reminders = tuple(
        (
            clean(r.office) or "（未指定委办）",
            clean(campaign.group(r.group_id).name),
            tuple(clean(campaign.member(m).name) for m in r.member_ids),
        )
        for r in report.reminders
    )
    total = len(report.members)
    return CompletionContent(
        title="“三个一”完成情况与催报名单",
        complete=total - report.incomplete,
        total=total,
        members=tuple(members),
        groups=tuple(groups),
        reminders=reminders,
        outside_visits=report.outside_window.visits,
        outside_submissions=report.outside_window.submissions,
        findings=tuple(clean(f.message) for f in report.findings),
    )
