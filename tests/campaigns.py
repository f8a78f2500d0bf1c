"""Campaigns the tests share: small hand-counted data and hostile text."""

from __future__ import annotations

from pathlib import Path

import attrs

import sanquan_core as sq

DATA = Path(__file__).parent / "data"

#: Text that breaks naive exporters: markup, a formula, control characters,
#: emoji, a CJK Extension B character, a leading "+", "-" and "@".
HOSTILE_TEXTS = {
    "markup": "<b>粗体</b> & <i>斜体</i> &amp; <font name='x'>字</font>",
    "formula": '=HYPERLINK("http://example.invalid","点我")',
    "plus": "+86 138 0000 0000",
    "minus": "-2+3",
    "at": "@SUM(A1:A9)",
    "control": "走访\x00对象\x07反映\x1b情况\x0c",
    "emoji": "群众点赞👍🏻，笑脸😀",
    "rare": "𠀀𪚥䶮（生僻字）",
}

#: Longer than an Excel cell can hold (32,767 characters).
LONG_TEXT = "很长的内容。" * 6000


def small() -> sq.Campaign:
    """tests/data/small.json; its summary is worked out by hand in test_summary.py."""
    return sq.load(DATA / "small.json")


def hostile() -> sq.Campaign:
    """The small campaign with every text field made hostile."""
    base = small()
    texts = list(HOSTILE_TEXTS.values())
    members = tuple(
        attrs.evolve(m, name=f"{m.name}{texts[i % len(texts)][:12]}")
        for i, m in enumerate(base.members)
    )
    visits = tuple(
        attrs.evolve(
            v,
            target=texts[i % len(texts)],
            address=texts[(i + 1) % len(texts)],
            situation=texts[(i + 2) % len(texts)] + ("\n" + LONG_TEXT if i == 0 else ""),
            needs_help=texts[(i + 3) % len(texts)],
            needs_coordination=texts[(i + 4) % len(texts)],
        )
        for i, v in enumerate(base.visits)
    )
    subs = tuple(
        attrs.evolve(s, title=texts[i % len(texts)], content=texts[(i + 5) % len(texts)])
        for i, s in enumerate(base.submissions)
    )
    groups = tuple(attrs.evolve(g, name=g.name + "=1+1") for g in base.groups)
    return attrs.evolve(base, groups=groups, members=members, visits=visits, submissions=subs)


def scaled(visits: int, *, seed: int = 1) -> sq.Campaign:
    """The demo campaign with its visits repeated until there are *visits* of them."""
    demo = sq.load_demo()
    out = []
    n = 0
    while len(out) < visits:
        for v in demo.visits:
            if len(out) == visits:
                break
            n += 1
            out.append(attrs.evolve(v, id=f"x{n:06d}"))
    return attrs.evolve(
        demo,
        visits=tuple(out),
        submissions=tuple(attrs.evolve(s, visit_id=None) for s in demo.submissions),
    )


__all__ = ["DATA", "HOSTILE_TEXTS", "LONG_TEXT", "hostile", "scaled", "small"]


def paced() -> sq.Campaign:
    """A campaign whose progress week by week is worked out by hand in tests/test_pace.py.

    Plan 2017-07-11 to 2017-08-31 (52 days); phase 1 ends 07-31 (day 21).
    g1 (经济委): m1 complete on 07-25, m2 on 08-10. g2 (经济委): m3 hands in one
    suggestion, m4 nothing counted (a visit after the plan, an item before it).
    g3 (办公室): m5 complete on 07-31.
    """
    from datetime import date

    plan = sq.Plan(
        title="聚焦“三圈”大走访、彰显职能促和谐",
        phases=(
            sq.Phase("调研摸排和解难献策阶段", date(2017, 7, 31)),
            sq.Phase("督查推动和总结提高阶段", date(2017, 8, 31)),
        ),
        issued_on=date(2017, 7, 11),
        starts_on=date(2017, 7, 11),
    )
    working = sq.GroupKind.WORKING
    groups = (
        sq.Group("g1", "经济界委员工作组", working, "经济委"),
        sq.Group("g2", "工商联界委员工作组", working, "经济委"),
        sq.Group("g3", "东台镇委员联络组", sq.GroupKind.LIAISON, "办公室"),
    )
    names = {"m1": "张三", "m2": "李四", "m3": "王五", "m4": "赵六", "m5": "钱七"}
    in_group = {"m1": "g1", "m2": "g1", "m3": "g2", "m4": "g2", "m5": "g3"}
    members = tuple(sq.Member(m, names[m], in_group[m]) for m in names)
    circle, kind = sq.Circle, sq.SubmissionKind
    visits = (
        sq.Visit("v1", "m1", circle.SECTOR, date(2017, 7, 12), "甲", headcount=2),
        sq.Visit("v2", "m3", circle.FRIENDS, date(2017, 7, 15), "乙", headcount=3),
        sq.Visit("v3", "m2", circle.LIFE, date(2017, 7, 18), "丙"),
        sq.Visit("v4", "m5", circle.LIFE, date(2017, 7, 30), "丁"),
        sq.Visit("v5", "m4", circle.SECTOR, date(2017, 9, 5), "戊"),
    )
    items = (
        ("s1", "m1", kind.SUGGESTION, date(2017, 7, 13)),
        ("s2", "m3", kind.SUGGESTION, date(2017, 7, 16)),
        ("s3", "m1", kind.OPINION, date(2017, 7, 20)),
        ("s4", "m1", kind.LEAD, date(2017, 7, 25)),
        ("s5", "m5", kind.SUGGESTION, date(2017, 7, 31)),
        ("s6", "m5", kind.OPINION, date(2017, 7, 31)),
        ("s7", "m5", kind.LEAD, date(2017, 7, 31)),
        ("s8", "m2", kind.SUGGESTION, date(2017, 8, 2)),
        ("s9", "m2", kind.OPINION, date(2017, 8, 3)),
        ("s10", "m2", kind.LEAD, date(2017, 8, 10)),
        ("s11", "m4", kind.SUGGESTION, date(2017, 7, 1)),
    )
    submissions = tuple(
        sq.Submission(i, m, k, day, title=f"{names[m]}的{k.label}") for i, m, k, day in items
    )
    # Through the loader: the campaign is valid sanquan/1.
    return sq.loads(sq.dump(sq.Campaign(plan, groups, members, visits, submissions)))
