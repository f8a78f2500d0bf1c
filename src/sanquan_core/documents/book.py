"""成果汇编 (the book): cover, chapters by kind then group, the appendix's numbers, format-free."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.forms import SummaryContent, summary_content
from sanquan_core.documents.report import CompletionContent, completion_content
from sanquan_core.documents.text import chinese_number, clean, cn_date, full_width, paragraphs
from sanquan_core.exporters import ExportOptions
from sanquan_core.ledger import Ledger, ledger, status_line
from sanquan_core.model import Campaign, Channel, Event, Level, Submission, SubmissionKind
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
class AdoptionLine:
    """One adoption of a book's item (采用情况): the level, the day, the item."""

    level: Level
    adopted_on: date
    date_text: str
    submission_id: str
    title: str
    member: str
    group: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """The row of :data:`~sanquan_core.captions.ADOPTION_HEADER`."""
        return (self.level.label, self.date_text, self.title, self.member, self.group)


@frozen
class BookContent:
    """成果汇编: cover, chapters by kind then group, and the appendix.

    ``adoptions`` lists the book's items adopted (the ledger's ``adopted``
    events), the highest level first, then by day; the appendix prints them
    as its last part when there are any.
    """

    title: str
    subtitle: str
    issuer: str
    date_text: str
    scope: str
    chapters: tuple[BookChapter, ...]
    summary: SummaryContent
    completion: CompletionContent
    adoptions: tuple[AdoptionLine, ...] = ()

    @property
    def count(self) -> int:
        """How many items the book holds."""
        return sum(c.count for c in self.chapters)

    @property
    def appendix_parts(self) -> tuple[str, ...]:
        """The appendix's parts: the summary, the completion figures, the charts when
        there are groups, 采用情况 when an item was adopted; numbered （一） on."""
        parts = captions.APPENDIX_PARTS if self.summary.rows else captions.APPENDIX_PARTS[:2]
        if self.adoptions:
            parts = (*parts, f"（{chinese_number(len(parts) + 1)}）{captions.ADOPTION_PART}")
        return parts


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
    campaign: Campaign,
    summary: Summary,
    report: CompletionReport,
    options: ExportOptions,
    follow_ups: Ledger | None = None,
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

    An item with events in the ledger (*follow_ups*, by default
    :func:`~sanquan_core.ledger` of *campaign*) shows its status line
    (:func:`~sanquan_core.status_line`) as its 办理情况; an item without
    events shows its own ``follow_up`` as before.
    """
    if follow_ups is None and campaign.follow_ups:
        follow_ups = ledger(campaign, as_of=options.as_of)

    def follow_up(s: Submission) -> str:
        status = None if follow_ups is None else follow_ups.item(s)
        if status is not None and status.events:
            return full_width(status_line(status))
        return s.follow_up.label if s.follow_up else ""

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
                    follow_up=follow_up(s),
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
        summary=summary_content(
            summary,
            plan,
            (follow_ups or ledger(campaign, as_of=options.as_of)) if options.adoption else None,
        ),
        completion=completion_content(campaign, report),
        adoptions=_adoptions(campaign, chapters, follow_ups),
    )


def _adoptions(
    campaign: Campaign, chapters: list[BookChapter], follow_ups: Ledger | None
) -> tuple[AdoptionLine, ...]:
    """The book's items adopted, one line per item and level: highest level first, then by day."""
    if follow_ups is None:
        return ()
    lines = []
    for chapter in chapters:
        for section in chapter.sections:
            for item in section.items:
                status = follow_ups.item(campaign.submission(item.submission_id))
                if status is None:
                    continue
                first: dict[Level, date] = {}
                for event in status.events:
                    if event.event is Event.ADOPTED and event.level is not None:
                        first.setdefault(event.level, event.on)
                for level, day in first.items():
                    lines.append(
                        AdoptionLine(
                            level,
                            day,
                            cn_date(day),
                            item.submission_id,
                            item.title,
                            item.member,
                            item.group,
                        )
                    )
    order = list(Level)
    lines.sort(key=lambda line: (-order.index(line.level), line.adopted_on))
    return tuple(lines)
