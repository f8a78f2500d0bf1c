"""Plain-text rendering for the terminal: tables that keep Chinese columns aligned."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, Literal, TypeAlias

from attrs import frozen

from . import captions
from ._i18n import _, language, ngettext
from ._terminal import display_width, rule_char, terminal_columns, terminal_safe, wrap
from .model import Campaign, Circle, SubmissionKind
from .pace import ProgressPoint, ProgressReport, ProgressSeries
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
    """Columns *text* takes in a terminal (:func:`._terminal.display_width`)."""
    return display_width(text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """*text* padded with spaces to *columns* terminal columns."""
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def center(text: str, columns: int) -> str:
    """*text* centred in *columns* terminal columns."""
    gap = max(columns - width(text), 0)
    return " " * (gap // 2) + text + " " * (gap - gap // 2)


def plain_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A left-aligned table with one header line and a rule under it.

    Cells are made safe for a terminal first (:func:`._terminal.terminal_safe`):
    a name holding an escape sequence prints as ``?``, never runs.
    """
    rows = [[terminal_safe(cell) for cell in row] for row in rows]
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = ["  ".join(pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join(rule_char() * w for w in widths))
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


#: "Use what the terminal has": :func:`summary_lines` measures it.
AUTO: Final = "auto"
Width: TypeAlias = int | Literal["auto"] | None


@frozen
class _Heads:
    """The captions of 附件3's number columns: the seed's, or abbreviations."""

    visited: str
    submitted: str
    lower: tuple[str, ...]  # participants, three circles, three kinds


_FULL = _Heads(
    captions.VISITED,
    captions.SUBMITTED,
    (captions.PARTICIPANTS, *captions.CIRCLE_COLUMNS, *captions.KIND_COLUMNS),
)
#: Short captions for a narrow terminal; the legend under the table spells them out.
_SHORT = _Heads(
    "走访人数", "报送条数", ("参与人数", "界别", "生活", "朋友", "建议", "社情民意", "双招双引")
)
_STACKED = (
    "参与人数",
    "走访界别圈",
    "走访生活圈",
    "走访朋友圈",
    "报送建议",
    "报送社情民意",
    "报送双招双引",
)
_LEGEND = (
    ("参与人数", captions.PARTICIPANTS),
    ("走访人数", captions.VISITED),
    ("报送条数", captions.SUBMITTED),
    ("界别、生活、朋友", "、".join(captions.CIRCLE_COLUMNS)),
    ("建议", captions.KIND_COLUMNS[0]),
    ("社情民意", captions.KIND_COLUMNS[1]),
    ("双招双引", captions.KIND_COLUMNS[2]),
)
#: The narrowest column group names are wrapped into (three Chinese characters).
_MIN_NAME = 6


def _grid(
    first: str,
    body: Sequence[tuple[str, Sequence[str]]],
    heads: _Heads,
    sep: str,
    name_width: int | None,
) -> list[str]:
    """附件3's layout: a two-level header over the numbers, and the 汇总 row.

    *body* holds (name, numbers) with the 汇总 row last. With *name_width*,
    names longer than that are wrapped onto further lines.
    """
    rule = rule_char()
    widths = [
        max(width(h), *(width(nums[i]) for _, nums in body)) for i, h in enumerate(heads.lower)
    ]
    # A top caption wider than the columns under it widens the last of them.
    for top, cols in ((heads.visited, slice(1, 4)), (heads.submitted, slice(4, 7))):
        span = sum(widths[cols]) + width(sep) * (len(widths[cols]) - 1)
        widths[cols.stop - 1] += max(width(top) - span, 0)
    natural = max(width(first), *(width(name) for name, _ in body))
    first_width = natural if name_width is None else min(natural, name_width)
    circles = sep.join(pad(h, w) for h, w in zip(heads.lower[1:4], widths[1:4], strict=True))
    kinds = sep.join(pad(h, w) for h, w in zip(heads.lower[4:], widths[4:], strict=True))
    blank_first, blank_participants = " " * first_width, " " * widths[0]
    lines = [
        sep.join(
            [
                pad(first, first_width),
                blank_participants,
                center(heads.visited, width(circles)),
                center(heads.submitted, width(kinds)),
            ]
        ),
        sep.join([blank_first, blank_participants, rule * width(circles), rule * width(kinds)]),
        sep.join([blank_first, pad(heads.lower[0], widths[0]), circles, kinds]),
    ]
    full_rule = sep.join(rule * w for w in [first_width, *widths])
    lines = [line.rstrip() for line in lines] + [full_rule]
    for i, (name, numbers) in enumerate(body):
        if i == len(body) - 1:
            lines.append(full_rule)
        parts = wrap(name, first_width) if width(name) > first_width else [name]
        cells = [pad(parts[0], first_width)]
        cells += [pad(n, w, right=True) for n, w in zip(numbers, widths, strict=True)]
        lines.append(sep.join(cells))
        lines.extend(part.rstrip() for part in parts[1:])
    return lines


def _stacked(body: Sequence[tuple[str, Sequence[str]]], columns: int) -> list[str]:
    """One block per row, a number per line: for terminals too narrow for columns."""
    label_width = max(width(label) for label in _STACKED)
    number_width = max(width(n) for _, numbers in body for n in numbers)
    lines: list[str] = []
    for name, numbers in body:
        lines.extend(wrap(name, columns))
        for label, number in zip(_STACKED, numbers, strict=True):
            lines.append(f"  {pad(label, label_width)}  {pad(number, number_width, right=True)}")
    return lines


def _fits(lines: Sequence[str], columns: int | None) -> bool:
    return columns is None or all(width(line) <= columns for line in lines)


def _counts_table(
    first: str, rows: Sequence[tuple[str, Tally]], total: Tally, columns: int | None = None
) -> tuple[list[str], bool]:
    """附件3's table in at most *columns* terminal columns (``None``: as wide as it takes).

    Tries, in order: the seed's captions; short captions; short captions
    with one space between columns; the same with group names wrapped;
    a block per row. Returns the lines and whether short captions were
    used (the caller then prints the legend).
    """
    body = [(terminal_safe(name), _numbers(t)) for name, t in rows]
    body.append((captions.TOTAL, _numbers(total)))
    for heads, sep in ((_FULL, "  "), (_SHORT, "  "), (_SHORT, " ")):
        lines = _grid(first, body, heads, sep, None)
        if _fits(lines, columns):
            return lines, heads is _SHORT
    assert columns is not None
    fixed = width(_grid("", [("", nums) for _, nums in body], _SHORT, " ", None)[-1])
    if columns - fixed >= _MIN_NAME:
        lines = _grid(first, body, _SHORT, " ", columns - fixed)
        if _fits(lines, columns):
            return lines, True
    return _stacked(body, columns), True


def _legend(columns: int | None) -> list[str]:
    lines = []
    for short, full in _LEGEND:
        lines.extend(wrap(f"{short}：{full}", columns) if columns else [f"{short}：{full}"])
    return lines


def _fit(text: str, columns: int | None) -> list[str]:
    return wrap(text, columns) if columns else [text]


def _columns(columns: Width) -> int | None:
    return terminal_columns() if columns == AUTO else columns


def summary_lines(campaign: Campaign, summary: Summary, columns: Width = AUTO) -> list[str]:
    """附件3 as a terminal table, with its title and what was left out.

    Args:
        columns: the width to fit: a number of columns, ``None`` for no
            limit, or ``"auto"`` for the terminal's (``COLUMNS``, else the
            terminal standard output is on, else no limit).
    """
    limit = _columns(columns)
    lines = [*_fit(captions.SUMMARY_TITLE, limit), ""]
    table, short = _counts_table(
        captions.GROUP, [(row.group, row.tally) for row in summary.rows], summary.total, limit
    )
    lines += table
    if short:
        lines += ["", *_legend(limit)]
    out = summary.outside_window
    if out.visits or out.submissions:
        note = _(
            "Not counted, dated outside the campaign window ({window}): {visits} visits, "
            "{submissions} submissions (sanquan check lists them)."
        ).format(window=_window(campaign), visits=out.visits, submissions=out.submissions)
        lines += ["", *_fit(note, limit)]
    return lines


def _window(campaign: Campaign) -> str:
    plan = campaign.plan
    start = f"{plan.starts_on}" if plan.starts_on else _("the start")
    return _("{start} to {end}").format(start=start, end=plan.ends_on)


def rollup(campaign: Campaign, summary: Summary, by: str) -> list[tuple[str, str, Tally]]:
    """The roll-up *by* ``kind``, ``office`` or ``body``: (key, display name, numbers)."""
    if by == "kind":
        return [(k.value, k.label, t) for k, t in summary.by_kind().items()]
    if by == "office":
        return [(o, o or _no_office(), t) for o, t in summary.by_office().items()]
    names = {b.id: b.name for b in campaign.plan.bodies}
    return [(b, names.get(b, _("(not listed)")), t) for b, t in summary.by_body().items()]


_ROLLUP_HEADS = {"kind": "组别类型", "office": "联系委办", "body": "参加人员"}


def rollup_lines(
    by: str, rows: Sequence[tuple[str, str, Tally]], total: Tally, columns: Width = AUTO
) -> list[str]:
    """A roll-up as a terminal table in 附件3's layout; *total* is the 汇总 row."""
    limit = _columns(columns)
    lines = [*_fit(f"{captions.SUMMARY_TITLE}（按{_ROLLUP_HEADS[by]}）", limit), ""]
    table, short = _counts_table(
        _ROLLUP_HEADS[by], [(name, t) for _, name, t in rows], total, limit
    )
    lines += table
    if short:
        lines += ["", *_legend(limit)]
    if by == "body":
        note = _("A member of both bodies counts in both rows; 汇总 counts them once.")
        lines += ["", *_fit(note, limit)]
    return lines


def _kind_name(kind: SubmissionKind) -> str:
    """A kind of item as a sentence names it: the seed's label in Chinese."""
    return kind.label if language() == "zh" else kind.value


def _no_office() -> str:
    return _("(no office named)")


def check_lines(campaign: Campaign, report: CompletionReport) -> Iterator[str]:
    """The completion report as text: totals, groups, reminder list, outside window."""
    for line in _check_lines(campaign, report):
        yield terminal_safe(line)


def _check_lines(campaign: Campaign, report: CompletionReport) -> Iterator[str]:
    total = len(report.members)
    yield _(
        "三个一 completion: {complete} of {total} members complete, {incomplete} incomplete"
    ).format(complete=total - report.incomplete, total=total, incomplete=report.incomplete)
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
    header = [_("group"), _("kind"), _("office"), _("members"), _("complete"), _("rate")]
    yield from plain_table(header, rows)

    if report.reminders:
        yield ""
        yield _("Reminder list (催报名单): incomplete members by office, then group")
        office = None
        for reminder in report.reminders:
            if reminder.office != office:
                office = reminder.office
                yield f"  {office or _no_office()}"
            yield f"    {campaign.group(reminder.group_id).name}"
            for member_id in reminder.member_ids:
                owed = _(", ").join(
                    _("{count} {kind}").format(count=n, kind=_kind_name(k))
                    for k, n in report.member(member_id).missing.items()
                )
                yield "      " + _("{name} ({member}): missing {owed}").format(
                    name=campaign.member(member_id).name, member=member_id, owed=owed
                )

    out = report.outside_window
    if out.visits or out.submissions:
        yield ""
        yield _("Outside the campaign window ({window}), not counted:").format(
            window=_window(campaign)
        )
        if out.visits:
            yield "  " + ngettext(
                "{count} visit: {ids}", "{count} visits: {ids}", len(out.visits)
            ).format(count=len(out.visits), ids=", ".join(out.visits))
        if out.submissions:
            yield "  " + ngettext(
                "{count} submission: {ids}", "{count} submissions: {ids}", len(out.submissions)
            ).format(count=len(out.submissions), ids=", ".join(out.submissions))

    uncovered = [s for s in report.members if s.uncovered_circles]
    if uncovered:
        yield ""
        yield ngettext(
            "Circle coverage (advisory): {count} member left a circle unvisited",
            "Circle coverage (advisory): {count} members left a circle unvisited",
            len(uncovered),
        ).format(count=len(uncovered))
    if report.findings:
        yield ""
        yield _("Findings (advisory):")
        zh = language() == "zh"
        for finding in report.findings:
            message = finding.printed if zh else finding.message
            yield f"  [{finding.rule}] {message}"


def progress_lines(report: ProgressReport, columns: Width = AUTO) -> list[str]:
    """The cumulative series as terminal tables, then the groups behind pace.

    The whole campaign first, then each series *by* asks for; a table per
    series, a row per point, the phase deadlines marked. Where the table is
    wider than *columns*, the items of each kind give way to their sum.
    """
    limit = _columns(columns)
    lines = _fit(
        _("Progress from {start} to {end}, a point per {every}").format(
            start=report.starts_on,
            end=report.as_of,
            every=_("week") if report.every == "week" else _("day"),
        ),
        limit,
    )
    for series in (report.total, *report.series):
        lines.append("")
        name = terminal_safe(series.name) if series.key else _("All groups")
        lines += _fit(
            ngettext(
                "{name} ({members} member)", "{name} ({members} members)", series.members
            ).format(name=name or _no_office(), members=series.members),
            limit,
        )
        lines += _series_table(series, limit)
    lines.append("")
    lines += _fit(_("Phase deadlines and the expected share of complete members:"), limit)
    for deadline in report.deadlines:
        lines += _fit(
            "  "
            + _("{phase}, {day}: {share}").format(
                phase=deadline.phase, day=deadline.ends_on, share=f"{deadline.expected:.0%}"
            ),
            limit,
        )
    lines.append("")
    if not report.behind:
        lines += _fit(_("No group is behind pace at a deadline so far."), limit)
        return lines
    lines += _fit(
        _("Behind pace (completion rate below {tolerance} of the expected share):").format(
            tolerance=f"{report.tolerance:.0%}"
        ),
        limit,
    )
    rows = [
        [
            str(b.ends_on),
            b.group,
            b.office or _no_office(),
            f"{b.complete}/{b.members}",
            f"{b.rate:.0%}",
            f"{b.pace:.0%}",
        ]
        for b in report.behind
    ]
    header = [_("deadline"), _("group"), _("office"), _("complete"), _("rate"), _("pace")]
    lines += plain_table(header, rows)
    return lines


def _series_table(series: ProgressSeries, limit: int | None) -> list[str]:
    def rate(point: ProgressPoint) -> str:
        return "—" if point.rate is None else f"{point.rate:.0%}"

    def day(point: ProgressPoint) -> str:
        return f"{point.on} *" if point.deadline else str(point.on)

    head = [_("day"), _("taking part"), _("complete"), _("rate"), _("visits")]
    full = plain_table(
        [*head, *(_kind_name(k) for k in SubmissionKind)],
        [
            [
                day(p),
                str(p.participants),
                str(p.complete),
                rate(p),
                str(p.visits),
                *(str(p.items[k]) for k in SubmissionKind),
            ]
            for p in series.points
        ],
    )
    table = full
    if not _fits(full, limit):
        table = plain_table(
            [*head, _("items")],
            [
                [
                    day(p),
                    str(p.participants),
                    str(p.complete),
                    rate(p),
                    str(p.visits),
                    str(sum(p.items.values())),
                ]
                for p in series.points
            ],
        )
    if any(p.deadline for p in series.points):
        table.append(_("* a phase deadline"))
    return table


__all__ = [
    "AUTO",
    "Width",
    "center",
    "check_lines",
    "pad",
    "plain_table",
    "printable",
    "progress_lines",
    "rollup",
    "rollup_lines",
    "summary_lines",
    "width",
]
