"""The example plugin in examples/sanquan-markdown, installed like a third-party one."""

from __future__ import annotations

import io

import pytest

import sanquan_core as sq
from sanquan_core import plugins

from .needs import installed, need


@pytest.fixture(autouse=True)
def _installed():
    need(
        installed("sanquan-markdown"), "the example plugin: pip install ./examples/sanquan-markdown"
    )


def test_it_is_listed_with_its_distribution():
    (entry,) = [r for r in plugins.registered_exporters() if r.exporter.name == "md"]
    assert entry.plugin == "markdown"
    assert entry.origin == "sanquan-markdown 0.1.0"
    assert [e.name for e in sq.formats()][:5] == ["xlsx", "docx", "pdf", "csv", "json"]


def test_export_through_it_by_name(demo):
    out = io.BytesIO()
    sq.export(demo, out, format="md")
    lines = out.getvalue().decode("utf-8").splitlines()
    assert lines[0] == f"# {demo.plan.title}"
    total = sq.summarize(demo).total
    expected = [
        "汇总",
        str(total.participants),
        *(str(total.visited[c]) for c in sq.Circle),
        *(str(total.submitted[k]) for k in sq.SubmissionKind),
    ]
    (row,) = [line for line in lines if line.startswith("| 汇总 |")]
    assert [cell.strip() for cell in row.strip("|").split("|")] == expected
    report = sq.check(demo)
    first = report.reminders[0]
    names = "、".join(demo.member(m).name for m in first.member_ids)
    assert any(line.endswith(names) for line in lines)


def test_suffix_picks_it(small, tmp_path):
    sq.export(small, tmp_path / "summary.md", forms=["summary"])
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| 汇总 | 3 | 8 | 3 | 1 | 3 | 1 | 2 |" in text
    assert "催报名单" not in text  # only the forms asked for


def test_the_example_plugin_passes_mypy_strict() -> None:
    """docs/plugins.md promises a fully annotated exporter: the example is one."""
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).parent.parent / "examples" / "sanquan-markdown" / "src"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(src / "sanquan_markdown"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
