"""Every problem in one pass: a file with 200 planted faults lists exactly those 200.

Ten kinds of fault, each planted in twenty visits of their own, one fault a
visit: the loader, ``sanquan validate --all`` and ``sanquan validate --json``
must each list all 200, each at its visit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core.cli import main

DATA = Path(__file__).parent / "data"

#: (what is changed in a good visit, the problem code it must give)
FAULTS: list[tuple[dict[str, Any], str]] = [
    ({"circle": "同学圈"}, "enum"),
    ({"visited_on": "2017/7/20"}, "date"),
    ({"headcount": 0}, "range"),
    ({"member_id": "m-nobody"}, "unknown_reference"),
    ({"target": "\u200b "}, "empty"),
    ({"headcount": 5.5}, "type"),
    ({"situatoin": "拼错的字段"}, "unknown_field"),
    ({"channel": "飞鸽传书"}, "enum"),
    ({"visited_on": "1850-01-01"}, "date_range"),
    ({"id": "v1"}, "duplicate_id"),
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[int, str]]]:
    doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    good = dict(doc["visits"][0])
    expected = []
    for n in range(200):
        change, code = FAULTS[n % len(FAULTS)]
        visit = {**good, "id": f"planted{n:03d}", **change}
        expected.append((len(doc["visits"]), code))
        doc["visits"].append(visit)
    path = tmp_path_factory.mktemp("faults") / "200.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path, expected


def test_the_loader_lists_all_200(planted: tuple[Path, list[tuple[int, str]]]) -> None:
    path, expected = planted
    with pytest.raises(sq.ValidationError) as info:
        sq.load(path)
    problems = info.value.problems
    assert len(problems) == 200
    got = sorted((p.loc[1], p.code) for p in problems)
    assert got == sorted(expected)
    assert all(p.loc[0] == "visits" for p in problems)


def test_validate_lists_all_200(
    planted: tuple[Path, list[tuple[int, str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = planted
    assert main(["validate", "--all", str(path)]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[0].endswith("200 problems found")
    assert len(lines) == 201
    assert "Traceback" not in err


def test_validate_json_lists_all_200(
    planted: tuple[Path, list[tuple[int, str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = planted
    assert main(["validate", "--json", str(path)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert sorted((p["loc"][1], p["code"]) for p in problems) == sorted(expected)
