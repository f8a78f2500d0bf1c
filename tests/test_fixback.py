"""Templates in Word (`sanquan template -o X.docx`) and the corrections workbook (`--errors-out`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import docx
import openpyxl
import pytest

import sanquan_core as sq
from sanquan_core import captions
from sanquan_core.cli import main
from sanquan_core.errors import OptionError
from sanquan_core.readers import read_forms
from sanquan_core.readers.template import template


@pytest.fixture
def base(demo: sq.Campaign) -> sq.Campaign:
    return attrs.evolve(demo, visits=(), submissions=())


# -- Word templates ----------------------------------------------------------------------------


def _type_after(paragraph: docx.text.paragraph.Paragraph, value: str) -> None:
    paragraph.add_run(value)


def _fill_visit(document: docx.document.Document, form: int, values: dict[str, str]) -> None:
    """Type a visit into the *form*-th 附件1 as a member would in Word."""
    table = [t for t in document.tables if "走访对象：" in t.cell(0, 0).text][form]
    for row in table.rows:
        label = row.cells[0].text
        for caption, value in values.items():
            if label == caption + "：":
                _type_after(row.cells[0].paragraphs[0], value)
            elif label == caption:
                _type_after(row.cells[1].paragraphs[0], value)
    lines = [p for p in document.paragraphs if p.text in {f"{c}：" for c in values}]
    seen: dict[str, int] = {}
    for p in lines:
        caption = p.text[:-1]
        if seen.get(caption, 0) == form:
            _type_after(p, values[caption])
        seen[caption] = seen.get(caption, 0) + 1


def _fill_results(document: docx.document.Document, form: int, items: dict[str, str]) -> None:
    table = [t for t in document.tables if t.cell(0, 0).text in items][form]
    for row in table.rows:
        text = items.get(row.cells[0].text)
        if text:
            lines = text.split("\n")
            row.cells[1].paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                row.cells[1].add_paragraph(line)


def test_word_template_has_a_form_pair_per_member_with_name_and_group(
    tmp_path: Path, base: sq.Campaign
) -> None:
    group = base.groups[0]
    members = base.members_of(group.id)
    [path] = template(base, tmp_path / "组.docx", group=group.name)
    document = docx.Document(str(path))
    people = [p.text for p in document.paragraphs if p.text.startswith(captions.VISITOR + "：")]
    assert people == [f"走访人员：{m.name}\t所在委员工作（联络）组：{group.name}" for m in members]
    owners = [p.text for p in document.paragraphs if p.text.startswith(captions.MEMBER_NAME)]
    assert len(owners) == len(members)
    labels = [p.text for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert labels == ["附件1", "附件2"] * len(members)
    breaks = document.element.body.xpath(".//w:pageBreakBefore")
    assert len(breaks) == 2 * len(members) - 1  # the first page needs none
    # left blank, it imports nothing and raises no problem (no note either)
    result = read_forms([path], base)
    assert (result.added, result.problems, result.notes) == ((), (), ())


def test_word_template_filled_in_reads_back(tmp_path: Path, base: sq.Campaign) -> None:
    group = base.groups[0]
    members = base.members_of(group.id)
    [path] = template(base, tmp_path / "组.docx", group=group.id)
    document = docx.Document(str(path))
    _fill_visit(
        document,
        1,
        {
            captions.TARGET: "王五（某某公司）",
            captions.ADDRESS: "东台市",
            captions.VISIT_DATE: "2017年7月20日",
            captions.SITUATION: "反映用工难",
            captions.CIRCLE: "朋友圈",
            captions.CHANNEL: "电话",
            captions.HEADCOUNT: "３人",
        },
    )
    _fill_results(
        document,
        1,
        {
            captions.RESULT_ROWS[sq.SubmissionKind.SUGGESTION]: "关于用工的建议（2017年7月21日报送）\n多办招聘会",
            captions.RESULT_ROWS[sq.SubmissionKind.OPINION]: "社情一条（7月22日报送）\n内容甲",
            captions.RESULT_ROWS[sq.SubmissionKind.LEAD]: "招商线索（2017.7.23报送）\n内容乙",
        },
    )
    document.save(str(path))
    result = read_forms([path], base)
    assert result.problems == ()
    [visit] = [r for r in result.added if isinstance(r, sq.Visit)]
    assert (visit.member_id, visit.visited_on, visit.target) == (
        members[1].id,
        date(2017, 7, 20),
        "王五（某某公司）",
    )
    assert (visit.circle, visit.channel, visit.headcount) == (
        sq.Circle.FRIENDS,
        sq.Channel.PHONE,
        3,
    )
    assert visit.situation == "反映用工难"
    assert visit.extra["source"] == {"file": "组.docx", "sheet": "附件1 no. 2", "row": 2}
    items = sorted(
        (s.kind.value, s.member_id, s.submitted_on, s.title, s.content)
        for s in result.added
        if isinstance(s, sq.Submission)
    )
    assert items == [
        ("lead", members[1].id, date(2017, 7, 23), "招商线索", "内容乙"),
        ("opinion", members[1].id, date(2017, 7, 22), "社情一条", "内容甲"),
        ("suggestion", members[1].id, date(2017, 7, 21), "关于用工的建议", "多办招聘会"),
    ]
    assert read_forms([path], result.campaign).added == ()


def test_template_suffix_picks_the_format(tmp_path: Path, base: sq.Campaign) -> None:
    written = template(base, tmp_path / "模板.docx", forms=("visits",))
    assert {p.parent for p in written} == {tmp_path / "模板"}
    assert {p.suffix for p in written} == {".docx"}
    assert len(written) == len(base.groups)
    document = docx.Document(str(written[0]))
    assert [p.text for p in document.paragraphs if p.text.startswith("附件")] == ["附件1"] * len(
        base.members_of(base.groups[0].id)
    )
    [one] = template(base, tmp_path / "one.docx", member=base.members[0].id)
    people = [p.text for p in docx.Document(str(one)).paragraphs if p.text.startswith("走访人员")]
    assert len(people) == 1
    with pytest.raises(OptionError, match="xlsx or .docx"):
        template(base, tmp_path / "t.pdf", group=base.groups[0].id)


def test_template_cli_docx(tmp_path: Path, base: sq.Campaign, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "base.json"
    sq.dump(base, path)
    out = tmp_path / "谢卫.docx"
    code = main(["template", "--base", str(path), "--member", base.members[0].name, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert str(out) in capsys.readouterr().out
    assert read_forms([out], base).notes == ()
