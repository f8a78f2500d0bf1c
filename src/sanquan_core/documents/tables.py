"""The tabular forms declared once: columns (caption, key, type, width) and rows.

附件1 as rows, 附件2 as rows, 附件3, the completion table, the book as
rows and the follow-up report's tallies are each declared here,
format-free. The XLSX and CSV exporters render them; the readers of filled
forms find their columns by these captions.

A :class:`Column` says what a column holds: its caption as the seed words
it (line breaks where the printed form breaks it), a stable English
``key``, the ``type`` of its values and a width hint in half-width
characters. A :class:`Table` pairs the columns with its rows, one tuple of
values per row, in column order; rows are produced as they are read, so a
large campaign is never held twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Literal, TypeAlias

import attrs
from attrs import frozen

from sanquan_core import captions
from sanquan_core.documents.book import book_content
from sanquan_core.documents.facts import rolled_up
from sanquan_core.documents.followup import followup_content
from sanquan_core.documents.forms import (
    ResultItem,
    missing_text,
    results_forms,
    rollup_content,
    summary_content,
    visit_forms,
)
from sanquan_core.documents.reminders import ReminderText, reminder_texts
from sanquan_core.documents.report import completion_content
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.ledger import Ledger, ledger
from sanquan_core.model import Campaign, Circle, Event, Level, Satisfaction, SubmissionKind
from sanquan_core.rules import CompletionReport
from sanquan_core.summary import Summary

__all__ = [
    "Column",
    "ColumnType",
    "Table",
    "Value",
    "book_table",
    "completion_table",
    "follow_up_table",
    "reminders_table",
    "results_table",
    "summary_table",
    "table",
    "visits_table",
]

#: What a cell of a declared table holds.
Value: TypeAlias = str | int | float | date | None
#: The kinds of value a column holds.
ColumnType: TypeAlias = Literal["text", "int", "date", "percent"]


@frozen
class Column:
    """One column of a declared table.

    Attributes:
        key: a stable English name (``"visited_on"``), for programs.
        caption: the caption as the printed form words it; a line break
            marks where the form breaks it (``"走访对象\\n反映的情况"``).
        type: what its values are: text, whole numbers, dates, fractions.
        width: a width hint, in half-width characters (a Chinese character
            counts two).
        group: the caption of a header above it shared with its neighbours
            (附件3's ``走访“圈子”人数`` over 界别圈, 生活圈, 朋友圈); ``""`` for none.
    """

    key: str
    caption: str
    type: ColumnType = "text"
    width: float = 10
    group: str = ""

    @property
    def label(self) -> str:
        """The caption on one line, as a file's header cell holds it."""
        return self.caption.replace("\n", "")


@frozen
class Table:
    """A declared table: its form, title, columns and rows.

    Attributes:
        form: the form it is (``Form.VISITS`` …).
        title: the form's title, one line per element.
        columns: the columns, in order.
        rows: called to produce the rows, each a tuple in column order.
    """

    form: Form
    title: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[tuple[Value, ...]]]

    @property
    def captions(self) -> tuple[str, ...]:
        """The columns' one-line captions."""
        return tuple(c.label for c in self.columns)

    @property
    def groups(self) -> tuple[tuple[str, int], ...]:
        """The upper header: (caption, span) pairs; a column with no group spans itself."""
        out: list[tuple[str, int]] = []
        for column in self.columns:
            name = column.group
            if name and out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + 1)
            else:
                out.append((name or column.label, 1))
        return tuple(out)

    def column(self, key: str) -> Column:
        """The column called *key*.

        Raises:
            KeyError: the table has no such column.
        """
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"the {self.form.value} table has no column {key!r}")


# -- 附件1 ----------------------------------------------------------------------

VISIT_COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", width=8),
    Column("visitor", captions.VISITOR, width=10),
    Column("group", captions.GROUP_OF, width=16),
    Column("target", captions.TARGET, width=14),
    Column("address", captions.ADDRESS, width=16),
    Column("visited_on", captions.VISIT_DATE, "date", 14),
    Column("circle", captions.CIRCLE, width=8),
    Column("channel", captions.CHANNEL, width=8),
    Column("headcount", captions.HEADCOUNT, "int", 8),
    Column("situation", captions.SITUATION, width=26),
    Column("needs_help", captions.NEEDS_HELP, width=20),
    Column("needs_coordination", captions.NEEDS_COORDINATION, width=20),
    Column("follow_up", captions.FOLLOW_UP, width=9),
    Column("remark", "备注", width=16),
)


def visits_table(campaign: Campaign) -> Table:
    """附件1 as rows: one per visit, the visitor and their group included."""

    def rows() -> Iterator[tuple[Value, ...]]:
        for form in visit_forms(campaign):
            yield (
                form.visit_id,
                form.visitor,
                form.group,
                form.target,
                form.address,
                form.visited_on,
                form.circle,
                form.channel,
                form.headcount,
                form.situation,
                form.needs_help,
                form.needs_coordination,
                form.follow_up,
                "" if form.in_window else captions.OUTSIDE_MARK,
            )

    return Table(Form.VISITS, captions.VISIT_FORM_TITLE, VISIT_COLUMNS, rows)


# -- 附件2 ----------------------------------------------------------------------

RESULT_COLUMNS: tuple[Column, ...] = (
    Column("member", captions.MEMBER_NAME, width=10),
    Column("group", captions.GROUP_OF, width=16),
    *(Column(kind.value, captions.RESULT_ROWS[kind], width=36) for kind in SubmissionKind),
    Column("status", captions.STATUS, width=14),
    Column("remark", "备注", width=18),
)


def items_text(items: Sequence[ResultItem]) -> str:
    """The items of one kind as one cell: title (date), content; numbered when several."""
    parts = []
    for index, item in enumerate(items, 1):
        line = f"{item.title}{item.dated}"
        if len(items) > 1:
            line = f"{index}. {line}"
        if item.follow_up:
            line += f"［{item.follow_up}］"
        if not item.in_window:
            line += f"【{captions.OUTSIDE_MARK}】"
        parts.append(f"{line}\n{item.content}" if item.content else line)
    return "\n".join(parts)


def results_table(campaign: Campaign, report: CompletionReport) -> Table:
    """附件2 as rows: one per member, their items of each kind in the seed's three columns."""

    def rows() -> Iterator[tuple[Value, ...]]:
        for form in results_forms(campaign, report):
            outside = [
                item.submission_id
                for _, items in form.rows()
                for item in items
                if not item.in_window
            ]
            remark = f"{captions.OUTSIDE_MARK}：{'、'.join(outside)}" if outside else ""
            yield (
                form.member,
                form.group,
                *(items_text(items) for _, items in form.rows()),
                missing_text(form.missing),
                remark,
            )

    return Table(Form.RESULTS, captions.RESULTS_FORM_TITLE, RESULT_COLUMNS, rows)


# -- 附件3 ----------------------------------------------------------------------

SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("group", captions.GROUP, width=20),
    Column("participants", captions.PARTICIPANTS_BROKEN, "int", 10),
    *(
        Column(c.value, caption, "int", 9, captions.VISITED)
        for c, caption in zip(Circle, captions.CIRCLE_COLUMNS, strict=True)
    ),
    *(
        Column(k.value, caption, "int", 12, captions.SUBMITTED)
        for k, caption in zip(SubmissionKind, captions.KIND_COLUMNS, strict=True)
    ),
)


#: The 附件3 variant's columns beside the seed's: items adopted at each level.
ADOPTION_COLUMNS: tuple[Column, ...] = tuple(
    Column(f"adopted_{level.value}", caption, "int", 10, captions.ADOPTED)
    for level, caption in zip(Level, captions.ADOPTION_COLUMNS, strict=True)
)


def summary_table(
    summary: Summary, adoption: Ledger | None = None, *, rollup: bool = False
) -> Table:
    """附件3: one row per group, then the total row 汇总.

    With *adoption* (the campaign's ledger), the variant with
    :data:`ADOPTION_COLUMNS` after the seed's. With *rollup*, *summary* is a
    prefecture's roll-up: a row per county under 县（市、区） (no adoption).
    """
    if rollup:
        content = rollup_content(summary)
        columns = (attrs.evolve(SUMMARY_COLUMNS[0], caption=captions.COUNTY), *SUMMARY_COLUMNS[1:])
    else:
        content = summary_content(summary, None, adoption)
        columns = SUMMARY_COLUMNS if adoption is None else (*SUMMARY_COLUMNS, *ADOPTION_COLUMNS)

    def rows() -> Iterator[tuple[Value, ...]]:
        for name, values in content.rows:
            yield (name, *values)
        label, values = content.total
        yield (label, *values)

    return Table(Form.SUMMARY, (captions.SUMMARY_TITLE,), columns, rows)


# -- the completion report ----------------------------------------------------------

COMPLETION_COLUMNS: tuple[Column, ...] = (
    Column("member", captions.MEMBER_HEADER[0], width=10),
    Column("group", captions.MEMBER_HEADER[1], width=16),
    Column("office", captions.MEMBER_HEADER[2], width=10),
    *(
        Column(k.value, caption, "int", 12)
        for k, caption in zip(SubmissionKind, captions.KIND_COLUMNS, strict=True)
    ),
    Column("status", captions.STATUS, width=20),
    Column("uncovered", captions.MEMBER_HEADER[-1], width=14),
)


def completion_table(campaign: Campaign, report: CompletionReport) -> Table:
    """The completion report's member table: every member's 三个一, what they owe."""
    content = completion_content(campaign, report)

    def rows() -> Iterator[tuple[Value, ...]]:
        for m in content.members:
            yield (m.member, m.group, m.office, *m.submitted, m.missing_text, m.uncovered_text)

    return Table(Form.COMPLETION, (content.title,), COMPLETION_COLUMNS, rows)


# -- 成果汇编 ------------------------------------------------------------------------

BOOK_COLUMNS: tuple[Column, ...] = (
    Column("chapter", "章", width=16),
    Column("group", captions.GROUP, width=16),
    Column("number", "序号", "int", 5),
    Column("title", "标题", width=24),
    Column("member", "委员", width=10),
    Column("submitted_on", captions.SUBMITTED_ON, "date", 14),
    Column("content", "内容", width=50),
    Column("source", "来源走访", width=24),
    Column("follow_up", captions.FOLLOW_UP, width=10),
    Column("id", "编号", width=8),
)


def book_table(
    campaign: Campaign, summary: Summary, report: CompletionReport, options: ExportOptions
) -> Table:
    """成果汇编 as rows: every item counted in the summary once, in the book's order."""
    content = book_content(campaign, summary, report, options)

    def rows() -> Iterator[tuple[Value, ...]]:
        for chapter in content.chapters:
            for section in chapter.sections:
                for item in section.items:
                    yield (
                        chapter.heading,
                        item.group,
                        item.number,
                        item.title,
                        item.member,
                        campaign.submission(item.submission_id).submitted_on,
                        "\n".join(item.paragraphs),
                        item.source,
                        item.follow_up,
                        item.submission_id,
                    )

    title = (content.title, content.subtitle)
    return Table(Form.BOOK, title, BOOK_COLUMNS, rows)


# -- the reminders (催报通知, sanquan remind) -------------------------------------------

REMINDER_COLUMNS: tuple[Column, ...] = (
    Column("member_id", captions.TEXT_HEADER[0], width=10),
    Column("member", captions.TEXT_HEADER[1], width=10),
    Column("group", captions.TEXT_HEADER[2], width=16),
    Column("phone", captions.TEXT_HEADER[3], width=14),
    Column("deadline", captions.TEXT_HEADER[4], "date", 12),
    Column("text", captions.TEXT_HEADER[5], width=60),
)


def reminders_table(texts: Sequence[ReminderText]) -> Table:
    """The reminders as rows: a member each, their phone, the deadline, the text to send.

    The deadline is empty when every phase has ended.
    """

    def rows() -> Iterator[tuple[Value, ...]]:
        for t in texts:
            yield (t.member_id, t.member, t.group, t.phone, t.deadline, t.text)

    return Table(Form.REMINDERS, (captions.REMINDERS_TITLE,), REMINDER_COLUMNS, rows)


# -- 办理情况 ---------------------------------------------------------------------------

#: The keys of the follow-up tallies' numbers, in the order of
#: :data:`~sanquan_core.captions.HANDLING_COLUMNS` then ``OUTCOME_COLUMNS``.
FOLLOW_UP_KEYS: tuple[str, ...] = (
    "items",
    *(f"transferred_{e.value}" for e in (Event.PROPOSAL, Event.TOPIC, Event.COORDINATION)),
    "assigned",
    "replied",
    "replied_late",
    "overdue",
    "closed",
    *(f"adopted_{level.value}" for level in Level),
    "instructed",
    *(f"satisfaction_{s.value}" for s in Satisfaction),
)

FOLLOW_UP_COLUMNS: tuple[Column, ...] = (
    Column("by", captions.FOLLOW_UP_ROW[0], width=10),
    Column("name", captions.FOLLOW_UP_ROW[1], width=20),
    *(
        Column(key, caption, "int", 8)
        for key, caption in zip(
            FOLLOW_UP_KEYS,
            (*captions.HANDLING_COLUMNS, *captions.OUTCOME_COLUMNS),
            strict=True,
        )
    ),
)


def follow_up_table(campaign: Campaign, ledger: Ledger) -> Table:
    """办理情况's tallies as rows: per kind (类别), per office (联系委办), then 合计.

    Each row holds every number of the report's first four parts; the units'
    table and the overdue list are the report's own.
    """
    content = followup_content(campaign, ledger)
    kind_by, office_by = captions.TALLY_BY

    def rows() -> Iterator[tuple[Value, ...]]:
        for by, lines in ((kind_by, content.kinds), (office_by, content.offices)):
            for name, numbers in lines:
                yield (by, name, *numbers)
        yield (captions.TOTAL_ROW, captions.TOTAL_ROW, *content.total)

    return Table(Form.FOLLOW_UP, (content.title,), FOLLOW_UP_COLUMNS, rows)


def table(
    form: Form,
    campaign: Campaign,
    summary: Summary,
    report: CompletionReport,
    options: ExportOptions,
) -> Table:
    """The declared table of *form*.

    Raises:
        ValueError: *form* is not a table (the notice packet).
    """
    if form is Form.VISITS:
        return visits_table(campaign)
    if form is Form.RESULTS:
        return results_table(campaign, report)
    if form is Form.SUMMARY:
        rollup = rolled_up(options)
        if rollup is not None:
            return summary_table(rollup, rollup=True)
        adoption = ledger(campaign, as_of=options.as_of) if options.adoption else None
        return summary_table(summary, adoption)
    if form is Form.COMPLETION:
        return completion_table(campaign, report)
    if form is Form.BOOK:
        return book_table(campaign, summary, report, options)
    if form is Form.POINTS:
        from sanquan_core.documents.points import points_content

        return points_content(campaign).members
    if form is Form.REMINDERS:
        return reminders_table(reminder_texts(campaign, report))
    if form is Form.FOLLOW_UP:
        return follow_up_table(campaign, ledger(campaign, as_of=options.as_of))
    raise ValueError(f"{form.label} is a document, not a table")
