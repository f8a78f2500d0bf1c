"""附件3 with adoption columns (``adoption=True``), and the seed's own table by default.

On the ledger of tests/exporters/test_follow_up.py, s1 (经济界委员工作组) was
adopted by the city CPPCC and the prefecture's; nothing else was adopted.
So the variant's four columns (市政协, 盐城市政协, 省政协, 全国政协) read
1 1 0 0 for 经济界委员工作组 and for 汇总, 0 0 0 0 for the other groups,
beside the seed's numbers (counted by hand in test_summary: 汇总 3 | 8 3 1 | 3 1 2).
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

import sanquan_core as sq
from sanquan_core import captions
from sanquan_core.cli import main
from tests.exporters.test_follow_up import LEDGER, campaign_with
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows

SEED_TOTAL = (3, 8, 3, 1, 3, 1, 2)
ADOPTED = {
    "经济界委员工作组": (1, 1, 0, 0),
    "安丰镇委员联络组": (0,) * 4,
    "教育界委员工作组": (0,) * 4,
}


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return campaign_with(LEDGER)


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_variant_adds_four_columns_under_one_caption(campaign: sq.Campaign) -> None:
    seed = csv_rows(render(campaign, "csv", forms=["summary"]))
    rows = csv_rows(render(campaign, "csv", forms=["summary"], adoption=True))
    assert [r[:8] for r in rows] == seed  # the seed's columns are untouched
    assert rows[0][8:] == [captions.ADOPTED, "", "", ""]
    assert rows[1][8:] == ["市政协", "盐城市政协", "省政协", "全国政协"]
    for row in rows[2:-1]:
        assert tuple(map(int, row[8:])) == ADOPTED[row[0]]
    assert rows[-1] == ["汇总", *map(str, SEED_TOTAL), "1", "1", "0", "0"]


def test_xlsx_variant_and_the_default(campaign: sq.Campaign) -> None:
    sheet = "附件3 情况汇总表"
    plain = xlsx_rows(render(campaign, "xlsx", forms=["summary"]), sheet)
    assert len(plain[3]) == 8
    rows = xlsx_rows(render(campaign, "xlsx", forms=["summary"], adoption=True), sheet)
    assert rows[2][8] == captions.ADOPTED
    assert rows[3][8:] == ("市政协", "盐城市政协", "省政协", "全国政协")
    body = {r[0]: r[1:] for r in rows[4:8]}
    for group, adopted in ADOPTED.items():
        assert body[group][7:] == adopted
    assert body["汇总"] == (*SEED_TOTAL, 1, 1, 0, 0)


def test_docx_variant_in_the_summary_and_the_book(campaign: sq.Campaign) -> None:
    data = render(campaign, "docx", forms=["summary", "book"], adoption=True)
    texts = [t for _, t in docx_paragraphs(data)]
    assert texts.count(captions.ADOPTED) == 2  # 附件3 and the book's appendix
    at = texts.index("汇总")
    assert texts[at : at + 12] == ["汇总", *map(str, SEED_TOTAL), "1", "1", "0", "0"]
    with zipfile.ZipFile(io.BytesIO(render(campaign, "docx", forms=["summary"]))) as archive:
        assert captions.ADOPTED not in archive.read("word/document.xml").decode()


@needs_ttf
def test_pdf_variant_prints_the_adoption_columns(campaign: sq.Campaign) -> None:
    text = flat(
        "".join(pdf_pages_poppler(render(campaign, "pdf", forms=["summary"], adoption=True)))
    )
    assert "被采用条数" in text
    assert "省政协" in text  # the level captions wrap, and pdftotext interleaves their lines
    assert flat("汇总38313121100") in text


def test_the_cli_takes_adoption(campaign: sq.Campaign, tmp_path, capsys) -> None:
    data = tmp_path / "c.json"
    data.write_text(sq.dump(campaign), encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["export", str(data), "-o", str(out), "--forms", "summary", "--adoption"]) == 0
    assert csv_rows(out.read_bytes())[-1][-4:] == ["1", "1", "0", "0"]
