"""What the XLSX sheet builders share: the workbook, its styles, the notes under each title."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Final

import attrs
from openpyxl import Workbook

from sanquan_core import captions
from sanquan_core.documents import (
    Facts,
)
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters.xlsx.sheet import (
    Sheet,
    add_styles,
    clip,
)
from sanquan_core.model import Campaign, Visit

#: The 备注 of a record dated outside the campaign window.
OUTSIDE_NOTE: Final = captions.OUTSIDE_MARK


#: Starts the line under a sheet's title that says which part of the campaign it covers.
SCOPE_PREFIX: Final = captions.SCOPE


#: The line under a sheet's title when personal data was masked.
REDACTED_NOTE: Final = (
    captions.REDACTED_NOTE.strip("（）") + "（联系电话、详细地址、走访对象姓名等）"
)


NUMBER: Final = "序号"


ID: Final = "编号"


REMARK: Final = "备注"


STATUS: Final = "完成情况"


def visit_caption(name: str) -> str:
    caption: str = attrs.fields_dict(Visit)[name].metadata["caption"]
    return caption


class Book(Facts):
    """What the sheet builders share: the campaign, the options, the workbook and its styles.

    The summary and the completion report are computed once, when a sheet
    first asks for them.
    """

    def __init__(self, campaign: Campaign, options: ExportOptions, wb: Workbook) -> None:
        super().__init__(campaign, options)
        self.wb = wb
        self.styles = add_styles(wb)

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """The lines every sheet prints under its title: the scope, the masking."""
        notes = []
        if self.scope:
            notes.append(f"{SCOPE_PREFIX}{self.scope}")
        if self.options.redacted:
            notes.append(REDACTED_NOTE)
        return tuple(notes)

    def sheet(
        self,
        form: Form,
        widths: Sequence[float],
        header_rows: tuple[int, int],
        *,
        landscape: bool = True,
    ) -> Sheet:
        """A new sheet for *form*, named after it.

        *header_rows* are counted as if the title block had no :attr:`notes`;
        the notes push the header down.
        """
        first, last = header_rows
        shift = len(self.notes)
        return Sheet(
            self.wb,
            self.styles,
            form.label,
            widths,
            (first + shift, last + shift),
            landscape=landscape,
            notes=self.notes,
        )


def clipped(remarks: list[str], caption: str, text: str) -> str:
    """*text* fitted to a cell; a cut is noted in *remarks*."""
    fitted, cut = clip(text)
    if cut:
        remarks.append(f"“{caption.replace(chr(10), '')}”过长，表中已截断，全文见DOCX或PDF文件")
    return fitted
