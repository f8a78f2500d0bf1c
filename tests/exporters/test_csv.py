"""The csv exporter: one declared table per file, UTF-8 with BOM, nothing a spreadsheet runs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest

import sanquan_core as sq
from sanquan_core import captions
from sanquan_core.cli import main
from sanquan_core.documents.tables import VISIT_COLUMNS
from tests import campaigns
from tests.readback import render


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel reads UTF-8 only after a byte-order mark"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def small() -> sq.Campaign:
    return campaigns.small()


def test_summary_has_the_seeds_two_level_header_and_the_numbers(small: sq.Campaign) -> None:
    rows = rows_of(render(small, "csv", forms=["summary"]))
    assert rows[0] == [
        "组别",
        "参与活动委员人数",
        "走访“圈子”人数",
        "",
        "",
        "“三个一”工作报送条数",
        "",
        "",
    ]
    assert rows[1] == ["", "", "界别圈", "生活圈", "朋友圈", *captions.KIND_COLUMNS]
    # counted by hand in tests/data/small.json (see test_summary): total 3 | 8 3 1 | 3 1 2
    assert rows[-1] == ["汇总", "3", "8", "3", "1", "3", "1", "2"]
    summary = sq.summarize(small)
    assert [r[0] for r in rows[2:-1]] == [row.group for row in summary.rows]


def test_visits_one_row_per_visit_with_the_declared_captions(small: sq.Campaign) -> None:
    rows = rows_of(render(small, "csv", forms=["visits"]))
    assert rows[0] == [c.caption.replace("\n", "") for c in VISIT_COLUMNS]
    assert rows[0][:3] == ["编号", "走访人员", "所在委员工作（联络）组"]
    assert sorted(r[0] for r in rows[1:]) == sorted(v.id for v in small.visits)
    by_id = {r[0]: r for r in rows[1:]}
    outside = sq.check(small).outside_window.visits
    for visit in small.visits:
        row = by_id[visit.id]
        assert row[5] == visit.visited_on.isoformat()
        assert row[8] == str(visit.headcount)
        assert (row[-1] == captions.OUTSIDE_MARK) == (visit.id in outside)


@pytest.mark.parametrize("form", ["results", "completion", "book"])
def test_every_tabular_form_has_one_row_per_record(small: sq.Campaign, form: str) -> None:
    rows = rows_of(render(small, "csv", forms=[form]))
    report = sq.check(small)
    expected = {
        "results": len(small.members),
        "completion": len(report.members),
        "book": sum(1 for s in small.submissions if small.plan.in_window(s.submitted_on)),
    }[form]
    assert len(rows) - 1 == expected


@pytest.mark.parametrize("text", ["=1+1", "+86 139", "-2", "@SUM(A1)", "\tx", "＝1"])
def test_formula_text_is_neutralised(small: sq.Campaign, text: str) -> None:
    visits = (attrs.evolve(small.visits[0], target=text), *small.visits[1:])
    rows = rows_of(render(attrs.evolve(small, visits=visits), "csv", forms=["visits"]))
    row = next(r for r in rows if r[0] == small.visits[0].id)
    assert row[3] == "'" + text


def test_neutralise_covers_owasps_list() -> None:
    from sanquan_core.exporters.csv import neutralise

    # a carriage return never reaches a cell (the content layer makes it a line break)
    assert [neutralise(t) for t in ("=a", "+a", "-a", "@a", "\ta", "\ra", "a=b")] == [
        "'=a",
        "'+a",
        "'-a",
        "'@a",
        "'\ta",
        "'\ra",
        "a=b",
    ]


def test_line_breaks_stay_inside_a_quoted_cell(small: sq.Campaign) -> None:
    visits = (attrs.evolve(small.visits[0], situation="第一行\n第二行"), *small.visits[1:])
    rows = rows_of(render(attrs.evolve(small, visits=visits), "csv", forms=["visits"]))
    assert any(r[9] == "第一行\n第二行" for r in rows)


def test_one_form_per_file(small: sq.Campaign) -> None:
    with pytest.raises(sq.UsageError, match="one form"):
        render(small, "csv")
    with pytest.raises(sq.UsageError, match="does not make notice"):
        render(small, "csv", forms=["notice"])


def test_cli_writes_the_summary_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).parent.parent / "data" / "small.json"
    out = tmp_path / "s.csv"
    assert main(["export", str(data), "-o", str(out), "--forms", "summary"]) == 0
    rows = rows_of(out.read_bytes())
    assert rows[0][0] == "组别"
    assert rows[-1][0] == "汇总"
