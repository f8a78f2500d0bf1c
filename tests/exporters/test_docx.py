"""The DOCX exporter, read back with python-docx and, where it matters, as raw XML."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

docx = pytest.importorskip("docx")

from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

import sanquan_core as sq  # noqa: E402
from sanquan_core import Form  # noqa: E402
from sanquan_core.exporters import docx as docx_exporter  # noqa: E402
from sanquan_core.exporters.docx.forms import OUTSIDE  # noqa: E402
from tests import campaigns  # noqa: E402
from tests.seed import (  # noqa: E402
    SEED_RESULTS_ROWS,
    SEED_RESULTS_TITLE,
    SEED_SUMMARY_SUB,
    SEED_SUMMARY_TITLE,
    SEED_SUMMARY_TOP,
    SEED_VISIT_LABELS,
    SEED_VISIT_ROWS,
    SEED_VISIT_TITLE,
)

# -- helpers --------------------------------------------------------------------


def export(campaign: sq.Campaign, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format="docx", **kwargs)
    return buffer.getvalue()


def document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def text(element: Any) -> str:
    """The text of a paragraph, or of every paragraph inside *element*, one a line."""
    if element.tag == qn("w:p"):
        return str(Paragraph(element, None).text)
    return "\n".join(text(p) for p in element.iter(qn("w:p")))


def all_text(doc: Any) -> str:
    return text(doc.element.body)


def caption(tbl: Any) -> str:
    found = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    return "" if found is None else str(found.get(qn("w:val")))


def tables(doc: Any, prefix: str) -> list[Any]:
    """The body's tables whose caption (alternative text) starts with *prefix*."""
    return [t for t in doc.element.body.iterchildren(qn("w:tbl")) if caption(t).startswith(prefix)]


def rows(tbl: Any) -> list[list[Any]]:
    return [tr.findall(qn("w:tc")) for tr in tbl.iterchildren(qn("w:tr"))]


def cell_texts(tbl: Any) -> list[list[str]]:
    return [[text(tc) for tc in row] for row in rows(tbl)]


def tc_prop(tc: Any, name: str) -> str | None:
    """The w:val of a cell property; "" when present without a value, None when absent."""
    found = tc.find(f"{qn('w:tcPr')}/{qn(name)}")
    if found is None:
        return None
    return str(found.get(qn("w:val"), ""))


def before(tbl: Any, n: int) -> list[str]:
    """The texts of the *n* paragraphs before *tbl*."""
    out = []
    node = tbl.getprevious()
    while node is not None and len(out) < n:
        out.insert(0, text(node))
        node = node.getprevious()
    return out


def note_after(tbl: Any) -> str:
    return text(tbl.getnext())


def visit_ids(doc: Any) -> list[str]:
    """The visit id of every 附件1 form, read from the line under its table."""
    ids = []
    for tbl in tables(doc, "附件1"):
        found = re.match(r"登记编号：(\S+)　", note_after(tbl))
        assert found, note_after(tbl)
        ids.append(found.group(1))
    return ids


def summary_numbers(tbl: Any) -> list[tuple[str, list[int]]]:
    return [(r[0], [int(x) for x in r[1:]]) for r in cell_texts(tbl)[2:]]


# -- page and fonts -------------------------------------------------------------


def test_page_is_a4(small):
    section = document(export(small)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert section.left_margin > Mm(15)
    assert section.right_margin > Mm(15)


def test_east_asian_fonts_on_defaults_and_styles(small):
    doc = document(export(small))
    styles = doc.styles.element

    def east_asia(rpr: Any) -> str | None:
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts is not None
        # A theme font would override the face named outright.
        assert fonts.get(qn("w:eastAsiaTheme")) is None
        return fonts.get(qn("w:eastAsia"))

    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert east_asia(defaults) == "仿宋_GB2312"
    # the official faces (GB/T 9704): 仿宋 body, 黑体 一、, 楷体 （一）, 小标宋 titles
    expected = {
        "Normal": "仿宋_GB2312",
        "Heading1": "黑体",
        "Heading2": "楷体_GB2312",
        "Heading3": "仿宋_GB2312",
        "SQDocTitle": "方正小标宋简体",
        "SQLabel": "黑体",
        "Footer": "宋体",
        "TableGrid": "宋体",
    }
    for style_id, face in expected.items():
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        assert style is not None, style_id
        assert east_asia(style.find(qn("w:rPr"))) == face, style_id
    # python-docx's API sees the same faces
    normal = doc.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_every_run_names_its_east_asian_font(small):
    body = document(export(small, forms=["visits", "results", "summary", "completion"]))
    # every run with text (a chart's run holds a drawing, no text)
    runs = [r for r in body.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert len(runs) > 100
    faces = {r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) for r in runs}
    assert faces == {"仿宋_GB2312", "宋体", "黑体", "方正小标宋简体"}


def test_form_tables_and_table_text_use_songti(small):
    doc = document(export(small, forms=["visits"]))
    tbl = tables(doc, "附件1")[0]
    for r in tbl.iter(qn("w:r")):
        assert r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "宋体"


# -- 附件1 ------------------------------------------------------------------------


def test_one_visit_form_per_visit(small):
    doc = document(export(small))
    assert len(tables(doc, "附件1")) == len(small.visits) == 7
    assert visit_ids(doc) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"]


def test_visit_forms_are_grouped_by_member_in_member_order(small):
    shuffled = attrs.evolve(small, visits=tuple(reversed(small.visits)))
    doc = document(export(shuffled, forms=["visits"]))
    # members m1, m2, m3 in order; each member's visits in the order given
    assert visit_ids(doc) == ["v3", "v2", "v1", "v5", "v4", "v7", "v6"]
    lines = [before(t, 1)[0] for t in tables(doc, "附件1")]
    names = [line.split("\t")[0] for line in lines]
    assert names == ["走访人员：张三"] * 3 + ["走访人员：李四"] * 2 + ["走访人员：王五"] * 2


def test_visit_form_reproduces_the_seed_layout(small):
    doc = document(export(small, forms=["visits"]))
    tbl = tables(doc, "附件1")[0]
    assert before(tbl, 4) == [
        "附件1",
        *SEED_VISIT_TITLE,
        "走访人员：张三\t所在委员工作（联络）组：经济界委员工作组",
    ]
    cells = rows(tbl)
    assert [len(r) for r in cells] == [1, 1, 1, 2, 2, 2]
    assert [tc_prop(r[0], "w:gridSpan") for r in cells[:3]] == ["2", "2", "2"]
    assert cell_texts(tbl) == [
        ["走访对象：钱七"],
        ["走访地址：东台镇海陵路8号"],
        ["走访日期：2017年7月15日"],
        [SEED_VISIT_LABELS[0], "反映用工难"],
        [SEED_VISIT_LABELS[1], "对接职业学校"],
        [SEED_VISIT_LABELS[2], "校企合作"],
    ]
    assert note_after(tbl) == "登记编号：v1　走访“圈子”：界别圈　走访方式：当面走访　走访人数：3人"


def test_each_form_starts_a_page_and_short_rows_do_not_split(small):
    doc = document(export(small, forms=["visits", "results"]))
    body = doc.element.body
    labels = [p for p in body.iterchildren(qn("w:p")) if text(p) in ("附件1", "附件2")]
    assert len(labels) == 7 + 4

    def breaks(p: Any) -> bool:
        return p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None

    assert labels[0] is body[0]
    assert not breaks(labels[0])  # no blank first page
    assert all(breaks(p) for p in labels[1:])
    for tbl in tables(doc, "附件1"):
        trs = tbl.findall(qn("w:tr"))
        assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in trs[:3])
        # the content rows may run on: Word clips a row taller than a page otherwise
        assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None for tr in trs[3:])


def test_rows_with_long_text_may_split(small):
    long_target = "很长的走访对象名称" * 20
    visits = (attrs.evolve(small.visits[0], target=long_target), *small.visits[1:])
    doc = document(export(attrs.evolve(small, visits=visits), forms=["visits"]))
    first, second = tables(doc, "附件1")[:2]
    assert first.find(f".//{qn('w:cantSplit')}") is None  # Word would clip it
    assert len(second.findall(f".//{qn('w:cantSplit')}")) == 3
    assert cell_texts(first)[0] == [f"走访对象：{long_target}"]


def test_visits_outside_the_window_are_printed_and_marked(small):
    doc = document(export(small, forms=["visits"]))
    forms = zip(visit_ids(doc), tables(doc, "附件1"), strict=True)
    dates = {vid: cell_texts(t)[2][0] for vid, t in forms}
    assert dates["v5"] == f"走访日期：2017年9月2日{OUTSIDE}"  # after the window
    assert dates["v7"] == f"走访日期：2017年7月5日{OUTSIDE}"  # before it
    assert dates["v1"] == "走访日期：2017年7月15日"
    marked = {vid for vid, d in dates.items() if OUTSIDE in d}
    assert marked == set(sq.check(small).outside_window.visits)


def test_no_visits_gives_a_note_not_an_empty_form(small):
    doc = document(export(attrs.evolve(small, visits=(), submissions=()), forms=["visits"]))
    assert tables(doc, "附件1") == []
    assert "（暂无走访记录）" in all_text(doc)


# -- 附件2 ------------------------------------------------------------------------


def test_one_results_form_per_member(small):
    doc = document(export(small, forms=["results"]))
    forms = tables(doc, "附件2")
    assert len(forms) == len(small.members) == 4
    assert [before(t, 1)[0].split("\t")[0] for t in forms] == [
        "委员姓名：张三",
        "委员姓名：李四",
        "委员姓名：王五",
        "委员姓名：赵六",
    ]
    assert before(forms[0], 3)[:2] == SEED_RESULTS_TITLE
    first = cell_texts(forms[0])
    assert [r[0] for r in first] == SEED_RESULTS_ROWS
    assert first[0][1] == "关于加强校企合作的建议（2017年7月16日报送）\n建议……"
    assert note_after(forms[0]) == "完成情况：已完成"
    li = cell_texts(forms[1])
    assert li[0][1].splitlines() == [
        "关于融资的建议（2017年7月13日报送）",
        "关于人才的建议（2017年7月14日报送）",
    ]
    assert li[1][1] == f"迟交的社情民意（2017年9月1日报送）{OUTSIDE}"
    assert li[2][1] == "（未报送）"
    assert "缺社情民意信息1条" in note_after(forms[1])
    assert [r[1] for r in cell_texts(forms[3])] == ["（未报送）"] * 3


# -- 附件3 ------------------------------------------------------------------------


def summary_table(data: bytes) -> Any:
    found = tables(document(data), "附件3")
    assert len(found) == 1
    return found[0]


def test_summary_header_is_merged_as_in_the_seed(small):
    tbl = summary_table(export(small, forms=["summary"]))
    top, sub = rows(tbl)[:2]
    assert [text(tc) for tc in top] == SEED_SUMMARY_TOP
    assert [tc_prop(tc, "w:vMerge") for tc in top] == ["restart", "restart", None, None]
    assert [tc_prop(tc, "w:gridSpan") for tc in top] == [None, None, "3", "3"]
    assert len(sub) == 8
    assert [tc_prop(tc, "w:vMerge") for tc in sub[:2]] == ["", ""]  # continue
    assert [text(tc) for tc in sub[:2]] == ["", ""]
    assert [text(tc) for tc in sub[2:]] == SEED_SUMMARY_SUB
    assert all(tc_prop(tc, "w:vMerge") is None for tc in sub[2:])
    grid = tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    assert len(grid) == 8
    header_rows = tbl.findall(qn("w:tr"))[:2]
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in header_rows)


def test_summary_numbers_by_hand(small):
    tbl = summary_table(export(small, forms=["summary"]))
    assert summary_numbers(tbl) == [
        ("经济界委员工作组", [2, 8, 2, 1, 3, 1, 1]),
        ("安丰镇委员联络组", [1, 0, 1, 0, 0, 0, 1]),
        ("教育界委员工作组", [0, 0, 0, 0, 0, 0, 0]),
        ("汇总", [3, 8, 3, 1, 3, 1, 2]),
    ]
    doc = document(export(small, forms=["summary"]))
    assert before(tbl, 2) == ["附件3", SEED_SUMMARY_TITLE]
    assert "注：另有走访2次、报送1条不在活动期内（2017年7月11日至2017年8月31日），未计入汇总。" in (
        all_text(doc)
    )


def expected_summary(campaign: sq.Campaign) -> list[tuple[str, list[int]]]:
    summary = sq.summarize(campaign)

    def numbers(tally: sq.Tally) -> list[int]:
        return [
            tally.participants,
            *(tally.visited[c] for c in sq.Circle),
            *(tally.submitted[k] for k in sq.SubmissionKind),
        ]

    return [(row.group, numbers(row.tally)) for row in summary.rows] + [
        ("汇总", numbers(summary.total))
    ]


@pytest.mark.parametrize("name", ["small", "demo"])
def test_summary_numbers_equal_summarize(name, request):
    campaign = request.getfixturevalue(name)
    tbl = summary_table(export(campaign, forms=["summary"]))
    assert summary_numbers(tbl) == expected_summary(campaign)


# -- the completion report ----------------------------------------------------------


def test_completion_report(small):
    doc = document(export(small, forms=["completion"]))
    paragraphs = [text(p) for p in doc.element.body.iterchildren(qn("w:p"))]
    assert paragraphs[0] == "“三个一”完成情况与催报名单"
    assert doc.paragraphs[0].style.name == "SQ Document Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、各组完成情况",
        "二、催报名单（按联系委办、组别）",
        "三、不在活动期内的记录（未计入汇总）",
        "四、其他提示",
        "五、委员完成情况明细",
    ]
    assert "全体委员4人，“三个一”已完成1人，未完成3人。" in paragraphs[1]
    assert "二、催报名单（按联系委办、组别）" in paragraphs

    groups = cell_texts(tables(doc, "各组完成情况")[0])
    assert groups == [
        ["组别", "联系委办", "委员人数", "已完成", "完成率"],
        ["经济界委员工作组", "经济委", "2", "1", "50%"],
        ["安丰镇委员联络组", "办公室", "2", "0", "0%"],
        ["教育界委员工作组", "经济委", "0", "0", "—"],
    ]
    reminders = cell_texts(tables(doc, "催报名单（按联系委办、组别）")[0])
    assert reminders == [
        ["联系委办", "组别", "委员姓名", "尚缺"],
        ["经济委", "经济界委员工作组", "李四", "社情民意信息1条、“双招双引”信息1条"],
        ["办公室", "安丰镇委员联络组", "王五", "经济社会发展建议1条、社情民意信息1条"],
        [
            "",
            "",
            "赵六",
            "经济社会发展建议1条、社情民意信息1条、“双招双引”信息1条",
        ],
    ]
    body = all_text(doc).replace("\u200b", "")  # the break opportunities between ids
    window = "2017年7月11日至2017年8月31日"
    assert f"走访记录2条，日期在{window}之外：v5、v7" in body
    assert f"报送记录1条，日期在{window}之外：s6" in body
    members = cell_texts(tables(doc, "委员完成情况明细")[0])
    assert [r[0] for r in members[1:]] == ["张三", "李四", "王五", "赵六"]
    assert members[1][3:7] == ["1", "1", "1", "已完成"]


def test_reminder_list_merges_an_office_over_its_groups(small):
    # put 安丰镇 under 经济委 too: one office, two groups, the office cell merged
    groups = tuple(attrs.evolve(g, office="经济委") for g in small.groups)
    doc = document(export(attrs.evolve(small, groups=groups), forms=["completion"]))
    body_rows = rows(tables(doc, "催报名单（按联系委办、组别）")[0])[1:]
    # a row per member still owing: 李四 of the one group, 王五 and 赵六 of the other
    assert [tc_prop(r[0], "w:vMerge") for r in body_rows] == ["restart", "", ""]
    assert [tc_prop(r[1], "w:vMerge") for r in body_rows] == ["restart", "restart", ""]
    assert [text(r[1]) for r in body_rows] == ["经济界委员工作组", "安丰镇委员联络组", ""]


def test_findings_are_listed(small):
    # s2 (an opinion) linked to v1, a visit in the sector circle: the kind-circle rule
    subs = tuple(attrs.evolve(s, visit_id="v1") if s.id == "s2" else s for s in small.submissions)
    campaign = attrs.evolve(small, submissions=subs)
    findings = [f.printed for f in sq.check(campaign).findings]
    assert findings
    body = all_text(document(export(campaign, forms=["completion"])))
    for i, message in enumerate(findings, 1):
        assert f"{i}. {message}" in body


# -- every caption, forms option ----------------------------------------------------


def test_every_caption_of_the_seed_is_present(small):
    body = all_text(document(export(small)))
    captions = [
        "附件1",
        "附件2",
        "附件3",
        *SEED_VISIT_TITLE,
        "走访人员：",
        "所在委员工作（联络）组：",
        *SEED_VISIT_ROWS,
        *SEED_VISIT_LABELS,
        *SEED_RESULTS_TITLE,
        "委员姓名：",
        *SEED_RESULTS_ROWS,
        SEED_SUMMARY_TITLE,
        *SEED_SUMMARY_TOP,
        *SEED_SUMMARY_SUB,
        "汇总",
    ]
    missing = [c for c in captions if c not in body]
    assert missing == []


def form_order(doc: Any) -> list[str]:
    """Which form each page-starting block belongs to, in document order."""
    out: list[str] = []
    for block in doc.element.body.iterchildren():
        if out and out[-1] == "book":
            continue  # the book's appendix holds a 附件3 table of its own
        if block.tag == qn("w:tbl"):
            name = caption(block).split(" ")[0]
            if name.startswith("附件") and (not out or out[-1] != name):
                out.append(name)
        elif text(block) == "“三个一”完成情况与催报名单":
            out.append("completion")
        elif text(block) == "委员走访成果汇编":
            out.append("book")
    return out


def test_all_forms_by_default_in_form_order(small):
    # every form but the notice packet, a document of its own
    names = {
        Form.VISITS: "附件1",
        Form.RESULTS: "附件2",
        Form.SUMMARY: "附件3",
        Form.COMPLETION: "completion",
        Form.BOOK: "book",
    }
    assert Form.NOTICE not in sq.exporters.ALL_FORMS
    expected = [names[form] for form in sq.exporters.ALL_FORMS]
    assert form_order(document(export(small))) == expected


def test_only_the_forms_asked_for_in_that_order(small):
    doc = document(export(small, forms=["completion", "summary", "visits"]))
    assert form_order(doc) == ["completion", "附件3", "附件1"]
    assert tables(doc, "附件2") == []
    assert "“三个一”工作成果登记表" not in all_text(doc)
    assert form_order(document(export(small, forms=["附件3 情况汇总表"]))) == ["附件3"]


def test_a_form_without_a_builder_is_refused(small, monkeypatch):
    monkeypatch.delitem(docx_exporter.BUILDERS, Form.RESULTS)
    with pytest.raises(sq.ExportError, match="cannot write results"):
        export(small, forms=["summary", "results"])


# -- reproducibility, streams, failures ---------------------------------------------


def test_same_bytes_twice(small):
    first = export(small)
    time.sleep(1.1)  # a clock-stamped entry would now differ
    assert export(small) == first


def test_stream_equals_path(small, tmp_path):
    path = tmp_path / "out.docx"
    sq.export(small, path)
    assert path.read_bytes() == export(small)


def test_timestamps_come_from_the_data_or_the_option(small):
    props = document(export(small)).core_properties
    stamps = {props.created, props.modified, props.last_printed}
    assert stamps == {datetime(2017, 7, 11, tzinfo=UTC)}  # the plan's issue date
    assert props.title == small.plan.title
    assert props.author == "东台市政协办公室"
    when = datetime(2017, 9, 15, 9, 30)
    data = export(small, created=when)
    assert document(data).core_properties.created == when.replace(tzinfo=UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2017, 9, 15, 9, 30, 0)}


def test_failure_leaves_no_file(small, tmp_path, monkeypatch):
    def broken(ctx: Any, out: Any) -> None:
        raise RuntimeError("builder broke")

    monkeypatch.setitem(docx_exporter.BUILDERS, Form.SUMMARY, broken)
    path = tmp_path / "out.docx"
    with pytest.raises(sq.ExportError, match="builder broke"):
        sq.export(small, path)
    assert list(tmp_path.iterdir()) == []

    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"old")
    with pytest.raises(sq.ExportError):
        sq.export(small, kept)
    assert kept.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [kept]

    stream = io.BytesIO()
    with pytest.raises(sq.ExportError):
        sq.export(small, stream, format="docx")
    assert stream.getvalue() == b""


# -- hostile text --------------------------------------------------------------------


def test_hostile_text_is_printed_literally(hostile):
    data = export(hostile, forms=["visits", "results", "summary", "completion", "book"])
    body = all_text(document(data))
    for name in ("markup", "formula", "plus", "minus", "at", "emoji", "rare"):
        assert campaigns.HOSTILE_TEXTS[name] in body, name
    assert "走访对象反映情况" in body  # the control characters removed, the text kept
    xml = part(data, "word/document.xml")
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml) is None
    assert "&lt;b&gt;粗体&lt;/b&gt;" in xml  # markup escaped, not interpreted
    # no field comes from the data: the only ones are the book's contents and its page refs
    assert "<w:fldSimple" not in xml
    codes = [t.text.split()[0] for t in document(data).element.body.iter(qn("w:instrText"))]
    assert set(codes) == {"TOC", "PAGEREF"}
    assert codes.count("TOC") == 1


def test_long_text_is_kept_whole(hostile):
    doc = document(export(hostile, forms=["visits"]))
    situation = cell_texts(tables(doc, "附件1")[0])[3][1]
    assert situation.endswith(campaigns.LONG_TEXT)
    assert len(campaigns.LONG_TEXT) > 32767


def test_characters_xml_cannot_hold_are_dropped(small):
    visits = (attrs.evolve(small.visits[0], target="钱\ud800七\x0b"), *small.visits[1:])
    doc = document(export(attrs.evolve(small, visits=visits), forms=["visits"]))
    assert cell_texts(tables(doc, "附件1")[0])[0] == ["走访对象：钱七"]


def test_line_breaks_and_tabs_are_kept(small):
    visits = (attrs.evolve(small.visits[0], situation="第一行\r\n第二行\t完"), *small.visits[1:])
    doc = document(export(attrs.evolve(small, visits=visits), forms=["visits"]))
    assert cell_texts(tables(doc, "附件1")[0])[3][1] == "第一行\n第二行\t完"


# -- size and imports ----------------------------------------------------------------


def cpu_seconds(campaign: sq.Campaign) -> float:
    start = time.process_time()
    export(campaign, forms=["visits"])
    return time.process_time() - start


def test_time_grows_linearly_with_visits():
    small_run, large_run = campaigns.scaled(500), campaigns.scaled(2000)
    cpu_seconds(small_run)  # warm up imports and caches
    ratio = cpu_seconds(large_run) / cpu_seconds(small_run)
    # four times the visits: about four times the time; quadratic would be sixteen
    assert ratio < 8, ratio


def test_many_visits_all_written():
    campaign = campaigns.scaled(1500)
    doc = document(export(campaign, forms=["visits"]))
    ids = visit_ids(doc)
    expected = [v.id for m in campaign.members for v in campaign.visits_of(m.id)]
    assert ids == expected


def test_import_does_not_load_python_docx():
    code = (
        "import sys, sanquan_core; "
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.') "
        "or m == 'sanquan_core.exporters.docx'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_docx_is_a_registered_format():
    found = {f.name: f for f in sq.formats()}
    assert found["docx"].suffix == ".docx"


def test_output_path_suffix_picks_docx(small, tmp_path: Path):
    path = tmp_path / "forms.docx"
    sq.export(small, path)
    assert zipfile.is_zipfile(path)
    assert len(tables(document(path.read_bytes()), "附件1")) == 7
