"""The DOCX reader: the filled Word forms of the notice packet (and of the DOCX export).

A Word 附件1 or 附件2 is a sequence of labelled fields: ``走访人员：谢卫``
in a paragraph, ``走访日期：2017年7月26日`` in a table cell, or a row whose
first cell is the label (走访对象反映的情况 | …). The reader walks
``word/document.xml`` (ZIP-checked, parsed with defusedxml), starts a new
form at each ``附件1``/``附件2`` heading, and hands each form on as a grid of
two rows: the labels, then the values; a form with nothing filled in but
its person line (a template's form left blank) is passed over. So the sheet of a problem is the
form (``附件1 第3份``: the third visit form of the file) and its column the
field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from sanquan_core import captions
from sanquan_core._i18n import _
from sanquan_core.readers._base import CellValue, Grid, Limits, RefusedFileError
from sanquan_core.readers._safety import open_zip, parse

__all__ = ["DocxReader"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The labels a Word form writes before a colon, longest first.
_LABELS: Final = sorted(
    {
        captions.VISITOR,
        captions.GROUP_OF,
        captions.TARGET,
        captions.ADDRESS,
        captions.VISIT_DATE,
        captions.VISIT_NUMBER,
        captions.CIRCLE,
        captions.CHANNEL,
        captions.HEADCOUNT,
        captions.FOLLOW_UP,
        captions.MEMBER_NAME,
        captions.STATUS,
        captions.SUBMITTED_ON,
        "编号",
    },
    key=len,
    reverse=True,
)
_LABELLED: Final = re.compile("(" + "|".join(map(re.escape, _LABELS)) + r")\s*[：:]")
_HEADING: Final = re.compile(r"^附\s*件\s*([12])$")
_NOT_SUBMITTED: Final = captions.NOT_SUBMITTED
#: What a template types in before the member fills a form.
_TYPED: Final = frozenset({captions.VISITOR, captions.MEMBER_NAME, captions.GROUP_OF})


def _text(element: Any) -> str:
    """The text of a paragraph or cell: runs joined, paragraphs on their own lines."""
    if element.tag == f"{_W}p":
        parts = []
        for node in element.iter():
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif node.tag == f"{_W}tab":
                parts.append("\t")
        return "".join(parts)
    return "\n".join(_text(p) for p in element.iter(f"{_W}p"))


def _pairs(text: str) -> list[tuple[str, str]]:
    """``走访人员：谢卫所在委员工作（联络）组：经济界`` as (label, value) pairs."""
    found = list(_LABELLED.finditer(text))
    out = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        out.append((match.group(1), text[match.end() : end].strip().strip("\u3000").strip()))
    return out


class DocxReader:
    """Reads ``.docx`` files holding filled 附件1/附件2 Word forms."""

    name = "docx"
    suffixes: tuple[str, ...] = (".docx", ".docm")
    description = "Word forms (.docx): each filled 附件1/附件2 read as one record's fields"

    def read(self, data: bytes, name: str, limits: Limits) -> Iterator[Grid]:
        archive = open_zip(data, name, limits)
        part = "word/document.xml"
        if part not in archive.namelist():
            raise RefusedFileError(
                name, _("this is not a Word document (no word/document.xml)"), "unreadable"
            )
        with archive.open(part) as stream:
            root = parse(stream, name, part)
        body = root.find(f"{_W}body")
        if body is None:
            return
        forms: list[tuple[str, list[tuple[str, str]]]] = []
        current: list[tuple[str, str]] | None = None
        kind = ""

        def add(label: str, value: str) -> None:
            nonlocal current
            if current is None:
                current = []
                forms.append((kind or "附件", current))
            # a date or title marked outside the window reads as the date or title
            for mark in (f"（{captions.OUTSIDE_MARK}）", f"【{captions.OUTSIDE_MARK}】"):
                value = value.replace(mark, "")
            current.append((label, "" if value == _NOT_SUBMITTED else value))

        for element in body:
            if element.tag == f"{_W}p":
                text = _text(element).strip()
                heading = _HEADING.match(text.replace(" ", ""))
                if heading:
                    kind = f"{captions.ATTACHMENT}{heading.group(1)}"
                    current = None
                    continue
                for label, value in _pairs(text):
                    add(label, value)
            elif element.tag == f"{_W}tbl":
                for row in element.iter(f"{_W}tr"):
                    cells = [_text(tc).strip() for tc in row.iter(f"{_W}tc")]
                    if not cells:
                        continue
                    pairs = _pairs(cells[0])
                    if len(cells) == 1 or pairs:
                        for label, value in pairs:
                            add(label, value)
                        for cell in cells[1:]:
                            for label, value in _pairs(cell):
                                add(label, value)
                    else:
                        add(cells[0].replace("\n", ""), "\n".join(cells[1:]).strip())
        counts: dict[str, int] = {}
        for form_kind, fields in forms:
            counts[form_kind] = counts.get(form_kind, 0) + 1
            if not any(value for label, value in fields if label not in _TYPED):
                continue  # a template's form left blank: only its person line typed in
            labels: list[CellValue] = [label for label, _value in fields]
            values: list[CellValue] = [value or None for _label, value in fields]
            sheet = _("{form} no. {number}").format(form=form_kind, number=counts[form_kind])
            yield Grid(sheet, [(1, labels), (2, values)])
