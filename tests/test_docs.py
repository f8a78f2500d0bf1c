"""The docs cannot rot: console examples run, the format page names every field.

Python examples in docs/*.md run as doctests (pytest --doctest-glob).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import attrs
import pytest

import sanquan_core as sq
from sanquan_core._demo import demo_bytes
from sanquan_core.cli import _parser, main

from .needs import installed, need, without_plugins

DOCS = Path(__file__).parent.parent / "docs"
README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


PLUGIN_INSTALL = "pip install ./examples/sanquan-markdown"


def console_examples() -> list[tuple[str, str, list[str], bool]]:
    """(page, command, expected output, plugin installed) for each `$ sanquan` line.

    A command that follows ``pip install ./examples/sanquan-markdown`` in
    its block runs with the example plugin; the others run as on a fresh
    install, without third-party plugins.
    """
    found = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        for block in BLOCK.findall(page.read_text(encoding="utf-8")):
            command, expected, plugin = None, [], False
            for line in [*block.splitlines(), "$ end"]:
                if not line.startswith("$ "):
                    expected.append(line)
                    continue
                if command and command.startswith("sanquan "):
                    found.append((page.name, command, expected, plugin))
                command, expected = line[2:], []
                plugin = plugin or command == PLUGIN_INSTALL
    return found


def matches(expected: list[str], got: list[str]) -> bool:
    """Line by line; a line '...' stands for any number of lines."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and expected[0] == got[0] and matches(expected[1:], got[1:])


EXAMPLES = console_examples()


@pytest.mark.parametrize(
    ("page", "command", "expected", "plugin"), EXAMPLES, ids=[f"{e[0]}:{e[1]}" for e in EXAMPLES]
)
def test_console_example(page, command, expected, plugin, tmp_path, monkeypatch, capsys):
    (tmp_path / "sanquan-demo").mkdir()
    (tmp_path / "sanquan-demo" / "demo.json").write_bytes(demo_bytes())
    monkeypatch.chdir(tmp_path)
    if plugin:
        need(installed("sanquan-markdown"), f"the example plugin: {PLUGIN_INSTALL}")
    else:
        without_plugins(monkeypatch)
    args = shlex.split(command, comments=True)[1:]
    if not expected:
        # The page shows the command only (its files are the reader's):
        # it must at least be a valid command line.
        _parser().parse_args(args)
        return
    if args[0] == "demo":
        args += ["-o", str(tmp_path / "demo-out")]
    main(args)
    out, err = capsys.readouterr()
    got = (out + err).rstrip("\n").splitlines()
    assert matches(expected, got), "\n".join(got)


def test_there_are_console_examples():
    pages = {example[0] for example in EXAMPLES}
    assert {"quickstart.md", "cli.md"} <= pages


@pytest.mark.parametrize(
    ("heading", "cls"),
    [
        ("## `plan`", sq.Plan),
        ("A **phase**", sq.Phase),
        ("A **body**", sq.Body),
        ("## `groups[]`", sq.Group),
        ("## `members[]`", sq.Member),
        ("## `visits[]`", sq.Visit),
        ("## `submissions[]`", sq.Submission),
        ("## `follow_ups[]`", sq.FollowUpEvent),
    ],
)
def test_format_page_lists_every_field_with_its_caption(heading, cls):
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    table = section[: section.index("\n\n", section.index("|"))]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
    fields = [a for a in attrs.fields(cls) if not a.name.startswith("_")]
    assert list(rows) == [a.name for a in fields]
    for a in fields:
        assert rows[a.name][3] == a.metadata["caption"], a.name
        required = a.default is attrs.NOTHING
        assert (rows[a.name][2] == "✔") is required, a.name
