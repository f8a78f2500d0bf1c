"""Reminders that go out (催报): a letter per group, a short text per member, format-free.

Who is reminded is the completion check's reminder list
(:attr:`CompletionReport.reminders <sanquan_core.rules.CompletionReport.reminders>`):
the members who still owe items of 三个一. What each one owes:

* the circles they made no visit in, one visit each (走访尚缺生活圈1次);
* the items of each kind they still owe (``MemberStatus.missing``).

The deadline is the end of the first phase ending on or after the day the
check stood at (``as_of``); without ``as_of`` every record counts and the
deadline is the campaign's last day. When ``as_of`` lies after every phase
there is no deadline left and the wording asks for the items as soon as
possible.

A text is at most :data:`~sanquan_core.captions.TEXT_LIMIT` characters
(``len``, code points), shortened until it fits: the lists of circles and
kinds first, then counts instead of lists, then without the sender, and
last the member's name cut with …. Every wording is in
:mod:`sanquan_core.captions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs
import wcwidth
from attrs import field, frozen

from sanquan_core import captions
from sanquan_core.documents.facts import Facts
from sanquan_core.documents.notice import NoticeContent
from sanquan_core.documents.text import clean, cn_date, cn_month_day, full_width
from sanquan_core.model import Campaign, Circle, Plan, SubmissionKind
from sanquan_core.rules import CompletionReport

__all__ = [
    "ReminderLetter",
    "ReminderText",
    "deadline_after",
    "letters_of",
    "reminder_letters",
    "reminder_texts",
    "shorten",
]


@frozen
class ReminderText:
    """One member's reminder: who, what they owe, by when, and the short text to send.

    Attributes:
        member_id: the member.
        member: their name.
        group_id: their group.
        group: the group's name.
        office: the office supervising the group (``""`` when none is named).
        phone: the member's phone number (``""`` when the data has none).
        visits: the circles still to visit, and how many visits each.
        items: the items still owed, per kind.
        deadline: the day to hand them in by; ``None`` when every phase has ended.
        text: the message, at most :data:`~sanquan_core.captions.TEXT_LIMIT` characters.
    """

    member_id: str
    member: str
    group_id: str
    group: str
    office: str
    phone: str
    visits: Mapping[Circle, int] = field(hash=False)
    items: Mapping[SubmissionKind, int] = field(hash=False)
    deadline: date | None
    text: str

    @property
    def owed(self) -> str:
        """What the member owes, as a letter lists it (:func:`owed_text`)."""
        return owed_text(self.visits, self.items)

    def as_dict(self) -> dict[str, object]:
        """The JSON form: ids, names, what is owed by value, the deadline, the text."""
        return {
            "member_id": self.member_id,
            "member": self.member,
            "group_id": self.group_id,
            "group": self.group,
            "office": self.office,
            "phone": self.phone,
            "visits": {c.value: n for c, n in self.visits.items()},
            "items": {k.value: n for k, n in self.items.items()},
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "text": self.text,
        }


@frozen
class ReminderLetter:
    """The 催报通知 to one group: a 函 from the issuing office, listing who owes what.

    Its parts are those of the notice (:class:`~.notice.NoticeContent`), so
    the renderers lay it out as they lay the notice out
    (:meth:`as_notice`).
    """

    group_id: str
    masthead: str
    number: str
    title: str
    addressee: str
    paragraphs: tuple[str, ...]
    signature: str
    date_text: str
    members: tuple[ReminderText, ...]

    def as_notice(self) -> NoticeContent:
        """The letter in the notice's parts: no attachments, no plan text, no imprint."""
        return NoticeContent(
            masthead=self.masthead,
            doc_number=self.number,
            title=self.title,
            addressees=self.addressee,
            paragraphs=self.paragraphs,
            attachments=(),
            signature=self.signature,
            date_text=self.date_text,
            plan_title="",
            plan_paragraphs=(),
            imprint=("", ""),
        )


def deadline_after(plan: Plan, as_of: date | None) -> date | None:
    """The end of the first phase ending on or after *as_of*; the campaign's end without one.

    ``None`` when *as_of* lies after the last phase.
    """
    if as_of is None:
        return plan.ends_on
    for phase in plan.phases:
        if as_of <= phase.ends_on:
            return phase.ends_on
    return None


def owed_text(visits: Mapping[Circle, int], items: Mapping[SubmissionKind, int]) -> str:
    """走访尚缺生活圈1次；“三个一”尚缺社情民意信息1条: what a letter says a member owes."""
    parts = []
    if visits:
        listed = "、".join(
            captions.OWED_VISIT.format(circle=c.label, count=n) for c, n in visits.items()
        )
        parts.append(captions.OWED_VISITS.format(list=listed))
    if items:
        listed = "、".join(
            captions.OWED_ITEM.format(kind=k.label, count=n) for k, n in items.items()
        )
        parts.append(captions.OWED_ITEMS.format(list=listed))
    return "；".join(parts)


def _day(deadline: date, since: date | None) -> str:
    """7月31日; with the year when it is not the year of *since*."""
    if since is not None and since.year != deadline.year:
        return cn_date(deadline)
    return cn_month_day(deadline)


def shorten(
    name: str,
    visits: Mapping[Circle, int],
    items: Mapping[SubmissionKind, int],
    deadline: str | None,
    sender: str,
    limit: int = captions.TEXT_LIMIT,
) -> str:
    """The text for one member, shortened until it is at most *limit* characters.

    Tried in order, the first that fits wins: the circles and kinds listed;
    their counts instead; the counts without the sender; the counts without
    the sender and the name cut to fit (ending in …).
    """
    listed = []
    if visits:
        listed.append(
            captions.TEXT_VISITS.format(
                list="、".join(
                    captions.OWED_VISIT.format(circle=c.label, count=n) for c, n in visits.items()
                )
            )
        )
    if items:
        listed.append(
            captions.TEXT_ITEMS.format(
                list="、".join(
                    captions.OWED_ITEM.format(kind=captions.KIND_SHORT[k], count=n)
                    for k, n in items.items()
                )
            )
        )
    counted = []
    if visits:
        counted.append(captions.TEXT_VISITS_COUNT.format(count=len(visits)))
    if items:
        counted.append(captions.TEXT_ITEMS_COUNT.format(count=sum(items.values())))
    signed = captions.TEXT_SENDER.format(sender=sender) if sender else ""

    def text(owed: list[str], signature: str, who: str) -> str:
        template = captions.TEXT if deadline is not None else captions.TEXT_ASAP
        return template.format(name=who, owed="，".join(owed), deadline=deadline, sender=signature)

    for owed, signature in ((listed, signed), (counted, signed), (counted, "")):
        candidate = text(owed, signature, name)
        if len(candidate) <= limit:
            return candidate
    room = limit - len(text(counted, "", ""))
    keep, head = max(0, room - len(captions.TEXT_CUT)), ""
    for grapheme in wcwidth.iter_graphemes(name):  # never half an emoji or a mark's base
        if len(head) + len(grapheme) > keep:
            break
        head += grapheme
    cut = head + captions.TEXT_CUT
    return text(counted, "", cut)[:limit]


def reminder_texts(
    campaign: Campaign,
    report: CompletionReport,
    *,
    group: str | None = None,
    sender: str | None = None,
) -> tuple[ReminderText, ...]:
    """One reminder per incomplete member of *report*, in the reminder list's order.

    Args:
        campaign: the campaign *report* checked (as it stood on ``report.as_of``).
        report: its completion check.
        group: only this group's members, by id or name.
        sender: signs the texts; by default the plan's issuer.
    """
    plan = campaign.plan
    deadline = deadline_after(plan, report.as_of)
    day = None if deadline is None else _day(deadline, report.as_of or plan.starts_on)
    signer = clean(plan.issuer if sender is None else sender).strip()
    out = []
    for line in report.reminders:
        found = campaign.group(line.group_id)
        if group is not None and group not in (found.id, found.name):
            continue
        for member_id in line.member_ids:
            member = campaign.member(member_id)
            status = report.member(member_id)
            visits = dict.fromkeys(status.uncovered_circles, 1)
            items = dict(status.missing)
            name = clean(member.name).strip()
            out.append(
                ReminderText(
                    member_id=member.id,
                    member=name,
                    group_id=found.id,
                    group=clean(found.name),
                    office=clean(found.office),
                    phone=clean(member.phone).strip(),
                    visits=visits,
                    items=items,
                    deadline=deadline,
                    text=shorten(name, visits, items, day, signer),
                )
            )
    return tuple(out)


def reminder_letters(
    campaign: Campaign,
    report: CompletionReport,
    *,
    dated: date | None = None,
    number: str = "",
) -> tuple[ReminderLetter, ...]:
    """The 催报通知 to each group with incomplete members, in the reminder list's order.

    Args:
        campaign: the campaign *report* checked.
        report: its completion check.
        dated: the letters' date (成文日期); by default ``report.as_of``.
        number: the 函 number printed under the masthead (``""``: none).
    """
    plan = campaign.plan
    texts = reminder_texts(campaign, report)
    deadline = deadline_after(plan, report.as_of)
    issuer = full_width(clean(plan.issuer))
    day = report.as_of
    when = captions.REMINDERS_SO_FAR if day is None else captions.AS_OF.format(day=cn_date(day))
    if deadline is None:
        closing = captions.REMINDERS_CLOSING_ASAP
    else:
        closing = captions.REMINDERS_CLOSING.format(deadline=cn_date(deadline))
    by_group: dict[str, list[ReminderText]] = {}
    for t in texts:
        by_group.setdefault(t.group_id, []).append(t)
    letters = []
    for line in report.reminders:
        members = tuple(by_group.get(line.group_id, ()))
        if not members:
            continue
        opening = captions.REMINDERS_OPENING.format(
            plan=full_width(clean(plan.text_title)), day=when, count=len(members)
        )
        listed = tuple(
            captions.REMINDERS_MEMBER.format(number=i, name=t.member, owed=t.owed)
            for i, t in enumerate(members, 1)
        )
        group = campaign.group(line.group_id)
        letters.append(
            ReminderLetter(
                group_id=group.id,
                masthead=issuer,
                number=full_width(clean(number)),
                title=captions.REMINDERS_TITLE,
                addressee=captions.REMINDERS_ADDRESSEE.format(group=full_width(clean(group.name))),
                paragraphs=(opening, *(full_width(p) for p in listed), closing),
                signature=issuer,
                date_text=cn_date(dated or day),
                members=members,
            )
        )
    return tuple(letters)


def letters_of(facts: Facts) -> tuple[ReminderLetter, ...]:
    """The letters an export prints (``forms=["reminders"]``).

    Dated ``options.as_of``, else the export's timestamp; the 函 number is
    the ``letter_number`` setting (``sq.export(..., letter_number="…〔2017〕{n}号")``),
    ``{n}`` replaced by the letter's place, 1 for the first group.
    """
    options = facts.options
    dated = options.as_of or options.timestamp(facts.campaign).date()
    number = str(options.settings.get("letter_number", "") or "")
    letters = reminder_letters(facts.campaign, facts.report, dated=dated)
    if not number:
        return letters
    return tuple(
        attrs.evolve(letter, number=full_width(clean(number.replace("{n}", str(i)))))
        for i, letter in enumerate(letters, 1)
    )
