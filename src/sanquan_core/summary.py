"""The summary table (附件3 情况汇总表): one row per group and the total row 汇总.

For each group, counting only records inside the campaign window:

* ``participants`` (参与活动委员人数): members with at least one visit or
  submission;
* ``visited[circle]`` (走访“圈子”人数): the sum of the headcounts of the
  group's visits in that circle;
* ``submitted[kind]`` (“三个一”工作报送条数): the number of the group's
  submissions of that kind, all of them, not capped by quota.

Summaries of disjoint datasets merge (a prefecture rolls up its counties);
roll-ups by group kind, office and body come from the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import compress, repeat
from operator import attrgetter
from typing import Any, Final, Literal, TypeAlias, TypeVar

from attrs import evolve, field, frozen

from .model import Campaign, Circle, GroupKind, SubmissionKind

__all__ = ["OutsideCounts", "Summary", "SummaryRow", "Tally", "summarize"]

_K = TypeVar("_K", bound=Hashable)

#: The language of :meth:`Summary.rows_as_records`'s keys.
Labels: TypeAlias = Literal["en", "zh"]


def _zero_circles() -> dict[Circle, int]:
    return dict.fromkeys(Circle, 0)


def _zero_kinds() -> dict[SubmissionKind, int]:
    return dict.fromkeys(SubmissionKind, 0)


@frozen
class Tally:
    """The numbers of one row of 附件3.

    Tallies add up with ``+``; ``Tally()`` is zero.
    """

    participants: int = 0
    visited: Mapping[Circle, int] = field(factory=_zero_circles, hash=False)
    submitted: Mapping[SubmissionKind, int] = field(factory=_zero_kinds, hash=False)

    def __add__(self, other: Tally) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(
            self.participants + other.participants,
            {c: self.visited[c] + other.visited[c] for c in Circle},
            {k: self.submitted[k] + other.submitted[k] for k in SubmissionKind},
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan summary --json``."""
        return {
            "participants": self.participants,
            "visited": {c.value: self.visited[c] for c in Circle},
            "submitted": {k.value: self.submitted[k] for k in SubmissionKind},
        }


@frozen
class SummaryRow:
    """One group's row of 附件3.

    Attributes:
        group_id: the group's id.
        group: the group's name, as the table prints it (组别).
        kind: working group or liaison group.
        office: the office supervising the group.
        tally: the row's numbers.
        by_body: the same numbers for the group's members of each body
            (a member of two bodies counts in both; ``""`` collects members
            listed in none).
    """

    group_id: str
    group: str
    kind: GroupKind
    office: str
    tally: Tally
    by_body: Mapping[str, Tally] = field(factory=dict, hash=False)

    @property
    def participants(self) -> int:
        """参与活动委员人数."""
        return self.tally.participants

    @property
    def visited(self) -> Mapping[Circle, int]:
        """走访“圈子”人数, per circle."""
        return self.tally.visited

    @property
    def submitted(self) -> Mapping[SubmissionKind, int]:
        """“三个一”工作报送条数, per kind."""
        return self.tally.submitted

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``sanquan summary --json``: ids, names, nested numbers.

        ``by_body`` holds the numbers per body, so that the summary can be
        read back whole (:func:`sanquan_core.counties.summary_from_dict`).
        """
        return {
            "group_id": self.group_id,
            "group": self.group,
            "kind": self.kind.value,
            "office": self.office,
            **self.tally.as_dict(),
            "by_body": {body: tally.as_dict() for body, tally in self.by_body.items()},
        }

    def as_record(self, labels: Labels = "en") -> dict[str, Any]:
        """The row as one flat record; see :meth:`Summary.rows_as_records`."""
        return _record(self.group_id, self.group, self.kind, self.office, self.tally, labels)

    def _merge(self, other: SummaryRow) -> SummaryRow:
        for attr in ("group", "kind", "office"):
            mine, theirs = getattr(self, attr), getattr(other, attr)
            if mine != theirs:
                raise ValueError(
                    f"cannot merge the rows of group {self.group_id!r}: its {attr} is "
                    f"{mine!r} in one summary and {theirs!r} in the other"
                )
        bodies = dict(self.by_body)
        for body, tally in other.by_body.items():
            bodies[body] = bodies[body] + tally if body in bodies else tally
        return evolve(self, tally=self.tally + other.tally, by_body=bodies)


@frozen
class OutsideCounts:
    """How many records fell outside the campaign window and were not counted."""

    visits: int = 0
    submissions: int = 0

    def __add__(self, other: OutsideCounts) -> OutsideCounts:
        if not isinstance(other, OutsideCounts):
            return NotImplemented
        return OutsideCounts(self.visits + other.visits, self.submissions + other.submissions)


@frozen(eq=False)
class Summary:
    """附件3: rows in group order, the total row, and what was left out.

    Two summaries are equal when they hold the same rows, whatever their
    order (as two dicts are), and the same outside-window counts.
    """

    rows: tuple[SummaryRow, ...] = ()
    outside_window: OutsideCounts = OutsideCounts()

    @property
    def total(self) -> Tally:
        """The total row 汇总."""
        total = Tally()
        for row in self.rows:
            total += row.tally
        return total

    def row(self, group_id: str) -> SummaryRow:
        """The row of *group_id*.

        Raises:
            KeyError: no such group.
        """
        for row in self.rows:
            if row.group_id == group_id:
                return row
        raise KeyError(f"no group has id {group_id!r}")

    def merge(self, other: Summary) -> Summary:
        """The summary of this dataset and a disjoint *other* one, taken together.

        Rows of the same group add up; the other's new groups follow this
        one's. Merging is associative and commutative (up to row order,
        which equality ignores), and the empty ``Summary()`` changes nothing.

        Raises:
            ValueError: a group appears in both with another name, kind or office.
        """
        rows = {row.group_id: row for row in self.rows}
        for row in other.rows:
            mine = rows.get(row.group_id)
            rows[row.group_id] = row if mine is None else mine._merge(row)
        return Summary(tuple(rows.values()), self.outside_window + other.outside_window)

    def by_kind(self) -> dict[GroupKind, Tally]:
        """The numbers per group kind (working groups, liaison groups)."""
        return _roll_up(self.rows, lambda row: [(row.kind, row.tally)])

    def by_office(self) -> dict[str, Tally]:
        """The numbers per supervising office, offices in order of first appearance."""
        return _roll_up(self.rows, lambda row: [(row.office, row.tally)])

    def by_body(self) -> dict[str, Tally]:
        """The numbers per body; a member of two bodies counts in both."""
        return _roll_up(self.rows, lambda row: row.by_body.items())

    def rows_as_records(
        self, labels: Labels = "en", *, total: bool = False
    ) -> list[dict[str, Any]]:
        """The rows as flat records, ready for ``csv.DictWriter`` or ``pandas.DataFrame``.

        One dict per group, in row order, each with the group's id, name,
        kind and office and one key per number.

        Args:
            labels: ``"en"`` for the keys of ``sanquan/1`` (``group_id``,
                ``visited_sector``, ``submitted_lead``, ...) and kinds as
                their English value; ``"zh"`` for the captions of 附件3
                (组别, 参与活动委员人数, 界别圈, ...) and kinds as their
                Chinese label.
            total: also give the total row 汇总, last (its id, kind and
                office are ``None``).
        """
        if labels not in ("en", "zh"):
            raise ValueError(f"labels is 'en' or 'zh', not {labels!r}")
        records = [row.as_record(labels) for row in self.rows]
        if total:
            name = "汇总" if labels == "zh" else "total"
            records.append(_record(None, name, None, None, self.total, labels))
        return records

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``sanquan summary --json`` (SPEC §4)."""
        return {
            "rows": [row.as_dict() for row in self.rows],
            "total": self.total.as_dict(),
            "outside_window": {
                "visits": self.outside_window.visits,
                "submissions": self.outside_window.submissions,
            },
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Summary):
            return NotImplemented
        return self.outside_window == other.outside_window and _rows_by_id(self) == _rows_by_id(
            other
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]


_ZH_KEYS: Final = {
    "group_id": "编号",
    "group": "组别",
    "kind": "组别类型",
    "office": "联系委办",
    "participants": "参与活动委员人数",
}


def _record(
    group_id: str | None,
    group: str,
    kind: GroupKind | None,
    office: str | None,
    tally: Tally,
    labels: Labels,
) -> dict[str, Any]:
    zh = labels == "zh"
    kind_text = None if kind is None else kind.label if zh else kind.value
    head: dict[str, Any] = {
        "group_id": group_id,
        "group": group,
        "kind": kind_text,
        "office": office,
        "participants": tally.participants,
    }
    out = {_ZH_KEYS[key]: value for key, value in head.items()} if zh else head
    for circle in Circle:
        out[circle.label if zh else f"visited_{circle.value}"] = tally.visited[circle]
    for sub_kind in SubmissionKind:
        out[sub_kind.label if zh else f"submitted_{sub_kind.value}"] = tally.submitted[sub_kind]
    return out


def _rows_by_id(summary: Summary) -> dict[str, SummaryRow]:
    return {row.group_id: row for row in summary.rows}


def _roll_up(
    rows: Iterable[SummaryRow], keys: Callable[[SummaryRow], Iterable[tuple[_K, Tally]]]
) -> dict[_K, Tally]:
    out: dict[_K, Tally] = {}
    for row in rows:
        for key, tally in keys(row):
            out[key] = out[key] + tally if key in out else tally
    return out


def summarize(campaign: Campaign) -> Summary:
    """Count 附件3 for *campaign*: one row per group, in the order groups are given."""
    from ._window import counts

    window = counts(campaign)
    tables, active = (*window.people, *window.items), window.active
    members_of = campaign._idx.members_of
    rows = []
    for group in campaign.groups:
        # Sums per table over the group's active members, in C (dict.get
        # mapped over their ids); Tallies are made once, at the end.
        members = members_of.get(group.id, ())
        here = list(map(active.__contains__, map(_ID, members)))
        ids: list[str] = []
        of_body: dict[str, list[str]] = {}
        for member in compress(members, here):
            ids.append(member.id)
            for body in member.bodies or ("",):
                of_body.setdefault(body, []).append(member.id)
        rows.append(
            SummaryRow(
                group.id,
                group.name,
                group.kind,
                group.office,
                _tally(_sums(tables, ids)),
                {body: _tally(_sums(tables, mine)) for body, mine in of_body.items()},
            )
        )
    outside = OutsideCounts(len(window.outside_visits), len(window.outside_submissions))
    return Summary(tuple(rows), outside)


def _sums(tables: tuple[dict[str, int], ...], ids: list[str]) -> list[int]:
    """``[participants, *per table]``: how many *ids*, and each table's sum over them."""
    return [len(ids), *(sum(map(table.get, ids, repeat(0))) for table in tables)]


_ID: Final = attrgetter("id")
CIRCLES: Final = tuple(Circle)
KINDS: Final = tuple(SubmissionKind)


def _tally(numbers: list[int]) -> Tally:
    """A Tally from ``[participants, *per circle, *per kind]``."""
    visited = dict(zip(CIRCLES, numbers[1 : 1 + len(CIRCLES)], strict=True))
    submitted = dict(zip(KINDS, numbers[1 + len(CIRCLES) :], strict=True))
    return Tally(numbers[0], visited, submitted)
