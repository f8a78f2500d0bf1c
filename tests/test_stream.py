"""``sq.summarize_stream``: the same Summary as ``summarize(load(path))``, the same problems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import sanquan_core as sq
from sanquan_core.errors import DecodeError, ValidationError
from tests.campaigns import DATA, small
from tests.strategies import campaigns
from tests.test_fastload import CORPUS, _prepare


def _problems(read: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        read()
    return [(p.path, p.code, p.sentence or p.message) for p in info.value.problems]


def test_the_small_campaign_by_hand(tmp_path: Path) -> None:
    summary = sq.summarize_stream(DATA / "small.json")
    assert summary == sq.summarize(small())
    # Worked out from tests/data/small.json (the same figures test_summary.py checks).
    assert summary.total == sq.summarize(small()).total
    assert summary.outside_window.visits == 2
    assert summary.outside_window.submissions == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(campaigns())
def test_generated_campaigns_summarise_the_same(tmp_path: Path, campaign: sq.Campaign) -> None:
    path = tmp_path / "c.json"
    sq.dump(campaign, path)
    assert sq.summarize_stream(path) == sq.summarize(campaign)
    assert sq.summarize_stream(path).as_dict() == sq.summarize(campaign).as_dict()


def test_the_plan_after_the_records_is_found_first(tmp_path: Path) -> None:
    doc = json.loads(sq.dump(small()))
    plan = doc.pop("plan")
    doc["plan"] = plan  # now last
    path = tmp_path / "late.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert sq.summarize_stream(path) == sq.summarize(small())


#: Faults whose sentence in the stream differs from load's (no did-you-mean among visits).
DIFFERENT = {"visit of another member"}


@pytest.mark.parametrize(
    "name", sorted(n for n in CORPUS if not n.endswith("(valid)") and n not in DIFFERENT)
)
def test_faulty_files_give_the_problems_load_gives(tmp_path: Path, name: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_prepare(name), encoding="utf-8", errors="surrogatepass")
    expected = _problems(lambda: sq.load(path))
    assert _problems(lambda: sq.summarize_stream(path)) == expected


def test_a_foreign_visit_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_prepare("visit of another member"), encoding="utf-8")
    expected = [(p, c) for p, c, _s in _problems(lambda: sq.load(path))]
    assert [(p, c) for p, c, _s in _problems(lambda: sq.summarize_stream(path))] == expected


@pytest.mark.parametrize("name", sorted(n for n in CORPUS if n.endswith("(valid)")))
def test_valid_variants_summarise_the_same(tmp_path: Path, name: str) -> None:
    path = tmp_path / "ok.json"
    path.write_text(_prepare(name), encoding="utf-8")
    assert sq.summarize_stream(path) == sq.summarize(sq.load(path))


@pytest.mark.parametrize(
    "text", ['{"schema": "sanquan/1", "plan": {', "[1, 2]", '{"a": 1} x', "", '{"visits": [1,,]}']
)
def test_broken_json_is_located(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        sq.summarize_stream(path)
    with pytest.raises(ValidationError) as loaded:
        sq.load(path)
    assert type(info.value) is type(loaded.value)
    if isinstance(loaded.value, DecodeError):
        assert [p.params.get("line") for p in info.value.problems] == [
            p.params.get("line") for p in loaded.value.problems
        ]


def test_the_command_line_streams_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sanquan_core.cli import main

    assert main(["summary", str(DATA / "small.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == sq.summarize(small()).as_dict()
    bad = tmp_path / "bad.json"
    bad.write_text(_prepare("headcount 1.5"), encoding="utf-8")
    assert main(["summary", str(bad), "--json"]) != 0
    assert "visits[0].headcount" in capsys.readouterr().err


#: The sections in the reverse of dump's order: each reference read before what it names.
REVERSED = ("follow_ups", "submissions", "visits", "members", "groups")


def _reordered(doc: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in doc.items() if k not in REVERSED}
    out.update((k, doc[k]) for k in REVERSED if k in doc)
    return out


def test_sections_in_any_order_summarise_the_same(tmp_path: Path) -> None:
    # JSON objects are unordered: load reads this file, so the stream must too.
    campaign = sq.load_demo()
    doc = json.loads(sq.dump(campaign))
    assert any(s.get("visit_id") for s in doc["submissions"])
    assert doc["follow_ups"]
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(_reordered(doc), ensure_ascii=False), encoding="utf-8")
    assert sq.summarize_stream(path) == sq.summarize(campaign)


def test_late_references_are_still_checked(tmp_path: Path) -> None:
    doc = json.loads(sq.dump(sq.load_demo()))
    cited = next(i for i, s in enumerate(doc["submissions"]) if s.get("visit_id"))
    doc["submissions"][cited]["visit_id"] = "v-none"
    doc["follow_ups"][0].pop("submission_id", None)
    doc["follow_ups"][0]["visit_id"] = "v-gone"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_reordered(doc), ensure_ascii=False), encoding="utf-8")
    expected = _problems(lambda: sq.load(path))
    assert {(p, c) for p, c, _s in expected} == {
        (f"submissions[{cited}].visit_id", "unknown_reference"),
        ("follow_ups[0].visit_id", "unknown_reference"),
    }
    assert _problems(lambda: sq.summarize_stream(path)) == expected


def test_a_foreign_visit_is_found_with_the_members_last(tmp_path: Path) -> None:
    doc = json.loads(sq.dump(sq.load_demo()))
    cited = next(i for i, s in enumerate(doc["submissions"]) if s.get("visit_id"))
    visit = next(v for v in doc["visits"] if v["id"] == doc["submissions"][cited]["visit_id"])
    other = next(m["id"] for m in doc["members"] if m["id"] != visit["member_id"])
    doc["submissions"][cited]["member_id"] = other
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_reordered(doc), ensure_ascii=False), encoding="utf-8")
    expected = [(p, c) for p, c, _s in _problems(lambda: sq.load(path))]
    assert (f"submissions[{cited}].visit_id", "foreign_visit") in expected
    assert [(p, c) for p, c, _s in _problems(lambda: sq.summarize_stream(path))] == expected
