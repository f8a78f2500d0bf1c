"""The completion report (完成情况与催报名单): members, groups, the reminder list, the
records outside the window, the rules' findings, format-free.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.forms import missing_text
from sanquan_core.documents.text import chinese_number, clean, period_sentence, window_text
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
    #: The opening sentence: the window, how many members, how many complete.
    totals: str = ""
    #: The campaign window in words (:func:`~sanquan_core.documents.text.window_text`).
    window: str = ""

    #: Column captions of ``members`` rows.
    MEMBER_HEADER: ClassVar[tuple[str, ...]] = captions.MEMBER_HEADER
    #: Column captions of ``groups`` rows.
    GROUP_HEADER: ClassVar[tuple[str, ...]] = captions.GROUP_HEADER
    #: Column captions of ``reminder_rows``.
    REMINDER_HEADER: ClassVar[tuple[str, ...]] = captions.REMINDER_HEADER
    #: The five parts' plain captions (:data:`sanquan_core.captions.COMPLETION_PARTS`).
    PARTS: ClassVar[tuple[str, ...]] = captions.COMPLETION_PARTS

    @property
    def headings(self) -> tuple[str, ...]:
        """The five parts as DOCX and PDF number them: 一、各组完成情况 … 五、…."""
        return tuple(f"{chinese_number(i)}、{p}" for i, p in enumerate(self.PARTS, 1))

    @property
    def reminder_rows(self) -> tuple[tuple[str, str, str, str], ...]:
        """The reminder list as rows of one member each: office, group, member, what is owed.

        A group's incomplete members take a row each, so no cell of the list
        grows with the size of a group.
        """
        return tuple(
            (line.office, line.group, m.member, m.missing_text.removeprefix(captions.OWES))
            for line in self.reminders
            for m in line.members
        )

    @property
    def outside(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The records outside the window: (lead sentence, their ids), per kind that has some."""
        return tuple(
            (f"{what}记录{len(ids)}条，日期在{self.window}之外：", ids)
            for what, ids in (("走访", self.outside_visits), ("报送", self.outside_submissions))
            if ids
        )


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
            clean(r.office) or captions.NO_OFFICE,
            clean(campaign.group(r.group_id).name),
            tuple(lines[m] for m in r.member_ids),
        )
        for r in report.reminders
    )
    total = len(report.members)
    complete = total - report.incomplete
    plan = campaign.plan
    return CompletionContent(
        title=captions.COMPLETION_TITLE,
        complete=complete,
        total=total,
        members=tuple(members),
        groups=tuple(groups),
        reminders=reminders,
        outside_visits=report.outside_window.visits,
        outside_submissions=report.outside_window.submissions,
        findings=tuple(clean(f.printed) for f in report.findings),
        totals=(
            f"{period_sentence(plan)}全体委员{total}人，"
            f"“三个一”已完成{complete}人，未完成{report.incomplete}人。"
        ),
        window=window_text(plan),
    )
