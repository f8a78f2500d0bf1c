"""A prefecture-sized campaign for the scale tests and benchmarks.

:func:`campaign` builds *members* members in groups of about fifty, with
few records each: some members hand in one visit per circle and one item
of each kind (they are complete), some one visit and one item (they are
on the reminder list), the rest nothing at all; now and then a record
falls outside the window or an item is dated before its visit. The texts
are the packaged demo's, copied onto the new records, so the documents
look like real ones. The same arguments give the same campaign.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import attrs

import sanquan_core as sq
from sanquan_core.model import Circle, Group, GroupKind, Member, Submission, Visit

#: Members per group.
GROUP_SIZE = 50


def campaign(
    members: int, *, complete: float = 0.3, partial: float = 0.4, seed: int = 11
) -> sq.Campaign:
    """A campaign of *members* members.

    A share *complete* of them visit each circle once and hand in one item
    of each kind, a share *partial* one visit and one item; the rest
    nothing.
    """
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
    visits_by: dict[Circle, list[Visit]] = {c: [] for c in Circle}
    for v in demo.visits:
        visits_by[v.circle].append(v)
    items_by: dict[sq.SubmissionKind, list[Submission]] = {k: [] for k in sq.SubmissionKind}
    for s in demo.submissions:
        items_by[s.kind].append(s)

    def day() -> date:
        roll = rnd.random()
        if roll < 0.005:
            return start - timedelta(days=rnd.randint(1, 8))
        return start + timedelta(days=rnd.randint(0, span))

    people: list[Member] = []
    visits: list[Visit] = []
    items: list[Submission] = []
    for n in range(1, members + 1):
        template = demo.members[n % len(demo.members)]
        member = attrs.evolve(
            template,
            id=f"m{n:06d}",
            group_id=groups[(n - 1) // GROUP_SIZE].id,
            phone=f"1380{n:07d}",
        )
        people.append(member)
        roll = rnd.random()
        if roll < complete:
            circles = list(Circle)
        elif roll < complete + partial:
            circles = [rnd.choice(list(Circle))]
        else:
            continue
        for circle in circles:
            visit = attrs.evolve(
                rnd.choice(visits_by[circle]),
                id=f"v{len(visits) + 1:06d}",
                member_id=member.id,
                visited_on=day(),
            )
            visits.append(visit)
            kind = next(k for k in sq.SubmissionKind if k.circle is circle)
            items.append(
                attrs.evolve(
                    rnd.choice(items_by[kind]),
                    id=f"s{len(items) + 1:06d}",
                    member_id=member.id,
                    # Now and then an item dated before its visit, for a finding.
                    submitted_on=visit.visited_on - timedelta(days=rnd.random() < 0.03),
                    visit_id=visit.id if rnd.random() < 0.8 else None,
                )
            )
    return attrs.evolve(
        demo,
        groups=groups,
        members=tuple(people),
        visits=tuple(visits),
        submissions=tuple(items),
    )


__all__ = ["GROUP_SIZE", "campaign"]
