"""Plain-text rendering for the terminal: tables that keep Chinese columns aligned."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from . import captions
from .model import Campaign, Circle, SubmissionKind
from .rules import CompletionReport
from .summary import Summary, Tally


def printable(text: str) -> str:
    """*text* safe to print on a terminal: control and invisible characters escaped.

    Characters that are not printable (controls, format characters such as
    ``\\u200b``, line and paragraph separators, lone surrogates) are written
    as Python writes them in a ``repr``: ``\\x00``, ``\\u200b``. Everything
    else, Chinese included, is kept as it is.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def width(text: str) -> int:
    """Columns *text* takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """*text* padded with spaces to *columns* terminal columns."""
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def center(text: str, columns: int) -> str:
    """*text* centred in *columns* terminal columns."""
    gap = max(columns - width(text), 0)
    return " " * (gap // 2) + text + " " * (gap - gap // 2)


def plain_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A left-aligned table with one header line and a rule under it."""
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = ["  ".join(pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines.extend(
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return lines


def _numbers(tally: Tally) -> list[str]:
    return [
        str(tally.participants),
        *(str(tally.visited[c]) for c in Circle),
        *(str(tally.submitted[k]) for k in SubmissionKind),
    ]


def _counts_table(first: str, rows: Sequence[tuple[str, Tally]], total: Tally) -> list[str]:
    """附件3's layout: a two-level header over the numbers, and the 汇总 row."""
    lower = [captions.PARTICIPANTS, *captions.CIRCLE_COLUMNS, *captions.KIND_COLUMNS]
    body = [[name, *_numbers(t)] for name, t in rows]
    body.append([captions.TOTAL, *_numbers(total)])
    widths = [max(width(first), *(width(r[0]) for r in body))]
    widths += [max(width(h), *(width(r[i + 1]) for r in body)) for i, h in enumerate(lower)]
    sep = "  "
    circles = sep.join(pad(h, w) for h, w in zip(lower[1:4], widths[2:5], strict=True))
    kinds = sep.join(pad(h, w) for h, w in zip(lower[4:], widths[5:], strict=True))
    top = sep.join(
        [
            pad(first, widths[0]),
            pad("", widths[1]),
            center(captions.VISITED, width(circles)),
            center(captions.SUBMITTED, width(kinds)),
        ]
    )
    under = sep.join(
        [
            pad("", widths[0]),
            pad("", widths[1]),
            "─" * width(circles),
            "─" * width(kinds),
        ]
    )
    second = sep.join([pad("", widths[0]), pad(lower[0], widths[1]), circles, kinds])
    rule = sep.join("─" * w for w in widths)
    lines = [top.rstrip(), under.rstrip(), second.rstrip(), rule]
    for i, row in enumerate(body):
        if i == len(body) - 1:
            lines.append(rule)
        cells = [pad(row[0], widths[0])]
        cells += [pad(c, w, right=True) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append(sep.join(cells))
    return lines


def summary_lines(campaign: Campaign, summary: Summary) -> list[str]:
    """附件3 as a terminal table, with its title and what was left out."""
    lines = [captions.SUMMARY_TITLE, ""]
    lines += _counts_table(
        captions.GROUP, [(row.group, row.tally) for row in summary.rows], summary.total
    )
    out = summary.outside_window
    if out.visits or out.submissions:
        lines += [
            "",
            f"Not counted, dated outside the campaign window ({_window(campaign)}): "
            f"{out.visits} visits, {out.submissions} submissions "
            "(sanquan check lists them).",
        ]
    return lines


def _window(campaign: Campaign) -> str:
    plan = campaign.plan
    start = f"{plan.starts_on}" if plan.starts_on else "the start"
    return f"{start} to {plan.ends_on}"


def rollup(campaign: Campaign, summary: Summary, by: str) -> list[tuple[str, str, Tally]]:
    """The roll-up *by* ``kind``, ``office`` or ``body``: (key, display name, numbers)."""
    if by == "kind":
        return [(k.value, k.label, t) for k, t in summary.by_kind().items()]
    if by == "office":
        return [(o, o or "（未指定委办）", t) for o, t in summary.by_office().items()]
    names = {b.id: b.name for b in campaign.plan.bodies}
    return [(b, names.get(b, "（未列明）"), t) for b, t in summary.by_body().items()]


_ROLLUP_HEADS = {"kind": "组别类型", "office": "联系委办", "body": "参加人员"}


def rollup_lines(by: str, rows: Sequence[tuple[str, str, Tally]], total: Tally) -> list[str]:
    """A roll-up as a terminal table in 附件3's layout; *total* is the 汇总 row."""
    lines = [f"{captions.SUMMARY_TITLE}（按{_ROLLUP_HEADS[by]}）", ""]
    lines += _counts_table(_ROLLUP_HEADS[by], [(name, t) for _, name, t in rows], total)
    if by == "body":
        lines += ["", "A member of both bodies counts in both rows; 汇总 counts them once."]
    return lines


def check_lines(campaign: Campaign, report: CompletionReport) -> Iterator[str]:
    """The completion report as text: totals, groups, reminder list, outside window."""
    total = len(report.members)
    yield (
        f"三个一 completion: {total - report.incomplete} of {total} members complete, "
        f"{report.incomplete} incomplete"
    )
    yield ""
    rows = []
    for status in report.groups:
        group = campaign.group(status.group_id)
        rate = "—" if status.rate is None else f"{status.rate:.0%}"
        rows.append(
            [
                group.name,
                group.kind.label,
                group.office,
                str(status.members),
                str(status.complete),
                rate,
            ]
        )
    yield from plain_table(["组别", "类型", "联系委办", "委员", "完成", "完成率"], rows)

    if report.reminders:
        yield ""
        yield "催报名单 (reminder list: incomplete members by office, then group)"
        office = None
        for reminder in report.reminders:
            if reminder.office != office:
                office = reminder.office
                yield f"  {office or '（未指定委办）'}"
            yield f"    {campaign.group(reminder.group_id).name}"
            for member_id in reminder.member_ids:
                owed = "、".join(
                    f"{k.label}{n}条" for k, n in report.member(member_id).missing.items()
                )
                yield f"      {campaign.member(member_id).name} ({member_id}): 缺{owed}"

    out = report.outside_window
    if out.visits or out.submissions:
        yield ""
        yield f"Outside the campaign window ({_window(campaign)}), not counted:"
        if out.visits:
            yield f"  {len(out.visits)} visits: {', '.join(out.visits)}"
        if out.submissions:
            yield f"  {len(out.submissions)} submissions: {', '.join(out.submissions)}"

    uncovered = [s for s in report.members if s.uncovered_circles]
    if uncovered:
        yield ""
        yield f"Circle coverage (advisory): {len(uncovered)} members left a circle unvisited"
    if report.findings:
        yield ""
        yield "Findings (advisory):"
        for finding in report.findings:
            yield f"  [{finding.rule}] {finding.message}"


__all__ = [
    "center",
    "check_lines",
    "pad",
    "plain_table",
    "printable",
    "rollup",
    "rollup_lines",
    "summary_lines",
    "width",
]
