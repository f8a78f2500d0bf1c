"""Part of a campaign: some groups, some offices, some kinds, one phase.

:func:`select` returns a smaller, still valid :class:`Campaign`, so every
other function — :func:`~sanquan_core.summarize`, :func:`~sanquan_core.check`,
the exporters — works on it unchanged and agrees with itself. The book
(成果汇编) for one office, or for the first phase only, is an export of a
selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import evolve, frozen

from ._suggest import close_matches
from .errors import SelectionError, _did_you_mean
from .model import Campaign, Phase, SubmissionKind

__all__ = ["Selection", "SelectionError", "select"]


@frozen
class Selection:
    """Which part of a campaign to keep; ``None`` keeps everything of that kind.

    Attributes:
        groups: group ids to keep.
        offices: supervising offices whose groups to keep.
        kinds: submission kinds to keep (visits are kept whatever the kinds).
        phase: one phase, by name or by number (1 is the first), as text.
    """

    groups: frozenset[str] | None = None
    offices: frozenset[str] | None = None
    kinds: frozenset[SubmissionKind] | None = None
    phase: str | None = None

    @classmethod
    def of(
        cls,
        *,
        groups: Iterable[str] | None = None,
        offices: Iterable[str] | None = None,
        kinds: Iterable[SubmissionKind | str] | None = None,
        phase: str | int | None = None,
    ) -> Selection:
        """Build a selection from lists; kinds may be given as names or labels.

        Raises:
            SelectionError: a list is empty (``groups=[]`` or ``""`` names
                no group: leave it out, or ``None``, to keep every group),
                or a kind is unknown.
        """
        parsed = None
        if kinds is not None:
            parsed_kinds = []
            for k in _items(kinds, "kinds"):
                if isinstance(k, SubmissionKind):
                    parsed_kinds.append(k)
                    continue
                try:
                    parsed_kinds.append(SubmissionKind.parse(k))
                except ValueError as exc:
                    known = [kind.value for kind in SubmissionKind]
                    labels = [kind.label for kind in SubmissionKind]
                    suggestions = close_matches(k, [*known, *labels])
                    raise SelectionError(
                        f"{exc}{_did_you_mean(suggestions)}",
                        part="kinds",
                        unknown=[k],
                        known=known,
                        suggestions=suggestions,
                    ) from None
            parsed = frozenset(parsed_kinds)
        if phase is not None and not str(phase).strip():
            raise SelectionError(
                "phase is empty: name a phase by number or name, or leave it out",
                part="phase",
            )
        return cls(
            groups=None if groups is None else frozenset(_items(groups, "groups")),
            offices=None if offices is None else frozenset(_items(offices, "offices")),
            kinds=parsed,
            phase=None if phase is None else str(phase).strip(),
        )

    @property
    def everything(self) -> bool:
        """Whether this selection keeps the whole campaign."""
        return self == Selection()

    def describe(self, campaign: Campaign) -> str:
        """The selection in words, for a document's cover: ``""`` for everything."""
        parts = []
        if self.phase is not None:
            phase = resolve_phase(campaign, self.phase)
            parts.append(f"{phase.name}（截至{phase.ends_on.month}月{phase.ends_on.day}日）")
        if self.offices is not None:
            parts.append("、".join(sorted(self.offices)) + "联系的组")
        if self.groups is not None:
            parts.append("、".join(g.name for g in campaign.groups if g.id in self.groups))
        if self.kinds is not None:
            parts.append("、".join(k.label for k in SubmissionKind if k in self.kinds))
        return "；".join(parts)


def _items(values: Iterable[Any] | str, part: str) -> list[Any]:
    if isinstance(values, str):
        values = values.split(",")
    items = [v.strip() if isinstance(v, str) else v for v in values]
    items = [v for v in items if v != ""]
    if not items:
        raise SelectionError(
            f"{part} is empty: name at least one, or leave it out to keep them all",
            part=part,
        )
    return items


def resolve_phase(campaign: Campaign, phase: str) -> Phase:
    """The phase named *phase*, or numbered (``"1"`` is the first).

    Raises:
        SelectionError: no such phase; the message lists them.
    """
    phases = campaign.plan.phases
    for candidate in phases:
        if candidate.name == phase:
            return candidate
    if phase.isdigit() and 1 <= int(phase) <= len(phases):
        return phases[int(phase) - 1]
    listed = "; ".join(f"{i} {p.name}" for i, p in enumerate(phases, 1))
    suggestions = close_matches(phase, [p.name for p in phases])
    raise SelectionError(
        f"{phase!r} is not a phase of the plan (the phases: {listed}){_did_you_mean(suggestions)}",
        part="phase",
        unknown=[phase],
        known=[f"{i} {p.name}" for i, p in enumerate(phases, 1)],
        suggestions=suggestions,
    )


def select(campaign: Campaign, selection: Selection | None = None, **parts: object) -> Campaign:
    """The part of *campaign* a selection keeps.

    Either pass a :class:`Selection`, or its parts as keywords::

        sq.select(campaign, offices=["经济委"], phase=1)

    Groups are kept when they pass both ``groups`` and ``offices``; their
    members and the members' visits and submissions come with them.
    ``kinds`` keeps only those submissions, and only they are owed (the
    other kinds' quotas become 0). ``phase`` keeps the records
    dated in that phase: after the end of the phase before it, up to its own
    end (records outside the campaign window are kept, so they can still be
    reported as such).

    Raises:
        SelectionError: an unknown group, office, kind or phase.
    """
    if selection is None:
        selection = Selection.of(**parts)  # type: ignore[arg-type]
    elif parts:
        raise TypeError("pass a Selection or keywords, not both")
    if selection.everything:
        return campaign
    _check_known(campaign, selection)

    groups = tuple(
        g
        for g in campaign.groups
        if (selection.groups is None or g.id in selection.groups)
        and (selection.offices is None or g.office in selection.offices)
    )
    kept_groups = {g.id for g in groups}
    members = tuple(m for m in campaign.members if m.group_id in kept_groups)
    kept = {m.id for m in members}
    visits = [v for v in campaign.visits if v.member_id in kept]
    subs = [s for s in campaign.submissions if s.member_id in kept]
    plan = campaign.plan
    if selection.kinds is not None:
        subs = [s for s in subs if s.kind in selection.kinds]
        # Only the selected kinds are owed: the completion check of a
        # selection of kinds asks for nothing else.
        plan = evolve(
            plan, quotas={k: plan.quota(k) if k in selection.kinds else 0 for k in SubmissionKind}
        )
    if selection.phase is not None:
        phase = resolve_phase(campaign, selection.phase)
        index = plan.phases.index(phase)
        after = plan.phases[index - 1].ends_on if index else None

        def in_phase(day: object) -> bool:
            if not plan.in_window(day):  # type: ignore[arg-type]
                return True
            return (after is None or day > after) and day <= phase.ends_on  # type: ignore[operator]

        visits = [v for v in visits if in_phase(v.visited_on)]
        subs = [s for s in subs if in_phase(s.submitted_on)]
    visit_ids = {v.id for v in visits}
    subs = [
        s if s.visit_id is None or s.visit_id in visit_ids else evolve(s, visit_id=None)
        for s in subs
    ]
    sub_ids = {s.id for s in subs}
    events = tuple(
        e
        for e in campaign.follow_ups
        if (e.visit_id in visit_ids if e.submission_id is None else e.submission_id in sub_ids)
    )
    return evolve(
        campaign,
        plan=plan,
        groups=groups,
        members=members,
        visits=tuple(visits),
        submissions=tuple(subs),
        follow_ups=events,
    )


def _check_known(campaign: Campaign, selection: Selection) -> None:
    if selection.groups is not None:
        known = {g.id for g in campaign.groups}
        unknown = sorted(selection.groups - known)
        if unknown:
            ids = [g.id for g in campaign.groups]
            by_name = {g.name: g.id for g in campaign.groups}
            suggestions: list[str] = []
            for word in unknown:
                if word in by_name:
                    suggestions.append(by_name[word])
                    continue
                suggestions += close_matches(word, ids)
                suggestions += [by_name[n] for n in close_matches(word, by_name)]
            suggestions = list(dict.fromkeys(suggestions))
            raise SelectionError(
                f"no group has id {', '.join(map(repr, unknown))} "
                f"(the groups: {', '.join(ids)}){_did_you_mean(suggestions)}",
                part="groups",
                unknown=unknown,
                known=ids,
                suggestions=suggestions,
            )
    if selection.offices is not None:
        known = {g.office for g in campaign.groups}
        unknown = sorted(selection.offices - known)
        if unknown:
            offices = list(dict.fromkeys(g.office for g in campaign.groups if g.office))
            suggestions = list(
                dict.fromkeys(s for word in unknown for s in close_matches(word, offices))
            )
            raise SelectionError(
                f"no group is supervised by {', '.join(map(repr, unknown))} "
                f"(the offices: {'、'.join(offices)}){_did_you_mean(suggestions)}",
                part="offices",
                unknown=unknown,
                known=offices,
                suggestions=suggestions,
            )
    if selection.phase is not None:
        resolve_phase(campaign, selection.phase)
