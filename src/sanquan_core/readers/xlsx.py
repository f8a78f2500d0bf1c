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
from sanquan_core.readers._safety import iterparse, open_zip, parse

__all__ = ["XlsxReader", "decode_escapes", "excel_date"]

_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT: Final = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL: Final = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_PKG_REL: Final = "http://schemas.openxmlformats.org/package/2006/relationships"

#: Built-in number formats that show dates.
_DATE_FORMATS: Final = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
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
    return int(r1), _column_index(c1), int(r2), _column_index(c2)


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
        current: list[CellValue] = []
        row_number = 1
        next_column = 1
        for element in iterparse(stream, name, part):
            tag = _local(element.tag)
            if tag == "c":
                ref = element.get("r")
                column = next_column
                if ref:
                    found = _REF.match(ref)
                    if found:
                        column = _column_index(found.group(1))
                        row_number = int(found.group(2))
                next_column = column + 1
                kind = element.get("t", "n")
                raw: str | None = None
                inline: list[str] = []
                formula = False
                for child in element:
                    ctag = _local(child.tag)
                    if ctag == "v":
                        raw = child.text
                    elif ctag == "f":
                        formula = True
                    elif ctag == "is":
                        inline.extend(t.text or "" for t in child.iter() if _local(t.tag) == "t")
                value: CellValue = None
                if kind == "s" and raw is not None:
                    try:
                        value = shared[int(raw)]
                    except (ValueError, IndexError):
                        value = None
                elif kind == "inlineStr":
                    value = decode_escapes("".join(inline))
                elif kind in ("str", "e"):
                    value = decode_escapes(raw or "")
                elif kind == "b":
                    value = raw in ("1", "true")
                elif kind == "d" and raw:
                    try:
                        value = datetime.fromisoformat(raw)
                    except ValueError:
                        value = raw
                elif raw is not None and raw != "":
                    try:
                        number = float(raw)
                    except ValueError:
                        value = raw
                    else:
                        style = int(element.get("s", "0") or 0)
                        if style in date_styles and 0 < number < 2958466:
                            value = excel_date(number, base1904)
                        else:
                            value = int(number) if number.is_integer() else number
                if value is not None and value != "":
                    while len(current) < column - 1:
                        current.append(None)
                    if len(current) >= column:
                        current[column - 1] = value
                    else:
                        current.append(value)
                if formula:
                    formulas.add((row_number, column))
                budget[0] -= 1
                if budget[0] < 0:
                    raise RefusedFileError(
                        name,
                        _("the workbook holds more cells than the limit allows"),
                        "too_large",
                    )
                element.clear()
            elif tag == "row":
                number = element.get("r")
                if number and number.isdigit():
                    row_number = int(number)
                if current:
                    rows.append((row_number, current))
                current = []
                next_column = 1
                row_number += 1
                element.clear()
            elif tag == "mergeCell":
                found_range = _range(element.get("ref", ""))
                if found_range:
                    merged.append(found_range)
            elif tag == "sheetData":
                element.clear()
        return Grid(sheet_name, rows, tuple(merged), frozenset(formulas), hidden)
