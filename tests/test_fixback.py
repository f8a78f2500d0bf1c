"""Word templates (`sanquan template -o X.docx`) and the corrections workbook (`--errors-out`)."""

from __future__ import annotations

import io
import shutil
import subprocess
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
from sanquan_core.readers import fingerprint, read_forms
from sanquan_core.readers.report import BAD_FILL, corrections_workbook
from sanquan_core.readers.template import RESULT_SHEET, VISIT_SHEET, template
from tests.readback import needs_ttf

from .needs import optional


@pytest.fixture
def base(demo: sq.Campaign) -> sq.Campaign:
    return attrs.evolve(demo, visits=(), submissions=(), follow_ups=())


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
    line = [p for p in document.paragraphs if p.text == captions.TEMPLATE_VISIT_LINE][form]
    # the member types each value into the gap after its label
    typed = "　".join(
        f"{label}：{values.get(label, '')}"
        for label in (captions.CIRCLE, captions.CHANNEL, captions.HEADCOUNT)
    )
    line.runs[0].text = typed
    for run in line.runs[1:]:
        run.text = ""


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
            captions.RESULT_ROWS[
                sq.SubmissionKind.SUGGESTION
            ]: "关于用工的建议（2017年7月21日报送）\n多办招聘会",
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
    with pytest.raises(OptionError, match=r"\.xlsx or \.docx"):
        template(base, tmp_path / "t.pdf", group=base.groups[0].id)


def test_template_cli_docx(
    tmp_path: Path, base: sq.Campaign, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "base.json"
    sq.dump(base, path)
    out = tmp_path / "谢卫.docx"
    code = main(["template", "--base", str(path), "--member", base.members[0].name, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert str(out) in capsys.readouterr().out
    assert read_forms([out], base).notes == ()
    code = main(["template", "--base", str(path), "--group", base.groups[0].id, "-o", "t.pdf"])
    assert code == 2
    assert "-o: 't.pdf': a template is written as .xlsx or .docx" in capsys.readouterr().err


# -- the corrections workbook ----------------------------------------------------------------

PINK = "00" + BAD_FILL  # openpyxl reads an RGB colour back with an alpha byte


def _filled_template(tmp_path: Path, base: sq.Campaign) -> Path:
    group = base.groups[0]
    first, second = base.members_of(group.id)[:2]
    [path] = template(base, tmp_path / "经济界.xlsx", group=group.id)
    wb = openpyxl.load_workbook(path)
    visits = wb[VISIT_SHEET]
    rows = [
        (first.name, "某甲", "7.15", "朋友"),  # good
        (second.name, "某乙", "7月32日", "界别"),  # a bad date
        ("无此人", "某丙", "2017/7/16", "生活圈"),  # an unknown member
    ]
    for row, (name, target, day, circle) in enumerate(rows, 4):
        visits.cell(row, 2, name)
        visits.cell(row, 4, target)
        visits.cell(row, 6, day)
        visits.cell(row, 7, circle)
    visits["J5"] = "反映道路问题"
    results = wb[RESULT_SHEET]
    results["D5"], results["E5"], results["F5"] = "关于停车的建议", "2017-13-01", "增设车位"
    results["G5"], results["H5"], results["I5"] = "社情一条", "7月20日", "内容甲"
    wb.save(path)
    return path


def test_errors_out_writes_the_refused_rows_back_into_the_template(
    tmp_path: Path, base: sq.Campaign
) -> None:
    group = base.groups[0]
    second = base.members_of(group.id)[1]
    path = _filled_template(tmp_path, base)
    result = read_forms([path], base)
    assert sorted((p.code, p.params["cell"]) for p in result.problems) == [
        ("bad_date", "E5"),
        ("bad_date", "F5"),
        ("unknown_member", "B6"),
    ]
    assert len(result.added) == 1  # the good visit; the 附件2 row is refused whole
    fix = tmp_path / "fix.xlsx"
    fix.write_bytes(corrections_workbook(result))

    wb = openpyxl.load_workbook(fix)
    assert wb.sheetnames == ["_sanquan", VISIT_SHEET, RESULT_SHEET, "问题清单", "提示"]
    meta = wb["_sanquan"]
    assert meta.sheet_state == "hidden"
    assert (meta["B1"].value, meta["B2"].value) == ("sanquan-template/1", group.id)
    assert meta["B3"].value == fingerprint(base)
    visits = wb[VISIT_SHEET]
    assert visits.protection.sheet
    assert visits["D3"].protection.locked
    assert not visits["F4"].protection.locked
    lists = {dv.formula1 for dv in visits.data_validations.dataValidation if dv.type == "list"}
    assert '"界别圈,生活圈,朋友圈"' in lists
    # the two refused visits, as typed, in rows 4 and 5; nothing else
    typed = [[visits.cell(r, c).value for c in (2, 3, 4, 6, 7, 10)] for r in (4, 5)]
    assert typed == [
        [second.name, group.name, "某乙", "7月32日", "界别", "反映道路问题"],
        ["无此人", group.name, "某丙", "2017/7/16", "生活圈", None],
    ]
    assert visits.max_row == 5
    bad = {
        (cell.row, cell.column_letter): cell.comment.text
        for row in visits.iter_rows(min_row=4)
        for cell in row
        if cell.fill.fgColor.rgb == PINK
    }
    assert set(bad) == {(4, "F"), (5, "B")}
    assert bad[(4, "F")] == f"经济界.xlsx!{VISIT_SHEET}!F5: '7月32日' is not a valid date"
    assert bad[(5, "B")].startswith(f"经济界.xlsx!{VISIT_SHEET}!B6: '无此人' is not a member")
    assert visits["D4"].comment is None
    results = wb[RESULT_SHEET]
    assert [results.cell(5, c).value for c in range(2, 10)] == [
        base.members_of(group.id)[0].name,
        group.name,
        "关于停车的建议",
        "2017-13-01",
        "增设车位",
        "社情一条",
        "7月20日",
        "内容甲",
    ]
    assert results["E5"].fill.fgColor.rgb == PINK
    assert "'2017-13-01' is not a valid date" in results["E5"].comment.text
    assert results["H5"].comment is None
    listed = wb["问题清单"]
    assert [c.value for c in listed[1]] == ["文件", "工作表", "单元格", "问题", "代码", "原值"]
    assert sorted(listed.cell(r, 3).value for r in range(2, listed.max_row + 1)) == [
        "B6",
        "E5",
        "F5",
    ]

    # the clerk corrects the cells and imports the corrections
    visits["F4"] = "7月31日"
    visits["B5"] = second.name
    results["E5"] = "2017-08-01"
    wb.save(fix)
    again = read_forms([fix], result.campaign)
    assert again.problems == ()
    assert (len(again.changed), again.unchanged) == (0, 0)
    added = sorted(
        (type(r).__name__, r.member_id, r.target if isinstance(r, sq.Visit) else r.title)
        for r in again.added
    )
    assert added == sorted(
        [
            ("Submission", base.members_of(group.id)[0].id, "关于停车的建议"),
            ("Submission", base.members_of(group.id)[0].id, "社情一条"),
            ("Visit", second.id, "某乙"),
            ("Visit", second.id, "某丙"),
        ]
    )
    visit = next(r for r in again.added if isinstance(r, sq.Visit) and r.target == "某乙")
    assert (visit.visited_on, visit.circle, visit.situation) == (
        date(2017, 7, 31),
        sq.Circle.SECTOR,
        "反映道路问题",
    )
    assert again.campaign.visits[: len(result.campaign.visits)] == result.campaign.visits
    assert len(again.campaign.visits) == len(result.campaign.visits) + 2


def test_errors_out_of_several_groups_csv_word_and_refused_files(
    tmp_path: Path, base: sq.Campaign, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = base.groups[0], base.groups[1]
    member = base.members_of(two.id)[0]
    xlsx = _filled_template(tmp_path, base)
    csv = tmp_path / "散表.csv"
    csv.write_text("走访人员,走访对象,走访日期,走访“圈子”\n无此人,某丁,7.15,界别\n", "utf-8")
    [word] = template(base, tmp_path / "二组.docx", member=member.id)
    document = docx.Document(str(word))
    _fill_visit(
        document,
        0,
        {captions.TARGET: "某戊", captions.VISIT_DATE: "7月40日", captions.CIRCLE: "生活"},
    )
    document.save(str(word))
    junk = tmp_path / "说明.pdf"
    junk.write_bytes(b"%PDF-1.4")
    path = tmp_path / "base.json"
    sq.dump(base, path)
    fix = tmp_path / "fix.xlsx"
    argv = ["import", str(xlsx), str(csv), str(word), str(junk), "--base", str(path)]
    assert main([*argv, "--dry-run", "--errors-out", str(fix)]) == 1
    capsys.readouterr()
    wb = openpyxl.load_workbook(fix)
    assert wb.sheetnames == [
        "_sanquan",
        f"附件1 {one.name}",
        f"附件2 {one.name}",
        f"附件1 {two.name}",
        "附件1 组别不明",
        "问题清单",
        "提示",
    ]
    assert wb["_sanquan"]["B2"].value is None  # the rows name their groups
    word_row = wb[f"附件1 {two.name}"]
    assert [word_row.cell(4, c).value for c in (2, 3, 4, 6, 7)] == [
        member.name,
        two.name,
        "某戊",
        "7月40日",
        "生活",
    ]
    assert "'7月40日' is not a valid date" in word_row["F4"].comment.text
    assert "二组.docx!附件1 no. 1!" in word_row["F4"].comment.text
    unknown = wb["附件1 组别不明"]
    assert [unknown.cell(4, c).value for c in (2, 3, 4, 6, 7)] == [
        "无此人",
        None,
        "某丁",
        "7.15",
        "界别",
    ]
    assert unknown["B4"].fill.fgColor.rgb == PINK
    listed = wb["问题清单"]
    codes = [listed.cell(r, 5).value for r in range(2, listed.max_row + 1)]
    assert "unknown_type" in codes  # a whole file refused: in the list only
    assert len(codes) == 6
    # corrected, the workbook imports: its rows name their groups
    unknown["B4"] = base.members_of(one.id)[2].name
    word_row["F4"] = "7月10日"
    wb.save(fix)
    again = read_forms([fix], base)
    codes = sorted(p.code for p in again.problems)
    assert codes == ["bad_date", "bad_date", "unknown_member"]  # the first group's, untouched
    targets = sorted(r.target for r in again.added if isinstance(r, sq.Visit))
    assert targets == ["某丁", "某戊"]


def test_errors_out_splits_a_cell_of_several_items_into_template_rows(
    tmp_path: Path, base: sq.Campaign
) -> None:
    member = base.members[0]
    group = base.group(member.group_id)
    kinds = [captions.RESULT_ROWS[k] for k in sq.SubmissionKind]
    suggestions = "1. 建议甲（2017年7月14日报送）\n内容甲\n2. 建议乙（2017年7月32日报送）\n内容乙"
    rows = [
        ["委员姓名", "所在委员工作（联络）组", *kinds],
        [member.name, group.name, suggestions, "社情（2017年7月15日报送）\n内容丙", ""],
    ]
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "附件2.xlsx"
    wb.save(path)
    result = read_forms([path], base)
    assert [(p.code, p.params["cell"]) for p in result.problems] == [("bad_date", "C2")]
    assert result.added == ()
    fix = tmp_path / "fix.xlsx"
    sq.write_corrections(result, fix)
    wb = openpyxl.load_workbook(fix)
    assert wb.sheetnames == ["_sanquan", RESULT_SHEET, "问题清单", "提示"]
    results = wb[RESULT_SHEET]
    assert [[results.cell(r, c).value for c in range(2, 10)] for r in (5, 6)] == [
        [
            member.name,
            group.name,
            "建议甲",
            "2017年7月14日",
            "内容甲",
            "社情",
            "2017年7月15日",
            "内容丙",
        ],
        [member.name, group.name, "建议乙", "2017年7月32日", "内容乙", None, None, None],
    ]
    assert results.max_row == 6
    pink = [c.coordinate for row in results.iter_rows(min_row=5) for c in row if c.comment]
    assert pink == ["E6"]
    assert results["E6"].fill.fgColor.rgb == PINK
    assert not results["B6"].protection.locked  # names can be corrected here
    results["E6"] = "2017年7月31日"
    wb.save(fix)
    again = read_forms([fix], result.campaign)
    assert again.problems == ()
    assert sorted(
        (s.title, s.submitted_on) for s in again.added if isinstance(s, sq.Submission)
    ) == [
        ("建议乙", date(2017, 7, 31)),
        ("建议甲", date(2017, 7, 14)),
        ("社情", date(2017, 7, 15)),
    ]


def test_errors_out_an_item_of_unknown_kind_goes_into_the_remark(
    tmp_path: Path, base: sq.Campaign
) -> None:
    member = base.members[0]
    csv = tmp_path / "成果.csv"
    csv.write_text(
        "委员姓名,类别,标题,报送日期,内容\n"
        f"{member.name},其他类,标题甲,2017-07-15,内容甲\n"
        "=HYPERLINK(1),经济社会发展建议,标题乙,2017-07-16,内容乙\n",
        "utf-8",
    )
    result = read_forms([csv], base)
    assert sorted(p.code for p in result.problems) == ["bad_kind", "unknown_member"]
    fix = tmp_path / "fix.xlsx"
    fix.write_bytes(corrections_workbook(result))
    results = openpyxl.load_workbook(fix)[RESULT_SHEET]
    assert results["M5"].value == "类别：其他类；标题：标题甲；报送日期：2017-07-15；内容：内容甲"
    assert results["M5"].fill.fgColor.rgb == PINK
    assert "其他类" in results["M5"].comment.text
    assert [results.cell(6, c).value for c in (2, 4, 5, 6)] == [
        "=HYPERLINK(1)",
        "标题乙",
        "2017-07-16",
        "内容乙",
    ]
    assert results["B6"].data_type == "s"  # text, never a formula
    assert results["B6"].comment is not None


def test_a_refused_file_in_a_folder_is_one_file(tmp_path: Path, base: sq.Campaign) -> None:
    (tmp_path / "a").mkdir()
    junk = tmp_path / "a" / "说明.pdf"
    junk.write_bytes(b"%PDF-1.4")
    result = read_forms([junk], base)
    assert result.files == ("说明.pdf",)
    assert [p.code for p in result.problems] == ["unknown_type"]


def _resave(path: Path, target: str, out: Path) -> Path:
    """*path* opened and saved again by LibreOffice, as a clerk's office suite would."""
    out.mkdir(exist_ok=True)
    (out / path.name).unlink(missing_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(out / 'profile').as_uri()}",  # not the user's own
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / path.name


@needs_ttf  # LibreOffice will not start on a machine without fonts
def test_templates_saved_again_by_libreoffice_read_back(tmp_path: Path, base: sq.Campaign) -> None:
    optional(shutil.which("soffice") is not None, "LibreOffice (soffice)")
    member = base.members[0]
    [word] = template(base, tmp_path / "谢卫.docx", member=member.id)
    document = docx.Document(str(word))
    _fill_visit(
        document,
        0,
        {
            captions.TARGET: "某甲",
            captions.VISIT_DATE: "７月１５日",  # full-width digits
            captions.CIRCLE: "界别圈",
            captions.HEADCOUNT: "2",
        },
    )
    document.save(str(word))
    saved = _resave(word, "docx:MS Word 2007 XML", tmp_path / "lo")
    result = read_forms([saved], base)
    assert result.problems == ()
    [visit] = result.added
    assert isinstance(visit, sq.Visit)
    assert (visit.member_id, visit.visited_on, visit.target, visit.headcount) == (
        member.id,
        date(2017, 7, 15),
        "某甲",
        2,
    )
    # the corrections workbook, corrected and saved by LibreOffice
    path = _filled_template(tmp_path, base)
    refused = read_forms([path], base)
    fix = sq.write_corrections(refused, tmp_path / "fix.xlsx")
    wb = openpyxl.load_workbook(fix)
    wb[VISIT_SHEET]["F4"] = "7月31日"
    wb[VISIT_SHEET]["B5"] = base.members_of(base.groups[0].id)[1].name
    wb[RESULT_SHEET]["E5"] = "2017-08-01"
    wb.save(fix)
    again = read_forms([_resave(fix, "xlsx", tmp_path / "lo")], refused.campaign)
    assert again.problems == ()
    assert len(again.added) == 4


def test_a_blank_xlsx_template_imports_nothing(tmp_path: Path, base: sq.Campaign) -> None:
    group = base.groups[0]
    [path] = template(base, tmp_path / "组.xlsx", group=group.id)
    [one] = template(base, tmp_path / "一人.xlsx", member=base.members[0].id)
    result = read_forms([path, one], base)
    assert (result.added, result.problems, result.rows) == ((), (), 0)


def test_sheet_pairs_of_groups_whose_names_share_31_characters(
    tmp_path: Path, base: sq.Campaign
) -> None:
    long = "很长的名字" * 6
    groups = tuple(
        attrs.evolve(g, name=f"{long}{i}") if i < 2 else g for i, g in enumerate(base.groups)
    )
    campaign = attrs.evolve(base, groups=groups)
    members = [campaign.members_of(g.id)[0] for g in groups[:2]]
    csv = tmp_path / "a.csv"
    lines = [f"{m.name},某甲,7月32日,界别" for m in members]
    csv.write_text("\n".join(["走访人员,走访对象,走访日期,走访“圈子”", *lines]) + "\n", "utf-8")
    result = read_forms([csv], campaign)
    assert len(result.failed) == 2
    names = openpyxl.load_workbook(io.BytesIO(corrections_workbook(result))).sheetnames
    assert names[1:3] == [f"附件1 {long}"[:31], f"附件1 {long}"[:28] + "(2)"]
