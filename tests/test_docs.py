"""The docs cannot rot: console examples run, the format page names every field.

Python examples in docs/*.md run as doctests (pytest --doctest-glob).
"""

from __future__ import annotations

import importlib.metadata
import re
import shlex
from pathlib import Path

import attrs
import pytest

import sanquan_core as sq
from sanquan_core import plugins
from sanquan_core._demo import demo_bytes
from sanquan_core.cli import _parser, main

DOCS = Path(__file__).parent.parent / "docs"
README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def console_examples() -> list[tuple[str, str, list[str]]]:
    """(page, command, expected output lines) for every `$ sanquan` line of the docs."""
    found = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        for block in BLOCK.findall(page.read_text(encoding="utf-8")):
            command, expected = None, []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command and command.startswith("sanquan "):
                        found.append((page.name, command, expected))
                    command, expected = line[2:], []
                else:
                    expected.append(line)
            if command and command.startswith("sanquan "):
                found.append((page.name, command, expected))
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
    ("page", "command", "expected"), EXAMPLES, ids=[f"{p}:{c}" for p, c, _ in EXAMPLES]
)
def test_console_example(page, command, expected, tmp_path, monkeypatch, capsys):
    (tmp_path / "sanquan-demo").mkdir()
    (tmp_path / "sanquan-demo" / "demo.json").write_bytes(demo_bytes())
    monkeypatch.chdir(tmp_path)
    # The docs show a fresh install: no third-party plugins.
    real = importlib.metadata.entry_points
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **kw: importlib.metadata.EntryPoints(()) if kw.get("group") else real(**kw),
    )
    plugins.reset()
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
    pages = {page for page, _, _ in EXAMPLES}
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
