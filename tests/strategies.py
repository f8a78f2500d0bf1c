"""Hypothesis strategies for valid campaigns, shared by the property tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core._integrity import blank
from sanquan_core.model import LabelledEnum

WINDOW_START = date(2017, 7, 11)

#: Free Unicode, as sanquan/1 allows; never blank (nothing visible) where a name is required.
texts = st.text(max_size=30)
names = st.text(min_size=1, max_size=12).filter(lambda s: not blank(s))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
extras = st.one_of(st.just({}), st.dictionaries(texts, json_values, max_size=3))


def days(lo: int = -15, hi: int = 70) -> st.SearchStrategy[date]:
    """Days around the window, some of them outside it."""
    return st.integers(lo, hi).map(lambda n: WINDOW_START + timedelta(days=n))


def _scores(keys: type[LabelledEnum]) -> st.SearchStrategy[dict[Any, int]]:
    return st.dictionaries(st.sampled_from(list(keys)), st.integers(0, 20), max_size=3)


#: Duty points rules, or none (most plans have none).
points_rules = st.none() | st.builds(
    sq.Points,
    visit=_scores(sq.Circle),
    item=_scores(sq.SubmissionKind),
    adopted=_scores(sq.Level),
    instructed=_scores(sq.Level),
    member_cap=st.none() | st.integers(0, 50),
    phase_cap=st.none() | st.integers(0, 30),
)


@st.composite
def plans(draw: st.DrawFn) -> sq.Plan:
    ends = sorted(set(draw(st.lists(st.integers(0, 60), min_size=1, max_size=3))))
    bodies = draw(st.lists(st.sampled_from(["dongtai", "yancheng", "other"]), unique=True))
    return sq.Plan(
        title=draw(names),
        phases=tuple(sq.Phase(draw(names), WINDOW_START + timedelta(days=e)) for e in ends),
        doc_number=draw(texts),
        issuer=draw(texts),
        issued_on=draw(st.none() | days()),
        starts_on=draw(st.none() | st.just(WINDOW_START)),
        bodies=tuple(sq.Body(b, draw(names)) for b in bodies),
        quotas={k: draw(st.integers(0, 2)) for k in sq.SubmissionKind},
        notice_title=draw(texts),
        addressees=draw(texts),
        notice_text=tuple(draw(st.lists(texts, max_size=2))),
        text=tuple(draw(st.lists(texts, max_size=3))),
        reply_days=draw(st.sampled_from([30, 30, 15, 60])),
        points=draw(points_rules),
        extra=draw(extras),
    )


@st.composite
def ledgers(draw: st.DrawFn, items: list[sq.Visit | sq.Submission]) -> tuple[sq.FollowUpEvent, ...]:
    """A valid follow-up ledger for some of *items*: events in a sensible order."""
    events: list[sq.FollowUpEvent] = []
    E = sq.Event  # noqa: N806 - the enum, short
    for item in items:
        if not draw(st.booleans()):
            continue
        ids = {"visit_id": item.id} if isinstance(item, sq.Visit) else {"submission_id": item.id}
        day = item.day
        steps = draw(st.integers(1, 6))

        def add(event: sq.Event, gap: int, ids: dict[str, str] = ids, **fields: Any) -> None:
            nonlocal day
            day = day + timedelta(days=gap)
            events.append(
                sq.FollowUpEvent(id=f"e{len(events)}", on=day, event=event, **ids, **fields)
            )

        add(
            draw(st.sampled_from([E.PROPOSAL, E.TOPIC, E.COORDINATION])),
            draw(st.integers(0, 5)),
            ref=draw(st.sampled_from(["", "12"])),
        )
        units = draw(st.lists(st.sampled_from(["住建局", "交通局", ""]), min_size=1, unique=True))
        if steps > 1:
            for unit in units:
                add(E.ASSIGNED, draw(st.integers(0, 3)), unit=unit)
        if steps > 2:
            add(E.REPLIED, draw(st.integers(0, 70)), unit=draw(st.sampled_from(["", *units])))
        if steps > 3:
            add(E.CLOSED, draw(st.integers(0, 10)))
        if steps > 4:
            add(E.ADOPTED, draw(st.integers(0, 10)), level=draw(st.sampled_from(sq.Level)))
            add(E.INSTRUCTED, 0, level=draw(st.sampled_from(sq.Level)))
        if steps > 5:
            add(E.SATISFACTION, 1, note=draw(st.sampled_from(["满意", "基本满意", "dissatisfied"])))
    return tuple(events)


@st.composite
def campaigns(draw: st.DrawFn, max_members: int = 8) -> sq.Campaign:
    """A valid campaign: every reference resolves, ids are unique."""
    plan = draw(plans())
    body_ids = [b.id for b in plan.bodies]
    n_groups = draw(st.integers(1, 4))
    groups = tuple(
        sq.Group(
            id=f"g{i}",
            name=draw(names),
            kind=draw(st.sampled_from(sq.GroupKind)),
            office=draw(st.sampled_from(["", "经济委", "办公室"])),
            extra=draw(extras),
        )
        for i in range(n_groups)
    )
    members = tuple(
        sq.Member(
            id=f"m{i}",
            name=draw(names),
            group_id=draw(st.sampled_from(groups)).id,
            bodies=tuple(draw(st.lists(st.sampled_from(body_ids), unique=True)))
            if body_ids
            else (),
            sector=draw(texts),
            phone=draw(texts),
            address=draw(texts),
            extra=draw(extras),
        )
        for i in range(draw(st.integers(0, max_members)))
    )
    visits: list[sq.Visit] = []
    submissions: list[sq.Submission] = []
    for member in members:
        own: list[str] = []
        for _ in range(draw(st.integers(0, 4))):
            vid = f"v{len(visits)}"
            own.append(vid)
            visits.append(
                sq.Visit(
                    id=vid,
                    member_id=member.id,
                    circle=draw(st.sampled_from(sq.Circle)),
                    visited_on=draw(days()),
                    target=draw(names),
                    address=draw(texts),
                    headcount=draw(st.integers(1, 20)),
                    channel=draw(st.sampled_from(sq.Channel)),
                    situation=draw(texts),
                    needs_help=draw(texts),
                    needs_coordination=draw(texts),
                    follow_up=draw(st.none() | st.sampled_from(sq.FollowUp)),
                    extra=draw(extras),
                )
            )
        for _ in range(draw(st.integers(0, 4))):
            submissions.append(
                sq.Submission(
                    id=f"s{len(submissions)}",
                    member_id=member.id,
                    kind=draw(st.sampled_from(sq.SubmissionKind)),
                    submitted_on=draw(days()),
                    title=draw(texts),
                    content=draw(texts),
                    visit_id=draw(st.none() | st.sampled_from(own)) if own else None,
                    follow_up=draw(st.none() | st.sampled_from(sq.FollowUp)),
                    extra=draw(extras),
                )
            )
    return sq.Campaign(
        plan=plan,
        groups=groups,
        members=members,
        visits=tuple(visits),
        submissions=tuple(submissions),
        follow_ups=draw(ledgers([*visits, *submissions])) if draw(st.booleans()) else (),
        extra=draw(extras),
    )


def split_by_members(campaign: sq.Campaign, mask: list[bool]) -> tuple[sq.Campaign, sq.Campaign]:
    """Two disjoint campaigns: members (with their records) where *mask* is true, and the rest.

    Both halves keep every group, as two counties would each list their own.
    """
    chosen = {m.id for m, keep in zip(campaign.members, mask, strict=False) if keep}

    def part(inside: bool) -> sq.Campaign:
        def mine(member_id: str) -> bool:
            return (member_id in chosen) is inside

        return sq.Campaign(
            plan=campaign.plan,
            groups=campaign.groups,
            members=tuple(m for m in campaign.members if mine(m.id)),
            visits=tuple(v for v in campaign.visits if mine(v.member_id)),
            submissions=tuple(s for s in campaign.submissions if mine(s.member_id)),
        )

    return part(True), part(False)


def as_document(campaign: sq.Campaign) -> dict[str, Any]:
    """The sanquan/1 document of *campaign*, as parsed JSON."""
    import json

    return json.loads(sq.dump(campaign))
