"""Reproducible ZIP containers (XLSX and DOCX are ZIP files).

openpyxl and python-docx stamp every ZIP entry with the current time, so
two exports of the same data differ. :func:`normalize` rewrites the
archive with one fixed timestamp, entries in their original order and
fixed permissions, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import datetime

__all__ = ["normalize"]

# ZIP stores local time in DOS format, which cannot go before 1980.
_DOS_EPOCH = datetime(1980, 1, 1)


def normalize(data: bytes, when: datetime) -> bytes:
    """*data* (a ZIP archive) rewritten with every entry stamped *when*."""
    stamp = max(when.replace(tzinfo=None), _DOS_EPOCH)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            # Entry by entry, in chunks: a 50,000-row sheet is tens of MB
            # uncompressed, and memory should not grow with it.
            with src.open(info) as fin, dst.open(entry, "w") as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
    return out.getvalue()
