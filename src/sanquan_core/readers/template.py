"""Blank forms to fill: XLSX workbooks (附件1 a row per visit, 附件2 a row per member), DOCX.

The target's suffix picks the format (:data:`WRITERS`, the one place):
``.xlsx`` a workbook, ``.docx`` the notice packet's Word forms, one 附件1
and one 附件2 per member with name and group typed in
(:func:`docx_template_bytes`).

XLSX: a workbook per group. Captions are the seed's (for the fields the seed
lacks: 走访“圈子”, 走访人数, 走访方式), locked (sheet protection without a
password); the fill area is open, with drop-downs in Chinese for the
member, circle, channel and follow-up, date and number validation, and an
input hint on every column. A hidden sheet (``_sanquan``) carries the
template's schema, the group and a fingerprint of the base dataset, so an
import can tell a form from another campaign's.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from sanquan_core import captions
from sanquan_core._i18n import _
from sanquan_core._io import atomic_write
from sanquan_core.errors import OptionError, SelectionError
from sanquan_core.model import Campaign, Channel, Circle, FollowUp, Group, Member, SubmissionKind
from sanquan_core.readers import META_SHEET, TEMPLATE_SCHEMA, fingerprint

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "RESULT_COLUMN",
    "RESULT_SHEET",
    "VISIT_COLUMN",
    "VISIT_ROWS",
    "VISIT_SHEET",
    "WRITERS",
    "TemplateBook",
    "docx_template_bytes",
    "template",
    "template_bytes",
]

#: How many blank rows 附件1 offers per member of the group (at least 50).
VISIT_ROWS: Final = 10

#: The sheets of a template.
VISIT_SHEET: Final = "附件1 走访情况登记表"
RESULT_SHEET: Final = "附件2 “三个一”工作成果登记表"
_DATE_FORMAT: Final = 'yyyy"年"m"月"d"日"'

#: Each 附件1 column: the field it holds (a key of the reader's
#: ``VISIT_CAPTIONS``), caption, width, hint.
_VISIT_COLUMNS: Final = (
    ("seq", "序号", 6, ""),
    ("visitor", captions.VISITOR, 10, "从下拉列表选择本组委员姓名"),
    ("group", captions.GROUP_OF, 16, "已填好，无需修改"),
    ("target", captions.TARGET, 16, "被走访人姓名及单位，如：张三（某某公司）"),
    ("address", captions.ADDRESS, 18, "走访地点"),
    ("visited_on", captions.VISIT_DATE, 14, "填日期，如 2017-07-15 或 7月15日"),
    ("circle", captions.CIRCLE, 10, "从下拉列表选择：界别圈、生活圈、朋友圈"),
    ("channel", captions.CHANNEL, 10, "从下拉列表选择：当面走访、电话、微信、QQ、其他"),
    ("headcount", captions.HEADCOUNT, 8, "填整数，如 3"),
    ("situation", captions.SITUATION, 30, "走访对象反映的主要情况"),
    ("needs_help", captions.NEEDS_HELP, 22, "需要帮助解决的问题；没有可不填"),
    ("needs_coordination", captions.NEEDS_COORDINATION, 22, "需要统筹协调的问题；没有可不填"),
    ("follow_up", captions.FOLLOW_UP, 12, "可不填；或从下拉列表选择"),
    ("remark", "备注", 16, ""),
)
#: The column (from 1) of each 附件1 field.
VISIT_COLUMN: Final = {key: column for column, (key, *_rest) in enumerate(_VISIT_COLUMNS, 1)}
_PARTS: Final = (
    ("标题", 24, "该条{kind}的标题"),
    (captions.SUBMITTED_ON, 13, "报送日期，如 2017-07-15"),
    ("内容", 40, "该条{kind}的正文"),
)
_PART_KEYS: Final = ("title", "submitted_on", "content")
#: The column (from 1) of each 附件2 field: ``member``, ``group``,
#: ``<kind>/title``, ``<kind>/submitted_on``, ``<kind>/content``, ``remark``.
RESULT_COLUMN: Final = {
    "seq": 1,
    "member": 2,
    "group": 3,
    **{
        f"{kind.value}/{part}": 4 + k * len(_PARTS) + p
        for k, kind in enumerate(SubmissionKind)
        for p, part in enumerate(_PART_KEYS)
    },
    "remark": 4 + len(SubmissionKind) * len(_PARTS),
}


def _find_group(campaign: Campaign, wanted: str) -> Group:
    for g in campaign.groups:
        if wanted in (g.id, g.name):
            return g
    known = [g.id for g in campaign.groups]
    raise SelectionError(
        f"no group has id or name {wanted!r}", part="groups", unknown=[wanted], known=known
    )


def _find_member(campaign: Campaign, wanted: str) -> Member:
    found = [m for m in campaign.members if wanted in (m.id, m.name)]
    if len(found) != 1:
        raise OptionError(
            _("{name!r} names {count} members; give the member's id").format(
                name=wanted, count=len(found)
            ),
            option="member",
        )
    return found[0]


class TemplateBook:
    """An XLSX template being built: the hidden sheet, then 附件1 and 附件2 sheets.

    :func:`template_bytes` makes a group's blank workbook with it; the
    corrections workbook of ``--errors-out`` (:mod:`.report`) makes the same
    sheets, with the rows refused written into them, a sheet pair per group.

    Args:
        campaign: the base (its fingerprint goes into the hidden sheet).
        forms: the forms the workbook holds.
        group: the group the hidden sheet names (``None``: the rows name theirs).
        member: the member a one-member template is for.
    """

    def __init__(
        self,
        campaign: Campaign,
        *,
        forms: Sequence[str],
        group: Group | None,
        member: Member | None = None,
    ) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Protection, Side

        self.campaign = campaign
        self.wb = Workbook()
        first = self.wb.active
        assert first is not None
        self.wb.remove(first)
        thin = Side(style="thin", color="000000")
        self.box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.head_font = Font(name="黑体", size=11, bold=True)
        self.wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.open_cell = Protection(locked=False)
        self.meta = self.wb.create_sheet(META_SHEET)
        self.meta.sheet_state = "hidden"
        for pair in (
            ("schema", TEMPLATE_SCHEMA),
            ("group", group.id if group else ""),
            ("fingerprint", fingerprint(campaign)),
            ("forms", ",".join(forms)),
            ("member", member.id if member else ""),
        ):
            self.meta.append(pair)
        self._lists = 0
        plan = campaign.plan
        self.start, self.end = plan.starts_on or date(1900, 1, 1), plan.ends_on

    def bytes(self) -> bytes:
        """The workbook stamped with the plan's day, as exports are: the same bytes each time."""
        from openpyxl.writer.excel import ExcelWriter

        from sanquan_core.exporters._zip import StampedZip

        plan = self.campaign.plan
        day = plan.issued_on or plan.ends_on
        when = datetime(day.year, day.month, day.day)
        self.wb.properties.created = when
        self.wb.properties.modified = when  # Workbook.save() would stamp the clock here
        out = io.BytesIO()
        with StampedZip(out, when) as archive:
            ExcelWriter(self.wb, archive).save()
        return out.getvalue()

    # -- pieces

    def _names(self, members: Sequence[Member]) -> str:
        """The hidden column listing *members*' names (a drop-down's source)."""
        from openpyxl.utils import get_column_letter

        column = 4 + self._lists
        self._lists += 1
        for index, m in enumerate(members, 1):
            self.meta.cell(index, column, m.name)
        letter = get_column_letter(column)
        return f"'{META_SHEET}'!${letter}$1:${letter}${max(len(members), 1)}"

    def _setup(self, ws: Worksheet, title: str, label: str, width: int, header_rows: str) -> None:
        from openpyxl.styles import Font
        from openpyxl.worksheet.properties import PageSetupProperties

        ws.cell(1, 1, label).font = Font(name="黑体", size=12)
        ws.cell(2, 1, title).font = Font(name="宋体", size=16, bold=True)
        ws.cell(2, 1).alignment = self.wrap
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        ws.row_dimensions[2].height = 42
        ws.protection.sheet = True  # no password: captions kept, not secret
        ws.protection.formatRows = False
        ws.protection.formatColumns = False
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = header_rows
        ws.print_options.horizontalCentered = True

    def _header(self, ws: Worksheet, row: int, column: int, text: str) -> None:
        cell = ws.cell(row, column, text)
        cell.font = self.head_font
        cell.alignment = self.wrap
        cell.border = self.box

    @staticmethod
    def _validate(ws: Worksheet, dv: DataValidation, column: int, first: int, last: int) -> None:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(column)
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)

    @staticmethod
    def _listed(values: Sequence[str] | str, prompt: str) -> DataValidation:
        from openpyxl.worksheet.datavalidation import DataValidation

        formula = values if isinstance(values, str) else '"' + ",".join(values) + '"'
        return DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="请从列表中选择",
            error="请从下拉列表中选择一项",
            promptTitle="填写说明",
            prompt=prompt,
            showInputMessage=True,
        )

    def _dated(self, prompt: str) -> DataValidation:
        from openpyxl.worksheet.datavalidation import DataValidation

        start, end = self.start, self.end
        return DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({start.year},{start.month},{start.day})",
            formula2=f"DATE({end.year},{end.month},{end.day})",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="日期不对",
            error=f"请填写活动期内的日期（{end.year}年），如 {end.year}-07-15",
            promptTitle="填写说明",
            prompt=prompt,
            showInputMessage=True,
        )

    @staticmethod
    def _hint(prompt: str) -> DataValidation:
        from openpyxl.worksheet.datavalidation import DataValidation

        return DataValidation(
            allow_blank=True, promptTitle="填写说明", prompt=prompt, showInputMessage=True
        )

    # -- the sheets

    def visit_sheet(
        self,
        title: str,
        group: Group | None,
        members: Sequence[Member],
        *,
        rows: int,
        member: Member | None = None,
    ) -> Worksheet:
        """附件1 with *rows* open rows from row 4, the group (and *member*) typed in."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        ws: Worksheet = self.wb.create_sheet(title)
        count = len(_VISIT_COLUMNS)
        self._setup(
            ws, "\n".join(captions.VISIT_FORM_TITLE), f"{captions.ATTACHMENT}1", count, "3:3"
        )
        for column, (_key, caption, width, _hint) in enumerate(_VISIT_COLUMNS, 1):
            self._header(ws, 3, column, caption)
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.row_dimensions[3].height = 36
        last = 3 + rows
        for row in range(4, last + 1):
            ws.cell(row, 1, row - 3).border = self.box
            for column in range(2, count + 1):
                cell = ws.cell(row, column)
                cell.protection = self.open_cell
                cell.border = self.box
                cell.alignment = self.left
            if group is not None:
                ws.cell(row, VISIT_COLUMN["group"], group.name)
            if member is not None:
                ws.cell(row, VISIT_COLUMN["visitor"], member.name)
            ws.cell(row, VISIT_COLUMN["visited_on"]).number_format = _DATE_FORMAT
        names = self._names(members)
        for column, (key, _caption, _width, prompt) in enumerate(_VISIT_COLUMNS, 1):
            if column == 1 or not prompt:
                continue
            if key == "visitor":
                dv = self._listed(names, prompt)
            elif key == "visited_on":
                dv = self._dated(prompt)
            elif key == "circle":
                dv = self._listed([c.label for c in Circle], prompt)
            elif key == "channel":
                dv = self._listed([c.label for c in Channel], prompt)
            elif key == "follow_up":
                dv = self._listed([f.label for f in FollowUp], prompt)
            elif key == "headcount":
                dv = DataValidation(
                    type="whole",
                    operator="between",
                    formula1="1",
                    formula2="100000",
                    allow_blank=True,
                    showErrorMessage=True,
                    error="请填写整数，如 3",
                    promptTitle="填写说明",
                    prompt=prompt,
                    showInputMessage=True,
                )
            else:
                dv = self._hint(prompt)
            self._validate(ws, dv, column, 4, last)
        ws.freeze_panes = "C4"
        return ws

    def results_sheet(
        self,
        title: str,
        group: Group | None,
        members: Sequence[Member],
        *,
        rows: int | None = None,
    ) -> Worksheet:
        """附件2: a row per member of *members* (name and group typed in, locked).

        With *rows*, that many open rows instead (name and group to type).
        """
        from openpyxl.utils import get_column_letter

        ws: Worksheet = self.wb.create_sheet(title)
        count = RESULT_COLUMN["remark"]
        self._setup(
            ws, "\n".join(captions.RESULTS_FORM_TITLE), f"{captions.ATTACHMENT}2", count, "3:4"
        )
        for column, (caption, width) in enumerate(
            (("序号", 6), (captions.MEMBER_NAME, 10), (captions.GROUP_OF, 16)), 1
        ):
            self._header(ws, 3, column, caption)
            self._header(ws, 4, column, "")
            ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
            ws.column_dimensions[get_column_letter(column)].width = width
        open_rows = rows is not None
        last = 4 + max(rows if rows is not None else len(members), 1)
        for kind in SubmissionKind:
            column = RESULT_COLUMN[f"{kind.value}/title"]
            self._header(ws, 3, column, captions.RESULT_ROWS[kind])
            for offset, (part, width, prompt) in enumerate(_PARTS):
                c = column + offset
                self._header(ws, 4, c, part)
                if offset:
                    self._header(ws, 3, c, "")
                ws.column_dimensions[get_column_letter(c)].width = width
                text = prompt.format(kind=kind.label)
                dv = self._dated(text) if part == captions.SUBMITTED_ON else self._hint(text)
                self._validate(ws, dv, c, 5, last)
            ws.merge_cells(start_row=3, start_column=column, end_row=3, end_column=column + 2)
        column = RESULT_COLUMN["remark"]
        self._header(ws, 3, column, "备注")
        self._header(ws, 4, column, "")
        ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
        ws.column_dimensions[get_column_letter(column)].width = 16
        if open_rows:
            self._validate(
                ws, self._listed(self._names(members), "从下拉列表选择委员姓名"), 2, 5, last
            )
        for index in range(1, last - 3):
            row = 4 + index
            typed: list[Any] = [index]
            if not open_rows:
                m = members[index - 1] if index <= len(members) else None
                typed += [m.name, group.name if group else ""] if m else []
            elif group is not None:
                typed += [None, group.name]
            for c in range(1, count + 1):
                cell = ws.cell(row, c, typed[c - 1] if c <= len(typed) else None)
                cell.border = self.box
                cell.alignment = self.left
                if c > (len(typed) if not open_rows else 1):
                    cell.protection = self.open_cell
            for kind in SubmissionKind:
                ws.cell(
                    row, RESULT_COLUMN[f"{kind.value}/submitted_on"]
                ).number_format = _DATE_FORMAT
        ws.freeze_panes = "D5"
        return ws


def template_bytes(
    campaign: Campaign,
    group: Group,
    *,
    forms: Sequence[str] = ("visits", "results"),
    member: Member | None = None,
) -> bytes:
    """The blank workbook of *group* (one member's when *member* is given), as bytes."""
    members = [member] if member is not None else list(campaign.members_of(group.id))
    book = TemplateBook(campaign, forms=forms, group=group, member=member)
    if "visits" in forms:
        rows = max(50, VISIT_ROWS * len(members))
        book.visit_sheet(VISIT_SHEET, group, members, rows=rows, member=member)
    if "results" in forms:
        book.results_sheet(RESULT_SHEET, group, members)
    return book.bytes()


def docx_template_bytes(
    campaign: Campaign,
    group: Group,
    *,
    forms: Sequence[str] = ("visits", "results"),
    member: Member | None = None,
) -> bytes:
    """The Word forms of *group* (one member's when *member* is given), as bytes.

    For each member, 附件1 then 附件2, each on a page of its own, as the
    notice packet prints them blank, with the member's name and group typed
    in; the DOCX reader reads them back when filled.
    """
    from sanquan_core.documents import blank_forms
    from sanquan_core.exporters.docx import template as word_template

    members = [member] if member is not None else list(campaign.members_of(group.id))
    return word_template(campaign, list(blank_forms(campaign, members)), forms)


class _Writer(Protocol):
    def __call__(
        self,
        campaign: Campaign,
        group: Group,
        *,
        forms: Sequence[str] = ...,
        member: Member | None = ...,
    ) -> bytes: ...


#: The template each suffix writes: the one place the format is chosen.
WRITERS: Final[dict[str, _Writer]] = {".xlsx": template_bytes, ".docx": docx_template_bytes}


def _writer(suffix: str, target: Path) -> _Writer:
    found = WRITERS.get(suffix.lower())
    if found is None:
        raise OptionError(
            _("{target!r}: a template is written as {suffixes}; name the file so").format(
                target=str(target), suffixes=_(" or ").join(WRITERS)
            ),
            option="target",
        )
    return found


def _safe_name(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip()


def template(
    campaign: Campaign,
    target: str | os.PathLike[str],
    *,
    forms: Sequence[str] = ("visits", "results"),
    group: str | None = None,
    member: str | None = None,
) -> list[Path]:
    """Write blank forms to fill; return the paths written.

    With *group* (an id or name) or *member*, *target* is the file to
    write, its suffix the format (``.xlsx`` or ``.docx``, :data:`WRITERS`).
    Otherwise *target* is a folder and every group gets a file named after
    it (``经济界委员工作组.xlsx``): XLSX, unless *target* ends in a format's
    suffix (``模板.docx``), which then names the format and the folder is
    *target* without it (``模板/经济界委员工作组.docx``).

    Raises:
        SelectionError: *group* names no group.
        OptionError: *member* names no member or several; *forms* is empty
            or names something other than ``visits`` and ``results``; the
            file's suffix is no template format.
    """
    forms = tuple(forms)
    if not forms or any(f not in ("visits", "results") for f in forms):
        raise OptionError(
            f"forms={list(forms)!r}: a template is of 'visits', 'results' or both",
            option="forms",
        )
    chosen_member = _find_member(campaign, member) if member else None
    if chosen_member is not None:
        chosen_group = campaign.group(chosen_member.group_id)
    elif group is not None:
        chosen_group = _find_group(campaign, group)
    else:
        folder = Path(target)
        suffix = ".xlsx"
        if folder.suffix.lower() in WRITERS and not folder.is_dir():
            suffix, folder = folder.suffix.lower(), folder.with_suffix("")
        write = _writer(suffix, folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for g in campaign.groups:
            path = folder / f"{_safe_name(g.name) or g.id}{suffix}"
            atomic_write(path, write(campaign, g, forms=forms))
            written.append(path)
        return written
    path = Path(target)
    write = _writer(path.suffix, path)
    atomic_write(path, write(campaign, chosen_group, forms=forms, member=chosen_member))
    return [path]
