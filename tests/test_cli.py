"""The sanquan command line, run in-process; one test runs the installed script."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import sanquan_core as sq
from sanquan_core import _text
from sanquan_core.cli import main

from .campaigns import DATA

SMALL = str(DATA / "small.json")
TEN = str(DATA / "ten_mistakes.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestValidate:
    def test_valid(self, capsys):
        code, out, err = run(capsys, "validate", SMALL)
        assert (code, err) == (0, "")
        assert out == (f"{SMALL}: valid sanquan/1 — 3 groups, 4 members, 7 visits, 7 submissions\n")

    def test_ten_mistakes_exit_1_with_ten_sentences(self, capsys):
        code, out, err = run(capsys, "validate", TEN)
        assert (code, out) == (1, "")
        lines = err.splitlines()
        assert lines[0] == f"{TEN}: 10 problems found"
        assert len(lines) == 11
        assert lines[1].startswith("  the plan, phases: phases must be in date order")
        assert lines[1].endswith(" [plan.phases[1].ends_on]")
        assert lines[3] == (
            "  member m1 (张三), group_id: no group has id 'g9' [members[0].group_id]"
        )
        assert "Traceback" not in err

    def test_json(self, capsys):
        code, out, _ = run(capsys, "validate", "--json", TEN)
        data = json.loads(out)
        assert code == 1
        assert data["valid"] is False
        problem = data["problems"][1]
        assert {k: problem[k] for k in ("path", "message", "code")} == {
            "path": "groups[1].kind",
            "message": "'委员组' is not a group kind "
            "(working/市直委员工作组, liaison/镇（区）委员联络组)",
            "code": "enum",
        }
        # the structure a portal places it by, without parsing the sentence
        assert problem["pointer"] == "/groups/1/kind"
        assert problem["loc"] == ["groups", 1, "kind"]
        assert problem["record_id"] == "g2"
        assert problem["params"]["value"] == "委员组"

    def test_many_problems_are_cut_with_a_count(self, capsys, tmp_path):
        doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
        doc["visits"] = [dict(doc["visits"][0], id=f"v{i}", circle="x") for i in range(150)]
        path = tmp_path / "many.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        code, _, err = run(capsys, "validate", str(path))
        assert code == 1
        # 150 bad circles, and submissions[3] citing v4, now m1's visit, not m2's.
        assert err.splitlines()[-1] == (
            "  ... and 51 more (sanquan validate --all prints them all)"
        )
        code, _, err = run(capsys, "validate", "--all", str(path))
        assert len(err.splitlines()) == 152

    def test_malformed_json_is_unreadable_input(self, capsys, tmp_path):
        path = tmp_path / "broken.json"
        path.write_text('{"schema": "sanquan/1",}', encoding="utf-8")
        code, out, err = run(capsys, "validate", str(path))
        assert (code, out) == (2, "")
        assert err == (
            f"{path}: 1 problem found\n  not valid JSON: Expecting property name enclosed "
            "in double quotes at line 1, column 24\n"
        )

    def test_missing_file(self, capsys, tmp_path):
        code, _, err = run(capsys, "validate", str(tmp_path / "nope.json"))
        assert code == 2
        assert err == f"sanquan: cannot open '{tmp_path / 'nope.json'}': no such file\n"

    def test_folder_instead_of_file(self, capsys, tmp_path):
        code, _, err = run(capsys, "validate", str(tmp_path))
        assert code == 2
        assert "it is a folder, not a file" in err

    def test_standard_input(self, capsys, monkeypatch):
        stdin = io.TextIOWrapper(io.BytesIO((DATA / "small.json").read_bytes()))
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(capsys, "validate", "-")
        assert code == 0
        assert out.startswith("<stdin>: valid sanquan/1")


class TestCheck:
    def test_json_is_the_report(self, capsys, small):
        code, out, _ = run(capsys, "check", "--json", SMALL)
        assert code == 0
        assert json.loads(out) == json.loads(json.dumps(sq.check(small).as_dict()))

    def test_text_has_rates_and_the_reminder_list(self, capsys):
        code, out, _ = run(capsys, "check", SMALL)
        assert code == 0
        assert out.splitlines()[0] == "三个一 completion: 1 of 4 members complete, 3 incomplete"
        assert "催报名单" in out
        assert "      李四 (m2): missing 1 opinion, 1 lead" in out
        assert "  1 visits: v5" not in out
        assert "  2 visits: v5, v7" in out

    def test_text_in_chinese(self, capsys):
        code, out, _ = run(capsys, "check", SMALL, "--lang", "zh")
        assert code == 0
        assert out.splitlines()[0] == "三个一完成情况：委员4人，已完成1人，未完成3人"
        assert "      李四（m2）：缺社情民意信息1条、“双招双引”信息1条" in out

    def test_invalid_data_exits_1(self, capsys):
        code, out, err = run(capsys, "check", TEN)
        assert (code, out) == (1, "")
        assert err.startswith(f"{TEN}: 10 problems found")


class TestSummary:
    def test_json_is_spec_shape(self, capsys, small):
        code, out, _ = run(capsys, "summary", "--json", SMALL)
        assert code == 0
        assert json.loads(out) == sq.summarize(small).as_dict()

    def test_table_columns_line_up(self, capsys):
        code, out, _ = run(capsys, "summary", SMALL)
        lines = out.splitlines()
        assert code == 0
        assert lines[0] == "政协委员聚焦“三圈”大走访活动情况汇总表"
        table = lines[2:]
        assert "走访“圈子”人数" in table[0]
        assert "“三个一”工作报送条数" in table[0]
        assert table[2].split() == [
            "参与活动委员人数", "界别圈", "生活圈", "朋友圈",
            "经济社会发展建议", "社情民意信息", "“双招双引”信息",
        ]  # fmt: skip
        rule = table[3]
        rows = [line for line in table[4:] if line and not line.startswith("─")][:4]
        assert [r.split()[0] for r in rows] == [
            "经济界委员工作组", "安丰镇委员联络组", "教育界委员工作组", "汇总"
        ]  # fmt: skip
        # Every row ends where the rule ends: numbers are right-aligned under
        # their captions, whatever the width of the Chinese group names.
        assert {_text.width(r) for r in rows} == {_text.width(rule)}
        assert rows[-1].split() == ["汇总", "3", "8", "3", "1", "3", "1", "2"]
        assert "2 visits, 1 submissions" in out

    @pytest.mark.parametrize(
        ("by", "first"),
        [("kind", "市直委员工作组"), ("office", "经济委"), ("body", "东台市政协")],
    )
    def test_rollups(self, capsys, by, first):
        code, out, _ = run(capsys, "summary", "--by", by, SMALL)
        assert code == 0
        body = [line for line in out.splitlines() if line.startswith(first)]
        assert len(body) == 1

    def test_rollup_by_body_json(self, capsys):
        code, out, _ = run(capsys, "summary", "--by", "body", "--json", SMALL)
        rows = {r["key"]: r for r in json.loads(out)["rows"]}
        assert code == 0
        assert rows["yancheng"]["participants"] == 2
        assert rows["yancheng"]["name"] == "盐城市政协住东委员"


class TestExportAndFormats:
    def test_export_json(self, capsys, tmp_path, small):
        target = tmp_path / "copy.json"
        code, out, _ = run(capsys, "export", SMALL, "-o", str(target))
        assert code == 0
        assert out == f"wrote {target}\n"
        assert sq.load(target) == small

    def test_unknown_format(self, capsys, tmp_path):
        code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x"), "--format", "odt")
        assert code == 2
        assert err.startswith(
            "sanquan: 'odt' is not a known format; the formats are xlsx, docx, pdf, csv, json"
        )
        assert list(tmp_path.iterdir()) == []

    def test_unknown_form(self, capsys, tmp_path):
        code, _, err = run(
            capsys, "export", SMALL, "-o", str(tmp_path / "x.json"), "--forms", "summary,chart"
        )
        assert code == 2
        assert "'chart' is not a form" in err

    def test_formats(self, capsys):
        code, out, _ = run(capsys, "formats")
        assert code == 0
        lines = out.splitlines()[2:]
        assert [line.split()[0] for line in lines][:5] == ["xlsx", "docx", "pdf", "csv", "json"]
        assert all(line.rstrip().endswith("built-in") for line in lines[:4])

    def test_formats_json(self, capsys):
        code, out, _ = run(capsys, "formats", "--json")
        assert code == 0
        assert json.loads(out)[4]["media_type"] == "application/json"


class TestUsage:
    def test_no_command_is_a_usage_error(self, capsys):
        with pytest.raises(SystemExit) as info:
            main([])
        assert info.value.code == 2

    def test_unexpected_error_is_a_sentence_not_a_traceback(self, capsys, monkeypatch):
        import sanquan_core.summary

        def boom(campaign):
            raise RuntimeError("something odd")

        monkeypatch.setattr(sanquan_core.summary, "summarize", boom)
        monkeypatch.delenv("SANQUAN_DEBUG", raising=False)
        code, _, err = run(capsys, "summary", SMALL)
        assert code == 2
        assert err.startswith("sanquan: internal error (RuntimeError: something odd)")
        assert "Traceback" not in err


def test_installed_script_runs():
    result = subprocess.run(
        ["sanquan", "validate", SMALL], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "valid sanquan/1" in result.stdout


def test_demo_writes_the_dataset_and_prints_the_summary(capsys, tmp_path):
    code, out, err = run(capsys, "demo", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    from sanquan_core.cli import DEMO_DOCUMENTS

    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(["demo.json", *(name for name, _ in DEMO_DOCUMENTS)])
    assert {name for name, _ in DEMO_DOCUMENTS} >= {
        "demo.xlsx", "demo.docx", "demo.pdf",
        "demo-book.docx", "demo-book.pdf", "demo-notice.docx", "demo-notice.pdf",
        "demo-follow-up.pdf",
    }  # fmt: skip
    assert sq.load(tmp_path / "out" / "demo.json") == sq.load_demo()
    assert "汇总" in out
    for name in written:
        assert f"wrote {tmp_path / 'out' / name}" in out
    assert "PDF fonts: body=" in out


class TestExportParts:
    def test_redact_masks_the_dataset(self, capsys, tmp_path):
        target = tmp_path / "masked.json"
        code, _, err = run(capsys, "export", SMALL, "-o", str(target), "--redact")
        assert (code, err) == (0, "")
        masked = sq.load(target)
        assert masked.member("m1").phone == "138****0001"
        assert masked.member("m1").address == "东台镇"
        assert masked.visit("v1").target == "钱某"

    def test_selection_flags(self, capsys, tmp_path):
        target = tmp_path / "part.json"
        code, _, _ = run(
            capsys, "export", SMALL, "-o", str(target), "--offices", "经济委", "--phase", "1"
        )
        part = sq.load(target)
        assert code == 0
        assert [g.id for g in part.groups] == ["g1", "g3"]
        assert [v.id for v in part.visits] == ["v1", "v2", "v4", "v5"]

    def test_unknown_phase_is_a_sentence(self, capsys, tmp_path):
        code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x.json"), "--phase", "9")
        assert code == 2
        assert err.startswith(
            "sanquan: --phase: '9' is not a phase of the plan; "
            "the choices: 1 调研摸排和解难献策阶段; 2 "
        )
        assert list(tmp_path.iterdir()) == []


def test_pdf_export_says_which_fonts_it_embedded(capsys, tmp_path):
    code, out, _ = run(capsys, "export", SMALL, "-o", str(tmp_path / "s.pdf"), "--forms", "summary")
    assert code == 0
    from sanquan_core.exporters.pdf import fonts_used

    assert out.splitlines()[1].startswith("PDF fonts: body=")
    code, out, _ = run(
        capsys, "export", SMALL, "-o", str(tmp_path / "s.pdf"), "--forms", "summary", "--lang", "zh"
    )
    assert out.splitlines()[1] == "PDF 字体：" + "；".join(map(str, fonts_used().values()))
