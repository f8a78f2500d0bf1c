"""The summary table on a terminal: measured with wcwidth, fitted to the width."""

from __future__ import annotations

import re

import pytest
import wcwidth

import sanquan_core as sq
from sanquan_core import _terminal, _text
from sanquan_core.cli import main

from .campaigns import DATA

DEMO_NAME = "demo.json"


class TestWidth:
    @pytest.mark.parametrize(
        ("text", "columns"),
        [
            ("\u200b", 0),  # zero-width space
            ("a\u200bb", 2),
            ("\u0301", 0),  # a combining mark alone
            ("e\u0301", 1),  # é as e + combining acute
            ("\u1100\u1161", 2),  # a Hangul syllable from jamo
            ("👍", 2),
            ("👍🏻", 2),  # with a skin tone
            ("👨\u200d👩\u200d👧", 2),  # a family joined by ZWJ
            ("汉字", 4),
            ("ＡＢ", 4),  # full-width Latin
            ("abc", 3),
            ("", 0),
        ],
    )
    def test_display_width(self, text, columns):
        assert _terminal.display_width(text, 1) == columns
        assert _text.width(text) == columns

    @pytest.mark.parametrize("char", ["“", "”", "─", "·", "°"])
    def test_ambiguous_characters_follow_the_locale(self, char, monkeypatch):
        assert _terminal.display_width(char, 1) == 1
        assert _terminal.display_width(char, 2) == 2
        monkeypatch.delenv("SANQUAN_AMBIGUOUS_WIDTH")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_CTYPE", raising=False)
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert _terminal.ambiguous_width() == 2
        assert _text.width(char) == 2
        monkeypatch.setenv("LANG", "en_GB.UTF-8")
        assert _text.width(char) == 1
        monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
        assert _text.width(char) == 2
        monkeypatch.setenv("SANQUAN_AMBIGUOUS_WIDTH", "1")
        assert _text.width(char) == 1

    def test_controls_are_not_sent_to_the_terminal(self):
        assert _terminal.terminal_safe("a\x1b[31mb\x07c\u202ed\ne") == "a?[31mb?c?d e"

    def test_wrap_measures_chinese(self):
        lines = _terminal.wrap("政协委员聚焦“三圈”大走访活动情况汇总表", 10, 2)
        assert "".join(lines) == "政协委员聚焦“三圈”大走访活动情况汇总表"
        assert all(_terminal.display_width(line, 2) <= 10 for line in lines)

    def test_terminal_columns(self, monkeypatch):
        monkeypatch.setenv("COLUMNS", "72")
        assert _terminal.terminal_columns() == 72
        monkeypatch.delenv("COLUMNS")
        import io

        assert _terminal.terminal_columns(io.StringIO()) is None


def expected_numbers(summary: sq.Summary) -> list[list[int]]:
    def numbers(t: sq.Tally) -> list[int]:
        return [t.participants, *t.visited.values(), *t.submitted.values()]

    return [numbers(row.tally) for row in summary.rows] + [numbers(summary.total)]


def number_rows(lines: list[str]) -> list[list[int]]:
    """The rows of a columned table: lines ending in seven numbers."""
    found = []
    for line in lines:
        tail = line.split()[-7:]
        if len(tail) == 7 and all(t.isdigit() for t in tail):
            found.append([int(t) for t in tail])
    return found


def stacked_numbers(lines: list[str]) -> list[list[int]]:
    """The rows of the stacked layout: blocks of seven 'label number' lines."""
    values = [int(m.group(1)) for line in lines if (m := re.fullmatch(r"  \S+\s+(\d+)", line))]
    return [values[i : i + 7] for i in range(0, len(values), 7)]


@pytest.fixture
def demo_file(tmp_path):
    from sanquan_core._demo import demo_bytes

    path = tmp_path / DEMO_NAME
    path.write_bytes(demo_bytes())
    return path


def run_summary(capsys, *args) -> list[str]:
    assert main(["summary", *map(str, args)]) == 0
    return capsys.readouterr().out.splitlines()


class TestFit:
    @pytest.mark.parametrize("ambiguous", ["1", "2"])
    @pytest.mark.parametrize("columns", [80, 60])
    def test_fits_the_terminal(self, capsys, monkeypatch, demo_file, columns, ambiguous):
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("SANQUAN_AMBIGUOUS_WIDTH", ambiguous)
        lines = run_summary(capsys, demo_file)
        amb = int(ambiguous)
        too_wide = [line for line in lines if wcwidth.width(line, ambiguous_width=amb) > columns]
        assert too_wide == []
        assert number_rows(lines) == expected_numbers(sq.summarize(sq.load_demo()))

    def test_without_a_limit_the_seed_captions_are_kept(self, capsys, demo_file):
        lines = run_summary(capsys, demo_file)
        assert max(_text.width(line) for line in lines) > 100
        assert "参与活动委员人数" in lines[4]
        assert not any(line.startswith("参与人数：") for line in lines)

    def test_short_captions_come_with_a_legend(self, capsys, demo_file):
        lines = run_summary(capsys, demo_file, "--width", 80)
        assert "参与人数：参与活动委员人数" in lines
        assert "双招双引：“双招双引”信息" in lines

    def test_rules_avoid_ambiguous_characters_in_a_cjk_locale(self, capsys, monkeypatch, demo_file):
        monkeypatch.setenv("SANQUAN_AMBIGUOUS_WIDTH", "2")
        lines = run_summary(capsys, demo_file, "--width", 80)
        assert not any("─" in line for line in lines)
        assert any(set(line) <= {"-", " "} and line for line in lines)

    def test_a_very_narrow_terminal_gets_a_block_per_group(self, capsys, demo_file):
        lines = run_summary(capsys, demo_file, "--width", 30)
        assert all(_text.width(line) <= 30 for line in lines)
        assert stacked_numbers(lines) == expected_numbers(sq.summarize(sq.load_demo()))

    @pytest.mark.parametrize("by", ["kind", "office", "body"])
    def test_rollups_fit_too(self, capsys, demo_file, by):
        lines = run_summary(capsys, demo_file, "--by", by, "--width", 60)
        assert all(_text.width(line) <= 60 for line in lines)

    def test_hostile_group_names_are_measured_and_defused(self, capsys, tmp_path, hostile):
        path = tmp_path / "hostile.json"
        sq.dump(hostile, path)
        for columns in (0, 80, 60):
            lines = run_summary(capsys, path, "--width", columns)
            assert not any("\x1b" in line or "\x00" in line for line in lines)
            if columns:
                assert all(_text.width(line) <= columns for line in lines)
            assert number_rows(lines) == expected_numbers(sq.summarize(hostile))

    def test_width_must_be_a_count(self, capsys):
        with pytest.raises(SystemExit) as info:
            main(["summary", str(DATA / "small.json"), "--width", "-1"])
        assert info.value.code == 2
        assert "not a number of columns" in capsys.readouterr().err


def test_footnote_is_a_translated_sentence(monkeypatch, small):
    seen = []

    def translate(message: str) -> str:
        seen.append(message)
        return f"«{message}»"

    monkeypatch.setattr(_text, "_", translate)
    lines = _text.summary_lines(small, sq.summarize(small), None)
    assert lines[-1].startswith("«Not counted, dated outside the campaign window («2017-07-11 to ")
    assert any("{visits} visits" in message for message in seen)
