"""What every reader shares: the grid it hands back, the limits, the refusal.

A reader turns a file into :class:`Grid` objects, one per sheet (or table),
and knows nothing of the forms; :mod:`sanquan_core.readers.forms` finds the
forms in the grids by their captions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Protocol, TypeAlias, runtime_checkable

from attrs import field, frozen

from sanquan_core.errors import SanquanError

__all__ = [
    "CellValue",
    "Grid",
    "Limits",
    "Reader",
    "RefusedFileError",
    "column_letter",
]

#: What a cell read from a file holds.
CellValue: TypeAlias = str | int | float | bool | date | datetime | None


@frozen
class Limits:
    """How much an untrusted file may hold before it is refused unread.

    The defaults let a county's collected workbooks through (tens of
    thousands of rows) and stop a ZIP bomb before it is decompressed.

    Attributes:
        max_file_bytes: the size of the file itself.
        max_entries: members of a ZIP container (XLSX, DOCX, ODS).
        max_entry_bytes: one member's uncompressed size.
        max_total_bytes: all members' uncompressed size together.
        max_ratio: uncompressed size over compressed size of a member
            larger than ``ratio_floor`` bytes.
        ratio_floor: members smaller than this are not held to ``max_ratio``.
        max_cells: cells read from one file.
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 2000
    max_entry_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_floor: int = 1024 * 1024
    max_cells: int = 3_000_000


@frozen
class Grid:
    """One sheet of a file, as values by row and column.

    Attributes:
        sheet: the sheet's name (the file's name for a CSV file).
        rows: ``(row number, values)`` pairs, row numbers counted from 1 as
            the file counts them; values by column, the first column first.
            Rows with nothing in them may be left out.
        merged: merged ranges as ``(first row, first column, last row, last
            column)``, counted from 1.
        formulas: ``(row, column)`` of the cells that held a formula; their
            values are the values the file last saved, never recomputed.
        hidden: whether the sheet is hidden.
    """

    sheet: str
    rows: Sequence[tuple[int, Sequence[CellValue]]]
    merged: Sequence[tuple[int, int, int, int]] = ()
    formulas: frozenset[tuple[int, int]] = field(factory=frozenset)
    hidden: bool = False


class RefusedFileError(SanquanError):
    """A file was refused: too large, not what its name says, hostile, unreadable.

    Attributes:
        file: the file's name as the caller gave it.
        reason: a short sentence, for people.
        code: a stable kind: ``too_large``, ``zip_bomb``, ``xml_forbidden``,
            ``unreadable``, ``unknown_type``, ``other_campaign``.
        params: the facts behind the sentence (limits, sizes).
    """

    def __init__(
        self, file: str, reason: str, code: str, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.code = code
        self.params = dict(params or {})


@runtime_checkable
class Reader(Protocol):
    """What a reader provides; plugins return these from ``sanquan_register_readers``.

    Attributes:
        name: a short name (``"xlsx"``).
        suffixes: the file suffixes it reads, lower case with the dot.
        description: one line for people.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str

    def read(self, data: bytes, name: str, limits: Limits) -> Iterable[Grid]:
        """The grids of the file whose bytes are *data*.

        Raises:
            RefusedFileError: the file is hostile, over a limit or unreadable.
        """
        ...


def column_letter(column: int) -> str:
    """``A`` for column 1, ``AA`` for 27."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
