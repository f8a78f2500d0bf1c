"""The public functions that ask the plugin manager, then call the domain.

The domain (:mod:`~sanquan_core.rules`, :mod:`~sanquan_core.summary`,
:mod:`~sanquan_core.model` …) never imports the plugin manager; these thin
facades do, and pass what it returns.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from sanquan_core import rules as _rules
from sanquan_core.errors import UnknownScorerError
from sanquan_core.model import Campaign
from sanquan_core.rules import CompletionReport, Rule

if TYPE_CHECKING:
    from pathlib import Path

    from sanquan_core.counties import Input
    from sanquan_core.documents.reminders import ReminderText
    from sanquan_core.duty import PointsTable, Scorer
    from sanquan_core.readers import ImportResult, Limits
    from sanquan_core.summary import Summary

__all__ = [
    "ROLLUP_FORMATS",
    "check",
    "points",
    "read_forms",
    "reminders",
    "rollup",
    "template",
    "write_corrections",
]

#: The formats a roll-up is written in: those that print 附件3.
ROLLUP_FORMATS = ("xlsx", "docx", "pdf", "csv")


def read_forms(
    files: Iterable[str | os.PathLike[str] | tuple[str, bytes]],
    base: Campaign,
    *,
    limits: Limits | None = None,
) -> ImportResult:
    """Read filled 附件1 and 附件2 (XLSX, CSV, a plugin's) into records against *base*.

    See :func:`sanquan_core.readers.read_forms`; the readers load only when called.
    """
    from sanquan_core.readers import read_forms as read

    return read(files, base, limits=limits)


def check(
    campaign: Campaign, *, rules: Iterable[Rule] | None = None, as_of: date | None = None
) -> CompletionReport:
    """Check every member's 三个一 and every group's completion.

    Args:
        campaign: the campaign to check.
        rules: the extra rules to run. By default, every rule registered
            through the ``sanquan_register_rules`` hook (built-ins and
            installed plugins); pass ``()`` to run none.
        as_of: check completion as it stood on this day: visits,
            submissions and follow-up events dated after it are ignored.

    Raises:
        PluginError: a plugin failed to load, or a rule failed; the message
            names it.
    """
    if rules is None:
        from sanquan_core.plugins import registered_rules

        rules = registered_rules()
    return _rules.check(campaign, rules=rules, as_of=as_of)


def reminders(
    campaign: Campaign,
    *,
    as_of: date | None = None,
    group: str | None = None,
    sender: str | None = None,
) -> tuple[ReminderText, ...]:
    """One short reminder per incomplete member: what they owe and by when (≤ 70 characters).

    Who is reminded is :func:`check`'s reminder list (every registered
    rule runs, as there). See :mod:`sanquan_core.documents.reminders`.

    Args:
        campaign: the campaign.
        as_of: as it stood on this day; the deadline is the end of the first
            phase ending on or after it. Without it every record counts and
            the deadline is the campaign's last day.
        group: only the members of this group, by id or name.
        sender: signs each text (——东台市政协办公室); by default the plan's issuer.

    Raises:
        SelectionError: no group has that id or name.
    """
    from sanquan_core.documents.reminders import reminder_texts

    if group is not None:
        _known_group(campaign, group)
    report = check(campaign, as_of=as_of)
    return reminder_texts(campaign, report, group=group, sender=sender)


def _known_group(campaign: Campaign, group: str) -> None:
    from sanquan_core._suggest import close_matches
    from sanquan_core.errors import SelectionError

    if any(group in (g.id, g.name) for g in campaign.groups):
        return
    known = [g.id for g in campaign.groups]
    raise SelectionError(
        f"no group has the id or name {group!r}",
        part="group",
        unknown=[group],
        known=known,
        suggestions=close_matches(group, known + [g.name for g in campaign.groups]),
    )


def template(
    campaign: Campaign,
    target: str | os.PathLike[str],
    *,
    forms: Iterable[str] = ("visits", "results"),
    group: str | None = None,
    member: str | None = None,
) -> list[Path]:
    """Write blank forms (附件1, 附件2) to fill, XLSX or Word; return the paths written.

    See :func:`sanquan_core.readers.template.template`: a file for *group*
    or *member* at *target* (``.xlsx`` a workbook, ``.docx`` the notice
    packet's Word forms, one pair per member), else one per group in the
    folder *target* (``模板.docx``: Word forms in the folder ``模板``).
    """
    from sanquan_core.readers.template import template as write

    return write(campaign, target, forms=tuple(forms), group=group, member=member)


def write_corrections(result: ImportResult, target: str | os.PathLike[str]) -> Path:
    """Write the corrections workbook of *result* (``sanquan import --errors-out``) to *target*.

    The rows refused, back in their template, each bad cell highlighted
    with the problem as a comment, then the list of every problem; see
    :mod:`sanquan_core.readers.report`. Correct it and read it again.
    """
    from pathlib import Path

    from sanquan_core._io import atomic_write
    from sanquan_core.readers.report import corrections_workbook

    path = Path(target)
    atomic_write(path, corrections_workbook(result))
    return path


def points(
    campaign: Campaign, *, as_of: date | None = None, scorer: Scorer | None = None
) -> PointsTable:
    """Every member's and group's duty points (履职积分), ranked, with what earned them.

    Args:
        campaign: a campaign whose plan defines points (``plan.points``).
        as_of: the points as they stood on this day.
        scorer: the arithmetic. By default the scorer the plan names in
            ``points.scorer`` among those registered through the
            ``sanquan_register_scorers`` hook (built-in: ``"standard"``).

    Raises:
        UsageError: the plan defines no points, or names a scorer nobody registered.
        PluginError: a plugin failed to load, or its scorer failed or
            credited someone who is not a member.

    See :func:`sanquan_core.duty.points` for the arithmetic and the caps.
    """
    from sanquan_core import duty

    rules = campaign.plan.points
    if scorer is None and rules is not None and rules.scorer:
        from sanquan_core.plugins import registered_scorers

        known = {s.name: s for s in registered_scorers()}
        scorer = known.get(rules.scorer)
        if scorer is None:
            raise UnknownScorerError(rules.scorer, sorted(known))
    return duty.points(campaign, scorer=scorer, as_of=as_of)


def rollup(
    inputs: Iterable[Input] | Summary,
    target: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    format: str | None = None,
    jobs: int = 1,
    created: datetime | None = None,
    **settings: Any,
) -> Summary:
    """A prefecture's 附件3: a row per county and the 汇总 row, written to *target*.

    Args:
        inputs: each county's ``sanquan summary --json`` file or
            ``sanquan/1`` dataset (one path alone: one county); a path
            names the county by its file's name, a ``(name, path)`` or
            ``(name, Summary)`` pair by *name*
            (:func:`sanquan_core.counties.read_units`); or a roll-up's
            table made elsewhere (a fold of :func:`~sanquan_core.counties.unit`
            summaries on a cluster), written as it is.
        target: the file to write (``.xlsx``, ``.docx``, ``.pdf``, ``.csv``,
            or *format*), or a binary stream (*format* then says which);
            ``None`` writes nothing.
        format: one of :data:`ROLLUP_FORMATS`, when *target*'s suffix does
            not say.
        jobs: worker processes summarizing the datasets (``0``: one per CPU).
        created: the documents' timestamp; by default the last day of the
            datasets' plans, else 1 January 1980, so the bytes are reproducible.
        **settings: the exporter's settings (``font`` for PDF).

    Returns:
        the roll-up's table: a row per county (a one-row summary each,
        merged), its total the prefecture's.

    Raises:
        ValidationError: every fault of every input, located by its file.
        UsageError: *target* is not a format a roll-up is written in; no
            input; *jobs* below 0.
    """
    from sanquan_core import captions
    from sanquan_core.counties import read_units, roll_up
    from sanquan_core.documents.facts import ROLLUP
    from sanquan_core.errors import UsageError
    from sanquan_core.exporters import export
    from sanquan_core.model import Campaign, Phase, Plan

    chosen = format or (
        os.path.splitext(os.fspath(target))[1].lstrip(".").lower()
        if isinstance(target, (str, os.PathLike))
        else None
    )
    if target is not None and chosen not in ROLLUP_FORMATS:
        raise UsageError(
            f"a roll-up is written as {', '.join(ROLLUP_FORMATS)}, not {chosen or target!r}"
        )
    from sanquan_core.summary import Summary as _Summary

    if isinstance(inputs, _Summary):  # a table already rolled up (a fold on a cluster)
        units, table = [], inputs
    else:
        if isinstance(inputs, (str, os.PathLike)):  # one file, not its name's letters
            inputs = [inputs]
        units = read_units(inputs, jobs=jobs)
        if not units:
            raise UsageError("rollup() needs at least one county's summary or dataset")
        table = roll_up(units)
    if target is None:
        return table
    ends = [u.ends_on for u in units if u.ends_on is not None]
    day = max(ends) if ends else date(1980, 1, 1)
    when = created or datetime(day.year, day.month, day.day)
    plan = Plan(title=captions.SUMMARY_TITLE, phases=(Phase(captions.SUMMARY_TITLE, day),))
    export(
        Campaign(plan),
        target,
        format=chosen,
        forms=["summary"],
        created=when,
        **{**settings, ROLLUP: table},
    )
    return table
