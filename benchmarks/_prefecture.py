"""A prefecture-sized campaign for the export benchmarks, made from the demo's texts.

:func:`campaign` gives *members* members in groups of fifty, *visits* visits
and *items* items each (the issue's prefecture: 20,000 members, ten visits
and three items a member, about 200,000 visits and 60,000 items). The
records copy the packaged demo's texts, so the documents look like real ones,
and the same arguments give the same campaign.
"""

from __future__ import annotations

import random
from datetime import timedelta

import attrs

import sanquan_core as sq
from sanquan_core.model import Circle, Group, GroupKind, Member, Submission, Visit

GROUP_SIZE = 50


def campaign(members: int, visits: int = 10, items: int = 3, *, seed: int = 7) -> sq.Campaign:
    """*members* members with *visits* visits and *items* items each."""
    rnd = random.Random(seed)
    demo = sq.load_demo()
    plan = demo.plan
    assert plan.starts_on is not None
    start, span = plan.starts_on, (plan.ends_on - plan.starts_on).days
    offices = sorted({g.office for g in demo.groups})
    groups = tuple(
        Group(
            f"g{n:04d}",
            f"第{n}委员{'工作' if n % 3 == 0 else '联络'}组",
            GroupKind.WORKING if n % 3 == 0 else GroupKind.LIAISON,
            offices[n % len(offices)],
        )
        for n in range(1, max(1, -(-members // GROUP_SIZE)) + 1)
    )
    by_circle: dict[Circle, list[Visit]] = {c: [] for c in Circle}
    for v in demo.visits:
        by_circle[v.circle].append(v)
    by_kind: dict[sq.SubmissionKind, list[Submission]] = {k: [] for k in sq.SubmissionKind}
    for s in demo.submissions:
        by_kind[s.kind].append(s)
    circles = list(Circle)
    kinds = list(sq.SubmissionKind)
    people: list[Member] = []
    made: list[Visit] = []
    handed: list[Submission] = []
    for n in range(1, members + 1):
        member = attrs.evolve(
            demo.members[n % len(demo.members)],
            id=f"m{n:06d}",
            group_id=groups[(n - 1) // GROUP_SIZE].id,
            phone=f"1380{n:07d}",
        )
        people.append(member)
        mine = []
        for k in range(visits):
            visit = attrs.evolve(
                rnd.choice(by_circle[circles[k % 3]]),
                id=f"v{len(made) + 1:07d}",
                member_id=member.id,
                visited_on=start + timedelta(days=rnd.randint(0, span)),
            )
            made.append(visit)
            mine.append(visit)
        for k in range(items):
            kind = kinds[k % 3]
            source = next((v for v in mine if v.circle is kind.circle), None)
            handed.append(
                attrs.evolve(
                    rnd.choice(by_kind[kind]),
                    id=f"s{len(handed) + 1:07d}",
                    member_id=member.id,
                    submitted_on=source.visited_on if source else start,
                    visit_id=source.id if source else None,
                )
            )
    return attrs.evolve(
        demo,
        groups=groups,
        members=tuple(people),
        visits=tuple(made),
        submissions=tuple(handed),
    )


__all__ = ["GROUP_SIZE", "campaign"]
