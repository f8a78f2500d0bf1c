"""Reproducible ZIP containers (XLSX and DOCX are ZIP files).

openpyxl and python-docx stamp every ZIP entry with the current time, so
two exports of the same data differ. :func:`normalize` rewrites the
archive with one fixed timestamp, entries in their original order and
fixed permissions, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from datetime import datetime
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

StrPath = str | os.PathLike[str]

__all__ = ["StampedZip", "normalize"]

# ZIP stores local time in DOS format, which cannot go before 1980.
_DOS_EPOCH = datetime(1980, 1, 1)


def _date_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    stamp = max(when.replace(tzinfo=None), _DOS_EPOCH)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def _entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """An entry as every archive here writes it: stamped, deflated, mode 0644."""
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 0
    return entry


class StampedZip(zipfile.ZipFile):
    """A ZIP archive written as :func:`normalize` would rewrite it, in one pass.

    Every entry added by name (``writestr``, ``write``) is stamped *when*,
    deflated, with the modes :func:`normalize` gives, so a library writing
    its package into this archive needs no second pass: the archive is made
    once, straight into its stream.
    """

    def __init__(self, stream: IO[bytes], when: datetime) -> None:
        super().__init__(stream, "w", compression=zipfile.ZIP_DEFLATED)
        self._stamp = _date_time(when)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        return _entry(name, self._stamp)

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        super().writestr(self._entry(str(name)), data)

    def write(
        self,
        filename: StrPath,
        arcname: StrPath | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = os.fspath(arcname if arcname is not None else filename)
        entry = self._entry(name)
        # Its size up front, so that zipfile writes a ZIP64 entry for a sheet
        # over 2 GiB (a national 附件1) instead of failing at its end.
        entry.file_size = os.path.getsize(filename)
        # In chunks: a sheet of 200,000 rows is a hundred MB of XML.
        with open(filename, "rb") as fin, self.open(entry, "w") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)


def normalize(data: bytes, when: datetime) -> bytes:
    """*data* (a ZIP archive) rewritten with every entry stamped *when*."""
    date_time = _date_time(when)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = _entry(info.filename, date_time)
            entry.file_size = info.file_size  # ZIP64 when an entry is over 2 GiB
            # Entry by entry, in chunks: a 50,000-row sheet is tens of MB
            # uncompressed, and memory should not grow with it.
            with src.open(info) as fin, dst.open(entry, "w") as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
    return out.getvalue()
