"""The corrections workbook of an import (``--errors-out fix.xlsx``).

The rows refused for a problem are written back into the template they
belong in (:class:`~sanquan_core.readers.template.TemplateBook`: the same
sheets, captions, drop-downs, protection and hidden ``_sanquan`` sheet
with the base's fingerprint), each with the values as the clerk typed
them, every bad cell filled pink with the problem's sentence as its
comment. The clerk corrects the cells and imports the workbook: the rows
are added, nothing else changes.

One workbook whatever the files: the rows of one group go into the
template's two sheets; rows of several groups get a sheet pair per group
(``附件1 经济界委员工作组``, ``附件2 经济界委员工作组``). A row whose group
cannot be told (an unknown member in a file without 所在组) goes with its
file's other rows when they are all of one group, else into a pair of its
own (``附件1 组别不明``) with every member in the drop-down. Rows from
CSV and Word files go into the template like the others.

Every problem (and note) is also listed, one a row, in the sheets
``问题清单`` and ``提示``: file, sheet, cell, sentence, code, value, so
nothing is lost of the problems no row holds (a whole file refused, a
conflict between two rows).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from sanquan_core import captions
from sanquan_core.errors import Problem
from sanquan_core.model import Group, SubmissionKind
from sanquan_core.readers import ImportResult
from sanquan_core.readers._base import CellValue
from sanquan_core.readers.forms import FailedRow

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["BAD_FILL", "corrections_workbook", "problems_workbook"]

#: The fill of a bad cell (Excel's light red).
BAD_FILL: Final = "FFC7CE"
_SHEET_CHARS: Final = frozenset("[]:*?/\\")


def corrections_workbook(result: ImportResult) -> bytes:
    """The rows *result* refused, back in their template, then the list of every problem.

    See the module docstring. The workbook reads back with
    :func:`~sanquan_core.readers.read_forms` against the same base.
    """
    from sanquan_core.readers.template import RESULT_SHEET, VISIT_SHEET, TemplateBook

    campaign = result.campaign
    groups = {g.id: g for g in campaign.groups}
    by_group: dict[str | None, list[FailedRow]] = {}
    of_file = _file_groups(result)
    for failed in result.failed:
        group_id = failed.group if failed.group in groups else of_file.get(failed.where.file)
        by_group.setdefault(group_id, []).append(failed)
    order: list[str | None] = [g.id for g in campaign.groups if g.id in by_group]
    if None in by_group:
        order.append(None)
    forms = [f for f in ("visits", "results") if any(r.form == f for r in result.failed)]
    single = len(order) == 1 and order[0] is not None
    only = order[0] if single else None
    book = TemplateBook(
        campaign, forms=forms or ("visits", "results"), group=groups[only] if only else None
    )
    for group_id in order:
        group = groups.get(group_id) if group_id is not None else None
        members = campaign.members_of(group_id) if group_id is not None else campaign.members
        rows = by_group[group_id]
        visits = [r for r in rows if r.form == "visits"]
        if visits:
            title = VISIT_SHEET if single else _pair_title(1, group, book.wb.sheetnames)
            ws = book.visit_sheet(title, group, members, rows=len(visits))
            for index, failed in enumerate(visits):
                _visit_row(ws, 4 + index, failed)
        results = [r for r in rows if r.form == "results"]
        if results:
            title = RESULT_SHEET if single else _pair_title(2, group, book.wb.sheetnames)
            count = sum(_depth(r) for r in results)
            ws = book.results_sheet(title, group, members, rows=count)
            row = 5
            for failed in results:
                _results_rows(ws, row, failed)
                row += _depth(failed)
    _problem_sheets(book.wb, result)
    book.wb.active = 1  # the first sheet after the hidden one
    return book.bytes()


def _file_groups(result: ImportResult) -> dict[str, str]:
    """The group of each file whose rows (taken or refused) all belong to one group."""
    member_group = {m.id: m.group_id for m in result.campaign.members}
    seen: dict[str, set[str]] = {}
    for record in result.added:
        file = record.extra.get("source", {}).get("file")
        if file is not None and record.member_id in member_group:
            seen.setdefault(file, set()).add(member_group[record.member_id])
    for failed in result.failed:
        if failed.group is not None:
            seen.setdefault(failed.where.file, set()).add(failed.group)
    return {file: next(iter(ids)) for file, ids in seen.items() if len(ids) == 1}


def problems_workbook(result: ImportResult) -> bytes:
    """Only the list of every problem and note (``问题清单``, ``提示``), no template sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    _problem_sheets(wb, result)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pair_title(number: int, group: Group | None, taken: Sequence[str]) -> str:
    """``附件1 <group name>`` as a sheet name may be: 31 characters, unique, no ``[]:*?/``."""
    name = group.name if group is not None else captions.UNKNOWN_GROUP
    name = "".join("_" if ch in _SHEET_CHARS or ord(ch) < 32 else ch for ch in name)
    title = f"{captions.ATTACHMENT}{number} {name}"[:31]
    count = 1
    while title in taken:
        count += 1
        tail = f"({count})"
        title = f"{captions.ATTACHMENT}{number} {name}"[: 31 - len(tail)] + tail
    return title


def _put(ws: Worksheet, row: int, column: int, value: CellValue) -> None:
    """*value* as typed; text always as text (never a formula)."""
    from sanquan_core.exporters.xlsx.sheet import cell_text

    if value is None or value == "":
        return
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def _mark(ws: Worksheet, row: int, column: int, problem: Problem) -> None:
    """Fill the cell pink; the problem's sentence as its comment (added to one already there)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = ws.cell(row, column)
    cell.fill = PatternFill(fill_type="solid", fgColor=BAD_FILL, bgColor=BAD_FILL)
    text = problem.sentence
    if cell.comment is not None:
        text = cell.comment.text + "\n" + text
    cell.comment = Comment(text, "sanquan", width=320, height=120)


def _visit_row(ws: Worksheet, row: int, failed: FailedRow) -> None:
    from sanquan_core.readers.template import VISIT_COLUMN

    for key, value in failed.values.items():
        column = VISIT_COLUMN.get(key)
        if column is not None and key != "seq":
            _put(ws, row, column, value)
    for field, problem in failed.faults:
        _mark(ws, row, VISIT_COLUMN.get(field, VISIT_COLUMN["visitor"]), problem)


def _depth(failed: FailedRow) -> int:
    """How many template rows a refused 附件2 row takes: one per item of its fullest kind."""
    known = [len(items) for kind, items in failed.items.items() if kind]
    return max([1, *known])


def _results_rows(ws: Worksheet, first: int, failed: FailedRow) -> None:
    """A refused 附件2 row from *first* down: the i-th item of each kind on the i-th row.

    An item's 办理情况 (the template has no column for it) and an item whose
    kind could not be read go into 备注, written out with their captions.
    """
    from sanquan_core.readers.template import RESULT_COLUMN

    remark = RESULT_COLUMN["remark"]
    notes: dict[int, list[str]] = {}
    for offset in range(_depth(failed)):
        for key in ("member", "group"):
            _put(ws, first + offset, RESULT_COLUMN[key], failed.values.get(key))
    for kind in SubmissionKind:
        for index, item in enumerate(failed.items.get(kind.value, ())):
            for part in ("title", "submitted_on", "content"):
                _put(ws, first + index, RESULT_COLUMN[f"{kind.value}/{part}"], item.get(part))
            if item.get("follow_up"):
                notes.setdefault(index, []).append(f"{captions.FOLLOW_UP}：{item['follow_up']}")
    for item in failed.items.get("", ()):
        words = zip(
            captions.ITEM_PARTS_TEXT,
            (
                failed.values.get("kind"),
                item.get("title"),
                item.get("submitted_on"),
                item.get("content"),
            ),
            strict=True,
        )
        notes.setdefault(0, []).append(
            "；".join(f"{w}：{v}" for w, v in words if v not in (None, ""))
        )
    for index, lines in notes.items():
        _put(ws, first + index, remark, "\n".join(lines))
    for field, problem in failed.faults:
        row, column = first, RESULT_COLUMN["member"]
        parts = field.split("/")
        if len(parts) == 3:
            row = first + int(parts[1])
            column = RESULT_COLUMN.get(f"{parts[0]}/{parts[2]}", remark)
        elif field == "kind":
            column = remark
        _mark(ws, row, column, problem)


def _problem_sheets(wb: Workbook, result: ImportResult) -> None:
    """``问题清单`` (every problem) and ``提示`` (every note): one row each, all text."""
    from openpyxl.styles import Alignment, Font

    from sanquan_core.exporters.xlsx.sheet import cell_text

    lists: Sequence[tuple[str, Sequence[Problem]]] = (
        (captions.PROBLEM_SHEET, result.problems),
        (captions.NOTE_SHEET, result.notes),
    )
    for title, problems in lists:
        sheet = wb.create_sheet(title)
        sheet.append(captions.PROBLEM_HEADER)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for problem in problems:
            params = problem.params
            sheet.append([None] * len(captions.PROBLEM_HEADER))
            row = sheet.max_row
            values = (
                params.get("file", ""),
                params.get("sheet", ""),
                params.get("cell", ""),
                problem.message,
                problem.code,
                params.get("value", ""),
            )
            for column, value in enumerate(values, 1):
                cell = sheet.cell(row, column)
                cell.value = cell_text("" if value is None else str(value))
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for letter, width in zip("ABCDEF", (18, 24, 8, 60, 16, 20), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
