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
from functools import cached_property
from typing import ClassVar

from attrs import frozen

from sanquan_core import captions
from sanquan_core.exporters import ExportOptions
from sanquan_core.model import Campaign, Channel, Circle, SubmissionKind, Visit
from sanquan_core.rules import CompletionReport, check
from sanquan_core.summary import Summary, Tally, summarize

__all__ = [
    "CompletionContent",
    "Facts",
    "MemberLine",
    "ReminderLine",
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

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """*text* without control characters or lone surrogates (line breaks and tabs stay).

    A JSON string can carry a lone surrogate (``"\\ud800"``); no document
    format can hold one.

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


# -- 成果汇编 (the book) ---------------------------------------------------------

CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十: numbering for 一、 and （一） headings (1–99)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else CHINESE_NUMERALS[tens - 1]) + "十"
    if ones:
        text += CHINESE_NUMERALS[ones - 1]
    return text


@frozen
class BookItem:
    """One item of the book: a submission with who, where from and when."""

    submission_id: str
    number: int
    title: str
    member: str
    group: str
    date_text: str
    paragraphs: tuple[str, ...]
    source: str
    follow_up: str


@frozen
class BookSection:
    """The items of one group inside a chapter: （一）经济界委员工作组."""

    heading: str
    group_id: str
    items: tuple[BookItem, ...]


@frozen
class BookChapter:
    """One chapter per kind: 一、经济社会发展建议."""

    heading: str
    kind: SubmissionKind
    sections: tuple[BookSection, ...]

    @property
    def count(self) -> int:
        """How many items the chapter holds."""
        return sum(len(s.items) for s in self.sections)


@frozen
class BookContent:
    """成果汇编: cover, chapters by kind then group, and the appendix."""

    title: str
    subtitle: str
    issuer: str
    date_text: str
    scope: str
    chapters: tuple[BookChapter, ...]
    summary: SummaryContent
    completion: CompletionContent

    @property
    def count(self) -> int:
        """How many items the book holds."""
        return sum(c.count for c in self.chapters)


BOOK_SUBTITLE = "委员走访成果汇编"
APPENDIX_HEADING = "附录"
NO_ITEMS = "（本章无收录内容）"


def _source_text(campaign: Campaign, visit_id: str | None) -> str:
    if visit_id is None:
        return ""
    try:
        visit = campaign.visit(visit_id)
    except KeyError:
        return ""
    where = f"，{clean(visit.address)}" if visit.address.strip() else ""
    return (
        f"{cn_date(visit.visited_on)}{_CONTACT[visit.channel]}{clean(visit.target)}"
        f"（{visit.circle.label}{where}）"
    )


#: How a visit reads in a sentence: 走访钱七, 电话联系钱七.
_CONTACT = {
    Channel.IN_PERSON: "走访",
    Channel.PHONE: "电话联系",
    Channel.WECHAT: "微信联系",
    Channel.QQ: "QQ联系",
    Channel.OTHER: "联系",
}


def paragraphs(text: str) -> tuple[str, ...]:
    """*text* split into its non-empty paragraphs (line breaks end paragraphs)."""
    return tuple(p.strip() for p in clean(text).split("\n") if p.strip())


def book_content(
    campaign: Campaign, summary: Summary, report: CompletionReport, options: ExportOptions
) -> BookContent:
    """The book of *campaign*: every in-window submission exactly once.

    Chapters follow the kinds (only kinds that have items or, when
    *campaign* is a selection of kinds, those kinds); inside a chapter the
    groups in campaign order, inside a group the items by date, then in
    the order given. Numbers in the appendix come from *summary* and
    *report*, computed on the same campaign.

    The cover's date is the day of ``options.created`` when given, else
    the last day of the campaign: the book compiles what the campaign
    brought in, after it ended.
    """
    plan = campaign.plan
    day = options.created.date() if options.created is not None else plan.ends_on
    kinds_present = {s.kind for s in campaign.submissions}
    chapters: list[BookChapter] = []
    for kind in SubmissionKind:
        if kind not in kinds_present:
            continue
        sections: list[BookSection] = []
        for group in campaign.groups:
            subs = [
                s
                for m in campaign.members_of(group.id)
                for s in campaign.submissions_of(m.id)
                if s.kind is kind and plan.in_window(s.submitted_on)
            ]
            subs.sort(key=lambda s: s.submitted_on)  # stable: ties keep the given order
            if not subs:
                continue
            items = tuple(
                BookItem(
                    submission_id=s.id,
                    number=n,
                    title=clean(s.title) or f"{kind.label}（无标题）",
                    member=clean(campaign.member(s.member_id).name),
                    group=clean(group.name),
                    date_text=cn_date(s.submitted_on),
                    paragraphs=paragraphs(s.content),
                    source=_source_text(campaign, s.visit_id),
                    follow_up=s.follow_up.label if s.follow_up else "",
                )
                for n, s in enumerate(subs, 1)
            )
            heading = f"（{chinese_number(len(sections) + 1)}）{clean(group.name)}"
            sections.append(BookSection(heading, group.id, items))
        heading = f"{chinese_number(len(chapters) + 1)}、{kind.label}"
        chapters.append(BookChapter(heading, kind, tuple(sections)))
    return BookContent(
        title=clean(plan.title),
        subtitle=BOOK_SUBTITLE,
        issuer=clean(plan.issuer),
        date_text=cn_date(day),
        scope=options.selection.describe(campaign),
        chapters=tuple(chapters),
        summary=summary_content(summary),
        completion=completion_content(campaign, report),
    )


# -- 通知 (the notice packet) ----------------------------------------------------


@frozen
class NoticeContent:
    """The notice that issued the plan, and the plan's own text.

    ``plan_paragraphs`` holds (level, text): level 1 for a heading
    starting 一、, level 2 for one starting （一）, 0 for body text.
    """

    masthead: str
    doc_number: str
    title: str
    addressees: str
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]
    signature: str
    date_text: str
    plan_title: str
    plan_paragraphs: tuple[tuple[int, str], ...]
    imprint: tuple[str, str]


_LEVEL_1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL_2 = re.compile(r"^（[一二三四五六七八九十]+）")

#: The attachments as the notice lists them (附件说明).
ATTACHMENT_TITLES = (
    "走访情况登记表",
    "“三个一”工作成果登记表",
    "情况汇总表",
)


def heading_level(text: str) -> int:
    """1 for 一、…, 2 for （一）…, 0 for body text."""
    if _LEVEL_1.match(text):
        return 1
    if _LEVEL_2.match(text):
        return 2
    return 0


def notice_content(campaign: Campaign) -> NoticeContent:
    """The notice of *campaign*'s plan, from the plan's notice fields."""
    plan = campaign.plan
    issuer = clean(plan.issuer)
    title = clean(plan.notice_title) or f"关于印发《{clean(plan.text_title)}》的通知"
    date_text = cn_date(plan.issued_on)
    return NoticeContent(
        masthead=f"{issuer}文件" if issuer else "",
        doc_number=clean(plan.doc_number),
        title=title,
        addressees=clean(plan.addressees),
        paragraphs=tuple(clean(p) for p in plan.notice_text if p.strip()),
        attachments=tuple(f"{i}. {t}" for i, t in enumerate(ATTACHMENT_TITLES, 1)),
        signature=issuer,
        date_text=date_text,
        plan_title=clean(plan.text_title),
        plan_paragraphs=tuple(
            (heading_level(p.strip()), clean(p.strip())) for p in plan.text if p.strip()
        ),
        imprint=(issuer, f"{date_text}印发" if date_text else ""),
    )


# -- charts -----------------------------------------------------------------------


@frozen
class ChartContent:
    """What the charts show: items per group and kind, completion rate per group."""

    groups: tuple[str, ...]
    items: tuple[tuple[str, tuple[int, ...]], ...]
    rates: tuple[float, ...]
    items_title: str = "各组“三个一”工作报送条数"
    rates_title: str = "各组“三个一”完成率"


def chart_content(campaign: Campaign, summary: Summary, report: CompletionReport) -> ChartContent:
    """The numbers the charts draw, straight from *summary* and *report*."""
    rates = {g.group_id: g.rate for g in report.groups}
    return ChartContent(
        groups=tuple(clean(row.group) for row in summary.rows),
        items=tuple(
            (kind.label, tuple(row.submitted[kind] for row in summary.rows))
            for kind in SubmissionKind
        ),
        rates=tuple(rates.get(row.group_id) or 0.0 for row in summary.rows),
    )


# -- Chinese typography ----------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_HALF_PUNCT = re.compile(
    rf"(?<=[{_CJK}])([,;:?!)])|([(])(?=[{_CJK}])|(?<=[{_CJK}])\.(?=$|[{_CJK}])"
)


def full_width(text: str) -> str:
    """ASCII punctuation next to Chinese made full-width, as official documents print it.

    ``项目,工作`` → ``项目，工作``; ``(一)`` → ``（一）``; a full stop after
    Chinese becomes ``。``. Punctuation between Latin letters or digits
    (``3.5``, ``a,b``, ``http://``) is left alone.
    """

    def swap(match: re.Match[str]) -> str:
        ch = match.group(0)
        return "。" if ch == "." else _HALF_TO_FULL[ch]

    return _HALF_PUNCT.sub(swap, text)


# -- what every exporter computes once ----------------------------------------------


class Facts:
    """The campaign being exported, the options, and the domain's numbers for it.

    Every format's shared context builds on this, so that the summary and
    the completion check are computed once per export, by the domain, and
    never re-counted by a renderer.
    """

    def __init__(self, campaign: Campaign, options: ExportOptions) -> None:
        self.campaign = campaign
        self.options = options

    @cached_property
    def report(self) -> CompletionReport:
        """:func:`sanquan_core.check` of the campaign."""
        return check(self.campaign)

    @cached_property
    def summary(self) -> Summary:
        """:func:`sanquan_core.summarize` of the campaign."""
        return summarize(self.campaign)

    @cached_property
    def scope(self) -> str:
        """The selection exported, in words; ``""`` when it is the whole campaign."""
        return self.options.selection.describe(self.campaign)
