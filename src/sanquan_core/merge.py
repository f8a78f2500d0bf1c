"""Datasets of one plan merged into one: what groups and offices send, taken together.

:func:`merge` takes campaigns of the same plan (each a county's, an office's
or a group's file) and unions them:

* **The plan** is the first dataset's; every field where another dataset's
  plan differs is a problem naming the file and the field.
* **Groups, members, visits, submissions and follow-up events** are taken
  by id. The same id with the same content is one record (identical
  duplicates collapse); the same id with different content is a clash
  naming both files and the fields that differ. Only the ``source`` an
  import stamps into ``extra`` (the file and row a record was read from) is
  not content.
* **Near-duplicates**: a visit or item under another id but with the
  natural key of one from another file (the same member, date and person
  visited; the same member, kind, date and title — :mod:`sanquan_core._keys`,
  the notion the readers of filled forms use) is the same record when its
  content is the same (it collapses; what referred to its id now refers to
  the kept one) and a conflict naming both files when it is not. A
  follow-up event under another id but identical in everything else
  collapses too.

Nothing is dropped silently: every clash and conflict is a located
:class:`~sanquan_core.errors.Problem` (``loc`` starts with the file's name)
and the first dataset's record is the one kept. When nothing clashed, the
merged campaign is checked as :func:`sanquan_core.validate` checks one,
so what is written is valid ``sanquan/1``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs
from attrs import frozen

from ._i18n import N_, _
from ._keys import Key, record_key
from .errors import Problem, UsageError
from .model import (
    Campaign,
    FollowUpEvent,
    Group,
    Member,
    Plan,
    Submission,
    Visit,
    field_label,
)

__all__ = ["MergeResult", "merge"]

_Item: TypeAlias = Group | Member | Visit | Submission | FollowUpEvent

#: The sections merged by id, in document order, with the noun a sentence uses.
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("groups", N_("group")),
    ("members", N_("member")),
    ("visits", N_("visit")),
    ("submissions", N_("submission")),
    ("follow_ups", N_("follow-up event")),
)

#: How long a value is quoted in a sentence.
_SHOWN = 40


@frozen
class MergeResult:
    """What :func:`merge` made.

    Attributes:
        campaign: the merged campaign: the first dataset's plan, every
            group, member and record once (the first file's where two clash).
        problems: every plan difference, clash and conflict, located: ``loc``
            is ``(file, section, index, field)`` in the file that brought it.
        sources: the datasets' names, in the order given.
        collapsed: how many records were identical duplicates, taken once.
    """

    campaign: Campaign
    problems: tuple[Problem, ...]
    sources: tuple[str, ...]
    collapsed: int = 0

    @property
    def ok(self) -> bool:
        """No problems: the merged campaign may be written."""
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the sources, the counts and the problems."""
        c = self.campaign
        return {
            "sources": list(self.sources),
            "groups": len(c.groups),
            "members": len(c.members),
            "visits": len(c.visits),
            "submissions": len(c.submissions),
            "follow_ups": len(c.follow_ups),
            "collapsed": self.collapsed,
            "problems": [p.as_dict() for p in self.problems],
        }


def merge(*datasets: Campaign, names: Sequence[str] | None = None) -> MergeResult:
    """Merge datasets of one plan into one campaign; report what does not fit.

    Args:
        datasets: the campaigns, in order of precedence (the first one's
            plan and records are kept where two clash).
        names: what the problems call each dataset (its file's name);
            ``"dataset 1"``, ``"dataset 2"``, … by default.

    Raises:
        UsageError: no dataset was given, or *names* does not name each one.
    """
    if not datasets:
        raise UsageError("merge() needs at least one dataset")
    if names is None:
        names = [_("dataset {number}").format(number=i) for i in range(1, len(datasets) + 1)]
    names = tuple(names)
    if len(names) != len(datasets):
        raise UsageError(f"merge() got {len(datasets)} datasets but {len(names)} names")
    return _Merger(datasets, names).run()


def _content(item: _Item) -> _Item:
    """*item* without what an import stamps on it (``extra["source"]``)."""
    extra = item.extra
    if "source" not in extra:
        return item
    return attrs.evolve(item, extra={k: v for k, v in extra.items() if k != "source"})


def _differing(a: Any, b: Any) -> list[str]:
    """The fields in which two records of one class differ."""
    return [
        f.name
        for f in attrs.fields(type(a))
        if not f.name.startswith("_") and getattr(a, f.name) != getattr(b, f.name)
    ]


def _plan_differences(a: Plan, b: Plan) -> Iterator[tuple[str, str, str, Any, Any]]:
    """Where two plans differ: path, label, field, the values; phases compared one by one."""
    for name in _differing(a, b):
        mine, kept = getattr(a, name), getattr(b, name)
        records = isinstance(mine, tuple) and isinstance(kept, tuple) and len(mine) == len(kept)
        if records and all(attrs.has(type(v)) for v in (*mine, *kept)):  # the phases
            for i, (one, other) in enumerate(zip(mine, kept, strict=True)):
                for sub in _differing(one, other):
                    label = _("{sub} of {field} {number}").format(
                        sub=field_label(type(one), sub),
                        field=field_label(Plan, name),
                        number=i + 1,
                    )
                    yield (
                        f"plan.{name}[{i}].{sub}",
                        label,
                        f"{name}[{i}].{sub}",
                        getattr(one, sub),
                        getattr(other, sub),
                    )
            continue
        yield f"plan.{name}", field_label(Plan, name), name, mine, kept


def _labels(item: _Item, fields: Iterable[str]) -> str:
    """The fields as a sentence names them (the forms' captions, in Chinese)."""
    return _(", ").join(field_label(type(item), name) for name in fields)


def _shown(value: object) -> str:
    """A value as a clerk reads it: text as typed, a list joined, nothing as —."""
    if value is None or value in ("", (), []):
        text = "—"
    elif isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        text = _(", ").join(value)
    elif isinstance(value, Mapping | tuple | list):
        text = json.dumps(_json(value), ensure_ascii=False)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _json(value: object) -> Any:
    """*value* as JSON-ready data, for a problem's params."""
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if attrs.has(type(value)):
        return _json(attrs.asdict(value, recurse=False))  # type: ignore[arg-type]
    return value


class _Merger:
    def __init__(self, datasets: Sequence[Campaign], names: tuple[str, ...]) -> None:
        self.datasets = datasets
        self.names = names
        self.problems: list[Problem] = []
        self.collapsed = 0
        #: Per dataset, the ids of its records taken under another id: section -> old -> new.
        self.renamed: list[dict[str, dict[str, str]]] = [{} for _ in datasets]

    def run(self) -> MergeResult:
        first = self.datasets[0]
        for index in range(1, len(self.datasets)):
            self._plan(index, first.plan)
        merged: dict[str, tuple[Any, ...]] = {}
        for section, noun in _SECTIONS:
            merged[section] = self._section(section, noun)
        campaign = Campaign(
            plan=first.plan,
            groups=merged["groups"],
            members=merged["members"],
            visits=merged["visits"],
            submissions=merged["submissions"],
            follow_ups=merged["follow_ups"],
            extra=first.extra,
        )
        if not self.problems:
            from ._integrity import validate

            for problem in validate(campaign):
                self.problems.append(self._merged_fault(problem))
        return MergeResult(campaign, tuple(self.problems), self.names, self.collapsed)

    # -- the plan

    def _plan(self, index: int, plan: Plan) -> None:
        theirs = self.datasets[index].plan
        if theirs == plan:
            return
        file, other = self.names[index], self.names[0]
        for path, label, name, mine, kept in _plan_differences(theirs, plan):
            message = _(
                "the plan's {field} is {value}, but {other} has {kept}; datasets of one plan merge"
            ).format(field=label, value=_shown(mine), other=other, kept=_shown(kept))
            self.problems.append(
                self._fault(
                    path,
                    "plan_mismatch",
                    message,
                    file,
                    {"other": other, "field": name, "value": _json(mine), "kept": _json(kept)},
                )
            )

    # -- groups, members, records, events

    def _section(self, section: str, noun: str) -> tuple[Any, ...]:
        kept: dict[str, tuple[int, int, _Item]] = {}
        by_key: dict[Key, list[tuple[int, int, _Item]]] = {}
        out: list[_Item] = []
        for d, dataset in enumerate(self.datasets):
            for i, raw in enumerate(getattr(dataset, section)):
                item = self._renamed_refs(d, raw)
                earlier = kept.get(item.id)
                if earlier is not None:
                    self._same_id(section, noun, d, i, item, earlier)
                    continue
                key = self._key(item)
                twin = self._twin(by_key.get(key, ()), d, item) if key else None
                if twin is not None:
                    self._near(section, noun, d, i, item, twin)
                    continue
                kept[item.id] = (d, i, item)
                if key:
                    by_key.setdefault(key, []).append((d, i, item))
                out.append(item)
        return tuple(out)

    @staticmethod
    def _key(item: _Item) -> Key:
        if isinstance(item, Visit | Submission):
            return record_key(item)
        if isinstance(item, FollowUpEvent):
            plain = attrs.evolve(_content(item), id="")
            return ("event", repr(plain))
        return ()

    @staticmethod
    def _twin(
        candidates: Iterable[tuple[int, int, _Item]], d: int, item: _Item
    ) -> tuple[int, int, _Item] | None:
        """A record of another dataset with *item*'s natural key (the same content first)."""
        others = [c for c in candidates if c[0] != d]
        plain = attrs.evolve(_content(item), id="")
        for candidate in others:
            if attrs.evolve(_content(candidate[2]), id="") == plain:
                return candidate
        return others[0] if others else None

    def _renamed_refs(self, d: int, item: _Item) -> _Item:
        """*item* with its references to records taken under another id pointed at those."""
        renamed = self.renamed[d]
        if not renamed or not isinstance(item, Submission | FollowUpEvent):
            return item
        visits, submissions = renamed.get("visits", {}), renamed.get("submissions", {})
        changes: dict[str, str] = {}
        if item.visit_id is not None and item.visit_id in visits:
            changes["visit_id"] = visits[item.visit_id]
        if isinstance(item, FollowUpEvent) and item.submission_id in submissions:
            changes["submission_id"] = submissions[item.submission_id]
        record: Any = item
        return attrs.evolve(record, **changes) if changes else item

    def _same_id(
        self,
        section: str,
        noun: str,
        d: int,
        i: int,
        item: _Item,
        earlier: tuple[int, int, _Item],
    ) -> None:
        ed, ei, first = earlier
        if _content(first) == _content(item):
            self.collapsed += 1
            return
        file, other = self.names[d], self.names[ed]
        fields = _differing(_content(item), _content(first))
        where = (
            other
            if ed != d
            else _("{section}[{index}] of the same file").format(section=section, index=ei)
        )
        message = _(
            "{noun} {id} differs from the one in {other} ({fields}); "
            "correct one of them, the other is kept"
        ).format(noun=_(noun), id=item.id, other=where, fields=_labels(item, fields))
        self.problems.append(
            self._fault(
                f"{section}[{i}]",
                "clash",
                message,
                file,
                {
                    "id": item.id,
                    "other": other,
                    "other_loc": [other, section, ei],
                    "fields": fields,
                },
                record_id=item.id,
            )
        )

    def _near(
        self,
        section: str,
        noun: str,
        d: int,
        i: int,
        item: _Item,
        twin: tuple[int, int, _Item],
    ) -> None:
        td, ti, kept = twin
        plain, theirs = attrs.evolve(_content(item), id=""), attrs.evolve(_content(kept), id="")
        if plain == theirs:
            self.collapsed += 1
            self.renamed[d].setdefault(section, {})[item.id] = kept.id
            return
        file, other = self.names[d], self.names[td]
        fields = _differing(plain, theirs)
        what = (
            _("the same member, date and person visited")
            if isinstance(item, Visit)
            else _("the same member, kind, date and title")
        )
        message = _(
            "{noun} {id} has {what} as {noun} {other_id} in {other}, but different "
            "{fields}; correct one of them, the other is kept"
        ).format(
            noun=_(noun),
            id=item.id,
            what=what,
            other_id=kept.id,
            other=other,
            fields=_labels(item, fields),
        )
        self.problems.append(
            self._fault(
                f"{section}[{i}]",
                "conflict",
                message,
                file,
                {
                    "id": item.id,
                    "other": other,
                    "other_id": kept.id,
                    "other_loc": [other, section, ti],
                    "fields": fields,
                },
                record_id=item.id,
            )
        )

    # -- problems

    def _fault(
        self,
        path: str,
        code: str,
        message: str,
        file: str,
        params: dict[str, Any],
        record_id: str | None = None,
    ) -> Problem:
        from .errors import loc_of

        sentence = _("{file}, {path}: {message}").format(file=file, path=path, message=message)
        return Problem(
            path,
            message,
            code,
            params={"file": file, **params},
            record_id=record_id,
            sentence=sentence,
            loc=(file, *loc_of(path)),
        )

    def _merged_fault(self, problem: Problem) -> Problem:
        """A fault of the merged campaign (a reference that only the union breaks)."""
        where = _("the merged dataset")
        return attrs.evolve(
            problem,
            params={"file": where, **problem.params},
            sentence=_("{file}, {path}: {message}").format(
                file=where, path=problem.path, message=problem.message
            ),
        )
