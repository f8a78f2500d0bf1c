"""The published JSON Schema agrees with the loader: what loads is valid, what is
refused for its shape is invalid."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core._demo import demo_bytes
from sanquan_core.cli import main
from sanquan_core.schema import packaged_schema, schema_text

from . import strategies
from .campaigns import DATA, hostile

#: Problem codes for faults of shape, which a JSON Schema can see. The others
#: (order, duplicate_id, unknown_reference, foreign_visit, duplicate_key, json)
#: need the whole document or the raw text.
STRUCTURAL = {"schema", "type", "missing", "unknown_field", "enum", "date", "empty", "range"}

VALIDATOR = jsonschema.Draft202012Validator(
    sq.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def schema_errors(doc: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def loader_codes(doc: Any) -> set[str] | None:
    """The problem codes the loader reports for *doc*; None when it loads."""
    raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    try:
        sq.load(io.BytesIO(raw))
    except sq.ValidationError as error:
        return {p.code for p in error.problems}
    return None


def small_doc() -> dict[str, Any]:
    return json.loads((DATA / "small.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = sq.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_packaged_file_is_up_to_date():
    assert packaged_schema() == schema_text(), "run python scripts/make_schema.py"
    assert json.loads(packaged_schema()) == sq.json_schema()


def test_each_call_returns_a_new_copy():
    schema = sq.json_schema()
    schema["$defs"].clear()
    assert sq.json_schema()["$defs"]


def test_cli_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == sq.json_schema()


def test_records_refuse_unknown_keys_and_name_their_captions():
    defs = sq.json_schema()["$defs"]
    visit = defs["Visit"]
    assert visit["additionalProperties"] is False
    assert visit["required"] == ["id", "member_id", "circle", "visited_on", "target"]
    assert visit["properties"]["headcount"]["minimum"] == 1
    assert visit["properties"]["visited_on"]["format"] == "date"
    assert visit["properties"]["target"]["title"] == "走访对象"
    assert defs["Plan"]["properties"]["phases"]["minItems"] == 1


@pytest.mark.parametrize(
    "raw",
    [demo_bytes(), (DATA / "small.json").read_bytes()],
    ids=["demo", "small"],
)
def test_valid_fixtures_are_valid(raw):
    doc = json.loads(raw)
    assert loader_codes(doc) is None
    assert schema_errors(doc) == []


def test_hostile_and_dumped_campaigns_are_valid():
    doc = json.loads(sq.dump(hostile()))
    assert schema_errors(doc) == []


def test_enum_spellings_the_loader_accepts():
    doc = small_doc()
    for spelling in ["sector", "界别圈", "“界别圈”", "'界别圈'"]:
        doc["visits"][0]["circle"] = spelling
        assert loader_codes(doc) is None
        assert schema_errors(doc) == [], spelling
    for kind in ["lead", "“双招双引”信息", '"双招双引"信息', "双招双引信息", "‘双招双引’信息"]:
        doc["submissions"][2]["kind"] = kind
        assert loader_codes(doc) is None
        assert schema_errors(doc) == [], kind
    doc["plan"]["quotas"] = {"社情民意信息": 2, "suggestion": 0}
    assert schema_errors(doc) == []
    doc["plan"]["quotas"] = {"同学": 1}
    assert schema_errors(doc)


def test_ten_mistakes_structural_ones_are_caught():
    doc = json.loads((DATA / "ten_mistakes.json").read_text(encoding="utf-8"))
    paths = {e.split(":")[0] for e in schema_errors(doc)}
    # The other five mistakes are integrity faults, beyond any JSON Schema.
    assert paths == {
        "$.groups[1].kind",
        "$.visits[0].headcount",
        "$.visits[1].visited_on",
        "$.submissions[1]",
    }


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return mutate


_DELETE = object()

#: The documents the loader tests refuse for their shape (tests/test_load.py,
#: tests/test_validation.py), as changes to small.json.
REFUSED = {
    "float headcount": _set("visits.0.headcount", 5.7),
    "boolean headcount": _set("visits.0.headcount", True),
    "text headcount": _set("visits.0.headcount", "三"),
    "zero headcount": _set("visits.0.headcount", 0),
    "number as a name": _set("members.0.name", 123),
    "slashed date": _set("visits.0.visited_on", "2017/7/15"),
    "basic date": _set("visits.0.visited_on", "20170715"),
    "week date": _set("visits.0.visited_on", "2017-W28-6"),
    "unpadded date": _set("visits.0.visited_on", "2017-7-15"),
    "impossible day": _set("visits.0.visited_on", "2017-02-30"),
    "number as a date": _set("visits.5.visited_on", 20170830),
    "bodies as text": _set("members.0.bodies", "dongtai"),
    "unknown circle": _set("visits.3.circle", "同学圈"),
    "unknown field": _set("visits.0.headcont", 2),
    "unknown top-level key": _set("memebrs", []),
    "follow_ups as an object": _set("follow_ups", {"e1": {}}),
    "follow-up with an unknown event": _set(
        "follow_ups", [{"id": "e1", "submission_id": "s1", "on": "2017-08-01", "event": "飞"}]
    ),
    "follow-up without a date": _set(
        "follow_ups", [{"id": "e1", "submission_id": "s1", "event": "closed"}]
    ),
    "follow-up without its item": _set(
        "follow_ups", [{"id": "e1", "on": "2017-08-01", "event": "closed"}]
    ),
    "adoption without a level": _set(
        "follow_ups", [{"id": "e1", "submission_id": "s1", "on": "2017-08-01", "event": "采用"}]
    ),
    "rating that is not one": _set(
        "follow_ups",
        [
            {
                "id": "e1",
                "visit_id": "v1",
                "on": "2017-08-01",
                "event": "satisfaction",
                "note": "还行",
            }
        ],
    ),
    "reply_days of 0": _set("plan.reply_days", 0),
    "no schema": _set("schema", _DELETE),
    "other schema": _set("schema", "sanquan/2"),
    "no plan": _set("plan", _DELETE),
    "no target": _set("visits.2.target", _DELETE),
    "no group_id": _set("members.1.group_id", _DELETE),
    "blank group name": _set("groups.0.name", "  "),
    "empty target": _set("visits.0.target", ""),
    "empty id": _set("submissions.0.id", ""),
    "no phases": _set("plan.phases", []),
    "quota as text": _set("plan.quotas", {"lead": "一"}),
    "negative quota": _set("plan.quotas", {"opinion": -1}),
    "unknown quota kind": _set("plan.quotas", {"x": 1}),
    "visits as an object": _set("visits", {"v1": {}}),
    "extra as a list": _set("extra", []),
    "null text": _set("visits.0.address", None),
    "record as a list": _set("groups.0", []),
}


#: Ledgers the loader accepts; the schema must accept them too.
ACCEPTED_LEDGER = [
    {"id": "e1", "submission_id": "s1", "on": "2017-08-01", "event": "转化为提案", "ref": "123"},
    {"id": "e2", "submission_id": "s1", "on": "2017-08-02", "event": "assigned", "unit": "住建局"},
    {"id": "e3", "submission_id": "s1", "visit_id": None, "on": "2017-08-20", "event": "答复"},
    {"id": "e4", "submission_id": "s1", "on": "2017-08-21", "event": "adopted", "level": "省政协"},
    {"id": "e5", "visit_id": "v1", "on": "2017-08-21", "event": "满意度测评", "note": "基本满意"},
]


def test_a_ledger_the_loader_reads_is_valid_against_the_schema():
    doc = small_doc()
    doc["follow_ups"] = ACCEPTED_LEDGER
    assert loader_codes(doc) is None
    assert schema_errors(doc) == []


def test_an_event_naming_two_items_is_refused_by_both():
    doc = small_doc()
    doc["follow_ups"] = [{**ACCEPTED_LEDGER[0], "visit_id": "v1"}]
    assert loader_codes(doc) == {"ambiguous_reference"}
    assert schema_errors(doc)


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_for_its_shape_by_loader_and_schema(name):
    doc = small_doc()
    REFUSED[name](doc)
    codes = loader_codes(doc)
    assert codes is not None
    assert codes & STRUCTURAL, codes
    assert schema_errors(doc), f"{name}: the schema accepts what the loader refuses"


def test_documents_that_are_not_objects():
    for value in [[1, 2], "sanquan/1", 3, None]:
        assert loader_codes(value) == {"schema"}
        assert schema_errors(value)


def _has_integral_float(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_has_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_integral_float(v) for v in value)
    return False


@given(st.data())
def test_schema_and_loader_agree_on_any_field_replaced(data):
    doc = small_doc()
    section = data.draw(st.sampled_from(["plan", "groups", "members", "visits", "submissions"]))
    record = doc[section] if section == "plan" else data.draw(st.sampled_from(doc[section]))
    key = data.draw(st.sampled_from([*record, "extra_key"]))
    record[key] = data.draw(strategies.json_values)
    # JSON Schema counts 2.0 as an integer; only the loader refuses it.
    if _has_integral_float(doc):
        return
    codes = loader_codes(doc)
    errors = schema_errors(copy.deepcopy(doc))
    if codes is None:
        assert errors == []
    elif codes & STRUCTURAL:
        assert errors, codes


@given(strategies.campaigns())
def test_any_valid_campaign_is_valid(campaign):
    assert schema_errors(json.loads(sq.dump(campaign))) == []
