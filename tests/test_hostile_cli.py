"""The command line against hostile use: every case exits as SPEC §7 says, with
one sentence naming the user's path or the plugin at fault, no traceback, and
nothing half-written left behind."""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sanquan_core as sq
from sanquan_core import _io, plugins
from sanquan_core.cli import main

from .campaigns import DATA
from .needs import without_plugins

SMALL = str(DATA / "small.json")
ROOT = Path(__file__).parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if _io.PARTIAL in p.name)


# -- mistakes: did-you-mean, CLI words ------------------------------------------


def test_misspelt_command_gets_a_suggestion(capsys):
    with pytest.raises(SystemExit) as info:
        main(["valdate", SMALL])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "did you mean 'validate'?" in err
    assert "Traceback" not in err


def test_misspelt_choice_gets_a_suggestion(capsys):
    with pytest.raises(SystemExit):
        main(["summary", SMALL, "--by", "grop"])
    assert "did you mean 'group'?" in capsys.readouterr().err


@pytest.mark.parametrize(
    "form",
    ["汇总表", "附件3", "附件3 情况汇总表", "附件3情况汇总表", "summary", "SUMMARY", "情况汇总表"],
)
def test_forms_by_any_of_their_names(capsys, tmp_path, form):
    target = tmp_path / "s.xlsx"
    code, _, err = run(capsys, "export", SMALL, "-o", str(target), "--forms", form)
    assert (code, err) == (0, "")
    assert target.exists()


@pytest.mark.parametrize(
    ("alias", "form"),
    [
        ("附件1", sq.Form.VISITS),
        ("登记表", sq.Form.VISITS),
        ("附件2", sq.Form.RESULTS),
        ("成果表", sq.Form.RESULTS),
        ("汇总表", sq.Form.SUMMARY),
        ("完成情况", sq.Form.COMPLETION),
        ("汇编", sq.Form.BOOK),
        ("通知", sq.Form.NOTICE),
        ("附件2 “三个一”工作成果登记表", sq.Form.RESULTS),
        ("附件2 三个一工作成果登记表", sq.Form.RESULTS),
    ],
)
def test_form_aliases(alias, form):
    from sanquan_core.exporters._dispatch import _forms

    assert _forms(alias) == (form,)


@pytest.mark.parametrize(("typed", "meant"), [("sumary", "summary"), ("汇总", "汇总表")])
def test_misspelt_form_gets_a_suggestion(capsys, tmp_path, typed, meant):
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x.xlsx"), "--forms", typed)
    assert code == 2
    assert err.startswith(f"sanquan: --forms: {typed!r} is not a form; did you mean {meant!r}?")
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_speaks_of_the_format_flag(capsys, tmp_path, monkeypatch):
    without_plugins(monkeypatch)
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "out.pdff"))
    assert code == 2
    assert err == (
        "sanquan: no format writes .pdff files; did you mean .pdf? Or name one with "
        "--format (the formats are xlsx, docx, pdf, csv, json).\n"
    )
    assert "format=" not in err


def test_misspelt_format_gets_a_suggestion(capsys, tmp_path):
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x"), "--format", "jsn")
    assert code == 2
    assert err.startswith("sanquan: 'jsn' is not a known format; did you mean 'json'?")


@pytest.mark.parametrize(
    ("flag", "value", "start"),
    [
        ("--offices", "经济",
         "sanquan: --offices: no group is supervised by '经济'; did you mean '经济委'?"),
        ("--groups", "经济界委员工作组",
         "sanquan: --groups: no group has the id '经济界委员工作组'; did you mean 'g1'?"),
        ("--kinds", "leed", "sanquan: --kinds: 'leed' is not a kind of item; did you mean 'lead'?"),
        ("--phase", "9", "sanquan: --phase: '9' is not a phase of the plan; the choices: 1 "),
    ],
)  # fmt: skip
def test_unknown_selection_gets_a_suggestion(capsys, tmp_path, flag, value, start):
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x.json"), flag, value)
    assert code == 2
    assert err.startswith(start)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("flag", ["--groups", "--offices", "--kinds", "--forms"])
@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_list_is_a_usage_error(capsys, tmp_path, flag, value):
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "x.json"), flag, value)
    assert code == 2
    assert err.startswith(f"sanquan: {flag} is empty; name at least one")
    assert list(tmp_path.iterdir()) == []


# -- the API tells a mistake from a failure -------------------------------------


def test_mistakes_and_failures_are_different_classes(small, monkeypatch):
    with pytest.raises(sq.UsageError):
        sq.export(small, io.BytesIO(), format="json", forms="charts")
    with pytest.raises(sq.UnknownFormatError):
        sq.export(small, io.BytesIO(), format="odt")
    with pytest.raises(sq.SelectionError) as info:
        sq.export(small, io.BytesIO(), format="json", offices=["经济"])
    assert isinstance(info.value, sq.UsageError)
    assert info.value.suggestions == ("经济委",)
    # Compatibility: the export-argument mistakes are still ExportErrors.
    with pytest.raises(sq.ExportError):
        sq.export(small, io.BytesIO(), format="odt")

    import sanquan_core.exporters.json as json_exporter

    def crash(campaign, stream, options):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(json_exporter, "export", crash)
    with pytest.raises(sq.ExportError) as failure:
        sq.export(small, io.BytesIO(), format="json")
    assert not isinstance(failure.value, sq.UsageError)


def test_the_errors_survive_pickling(small, tmp_path, monkeypatch):
    import pickle

    caught = []
    for kwargs in [
        {"format": "odt"},
        {"format": "json", "forms": "sumary"},
        {"format": "json", "forms": ""},
        {"format": "json", "offices": ["经济"]},
    ]:
        with pytest.raises(sq.UsageError) as info:
            sq.export(small, io.BytesIO(), **kwargs)
        caught.append(info.value)
    with pytest.raises(sq.TargetError) as target:
        sq.export(small, tmp_path, format="json")
    caught.append(target.value)

    def full(fh, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_io, "_write_all", full)
    with pytest.raises(sq.WriteError) as write:
        sq.export(small, tmp_path / "x.json")
    caught.append(write.value)
    for error in caught:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert vars(copy) == vars(error)


@pytest.mark.parametrize("target", [io.StringIO(), b"", 42])
def test_a_text_stream_is_refused_naming_what_to_pass(small, target):
    with pytest.raises(sq.TargetError, match=r"io\.BytesIO\(\), or open\(path, 'wb'\)"):
        sq.export(small, target, format="json")


# -- writes that destroy nothing ------------------------------------------------


def test_missing_folder_names_the_path_not_a_temporary(capsys, tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "out.pdf"
    code, _, err = run(capsys, "export", SMALL, "-o", str(target))
    assert code == 2
    assert err == (f"sanquan: cannot write {target}: the folder {target.parent} does not exist.\n")
    assert "sanquan-" not in err.replace("sanquan: ", "")


def test_a_folder_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path), "--format", "json")
    assert code == 2
    assert err == f"sanquan: cannot write {tmp_path}: it is a folder; name a file inside it.\n"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def device(tmp_path) -> Path:
    """A character device to write onto: a copy of /dev/null in tmp_path when
    running as root (so that a regression cannot replace the real one), else
    /dev/null itself (which nobody else may replace)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.stat(os.devnull).st_rdev)
        return node
    return Path(os.devnull)


def test_a_device_is_refused_not_replaced(capsys, device):
    before = os.stat(device)
    code, _, err = run(capsys, "export", SMALL, "-o", str(device), "--format", "json")
    assert code == 2
    assert err == (
        f"sanquan: cannot write {device}: it is a device, not a regular file; "
        "to write to standard output, use -o -.\n"
    )
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in device.parent.iterdir() if _io.PARTIAL in p.name]


def test_a_link_to_a_device_is_refused_naming_the_link(capsys, tmp_path, device):
    link = tmp_path / "out.json"
    link.symlink_to(device)
    code, _, err = run(capsys, "export", SMALL, "-o", str(link))
    assert code == 2
    assert err.startswith(f"sanquan: cannot write {link}: it is a device")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_symlink_loop_is_refused(capsys, tmp_path):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop.name)
    code, _, err = run(capsys, "export", SMALL, "-o", str(loop))
    assert code == 2
    assert err.startswith(
        f"sanquan: cannot write {loop}: it is a symbolic link that leads round in a loop."
    )
    assert loop.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused(capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "export", SMALL, "-o", str(fifo), "--format", "json")
    assert code == 2
    assert err.startswith(f"sanquan: cannot write {fifo}: it is a named pipe")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_symlink_is_followed_and_stays_a_link(capsys, tmp_path, small):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    code, _, _ = run(capsys, "export", SMALL, "-o", str(link))
    assert code == 0
    assert link.is_symlink()
    assert sq.load(real) == small
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_the_permission_bits_are_kept(capsys, tmp_path):
    target = tmp_path / "private.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    code, _, _ = run(capsys, "export", SMALL, "-o", str(target))
    assert code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") != "old"


def test_a_read_only_file_is_not_replaced(capsys, tmp_path, monkeypatch):
    target = tmp_path / "kept.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    monkeypatch.setattr(_io, "_writable", lambda path: False)  # as if not root
    code, _, err = run(capsys, "export", SMALL, "-o", str(target))
    assert code == 2
    assert err == f"sanquan: cannot write {target}: permission denied; nothing was written.\n"
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.json"]


def test_a_full_disk_says_which_path_and_how_much(capsys, tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def full(fh, data):
        fh.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_io, "_write_all", full)
    code, _, err = run(capsys, "export", SMALL, "-o", str(target))
    assert code == 2
    size = len(sq.dump(sq.load(SMALL)).encode("utf-8"))
    assert err.startswith(
        f"sanquan: cannot write {target}: the disk is full ({_io.human_size(size)} were needed, "
    )
    assert err.endswith(" are free); nothing was written.\n")
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_a_full_disk_in_the_api_is_a_write_error(small, tmp_path, monkeypatch):
    def full(fh, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_io, "_write_all", full)
    with pytest.raises(sq.WriteError) as info:
        sq.export(small, tmp_path / "out.json")
    error = info.value
    assert isinstance(error, OSError)
    assert isinstance(error, sq.ExportError)
    assert not isinstance(error, sq.UsageError)
    assert (error.errno, error.filename) == (errno.ENOSPC, str(tmp_path / "out.json"))
    assert error.needed == len(sq.dump(small).encode("utf-8"))
    assert list(tmp_path.iterdir()) == []


def test_stdout_for_every_format(capsysbinary, small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("json", "xlsx", "docx", "pdf", "csv"):
        forms = [] if name == "json" else ["--forms", "summary"]  # JSON makes no forms
        code = main(["export", SMALL, "-o", "-", "--format", name, *forms])
        out, err = capsysbinary.readouterr()
        assert code == 0, err
        assert b"Traceback" not in err
        assert list(tmp_path.iterdir()) == []  # no file named "-"
        if name == "json":
            assert sq.load(io.BytesIO(out)) == small
        elif name == "csv":
            assert out.startswith("\ufeff组别".encode())
        elif name == "pdf":
            assert out.startswith(b"%PDF-")
            assert b"PDF fonts:" in err
        else:
            assert out.startswith(b"PK\x03\x04")


def test_stdout_needs_a_format(capsys):
    code, out, err = run(capsys, "export", SMALL, "-o", "-")
    assert (code, out) == (2, "")
    assert "--format" in err


def test_a_stale_partial_file_is_removed_next_time(capsys, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f"out.json{_io.PARTIAL}{dead.stdout.strip()}"
    stale.write_bytes(b"half")
    alive = tmp_path / f"out.json{_io.PARTIAL}{os.getppid()}"  # a running process's
    alive.write_bytes(b"half")
    other = tmp_path / f"other.json{_io.PARTIAL}{dead.stdout.strip()}"
    other.write_bytes(b"half")
    code, _, _ = run(capsys, "export", SMALL, "-o", str(tmp_path / "out.json"))
    assert code == 0
    assert leftovers(tmp_path) == sorted([alive.name, other.name])


# -- plugins contained ----------------------------------------------------------


def register(module: str) -> None:
    import importlib

    plugins.register(importlib.import_module(f"tests.plugins.{module}"), name=module)


def test_a_bad_suffix_disables_that_exporter_only(capsys, tmp_path, small):
    register("bad_suffix")
    code, out, err = run(capsys, "formats")
    assert code == 0
    assert err == (
        "sanquan: warning: the exporter 'nosuffix' of plugin 'bad_suffix' (registered in code) "
        "is disabled: its suffix is None, not text starting with a dot such as '.csv'\n"
    )
    assert "fine" in out
    assert "nosuffix" not in out
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "a.json"))
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "b.fine"))
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "export", SMALL, "-o", str(tmp_path / "c"), "--format", "nosuffix")
    assert code == 2
    assert "'nosuffix' of plugin 'bad_suffix'" in err
    assert "is disabled" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.fine"]


@pytest.mark.parametrize(
    ("fmt", "says", "code"),
    [
        ("closes", "closed the stream it was given", 2),
        ("exits", "called sys.exit(0) instead of returning", 2),
        ("interrupts", "interrupted while the exporter 'interrupts' of plugin 'misbehaving'", 130),
    ],
)
def test_misbehaving_plugins_are_blamed_by_name(capsys, tmp_path, fmt, says, code):
    register("misbehaving")
    target = tmp_path / f"out.{fmt}"
    got, out, err = run(capsys, "export", SMALL, "-o", str(target))
    assert (got, out) == (code, "")
    assert says in err
    assert "plugin 'misbehaving'" in err
    assert "sanquan_core" not in err.replace("sanquan: ", "")
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_interrupt_is_a_keyboard_interrupt_in_the_api(small):
    register("misbehaving")
    with pytest.raises(KeyboardInterrupt) as info:
        sq.export(small, io.BytesIO(), format="interrupts")
    assert isinstance(info.value, sq.Interrupted)
    assert info.value.plugin == "misbehaving"


def test_a_crashing_plugin_is_a_failure_not_a_mistake(small):
    register("failing_export")
    with pytest.raises(sq.PluginError) as info:
        sq.export(small, io.BytesIO(), format="failing")
    assert not isinstance(info.value, sq.UsageError)
    assert info.value.plugin == "failing_export"


# -- signals --------------------------------------------------------------------


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], Path]:
    marker = tmp_path / "started"
    env = dict(os.environ, SANQUAN_TEST_MARKER=str(marker))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.plugins.run_cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"the export did not start: {err}")
        time.sleep(0.05)
    marker.unlink()
    return proc, marker


@pytest.fixture
def reap():
    """Kill, at the end of the test, any process the test started and left running."""
    started: list[subprocess.Popen[str]] = []
    yield started.append
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_sigterm_during_a_slow_plugin_leaves_nothing(tmp_path, reap):
    out = tmp_path / "out"
    out.mkdir()
    proc, _ = start(tmp_path, "--plugin", "tests.plugins.slow_export",
                    "export", SMALL, "-o", str(out / "doc.slow"))  # fmt: skip
    reap(proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err == "sanquan: stopped by SIGTERM; nothing was written\n"
    assert list(out.iterdir()) == []


def test_sigterm_while_the_file_is_written_removes_the_partial_file(tmp_path, reap):
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc.json").write_text("old", encoding="utf-8")
    proc, _ = start(tmp_path, "--slow-disk", "export", SMALL, "-o", str(out / "doc.json"))
    reap(proc)
    assert len(leftovers(out)) == 1  # the partial file exists while writing
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["doc.json"]
    assert (out / "doc.json").read_text(encoding="utf-8") == "old"


def test_after_sigkill_the_partial_file_says_what_it_is_and_goes_next_time(capsys, tmp_path, reap):
    out = tmp_path / "out"
    out.mkdir()
    proc, _ = start(tmp_path, "--slow-disk", "export", SMALL, "-o", str(out / "doc.json"))
    reap(proc)
    proc.kill()
    proc.communicate(timeout=60)
    (partial,) = leftovers(out)
    assert partial == f"doc.json{_io.PARTIAL}{proc.pid}"  # visible, not a dot file
    code, _, _ = run(capsys, "export", SMALL, "-o", str(out / "doc.json"))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["doc.json"]


@pytest.mark.parametrize("command", ["check", "summary", "validate"])
def test_terminal_escapes_in_names_never_reach_the_terminal(capsys, tmp_path, command):
    """A name holding an escape sequence or a bell prints them as ``?``, in every report."""
    import json

    doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    doc["members"][1]["name"] = "李\x1b[31m四\x07"
    doc["groups"][1]["name"] = "安丰\x1b]0;pwned\x07镇"
    if command == "validate":
        doc["visits"][0]["circle"] = "\x1b[2J同学圈"  # a problem naming the bad value
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, command, str(path))
    assert code == (1 if command == "validate" else 0)
    assert "\x1b" not in out + err
    assert "\x07" not in out + err
    assert "Traceback" not in err
