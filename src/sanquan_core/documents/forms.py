"""附件1–3: what the seed's three forms hold for a campaign, format-free."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import attrs
from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.text import clean, cn_date, window_text
from sanquan_core.ledger import FollowUpTally, Ledger
from sanquan_core.model import Campaign, Circle, Level, Member, Plan, SubmissionKind, Visit
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary, Tally


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
    #: The line under the form: its number and the details the seed's table
    #: has no row for (登记编号：v0001　走访“圈子”：界别圈　走访方式：…　走访人数：1人).
    details: str


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
        details=_details(visit),
    )


def _details(visit: Visit) -> str:
    parts = [
        (captions.VISIT_NUMBER, visit.id),
        (captions.CIRCLE, visit.circle.label),
        (captions.CHANNEL, visit.channel.label),
        (captions.HEADCOUNT, f"{visit.headcount}人"),
    ]
    if visit.follow_up:
        parts.append((captions.FOLLOW_UP, visit.follow_up.label))
    return "　".join(f"{caption}：{clean(value)}" for caption, value in parts)


@frozen
class BlankForm:
    """A member's forms to fill (a template): 附件1 and 附件2 with name and group typed in.

    Attributes:
        member: the member's name; ``group`` the group's.
        visit_line: the fields 附件1's table lacks, on the line under it,
            each label followed by a gap to type in (走访“圈子”：…走访方式：…).
        visit_hint, results_hint: how to fill each form.
    """

    member: str
    group: str
    visit_line: str = captions.TEMPLATE_VISIT_LINE
    visit_hint: str = captions.TEMPLATE_VISIT_HINT
    results_hint: str = captions.TEMPLATE_RESULTS_HINT


def blank_forms(campaign: Campaign, members: Iterable[Member]) -> Iterator[BlankForm]:
    """A :class:`BlankForm` per member of *members*, in that order."""
    for member in members:
        yield BlankForm(clean(member.name), clean(campaign.group(member.group_id).name))


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

    @property
    def dated(self) -> str:
        """When it was handed in, as the form prints it after the title: （2017年7月14日报送）."""
        return f"（{self.date_text}报送）"

    @property
    def follow_up_line(self) -> str:
        """``办理情况：…``, or ``""`` when nothing is recorded."""
        return f"{captions.FOLLOW_UP}：{self.follow_up}" if self.follow_up else ""


@frozen
class ResultsForm:
    """One filled-in “三个一”工作成果登记表 (附件2): a member and their items by kind."""

    member_id: str
    member: str
    group: str
    items: dict[SubmissionKind, tuple[ResultItem, ...]]
    missing: dict[SubmissionKind, int]

    @property
    def status(self) -> str:
        """The line under the form: 完成情况：已完成, or what the member still owes."""
        return f"{captions.STATUS}：{missing_text(self.missing)}"

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
                    title=clean(sub.title) or captions.NO_TITLE,
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
    #: The note under the table when records were left out: ``""`` when none were.
    outside_note: str = ""


def numbers(tally: Tally) -> tuple[int, ...]:
    """A tally as the seven numbers of a 附件3 row, in column order."""
    return (
        tally.participants,
        *(tally.visited[c] for c in Circle),
        *(tally.submitted[k] for k in SubmissionKind),
    )


def rollup_content(summary: Summary) -> SummaryContent:
    """附件3 of a prefecture's roll-up: a row per county (:func:`sanquan_core.counties.roll_up`).

    The seed's header with 县（市、区） in place of 组别; the note under the
    table counts what the counties' summaries left outside their windows.
    """
    content = summary_content(summary, first=captions.COUNTY)
    visits, submissions = summary.outside_window.visits, summary.outside_window.submissions
    if visits or submissions:
        note = captions.ROLLUP_OUTSIDE.format(visits=visits, submissions=submissions)
        content = attrs.evolve(content, outside_note=note)
    return content


def adoption_numbers(tally: FollowUpTally | None) -> tuple[int, ...]:
    """Items adopted at each level, lowest first: the 附件3 variant's four extra numbers."""
    return tuple(0 if tally is None else tally.adopted.get(level, 0) for level in Level)


def summary_content(
    summary: Summary,
    plan: Plan | None = None,
    adoption: Ledger | None = None,
    *,
    first: str = captions.GROUP,
) -> SummaryContent:
    """附件3 from a :class:`~sanquan_core.summary.Summary` of a campaign with *plan*.

    With *plan*, the note under the table says how many records fell outside
    its window. *first* is the caption of the first column (组别). With
    *adoption* (the campaign's ledger), the variant: four columns beside the
    seed's, 被采用条数 over 市政协, 盐城市政协, 省政协 and 全国政协, each group's
    items adopted at that level (an item adopted at two levels counts at
    both; items dated outside the window count too, as the ledger counts
    them).
    """
    visits, submissions = summary.outside_window.visits, summary.outside_window.submissions
    note = ""
    if plan is not None and (visits or submissions):
        note = (
            f"注：另有走访{visits}次、报送{submissions}条不在活动期内"
            f"（{window_text(plan)}），未计入汇总。"
        )
    top: tuple[tuple[str, int], ...] = (
        (first, 1),
        (captions.PARTICIPANTS_BROKEN, 1),
        (captions.VISITED, 3),
        (captions.SUBMITTED, 3),
    )
    sub = (*captions.CIRCLE_COLUMNS, *captions.KIND_COLUMNS)
    rows = tuple((clean(row.group), numbers(row.tally)) for row in summary.rows)
    total = numbers(summary.total)
    if adoption is not None:
        top = (*top, (captions.ADOPTED, len(captions.ADOPTION_COLUMNS)))
        sub = (*sub, *captions.ADOPTION_COLUMNS)
        by_group = adoption.by_group
        rows = tuple(
            (name, (*values, *adoption_numbers(by_group.get(row.group_id))))
            for (name, values), row in zip(rows, summary.rows, strict=True)
        )
        total = (*total, *adoption_numbers(adoption.total))
    return SummaryContent(
        title=captions.SUMMARY_TITLE,
        header_top=top,
        header_sub=sub,
        rows=rows,
        total=(captions.TOTAL, total),
        outside_visits=summary.outside_window.visits,
        outside_submissions=summary.outside_window.submissions,
        outside_note=note,
    )


def missing_text(missing: dict[SubmissionKind, int]) -> str:
    """``"已完成"``, or what is still owed: ``"尚缺社情民意信息1条"``."""
    if not missing:
        return captions.COMPLETE
    return captions.OWES + "、".join(f"{k.label}{n}条" for k, n in missing.items())
