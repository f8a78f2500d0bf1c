"""Every sentence in two languages: the catalogs are complete, the CLI follows the locale."""

from __future__ import annotations

import importlib.util
import os
import re
import string
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sanquan_core
from sanquan_core import _i18n
from sanquan_core._demo import demo_bytes
from sanquan_core.cli import main

from .campaigns import DATA
from .needs import installed, need

ROOT = Path(__file__).resolve().parent.parent
TEN = str(DATA / "ten_mistakes.json")
SMALL = str(DATA / "small.json")


def _scripts() -> ModuleType:
    """scripts/i18n.py, which extracts and compiles with Babel (the ``test`` extra)."""
    need(installed("babel"), "Babel (pip install -e .[test])")
    spec = importlib.util.spec_from_file_location("sanquan_i18n_script", ROOT / "scripts/i18n.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _scripts()


# -- the catalogs ---------------------------------------------------------------


class TestCatalog:
    def test_every_message_in_the_source_has_chinese(self, tool):
        """A new _() without a translation fails here: run scripts/i18n.py update."""
        template = tool.extract()
        assert len(template) > 200
        missing = tool.untranslated(tool.read("zh_CN"), template)
        assert missing == [], "translate these in the .po, then run scripts/i18n.py compile"

    def test_the_template_is_up_to_date(self, tool):
        with tool.POT.open("rb") as f:
            from babel.messages.pofile import read_po

            pot = {m.id for m in read_po(f) if m.id}
        assert pot == {m.id for m in tool.extract() if m.id}, "run scripts/i18n.py extract"

    def test_the_compiled_catalog_is_up_to_date(self, tool):
        for locale in tool.LOCALES:
            assert tool.mo_path(locale).read_bytes() == tool.mo_bytes(tool.read(locale)), (
                "run scripts/i18n.py compile"
            )

    def test_the_catalog_ships_inside_the_package(self):
        package = Path(sanquan_core.__file__).parent
        assert (package / "locale/zh_CN/LC_MESSAGES/sanquan_core.mo").is_file()

    def test_placeholders_match(self, tool):
        def fields(text: str) -> list[tuple[str, str, str]]:
            return sorted(
                (name, spec or "", conv or "")
                for _, name, spec, conv in string.Formatter().parse(text)
                if name is not None
            )

        wrong = []
        for message in tool.read("zh_CN"):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for translated in strings:
                if fields(translated) != fields(ids[-1]):
                    wrong.append((ids[-1], translated))
        assert wrong == []

    def test_no_translation_is_left_english(self, tool):
        """Every msgstr holds Chinese, or is a pattern of placeholders and punctuation."""
        english = []
        for message in tool.read("zh_CN"):
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for translated in strings:
                bare = re.sub(r"\{[^{}]*\}", "", translated)
                if re.search(r"[A-Za-z]{4,}", bare) and not _CJK.search(bare):
                    english.append(translated)
        assert english == []


# -- what the command line prints -------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
#: ASCII words a Chinese screen may show: the program, its commands, options'
#: values, format and file-type names, and the few technical names a clerk types.
ALLOWED = frozenset(
    """
    sanquan sanquan_core SANQUAN_LANG SANQUAN_DEBUG SIGTERM zh en
    h help lang version json all by width output format forms redact
    groups offices kinds phase filled every tolerance
    demo validate check summary export schema formats import template points remind reminders
    progress deliver sender NAME TEXT KEY VALUE G
    group kind office body visits results completion book notice suggestion working liaison
    week day SHARE
    DATA DIR OUT F LIST IDS NAMES KINDS PHASE N COMMAND
    groups offices kinds phase filled
    demo validate check summary export schema formats import template merge rollup jobs
    group kind office body visits results completion book notice suggestion working liaison
    DATA DIR OUT F LIST IDS NAMES KINDS PHASE N COMMAND SUMMARY NAME FILE
    JSON Schema XLSX DOCX PDF CSV Excel Word UTF YYYY MM DD md
    dongtai yancheng
    """.split()  # noqa: SIM905 - a list of words reads better as words
)  # the last line: body ids in ten_mistakes.json


def english_words(text: str) -> set[str]:
    """ASCII words in *text* that are not ids, paths, options, quoted values or allowed."""
    text = re.sub(r"\[[^\]\n]*\]", " ", text)  # JSON paths and rule names: [visits[1].visited_on]
    text = re.sub(r"'[^'\n]*'", " ", text)  # quoted values: '2017/7/20'
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)  # option names
    text = re.sub(r"\S*[/\\.]\S*", " ", text)  # file names, sanquan/1, 附件3's suffixes
    words = set(re.findall(r"[A-Za-z][A-Za-z_]*\d*", text))
    return {w for w in words if w not in ALLOWED and not re.search(r"\d", w)}


@pytest.fixture
def demo_file(tmp_path) -> str:
    path = tmp_path / "demo.json"
    path.write_bytes(demo_bytes())
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 0
    return capsys.readouterr().out


class TestChinese:
    def test_help_is_chinese(self, capsys):
        out = run_help(capsys, "--lang", "zh", "--help")
        assert out.startswith("用法：sanquan")
        assert "显示本帮助并退出" in out
        assert "选项：" in out
        assert "命令：" in out
        assert "usage" not in out
        assert "show this help" not in out
        assert english_words(out) == set()

    @pytest.mark.parametrize(
        "command",
        ["demo", "validate", "check", "summary", "export", "schema", "formats", "merge", "rollup"],
    )
    def test_each_command_s_help_is_chinese(self, capsys, command):
        out = run_help(capsys, command, "--help", "--lang", "zh")
        assert out.startswith(f"用法：sanquan {command}")
        assert english_words(out) == set()

    def test_validate_names_records_and_fields_in_chinese(self, capsys):
        code, out, err = run(capsys, "--lang", "zh", "validate", TEN)
        assert (code, out) == (1, "")
        assert err.splitlines()[0] == f"{TEN}：发现 10 个问题"
        assert (
            "  走访记录 v2（张三）：走访日期 '2017/7/20' 不是 YYYY-MM-DD 格式的日期"
            "（例如 2017-07-15） [visits[1].visited_on]" in err.splitlines()
        )
        assert english_words(err) == set()

    def test_check_is_chinese(self, capsys, demo_file):
        code, out, _ = run(capsys, "check", demo_file, "--lang", "zh")
        assert code == 0
        assert out.splitlines()[0] == "三个一完成情况：委员320人，已完成253人，未完成67人"
        assert "催报名单（未完成的委员，按联系委办、组别排列）" in out
        assert "      谢卫（m001）：缺经济社会发展建议1条、社情民意信息1条" in out
        assert english_words(out) == set()

    def test_summary_is_chinese(self, capsys, demo_file):
        code, out, _ = run(capsys, "summary", demo_file, "--lang", "zh", "--width", "60")
        assert code == 0
        assert english_words(out) == set()

    def test_usage_errors_are_chinese(self, capsys):
        with pytest.raises(SystemExit) as exc:
            main(["--lang", "zh", "summary", SMALL, "--by", "grop"])
        code = exc.value.code
        err = capsys.readouterr().err
        assert code == 2
        assert "sanquan summary：错误：参数 --by：'grop' 不是" in err
        assert "用法：" in err
        assert "usage" not in err
        with pytest.raises(SystemExit):
            main(["--lang", "zh", "validate"])
        assert "缺少以下参数：DATA" in capsys.readouterr().err

    def test_failures_are_chinese(self, capsys, tmp_path):
        code, _, err = run(capsys, "--lang", "zh", "check", str(tmp_path / "nothing.json"))
        assert code == 2
        assert err.startswith("sanquan：无法打开 ")
        assert err.rstrip().endswith("文件不存在")
        code, _, err = run(capsys, "--lang", "zh", "export", SMALL, "-o", str(tmp_path / "x.foo"))
        assert code == 2
        assert "没有格式写 .foo 文件" in err


class TestEnglish:
    def test_help_is_english(self, capsys):
        out = run_help(capsys, "--lang", "en", "--help")
        assert out.startswith("usage: sanquan")
        assert "show this help and exit" in out
        assert "用法" not in out
        assert "显示" not in out

    def test_validate_is_english(self, capsys):
        _, _, err = run(capsys, "--lang", "en", "validate", TEN)
        assert err.splitlines()[0] == f"{TEN}: 10 problems found"
        assert "visit v2 (张三), visited_on: '2017/7/20' is not a date written YYYY-MM-DD" in err
        assert "走访" not in err
        assert "委员 " not in err

    def test_check_is_english(self, capsys, demo_file):
        _, out, _ = run(capsys, "--lang", "en", "check", demo_file)
        assert (
            out.splitlines()[0] == "三个一 completion: 253 of 320 members complete, 67 incomplete"
        )
        assert "      谢卫 (m001): missing 1 suggestion, 1 opinion" in out
        for chinese in ("缺", "催报名单（", "完成情况", "未计入", "提示"):
            assert chinese not in out
        # Outside data values (names, groups, offices) and captions, no Chinese.
        assert not _CJK.search(out.splitlines()[2])  # the table's header


class TestChoosingTheLanguage:
    @pytest.fixture(autouse=True)
    def _no_locale(self, monkeypatch):
        for variable in ("SANQUAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(variable, raising=False)

    @pytest.fixture(autouse=True)
    def _capture(self, capsys):
        self._capsys = capsys

    def said(self, *argv: str) -> str:
        assert main([*argv, "check", SMALL]) == 0
        return self._capsys.readouterr().out.splitlines()[0]

    ZH = "三个一完成情况：委员4人，已完成1人，未完成3人"
    EN = "三个一 completion: 1 of 4 members complete, 3 incomplete"

    def test_sanquan_lang(self, monkeypatch):
        monkeypatch.setenv("SANQUAN_LANG", "zh")
        assert self.said() == self.ZH
        monkeypatch.setenv("SANQUAN_LANG", "en")
        assert self.said() == self.EN

    def test_a_chinese_locale(self, monkeypatch):
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert self.said() == self.ZH
        monkeypatch.setenv("LC_ALL", "C")  # LC_ALL comes before LANG
        assert self.said() == self.EN

    def test_lc_messages_comes_before_lang(self, monkeypatch):
        monkeypatch.setenv("LANG", "en_US.UTF-8")
        monkeypatch.setenv("LC_MESSAGES", "zh_CN.GB18030")
        assert self.said() == self.ZH

    @pytest.mark.parametrize("lang", ["C", "C.UTF-8", "POSIX", "en_GB.UTF-8", "de_DE.UTF-8"])
    def test_other_locales_get_english(self, monkeypatch, lang):
        monkeypatch.setenv("LANG", lang)
        assert self.said() == self.EN

    def test_no_locale_at_all_gets_english(self, monkeypatch):
        if sys.platform == "win32":  # pragma: no cover - the Windows UI language decides
            pytest.skip("Windows asks the UI language")
        assert self.said() == self.EN

    def test_the_option_overrides_the_environment(self, monkeypatch):
        monkeypatch.setenv("SANQUAN_LANG", "zh")
        assert self.said("--lang", "en") == self.EN
        assert self.said("--lang=en") == self.EN
        monkeypatch.setenv("SANQUAN_LANG", "en")
        monkeypatch.setenv("LANG", "C")
        assert self.said("--lang", "zh") == self.ZH

    def test_the_option_after_the_command(self, monkeypatch):
        assert main(["check", SMALL, "--lang", "zh"]) == 0
        assert self._capsys.readouterr().out.splitlines()[0] == self.ZH

    def test_a_wrong_language_is_a_usage_error(self):
        with pytest.raises(SystemExit) as exc:
            main(["--lang", "fr", "check", SMALL])
        assert exc.value.code == 2
        assert "'fr' is not one of zh, en" in self._capsys.readouterr().err

    def test_the_option_does_not_outlive_the_command(self, monkeypatch):
        monkeypatch.setenv("LANG", "C")
        self.said("--lang", "zh")
        assert _i18n.language() == "en"

    def test_the_installed_command_follows_lang(self, monkeypatch):
        """A real process, as a clerk's terminal starts it."""
        env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
        env.pop("SANQUAN_LANG", None)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(sanquan_core.__file__).parent.parent), env.get("PYTHONPATH", "")]
        )
        for lang, expected in (("zh_CN.UTF-8", "用法：sanquan"), ("C", "usage: sanquan")):
            env["LANG"] = lang
            result = subprocess.run(
                [sys.executable, "-m", "sanquan_core", "--help"],
                capture_output=True,
                env=env,
                check=True,
            )
            assert result.stdout.decode("utf-8").startswith(expected)
