"""The commands added with the roll-up, merge, reminders, points and corrections,
against hostile input: a located sentence, the exit status docs/cli.md gives,
nothing half-written, nothing taken silently, no escape sequence run."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core._i18n import using
from sanquan_core.cli import main
from sanquan_core.documents.points import points_content

from .campaigns import DATA

SMALL = DATA / "small.json"
ESCAPES = "\x1b[2J\x1b]0;pwn\x07\u202e"


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def summary_json(tmp_path: Path, capsys: Any) -> dict[str, Any]:
    assert main(["summary", str(SMALL), "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


# -- rollup -------------------------------------------------------------------------


def test_rollup_a_name_too_long_to_be_a_file_is_a_county_name(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    # 200 CJK characters are 600 bytes: checking for a file of that name
    # raised ENAMETOOLONG ("cannot read or write …: File name too long").
    county = "长" * 200
    source = _write(tmp_path / "s.json", summary_json)
    out = tmp_path / "r.csv"
    code, said, err = run(capsys, "rollup", f"{county}={source}", "-o", str(out))
    assert (code, err) == (0, "")
    assert "1 county" in said
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert any(row.startswith(county + ",") for row in rows)


def test_rollup_unreadable_inputs_are_listed_together_and_exit_2(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "zip.json").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "gbk.json").write_bytes('{"a": "你"}'.encode("gb18030"))
    summary_json["rows"][0]["participants"] = -3
    negative = _write(tmp_path / "neg.json", summary_json)
    out = tmp_path / "r.xlsx"
    names = [str(tmp_path / n) for n in ("empty.json", "zip.json", "gbk.json")]
    code, _out, err = run(capsys, "--lang", "zh", "rollup", *names, negative, "-o", str(out))
    assert code == 2  # not JSON: input that cannot be read (docs/cli.md)
    lines = err.splitlines()
    assert lines[0] == "发现 4 个问题"
    # load's own sentences, in Chinese, each with its file
    assert lines[1] == "  empty.json：不是有效的 JSON：第 1 行第 1 列，此处应有一个值"
    assert lines[2] == "  zip.json：这是 ZIP 压缩包，不是 sanquan/1 JSON 数据：请先解压"
    assert lines[3].startswith("  gbk.json：不是 UTF-8 文本")
    assert "GBK/GB18030" in lines[3]
    assert lines[4].startswith("  neg.json, rows[0].participants：人数或条数不能为负数")
    assert "Expecting" not in err
    assert list(tmp_path.glob("r.xlsx*")) == []


def test_rollup_refuses_what_load_refuses_a_key_twice_nan_a_huge_count(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    text = json.dumps(summary_json, ensure_ascii=False)
    (tmp_path / "dup.json").write_text(text.replace('"rows": [', '"rows": [], "rows": [', 1))
    row = summary_json["rows"][0]
    (tmp_path / "nan.json").write_text(
        text.replace(f'"participants": {row["participants"]}', '"participants": NaN', 1)
    )
    summary_json["rows"][0]["participants"] = 10**400
    _write(tmp_path / "huge.json", summary_json)
    names = [str(tmp_path / n) for n in ("dup.json", "nan.json", "huge.json")]
    code, _out, err = run(capsys, "rollup", *names, "-o", str(tmp_path / "r.csv"))
    assert code == 1
    assert err.splitlines()[1:] == [
        "  dup.json, rows: the key 'rows' is written more than once; only the last would be "
        "kept [rows]",
        "  nan.json, rows[0].participants: NaN is not a number JSON allows [rows[0].participants]",
        "  huge.json, rows[0].participants: a count is at most 999999999999999, got a "
        "number of 401 digits [rows[0].participants]",
    ]
    assert not (tmp_path / "r.csv").exists()


def test_rollup_a_missing_outside_window_is_one_problem(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    del summary_json["outside_window"]
    source = _write(tmp_path / "s.json", summary_json)
    code, _out, err = run(capsys, "rollup", source, "-o", str(tmp_path / "r.csv"))
    assert code == 1
    assert err.splitlines() == [
        "1 problem found",
        "  s.json, outside_window: missing [outside_window]",
    ]


def test_rollup_names_with_escape_sequences_are_not_run_on_stderr(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    source = _write(tmp_path / "s.json", summary_json)
    name = f"a{ESCAPES}b"
    code, _out, err = run(
        capsys, "rollup", f"{name}={source}", f"{name}={source}", "-o", str(tmp_path / "r.csv")
    )
    assert code == 1
    assert "are both named a?[2J?]0;pwn??b" in err
    assert not {"\x1b", "\u202e", "\x07"} & set(err)


# -- remind, merge, import ----------------------------------------------------------


def test_remind_to_a_terminal_runs_no_escape_sequence(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    [owing] = [m for m in doc["members"] if m["id"] == "m2"]  # 李四 owes
    owing["name"] = "李\u202e四\x9b31m"
    data = _write(tmp_path / "d.json", doc)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _err = run(capsys, "remind", data, "-o", "-")
    assert code == 0
    assert "\u202e" not in out
    assert "\x9b" not in out
    assert "李?四?31m" in out
    assert len(out.splitlines()) > 1  # the rows are still rows

    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)  # to a file: as typed
    assert main(["remind", data, "-o", "-"]) == 0
    assert "李\u202e四" in capsys.readouterr().out


def test_merge_of_one_file_says_one_file(tmp_path: Path, capsys: Any) -> None:
    code, out, _err = run(capsys, "merge", str(SMALL), "-o", str(tmp_path / "m.json"))
    assert code == 0
    assert out.splitlines()[1].startswith("1 file: 3 groups, 4 members")


def test_import_errors_out_onto_an_input_is_refused(tmp_path: Path, capsys: Any) -> None:
    # The corrections workbook replaced the filled form it was made from.
    base = sq.load(SMALL)
    form = tmp_path / "form.xlsx"
    sq.template(base, form, group=base.groups[0].id)
    before = form.read_bytes()
    link = tmp_path / "link.xlsx"
    link.symlink_to(form)
    for target in (form, link):
        code, _out, err = run(
            capsys, "import", str(form), "--base", str(SMALL), "--dry-run",
            "--errors-out", str(target),
        )  # fmt: skip
        assert code == 2
        assert err == (
            f"sanquan import: --errors-out {target} is one of the files being read; "
            "name a new file for the corrections\n"
        )
    assert form.read_bytes() == before


# -- streaming summary, points -----------------------------------------------------------


def test_summarize_stream_refuses_a_records_key_written_twice(tmp_path: Path) -> None:
    # The stream summed both lists of visits; load keeps only the last and says so.
    text = SMALL.read_text(encoding="utf-8")
    assert text.count('"visits": [') == 1
    path = tmp_path / "twice.json"
    path.write_text(text.replace('"visits": [', '"visits": [], "visits": [', 1))
    with pytest.raises(sq.ValidationError) as loaded:
        sq.load(path)
    with pytest.raises(sq.ValidationError) as streamed:
        sq.summarize_stream(path)
    found = [(p.path, p.code) for p in streamed.value.problems]
    assert (
        found == [(p.path, p.code) for p in loaded.value.problems] == [("visits", "duplicate_key")]
    )


def test_the_points_cap_note_says_no_cap_without_a_unit() -> None:
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    doc["plan"]["points"] = {"visit": {"sector": 2}, "member_cap": 0}
    with using("zh"):
        note = points_content(sq.loads(json.dumps(doc, ensure_ascii=False))).note
    assert note == "注：超过积分上限的部分不计入合计（每人上限0分，每人每阶段上限不设）。"


def test_rollup_api_raises_decode_error_for_a_file_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("not json")
    with pytest.raises(sq.DecodeError) as caught:
        sq.rollup([str(tmp_path / "x.json")])
    [problem] = caught.value.problems
    assert (problem.code, problem.loc) == ("json", ("x.json",))


# -- standard output -----------------------------------------------------------------


def test_rollup_to_standard_output_writes_no_file_named_dash(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, summary_json: dict[str, Any]
) -> None:
    # `-o -` wrote a file called '-' in the current folder, and /dev/full's
    # sentence told the clerk to use `-o -`.
    source = _write(tmp_path / "s.json", summary_json)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "rollup", source, "-o", "-")
    assert code == 2
    assert "name it with --format" in err
    code, out, err = run(capsys, "rollup", f"东台市={source}", "-o", "-", "--format", "csv")
    assert (code, err) == (0, "wrote -: 1 county\n")
    assert out.splitlines()[-2].startswith("东台市,")
    code, _out, err = run(capsys, "rollup", source, "-o", "-", "--format", "csv", "--json")
    assert code == 2
    assert "--json and -o - would both write to standard output" in err
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, _out, err = run(capsys, "rollup", source, "-o", "-", "--format", "pdf")
    assert code == 2
    assert "standard output is a terminal" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_a_full_standard_output_is_a_translated_sentence(capsys: Any) -> None:
    import errno

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    out = sys.stdout
    sys.stdout = Full()
    try:
        code = main(["--lang", "zh", "summary", str(SMALL), "--json"])
    finally:
        sys.stdout = out
    assert code == 2
    assert capsys.readouterr().err == "sanquan：无法写入：磁盘已满\n"


def test_rollup_api_one_path_no_input_and_negative_jobs(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    source = _write(tmp_path / "county.json", summary_json)
    # A lone path was iterated letter by letter: "cannot open 'c': no such file".
    table = sq.rollup(source)
    assert [row.group for row in table.rows] == ["county"]
    with pytest.raises(sq.UsageError, match="needs at least one county"):
        sq.rollup([], tmp_path / "empty.csv")  # wrote a table of no county
    with pytest.raises(
        sq.UsageError, match="jobs must be a whole number, 0 for one per CPU, got -1"
    ):
        sq.rollup([source], jobs=-1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.json"]


def test_merge_of_two_plans_names_the_phase_and_shows_no_python(
    tmp_path: Path, capsys: Any
) -> None:
    # It printed "时间安排为 (Phase(name='…', ends_on=date…" and "通知标题为 ，".
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    doc["plan"]["phases"][0]["ends_on"] = "2017-08-01"
    doc["plan"]["notice_title"] = "通知"
    other = _write(tmp_path / "other.json", doc)
    out = tmp_path / "all.json"
    code, _out, err = run(capsys, "--lang", "zh", "merge", str(SMALL), other, "-o", str(out))
    assert code == 1
    lines = err.replace(other, "other.json").replace(str(SMALL), "small.json").splitlines()
    assert lines[0] == (
        "  other.json，plan.phases[0].ends_on：方案的“时间安排第 1 项的截止日期”为 2017-08-01，"
        "而 small.json 中为 2017-07-31；只有同一方案的数据集才能合并"
    )
    assert lines[1] == (
        "  other.json，plan.notice_title：方案的“通知标题”为 通知，而 small.json 中为 —；"
        "只有同一方案的数据集才能合并"
    )
    assert "Phase(" not in err
    assert not out.exists()


@pytest.mark.parametrize("unit", ["👨‍👩‍👧‍👦", "李\u0301"])
def test_a_long_name_is_cut_between_graphemes_in_a_reminder(unit: str) -> None:
    # The cut fell inside a family emoji (👨‍ and a dangling joiner) or took a mark's base.
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    [owing] = [m for m in doc["members"] if m["id"] == "m2"]
    owing["name"] = unit * 100
    campaign = sq.loads(json.dumps(doc, ensure_ascii=False))
    [text] = [r.text for r in sq.reminders(campaign) if r.member_id == "m2"]
    assert len(text) <= 70
    head = text.split("…")[0]
    assert head
    assert head == unit * (len(head) // len(unit))


def test_json_on_standard_output_escapes_what_a_terminal_acts_on(
    tmp_path: Path, capsys: Any
) -> None:
    # json.dump escapes ESC but left U+202E and the C1 controls (CSI is \x9b) as they are.
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    doc["members"][0]["name"] = "张\x1b[31m三\u202e\x9b2J"
    doc["plan"]["points"] = {"visit": {"sector": 2}}
    data = _write(tmp_path / "d.json", doc)
    code, out, _err = run(capsys, "points", data, "--json")
    assert code == 0
    assert not {"\x1b", "\u202e", "\x9b"} & set(out)
    assert '"member": "张\\u001b[31m三\\u202e\\u009b2J"' in out
    names = [m["member"] for m in json.loads(out)["members"]]
    assert "张\x1b[31m三\u202e\x9b2J" in names  # the same data, read back


def _plan_last(tmp_path: Path) -> Path:
    doc = json.loads(SMALL.read_text(encoding="utf-8"))
    plan = doc.pop("plan")
    path = tmp_path / "plan-last.json"
    _write(path, {**doc, "plan": plan})
    return path


def test_summary_json_of_a_pipe_whose_plan_comes_last(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stream read the pipe a second time for the plan, found it empty and
    # said "not valid JSON: Expecting value at line 1, column 1".
    import os
    import threading

    data = _plan_last(tmp_path).read_bytes()
    expected = sq.summarize(sq.load(SMALL)).as_dict()

    def pipe() -> str:
        fd_r, fd_w = os.pipe()

        def feed() -> None:
            with os.fdopen(fd_w, "wb") as out:
                out.write(data)

        threading.Thread(target=feed, daemon=True).start()
        return f"/dev/fd/{fd_r}"

    code, out, err = run(capsys, "summary", pipe(), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == expected
    with pytest.raises(sq.UsageError, match="not a regular file and its plan comes after"):
        sq.summarize_stream(pipe())


def test_rollup_one_file_under_two_names_is_refused(
    tmp_path: Path, capsys: Any, summary_json: dict[str, Any]
) -> None:
    # It was summed twice: the prefecture's total doubled without a word.
    source = _write(tmp_path / "county.json", summary_json)
    link = tmp_path / "link.json"
    link.symlink_to(source)
    out = tmp_path / "r.csv"
    code, _out, err = run(
        capsys, "--lang", "zh", "rollup", f"甲={source}", f"乙={link}", "-o", str(out)
    )
    assert code == 1
    assert err.splitlines()[1] == (
        f"  link.json：{link} 与 {source} 是同一个文件，该县（市、区）会被重复计算（甲 和 乙）"
    )
    assert not out.exists()
