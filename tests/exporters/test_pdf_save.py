"""The PDF is written to its file object by object: the bytes reportlab's own save writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFPage

import sanquan_core as sq
from sanquan_core.exporters import _dispatch
from sanquan_core.exporters.pdf import layout
from tests import campaigns
from tests.readback import pdf_reader as reader
from tests.readback import render


def export(
    campaign: sq.Campaign, folder: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: Any
) -> tuple[bytes, list[int]]:
    """*campaign*'s PDF exported to a file in *folder*, and the size of each write to it."""
    sizes: list[int] = []
    write = _dispatch._FileSink.write

    def record(self: Any, data: bytes) -> int:
        sizes.append(len(data))
        return write(self, data)

    with monkeypatch.context() as m:
        m.setattr(_dispatch._FileSink, "write", record)
        target = folder / f"x{len(list(folder.iterdir()))}.pdf"
        sq.export(campaign, target, format="pdf", **kwargs)
    return target.read_bytes(), sizes


@pytest.mark.parametrize("forms", [None, ["book"], ["visits"]])
def test_the_same_bytes_as_reportlabs_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forms: Any
) -> None:
    campaign = campaigns.scaled(120)
    streamed, pieces = export(campaign, tmp_path, monkeypatch, forms=forms)
    # reportlab's SaveToFile: every object formatted, joined, written once.
    monkeypatch.setattr(layout._PDFDocument, "SaveToFile", PDFDocument.SaveToFile)
    whole, once = export(campaign, tmp_path, monkeypatch, forms=forms)
    assert once == [len(whole)]
    assert len(pieces) > 10
    assert streamed == whole
    assert len(reader(streamed).pages) > 3
    # in memory, the same bytes too
    assert render(campaign, forms=forms) == whole


def test_written_a_piece_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, sizes = export(campaigns.scaled(300), tmp_path, monkeypatch, forms=["visits"])
    pages = len(reader(data).pages)
    assert pages >= 30
    # an object (or the header, xref, trailer) a write: at least two a page
    assert len(sizes) > 2 * pages
    assert sum(sizes) == len(data)
    # the largest piece is a font, far less than the file
    assert max(sizes) < len(data) / 2
    assert data.startswith(b"%PDF-1.4")
    assert data.endswith(b"%%EOF\n")


def test_pages_let_go_once_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    add_page = layout._PDFDocument.addPage

    def keep(self: Any, page: Any) -> None:
        seen.append(page)
        add_page(self, page)

    monkeypatch.setattr(layout._PDFDocument, "addPage", keep)
    export(campaigns.scaled(60), tmp_path, monkeypatch, forms=["visits"])
    assert len(seen) > 3
    for page in seen:
        assert isinstance(page, PDFPage)
        # only the name it was registered under is left: no resources, no stream
        assert all(k.endswith("InternalName__") for k in vars(page)), vars(page)


def test_a_page_keeps_only_what_it_does_not_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[tuple[int, Any, Any]] = []
    add_page = PDFDocument.addPage

    def keep(self: Any, page: Any) -> None:
        held.append((len(vars(page)), page.Trans, page.Contents.dictionary))
        add_page(self, page)

    monkeypatch.setattr(PDFDocument, "addPage", keep)
    export(campaigns.scaled(60), tmp_path, monkeypatch, forms=["visits"])
    assert len(held) > 3
    # reportlab sets some thirty attributes a page; a page of a form differs in a few
    assert max(n for n, _, _ in held) <= 10
    # one empty transition and one stream filter for all the pages
    assert len({id(trans) for _, trans, _ in held}) == 1
    assert len({id(flate) for _, _, flate in held}) == 1
