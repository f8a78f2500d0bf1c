"""The rows of a streamed sheet, written as sheet XML with the workbook's shared style ids.

openpyxl's write-only sheet turns every value into a cell object, binds its
type, gives it a style object and serializes it through lxml one element at
a time, writing each CJK character as a character reference (``&#20309;``).
Here a row is one string: each cell's ``s`` attribute is the id openpyxl
gave its named style once (:class:`RowWriter` looks the ids up when the
sheet starts), text is escaped and written as UTF-8, and the rows go to a
temporary file of their own. openpyxl still writes everything around the
rows (columns, panes, merged ranges, page set-up, drawings); when the sheet
is closed, :meth:`RowWriter.splice` puts the rows into the part openpyxl
wrote, in place of its empty ``sheetData``.

The cells are those openpyxl writes for the same values: inline strings
(``t="inlineStr"``), numbers, dates as serial day numbers in the workbook's
epoch, booleans; an empty cell keeps its style.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

__all__ = ["RowWriter"]

_EMPTY: Final = (b"<sheetData></sheetData>", b"<sheetData/>")


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class RowWriter:
    """Writes a sheet's rows to a temporary file, a row at a time.

    Args:
        wb: the workbook the sheet belongs to (its style list and epoch).
        styles: each named style's array (what
            :func:`~sanquan_core.exporters.xlsx.sheet.add_styles` returned).
    """

    def __init__(self, wb: Workbook, styles: Mapping[str, StyleArray]) -> None:
        registry: Any = wb._cell_styles  # type: ignore[attr-defined]  # cellXfs, numbered
        self._ids: dict[str, str] = {}
        self._quoted: dict[str, str] = {}
        for name, array in styles.items():
            self._ids[name] = str(registry.add(array))
            quoted = StyleArray(list(array))
            quoted.quotePrefix = 1
            self._quoted[name] = str(registry.add(quoted))
        self._epoch = wb.epoch
        self._days: dict[date, str] = {}
        self._heights: dict[float, str] = {}
        self._letters: list[str] = []
        fd, self.path = tempfile.mkstemp(prefix="sanquan-rows-", suffix=".xml")
        self._fh = os.fdopen(fd, "wb", buffering=1 << 20)

    def style_id(self, style: str, *, quoted: bool = False) -> str:
        """The ``s`` attribute of a cell in *style* (with Excel's quote-prefix flag)."""
        return (self._quoted if quoted else self._ids)[style]

    def _letter(self, column: int) -> str:
        letters = self._letters
        while len(letters) <= column:
            letters.append(get_column_letter(len(letters) + 1))
        return letters[column]

    def _day(self, day: date) -> str:
        text = self._days.get(day)
        if text is None:
            serial = to_excel(day, self._epoch)  # type: ignore[no-untyped-call]
            text = self._days[day] = safe_string(serial)
        return text

    def row(
        self,
        number: int,
        cells: Sequence[tuple[str | int | float | date | None, str]],
        height: float,
        quote: frozenset[str],
    ) -> None:
        """Write row *number*: ``(value, style)`` pairs, *height* points high.

        Text must be fit for a cell already (see
        :func:`~sanquan_core.exporters.xlsx.sheet.cell_text`); text starting
        with a character of *quote* gets the quote-prefix flag.
        """
        ht = self._heights.get(height)
        if ht is None:
            ht = self._heights[height] = safe_string(height)
        ids, quoted = self._ids, self._quoted
        parts = [f'<row r="{number}" ht="{ht}" customHeight="1">']
        append = parts.append
        for col, (value, style) in enumerate(cells):
            ref = f"{self._letter(col)}{number}"
            if isinstance(value, str):
                if not value:
                    append(f'<c r="{ref}" s="{ids[style]}" t="inlineStr"/>')
                    continue
                s = quoted[style] if value[0] in quote else ids[style]
                space = ' xml:space="preserve"' if value != value.strip() else ""
                append(
                    f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>'
                    f"{_escape(value)}</t></is></c>"
                )
            elif value is None:
                append(f'<c r="{ref}" s="{ids[style]}"/>')
            elif isinstance(value, bool):
                append(f'<c r="{ref}" s="{ids[style]}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int):
                append(f'<c r="{ref}" s="{ids[style]}" t="n"><v>{value}</v></c>')
            elif isinstance(value, float):
                append(f'<c r="{ref}" s="{ids[style]}" t="n"><v>{safe_string(value)}</v></c>')
            else:  # a date (a datetime's day: a cell holds a day, never a time of day)
                day = value.date() if isinstance(value, datetime) else value
                append(f'<c r="{ref}" s="{ids[style]}" t="n"><v>{self._day(day)}</v></c>')
        append("</row>")
        self._fh.write("".join(parts).encode("utf-8"))

    def splice(self, part: str) -> None:
        """Put the rows into *part*, the sheet openpyxl wrote without rows, in place.

        openpyxl's part is small (everything but the rows); the rows are
        copied from their file in chunks.
        """
        self._fh.close()
        with open(part, "rb") as fh:
            sheet = fh.read()
        for empty in _EMPTY:
            head, found, tail = sheet.partition(empty)
            if found:
                break
        else:  # pragma: no cover - openpyxl always writes the element
            raise ValueError("openpyxl wrote a sheet without sheetData")
        folder = os.path.dirname(part) or "."
        fd, joined = tempfile.mkstemp(prefix="sanquan-sheet-", suffix=".xml", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out, open(self.path, "rb") as rows:
                out.write(head + b"<sheetData>")
                shutil.copyfileobj(rows, out, 1 << 20)
                out.write(b"</sheetData>" + tail)
            os.replace(joined, part)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(joined)
            raise
        finally:
            self.discard()

    def discard(self) -> None:
        """Close and remove the rows' file."""
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.remove(self.path)
