"""The completion report (完成情况与催报名单): members, groups, the reminder list, the
records outside the window, the rules' findings, format-free.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.text import clean
from sanquan_core.model import Campaign, SubmissionKind
from sanquan_core.rules import CompletionReport


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
class ReminderLine:
    """One line of the reminder list 催报名单: a group's incomplete members."""

    office: str
    group: str
    members: tuple[MemberLine, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The incomplete members' names."""
        return tuple(m.member for m in self.members)


@frozen
class CompletionContent:
    """The completion report: members, groups, the reminder list, the outside-window ids."""

    title: str
    complete: int
    total: int
    members: tuple[MemberLine, ...]
    groups: tuple[tuple[str, str, int, int, str], ...]
    reminders: tuple[ReminderLine, ...]
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
    lines = {m.member_id: m for m in members}
    reminders = tuple(
        ReminderLine(
            clean(r.office) or "（未指定委办）",
            clean(campaign.group(r.group_id).name),
            tuple(lines[m] for m in r.member_ids),
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
        findings=tuple(clean(f.printed) for f in report.findings),
    )
