"""Export then import, property-tested: 附件1 and 附件2 as XLSX and as CSV read back as written.

The campaigns are :func:`tests.strategies.campaigns` with their free text as
a clerk's cell holds it: the exports drop control characters, and a reader
strips a cell's surrounding spaces and makes its line ends ``\\n`` (the
documented reading of free text), so text that is only spaces, or ends in
them, cannot come back as it was.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core._keys import iter_keys
from sanquan_core.documents.text import clean
from sanquan_core.readers.forms import _FOLLOW_LINE as FOLLOW_LINE
from sanquan_core.readers.forms import _ITEM_START as ITEM_START
from sanquan_core.readers.values import norm

from .strategies import campaigns


def typed(text: str) -> str:
    """*text* as a cell gives it back: control characters dropped (as every export
    drops them, :func:`~sanquan_core.documents.text.clean`), line ends ``\\n``,
    surrounding spaces gone."""
    return clean(text).strip()


def as_typed(campaign: sq.Campaign) -> sq.Campaign:
    """*campaign* with every record's free text as :func:`typed` reads it."""
    visit_text = ("target", "address", "situation", "needs_help", "needs_coordination")
    return attrs.evolve(
        campaign,
        visits=tuple(
            attrs.evolve(v, **{f: typed(getattr(v, f)) for f in visit_text})
            for v in campaign.visits
        ),
        submissions=tuple(
            attrs.evolve(s, title=typed(s.title), content=typed(s.content))
            for s in campaign.submissions
        ),
    )


def one_item(item: sq.Submission) -> bool:
    """Whether *item* written in a 附件2 cell reads back as one item (see the test)."""
    lines = [line.strip() for line in item.content.split("\n")]
    return (
        "\n" not in item.title
        and not any(mark in item.title for mark in "（()）［］【】")
        and not any(ITEM_START.match(line) or FOLLOW_LINE.match(line) for line in lines)
    )


def base_of(campaign: sq.Campaign) -> sq.Campaign:
    """The plan, groups and members of *campaign*: what an office imports into."""
    return attrs.evolve(campaign, visits=(), submissions=(), follow_ups=())


def visits_of(records: object) -> Counter[sq.Visit]:
    return Counter(attrs.evolve(v, extra={}) for v in records if isinstance(v, sq.Visit))  # type: ignore[attr-defined]


def items_of(records: object) -> Counter[sq.Submission]:
    """Items as 附件2 carries them: no id, no visit."""
    return Counter(
        attrs.evolve(s, id="", visit_id=None, extra={})
        for s in records  # type: ignore[attr-defined]
        if isinstance(s, sq.Submission)
    )


def roundtrip(campaign: sq.Campaign, suffix: str) -> sq.ImportResult:
    with tempfile.TemporaryDirectory() as folder:
        if suffix == "xlsx":
            files = [Path(folder) / "forms.xlsx"]
            sq.export(campaign, files[0], forms=["visits", "results"])
        else:  # a CSV file holds one form
            files = [Path(folder) / "visits.csv", Path(folder) / "results.csv"]
            sq.export(campaign, files[0], forms=["visits"])
            sq.export(campaign, files[1], forms=["results"])
        return sq.read_forms(files, base_of(campaign))


@settings(max_examples=20, deadline=None)
@given(campaigns(max_members=4).map(as_typed), st.sampled_from(["xlsx", "csv"]))
def test_export_then_import_gives_back_the_records(campaign: sq.Campaign, suffix: str) -> None:
    assume(all(v.target for v in campaign.visits))  # a target of control characters only
    # two members of one name in one group cannot be told apart by a form; two items of
    # one member, kind, date and title are one item (identical duplicates collapse)
    assume(len({(m.group_id, norm(m.name)) for m in campaign.members}) == len(campaign.members))
    keys = [k for k, r in iter_keys(campaign) if isinstance(r, sq.Submission)]
    assume(len(set(keys)) == len(keys))
    # 附件2 writes a member's items of a kind in one cell, each a line ``标题（日期报送）``
    # and its content: a title over two lines, or a line that reads as an item's
    # first or follow-up line, cannot be told from the next item
    assume(all(one_item(s) for s in campaign.submissions))
    result = roundtrip(campaign, suffix)
    assert result.problems == ()
    assert visits_of(result.added) == visits_of(campaign.visits)
    assert items_of(result.added) == items_of(campaign.submissions)
