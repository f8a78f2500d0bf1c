"""The XLS and ODS reader, through python-calamine (Rust's calamine), when it is installed.

Why calamine here and not for XLSX: openpyxl reads neither XLS (BIFF) nor
ODS; calamine reads both quickly, gives the saved values of formulas
without evaluating them, and runs no macros. For XLSX the streaming reader
of :mod:`sanquan_core.readers.xlsx` is kept, because it parses every XML
part with defusedxml, notes formula cells and decodes ``_xHHHH_`` escapes,
none of which calamine reports. An ODS file is a ZIP container and is
checked against the limits before calamine opens it, and its
``content.xml`` parsed with defusedxml first (refusing DTDs and entities) to
read the merged ranges, which calamine does not report for ODS; an XLS file
is held to the file-size and cell limits.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from sanquan_core._i18n import _
from sanquan_core.readers._base import CellValue, Grid, Limits, RefusedFileError
from sanquan_core.readers._safety import expat_parse, open_zip
from sanquan_core.readers.xlsx import MAX_COLUMNS, MAX_ROWS

__all__ = ["CalamineReader", "available"]


def available() -> bool:
    """Whether python-calamine is installed."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def _value(value: Any) -> CellValue:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, (str, int, float, bool, datetime)) or hasattr(value, "isoformat"):
        return value  # type: ignore[no-any-return]
    return str(value)


def _int(value: str | None) -> int:
    try:
        return max(int(value or "1"), 1)
    except ValueError:
        return 1


def ods_merges(
    archive: Any, name: str, limits: Limits
) -> dict[str, list[tuple[int, int, int, int]]]:
    """The merged ranges of each sheet of an ODS file, by sheet name, from ``content.xml``.

    A merged cell is a ``table:table-cell`` with ``number-columns-spanned`` or
    ``number-rows-spanned``; rows and cells count ``number-*-repeated``.
    """
    part = "content.xml"
    if part not in archive.namelist():
        return {}
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    state = {"row": 0, "column": 0, "repeat": 1, "depth": 0, "budget": limits.max_cells}
    current: list[tuple[int, int, int, int]] = []

    def local(qname: str) -> str:
        return qname.rsplit(":", 1)[-1]

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal current
        tag = local(tag)
        found = {local(k): v for k, v in attrs.items()}
        if tag == "table":
            state["depth"] += 1
            if state["depth"] == 1:
                current = out.setdefault(found.get("name", ""), [])
                state["row"] = 0
        elif state["depth"] != 1:
            return
        elif tag == "table-row":
            state["column"] = 0
            state["repeat"] = _int(found.get("number-rows-repeated"))
        elif tag in ("table-cell", "covered-table-cell"):
            columns = _int(found.get("number-columns-spanned"))
            rows = _int(found.get("number-rows-spanned"))
            row, column = state["row"], state["column"]
            inside = row + rows <= MAX_ROWS and column + columns <= MAX_COLUMNS
            if tag == "table-cell" and (columns > 1 or rows > 1) and inside:
                state["budget"] -= 1
                if state["budget"] < 0:
                    raise RefusedFileError(
                        name, _("the workbook holds more cells than the limit allows"), "too_large"
                    )
                current.append((row + 1, column + 1, row + rows, column + columns))
            state["column"] = column + _int(found.get("number-columns-repeated"))

    def end(tag: str) -> None:
        tag = local(tag)
        if tag == "table":
            state["depth"] -= 1
        elif tag == "table-row" and state["depth"] == 1:
            state["row"] += state["repeat"]

    def text(_data: str) -> None:
        return None

    with archive.open(part) as stream:
        expat_parse(stream, name, part, start, end, text)
    return out


class CalamineReader:
    """Reads ``.xls`` and ``.ods`` workbooks (and ``.xlsb``) with python-calamine."""

    name = "calamine"
    suffixes: tuple[str, ...] = (".xls", ".ods", ".xlsb")
    description = "Excel 97–2003 (.xls), OpenDocument (.ods), .xlsb — via python-calamine"

    def read(self, data: bytes, name: str, limits: Limits) -> Iterator[Grid]:
        try:
            from python_calamine import CalamineWorkbook
        except ImportError:
            raise RefusedFileError(
                name,
                _("reading .xls and .ods files needs python-calamine (pip install it)"),
                "unreadable",
            ) from None
        merges: dict[str, list[tuple[int, int, int, int]]] = {}
        if data[:2] == b"PK":
            with open_zip(data, name, limits) as archive:
                merges = ods_merges(archive, name, limits)
        # calamine tells ODS from the other formats by the file's suffix, and may
        # read sheets lazily: the bytes go to a private temporary file kept to the end.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ("form" + Path(name).suffix.lower())
            path.write_bytes(data)
            try:
                workbook = CalamineWorkbook.from_path(str(path))
                grids = list(self._grids(workbook, name, limits, merges))
            except RefusedFileError:
                raise
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException)
                raise RefusedFileError(
                    name, _("the workbook cannot be read ({error})").format(error=exc), "unreadable"
                ) from exc
        yield from grids

    @staticmethod
    def _grids(
        workbook: Any,
        name: str,
        limits: Limits,
        merges: dict[str, list[tuple[int, int, int, int]]],
    ) -> Iterator[Grid]:
        budget = limits.max_cells
        for meta in workbook.sheets_metadata:
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except Exception:  # a chart sheet, a dialog sheet
                continue
            budget -= sheet.height * sheet.width
            if budget < 0:
                raise RefusedFileError(
                    name, _("the workbook holds more cells than the limit allows"), "too_large"
                )
            top, left = sheet.start or (0, 0)
            rows: list[tuple[int, list[CellValue]]] = []
            for index, values in enumerate(sheet.to_python(skip_empty_area=True)):
                cells = [None] * left + [_value(v) for v in values]
                while cells and cells[-1] is None:
                    cells.pop()
                if cells:
                    rows.append((top + index + 1, cells))
            merged = tuple(
                (r1 + 1, c1 + 1, r2 + 1, c2 + 1)
                for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ())
            ) or tuple(merges.get(meta.name, ()))
            hidden = "Visible" not in str(meta.visible)
            yield Grid(meta.name, rows, merged, frozenset(), hidden)
