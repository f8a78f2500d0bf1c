"""Hostile and damaged files: each refused with a sentence naming the file, in bounded memory.

The damaged inputs are those the fuzzing campaign (scripts/fuzz_readers.py)
found raising out of ``read_forms``, rebuilt here by hand: a ZIP part that
fails its checksum or does not inflate, a stray ``</c>``, a style index that
is not a number, cells beyond XFD1048576. The bombs (a ZIP bomb, one that
lies about its size, the billion laughs) are refused in a fresh process
whose peak memory is measured.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import attrs
import pytest

import sanquan_core as sq
from sanquan_core.readers import read_forms

SMALL = Path(__file__).parent / "data" / "small.json"
FILLED = Path(__file__).parent / "data" / "filled"
SRC = Path(sq.__file__).resolve().parent.parent
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.fixture(scope="module")
def base() -> sq.Campaign:
    return attrs.evolve(sq.load(SMALL), visits=(), submissions=())


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def rezip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def workbook(sheet_xml: bytes) -> bytes:
    """A one-sheet workbook of openpyxl's with *sheet_xml* as its sheet."""
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    parts = parts_of(out.getvalue())
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    return rezip(parts)


def sheet(rows: str) -> bytes:
    return f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>".encode()


def data_start(data: bytes, part: str) -> int:
    """Where the bytes of *part* begin in the ZIP file *data* (after its local header)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(part).header_offset
    name_len, extra_len = struct.unpack("<HH", data[offset + 26 : offset + 30])
    return offset + 30 + name_len + extra_len


def refused(base: sq.Campaign, name: str, data: bytes) -> sq.Problem:
    result = read_forms([(name, data)], base)
    [problem] = result.problems
    assert problem.sentence.startswith(f"{name}: refused: ")
    assert problem.loc == (name,)
    return problem


# -- damaged containers (found by the fuzzing campaign) --------------------------------------


@pytest.mark.parametrize("seed", ["g1-libreoffice.xlsx", "word-forms.docx", "g1-libreoffice.ods"])
def test_a_part_failing_its_checksum(base: sq.Campaign, seed: str) -> None:
    if seed.endswith(".ods"):
        pytest.importorskip("python_calamine")
    parts = parts_of((FILLED / seed).read_bytes())
    data = bytearray(rezip(parts, zipfile.ZIP_STORED))
    part = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml", "ods": "content.xml"}[
        seed.rsplit(".", 1)[1]
    ]
    data[data_start(bytes(data), part) + 300] ^= 0x01  # a byte inside the stored part
    problem = refused(base, seed, bytes(data))
    assert problem.code == "unreadable"
    assert "Bad CRC-32" in problem.sentence


def test_a_part_that_does_not_inflate(base: sq.Campaign) -> None:
    data = (FILLED / "g1-libreoffice.xlsx").read_bytes()
    start = data_start(data, "xl/workbook.xml")
    damaged = bytearray(data)
    damaged[start : start + 8] = b"\xff" * 8  # deflate's block header: an invalid block type
    problem = refused(base, "g1.xlsx", bytes(damaged))
    assert problem.code == "unreadable"
    assert "g1.xlsx: refused: the file is damaged" in problem.sentence
    assert problem.params["error"] in ("error", "BadZipFile")


def test_a_stray_cell_end_and_a_cell_in_a_cell(base: sq.Campaign) -> None:
    data = workbook(sheet('<row r="1"><c r="A1"><c r="B1"/><v>1</v></c></row><v>2</v></c>'))
    result = read_forms([("x.xlsx", data)], base)
    assert [p.code for p in result.problems] == ["unreadable"]  # </c> with no <c>: not well-formed
    data = workbook(sheet('<row r="1"><c r="A1"><c r="B1"/><v>1</v></c></row>'))
    result = read_forms([("x.xlsx", data)], base)
    assert result.problems == ()
    assert [n.code for n in result.notes] == ["sheet_skipped"]


def test_a_style_index_that_is_not_a_number(base: sq.Campaign) -> None:
    data = workbook(sheet('<row r="1"><c r="A1" s="x"><v>1</v></c></row>'))
    result = read_forms([("x.xlsx", data)], base)
    assert result.problems == ()


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>',
        '<row r="99999999999"><c><v>1</v></c></row>',
        '<row r="1"><c r="A1048577"><v>1</v></c></row>',
        '<row r="1"><c r="XFE1"><v>1</v></c></row>',
    ],
)
def test_cells_outside_any_worksheet_are_refused(base: sq.Campaign, rows: str) -> None:
    problem = refused(base, "far.xlsx", workbook(sheet(rows)))
    assert problem.code == "unreadable"
    assert "outside any worksheet" in problem.sentence


def test_a_merged_range_beyond_the_grid_is_passed_over(base: sq.Campaign) -> None:
    xml = (
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
        '</row></sheetData><mergeCells><mergeCell ref="A1:ZZZZZZZ99999999"/></mergeCells>'
        "</worksheet>"
    ).encode()
    result = read_forms([("m.xlsx", workbook(xml))], base)
    assert result.problems == ()
    assert [n.code for n in result.notes] == ["sheet_skipped"]


def test_an_ods_cell_spanning_a_billion_columns(base: sq.Campaign) -> None:
    pytest.importorskip("python_calamine")
    parts = parts_of((FILLED / "g1-libreoffice.ods").read_bytes())
    content = parts["content.xml"].replace(
        b'table:number-columns-spanned="14"', b'table:number-columns-spanned="1000000000"', 1
    )
    assert content != parts["content.xml"]
    parts["content.xml"] = content
    result = read_forms([("g1.ods", rezip(parts))], base)
    assert [p.code for p in result.problems] == ["bad_date", "unknown_member"]


# -- bombs, in a fresh process: time and peak memory ----------------------------------------

_BOMBS = textwrap.dedent(
    """
    import io, json, resource, sys, time, zipfile
    import attrs, sanquan_core as sq

    def zipped(parts):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return out.getvalue()

    WORKBOOK = (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    RELS = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
    )

    def bomb():  # 400 MiB of zeros in a 400 KB part, written a MiB at a time
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", WORKBOOK)
            archive.writestr("xl/_rels/workbook.xml.rels", RELS)
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as part:
                for _ in range(400):
                    part.write(b"0" * (1 << 20))
        return out.getvalue()

    kind = sys.argv[1]
    if kind == "zip_bomb":
        data = bomb()
    elif kind == "lying":  # the same part, its sizes in the directory rewritten to 1 KB
        data = bytearray(bomb())
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            info = archive.getinfo("xl/worksheets/sheet1.xml")
        central = bytes(data).rindex(b"PK\\x01\\x02")
        data[central + 24 : central + 28] = (1024).to_bytes(4, "little")
        data[info.header_offset + 22 : info.header_offset + 26] = (1024).to_bytes(4, "little")
        data = bytes(data)
    else:  # the billion laughs: ten levels of ten references
        entities = "".join(
            f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10)
        )
        xml = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">' + entities + ']>'
               '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '&l9;</workbook>').encode()
        data = zipped({"xl/workbook.xml": xml})
    base = attrs.evolve(sq.load(sys.argv[2]), visits=(), submissions=())
    start = time.monotonic()
    result = sq.read_forms([(kind + ".xlsx", data)], base)
    took = time.monotonic() - start
    print(json.dumps({"codes": [p.code for p in result.problems],
                      "sentence": result.problems[0].sentence, "seconds": took,
                      "size": len(data)}))
    """
)

#: The launcher: a fresh process whose only child is the bomb's, so that its
#: RUSAGE_CHILDREN peak is that child's alone.
_LAUNCH = textwrap.dedent(
    """
    import json, resource, subprocess, sys
    done = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]],
                          capture_output=True, text=True, check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({**json.loads(done.stdout), "peak_kib": peak}))
    """
)


def refuse_in_a_process(kind: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "SANQUAN_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCH, _BOMBS, kind, str(SMALL)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    out: dict[str, object] = json.loads(done.stdout)
    return out


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize(
    ("kind", "code"),
    [("zip_bomb", "zip_bomb"), ("lying", "unreadable"), ("laughs", "xml_forbidden")],
)
def test_bombs_are_refused_in_bounded_memory(kind: str, code: str) -> None:
    found = refuse_in_a_process(kind)
    assert found["codes"] == [code]
    assert str(found["sentence"]).startswith(f"{kind}.xlsx: refused: ")
    # the whole process (interpreter, the library, the bomb's bytes built in memory)
    assert int(str(found["peak_kib"])) < 200 * 1024


def test_a_damaged_xls_that_makes_calamine_panic(base: sq.Campaign) -> None:
    """A Rust panic reaches Python as a BaseException (pyo3's PanicException): refused too."""
    pytest.importorskip("python_calamine")
    data = (Path(__file__).parent / "data" / "hostile" / "calamine-panic.xls").read_bytes()
    problem = refused(base, "p.xls", data)
    assert problem.code == "unreadable"
    assert "p.xls: refused: the workbook cannot be read" in problem.sentence
