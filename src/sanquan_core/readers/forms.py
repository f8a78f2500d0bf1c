"""Filled 附件1 and 附件2 found in grids by their captions, and read into records.

A sheet's header row is the first row (of the first thirty) whose cells
name enough of a form's columns (:data:`VISIT_CAPTIONS`,
:data:`RESULT_CAPTIONS`, the seed's wording and the variants clerks use),
in any order; a header over two rows (a caption merged over sub-captions,
as the template's 附件2 has) is read as one. Every data row under it is
read; every fault is a :class:`~sanquan_core.errors.Problem` located by
file, sheet and cell.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import attrs
from attrs import frozen

from sanquan_core import captions
from sanquan_core._i18n import _
from sanquan_core._keys import submission_key, visit_key
from sanquan_core._suggest import close_matches
from sanquan_core.errors import Problem
from sanquan_core.model import (
    Campaign,
    Channel,
    FollowUp,
    Group,
    Member,
    Submission,
    SubmissionKind,
    Visit,
)
from sanquan_core.readers._base import CellValue, Grid, column_letter
from sanquan_core.readers.values import (
    BadValueError,
    caption_key,
    norm,
    parse_channel,
    parse_circle,
    parse_date,
    parse_follow_up,
    parse_int,
    parse_kind,
    text,
)

__all__ = [
    "RESULT_CAPTIONS",
    "VISIT_CAPTIONS",
    "Candidate",
    "FailedRow",
    "Layout",
    "Located",
    "Where",
    "find_layout",
    "read_grid",
]

#: How far down a sheet its header row is looked for.
HEADER_SEARCH: Final = 30


def _keys(*spellings: str) -> tuple[str, ...]:
    return tuple(caption_key(s) for s in spellings)


_GROUP = _keys(
    captions.GROUP_OF, "所在委员工作联络组", "组别", "所在组", "所在组别", "工作组", "联络组"
)

#: The captions each 附件1 column is found by (compared after :func:`caption_key`).
VISIT_CAPTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "id": _keys("编号", captions.VISIT_NUMBER, "记录编号"),
    "seq": _keys("序号"),
    "visitor": _keys(captions.VISITOR, "走访委员", "委员姓名", "委员", "姓名"),
    "group": _GROUP,
    "target": _keys(captions.TARGET, "走访对象姓名"),
    "address": _keys(captions.ADDRESS, "地址"),
    "visited_on": _keys(captions.VISIT_DATE, "日期", "走访时间"),
    "circle": _keys(captions.CIRCLE, "圈子", "所属圈子", "走访圈"),
    "channel": _keys(captions.CHANNEL, "方式"),
    "headcount": _keys(captions.HEADCOUNT, "人数"),
    "situation": _keys(captions.SITUATION, "反映的情况", "反映情况", "走访情况"),
    "needs_help": _keys(captions.NEEDS_HELP, "需帮助解决的问题", "需帮助解决问题"),
    "needs_coordination": _keys(captions.NEEDS_COORDINATION, "需统筹协调的问题"),
    "follow_up": _keys(captions.FOLLOW_UP),
    "remark": _keys("备注"),
}

#: The captions each 附件2 column is found by; a kind's column holds its items.
RESULT_CAPTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "seq": _keys("序号"),
    "member": _keys(captions.MEMBER_NAME, "姓名", "委员", "走访人员"),
    "group": _GROUP,
    SubmissionKind.SUGGESTION.value: _keys(
        captions.RESULT_ROWS[SubmissionKind.SUGGESTION], "经济社会发展建议"
    ),
    SubmissionKind.OPINION.value: _keys(
        captions.RESULT_ROWS[SubmissionKind.OPINION],
        "社情民意信息",
        "一条关系民生的社情民意",
    ),
    SubmissionKind.LEAD.value: _keys(captions.RESULT_ROWS[SubmissionKind.LEAD], "双招双引信息"),
    "submitted_on": _keys(captions.SUBMITTED_ON, "日期"),
    "kind": _keys("“三个一”类别", "类别", "成果类别"),
    "title": _keys("标题"),
    "content": _keys("内容"),
    "follow_up": _keys(captions.FOLLOW_UP),
    "id": _keys("编号"),
    "status": _keys(captions.STATUS),
    "remark": _keys("备注"),
}

#: The sub-captions under a kind in a two-row 附件2 header (the template's).
ITEM_PARTS: Final[Mapping[str, tuple[str, ...]]] = {
    "title": _keys("标题"),
    "submitted_on": _keys(captions.SUBMITTED_ON, "日期"),
    "content": _keys("内容"),
    "follow_up": _keys(captions.FOLLOW_UP),
}

#: Captions of the library's other tables (附件3, the completion report, the
#: book): a sheet whose header has one is not a form to read.
OTHER_TABLES: Final = frozenset(
    _keys(captions.OFFICE, "未走访的圈子", captions.PARTICIPANTS, "章", "来源走访")
)

_KINDS = {k.value: k for k in SubmissionKind}


@frozen
class Layout:
    """Where a form's columns are in a sheet.

    Attributes:
        form: ``"visits"`` (附件1, a row per visit), ``"results"`` (附件2, a
            row per member, a column or columns per kind) or ``"items"``
            (a row per item, its kind in a column).
        first: the first header row; ``last`` the last one.
        columns: the column (from 1) of each key found.
        parts: for a two-row 附件2 header, ``(kind, part)`` to column.
    """

    form: Literal["visits", "results", "items"]
    first: int
    last: int
    columns: Mapping[str, int]
    parts: Mapping[tuple[str, str], int] = attrs.field(factory=dict)


@frozen
class Where:
    """A place in a file: file, sheet, row and column (from 1; 0 for a whole row)."""

    file: str
    sheet: str
    row: int = 0
    column: int = 0
    csv: bool = False

    @property
    def cell(self) -> str:
        if not self.row:
            return ""
        if not self.column:
            return str(self.row)
        return f"{column_letter(self.column)}{self.row}"

    @property
    def loc(self) -> tuple[str, ...]:
        parts = (self.file,) if self.csv else (self.file, self.sheet)
        return (*parts, self.cell) if self.cell else parts

    def at(self, column: int) -> Where:
        return attrs.evolve(self, column=column)

    def source(self) -> dict[str, Any]:
        """The source an imported record keeps in ``extra["source"]``."""
        out: dict[str, Any] = {"file": self.file}
        if not self.csv:
            out["sheet"] = self.sheet
        out["row"] = self.row
        return out


def located(
    where: Where,
    code: str,
    message: str,
    params: Mapping[str, Any] | None = None,
    member: str | None = None,
) -> Problem:
    """A problem at *where*: its path ``file!sheet!D7``, a sentence a clerk understands."""
    path = "!".join(where.loc)
    full = {"file": where.file, "sheet": where.sheet, "cell": where.cell, "row": where.row}
    if where.column:
        full["column"] = column_letter(where.column)
    full.update(params or {})
    sentence = _("{where}: {message}").format(where=path, message=message)
    return Problem(
        path, message, code, params=full, loc=where.loc, sentence=sentence, member=member
    )


@frozen
class Located:
    """A record read from a file, with where it came from and its natural key."""

    record: Visit | Submission
    where: Where
    key: tuple[str, ...]


Candidate = Located


@frozen
class FailedRow:
    """A row refused for a problem, as the clerk typed it, so it can be written back.

    ``--errors-out`` writes it into the template of its group with each
    problem on the cell it is about.

    Attributes:
        where: file, sheet and row.
        form: ``"visits"`` (附件1) or ``"results"`` (附件2, a row per member
            or a row per item).
        values: the row's cells as read, by field: 附件1's keys of
            :data:`VISIT_CAPTIONS`; for 附件2 ``member``, ``group`` and, for
            a row per item, ``kind``.
        items: 附件2's items, by kind (``""`` for an item whose kind could not
            be read), each as its parts were typed: ``title``,
            ``submitted_on``, ``content``, ``follow_up``.
        faults: each problem of the row with the field it is about: a key
            of *values*, ``"<kind>/<item index>/<part>"`` for an item's part,
            or ``""`` when no field is named.
        group: the group of the row's form, when it could be told (the
            template's, the row's 所在组 column, the member's).
    """

    where: Where
    form: Literal["visits", "results"]
    values: Mapping[str, CellValue]
    items: Mapping[str, Sequence[Mapping[str, CellValue]]]
    faults: tuple[tuple[str, Problem], ...]
    group: str | None


# -- finding the header --------------------------------------------------------------


class _Cells:
    """A grid's values by (row, column), merged ranges carrying their first cell's value."""

    def __init__(self, grid: Grid, limit: int = 1_000_000) -> None:
        self.rows: dict[int, Sequence[CellValue]] = dict(grid.rows)
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        budget = limit
        for r1, c1, r2, c2 in grid.merged:
            size = (r2 - r1 + 1) * (c2 - c1 + 1)
            budget -= size
            if budget < 0:
                break
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self.origin[(r, c)] = (r1, c1)
        self.merged_rows = {r for r, _c in self.origin}
        self.width = max((len(v) for v in self.rows.values()), default=0)
        for *_start, _r2, c2 in grid.merged:
            self.width = max(self.width, c2)

    def raw(self, row: int, column: int) -> CellValue:
        values = self.rows.get(row)
        if values is None or column > len(values):
            return None
        return values[column - 1]

    def get(self, row: int, column: int) -> CellValue:
        if self.origin and row in self.merged_rows:
            origin = self.origin.get((row, column))
            if origin is not None:
                return self.raw(*origin)
        return self.raw(row, column)

    def labels(self, row: int) -> list[str]:
        return [caption_key(self.get(row, c)) for c in range(1, self.width + 1)]


def _lookup(label: str, table: Mapping[str, tuple[str, ...]]) -> str | None:
    if not label:
        return None
    for key, spellings in table.items():
        if label in spellings:
            return key
    return None


def _single(labels: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    visits: dict[str, int] = {}
    results: dict[str, int] = {}
    for column, label in enumerate(labels, 1):
        key = _lookup(label, VISIT_CAPTIONS)
        if key is not None:
            visits.setdefault(key, column)
        key = _lookup(label, RESULT_CAPTIONS)
        if key is not None:
            results.setdefault(key, column)
    return visits, results


def _layout_of(
    first: int, last: int, visits: dict[str, int], results: dict[str, int], parts: dict[Any, int]
) -> Layout | None:
    if "target" in visits and "visited_on" in visits and len(visits) >= 3:
        return Layout("visits", first, last, visits)
    if "member" in results:
        if parts or any(k in results for k in _KINDS):
            return Layout("results", first, last, results, parts)
        if "kind" in results and ("title" in results or "content" in results):
            return Layout("items", first, last, results)
    return None


def find_layout(cells: _Cells, grid: Grid) -> Layout | None:
    """The form a sheet holds and where its columns are; ``None`` when it holds none."""
    numbers = sorted(cells.rows)[:HEADER_SEARCH]
    for row in numbers:
        top = cells.labels(row)
        if OTHER_TABLES.intersection(top):
            return None
        visits, results = _single(top)
        if not visits and not results:
            continue  # a title or a note: a header row names some column itself
        one = _layout_of(row, row, visits, results, {})
        # A header over two rows: sub-captions under a caption spanning them.
        sub = cells.labels(row + 1)
        if not OTHER_TABLES.intersection(sub) and any(
            s and s != t for s, t in zip(sub, top, strict=False)
        ):
            visits2: dict[str, int] = {}
            results2: dict[str, int] = {}
            parts: dict[tuple[str, str], int] = {}
            for column, (t, s) in enumerate(zip(top, sub, strict=False), 1):
                kind = _lookup(t, {k: RESULT_CAPTIONS[k] for k in _KINDS})
                part = _lookup(s, ITEM_PARTS)
                if kind is not None and part is not None:
                    parts.setdefault((kind, part), column)
                    continue
                for label in (s, t + s, t) if s != t else (t,):
                    key = _lookup(label, VISIT_CAPTIONS)
                    if key is not None:
                        visits2.setdefault(key, column)
                        break
                for label in (s, t + s, t) if s != t else (t,):
                    key = _lookup(label, RESULT_CAPTIONS)
                    if key is not None:
                        results2.setdefault(key, column)
                        break
            two = _layout_of(row, row + 1, visits2, results2, parts)
            if two is not None and (
                one is None or len(two.columns) + len(two.parts) > len(one.columns)
            ):
                return two
        if one is not None:
            return one
    return None


# -- reading rows -------------------------------------------------------------------


class Members:
    """Member names matched to ids: exact id, else unique in the group, else unique overall."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.by_id = {m.id: m for m in campaign.members}
        self.by_name: dict[str, list[Member]] = {}
        for m in campaign.members:
            self.by_name.setdefault(norm(m.name), []).append(m)
        self.groups: dict[str, Group] = {}
        for g in campaign.groups:
            self.groups[norm(g.id)] = g
            self.groups.setdefault(norm(g.name), g)

    def group(self, value: CellValue) -> Group | None:
        return self.groups.get(norm(value)) if value not in (None, "") else None

    def resolve(self, value: CellValue, group: Group | None) -> Member:
        typed = norm(value)
        if not typed:
            raise BadValueError(_("the member's name is missing"), "missing")
        found = self.by_id.get(typed)
        if found is not None:
            return found
        named = self.by_name.get(typed, [])
        if group is not None:
            in_group = [m for m in named if m.group_id == group.id]
            if len(in_group) == 1:
                return in_group[0]
        if len(named) == 1:
            return named[0]
        if named:
            listed = "、".join(f"{m.name}（{self._group_name(m)}，{m.id}）" for m in named)
            raise BadValueError(
                _("{name!r} names {count} members: {candidates}; write the member's id").format(
                    name=typed, count=len(named), candidates=listed
                ),
                "ambiguous_member",
                value=typed,
                candidates=[m.id for m in named],
            )
        close = close_matches(typed, self.by_name)
        hint = _("; did you mean {names}?").format(names="、".join(close)) if close else ""
        raise BadValueError(
            _("{name!r} is not a member of this campaign{hint}").format(name=typed, hint=hint),
            "unknown_member",
            value=typed,
            candidates=close,
        )

    def _group_name(self, member: Member) -> str:
        try:
            return self.campaign.group(member.group_id).name
        except KeyError:
            return member.group_id


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:12]


def derived_id(key: tuple[str, ...]) -> str:
    """A stable id for a record read without one: ``v-…`` or ``s-…`` from its key."""
    return ("v-" if key[0] == "visit" else "s-") + _digest(*key[1:])


_ITEM_START = re.compile(
    r"^(?:\d+[.、．]\s*)?(?P<title>.*?)[（(](?P<date>[^（()）]*?)报送[)）]"
    r"(?:［(?P<follow>[^］]*)］)?(?:【[^】]*】)?\s*$"
)


_FOLLOW_LINE = re.compile(rf"^{captions.FOLLOW_UP}\s*[：:]\s*(.+)$")


def items_of(cell: str) -> list[tuple[str, str | None, str | None, str]]:
    """A 附件2 kind cell as items: (title, date text, follow-up, content).

    Reads what :func:`~sanquan_core.documents.tables.items_text` writes
    (``标题（2017年7月14日报送）`` then the content, numbered when several)
    and what a clerk types: a first line taken as the title, the rest as the
    content, no date (the row's 报送日期 then gives it).
    """
    lines = cell.split("\n")
    items: list[tuple[str, str | None, str | None, list[str]]] = []
    for line in lines:
        found = _ITEM_START.match(line.strip())
        follow = _FOLLOW_LINE.match(line.strip())
        if follow and items and items[-1][2] is None:
            title, dated, _none, content = items[-1]
            items[-1] = (title, dated, follow.group(1).strip(), content)
        elif found:
            items.append((found["title"].strip(), found["date"], found["follow"], []))
        elif items:
            items[-1][3].append(line)
        else:
            items.append((line.strip(), None, None, []))
    return [(t, d, f, "\n".join(c).strip()) for t, d, f, c in items]


class SheetReader:
    """Reads one sheet's rows into located records and problems."""

    def __init__(
        self,
        file: str,
        grid: Grid,
        members: Members,
        year: int,
        group: Group | None,
        csv: bool = False,
    ) -> None:
        self.file = file
        self.grid = grid
        self.members = members
        self.year = year
        self.group = group
        self.csv = csv
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.records: list[Located] = []
        self.failed: list[FailedRow] = []
        self._faults: list[tuple[str, Problem]] = []
        self.rows_read = 0
        self.rows_refused = 0
        self.blank = 0

    def where(self, row: int = 0, column: int = 0) -> Where:
        return Where(self.file, self.grid.sheet, row, column, self.csv)

    def read(self) -> Layout | None:
        cells = _Cells(self.grid)
        layout = find_layout(cells, self.grid)
        if layout is None:
            return None
        header = cells.labels(layout.first)
        probe = min(layout.columns.values(), default=1)
        last_row = max(cells.rows, default=0)
        for row in range(layout.last + 1, last_row + 1):
            if row not in cells.rows and row not in cells.merged_rows:
                self.blank += 1
                continue
            if caption_key(cells.get(row, probe)) == header[probe - 1] and (
                cells.labels(row) == header
            ):
                continue  # the header repeated (a second page pasted in)
            if layout.form == "visits":
                self._visit(cells, layout, row)
            elif layout.form == "results":
                self._results(cells, layout, row)
            else:
                self._item_row(cells, layout, row)
        formulas = sorted(self.grid.formulas)
        if formulas:
            shown = "、".join(f"{column_letter(c)}{r}" for r, c in formulas[:5])
            more = "…" if len(formulas) > 5 else ""
            self.notes.append(
                located(
                    self.where(),
                    "formula",
                    _(
                        "{count} cells hold formulas ({cells}{more}); the values the file "
                        "saved were read, nothing was recalculated"
                    ).format(count=len(formulas), cells=shown, more=more),
                    {
                        "count": len(formulas),
                        "cells": [f"{column_letter(c)}{r}" for r, c in formulas],
                    },
                )
            )
        if self.blank:
            self.notes.append(
                located(
                    self.where(),
                    "blank_rows",
                    _("{count} empty rows passed over").format(count=self.blank),
                    {"count": self.blank},
                )
            )
        return layout

    # -- helpers

    def _fault(self, row: int, column: int, exc: BadValueError, field: str = "") -> None:
        problem = located(self.where(row, column), exc.code, exc.message, exc.params)
        self.problems.append(problem)
        self._faults.append((field, problem))

    def _row_group(self, cells: _Cells, layout: Layout, row: int) -> Group | None:
        if "group" in layout.columns:
            return self.members.group(cells.get(row, layout.columns["group"])) or self.group
        return self.group

    def _member(self, cells: _Cells, layout: Layout, row: int, key: str) -> Member | None:
        column = layout.columns.get(key, 0)
        value = cells.get(row, column) if column else None
        try:
            return self.members.resolve(value, self._row_group(cells, layout, row))
        except BadValueError as exc:
            self._fault(row, column, exc, key)
            return None

    def _refuse(
        self,
        cells: _Cells,
        layout: Layout,
        row: int,
        member: Member | None,
        values: Mapping[str, CellValue],
        items: Mapping[str, Sequence[Mapping[str, CellValue]]] | None = None,
    ) -> None:
        """Count the row refused and keep it as typed, with its problems (:class:`FailedRow`)."""
        self.rows_refused += 1
        group = self._row_group(cells, layout, row)
        group_id = member.group_id if member is not None else group.id if group else None
        form: Literal["visits", "results"] = "visits" if layout.form == "visits" else "results"
        self.failed.append(
            FailedRow(
                self.where(row),
                form,
                dict(values),
                dict(items or {}),
                tuple(self._faults),
                group_id,
            )
        )

    # -- 附件1

    _VISIT_CONTENT = frozenset(
        {
            "target",
            "address",
            "visited_on",
            "circle",
            "channel",
            "headcount",
            "situation",
            "needs_help",
            "needs_coordination",
            "follow_up",
        }
    )

    def _visit(self, cells: _Cells, layout: Layout, row: int) -> None:
        col = layout.columns
        values = {key: cells.get(row, c) for key, c in col.items()}
        if not any(text(values[k]) for k in self._VISIT_CONTENT if k in values):
            self.blank += 1
            return
        self.rows_read += 1
        before = len(self.problems)
        self._faults = []
        member = self._member(cells, layout, row, "visitor")
        fields: dict[str, Any] = {}

        def field(key: str, parse: Any, required: bool = False) -> None:
            value = values.get(key)
            if value is None or text(value) == "":
                if required:
                    caption = _CAPTION.get(key, key)
                    self._fault(
                        row,
                        col.get(key, 0),
                        BadValueError(
                            _("{caption} is missing").format(caption=caption),
                            "missing",
                            field=key,
                        ),
                        key,
                    )
                return
            try:
                fields[key] = parse(value)
            except BadValueError as exc:
                self._fault(row, col[key], exc, key)

        field("visited_on", lambda v: parse_date(v, self.year), required=True)
        field("circle", parse_circle, required=True)
        field("target", text, required=True)
        field("address", text)
        field("channel", parse_channel)
        field("headcount", parse_int)
        field("situation", text)
        field("needs_help", text)
        field("needs_coordination", text)
        field("follow_up", parse_follow_up)
        if len(self.problems) > before or member is None:
            self._refuse(cells, layout, row, member, values)
            return
        key = visit_key(member.id, fields["visited_on"], fields["target"])
        typed_id = norm(values.get("id"))
        where = self.where(row)
        visit = Visit(
            id=typed_id,
            member_id=member.id,
            circle=fields["circle"],
            visited_on=fields["visited_on"],
            target=fields["target"],
            address=fields.get("address", ""),
            headcount=fields.get("headcount", 1),
            channel=fields.get("channel", Channel.IN_PERSON),
            situation=fields.get("situation", ""),
            needs_help=fields.get("needs_help", ""),
            needs_coordination=fields.get("needs_coordination", ""),
            follow_up=fields.get("follow_up"),
            extra={"source": where.source()},
        )
        self.records.append(Located(visit, where, key))

    # -- 附件2

    def _results(self, cells: _Cells, layout: Layout, row: int) -> None:
        col = layout.columns
        kinds = [k for k in _KINDS if k in col or any(p[0] == k for p in layout.parts)]
        content_cols = [col[k] for k in kinds if k in col] + list(layout.parts.values())
        if not any(text(cells.get(row, c)) for c in content_cols):
            self.blank += 1
            return
        self.rows_read += 1
        before = len(self.problems)
        self._faults = []
        member = self._member(cells, layout, row, "member")
        day_col = col.get("submitted_on", 0)
        found: list[Located] = []
        typed: dict[str, list[dict[str, CellValue]]] = {}
        for value in kinds:
            kind = _KINDS[value]
            if value in col:
                cell = text(cells.get(row, col[value]))
                for index, (title, dated, follow, content) in enumerate(
                    items_of(cell) if cell else []
                ):
                    day_value: CellValue = dated
                    column = col[value]
                    if dated is None and day_col:
                        day_value, column = cells.get(row, day_col), day_col
                    typed.setdefault(value, []).append(
                        {
                            "title": title,
                            "submitted_on": day_value,
                            "content": content,
                            "follow_up": follow,
                        }
                    )
                    item = self._item(
                        row,
                        column,
                        member,
                        kind,
                        title,
                        day_value,
                        content,
                        follow,
                        field=f"{value}/{index}",
                    )
                    if item is not None:
                        found.append(item)
            else:
                parts = {p: c for (k, p), c in layout.parts.items() if k == value}
                got = {p: cells.get(row, c) for p, c in parts.items()}
                if not any(text(v) for v in got.values()):
                    continue
                title = text(got.get("title"))
                content = text(got.get("content"))
                follow_value = got.get("follow_up")
                follow = text(follow_value) if follow_value not in (None, "") else None
                day_column = parts.get("submitted_on", day_col)
                day_value = got.get("submitted_on")
                if day_value in (None, "") and day_col:
                    day_value = cells.get(row, day_col)
                typed[value] = [{**got, "submitted_on": day_value}]
                item = self._item(
                    row,
                    day_column or parts.get("title", 0),
                    member,
                    kind,
                    title,
                    day_value,
                    content,
                    follow,
                    follow_column=parts.get("follow_up", 0),
                    field=f"{value}/0",
                )
                if item is not None:
                    found.append(item)
        if len(self.problems) > before or member is None:
            values = {k: cells.get(row, col[k]) for k in ("member", "group") if k in col}
            self._refuse(cells, layout, row, member, values, typed)
            return
        self.records.extend(found)

    def _item(
        self,
        row: int,
        column: int,
        member: Member | None,
        kind: SubmissionKind,
        title: str,
        day_value: CellValue,
        content: str,
        follow: str | None,
        follow_column: int = 0,
        typed_id: str = "",
        field: str = "",
    ) -> Located | None:
        """One item read; its faults are about ``<field>/submitted_on`` or ``…/follow_up``."""
        if day_value in (None, ""):
            self._fault(
                row,
                column,
                BadValueError(
                    _(
                        "the {kind} has no date: write it after the title as "
                        "（2017年7月15日报送）, or fill 报送日期"
                    ).format(kind=kind.label),
                    "missing",
                    field="submitted_on",
                ),
                f"{field}/submitted_on",
            )
            return None
        try:
            day = parse_date(day_value, self.year)
        except BadValueError as exc:
            self._fault(row, column, exc, f"{field}/submitted_on")
            return None
        follow_up: FollowUp | None = None
        if follow:
            try:
                follow_up = parse_follow_up(follow)
            except BadValueError as exc:
                self._fault(row, follow_column or column, exc, f"{field}/follow_up")
                return None
        if member is None:
            return None
        key = submission_key(member.id, kind, day, title or content[:40])
        where = self.where(row)
        submission = Submission(
            id=typed_id,
            member_id=member.id,
            kind=kind,
            submitted_on=day,
            title=title,
            content=content,
            follow_up=follow_up,
            extra={"source": where.source()},
        )
        return Located(submission, where, key)

    def _item_row(self, cells: _Cells, layout: Layout, row: int) -> None:
        col = layout.columns
        values = {key: cells.get(row, c) for key, c in col.items()}
        if not any(text(values.get(k)) for k in ("title", "content")):
            self.blank += 1
            return
        self.rows_read += 1
        before = len(self.problems)
        self._faults = []
        member = self._member(cells, layout, row, "member")
        kind: SubmissionKind | None = None
        try:
            kind = parse_kind(values.get("kind"))
        except BadValueError as exc:
            self._fault(row, col["kind"], exc, "kind")
        item = None
        if kind is not None:
            follow_value = values.get("follow_up")
            item = self._item(
                row,
                col.get("submitted_on", col["kind"]),
                member,
                kind,
                text(values.get("title")),
                values.get("submitted_on"),
                text(values.get("content")),
                text(follow_value) if follow_value not in (None, "") else None,
                col.get("follow_up", 0),
                norm(values.get("id")),
                field=f"{kind.value}/0",
            )
        if len(self.problems) > before or item is None:
            parts = {p: values.get(p) for p in ("title", "submitted_on", "content", "follow_up")}
            typed = {"member": values.get("member"), "group": values.get("group")}
            typed["kind"] = values.get("kind")
            self._refuse(cells, layout, row, member, typed, {kind.value if kind else "": [parts]})
            return
        self.records.append(item)


_CAPTION: Final = {
    "visited_on": captions.VISIT_DATE,
    "circle": captions.CIRCLE,
    "target": captions.TARGET,
}


def read_grid(
    file: str, grid: Grid, members: Members, year: int, group: Group | None, csv: bool = False
) -> SheetReader:
    """Read *grid*; the reader returned holds the records, problems and notes."""
    reader = SheetReader(file, grid, members, year, group, csv)
    layout = reader.read()
    if layout is None:
        reader.notes.append(
            located(
                reader.where(),
                "sheet_skipped",
                _("no 附件1 or 附件2 header found; the sheet was passed over"),
            )
        )
    return reader
