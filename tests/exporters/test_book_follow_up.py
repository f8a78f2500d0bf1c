"""The book shows each item's status from the ledger, and an appendix of the items adopted.

The campaign and its ledger are those of tests/exporters/test_follow_up.py:
s1 (关于加强校企合作的建议, 张三, 经济界委员工作组) was turned into proposal
123, handed to 住建局 and 交通局 on 07-25; 住建局 replied after 36 days
(late), 交通局 has waited 49 days on 09-12 (overdue); the city CPPCC
adopted it on 09-05, the prefecture's on 09-10. The ledger's other item is
the visit v6, which the book does not print.
"""

from __future__ import annotations

import csv
import io

import pytest

import sanquan_core as sq
from sanquan_core import captions
from tests.exporters.test_follow_up import LEDGER, campaign_with
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows

STATUS = (
    "已转化为提案第123号；已交办住建局、交通局；已答复（超过30天时限）；"
    "交通局已49天未答复，已超期；被市政协、盐城市政协采用"
)
#: 采用情况, the highest level first.
ADOPTED = [
    ("盐城市政协", "2017年9月10日", "关于加强校企合作的建议", "张三", "经济界委员工作组"),
    ("市政协", "2017年9月5日", "关于加强校企合作的建议", "张三", "经济界委员工作组"),
]


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return campaign_with(LEDGER)


def test_the_content_gives_the_status_and_the_adoptions(campaign: sq.Campaign) -> None:
    content = sq.documents.book_content(
        campaign, sq.summarize(campaign), sq.check(campaign), sq.exporters.ExportOptions()
    )
    items = {i.submission_id: i for c in content.chapters for s in c.sections for i in s.items}
    assert items["s1"].follow_up == STATUS
    assert items["s1"].notes[-1] == ("办理情况：", STATUS)
    assert all(not i.follow_up for key, i in items.items() if key != "s1")
    assert [a.cells for a in content.adoptions] == ADOPTED
    assert content.appendix_parts == (*captions.APPENDIX_PARTS, "（四）采用情况")


def test_docx_prints_the_status_under_the_item_and_the_appendix(campaign: sq.Campaign) -> None:
    texts = [text for _, text in docx_paragraphs(render(campaign, "docx", forms=["book"]))]
    assert f"办理情况：{STATUS}" in texts
    at = len(texts) - 1 - texts[::-1].index("（四）采用情况")  # the heading, not its contents line
    cells = texts[at + 1 : at + 1 + 15]
    assert cells == [*captions.ADOPTION_HEADER, *ADOPTED[0], *ADOPTED[1]]


def test_items_without_events_are_printed_as_before() -> None:
    """A ledger naming only a visit changes nothing in the book (nor its appendix)."""
    plain = campaign_with([])
    visit_only = campaign_with([e for e in LEDGER if "visit_id" in e])
    for fmt in ("docx", "csv"):
        assert render(plain, fmt, forms=["book"]) == render(visit_only, fmt, forms=["book"])


def test_xlsx_and_csv_carry_the_status_in_the_follow_up_column(campaign: sq.Campaign) -> None:
    rows = xlsx_rows(render(campaign, "xlsx", forms=["book"]), "成果汇编")
    header = next(r for r in rows if r and r[0] == "章")
    s1 = next(r for r in rows if r and r[-1] == "s1")
    assert s1[header.index("办理情况")] == STATUS
    assert rows[-1][-1] == "s1" or any(r and r[-1] == "s1" for r in rows)
    assert not any(r and r[0] == "（四）采用情况" for r in rows)  # the items' sheet holds items
    got = xlsx_rows(render(campaign, "xlsx", forms=["book"]), "成果汇编（采用情况）")
    assert got[0][0] == "（四）采用情况"
    assert got[1] == captions.ADOPTION_HEADER
    assert [(r[0], r[1].date().isoformat(), *r[2:]) for r in got[2:]] == [
        ("盐城市政协", "2017-09-10", *ADOPTED[0][2:]),
        ("市政协", "2017-09-05", *ADOPTED[1][2:]),
    ]
    data = render(campaign, "csv", forms=["book"])
    table = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    follow_up = table[0].index("办理情况")
    assert next(r for r in table if r[-1] == "s1")[follow_up] == STATUS


@needs_ttf
def test_pdf_prints_the_status_line_and_the_adoption_appendix(campaign: sq.Campaign) -> None:
    pages = pdf_pages_poppler(render(campaign, "pdf", forms=["book"]))
    text = flat("".join(pages))
    assert flat(f"办理情况：{STATUS}") in text
    appendix = text[text.rindex("（四）采用情况") :]
    for row in ADOPTED:
        for cell in row:
            assert flat(cell) in appendix
    assert appendix.index("盐城市政协") < appendix.index("2017年9月5日")
