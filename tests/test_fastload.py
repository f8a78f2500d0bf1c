"""The fast path of ``load`` (msgspec, ``_fastload.py``): what the converter gives, or nothing.

Every document here is read twice: by ``sq.loads`` (the fast path first)
and by the converter alone (``serialize._read_fully``). Both must give the
same campaign or the same problems; and wherever the converter finds a
problem, the fast path must have given up.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core import _fastload, serialize
from sanquan_core._integrity import YEARS
from sanquan_core.errors import ValidationError
from tests.campaigns import small
from tests.strategies import campaigns

Outcome = tuple[str, Any]


def _outcome(read: Callable[[], sq.Campaign]) -> Outcome:
    try:
        return "campaign", read()
    except ValidationError as exc:
        return "problems", [(p.path, p.code, p.sentence or p.message) for p in exc.problems]


def _both(data: str | bytes) -> tuple[Outcome, Outcome, sq.Campaign | None]:
    loaded = _outcome(lambda: sq.loads(data))
    full = _outcome(lambda: serialize._read_fully(data, None, serialize.MAX_DEPTH, YEARS))
    return loaded, full, _fastload.load(data, YEARS, serialize.MAX_DEPTH)


def _agree(data: str | bytes) -> tuple[Outcome, sq.Campaign | None]:
    loaded, full, fast = _both(data)
    assert loaded == full
    if full[0] == "problems":
        assert fast is None
    elif fast is not None:
        assert fast == full[1]
    return full, fast


def test_a_dumped_campaign_takes_the_fast_path() -> None:
    for campaign in (small(), sq.load_demo()):
        text = sq.dump(campaign)
        full, fast = _agree(text)
        assert full == ("campaign", campaign)
        assert fast == campaign
        assert _fastload.load(text.encode(), YEARS, serialize.MAX_DEPTH) == campaign


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns())
def test_generated_campaigns_read_the_same(campaign: sq.Campaign) -> None:
    text = sq.dump(campaign)
    full, fast = _agree(text)
    assert full == ("campaign", campaign)
    # Texts holding '":' or '"  :' other than after a key (a text starting with a
    # colon, an escaped quote before one) are left to the converter.
    if text.count('":') == _keys(json.loads(text)) and not re.search(r'"\s+:', text):
        assert fast == campaign


def _keys(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys(v) for v in value)
    return 0


def _doc() -> dict[str, Any]:
    return json.loads(sq.dump(small()))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], str]:
    def change(doc: dict[str, Any]) -> str:
        *head, last = path.split(".")
        target: Any = doc
        for part in head:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
        return json.dumps(doc, ensure_ascii=False, indent=2)

    return change


def _text(old: str, new: str) -> Callable[[dict[str, Any]], str]:
    def change(doc: dict[str, Any]) -> str:
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        assert old in text
        return text.replace(old, new, 1)

    return change


def _drop(section: str, index: int, key: str) -> Callable[[dict[str, Any]], str]:
    def change(doc: dict[str, Any]) -> str:
        del doc[section][index][key]
        return json.dumps(doc, ensure_ascii=False, indent=2)

    return change


#: Broken documents, and valid ones the fast path leaves to the converter.
CORPUS: dict[str, Callable[[dict[str, Any]], str]] = {
    "unknown field": _set("visits.0.colour", "red"),
    "unknown top-level key": _set("colour", "red"),
    "repeated key": _text('"target": ', '"target": "x", "target": '),
    "repeated key and a spaced key": _text(
        '"target": ', '"target": "x", "target": '
    ),  # compensated below by a key written with a space
    "headcount 1.5": _set("visits.0.headcount", 1.5),
    "headcount true": _set("visits.0.headcount", True),
    "headcount text": _set("visits.0.headcount", "1"),
    "headcount 0": _set("visits.0.headcount", 0),
    "headcount huge": _set("visits.0.headcount", 10**7),
    "date with slashes": _set("visits.0.visited_on", "2017/07/15"),
    "date not a day": _set("visits.0.visited_on", "2017-02-30"),
    "date too early": _set("visits.0.visited_on", "1850-07-15"),
    "date as number": _set("visits.0.visited_on", 20170715),
    "date with time": _set("visits.0.visited_on", "2017-07-15T10:00:00"),
    "circle label (valid)": _set("visits.0.circle", "生活圈"),
    "circle unknown": _set("visits.0.circle", "moon"),
    "kind label (valid)": _set("submissions.0.kind", "社情民意信息"),
    "id with edge space (valid)": _set("visits.0.id", " v-new "),
    "id blank": _set("visits.0.id", "   "),
    "id not ASCII (valid)": _set("visits.0.id", "走访１"),
    "id repeated": _set("visits.1.id", "__first__"),
    "member unknown": _set("visits.0.member_id", "m-nobody"),
    "member id a number": _set("visits.0.member_id", 7),
    "target blank": _set("visits.0.target", " \u3000 "),
    "target missing": _drop("visits", 0, "target"),
    "headcount left out (valid)": _drop("visits", 0, "headcount"),
    "empty address written (valid)": _set("visits.0.address", ""),
    "extra deep": _set("visits.0.extra", json.loads("[" * 70 + "]" * 70)),
    "extra huge number": _text('"target": ', '"extra": {"n": ' + "9" * 5000 + '}, "target": '),
    "extra NaN": _text('"target": ', '"extra": {"n": NaN}, "target": '),
    "lone surrogate": _text('"target": "', '"target": "\\ud800'),
    "escaped quote and colon (valid)": _text('"target": "', '"target": "say \\":\\" '),
    "spaced key (valid)": _text('"target": ', '"target" : '),
    "schema wrong": _set("schema", "sanquan/2"),
    "groups not a list": _set("groups", {}),
    "group name blank": _set("groups.0.name", ""),
    "member group unknown": _set("members.0.group_id", "g-nowhere"),
    "body unknown": _set("members.0.bodies", ["nowhere"]),
    "body twice": _text('"bodies": [', '"bodies": ["dongtai", "dongtai", '),
    "plan phases out of order": _set(
        "plan.phases",
        [{"name": "b", "ends_on": "2017-08-31"}, {"name": "a", "ends_on": "2017-07-31"}],
    ),
    "plan key repeated": _text('"title": ', '"title": "x", "title": '),
    "plan reply days 0": _set("plan.reply_days", 0),
    "extra 4,100 digits (valid)": _text(
        '"target": ', '"extra": {"n": ' + "9" * 4100 + '}, "target": '
    ),
    "top-level extra (valid)": _set("extra", {"portal": {"v": [1, 2.5, None, "x"]}}),
    "visit of another member": _set("submissions.0.visit_id", "__other__"),
}


def _prepare(name: str) -> str:
    doc = _doc()
    if name == "id repeated":
        doc["visits"][1]["id"] = doc["visits"][0]["id"]
        return json.dumps(doc, ensure_ascii=False)
    if name == "visit of another member":
        mine = doc["submissions"][0]["member_id"]
        other = next(v for v in doc["visits"] if v["member_id"] != mine)
        doc["submissions"][0]["visit_id"] = other["id"]
        return json.dumps(doc, ensure_ascii=False)
    if name in ("id with edge space (valid)", "id not ASCII (valid)"):
        # The visit and every reference to it renamed, so that they still agree.
        old = json.dumps(doc["visits"][0]["id"])
        new = '" v-new "' if "space" in name else '"走访１"'
        text = json.dumps(doc, ensure_ascii=False).replace(f": {old}", f": {new}")
        if "space" in name:  # the reference keeps the plain id
            text = text.replace('"visit_id": " v-new "', '"visit_id": "v-new"')
        return text
    text = CORPUS[name](copy.deepcopy(doc))
    if name == "repeated key and a spaced key":
        text = text.replace('"member_id": ', '"member_id" : ', 1)
    return text


VALID = {name for name in CORPUS if name.endswith("(valid)")}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_corpus_reads_the_same(name: str) -> None:
    text = _prepare(name)
    full, _fast = _agree(text)
    assert full[0] == ("campaign" if name in VALID else "problems"), full
    _agree(text.encode("utf-8", "surrogatepass"))
    _agree(b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns(max_members=4), st.sampled_from(sorted(CORPUS)), st.data())
def test_broken_generated_documents_read_the_same(
    campaign: sq.Campaign, name: str, data: st.DataObject
) -> None:
    doc = json.loads(sq.dump(campaign))
    if not doc["visits"] or not doc["submissions"] or not doc["members"]:
        return
    index = data.draw(st.integers(0, len(doc["visits"]) - 1))
    change = CORPUS[name]
    if name in (
        "id repeated",
        "visit of another member",
        "body twice",
        "extra huge number",
        "extra NaN",
        "lone surrogate",
        "escaped quote and colon (valid)",
        "spaced key (valid)",
        "repeated key",
        "repeated key and a spaced key",
        "plan key repeated",
    ):
        try:
            _agree(change(doc))
        except AssertionError:
            raise
        except Exception:
            return  # the change does not apply to this document
        return
    path_change = change
    doc["visits"].insert(0, doc["visits"].pop(index))
    _agree(path_change(doc))


def _clean_and_check(campaign: sq.Campaign) -> tuple[bool, bool]:
    from sanquan_core import _integrity as integrity

    plan = campaign.plan
    parts = integrity.PlanParts(
        plan.title, plan.phases, plan.starts_on, plan.bodies, plan.reply_days
    )
    sections = integrity.Sections(
        *(
            list(enumerate(getattr(campaign, s)))
            for s in ("groups", "members", "visits", "submissions", "follow_ups")
        )
    )
    clean = integrity.clean(
        parts,
        campaign.groups,
        campaign.members,
        campaign.visits,
        campaign.submissions,
        campaign.follow_ups,
    )
    return clean, not integrity.check(parts, sections)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns(max_members=5), st.integers(0, 7), st.data())
def test_clean_says_what_check_says(campaign: sq.Campaign, fault: int, data: st.DataObject) -> None:
    import attrs

    visits, members = list(campaign.visits), list(campaign.members)
    if visits and fault == 1:
        visits[-1] = attrs.evolve(visits[-1], id=visits[0].id)
    elif visits and fault == 2:
        visits[0] = attrs.evolve(visits[0], member_id="nobody")
    elif visits and fault == 3:
        visits[0] = attrs.evolve(visits[0], headcount=data.draw(st.sampled_from([0, 100_001])))
    elif visits and fault == 4:
        visits[0] = attrs.evolve(visits[0], target=data.draw(st.sampled_from(["", " ", "\u200b"])))
    elif members and fault == 5:
        members[0] = attrs.evolve(members[0], group_id="g-nowhere")
    elif members and fault == 6:
        members[0] = attrs.evolve(members[0], bodies=("nowhere",))
    elif campaign.submissions and visits and fault == 7:
        subs = list(campaign.submissions)
        other = [v for v in visits if v.member_id != subs[0].member_id]
        if other:
            subs[0] = attrs.evolve(subs[0], visit_id=other[0].id)
        campaign = attrs.evolve(campaign, submissions=tuple(subs))
    campaign = attrs.evolve(campaign, visits=tuple(visits), members=tuple(members))
    clean, checked = _clean_and_check(campaign)
    assert clean == checked
