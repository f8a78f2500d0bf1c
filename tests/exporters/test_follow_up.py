"""办理情况 (``forms=["follow_up"]``) read back from every format, numbers worked out by hand.

The campaign is tests/data/small.json (plan ends 2017-08-31, reply limit
30 days; g1 and g3 supervised by 经济委, g2 by 办公室) with this ledger:

- s1 (张三, g1, 经济社会发展建议, 2017-07-16): turned into proposal 123 on
  07-20; handed to 住建局 (main) and 交通局 (co-unit) on 07-25; 住建局
  replies on 08-30, after 36 days: late; 交通局 never replies; adopted by
  the city CPPCC on 09-05 and the prefecture's on 09-10.
- v6 (王五, g2, a visit of 08-30): solved together on 08-31, handed to
  安丰镇政府 on 09-01, replied on 09-10 (9 days), a city leader's
  instruction on 09-11, rated 满意 on 09-12.

The ledger stands at its last event, 2017-09-12: 交通局 has waited
09-12 − 07-25 = 49 days, beyond 30: overdue. So:

============  =====  ====  ====  ====  ====  ====  ====  ====  ====
row           items  提案  课题  协同  交办  答复  超时  超期  办结
============  =====  ====  ====  ====  ====  ====  ====  ====  ====
建议 / 经济委   1      1     0     0     1     1     1     1     0
走访 / 办公室   1      0     0     1     1     1     0     0     0
合计            2      1     0     1     2     2     1     1     0
============  =====  ====  ====  ====  ====  ====  ====  ====  ====

Outcomes (市 盐城 省 全国 批示 满意 基本满意 不满意): 建议 1 1 0 0 0 0 0 0;
走访 0 0 0 0 1 1 0 0; 合计 1 1 0 0 1 1 0 0. Units (交办 答复 超时 超期
办结), in the order the items come (visits first): 安丰镇政府 1 1 0 0 0,
住建局 1 1 1 0 0, 交通局 1 0 0 1 0. The overdue list: 交通局, s1, 张三,
2017年7月25日, 49 days.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core import captions
from tests.campaigns import DATA
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows

LEDGER: list[dict[str, Any]] = [
    {"id": "e1", "submission_id": "s1", "on": "2017-07-20", "event": "proposal", "ref": "123"},
    {"id": "e2", "submission_id": "s1", "on": "2017-07-25", "event": "assigned", "unit": "住建局"},
    {"id": "e3", "submission_id": "s1", "on": "2017-07-25", "event": "assigned", "unit": "交通局"},
    {"id": "e4", "submission_id": "s1", "on": "2017-08-30", "event": "replied", "unit": "住建局"},
    {"id": "e5", "submission_id": "s1", "on": "2017-09-05", "event": "adopted", "level": "city"},
    {"id": "e6", "submission_id": "s1", "on": "2017-09-10", "event": "采用", "level": "盐城市政协"},
    {"id": "e7", "visit_id": "v6", "on": "2017-08-31", "event": "coordination"},
    {"id": "e8", "visit_id": "v6", "on": "2017-09-01", "event": "assigned", "unit": "安丰镇政府"},
    {"id": "e9", "visit_id": "v6", "on": "2017-09-10", "event": "replied"},
    {"id": "e10", "visit_id": "v6", "on": "2017-09-11", "event": "instructed", "level": "city"},
    {"id": "e11", "visit_id": "v6", "on": "2017-09-12", "event": "satisfaction", "note": "满意"},
]

#: The handling rows worked out by hand (see the module docstring).
HANDLING = {
    "经济社会发展建议": (1, 1, 0, 0, 1, 1, 1, 1, 0),
    "社情民意信息": (0,) * 9,
    "“双招双引”信息": (0,) * 9,
    "走访情况": (1, 0, 0, 1, 1, 1, 0, 0, 0),
    "经济委": (1, 1, 0, 0, 1, 1, 1, 1, 0),
    "办公室": (1, 0, 0, 1, 1, 1, 0, 0, 0),
    "合计": (2, 1, 0, 1, 2, 2, 1, 1, 0),
}
OUTCOMES = {
    "经济社会发展建议": (1, 1, 0, 0, 0, 0, 0, 0),
    "走访情况": (0, 0, 0, 0, 1, 1, 0, 0),
    "经济委": (1, 1, 0, 0, 0, 0, 0, 0),
    "办公室": (0, 0, 0, 0, 1, 1, 0, 0),
    "合计": (1, 1, 0, 0, 1, 1, 0, 0),
}
UNITS = [
    ("安丰镇政府", (1, 1, 0, 0, 0)),
    ("住建局", (1, 1, 1, 0, 0)),
    ("交通局", (1, 0, 0, 1, 0)),
]
OVERDUE = ("交通局", "关于加强校企合作的建议（s1）", "张三", "2017年7月25日", 49)
TOTALS = (
    "截至2017年9月12日，有办理记录的走访和成果共2件，已交办2件，已答复2件"
    "（其中超过30天时限答复1件），已办结0件，超期未答复1件；"
    "被各级政协采用2件次，获领导批示1件。"
)


def campaign_with(ledger: list[dict[str, Any]]) -> sq.Campaign:
    doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    doc["follow_ups"] = ledger
    return sq.loads(json.dumps(doc, ensure_ascii=False))


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return campaign_with(LEDGER)


def test_the_form_is_asked_for_by_name_not_by_default() -> None:
    assert sq.Form.parse("follow_up") is sq.Form.FOLLOW_UP
    assert sq.Form.FOLLOW_UP.label == "办理情况"
    assert sq.Form.FOLLOW_UP not in sq.exporters.ALL_FORMS
    for fmt in ("xlsx", "docx", "pdf", "csv"):
        assert sq.Form.FOLLOW_UP in sq.exporters.forms_of(sq.exporter(fmt))


def test_csv_holds_the_tallies_by_kind_and_office(campaign: sq.Campaign) -> None:
    data = render(campaign, "csv", forms=["办理"])
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0][:4] == ["分类", "名称", "办理件数", "转化为提案"]
    assert rows[0][-8:] == [
        "市政协采用",
        "盐城市政协采用",
        "省政协采用",
        "全国政协采用",
        "领导批示",
        "满意",
        "基本满意",
        "不满意",
    ]
    got = {(r[0], r[1]): tuple(int(n) for n in r[2:]) for r in rows[1:]}
    assert list(got) == [
        ("类别", "经济社会发展建议"),
        ("类别", "社情民意信息"),
        ("类别", "“双招双引”信息"),
        ("类别", "走访情况"),
        ("联系委办", "经济委"),
        ("联系委办", "办公室"),
        ("合计", "合计"),
    ]
    for (_, name), numbers in got.items():
        assert numbers == (*HANDLING[name], *OUTCOMES.get(name, (0,) * 8)), name


def test_xlsx_shows_every_part_and_the_overdue_list_on_its_own_sheet(
    campaign: sq.Campaign,
) -> None:
    data = render(campaign, "xlsx", forms=["follow_up"])
    rows = xlsx_rows(data, "办理情况")
    assert rows[0][0] == captions.FOLLOW_UP_TITLE
    assert rows[1][0] == TOTALS
    filled = [r for r in rows if r]
    firsts = [r[0] for r in filled]
    for heading in ("一、办理情况（按类别）", "四、采用、批示和满意度测评情况（按联系委办）"):
        assert heading in firsts
    start = firsts.index("三、采用、批示和满意度测评情况（按类别）")
    by_name = {r[0]: tuple(r[1:]) for r in filled[:start] if r[0] in HANDLING}
    assert by_name == HANDLING
    outcome = {
        r[0]: tuple(n for n in r[1:] if n is not None) for r in filled[start:] if r[0] in OUTCOMES
    }
    assert outcome == OUTCOMES
    units = [
        (r[0], tuple(n for n in r[1:] if n is not None)) for r in filled if r[0] in dict(UNITS)
    ]
    assert units == UNITS
    listing = xlsx_rows(data, "超期未答复清单（按承办单位）")
    assert listing[0][0] == "六、超期未答复清单（按承办单位）"
    assert listing[1] == captions.OVERDUE_HEADER
    assert listing[2:] == [OVERDUE]


def test_docx_says_the_same(campaign: sq.Campaign) -> None:
    paragraphs = docx_paragraphs(render(campaign, "docx", forms=["follow_up"]))
    texts = [text for _, text in paragraphs]
    headings = [text for style, text in paragraphs if style == "Heading1"]
    assert headings == [
        f"{n}、{p}" for n, p in zip("一二三四五六", captions.FOLLOW_UP_PARTS, strict=True)
    ]
    assert TOTALS in texts
    # the overdue list: after its heading, the header's five cells, then the row
    at = texts.index("六、超期未答复清单（按承办单位）")
    assert texts[at + 1 : at + 11] == [*captions.OVERDUE_HEADER, *map(str, OVERDUE)]
    # the total row of the handling table by kind
    at = texts.index("一、办理情况（按类别）")
    cells = texts[at + 1 :]
    total = cells.index("合计")
    assert cells[total + 1 : total + 10] == [str(n) for n in HANDLING["合计"]]


@needs_ttf
def test_pdf_prints_adoption_by_level_and_the_overdue_list(campaign: sq.Campaign) -> None:
    text = flat("".join(pdf_pages_poppler(render(campaign, "pdf", forms=["follow_up"]))))
    assert flat(TOTALS) in text
    assert "市政协采用盐城市政协采用省政协采用全国政协采用" in text
    assert flat("经济社会发展建议11000000") in text  # adoption: city 1, prefecture 1
    assert flat("合计11001100") in text
    # pdftotext reads the last row's cells in an order of its own
    listing = text[text.index("六、超期未答复清单") :]
    for cell in OVERDUE[:3]:
        assert flat(str(cell)) in listing
    assert flat("2017年7月25日49") in text


def test_a_campaign_without_a_ledger_says_there_is_nothing() -> None:
    campaign = campaign_with([])
    rows = xlsx_rows(render(campaign, "xlsx", forms=["follow_up"]), "办理情况")
    firsts = [r[0] for r in rows if r]
    assert firsts[1] == f"截至2017年8月31日，{captions.NO_FOLLOW_UPS}"
    assert firsts.count(captions.NO_FOLLOW_UPS) == 4
    assert captions.NO_HAND_OVERS in firsts


# -- a long overdue list flows over pages, its header repeated -------------------------

UNIT_COUNT = 90


@pytest.fixture(scope="module")
def many() -> sq.Campaign:
    """s1 handed to 90 units on 07-25, none replying: 90 overdue rows, 37 days each on 08-31."""
    ledger = [
        {
            "id": f"e{i}",
            "submission_id": "s1",
            "on": "2017-07-25",
            "event": "assigned",
            "unit": f"第{i:02d}承办单位",
        }
        for i in range(UNIT_COUNT)
    ]
    return campaign_with(ledger)


@needs_ttf
def test_pdf_overdue_list_repeats_its_header_on_every_page(many: sq.Campaign) -> None:
    pages = pdf_pages_poppler(render(many, "pdf", forms=["follow_up"]))
    listing = [
        flat(p)
        for p in pages
        if "承办单位" in p and any(f"第{i:02d}承办单位" in p for i in range(UNIT_COUNT))
    ]
    # the units' table (part 五) and the overdue list (part 六) both list every unit
    text = "".join(listing)
    assert all(text.count(f"第{i:02d}承办单位") == 2 for i in range(UNIT_COUNT))
    overdue_pages = [p for p in listing if "已过天数" in p or "关于加强校企合作的建议" in p]
    assert len(overdue_pages) >= 2
    for page in overdue_pages:
        assert "承办单位成果委员交办日期已过天数" in page
    assert text.count("2017年7月25日37") == UNIT_COUNT


def test_docx_and_xlsx_mark_the_overdue_header_to_repeat(many: sq.Campaign) -> None:
    import zipfile

    data = render(many, "docx", forms=["follow_up"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:tblHeader/>") == 6  # one header row per part's table
    xlsx = render(many, "xlsx", forms=["follow_up"])
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    listing = wb["超期未答复清单（按承办单位）"]
    assert listing.print_title_rows == "$2:$2"
    assert listing.max_row == 2 + UNIT_COUNT


@needs_ttf
def test_the_demo_report_prints_adoption_by_level_and_the_overdue_list(tmp_path) -> None:
    """``sanquan export demo.json -o f.pdf --forms follow_up``, as issue 12 asks."""
    from sanquan_core._demo import demo_bytes
    from sanquan_core.cli import main

    data = tmp_path / "demo.json"
    data.write_bytes(demo_bytes())
    out = tmp_path / "f.pdf"
    assert main(["export", str(data), "-o", str(out), "--forms", "follow_up", "-q"]) == 0
    text = flat("".join(pdf_pages_poppler(out.read_bytes())))
    book = sq.ledger(sq.load_demo())
    adopted = [book.total.adopted[level] for level in sq.Level]
    assert all(adopted)  # the demo adopts at every level
    assert flat("合计" + "".join(map(str, (*adopted, book.total.instructed)))) in text
    overdue = [(i, u) for i in book.items for u in i.units if u.overdue]
    assert len(overdue) >= 5
    listing = text[text.index("六、超期未答复清单") :]
    for item, unit in overdue:
        assert f"（{item.record_id}）" in listing
        assert unit.unit in listing


def test_as_of_counts_as_the_ledger_stood_on_that_day(campaign: sq.Campaign) -> None:
    """On 2017-08-31: the adoptions (09-05, 09-10) and v6's hand-over (09-01) had not
    happened; 住建局 had replied late (08-30), 交通局 had waited 37 days: overdue."""
    from datetime import date

    data = render(campaign, "csv", forms=["follow_up"], as_of=date(2017, 8, 31))
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    total = tuple(int(n) for n in rows[-1][2:])
    assert total == (2, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    xlsx = render(campaign, "xlsx", forms=["follow_up"], as_of=date(2017, 8, 31))
    listing = xlsx_rows(xlsx, "超期未答复清单（按承办单位）")
    assert listing[2:] == [(*OVERDUE[:4], 37)]
