"""Exports in threads: the same bytes as one at a time, and no library's globals touched."""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sanquan_core as sq
from sanquan_core.plugins import registered_exporters

from . import campaigns

ROUNDS = 20
THREADS = 4

Case = tuple[str, str | None, dict[str, Any]]


def cases() -> list[Case]:
    """Eight exports of every built-in format, the book of each document format among them."""
    chosen: list[Case] = [
        ("xlsx", None, {}),
        ("json", None, {}),
        ("docx", "book", {}),
        ("docx", "notice", {"filled": True}),
        ("pdf", "book", {}),
        ("pdf", "notice", {"filled": True}),
        ("pdf", "summary,completion", {}),
        ("xlsx", "book", {}),
    ]
    named = {case[0] for case in chosen}
    others = [
        r.exporter.name
        for r in registered_exporters()
        if r.origin == "built-in" and r.exporter.name not in named
    ]
    # A format added later (csv) takes the place of a second spreadsheet;
    # a CSV file holds one form, the book (the largest table).
    for i, name in enumerate(others):
        chosen[len(chosen) - 1 - i] = (name, "book" if name == "csv" else None, {})
    return chosen


def digest(campaign: sq.Campaign, case: Case) -> str:
    fmt, forms, options = case
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fallback font's warning, on a bare system
        sq.export(campaign, buffer, format=fmt, forms=forms, **options)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def library_state() -> dict[str, Any]:
    """The process-wide switches of reportlab an exporter could be tempted to set."""
    from reportlab import rl_config
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    state: dict[str, Any] = {
        f"rl_config.{name}": value
        for name, value in vars(rl_config).items()
        if not name.startswith("__") and isinstance(value, str | int | float | tuple | type(None))
    }
    state["paragraph.ALL_CANNOT_START"] = paragraph.ALL_CANNOT_START
    state["textsplit.ALL_CANNOT_START"] = textsplit.ALL_CANNOT_START
    state["paragraph.cjkFragSplit"] = paragraph.cjkFragSplit
    state["Paragraph.breakLinesCJK"] = paragraph.Paragraph.breakLinesCJK
    return state


def test_exports_in_threads_give_the_sequential_bytes() -> None:
    campaign = campaigns.small()
    work = cases()
    assert len(work) == 8
    before = library_state()
    expected = [digest(campaign, case) for case in work]
    assert library_state() == before

    start = threading.Barrier(THREADS)

    def run(round_: int, i: int) -> str:
        if round_ == 0 and i < THREADS:
            start.wait(timeout=60)  # the first exports load fonts and plugins together
        return digest(campaign, work[i])

    differing: list[str] = []
    with ThreadPoolExecutor(THREADS) as pool:
        for round_ in range(ROUNDS):
            results = pool.map(run, [round_] * len(work), range(len(work)))
            for i, got in enumerate(results):
                if got != expected[i]:
                    differing.append(f"round {round_}: {work[i]}")
    assert differing == []
    assert library_state() == before


def test_the_pdf_leaves_reportlab_as_it_found_it() -> None:
    from reportlab import rl_config
    from reportlab.platypus import paragraph

    before = library_state()
    assert rl_config.useA85 == 1  # reportlab's default: our streams must not depend on it
    data = io.BytesIO()
    sq.export(campaigns.small(), data, format="pdf", forms="summary,book")
    assert library_state() == before
    assert "，" not in paragraph.ALL_CANNOT_START
    assert b"/ASCII85Decode" not in data.getvalue()
    assert b"/FlateDecode" in data.getvalue()


def test_table_cells_keep_our_line_start_rule() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph

    from sanquan_core.exporters.pdf.writer import Para

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("t", fontName="STSong-Light", fontSize=10, leading=12, wordWrap="CJK")
    # Two frags (so reportlab's CJK splitter runs); the comma falls at a line start.
    text = "一二<font color='red'>三</font>四五，六七八九十"

    def lines(cls: type) -> list[str]:
        para = cls(text, style)
        para.wrap(50, 1000)
        return ["".join(w.text for w in line.words) for line in para.blPara.lines]

    ours = lines(Para)
    assert all(line and line[0] != "，" for line in ours), ours
    theirs = lines(Paragraph)
    assert theirs != ours  # reportlab's own list, untouched, lets the comma start a line
    assert any(line.startswith("，") for line in theirs), theirs


def test_a_font_is_subset_by_one_thread_at_a_time() -> None:
    """Two PDFs saved at once share a font; its subsetting must not interleave.

    reportlab cuts a subset out of the font file with one read cursor per
    font: without the font's own lock, threads cutting subsets at once got a
    ``KeyError`` on a glyph index or a broken subset (seen in CI).
    """
    from concurrent.futures import ThreadPoolExecutor

    from reportlab.pdfbase import pdfmetrics

    from sanquan_core.exporters.pdf import fonts

    from .needs import need
    from .readback import HAS_TTF, TTF_INSTALL

    need(HAS_TTF, TTF_INSTALL)
    face = pdfmetrics.getFont(fonts.resolve({}).name).face
    text = "政协委员聚焦三圈大走访活动情况汇总表经济社会发展建议社情民意信息双招双引"
    subsets = [[0, *sorted({ord(c) for c in text[i : i + 12]})] for i in range(0, 36, 3)]
    expected = [face.makeSubset(s) for s in subsets]
    with ThreadPoolExecutor(8) as pool:
        for _ in range(5):
            got = list(pool.map(face.makeSubset, subsets * 4))
            assert got == expected * 4
