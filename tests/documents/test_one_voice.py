"""One voice in every document: the same headings and notes, read back from each format.

The wording lives in the content layer (sanquan_core.documents and
sanquan_core.captions); these tests read the DOCX, the PDF and the XLSX
back and find the same text in each, so a renderer that words something
itself shows up here.
"""

from __future__ import annotations

from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core import captions
from sanquan_core.documents import book_content, completion_content, summary_content
from tests import campaigns
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows


@pytest.fixture(scope="module")
def small() -> sq.Campaign:
    return campaigns.small()


def _docx_text(data: bytes) -> str:
    return flat("".join(text for _, text in docx_paragraphs(data)))


def _pdf_text(data: bytes) -> str:
    return flat("".join(pdf_pages_poppler(data)))


def _expected_completion(campaign: sq.Campaign) -> Any:
    return completion_content(campaign, sq.check(campaign))


@needs_ttf
def test_the_completion_report_says_the_same_in_docx_and_pdf(small: sq.Campaign) -> None:
    content = _expected_completion(small)
    docx = docx_paragraphs(render(small, "docx", forms=["completion"]))
    pdf = _pdf_text(render(small, "pdf", forms=["completion"]))
    headings = [text for style, text in docx if style == "Heading1"]
    assert (
        headings
        == list(content.headings)
        == [
            "一、各组完成情况",
            "二、催报名单（按联系委办、组别）",
            "三、不在活动期内的记录（未计入汇总）",
            "四、其他提示",
            "五、委员完成情况明细",
        ]
    )
    positions = [pdf.index(flat(h)) for h in headings]
    assert positions == sorted(positions)
    docx_text = flat("".join(text for _, text in docx))
    # the small campaign: 4 members, 1 complete; v5, v7 and s6 outside the window
    sentences = [
        "活动期为2017年7月11日至2017年8月31日。全体委员4人，“三个一”已完成1人，未完成3人。",
        "走访记录2条，日期在2017年7月11日至2017年8月31日之外：",
        "报送记录1条，日期在2017年7月11日至2017年8月31日之外：",
        captions.REMINDER_HEADER[-1],
    ]
    for sentence in sentences:
        assert flat(sentence) in docx_text
        assert flat(sentence) in pdf


def test_the_completion_report_in_xlsx_uses_the_same_words(small: sq.Campaign) -> None:
    content = _expected_completion(small)
    rows = xlsx_rows(render(small, "xlsx", forms=["completion"]), sq.Form.COMPLETION.label)
    cells = {str(v) for row in rows for v in row if v is not None}
    assert content.totals in cells
    assert {*content.PARTS[:3]} <= cells


@needs_ttf
def test_the_summary_note_is_one_sentence_in_every_format(small: sq.Campaign) -> None:
    note = summary_content(sq.summarize(small), small.plan).outside_note
    assert (
        note == "注：另有走访2次、报送1条不在活动期内（2017年7月11日至2017年8月31日），未计入汇总。"
    )
    rows = xlsx_rows(render(small, "xlsx", forms=["summary"]), sq.Form.SUMMARY.label)
    assert note in {v for row in rows for v in row}
    assert flat(note) in _docx_text(render(small, "docx", forms=["summary"]))
    assert flat(note) in _pdf_text(render(small, "pdf", forms=["summary"]))


@needs_ttf
def test_the_book_says_the_same_in_docx_and_pdf(small: sq.Campaign) -> None:
    options = sq.ExportOptions(forms=(sq.Form.BOOK,))
    content = book_content(small, sq.summarize(small), sq.check(small), options)
    docx_data = render(small, "docx", forms=["book"])
    docx = docx_paragraphs(docx_data)
    docx_text = flat("".join(text for _, text in docx))
    pdf_pages = pdf_pages_poppler(render(small, "pdf", forms=["book"]))
    pdf = flat("".join(pdf_pages))
    items = [item for chapter in content.chapters for s in chapter.sections for item in s.items]
    assert items
    for item in items:
        for line in (item.heading, item.byline, *(c + t for c, t in item.notes)):
            assert flat(line) in docx_text, line
            assert flat(line) in pdf, line
    for part in captions.APPENDIX_PARTS:
        assert flat(part) in docx_text
        assert flat(part) in pdf
    assert flat(content.completion.totals) in docx_text
    assert flat(content.completion.totals) in pdf
    # the contents list the same two levels: chapters and groups
    entries = [text.split("\t")[0] for style, text in docx if style in ("TOC1", "TOC2")]
    expected = [
        *(h for c in content.chapters for h in (c.heading, *(s.heading for s in c.sections))),
        captions.APPENDIX_HEADING,
        *captions.APPENDIX_PARTS,
    ]
    assert entries == expected
    assert not [style for style, _ in docx if style == "TOC3"]
    contents = flat(pdf_pages[1])  # the cover, then the contents page
    for entry in expected[:-3]:
        assert flat(entry) in contents
    assert not [item for item in items if flat(item.heading) in contents]
