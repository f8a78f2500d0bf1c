"""成果汇编 (the book): cover, chapters by kind then group, the appendix's numbers, format-free."""

from __future__ import annotations

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.forms import SummaryContent, summary_content
from sanquan_core.documents.report import CompletionContent, completion_content
from sanquan_core.documents.text import chinese_number, clean, cn_date, full_width, paragraphs
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

    @property
    def heading(self) -> str:
        """The item's heading: ``1.关于…的建议``."""
        return f"{self.number}.{self.title}"

    @property
    def byline(self) -> str:
        """Who handed it in, from which group, and when."""
        return (
            f"{captions.SUBMITTER}：{self.member}（{self.group}）　"
            f"{captions.SUBMITTED_ON}：{self.date_text}"
        )

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """(caption, text) lines after the item: the visit it came from, its follow-up."""
        return tuple(
            (f"{caption}：", text)
            for caption, text in (
                (captions.SOURCE, self.source),
                (captions.FOLLOW_UP, self.follow_up),
            )
            if text
        )


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


BOOK_SUBTITLE = captions.BOOK_SUBTITLE
APPENDIX_HEADING = captions.APPENDIX_HEADING
NO_ITEMS = captions.NO_ITEMS


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
                    title=full_width(clean(s.title)) or f"{kind.label}{captions.NO_TITLE}",
                    member=full_width(clean(campaign.member(s.member_id).name)),
                    group=full_width(clean(group.name)),
                    date_text=cn_date(s.submitted_on),
                    paragraphs=tuple(full_width(p) for p in paragraphs(s.content)),
                    source=full_width(_source_text(campaign, s.visit_id)),
                    follow_up=s.follow_up.label if s.follow_up else "",
                )
                for n, s in enumerate(subs, 1)
            )
            heading = f"（{chinese_number(len(sections) + 1)}）{full_width(clean(group.name))}"
            sections.append(BookSection(heading, group.id, items))
        heading = f"{chinese_number(len(chapters) + 1)}、{kind.label}"
        chapters.append(BookChapter(heading, kind, tuple(sections)))
    return BookContent(
        title=full_width(clean(plan.title)),
        subtitle=BOOK_SUBTITLE,
        issuer=full_width(clean(plan.issuer)),
        date_text=cn_date(day),
        scope=full_width(options.selection.describe(campaign)),
        chapters=tuple(chapters),
        summary=summary_content(summary, plan),
        completion=completion_content(campaign, report),
    )
