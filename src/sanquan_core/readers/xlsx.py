"""The XLSX reader: a streaming parse of the sheet XML, safely, without openpyxl.

openpyxl's read-only mode does not report merged cells, and with
``data_only=True`` it cannot tell a formula's cached value from a typed
one; a full load holds the whole workbook in memory. So the parts are read
here directly: the ZIP directory checked first (:func:`open_zip`), every
part parsed with defusedxml as it streams (``iterparse``), shared strings,
date styles and merged ranges honoured, ``_xHHHH_`` escapes decoded (the
library's writer escapes a typed ``_x…_`` as ``_x005F_x…_``), formulas
never evaluated (the saved value is read, the cell noted), macros
(``vbaProject.bin``) never touched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, Final

from sanquan_core._i18n import _
from sanquan_core.readers._base import CellValue, Grid, Limits, RefusedFileError
from sanquan_core.readers._safety import expat_parse, iterparse, open_zip, parse

__all__ = ["XlsxReader", "decode_escapes", "excel_date"]

_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT: Final = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL: Final = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_PKG_REL: Final = "http://schemas.openxmlformats.org/package/2006/relationships"

#: Built-in number formats that show dates.
_DATE_FORMATS: Final = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
#: A worksheet's grid: Excel's and LibreOffice's largest (XFD1048576).
MAX_ROWS: Final = 1_048_576
MAX_COLUMNS: Final = 16_384
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REF = re.compile(r"([A-Z]+)(\d+)")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def decode_escapes(text: str) -> str:
    """*text* with OOXML's ``_xHHHH_`` escapes decoded, as Excel reads them.

    ``_x005F_`` is an escaped underscore, so ``_x005F_x0041_`` reads
    ``_x0041_``: what was typed.
    """
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def excel_date(serial: float, base1904: bool = False) -> date | datetime:
    """The date (or date and time) of an Excel serial number."""
    origin = datetime(1904, 1, 1) if base1904 else datetime(1899, 12, 30)
    moment = origin + timedelta(days=serial)
    if moment.time() == datetime.min.time():
        return moment.date()
    return moment


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(ch in bare for ch in "ymd") or ("h" in bare and "s" in bare)


@functools.cache
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def _range(ref: str) -> tuple[int, int, int, int] | None:
    parts = ref.split(":")
    found = [_REF.fullmatch(p) for p in parts]
    if not all(found) or len(found) not in (1, 2):
        return None
    (c1, r1), (c2, r2) = (m.groups() for m in (found[0], found[-1]))  # type: ignore[union-attr]
    first, last = (int(r1), _column_index(c1)), (int(r2), _column_index(c2))
    if not all(_in_grid(*p) for p in (first, last)):
        return None
    return (*first, *last)


def _in_grid(row: int, column: int) -> bool:
    return 1 <= row <= MAX_ROWS and 1 <= column <= MAX_COLUMNS


def _outside(name: str, part: str, row: int, column: int) -> RefusedFileError:
    return RefusedFileError(
        name,
        _(
            "the part {part} has a cell at row {row}, column {column}: outside any "
            "worksheet (at most 1,048,576 rows and 16,384 columns)"
        ).format(part=part, row=row, column=column),
        "unreadable",
        {"part": part, "row": row, "column": column},
    )


class XlsxReader:
    """Reads ``.xlsx`` and ``.xlsm`` workbooks: every sheet, hidden ones marked."""

    name = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")
    description = "Excel/WPS workbook (.xlsx), read safely and streamed"

    def read(self, data: bytes, name: str, limits: Limits) -> Iterator[Grid]:
        archive = open_zip(data, name, limits)
        names = set(archive.namelist())

        def open_part(part: str) -> Any:
            return archive.open(part)

        workbook_part = "xl/workbook.xml"
        if workbook_part not in names:
            raise RefusedFileError(
                name, _("this is not an Excel workbook (no xl/workbook.xml)"), "unreadable"
            )
        with open_part(workbook_part) as f:
            workbook = parse(f, name, workbook_part)
        base1904 = False
        sheets: list[tuple[str, str, bool]] = []
        for element in workbook.iter():
            tag = _local(element.tag)
            if tag == "workbookPr":
                base1904 = element.get("date1904", "0") in ("1", "true")
            elif tag == "sheet":
                rid = element.get(f"{{{_REL}}}id") or element.get(f"{{{_STRICT_REL}}}id") or ""
                hidden = element.get("state", "visible") != "visible"
                sheets.append((element.get("name", ""), rid, hidden))
        targets: dict[str, str] = {}
        rels_part = "xl/_rels/workbook.xml.rels"
        if rels_part in names:
            with open_part(rels_part) as f:
                for rel in parse(f, name, rels_part).iter():
                    if _local(rel.tag) == "Relationship":
                        target = rel.get("Target", "")
                        target = target[1:] if target.startswith("/") else "xl/" + target
                        targets[rel.get("Id", "")] = target
        shared = self._shared_strings(archive, names, name)
        date_styles = self._date_styles(archive, names, name)
        budget = [limits.max_cells]
        for sheet_name, rid, hidden in sheets:
            part = targets.get(rid, "")
            if part not in names:
                continue
            with open_part(part) as f:
                yield self._sheet(
                    f, name, part, sheet_name, hidden, shared, date_styles, base1904, budget
                )

    @staticmethod
    def _shared_strings(archive: Any, names: set[str], name: str) -> list[str]:
        part = "xl/sharedStrings.xml"
        out: list[str] = []
        if part not in names:
            return out
        with archive.open(part) as f:
            for element in iterparse(f, name, part):
                if _local(element.tag) != "si":
                    continue
                texts: list[str] = []
                for child in element:
                    tag = _local(child.tag)
                    if tag == "t":
                        texts.append(child.text or "")
                    elif tag == "r":
                        for t in child:
                            if _local(t.tag) == "t":
                                texts.append(t.text or "")
                out.append(decode_escapes("".join(texts)))
                element.clear()
        return out

    @staticmethod
    def _date_styles(archive: Any, names: set[str], name: str) -> frozenset[int]:
        part = "xl/styles.xml"
        if part not in names:
            return frozenset()
        with archive.open(part) as f:
            root = parse(f, name, part)
        custom: dict[int, str] = {}
        dated: set[int] = set()
        for element in root:
            tag = _local(element.tag)
            if tag == "numFmts":
                for fmt in element:
                    try:
                        custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
                    except ValueError:
                        continue
            elif tag == "cellXfs":
                for index, xf in enumerate(element):
                    try:
                        fmt_id = int(xf.get("numFmtId", "0"))
                    except ValueError:
                        continue
                    code = custom.get(fmt_id)
                    if (code is not None and _is_date_format(code)) or (
                        code is None and fmt_id in _DATE_FORMATS
                    ):
                        dated.add(index)
        return frozenset(dated)

    @staticmethod
    def _sheet(
        stream: Any,
        name: str,
        part: str,
        sheet_name: str,
        hidden: bool,
        shared: list[str],
        date_styles: frozenset[int],
        base1904: bool,
        budget: list[int],
    ) -> Grid:
        rows: list[tuple[int, list[CellValue]]] = []
        merged: list[tuple[int, int, int, int]] = []
        formulas: set[tuple[int, int]] = set()
        state: dict[str, Any] = {"row": 1, "next": 1, "cells": []}
        cell: dict[str, Any] = {}
        texts: list[str] = []
        collecting = [False]
        local = _local_name

        def start(tag: str, attrs: dict[str, str]) -> None:
            tag = local(tag)
            if tag == "c":
                ref = attrs.get("r")
                column = state["next"]
                if ref:
                    found = _REF.match(ref)
                    if found:
                        column = _column_index(found.group(1))
                        state["row"] = int(found.group(2))
                if not _in_grid(state["row"], column):
                    raise _outside(name, part, state["row"], column)
                state["next"] = column + 1
                cell.clear()
                cell["column"] = column
                cell["t"] = attrs.get("t", "n")
                cell["s"] = attrs.get("s")
            elif tag in ("v", "t") and cell:
                collecting[0] = True
                texts.clear() if tag == "v" or "inline" not in cell else None
            elif tag == "is":
                cell["inline"] = True
                texts.clear()
            elif tag == "f":
                cell["f"] = True
            elif tag == "rPh":
                collecting[0] = False
                cell["phonetic"] = True
            elif tag == "row":
                number = attrs.get("r")
                if number and number.isdigit():
                    state["row"] = int(number)
                if not _in_grid(state["row"], 1):
                    raise _outside(name, part, state["row"], 1)
                state["next"] = 1
                state["cells"] = []
            elif tag == "mergeCell":
                found_range = _range(attrs.get("ref", ""))
                if found_range:
                    merged.append(found_range)

        def text(data: str) -> None:
            if collecting[0] and not cell.get("phonetic"):
                texts.append(data)

        def end(tag: str) -> None:
            tag = local(tag)
            if tag in ("v", "t"):
                collecting[0] = False
                if tag == "v":
                    cell["v"] = "".join(texts)
                    texts.clear()
            elif tag == "rPh":
                cell.pop("phonetic", None)
            elif tag == "c" and "t" in cell:  # not a stray </c> nor a <c> inside a <c>
                value = _cell_value(cell, texts, shared, date_styles, base1904)
                texts.clear()
                column = cell["column"]
                current: list[CellValue] = state["cells"]
                if value is not None and value != "":
                    while len(current) < column - 1:
                        current.append(None)
                    if len(current) >= column:
                        current[column - 1] = value
                    else:
                        current.append(value)
                if cell.get("f"):
                    formulas.add((state["row"], column))
                cell.clear()
                budget[0] -= 1
                if budget[0] < 0:
                    raise RefusedFileError(
                        name, _("the workbook holds more cells than the limit allows"), "too_large"
                    )
            elif tag == "row":
                if state["cells"]:
                    rows.append((state["row"], state["cells"]))
                state["cells"] = []
                state["row"] += 1

        expat_parse(stream, name, part, start, end, text)
        return Grid(sheet_name, rows, tuple(merged), frozenset(formulas), hidden)


def _local_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def _cell_value(
    cell: dict[str, Any],
    texts: list[str],
    shared: list[str],
    date_styles: frozenset[int],
    base1904: bool,
) -> CellValue:
    kind = cell["t"]
    raw: str | None = cell.get("v")
    if kind == "s":
        try:
            return shared[int(raw or "")]
        except (ValueError, IndexError):
            return None
    if kind == "inlineStr":
        return decode_escapes("".join(texts))
    if kind in ("str", "e"):
        return decode_escapes(raw or "")
    if kind == "b":
        return raw in ("1", "true")
    if kind == "d" and raw:
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return raw
    if raw is None or raw == "":
        return None
    try:
        number = float(raw)
    except ValueError:
        return raw
    style = cell.get("s")
    if style and style.isdigit() and int(style) in date_styles and 0 < number < 2958466:
        return excel_date(number, base1904)
    return int(number) if number.is_integer() else number
