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
#: What to install where :data:`HAS_TTF` is false.
TTF_INSTALL = "a TrueType Chinese font (apt-get install fonts-wqy-microhei)"

#: Marks a test (or, as ``pytestmark``, a module) that needs :data:`HAS_TTF`:
#: conftest.py calls :func:`~tests.needs.need` before any fixture is built, so
#: it skips with the reason, or fails under SANQUAN_STRICT_TESTS.
needs_ttf = pytest.mark.needs_ttf


def render(campaign: sq.Campaign, format: str = "pdf", **kwargs: Any) -> bytes:
    """*campaign* exported to *format*, as bytes."""
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format=format, **kwargs)
    return buffer.getvalue()


def flat(text: str) -> str:
    """Text without any whitespace: a caption that wraps in a cell still matches."""
    return re.sub(r"\s+", "", text)


def shows_page_number(page: str, number: int) -> bool:
    """Whether a page's extracted text shows the page number ``— number —``.

    The spaces around the number depend on the font: pdftotext reads
    ``—6—`` with WenQuanYi Micro Hei and ``— 6 —`` with AR PL SungtiL GB.
    """
    return re.search(rf"—\s*{number}\s*—", page) is not None


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
