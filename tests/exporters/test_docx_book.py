"""The DOCX book (成果汇编), the notice packet, the official page and the charts.

Read back with python-docx and lxml: what a clerk sees (texts, headings,
tables) and what Word and LibreOffice read (section properties, styles,
settings, the font table, the chart parts).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Any

import attrs
import pytest

docx = pytest.importorskip("docx")

from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm  # noqa: E402
from lxml import etree  # noqa: E402

import sanquan_core as sq  # noqa: E402
from sanquan_core.exporters import _official as gb  # noqa: E402
from sanquan_core.exporters.docx.notice import signature_indents  # noqa: E402
from sanquan_core.redact import mask_name  # noqa: E402

from .test_docx import (  # noqa: E402
    all_text,
    cell_texts,
    document,
    export,
    part,
    tables,
    text,
)

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

# Copied by hand from the seed notice (东政协办发〔2017〕11号), not from the library.
SEED_ADDRESSEES = (
    "市政协各委办，各市直委员工作组、镇（区）委员联络组，盐城市八届政协全体住东委员，"
    "市十四届政协全体委员："
)
SEED_PARAGRAPH = (
    "为将大走访活动引向深入，进一步明确委员走访对象、走访内容和主要目标任务，"
    "推动全体政协委员更好地关注民情民意、广集良言良策，不断彰显政协工作特色、展示委员风采。"
    "经研究决定，在前期开展“访民情、惠民生、促和谐”大走访活动的基础上，"
    "制定“聚焦‘三圈’大走访、彰显职能促和谐”主题活动方案。现予以印发，希认真贯彻执行。"
)
KINDS = ["一、经济社会发展建议", "二、社情民意信息", "三、“双招双引”信息"]

# -- helpers --------------------------------------------------------------------


def book(campaign: sq.Campaign, **kwargs: Any) -> bytes:
    return export(campaign, forms=["book"], **kwargs)


def paragraphs(doc: Any) -> list[Any]:
    return list(doc.element.body.iter(qn("w:p")))


def style_of(p: Any) -> str:
    found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if found is None else str(found.get(qn("w:val")))


def texts_in(doc: Any, style_id: str) -> list[str]:
    return [text(p) for p in paragraphs(doc) if style_of(p) == style_id]


def item_titles(doc: Any) -> list[str]:
    """The book's item headings (Heading 3) without their numbers."""
    out = []
    for heading in texts_in(doc, "Heading3"):
        found = re.match(r"(\d+)\.(.*)$", heading, re.DOTALL)
        assert found, heading
        out.append(found.group(2))
    return out


def in_window_titles(campaign: sq.Campaign) -> Counter[str]:
    plan = campaign.plan
    return Counter(
        sq.documents.full_width(s.title)
        for s in campaign.submissions
        if plan.in_window(s.submitted_on)
    )


def xml_of(data: bytes, name: str) -> Any:
    return etree.fromstring(part(data, name).encode())


def settings(data: bytes) -> Any:
    return xml_of(data, "word/settings.xml")


def sect_prs(doc: Any) -> list[Any]:
    return list(doc.element.body.iter(qn("w:sectPr")))


def style_element(doc: Any, style_id: str) -> Any:
    found = doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    assert found is not None, style_id
    return found


def chart_caches(data: bytes, name: str) -> dict[str, Any]:
    """A chart part's series: {series name: (categories, values)}, from its caches."""
    root = xml_of(data, name)
    out = {}
    for ser in root.iter(f"{C}ser"):
        label = ser.find(f"{C}tx//{C}v").text
        cats = [v.text for v in ser.iterfind(f"{C}cat/{C}strRef/{C}strCache/{C}pt/{C}v")]
        vals = [float(v.text) for v in ser.iterfind(f"{C}val/{C}numRef/{C}numCache/{C}pt/{C}v")]
        out[label] = (cats, vals)
    return out


def chart_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sorted(
            n for n in archive.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)
        )


# -- the book: cover, contents, chapters ------------------------------------------


def test_cover(small):
    doc = document(book(small))
    body = list(doc.element.body.iterchildren(qn("w:p")))
    cover = [text(p) for p in body[:30] if text(p)]
    assert cover[:4] == [
        "聚焦“三圈”大走访、彰显职能促和谐",
        "委员走访成果汇编",
        "东台市政协办公室",
        "2017年8月31日",  # the campaign's last day: the book compiles what it brought in
    ]
    assert "（已隐去个人信息）" not in all_text(doc)
    assert not any(line.startswith("范围：") for line in cover)
    # ... unless the export names its own date
    dated = document(book(small, created=__import__("datetime").datetime(2017, 9, 15)))
    assert "2017年9月15日" in [text(p) for p in paragraphs(dated)[:30]]


def test_contents_is_a_toc_field_over_the_book(small):
    data = book(small)
    doc = document(data)
    codes = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    toc = [c for c in codes if c.strip().startswith("TOC")]
    assert len(toc) == 1
    assert 'TOC \\o "1-2" \\h \\z \\u' in toc[0]
    assert "\\b _SQBook" in toc[0]
    update = settings(data).find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"
    # the forms alone have no fields to refresh
    assert settings(export(small, forms=["summary"])).find(qn("w:updateFields")) is None


def test_contents_are_filled_in_with_every_chapter_and_group(small):
    """The contents list two levels, as the PDF's do; items are headings, not entries."""
    doc = document(book(small))
    # an entry: the heading, a tab, its page number (a PAGEREF field, empty until updated)
    entries = [
        (style_of(p), text(p).split("\t")[0])
        for p in paragraphs(doc)
        if style_of(p) in ("TOC1", "TOC2", "TOC3")
    ]
    headings = [
        (style_of(p).replace("Heading", "TOC"), text(p))
        for p in paragraphs(doc)
        if style_of(p) in ("Heading1", "Heading2")
    ]
    assert entries == headings
    assert any(style_of(p) == "Heading3" for p in paragraphs(doc))
    assert entries[0] == ("TOC1", "一、经济社会发展建议")
    # each entry links to its heading's bookmark and asks for its page
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    links = [h.get(qn("w:anchor")) for h in doc.element.body.iter(qn("w:hyperlink"))]
    assert len(links) == len(entries)
    assert set(links) <= bookmarks
    pagerefs = [
        c for c in (t.text for t in doc.element.body.iter(qn("w:instrText"))) if "PAGEREF" in c
    ]
    assert [c.split()[1] for c in pagerefs] == links


def test_chapters_in_order_with_exact_headings(small):
    doc = document(book(small))
    assert texts_in(doc, "Heading1") == [*KINDS, "附录"]
    assert texts_in(doc, "Heading2") == [
        "（一）经济界委员工作组",
        "（一）经济界委员工作组",
        "（一）经济界委员工作组",
        "（二）安丰镇委员联络组",
        "（一）走访和报送情况汇总",
        "（二）“三个一”完成情况",
        "（三）统计图",
    ]
    # items by date inside a group: 关于融资 (7-13), 关于人才 (7-14), 校企合作 (7-16)
    assert texts_in(doc, "Heading3")[:3] == [
        "1.关于融资的建议",
        "2.关于人才的建议",
        "3.关于加强校企合作的建议",
    ]
    # chapters start pages; heading styles carry outline levels for the contents
    for p in paragraphs(doc):
        if style_of(p) == "Heading1" and text(p) in KINDS:
            assert p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    for level, style_id in enumerate(("Heading1", "Heading2", "Heading3")):
        outline = style_element(doc, style_id).find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert outline.get(qn("w:val")) == str(level)


def test_an_item_has_title_member_group_date_content_and_source(small):
    doc = document(book(small))
    lines = [text(p) for p in paragraphs(doc)]
    at = lines.index("3.关于加强校企合作的建议")
    assert lines[at + 1] == "报送人：张三（经济界委员工作组）　报送日期：2017年7月16日"
    assert lines[at + 2] == "建议……"
    source = lines[at + 3]
    assert source.startswith("来源：2017年7月15日")
    assert "钱七" in source
    assert "界别圈" in source
    # an item without a linked visit has no source line
    at = lines.index("2.关于人才的建议")
    assert not lines[at + 2].startswith("来源：")


@pytest.mark.parametrize("name", ["small", "demo"])
def test_every_in_window_submission_exactly_once(name, request):
    campaign = request.getfixturevalue(name)
    doc = document(book(campaign))
    assert Counter(item_titles(doc)) == in_window_titles(campaign)
    # late (or early) items are left out: the counts above would be higher otherwise
    late = [s for s in campaign.submissions if not campaign.plan.in_window(s.submitted_on)]
    assert late
    inside = in_window_titles(campaign)
    outside = [s.title for s in late if s.title not in inside]  # titles of their own
    body = all_text(doc)
    for title in outside:
        assert title not in body
    if name == "small":
        assert outside == ["迟交的社情民意"]


def test_a_selection_holds_exactly_its_items_and_says_so(demo):
    data = book(demo, offices=["经济委"], phase=1)
    doc = document(data)
    # worked out here, not with sq.select: the groups of 经济委, up to the end of phase 1
    groups = {g.id for g in demo.groups if g.office == "经济委"}
    members = {m.id for m in demo.members if m.group_id in groups}
    first = demo.plan.phases[0]
    expected = Counter(
        s.title
        for s in demo.submissions
        if s.member_id in members and demo.plan.starts_on <= s.submitted_on <= first.ends_on
    )
    assert expected
    assert Counter(item_titles(doc)) == expected
    cover = [text(p) for p in paragraphs(doc)[:30]]
    scope = [line for line in cover if line.startswith("范围：")]
    assert len(scope) == 1
    assert first.name in scope[0]
    assert "经济委" in scope[0]
    # the sections are the groups of 经济委, in plan order
    names = [g.name for g in demo.groups if g.id in groups]
    sections = texts_in(doc, "Heading2")[: len(names)]
    assert [s.split("）", 1)[1] for s in sections] == names


def test_full_width_punctuation_in_user_text(small):
    subs = tuple(
        attrs.evolve(s, title="关于路灯,亟需维修(急)", content="一是排查;二是维修.")
        if s.id == "s1"
        else s
        for s in small.submissions
    )
    doc = document(book(attrs.evolve(small, submissions=subs)))
    body = all_text(doc)
    assert "3.关于路灯，亟需维修（急）" in texts_in(doc, "Heading3")
    assert "一是排查；二是维修。" in body
    assert "关于路灯," not in body


def test_no_submissions_still_makes_a_book(small):
    doc = document(book(attrs.evolve(small, submissions=())))
    assert texts_in(doc, "Heading1") == ["附录"]
    assert "（本章无收录内容）" in all_text(doc)


def test_appendix_holds_the_summary_table_and_completion_figures(small):
    doc = document(book(small))
    summary = tables(doc, "附件3")
    assert len(summary) == 1
    numbers = [(r[0], [int(x) for x in r[1:]]) for r in cell_texts(summary[0])[2:]]
    assert numbers[-1] == ("汇总", [3, 8, 3, 1, 3, 1, 2])
    groups = cell_texts(tables(doc, "各组完成情况")[0])
    assert groups[1] == ["经济界委员工作组", "经济委", "2", "1", "50%"]
    assert "全体委员4人，“三个一”已完成1人，未完成3人。" in all_text(doc)


def test_the_contents_cover_only_the_book(small):
    doc = document(export(small, forms=["book", "completion"]))
    body = doc.element.body
    order = list(body.iter(qn("w:p"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")))
    start = next(
        i
        for i, el in enumerate(order)
        if el.tag == qn("w:bookmarkStart") and el.get(qn("w:name")) == "_SQBook"
    )
    mark_id = order[start].get(qn("w:id"))
    end = next(
        i
        for i, el in enumerate(order)
        if el.tag == qn("w:bookmarkEnd") and el.get(qn("w:id")) == mark_id
    )
    opening = order[start].getparent()  # the paragraph the range opens in
    assert text(opening) == "一、经济社会发展建议"
    inside = [text(el) for el in order[start:end] if el.tag == qn("w:p")]
    report = [text(el) for el in order[end:] if el.tag == qn("w:p")]
    assert "一、各组完成情况" in report  # the report's own 一、 heading is outside the range
    assert "一、各组完成情况" not in inside


# -- the official page ---------------------------------------------------------------


@pytest.mark.parametrize("forms", [["book"], ["notice"], ["visits", "summary", "book"]])
def test_every_section_has_the_official_page(small, forms):
    doc = document(export(small, forms=forms))
    assert doc.sections
    for section in doc.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.1)
        assert abs(section.page_height - Mm(297)) < Mm(0.1)
        for got, mm in (
            (section.top_margin, 37),
            (section.bottom_margin, 35),
            (section.left_margin, 28),
            (section.right_margin, 26),
        ):
            assert abs(got - Mm(mm)) < Mm(0.05)


def test_document_grid_gives_22_lines_of_28_characters(small):
    doc = document(book(small))
    grids = [s.find(qn("w:docGrid")) for s in sect_prs(doc)]
    assert len(grids) == 2  # the cover's section, the book's (the body's last)
    for grid in grids:
        assert grid.get(qn("w:type")) == "linesAndChars"
        assert grid.get(qn("w:linePitch")) == "579"
        assert grid.get(qn("w:charSpace")) == "-848"
    pitch = int(grids[0].get(qn("w:linePitch")))
    char_pt = gb.SIZE_3 + int(grids[0].get(qn("w:charSpace"))) / 4096
    height = 16838 - 2098 - 1984  # twips: page, top and bottom margins
    width_pt = (11906 - 1587 - 1474) / 20
    assert 22 * pitch <= height < 23 * pitch
    assert 28 * char_pt <= width_pt < 29 * char_pt
    # body text sits on the line pitch, condensed so 28 characters fill a line
    for style_id in ("Normal", "SQBody", "Heading1", "Heading2", "Heading3"):
        style = style_element(doc, style_id)
        spacing = style.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert spacing.get(qn("w:line")) == str(pitch), style_id
        assert spacing.get(qn("w:lineRule")) == "exact", style_id
        size = int(style.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val"))) / 2
        assert size == gb.SIZE_3
        track = int(style.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val"))) / 20
        assert 28 * (size + track) <= width_pt < 29 * (size + track), style_id


def test_official_faces_and_sizes_on_styles(small):
    doc = document(book(small))
    expected = {
        "Normal": ("仿宋_GB2312", gb.SIZE_3, False),
        "Heading1": ("黑体", gb.SIZE_3, False),
        "Heading2": ("楷体_GB2312", gb.SIZE_3, False),
        "Heading3": ("仿宋_GB2312", gb.SIZE_3, True),
        "SQDocTitle": ("方正小标宋简体", gb.SIZE_2, False),
        "SQLabel": ("黑体", gb.SIZE_3, False),
        "Footer": ("宋体", gb.SIZE_4, False),
    }
    for style_id, (face, size, bold) in expected.items():
        rpr = style_element(doc, style_id).find(qn("w:rPr"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == face, style_id
        assert int(rpr.find(qn("w:sz")).get(qn("w:val"))) == size * 2, style_id
        b = rpr.find(qn("w:b"))
        assert (b is not None and b.get(qn("w:val")) != "0") == bold, style_id
    title = style_element(doc, "SQDocTitle").find(f"{qn('w:pPr')}/{qn('w:jc')}")
    assert title.get(qn("w:val")) == "center"
    # 一、 （一） 1. indented two characters
    for style_id in ("Heading1", "Heading2", "Heading3", "SQBody"):
        ind = style_element(doc, style_id).find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert ind.get(qn("w:firstLineChars")) == "200", style_id
    # kinsoku on for every paragraph, with Chinese line-breaking rules
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    assert defaults.find(qn("w:kinsoku")) is not None


def test_font_table_lists_the_faces_with_fallbacks(small):
    fonts = xml_of(book(small), "word/fontTable.xml")
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in fonts.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"
    assert alt["黑体"] == "SimHei"
    assert alt["宋体"] == "SimSun"
    assert alt["方正小标宋简体"] == "华文中宋"  # a face office PCs have, not another 方正 one
    charset = {f.get(qn("w:name")): f.find(qn("w:charset")) for f in fonts.iter(qn("w:font"))}
    assert charset["仿宋_GB2312"].get(qn("w:val")) == "86"


def footer_xml(data: bytes, doc: Any, sect: Any, kind: str) -> Any:
    ref = next(r for r in sect.iterfind(qn("w:footerReference")) if r.get(qn("w:type")) == kind)
    target = doc.part.rels[ref.get(R_ID)].target_ref
    return xml_of(data, "word/" + target)


def test_odd_and_even_page_numbers(small):
    data = book(small)
    doc = document(data)
    assert settings(data).find(qn("w:evenAndOddHeaders")) is not None
    last = sect_prs(doc)[-1]
    for kind, align, side in (("default", "right", "right"), ("even", "left", "left")):
        footer = footer_xml(data, doc, last, kind)
        p = footer.find(qn("w:p"))
        assert p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == align
        ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert ind.get(qn(f"w:{side}")) == str(round(gb.PAGE_NUMBER_INSET_PT * 20))
        shown = "".join(t.text for t in p.iter(qn("w:t")))
        assert shown == gb.page_number_text(1)  # "— 1 —" until the field updates
        codes = [t.text.strip() for t in p.iter(qn("w:instrText"))]
        assert codes == ["PAGE"]
        chars = [c.get(qn("w:fldCharType")) for c in p.iter(qn("w:fldChar"))]
        assert chars == ["begin", "separate", "end"]
    # the cover: its own section, no number on its page; numbering restarts after it
    cover, body = sect_prs(doc)[0], sect_prs(doc)[1]
    assert cover.find(qn("w:titlePg")) is not None
    assert list(footer_xml(data, doc, cover, "first").iter(qn("w:t"))) == []
    assert body.find(qn("w:titlePg")) is None
    assert body.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_sections_end_in_paragraphs_already_there(small):
    doc = document(export(small, forms=["summary", "book"]))
    inner = [s.getparent().getparent() for s in sect_prs(doc)[:-1]]
    assert len(inner) == 2  # the forms, then the cover
    # the summary's last paragraph (a chart) carries the break, the cover's date the
    # next: no empty paragraph that could spill onto a page of its own
    assert inner[0].find(f".//{C}chart") is not None
    assert text(inner[1]) == "2017年8月31日"
    assert sect_prs(doc)[0].find(qn("w:pgNumType")) is None
    assert doc.element.body[-1].tag == qn("w:sectPr")


# -- the notice packet ----------------------------------------------------------------


def notice(campaign: sq.Campaign, **kwargs: Any) -> bytes:
    return export(campaign, forms=["notice"], **kwargs)


def test_notice_head_and_body(demo):
    doc = document(notice(demo))
    lines = [text(p) for p in paragraphs(doc)]
    styled = [(style_of(p), text(p)) for p in paragraphs(doc) if text(p)]
    assert styled[0] == ("SQMasthead", "东台市政协办公室文件")
    assert styled[1] == ("SQDocNumber", "东政协办发〔2017〕11号")
    assert styled[2] == (
        "SQDocTitle",
        "关于印发《聚焦“三圈”大走访、彰显职能促和谐主题活动方案》的通知",
    )
    assert styled[3] == ("SQAddressee", SEED_ADDRESSEES)
    assert styled[4] == ("SQBody", SEED_PARAGRAPH)
    at = lines.index("附件：1. 走访情况登记表")
    assert lines[at + 1 : at + 3] == ["2. “三个一”工作成果登记表", "3. 情况汇总表"]
    assert lines[at + 3 : at + 6] == ["", "东台市政协办公室", "2017年7月11日"]
    # the masthead red, the red line under the document number
    masthead = style_element(doc, "SQMasthead").find(f"{qn('w:rPr')}/{qn('w:color')}")
    assert masthead.get(qn("w:val")) == gb.RED.lstrip("#")
    rule = style_element(doc, "SQDocNumber").find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == gb.RED.lstrip("#")
    # signature and date right-aligned, the date two characters in
    for p in paragraphs(doc):
        if text(p) == "2017年7月11日":
            assert style_of(p) == "SQDateLine"
            assert p.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:rightChars")) == "200"
    jc = style_element(doc, "SQDateLine").find(f"{qn('w:pPr')}/{qn('w:jc')}")
    assert jc.get(qn("w:val")) == "right"


def test_notice_prints_the_plan_by_level(demo):
    doc = document(notice(demo))
    plan_title = [
        p for p in paragraphs(doc) if text(p) == "聚焦“三圈”大走访、彰显职能促和谐主题活动方案"
    ]
    assert len(plan_title) == 1
    assert style_of(plan_title[0]) == "SQDocTitle"
    assert plan_title[0].find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    assert texts_in(doc, "Heading1") == [
        "一、参加人员：",
        "二、走访对象：",
        "三、活动内容：",
        "四、时间安排：",
        "五、相关要求：",
    ]
    body = texts_in(doc, "SQBody")
    assert "（1）东台市政协全体委员；" in body
    assert any(t.startswith("聚焦界别圈，广集发展良策。") for t in body)


def test_notice_attachments_blank_as_in_the_seed(demo):
    doc = document(notice(demo))
    visit, results, summary = tables(doc, "附件1"), tables(doc, "附件2"), tables(doc, "附件3")
    assert (len(visit), len(results), len(summary)) == (1, 1, 1)
    assert cell_texts(visit[0])[:3] == [["走访对象："], ["走访地址："], ["走访日期："]]
    assert [r[1] for r in cell_texts(visit[0])[3:]] == ["", "", ""]
    assert [r[1] for r in cell_texts(results[0])] == ["", "", ""]
    grid = cell_texts(summary[0])
    assert len(grid) == 2 + 6 + 1
    assert all(cell == "" for row in grid[2:8] for cell in row)
    assert grid[8] == ["汇总", *[""] * 7]
    assert chart_names(notice(demo)) == []  # nothing to chart on blank forms
    labels = [text(p) for p in paragraphs(doc) if style_of(p) == "SQLabel"]
    assert labels == ["附件1", "附件2", "附件3"]


def test_notice_imprint_at_the_foot(demo):
    doc = document(notice(demo))
    last = [p for p in paragraphs(doc) if text(p)][-1]
    assert text(last) == "\t东台市政协办公室\t2017年7月11日印发"
    frame = last.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
    assert frame.get(qn("w:yAlign")) == "bottom"
    assert frame.get(qn("w:vAnchor")) == "margin"
    borders = last.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    assert {b.tag for b in borders} == {qn("w:top"), qn("w:bottom")}


def test_notice_filled_gives_the_data_forms(small):
    data = notice(small, filled=True)
    doc = document(data)
    assert len(tables(doc, "附件1")) == len(small.visits)
    assert len(tables(doc, "附件2")) == len(small.members)
    grid = cell_texts(tables(doc, "附件3")[0])
    assert grid[-1] == ["汇总", "3", "8", "3", "1", "3", "1", "2"]
    assert len(chart_names(data)) == 2


def test_notice_restarts_page_numbers_after_other_forms(small):
    doc = document(export(small, forms=["summary", "notice"]))
    first, last = sect_prs(doc)
    assert first.find(qn("w:pgNumType")) is None
    assert last.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    # the masthead opens the notice's section; no page break on it
    masthead = next(p for p in paragraphs(doc) if style_of(p) == "SQMasthead")
    assert masthead.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None


@pytest.mark.parametrize(
    ("signature", "date_text", "expected"),
    [
        ("东台市政协办公室", "2017年7月11日", (2.5, 2.0)),  # the date is the longer: two in
        ("东台市人民政府办公室", "2017年7月1日", (2.0, 4.0)),  # the date under, two to the right
    ],
)
def test_signature_and_date_indents(signature, date_text, expected):
    assert signature_indents(signature, date_text) == expected


# -- charts ------------------------------------------------------------------------------


def test_summary_form_has_two_native_charts_with_the_numbers_cached(demo):
    data = export(demo, forms=["summary"])
    assert chart_names(data) == ["word/charts/chart1.xml", "word/charts/chart2.xml"]
    types = part(data, "[Content_Types].xml")
    assert types.count(CHART_TYPE) == 2
    summary = sq.summarize(demo)
    groups = [row.group for row in summary.rows]
    items = chart_caches(data, "word/charts/chart1.xml")
    assert list(items) == [k.label for k in sq.SubmissionKind]
    for kind in sq.SubmissionKind:
        cats, vals = items[kind.label]
        assert cats == groups
        assert vals == [row.submitted[kind] for row in summary.rows]
    rates = {g.group_id: g.rate for g in sq.check(demo).groups}
    cats, vals = chart_caches(data, "word/charts/chart2.xml")["完成率"]
    assert cats == groups
    assert vals == [pytest.approx(rates[row.group_id] or 0.0) for row in summary.rows]
    root = xml_of(data, "word/charts/chart1.xml")
    assert root.find(f".//{C}barDir").get("val") == "col"
    assert root.find(f".//{C}grouping").get("val") == "clustered"


def test_charts_are_drawn_from_the_body(small):
    data = export(small, forms=["summary"])
    doc = document(data)
    refs = [c.get(R_ID) for c in doc.element.body.iter(f"{C}chart")]
    assert len(refs) == 2
    targets = [doc.part.rels[r].target_ref for r in refs]
    assert targets == ["charts/chart1.xml", "charts/chart2.xml"]
    ids = [d.get("id") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert len(set(ids)) == len(ids) == 2


def test_charts_carry_an_embedded_workbook_with_the_same_numbers(small):
    openpyxl = pytest.importorskip("openpyxl")
    data = export(small, forms=["summary"])
    root = xml_of(data, "word/charts/chart1.xml")
    external = root.find(f"{C}externalData")
    assert external.get(R_ID) == "rId1"
    rels = part(data, "word/charts/_rels/chart1.xml.rels")
    target = re.search(r'Target="\.\./(embeddings/[^"]+\.xlsx)"', rels).group(1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = openpyxl.load_workbook(io.BytesIO(archive.read("word/" + target)))
    rows = list(workbook["Sheet1"].values)
    assert rows[0] == ("组别", *(k.label for k in sq.SubmissionKind))
    summary = sq.summarize(small)
    assert rows[1:] == [
        (row.group, *(row.submitted[k] for k in sq.SubmissionKind)) for row in summary.rows
    ]


@pytest.mark.parametrize("forms", [["summary"], ["book"]])
def test_chart_xml_is_in_schema_order(small, forms):
    """openpyxl writes chartSpace in the schema's order: ours must be a subsequence of it."""
    pytest.importorskip("openpyxl")
    from openpyxl.chart.chartspace import ChartSpace
    from openpyxl.xml.functions import fromstring, tostring

    data = export(small, forms=forms)
    names = chart_names(data)
    assert len(names) == 2
    for name in names:
        mine = xml_of(data, name)
        for external in mine.findall(f"{C}externalData"):  # openpyxl reads it another way
            mine.remove(external)
        again = etree.fromstring(
            tostring(ChartSpace.from_tree(fromstring(etree.tostring(mine))).to_tree())
        )

        def tags(el: Any) -> list[str]:
            return [etree.QName(e).localname for e in el.iter() if isinstance(e.tag, str)]

        ours, schema = tags(mine), iter(tags(again))
        assert all(tag in schema for tag in ours), name  # in order, openpyxl adding defaults


def test_book_appendix_has_the_charts(small):
    data = book(small)
    assert len(chart_names(data)) == 2
    doc = document(data)
    at = [text(p) for p in paragraphs(doc)].index("（三）统计图")
    after = paragraphs(doc)[at + 1 : at + 3]
    assert all(p.find(f".//{C}chart") is not None for p in after)


def test_no_groups_no_charts(small):
    empty = attrs.evolve(small, groups=(), members=(), visits=(), submissions=())
    data = export(empty, forms=["summary", "book"])
    assert chart_names(data) == []
    assert "（三）统计图" not in all_text(document(data))


# -- redaction, reproducibility, hostile text -----------------------------------------------


MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def visited_names(campaign: sq.Campaign) -> set[str]:
    """The visited persons' names (the part mask_name replaces), members' names left out."""
    members = {m.name for m in campaign.members}
    names = set()
    for visit in campaign.visits:
        if mask_name(visit.target) != visit.target:  # it names someone
            name = re.split("等|（", visit.target)[0]
            if name not in members:  # a member's name is printed as the member's
                names.add(name)
    return names


def test_redacted_book_has_no_phone_and_no_visited_name(demo):
    names = visited_names(demo)
    assert len(names) > 100
    plain = all_text(document(book(demo)))
    assert any(name in plain for name in names)  # the unmasked book names them
    data = book(demo, redact=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )
    assert MOBILE.search(xml) is None
    text_ = all_text(document(data))
    leaked = [name for name in names if name in text_]
    assert leaked == []
    assert "（已隐去个人信息）" in [text(p) for p in paragraphs(document(data))[:30]]


def test_redacted_summary_says_so(small):
    doc = document(export(small, forms=["summary"], redact=True))
    assert "（已隐去个人信息）" in all_text(doc)
    assert "（已隐去个人信息）" not in all_text(document(export(small, forms=["summary"])))


@pytest.mark.parametrize("forms", [["book"], ["notice"], ["summary", "book", "notice"]])
def test_same_bytes_twice(small, forms):
    assert export(small, forms=forms) == export(small, forms=forms)
    filled = export(small, forms=forms, filled=True)
    assert filled == export(small, forms=forms, filled=True)


def test_hostile_text_in_the_book(hostile):
    from tests import campaigns

    doc = document(book(hostile))
    body = all_text(doc)
    for name in ("markup", "formula", "plus", "at", "emoji", "rare"):
        assert campaigns.HOSTILE_TEXTS[name] in body, name
    codes = {t.text.split()[0] for t in doc.element.body.iter(qn("w:instrText"))}
    assert codes == {"TOC", "PAGEREF"}
