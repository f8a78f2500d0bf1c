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
from datetime import date
from pathlib import Path
from typing import Any, Final, Protocol

from sanquan_core import captions
from sanquan_core._io import atomic_write
from sanquan_core.errors import OptionError, SelectionError
from sanquan_core.model import Campaign, Channel, Circle, FollowUp, Group, Member, SubmissionKind
from sanquan_core.readers import META_SHEET, TEMPLATE_SCHEMA, fingerprint

__all__ = ["VISIT_ROWS", "WRITERS", "docx_template_bytes", "template", "template_bytes"]

#: How many blank rows 附件1 offers per member of the group (at least 50).
VISIT_ROWS: Final = 10

_VISIT_SHEET: Final = "附件1 走访情况登记表"
_RESULT_SHEET: Final = "附件2 “三个一”工作成果登记表"

#: Each 附件1 column: caption, width, hint.
_VISIT_COLUMNS: Final = (
    ("序号", 6, ""),
    (captions.VISITOR, 10, "从下拉列表选择本组委员姓名"),
    (captions.GROUP_OF, 16, "已填好，无需修改"),
    (captions.TARGET, 16, "被走访人姓名及单位，如：张三（某某公司）"),
    (captions.ADDRESS, 18, "走访地点"),
    (captions.VISIT_DATE, 14, "填日期，如 2017-07-15 或 7月15日"),
    (captions.CIRCLE, 10, "从下拉列表选择：界别圈、生活圈、朋友圈"),
    (captions.CHANNEL, 10, "从下拉列表选择：当面走访、电话、微信、QQ、其他"),
    (captions.HEADCOUNT, 8, "填整数，如 3"),
    (captions.SITUATION, 30, "走访对象反映的主要情况"),
    (captions.NEEDS_HELP, 22, "需要帮助解决的问题；没有可不填"),
    (captions.NEEDS_COORDINATION, 22, "需要统筹协调的问题；没有可不填"),
    (captions.FOLLOW_UP, 12, "可不填；或从下拉列表选择"),
    ("备注", 16, ""),
)
_PARTS: Final = (
    ("标题", 24, "该条{kind}的标题"),
    (captions.SUBMITTED_ON, 13, "报送日期，如 2017-07-15"),
    ("内容", 40, "该条{kind}的正文"),
)


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
            f"{wanted!r} names {len(found)} members; give the member's id", option="member"
        )
    return found[0]


def template_bytes(
    campaign: Campaign,
    group: Group,
    *,
    forms: Sequence[str] = ("visits", "results"),
    member: Member | None = None,
) -> bytes:
    """The blank workbook of *group* (one member's when *member* is given), as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    members = [member] if member is not None else list(campaign.members_of(group.id))
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name="黑体", size=11, bold=True)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    open_cell = Protection(locked=False)

    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for pair in (
        ("schema", TEMPLATE_SCHEMA),
        ("group", group.id),
        ("fingerprint", fingerprint(campaign)),
        ("forms", ",".join(forms)),
        ("member", member.id if member else ""),
    ):
        meta.append(pair)
    for index, m in enumerate(members, 1):
        meta.cell(index, 4, m.name)
    names_ref = f"'{META_SHEET}'!$D$1:$D${max(len(members), 1)}"
    start, end = campaign.plan.starts_on or date(1900, 1, 1), campaign.plan.ends_on

    def setup(ws: Worksheet, title: str, label: str, width: int, header_rows: str) -> None:
        ws.cell(1, 1, label).font = Font(name="黑体", size=12)
        ws.cell(2, 1, title).font = Font(name="宋体", size=16, bold=True)
        ws.cell(2, 1).alignment = wrap
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        ws.row_dimensions[2].height = 42
        ws.protection.sheet = True  # no password: captions kept, not secret
        ws.protection.formatRows = False
        ws.protection.formatColumns = False
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        from openpyxl.worksheet.properties import PageSetupProperties

        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = header_rows
        ws.print_options.horizontalCentered = True

    def header(ws: Worksheet, row: int, column: int, text: str) -> None:
        cell = ws.cell(row, column, text)
        cell.font = head_font
        cell.alignment = wrap
        cell.border = box

    def validation(ws: Worksheet, dv: DataValidation, column: int, first: int, last: int) -> None:
        letter = get_column_letter(column)
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)

    def listed(values: Sequence[str] | str, prompt: str, strict: bool = True) -> DataValidation:
        formula = values if isinstance(values, str) else '"' + ",".join(values) + '"'
        return DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle="请从列表中选择",
            error="请从下拉列表中选择一项",
            promptTitle="填写说明",
            prompt=prompt,
            showInputMessage=True,
        )

    def dated(prompt: str) -> DataValidation:
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

    def hint(prompt: str) -> DataValidation:
        return DataValidation(
            allow_blank=True, promptTitle="填写说明", prompt=prompt, showInputMessage=True
        )

    if "visits" in forms:
        ws = wb.create_sheet(_VISIT_SHEET)
        count = len(_VISIT_COLUMNS)
        setup(ws, "\n".join(captions.VISIT_FORM_TITLE), f"{captions.ATTACHMENT}1", count, "3:3")
        for column, (caption, width, _hint) in enumerate(_VISIT_COLUMNS, 1):
            header(ws, 3, column, caption)
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.row_dimensions[3].height = 36
        rows = max(50, VISIT_ROWS * len(members))
        last = 3 + rows
        for row in range(4, last + 1):
            ws.cell(row, 1, row - 3).border = box
            for column in range(2, count + 1):
                cell = ws.cell(row, column)
                cell.protection = open_cell
                cell.border = box
                cell.alignment = left
            ws.cell(row, 3, group.name)
            if member is not None:
                ws.cell(row, 2, member.name)
            ws.cell(row, 6).number_format = 'yyyy"年"m"月"d"日"'
        for column, (caption, _width, prompt) in enumerate(_VISIT_COLUMNS, 1):
            if column == 1 or not prompt:
                continue
            if caption == captions.VISITOR:
                dv = listed(names_ref, prompt)
            elif caption == captions.VISIT_DATE:
                dv = dated(prompt)
            elif caption == captions.CIRCLE:
                dv = listed([c.label for c in Circle], prompt)
            elif caption == captions.CHANNEL:
                dv = listed([c.label for c in Channel], prompt)
            elif caption == captions.FOLLOW_UP:
                dv = listed([f.label for f in FollowUp], prompt)
            elif caption == captions.HEADCOUNT:
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
                dv = hint(prompt)
            validation(ws, dv, column, 4, last)
        ws.freeze_panes = "C4"

    if "results" in forms:
        ws = wb.create_sheet(_RESULT_SHEET)
        count = 3 + len(_PARTS) * len(SubmissionKind) + 1
        setup(ws, "\n".join(captions.RESULTS_FORM_TITLE), f"{captions.ATTACHMENT}2", count, "3:4")
        for column, (caption, width) in enumerate(
            (("序号", 6), (captions.MEMBER_NAME, 10), (captions.GROUP_OF, 16)), 1
        ):
            header(ws, 3, column, caption)
            header(ws, 4, column, "")
            ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
            ws.column_dimensions[get_column_letter(column)].width = width
        column = 4
        last = 4 + max(len(members), 1)
        for kind in SubmissionKind:
            header(ws, 3, column, captions.RESULT_ROWS[kind])
            for offset, (part, width, prompt) in enumerate(_PARTS):
                c = column + offset
                header(ws, 4, c, part)
                if offset:
                    header(ws, 3, c, "")
                ws.column_dimensions[get_column_letter(c)].width = width
                text = prompt.format(kind=kind.label)
                dv = dated(text) if part == captions.SUBMITTED_ON else hint(text)
                validation(ws, dv, c, 5, last)
            ws.merge_cells(start_row=3, start_column=column, end_row=3, end_column=column + 2)
            column += len(_PARTS)
        header(ws, 3, column, "备注")
        header(ws, 4, column, "")
        ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
        ws.column_dimensions[get_column_letter(column)].width = 16
        for index, m in enumerate(members, 1):
            row = 4 + index
            values: list[Any] = [index, m.name, group.name]
            for c in range(1, count + 1):
                cell = ws.cell(row, c, values[c - 1] if c <= len(values) else None)
                cell.border = box
                cell.alignment = left
                if c > len(values):
                    cell.protection = open_cell
            for k in range(len(SubmissionKind)):
                ws.cell(row, 4 + k * len(_PARTS) + 1).number_format = 'yyyy"年"m"月"d"日"'
        ws.freeze_panes = "D5"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
            f"{str(target)!r}: a template is written as {' or '.join(WRITERS)}; "
            "name the file so",
            option="output",
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
