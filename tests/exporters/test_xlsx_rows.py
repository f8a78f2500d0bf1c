"""The sheet rows sanquan_core writes itself (xlsx/rows.py), read back with openpyxl."""

from __future__ import annotations

import errno
import io
import os
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

import sanquan_core as sq  # noqa: E402
from sanquan_core.exporters import _dispatch  # noqa: E402
from sanquan_core.exporters._zip import StampedZip  # noqa: E402
from sanquan_core.exporters.xlsx.sheet import DATE_FORMAT, Sheet, Style, add_styles  # noqa: E402

CELLS: list[tuple[Any, str]] = [
    (7, Style.INT),
    ("陈华 <b>&amp;</b> > x", Style.TEXT),
    (" 前后有空格 ", Style.CENTER),
    ("=SUM(A1:A2)", Style.TEXT),
    ("＋８６", Style.NOTE),
    ("_x0041_ stays as typed", Style.TEXT),
    ("emoji 🎉 and 𠀀", Style.TEXT),
    (date(2017, 7, 15), Style.DATE),
    (datetime(2017, 8, 1, 13, 30), Style.DATE),
    (0.25, Style.PERCENT),
    (None, Style.TEXT),
    ("", Style.NOTE),
    (True, Style.CENTER),
]


def _workbook(tmp_path: Path, rows: int = 3) -> tuple[Path, bytes]:
    wb = openpyxl.Workbook(write_only=True)
    sheet = Sheet(wb, add_styles(wb), "表", [8.0] * len(CELLS), (1, 1))
    for _ in range(rows):
        sheet.write(CELLS)
    sheet.write([("一行\n两行\n三行", Style.TEXT)])
    sheet.close()
    path = tmp_path / "rows.xlsx"
    with open(path, "wb") as fh, StampedZip(fh, datetime(2017, 7, 1, 9, 30)) as archive:
        from openpyxl.writer.excel import ExcelWriter

        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    return path, xml


def test_values_types_and_styles_read_back(tmp_path):
    path, _ = _workbook(tmp_path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    row = [ws.cell(1, c + 1) for c in range(len(CELLS))]
    assert [c.value for c in row] == [
        7,
        "陈华 <b>&amp;</b> > x",
        " 前后有空格 ",
        "=SUM(A1:A2)",
        "＋８６",
        "_x005F_x0041_ stays as typed",  # Excel reads it as typed; openpyxl keeps the escape
        "emoji 🎉 and 𠀀",
        datetime(2017, 7, 15),
        datetime(2017, 8, 1),  # a day, never a time of day
        0.25,
        None,
        None,
        True,
    ]
    # text is text, never a formula; formula-like text carries the quote prefix
    assert row[3].data_type == "s"
    assert [c.quotePrefix for c in row[1:5]] == [False, False, True, True]
    assert row[7].number_format == DATE_FORMAT
    assert row[9].number_format == "0%"
    assert row[0].number_format == "0"
    assert row[1].font.name == "宋体"
    assert row[1].border.left.style == "thin"
    assert row[4].font.color.rgb.endswith("C00000")  # 备注 in red
    assert row[2].alignment.horizontal == "center"
    assert row[10].border.left.style == "thin"  # an empty cell keeps its style
    assert ws.row_dimensions[4].height == 3 * 15 + 6  # three lines of 15 pt, padding 6


def test_cjk_is_utf8_and_styles_are_shared(tmp_path):
    _, xml = _workbook(tmp_path, rows=50)
    text = xml.decode("utf-8")
    assert "陈华" in text
    assert "&#" not in text.split("<sheetData>")[1].split("</sheetData>")[0]
    # 53 rows of 13 cells, but only the styles' ids: one per named style and quote flag
    ids = {part.split('"')[1] for part in text.split(' s="')[1:]}
    assert len(ids) <= 10


def test_every_entry_carries_the_fixed_time(tmp_path):
    path, _ = _workbook(tmp_path)
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2017, 7, 1, 9, 30, 0)}
        assert {i.external_attr for i in z.infolist()} == {0o644 << 16}


def test_a_path_and_a_stream_get_the_same_bytes(tmp_path):
    small = sq.load_demo()
    buffer = io.BytesIO()
    sq.export(small, buffer, format="xlsx", forms=["visits", "summary"])
    sq.export(small, tmp_path / "x.xlsx", forms=["visits", "summary"])
    assert (tmp_path / "x.xlsx").read_bytes() == buffer.getvalue()
    assert os.listdir(tmp_path) == ["x.xlsx"]


def test_a_full_disk_while_streaming_is_a_write_error(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def full(self, data):
        self.failed = OSError(errno.ENOSPC, "No space left on device")
        raise self.failed

    monkeypatch.setattr(_dispatch._FileSink, "write", full)
    with pytest.raises(sq.WriteError) as info:
        sq.export(sq.load_demo(), target, forms=["visits"])
    assert info.value.errno == errno.ENOSPC
    assert info.value.filename == str(target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.xlsx"]  # no partial file, no rows file left


def test_a_failed_export_leaves_no_rows_file(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    from sanquan_core.exporters.xlsx import forms

    def broken(book):
        forms.visits_sheet(book)
        raise RuntimeError("boom")

    from sanquan_core.exporters import xlsx

    monkeypatch.setitem(xlsx.SHEETS, sq.Form.VISITS, broken)
    with pytest.raises(sq.ExportError):
        sq.export(sq.load_demo(), tmp_path / "out.xlsx", forms=["visits"])
    assert os.listdir(tmp_path) == []


def test_an_entry_past_the_zip64_limit_is_written_as_zip64(tmp_path, monkeypatch):
    # A sheet over 2 GiB (a national 附件1), scaled down: zipfile reads its limit at run time.
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 1000)
    part = tmp_path / "sheet.xml"
    part.write_bytes(b"<row/>" * 1000)
    out = tmp_path / "big.zip"
    with open(out, "wb") as fh, StampedZip(fh, datetime(2017, 7, 1)) as archive:
        archive.write(part, "xl/worksheets/sheet1.xml")
    monkeypatch.undo()
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/worksheets/sheet1.xml") == part.read_bytes()
        assert z.getinfo("xl/worksheets/sheet1.xml").date_time == (2017, 7, 1, 0, 0, 0)
