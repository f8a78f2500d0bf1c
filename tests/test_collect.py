"""sanquan import and sanquan template; CSV; hostile files refused in seconds."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest

import sanquan_core as sq
from sanquan_core.cli import main
from sanquan_core.readers import Limits, fingerprint, read_forms
from sanquan_core.readers.template import template


@pytest.fixture
def base(tmp_path: Path, demo: sq.Campaign) -> Path:
    path = tmp_path / "base.json"
    sq.dump(attrs.evolve(demo, visits=(), submissions=(), follow_ups=()), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_cli_writes_then_adds_nothing_the_second_time(
    tmp_path: Path, demo: sq.Campaign, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "forms.xlsx"
    sq.export(demo, form, forms=["visits", "results"])
    out = tmp_path / "data.json"
    code, _, err = run(capsys, "import", str(form), "--base", str(base), "-o", str(out))
    assert code == 0, err
    merged = sq.load(out)
    assert len(merged.visits) == len(demo.visits)
    assert f"{len(demo.visits) + len(demo.submissions)} added" in err
    code, _, err = run(capsys, "import", str(form), "--base", str(out), "--dry-run")
    assert code == 0
    assert " 0 added, 0 changed" in err
    assert "dry run" in err


def test_import_cli_dry_run_writes_nothing_and_exits_1_on_problems(
    tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "张三.csv"
    bad.write_text("走访人员,走访对象,走访日期,走访“圈子”\n陈华,某甲,7月32日,界别\n", "utf-8")
    out = tmp_path / "data.json"
    code, _, err = run(capsys, "import", str(bad), "--base", str(base), "-o", str(out), "--dry-run")
    assert code == 1
    assert "张三.csv!C2: '7月32日' is not a valid date" in err
    assert not out.exists()


def test_import_cli_json(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("走访人员,走访对象,走访日期,走访“圈子”\n无此人,某甲,7.15,界别\n", "utf-8")
    code, out, _ = run(capsys, "import", str(bad), "--base", str(base), "--dry-run", "--json")
    assert code == 1
    problem = json.loads(out)["problems"][0]
    assert problem["code"] == "unknown_member"
    assert problem["loc"] == ["a.csv", "A2"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path: Path, base: Path, encoding: str) -> None:
    text = "走访人员,走访对象,走访日期,走访“圈子”,走访人数\r\n陈华,某甲,2017/7/15,界别圈,3人\r\n"
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    result = read_forms([path], sq.load(base))
    assert result.problems == ()
    assert [(v.target, v.headcount) for v in result.added] == [("某甲", 3)]


def test_csv_export_reads_back(tmp_path: Path, demo: sq.Campaign) -> None:
    path = tmp_path / "visits.csv"
    sq.export(demo, path, forms=["visits"])
    result = read_forms([path], demo)
    assert result.problems == ()
    assert result.unchanged == len(demo.visits)


# -- templates -----------------------------------------------------------------------------


def test_template_is_protected_validated_and_reads_back(tmp_path: Path, base: Path) -> None:
    campaign = sq.load(base)
    group = campaign.groups[0]
    [path] = template(campaign, tmp_path / "t.xlsx", group=group.id)
    wb = openpyxl.load_workbook(path)
    assert wb["_sanquan"].sheet_state == "hidden"
    assert wb["_sanquan"]["B3"].value == fingerprint(campaign)
    visits = wb["附件1 走访情况登记表"]
    assert visits.protection.sheet
    assert visits["D3"].protection.locked
    assert not visits["D4"].protection.locked
    lists = {dv.formula1 for dv in visits.data_validations.dataValidation if dv.type == "list"}
    assert '"界别圈,生活圈,朋友圈"' in lists
    assert any(dv.type == "date" for dv in visits.data_validations.dataValidation)
    results = wb["附件2 “三个一”工作成果登记表"]
    members = campaign.members_of(group.id)
    assert [results.cell(5 + i, 2).value for i in range(len(members))] == [m.name for m in members]
    visits["B4"], visits["D4"], visits["F4"], visits["G4"] = members[0].name, "某人", "7.15", "朋友"
    results["D5"], results["E5"], results["F5"] = "一条建议", "2017-08-01", "内容"
    wb.save(path)
    result = read_forms([path], campaign)
    assert result.problems == ()
    assert len(result.added) == 2
    again = read_forms([path], result.campaign)
    assert again.added == ()


def test_template_of_another_campaign_is_refused(tmp_path: Path, base: Path) -> None:
    campaign = sq.load(base)
    [path] = template(campaign, tmp_path / "t.xlsx", group=campaign.groups[0].id)
    other = attrs.evolve(campaign, members=campaign.members[1:])
    result = read_forms([path], other)
    assert [p.code for p in result.problems] == ["other_campaign"]


def test_template_cli_writes_a_workbook_per_group(
    tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "template", "--base", str(base), "-o", str(tmp_path / "forms"))
    assert code == 0, err
    assert len(list((tmp_path / "forms").glob("*.xlsx"))) == len(sq.load(base).groups)


# -- hostile files ---------------------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_in_seconds(base: Path) -> None:
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * 20_000_000})
    start = time.monotonic()
    result = read_forms([("bomb.xlsx", bomb)], sq.load(base))
    assert time.monotonic() - start < 5
    assert [p.code for p in result.problems] == ["zip_bomb"]
    assert result.problems[0].sentence.startswith("bomb.xlsx: refused: ")


def test_billion_laughs_is_refused(base: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"&lol9;</workbook>"
    )
    result = read_forms([("lol.xlsx", _zip({"xl/workbook.xml": laughs}))], sq.load(base))
    assert [p.code for p in result.problems] == ["xml_forbidden"]


def test_limits_are_overridable(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("x" * 2000, "utf-8")
    result = read_forms([path], sq.load(base), limits=Limits(max_file_bytes=1000))
    assert [p.code for p in result.problems] == ["too_large"]


def test_not_a_workbook(base: Path) -> None:
    result = read_forms([("a.xlsx", b"not a zip")], sq.load(base))
    assert [p.code for p in result.problems] == ["unreadable"]


def _ods(rows: list[list[str]]) -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        f'<office:body><office:spreadsheet><table:table table:name="附件1">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return out.getvalue()


def test_ods_through_calamine(base: Path) -> None:
    pytest.importorskip("python_calamine")
    data = _ods(
        [["走访人员", "走访对象", "走访日期", "走访“圈子”"], ["陈华", "某甲", "2017-07-15", "界别"]]
    )
    result = read_forms([("a.ods", data)], sq.load(base))
    assert result.problems == ()
    assert [v.target for v in result.added] == ["某甲"]


def test_errors_out_lists_problems_as_text(
    tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("走访人员,走访对象,走访日期,走访“圈子”\n=HYPERLINK(1),某甲,7.15,界别\n", "utf-8")
    fix = tmp_path / "fix.xlsx"
    code, _, _ = run(
        capsys, "import", str(bad), "--base", str(base), "--dry-run", "--errors-out", str(fix)
    )
    assert code == 1
    sheet = openpyxl.load_workbook(fix)["问题清单"]
    assert sheet["C2"].value == "A2"
    assert sheet["E2"].value == "unknown_member"
    assert sheet["F2"].data_type == "s"


def test_word_forms_read_back(tmp_path: Path, demo: sq.Campaign) -> None:
    campaign = attrs.evolve(
        demo,
        visits=demo.visits[:30],
        submissions=tuple(attrs.evolve(s, visit_id=None) for s in demo.submissions[:20]),
    )
    path = tmp_path / "forms.docx"
    sq.export(campaign, path, forms=["visits", "results"])
    result = read_forms([path], campaign)
    assert result.problems == ()
    assert result.unchanged == 50
    empty = attrs.evolve(campaign, visits=(), submissions=(), follow_ups=())
    added = read_forms([path], empty).added
    assert len(added) == 50
    assert added[0].extra["source"] == {"file": "forms.docx", "sheet": "附件1 no. 1", "row": 2}


def test_entities_in_a_sheet_are_refused(base: Path) -> None:
    wb = openpyxl.Workbook()
    out = io.BytesIO()
    wb.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    parts = {n: source.read(n) for n in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    result = read_forms([("x.xlsx", _zip(parts))], sq.load(base))
    assert [p.code for p in result.problems] == ["xml_forbidden"]
    assert "xl/worksheets/sheet1.xml" in result.problems[0].sentence


def test_csv_export_of_formula_like_text_reads_back_as_written(
    tmp_path: Path, demo: sq.Campaign
) -> None:
    texts = [("'=", "'+q"), ("=1+2", "-见附件"), ("''=a", "@x"), ("'引号", "＝全角")]
    visits = tuple(
        attrs.evolve(demo.visits[0], id=f"x{i}", target=t, situation=s)
        for i, (t, s) in enumerate(texts)
    )
    campaign = attrs.evolve(demo, visits=visits, submissions=())
    path = tmp_path / "v.csv"
    sq.export(campaign, path, forms=["visits"])
    assert "'''=a" in path.read_text("utf-8-sig")  # a leading ' gets one more
    result = read_forms([path], attrs.evolve(campaign, visits=()))
    assert result.problems == ()
    assert [(v.target, v.situation) for v in result.added] == texts


@pytest.mark.parametrize("text", ['"', '0"', 'x"y', '他说"好"', "a;b"])
def test_csv_with_lone_quotes_in_cells_reads_back(
    tmp_path: Path, small: sq.Campaign, text: str
) -> None:
    """csv.Sniffer guessed a dialect without doubled quotes: '0"' read back '0""'."""
    item = attrs.evolve(small.submissions[0], title="", content=text, visit_id=None)
    campaign = attrs.evolve(small, visits=(), submissions=(item,))
    path = tmp_path / "r.csv"
    sq.export(campaign, path, forms=["results"])
    result = read_forms([path], attrs.evolve(campaign, submissions=()))
    assert result.problems == ()
    assert [s.content for s in result.added if isinstance(s, sq.Submission)] == [text]


def test_an_xlsx_template_is_the_same_bytes_each_time(
    tmp_path: Path, demo: sq.Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the exports are: ZIP entries and document properties stamped with the plan's day.
    group = demo.groups[0].id
    (first,) = sq.template(demo, tmp_path / "a.xlsx", group=group)
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)  # zipfile and openpyxl read the clock
    (second,) = sq.template(demo, tmp_path / "b.xlsx", group=group)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        day = demo.plan.issued_on or demo.plan.ends_on
        assert {i.date_time[:3] for i in z.infolist()} == {(day.year, day.month, day.day)}
    wb = openpyxl.load_workbook(first)
    assert wb.properties.created is not None
    assert wb.properties.created.date() == day
