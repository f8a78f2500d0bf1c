"""Reading exported files back, for tests: PDF text, DOCX paragraphs, XLSX cells.

One copy of each helper, shared by the export tests of every format.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core.exporters.pdf import fonts as _fonts

from .needs import need

#: Whether this machine has a TrueType Chinese font for the PDF exporter to embed.
HAS_TTF = any(
    Path(s.path).is_file() for s in (*_fonts.SYSTEM_FONTS, *_fonts._fontconfig(":lang=zh"))
)
needs_ttf = pytest.mark.skipif(not HAS_TTF, reason="no TrueType Chinese font on this machine")


def render(campaign: sq.Campaign, format: str = "pdf", **kwargs: Any) -> bytes:
    """*campaign* exported to *format*, as bytes."""
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format=format, **kwargs)
    return buffer.getvalue()


def flat(text: str) -> str:
    """Text without any whitespace: a caption that wraps in a cell still matches."""
    return re.sub(r"\s+", "", text)


def pdf_reader(data: bytes) -> Any:
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, by pypdf."""
    return [page.extract_text() for page in pdf_reader(data).pages]


def pdf_pages_poppler(data: bytes) -> list[str]:
    """Each page's text, by pdftotext (pypdf takes seconds for a book)."""
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    pages = out.split("\f")
    return [re.sub(r"\n+", "\n", page) for page in pages[: len(pdf_reader(data).pages)]]


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph of the body, tables included, in order."""
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for p in root.iter(f"{{{ns['w']}}}p"):
        style = p.find("w:pPr/w:pStyle", ns)
        text = "".join(t.text or "" for t in p.iter(f"{{{ns['w']}}}t", f"{{{ns['w']}}}tab"))
        out.append((style.get(f"{{{ns['w']}}}val") if style is not None else "", text))
    return out


def xlsx_rows(data: bytes, sheet: str) -> list[tuple[Any, ...]]:
    """The values of every row of *sheet*, as openpyxl reads them."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()
