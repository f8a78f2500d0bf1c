"""sq.merge and `sanquan merge`: datasets of one plan taken together, every clash named."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core._keys import record_key
from sanquan_core.cli import main

from .campaigns import small
from .strategies import campaigns, split_by_members

# -- by hand -------------------------------------------------------------------------


def halves() -> tuple[sq.Campaign, sq.Campaign]:
    """small.json as two groups' files: g1's members and records, g2's (both list every group)."""
    c = small()

    def part(group: str) -> sq.Campaign:
        mine = {m.id for m in c.members if m.group_id == group}
        return attrs.evolve(
            c,
            members=tuple(m for m in c.members if m.id in mine),
            visits=tuple(v for v in c.visits if v.member_id in mine),
            submissions=tuple(s for s in c.submissions if s.member_id in mine),
        )

    return part("g1"), part("g2")


def test_two_groups_files_merge_into_the_whole():
    a, b = halves()
    result = sq.merge(a, b, names=["g1.json", "g2.json"])
    assert result.ok, result.problems
    whole = small()
    assert {m.id for m in result.campaign.members} == {"m1", "m2", "m3", "m4"}
    assert [g.id for g in result.campaign.groups] == ["g1", "g2", "g3"]
    assert set(result.campaign.visits) == set(whole.visits)
    assert set(result.campaign.submissions) == set(whole.submissions)
    assert result.collapsed == 3  # the three groups, listed in both files
    # the summary of the merge is the sum of theirs: by hand, (3, 8, 3, 1, 3, 1, 2)
    merged = sq.summarize(result.campaign)
    assert merged == sq.summarize(a).merge(sq.summarize(b))
    total = merged.total
    assert (total.participants, *total.visited.values(), *total.submitted.values()) == (
        3, 8, 3, 1, 3, 1, 2,
    )  # fmt: skip


def test_the_same_file_twice_is_itself():
    c = small()
    result = sq.merge(c, c)
    assert result.ok
    assert result.campaign == c
    assert result.collapsed == 3 + 4 + 7 + 7


def test_plan_differences_are_named_by_file_and_field():
    a, b = halves()
    b = attrs.evolve(b, plan=attrs.evolve(b.plan, title="另一个方案", reply_days=15))
    result = sq.merge(a, b, names=["A.json", "B.json"])
    found = {(p.code, p.path, p.loc[0]) for p in result.problems}
    assert found == {
        ("plan_mismatch", "plan.title", "B.json"),
        ("plan_mismatch", "plan.reply_days", "B.json"),
    }
    title = next(p for p in result.problems if p.path == "plan.title")
    assert title.loc == ("B.json", "plan", "title")
    assert title.params["other"] == "A.json"
    assert title.params["value"] == "另一个方案"
    assert "A.json" in title.sentence
    assert "B.json" in title.sentence


def test_an_id_with_other_content_is_a_clash_naming_both_files():
    a, b = halves()
    g1 = attrs.evolve(b.groups[0], office="办公室")
    v = attrs.evolve(b.visits[0], id="v1")  # g2's visit v6 re-numbered v1, as A's is
    b = attrs.evolve(b, groups=(g1, *b.groups[1:]), visits=(v, *b.visits[1:]))
    result = sq.merge(a, b, names=["A.json", "B.json"])
    clashes = {(p.loc, p.code, tuple(p.params["fields"])) for p in result.problems}
    assert clashes == {
        (("B.json", "groups", 0), "clash", ("office",)),
        (("B.json", "visits", 0), "clash", (
            "member_id", "circle", "visited_on", "target", "address", "headcount",
            "situation", "needs_help", "needs_coordination",
        )),
    }  # fmt: skip
    visit = next(p for p in result.problems if p.loc[1] == "visits")
    assert visit.record_id == "v1"
    assert visit.params["other"] == "A.json"
    assert visit.params["other_loc"] == ["A.json", "visits", 0]
    # the first file's record is kept
    assert result.campaign.visit("v1") == a.visit("v1")
    assert result.campaign.group("g1").office == "经济委"


def test_a_near_duplicate_is_a_conflict_an_identical_one_collapses():
    c = small()
    v1 = c.visit("v1")
    # The same visit typed again by another clerk: another id, the same key.
    again = attrs.evolve(v1, id="v-typed")
    other = attrs.evolve(v1, id="v-other", situation="反映招工难（另一份记录）")
    sub = attrs.evolve(c.submission("s1"), id="s-typed", visit_id="v-typed")
    b = attrs.evolve(c, visits=(again,), submissions=(sub,), follow_ups=())
    result = sq.merge(c, b, names=["A.json", "B.json"])
    assert result.ok, result.problems
    assert "v-typed" not in {v.id for v in result.campaign.visits}
    # s1 and its copy collapse too (the copy's visit_id pointed at the collapsed visit)
    assert "s-typed" not in {s.id for s in result.campaign.submissions}

    b = attrs.evolve(c, visits=(other,), submissions=(), follow_ups=())
    result = sq.merge(c, b, names=["A.json", "B.json"])
    [problem] = result.problems
    assert problem.code == "conflict"
    assert problem.loc == ("B.json", "visits", 0)
    assert problem.params["other_id"] == "v1"
    assert problem.params["fields"] == ["situation"]
    assert "A.json" in problem.sentence
    assert "B.json" in problem.sentence


def test_a_near_duplicate_within_one_file_is_not_ours_to_judge():
    c = small()
    twin = attrs.evolve(c.visit("v1"), id="v9", situation="另一次")
    one = attrs.evolve(c, visits=(*c.visits, twin))
    assert sq.merge(one, small()).ok


def test_follow_up_events_merge_the_same_way():
    c = small()
    e1 = sq.FollowUpEvent(id="e1", submission_id="s1", on=date(2017, 8, 3), event=sq.Event.PROPOSAL)
    e2 = sq.FollowUpEvent(
        id="e2", submission_id="s1", on=date(2017, 8, 5), event=sq.Event.ASSIGNED, unit="住建局"
    )
    a = attrs.evolve(c, follow_ups=(e1, e2))
    # the same hand-over recorded by another office under another id: taken once
    b = attrs.evolve(c, follow_ups=(e1, attrs.evolve(e2, id="e2-copy")))
    result = sq.merge(a, b)
    assert result.ok
    assert [e.id for e in result.campaign.follow_ups] == ["e1", "e2"]
    a = attrs.evolve(c, follow_ups=(e1,))
    b = attrs.evolve(c, follow_ups=(attrs.evolve(e1, unit="交通局"),))
    [problem] = sq.merge(a, b, names=["A.json", "B.json"]).problems
    assert (problem.code, problem.loc, problem.params["fields"]) == (
        "clash", ("B.json", "follow_ups", 0), ["unit"]
    )  # fmt: skip


def test_usage():
    with pytest.raises(sq.UsageError):
        sq.merge()
    with pytest.raises(sq.UsageError):
        sq.merge(small(), names=["a", "b"])


# -- properties ------------------------------------------------------------------------

HYPO = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@HYPO
@given(campaigns(), st.data())
def test_the_summary_of_the_merge_is_the_merge_of_the_summaries(campaign, data):
    mask = data.draw(st.lists(st.booleans(), min_size=len(campaign.members)))
    a, b = split_by_members(campaign, mask)
    result = sq.merge(a, b)
    assert result.ok, result.problems
    assert sq.summarize(result.campaign) == sq.summarize(a).merge(sq.summarize(b))


@HYPO
@given(campaigns())
def test_merge_is_idempotent(campaign):
    result = sq.merge(campaign, campaign)
    assert result.ok, result.problems
    assert result.campaign == campaign


@HYPO
@given(campaigns(), st.data())
def test_overlapping_parts_merge_back_into_the_whole_in_either_order(campaign, data):
    """Each record in one part or both: the merge holds each once, whichever comes first."""
    records = [*campaign.visits, *campaign.submissions, *campaign.follow_ups]
    # Two records of one natural key are one record (or a conflict) to a merge when
    # they come from two files: tested by hand above, left out here.
    keys = [record_key(r) for r in [*campaign.visits, *campaign.submissions]]
    events = [attrs.evolve(e, id="") for e in campaign.follow_ups]
    assume(len(set(keys)) == len(keys) and len(set(events)) == len(events))
    drawn = data.draw(
        st.lists(st.sampled_from("abx"), min_size=len(records), max_size=len(records))
    )
    where = {("visits", r.id): w for r, w in zip(campaign.visits, drawn, strict=False)}
    for s, w in zip(campaign.submissions, drawn[len(campaign.visits) :], strict=False):
        # an item goes with the visit it came from, so that each part is valid
        where["submissions", s.id] = where["visits", s.visit_id] if s.visit_id else w
    for e in campaign.follow_ups:
        where["follow_ups", e.id] = where[e.item_key]

    def part(name: str) -> sq.Campaign:
        def mine(section: str, record: Any) -> bool:
            return where[section, record.id] in (name, "x")

        return attrs.evolve(
            campaign,
            visits=tuple(v for v in campaign.visits if mine("visits", v)),
            submissions=tuple(s for s in campaign.submissions if mine("submissions", s)),
            follow_ups=tuple(e for e in campaign.follow_ups if mine("follow_ups", e)),
        )

    a, b = part("a"), part("b")
    assert not sq.validate(a)
    assert not sq.validate(b)
    ab, ba = sq.merge(a, b), sq.merge(b, a)
    assert ab.ok, ab.problems
    assert ba.ok, ba.problems
    for section in ("groups", "members", "visits", "submissions", "follow_ups"):
        assert set(getattr(ab.campaign, section)) == set(getattr(campaign, section)), section
        assert set(getattr(ba.campaign, section)) == set(getattr(ab.campaign, section)), section
    assert sq.summarize(ab.campaign) == sq.summarize(ba.campaign) == sq.summarize(campaign)


# -- the command line --------------------------------------------------------------------


def write(path, campaign):
    path.write_text(sq.dump(campaign), encoding="utf-8")
    return str(path)


def test_cli_merges_and_writes(tmp_path, capsys):
    a, b = halves()
    out = tmp_path / "all.json"
    code = main(
        ["merge", write(tmp_path / "g1.json", a), write(tmp_path / "g2.json", b), "-o", str(out)]
    )
    got = capsys.readouterr().out
    assert code == 0, got
    assert sq.summarize(sq.load(out)) == sq.summarize(small())
    assert "7 visits, 7 submissions" in got


def test_cli_refuses_problems_and_writes_nothing(tmp_path, capsys):
    a, b = halves()
    b = attrs.evolve(b, plan=attrs.evolve(b.plan, title="另一个方案"))
    out = tmp_path / "all.json"
    args = ["merge", write(tmp_path / "A.json", a), write(tmp_path / "B.json", b), "-o", str(out)]
    code = main([*args, "--lang", "zh"])
    err = capsys.readouterr().err
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.json", "B.json"]  # no partial file
    assert "B.json" in err
    assert "A.json" in err
    assert "另一个方案" in err
    assert "方案" in err
    assert "未写入" in err
    code = main([*args, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["written"] is False
    assert [p["code"] for p in report["problems"]] == ["plan_mismatch"]


def test_cli_lists_every_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "sanquan/1", "plan": {}}', encoding="utf-8")
    worse = tmp_path / "worse.json"
    worse.write_text('{"schema": "sanquan/1", "plan": {"title": ""}}', encoding="utf-8")
    code = main(["merge", str(bad), str(worse), "-o", str(tmp_path / "all.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.json" in err
    assert "worse.json" in err
    assert not (tmp_path / "all.json").exists()
