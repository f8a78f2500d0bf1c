"""The CSV reader: UTF-8 with or without BOM, or GBK/GB18030 as Chinese Excel saves it.

The encoding is detected: a BOM (UTF-8, UTF-16) says it; otherwise the
bytes are tried as UTF-8, then as GB18030 (a superset of GBK and GB2312).
The delimiter is the one of comma, semicolon and tab the header line uses most. Every value is
text; the form reader reads dates and numbers from it. The ``'`` that the
CSV export puts before text beginning with a formula character (``=``,
``+``, ``-``, ``@`` …) or a ``'`` is taken off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sanquan_core._i18n import _
from sanquan_core.readers._base import CellValue, Grid, Limits, RefusedFileError

__all__ = ["CsvReader", "decode"]


def decode(data: bytes, name: str) -> str:
    """*data* as text, its encoding detected (see the module's docstring)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise RefusedFileError(
            name,
            _("the file is neither UTF-8 nor GBK/GB18030 text ({error})").format(error=exc.reason),
            "unreadable",
        ) from exc


def _unquoted(cell: str, prefixes: frozenset[str]) -> CellValue:
    """A cell's text, the ``'`` the CSV export puts before a formula character taken off."""
    if cell == "":
        return None
    if cell[:1] == "'" and cell[1:2] in prefixes:
        return cell[1:]
    return cell


class CsvReader:
    """Reads ``.csv`` and ``.txt`` tables: one grid, named after the file."""

    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".txt", ".tsv")
    description = "CSV text (UTF-8 with or without BOM, GBK/GB18030), encoding detected"

    def read(self, data: bytes, name: str, limits: Limits) -> Iterator[Grid]:
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise RefusedFileError(name, _("this is not a text file"), "unreadable")
        content = decode(data, name)
        # The delimiter is the one the header line uses most: csv.Sniffer, given
        # the whole sample, takes a lone " in a cell for a quote character and
        # splits the rows wrongly.
        header = content.split("\n", 1)[0]
        delimiter = max(",;\t", key=header.count) if any(d in header for d in ",;\t") else ","
        from sanquan_core.exporters.csv import INJECTION_PREFIXES

        prefixes = INJECTION_PREFIXES | {"'"}
        rows: list[tuple[int, list[CellValue]]] = []
        budget = limits.max_cells
        try:
            lines = csv.reader(io.StringIO(content), csv.excel, delimiter=delimiter)
            for number, row in enumerate(lines, 1):
                budget -= len(row)
                if budget < 0:
                    raise RefusedFileError(
                        name, _("the file holds more cells than the limit allows"), "too_large"
                    )
                if any(cell.strip() for cell in row):
                    rows.append((number, [_unquoted(cell, prefixes) for cell in row]))
        except csv.Error as exc:
            raise RefusedFileError(
                name, _("the file is not readable CSV ({error})").format(error=exc), "unreadable"
            ) from exc
        yield Grid(Path(name).stem, rows)
