"""Readers: filled 附件1 and 附件2 (XLSX, CSV, a plugin's) read into records against a base.

A reader turns a file into grids (:class:`Grid`); :func:`read_forms` finds
the forms in them by caption, reads every row, matches member names to ids
and merges what it read into the base dataset, reporting every problem in
one pass, each located by file, sheet and cell. Readers register through
the ``sanquan_register_readers`` hook, the built-in ones too.

Re-importing is idempotent: a record read back is matched to the base by
its id (the 编号 column) or its natural key (member, date and person
visited; member, kind, date and title), so the same file twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeAlias

import attrs
from attrs import frozen

from sanquan_core._i18n import _
from sanquan_core._keys import iter_keys
from sanquan_core.errors import Problem, UsageError
from sanquan_core.model import Campaign, Group, Submission, Visit
from sanquan_core.readers._base import (
    CellValue,
    Grid,
    Limits,
    Reader,
    RefusedFileError,
    column_letter,
)
from sanquan_core.readers.forms import (
    FailedRow,
    Located,
    Members,
    Where,
    derived_id,
    located,
    read_grid,
)

__all__ = [
    "META_SHEET",
    "TEMPLATE_SCHEMA",
    "CellValue",
    "FailedRow",
    "Grid",
    "ImportResult",
    "Limits",
    "Reader",
    "RefusedFileError",
    "column_letter",
    "fingerprint",
    "read_forms",
    "readers",
]

#: The hidden sheet of a template: schema, group, the base's fingerprint.
META_SHEET = "_sanquan"
#: The schema a template's hidden sheet names.
TEMPLATE_SCHEMA = "sanquan-template/1"

#: A file to read: a path, or a (name, bytes) pair.
FileLike: TypeAlias = "str | os.PathLike[str] | tuple[str, bytes]"

Record: TypeAlias = Visit | Submission


def readers() -> list[Reader]:
    """The registered readers: the built-ins, then plugins' (``sanquan_register_readers``)."""
    from sanquan_core.plugins import registered_readers

    return registered_readers()


def fingerprint(campaign: Campaign) -> str:
    """A short fingerprint of a base dataset: its plan, groups and members.

    A template carries it, so an import can tell a form from another campaign.
    """
    data = {
        "plan": [campaign.plan.title, campaign.plan.doc_number],
        "groups": sorted(g.id for g in campaign.groups),
        "members": sorted([m.id, m.name, m.group_id] for m in campaign.members),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@frozen
class Change:
    """A record of the base that a file changes: the record before and after."""

    old: Record
    new: Record
    where: Where


@frozen
class ImportResult:
    """What :func:`read_forms` read.

    Attributes:
        campaign: the base with what was read merged in (added and changed
            records; refused rows left out).
        added: records new to the base, each with ``extra["source"]``
            (file, sheet, row).
        changed: records of the base a file changes.
        unchanged: how many records read were already in the base as read.
        refused: how many rows were refused for a problem.
        problems: every fault, located; the rows they are in were not taken.
        notes: what was passed over (sheets, empty rows) or read with care
            (formula cells), located.
        files: the files read.
        rows: how many data rows were read.
        failed: the rows refused for a problem in a cell, as typed, with
            their problems (``--errors-out`` writes them back into the
            template; a conflict between two rows is in *problems* only).
    """

    campaign: Campaign
    added: tuple[Record, ...]
    changed: tuple[Change, ...]
    unchanged: int
    refused: int
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...]
    files: tuple[str, ...]
    rows: int
    failed: tuple[FailedRow, ...] = ()

    @property
    def ok(self) -> bool:
        """No problems."""
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: counts, records added and changed, problems and notes."""
        return {
            "files": list(self.files),
            "rows": self.rows,
            "added": [_record_ref(r) for r in self.added],
            "changed": [_record_ref(c.new) for c in self.changed],
            "unchanged": self.unchanged,
            "refused": self.refused,
            "problems": [p.as_dict() for p in self.problems],
            "notes": [p.as_dict() for p in self.notes],
        }


def _record_ref(record: Record) -> dict[str, Any]:
    kind = "visit" if isinstance(record, Visit) else "submission"
    return {"kind": kind, "id": record.id, "source": dict(record.extra.get("source", {}))}


def _reader_for(name: str, data: bytes, registered: Sequence[Reader]) -> Reader | None:
    suffix = Path(name).suffix.lower()
    for reader in registered:
        if suffix in reader.suffixes:
            return reader
    return None


def _same(a: Record, b: Record) -> bool:
    """Whether two records say the same, whatever their ids and sources."""
    return attrs.evolve(a, id="", extra={}) == attrs.evolve(b, id="", extra={})


def _load_file(file: FileLike, limits: Limits) -> tuple[str, bytes]:
    if isinstance(file, tuple):
        name, data = file
        if len(data) > limits.max_file_bytes:
            raise RefusedFileError(
                name,
                _("the file is {size} bytes, over the limit of {limit}").format(
                    size=len(data), limit=limits.max_file_bytes
                ),
                "too_large",
            )
        return name, data
    path = Path(file)
    name = path.name
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise RefusedFileError(
                name,
                _("the file is {size} bytes, over the limit of {limit}").format(
                    size=size, limit=limits.max_file_bytes
                ),
                "too_large",
                {"size": size, "limit": limits.max_file_bytes},
            )
        with path.open("rb") as stream:
            data = _bounded(stream, limits.max_file_bytes, name)
    except OSError as exc:
        raise RefusedFileError(
            name, _("the file cannot be read ({error})").format(error=exc.strerror), "unreadable"
        ) from exc
    return name, data


def _bounded(stream: IO[bytes], limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RefusedFileError(
            name, _("the file is over the limit of {limit} bytes").format(limit=limit), "too_large"
        )
    return data


def _meta(grids: Sequence[Grid]) -> dict[str, str]:
    for grid in grids:
        if grid.sheet == META_SHEET:
            out: dict[str, str] = {}
            for _row, values in grid.rows:
                if len(values) >= 2 and values[0] is not None:
                    out[str(values[0])] = "" if values[1] is None else str(values[1])
            return out
    return {}


def read_forms(
    files: Iterable[FileLike],
    base: Campaign,
    *,
    limits: Limits | None = None,
) -> ImportResult:
    """Read filled 附件1 and 附件2 into records against the dataset *base*.

    Every file is read, every problem reported (none raised): a file that
    cannot be read or is refused (over a limit, hostile, another
    campaign's template) is one problem naming the file and the reason; a
    row with a fault is refused, the others taken. Records get the id the
    file carries (附件1's 编号), else the id of the base's record with the
    same natural key, else one derived from it; identical duplicates
    collapse, a near-duplicate (same key, different text) is a conflict
    naming both places.

    Args:
        files: paths, or ``(name, bytes)`` pairs.
        base: the campaign read against (plan, groups, members, records).
        limits: the limits for untrusted files (default :class:`Limits`).

    Raises:
        UsageError: *files* is empty.
    """
    limits = limits or Limits()
    files = list(files)
    if not files:
        raise UsageError("read_forms() needs at least one file")
    registered = readers()
    members = Members(base)
    year = base.plan.ends_on.year
    print_ = fingerprint(base)
    problems: list[Problem] = []
    notes: list[Problem] = []
    read: list[Located] = []
    failed: list[FailedRow] = []
    names: list[str] = []
    rows = refused = 0
    for file in files:
        display = file[0] if isinstance(file, tuple) else str(file)
        try:
            name, data = _load_file(file, limits)
            names.append(name)
            reader = _reader_for(name, data, registered)
            if reader is None:
                known = ", ".join(s for r in registered for s in r.suffixes)
                raise RefusedFileError(
                    name,
                    _("no reader reads this kind of file (readable: {known})").format(known=known),
                    "unknown_type",
                )
            grids = list(reader.read(data, name, limits))
            meta = _meta(grids)
            group: Group | None = None
            if meta:
                if meta.get("fingerprint") and meta["fingerprint"] != print_:
                    raise RefusedFileError(
                        name,
                        _(
                            "this form was made for another campaign (its fingerprint "
                            "{theirs} is not this base's {ours})"
                        ).format(theirs=meta["fingerprint"], ours=print_),
                        "other_campaign",
                        {"theirs": meta["fingerprint"], "ours": print_},
                    )
                group = members.group(meta.get("group"))
            csv = reader.name == "csv"
            for grid in grids:
                if grid.sheet == META_SHEET:
                    continue
                if grid.hidden:
                    notes.append(
                        located(
                            Where(name, grid.sheet, csv=csv),
                            "sheet_skipped",
                            _("a hidden sheet was passed over"),
                        )
                    )
                    continue
                sheet = read_grid(name, grid, members, year, group, csv)
                problems.extend(sheet.problems)
                notes.extend(sheet.notes)
                read.extend(sheet.records)
                failed.extend(sheet.failed)
                rows += sheet.rows_read
                refused += sheet.rows_refused
        except RefusedFileError as exc:
            problems.append(
                Problem(
                    exc.file,
                    exc.reason,
                    exc.code,
                    params={"file": exc.file, **exc.params},
                    loc=(exc.file,),
                    sentence=_("{file}: refused: {reason}").format(
                        file=exc.file, reason=exc.reason
                    ),
                )
            )
            if Path(display).name not in names:
                names.append(Path(display).name)
    result = _merge(base, read, problems, notes, tuple(names), rows, refused)
    return attrs.evolve(result, failed=tuple(failed))


def _merge(
    base: Campaign,
    read: list[Located],
    problems: list[Problem],
    notes: list[Problem],
    files: tuple[str, ...],
    rows: int,
    refused: int,
) -> ImportResult:
    by_key: dict[tuple[str, ...], Record] = dict(iter_keys(base))
    base_ids: dict[str, Record] = {r.id: r for r in base.records()}
    taken: dict[str, Located] = {}
    for original in read:
        item = original
        record = item.record
        if not record.id:
            known = by_key.get(item.key)
            record_id = known.id if known is not None else derived_id(item.key)
            record = attrs.evolve(record, id=record_id)
            item = attrs.evolve(item, record=record)
        earlier = taken.get(record.id)
        if earlier is None:
            taken[record.id] = item
            continue
        if _same(earlier.record, record):
            notes.append(
                located(
                    item.where,
                    "duplicate",
                    _("the same record as {other}; read once").format(
                        other="!".join(earlier.where.loc)
                    ),
                    {"id": record.id, "other": list(earlier.where.loc)},
                )
            )
            continue
        problems.append(
            located(
                item.where,
                "conflict",
                _(
                    "{other} has a record with the same key ({key}) but different text; "
                    "correct one of them"
                ).format(other="!".join(earlier.where.loc), key=record.id),
                {"id": record.id, "other": list(earlier.where.loc)},
            )
        )
        refused += 1
    added: list[Record] = []
    changed: list[Change] = []
    unchanged = 0
    replace: dict[str, Record] = {}
    for record_id, found in taken.items():
        item = found
        old = base_ids.get(record_id)
        if (
            isinstance(old, Submission)
            and isinstance(item.record, Submission)
            and item.record.visit_id is None
        ):
            # 附件2 does not carry the visit an item came from: keep the base's.
            item = attrs.evolve(item, record=attrs.evolve(item.record, visit_id=old.visit_id))
        if old is None:
            added.append(item.record)
        elif type(old) is not type(item.record):
            problems.append(
                located(
                    item.where,
                    "conflict",
                    _("the id {id} belongs to another kind of record in the base").format(
                        id=record_id
                    ),
                    {"id": record_id},
                )
            )
        elif _same(old, item.record):
            unchanged += 1
        else:
            new = attrs.evolve(item.record, extra={**old.extra, **item.record.extra})
            replace[record_id] = new
            changed.append(Change(old, new, item.where))

    def merged(records: Sequence[Any], kind: type) -> tuple[Any, ...]:
        kept = tuple(replace.get(r.id, r) for r in records)
        return kept + tuple(r for r in added if isinstance(r, kind))

    campaign = attrs.evolve(
        base,
        visits=merged(base.visits, Visit),
        submissions=merged(base.submissions, Submission),
    )
    return ImportResult(
        campaign,
        tuple(added),
        tuple(changed),
        unchanged,
        refused,
        tuple(problems),
        tuple(notes),
        files,
        rows,
    )


def describe(result: ImportResult) -> Mapping[str, int]:
    """Counts for a summary line: rows, added, changed, unchanged, refused, problems."""
    return {
        "rows": result.rows,
        "added": len(result.added),
        "changed": len(result.changed),
        "unchanged": result.unchanged,
        "refused": result.refused,
        "problems": len(result.problems),
    }
