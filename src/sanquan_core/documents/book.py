"""成果汇编 (the book): cover, chapters by kind then group, the appendix's numbers, format-free."""

from __future__ import annotations

from attrs import frozen

from sanquan_core.documents.forms import SummaryContent, summary_content
from sanquan_core.documents.report import CompletionContent, completion_content
from sanquan_core.documents.text import chinese_number, clean, cn_date, paragraphs
from sanquan_core.exporters import ExportOptions
from sanquan_core.model import Campaign, Channel, SubmissionKind
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary


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
