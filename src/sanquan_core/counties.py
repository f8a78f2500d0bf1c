"""A prefecture's roll-up: its counties' 附件3 taken together, without their records.

Each county sends either its summary (what ``sanquan summary --json`` prints,
:meth:`Summary.as_dict <sanquan_core.summary.Summary.as_dict>`) or its whole
``sanquan/1`` dataset. Each becomes a *unit*: the county's name and its
:class:`~sanquan_core.summary.Summary`. :func:`roll_up` makes the table a
prefecture prints: one row per county, its numbers the county's 汇总 row,
and the prefecture's 汇总 under them.

Decisions:

* **A county is named by its file's name** (``东台市.json`` is 东台市), or by
  the name given with it (``东台市=county-3.json`` on the command line, a
  ``(name, path)`` pair in Python). A summary carries no plan, so the
  plan's issuer could not name every input; the file name can. Two inputs
  of the same name are a problem: their numbers would silently add up.
* **Summaries are read strictly** (:func:`summary_from_dict`): every key,
  type and number is checked, the 汇总 row must be the sum of the rows, and
  every fault is a located :class:`~sanquan_core.errors.Problem` (``loc``
  starts with the file's name), all of every file listed at once.
* **Datasets are summarized in worker processes** when ``jobs`` is more than
  one (:class:`concurrent.futures.ProcessPoolExecutor`); each worker loads
  one file and sends back its summary, never its records. The default is
  one job: a summary is read in milliseconds and a process costs more than
  that to start; ``jobs=0`` means one per CPU (:func:`os.cpu_count`).
* **Unit summaries merge**: :func:`unit` turns a county's summary into a
  one-row summary, and one-row summaries merge with
  :meth:`Summary.merge <sanquan_core.summary.Summary.merge>` in any order
  and grouping — which is what lets a cluster (Dask, see
  ``docs/collection.md``) fold them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import reduce
from pathlib import Path
from typing import Any, Final, TypeAlias

import attrs
from attrs import frozen

from ._i18n import _, language, using
from .errors import DecodeError, OptionError, Problem, ValidationError, loc_of
from .model import Circle, GroupKind, SubmissionKind
from .summary import OutsideCounts, Summary, SummaryRow, Tally

__all__ = [
    "Input",
    "Unit",
    "load_summary",
    "read_units",
    "roll_up",
    "summary_from_dict",
    "unit",
]

#: What :func:`read_units` takes: a path, ``(name, path)``, ``(name, Summary)``.
Input: TypeAlias = "str | os.PathLike[str] | tuple[str, str | os.PathLike[str] | Summary]"

#: The largest summary or dataset file read (the loader's own limit).
MAX_BYTES: Final = 512 * 1024 * 1024
#: The largest count a summary may carry: 15 digits, what a spreadsheet cell keeps exactly.
MAX_COUNT: Final = 10**15 - 1

#: The kind a county's row is given; a roll-up's rows are units, not groups.
UNIT_KIND: Final = GroupKind.WORKING


@frozen
class Unit:
    """One county of a roll-up: its name, its summary, the file it came from.

    Attributes:
        name: the county, as the roll-up's row names it.
        summary: its 附件3.
        source: the file read (``""`` for a summary given in Python).
        ends_on: the last day of its plan, when it came from a dataset.
    """

    name: str
    summary: Summary
    source: str = ""
    ends_on: date | None = None


def unit(name: str, summary: Summary) -> Summary:
    """*summary* as one row of a roll-up: its 汇总 under the name *name*.

    The row's ``by_body`` adds up the county's bodies; its kind
    (:data:`UNIT_KIND`) and office (``""``) say nothing. One-row summaries
    of distinct names merge into the roll-up's table.
    """
    bodies: dict[str, Tally] = {}
    for row in summary.rows:
        for body, tally in row.by_body.items():
            bodies[body] = bodies[body] + tally if body in bodies else tally
    row = SummaryRow(name, name, UNIT_KIND, "", summary.total, bodies)
    return Summary((row,), summary.outside_window)


def roll_up(units: Iterable[Unit]) -> Summary:
    """The roll-up's table: a row per unit, in order; its total is the prefecture's 汇总."""
    return reduce(Summary.merge, (unit(u.name, u.summary) for u in units), Summary())


# -- reading a summary ---------------------------------------------------------------


class _Reader:
    """Checks one summary document, collecting located problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fault(self, path: str, code: str, message: str, **params: Any) -> None:
        self.problems.append(_located(self.file, path, code, message, params))

    def keys(
        self, value: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fault(
                path, "type", _("an object is expected, not {value}").format(value=_kind(value))
            )
            return None
        for key in required:
            if key not in value:
                self.fault(_join(path, key), "missing", _("missing"))
        known = (*required, *optional)
        for key in value:
            if key not in known:
                self.fault(
                    _join(path, str(key)),
                    "unknown_field",
                    _("unknown field {key!r} (a summary has {known})").format(
                        key=key, known=", ".join(known)
                    ),
                )
        return value

    def count(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fault(path, "type", _("{value} is not a whole number").format(value=_kind(value)))
            return 0
        if value < 0:
            self.fault(
                path, "range", _("a count cannot be negative, got {value}").format(value=value)
            )
            return 0
        if value > MAX_COUNT:
            self.fault(
                path,
                "range",
                _("a count is at most {limit}, got a number of {digits} digits").format(
                    limit=MAX_COUNT, digits=len(str(value))
                ),
            )
            return 0
        return value

    def text(self, value: Any, path: str, *, required: bool = True) -> str:
        if not isinstance(value, str):
            self.fault(path, "type", _("{value} is not text").format(value=_kind(value)))
            return ""
        if required and not value.strip():
            self.fault(path, "empty", _("must not be empty"))
        return value

    def tally(self, value: Any, path: str) -> Tally:
        found = self.keys(value, path, ("participants", "visited", "submitted"))
        if found is None:
            return Tally()
        participants = self.count(found.get("participants", 0), _join(path, "participants"))
        visited = self.numbers(found.get("visited", {}), _join(path, "visited"), Circle)
        submitted = self.numbers(
            found.get("submitted", {}), _join(path, "submitted"), SubmissionKind
        )
        return Tally(participants, visited, submitted)

    def numbers(self, value: Any, path: str, enum: Any) -> dict[Any, int]:
        names = [member.value for member in enum]
        found = self.keys(value, path, names)
        out = dict.fromkeys(enum, 0)
        if found is not None:
            for member in enum:
                if member.value in found:
                    out[member] = self.count(found[member.value], _join(path, member.value))
        return out

    def row(self, value: Any, path: str) -> SummaryRow | None:
        head = ("group_id", "group", "kind", "office", "participants", "visited", "submitted")
        found = self.keys(value, path, head, ("by_body",))
        if found is None:
            return None
        group_id = self.text(found.get("group_id", ""), _join(path, "group_id"))
        group = self.text(found.get("group", ""), _join(path, "group"))
        office = self.text(found.get("office", ""), _join(path, "office"), required=False)
        kind = UNIT_KIND
        raw_kind = found.get("kind")
        if raw_kind is not None:
            try:
                kind = GroupKind.parse(str(raw_kind))
            except ValueError:
                self.fault(
                    _join(path, "kind"),
                    "enum",
                    _("{value!r} is not a group kind ({choices})").format(
                        value=raw_kind, choices=GroupKind.choices()
                    ),
                )
        numbers = {k: found[k] for k in ("participants", "visited", "submitted") if k in found}
        tally = self.tally(numbers, path) if len(numbers) == 3 else Tally()
        bodies: dict[str, Tally] = {}
        raw_bodies = found.get("by_body", {})
        if not isinstance(raw_bodies, dict):
            self.fault(
                _join(path, "by_body"),
                "type",
                _("an object is expected, not {value}").format(value=_kind(raw_bodies)),
            )
        else:
            for body, body_tally in raw_bodies.items():
                bodies[str(body)] = self.tally(body_tally, _join(_join(path, "by_body"), str(body)))
        return SummaryRow(group_id, group, kind, office, tally, bodies)


def _kind(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _join(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _located(file: str, path: str, code: str, message: str, params: Mapping[str, Any]) -> Problem:
    where = f"{file}, {path}" if path else file
    return Problem(
        path,
        message,
        code,
        params={"file": file, **params},
        sentence=_("{where}: {message}").format(where=where, message=message),
        loc=(file, *loc_of(path)) if path else (file,),
    )


def summary_from_dict(data: Any, source: str = "") -> Summary:
    """The :class:`~sanquan_core.summary.Summary` a ``sanquan summary --json`` document holds.

    Strict: every key is known and present (a row's ``by_body`` may be
    left out), every number a whole number ≥ 0, group ids unique, and the
    ``total`` the sum of the rows.

    Raises:
        ValidationError: every fault, located (``loc`` starts with *source*).
    """
    reader = _Reader(source or _("the summary"))
    found = reader.keys(data, "", ("rows", "total", "outside_window"))
    if found is None:
        raise ValidationError(reader.problems, source or None)
    rows: list[SummaryRow] = []
    raw_rows = found.get("rows", [])
    if not isinstance(raw_rows, list):
        reader.fault(
            "rows", "type", _("a list is expected, not {value}").format(value=_kind(raw_rows))
        )
        raw_rows = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_rows):
        row = reader.row(raw, f"rows[{i}]")
        if row is None:
            continue
        if row.group_id in seen:
            reader.fault(
                f"rows[{i}].group_id",
                "duplicate_id",
                _("the group {id!r} is already in rows[{first}]").format(
                    id=row.group_id, first=seen[row.group_id]
                ),
                first=seen[row.group_id],
            )
            continue
        seen[row.group_id] = i
        rows.append(row)
    outside = OutsideCounts()
    raw_outside = None  # a missing outside_window is one problem, not three
    if "outside_window" in found:
        raw_outside = reader.keys(
            found["outside_window"], "outside_window", ("visits", "submissions")
        )
    if raw_outside is not None:
        outside = OutsideCounts(
            reader.count(raw_outside.get("visits", 0), "outside_window.visits"),
            reader.count(raw_outside.get("submissions", 0), "outside_window.submissions"),
        )
    summary = Summary(tuple(rows), outside)
    if "total" in found and not reader.problems:
        total = reader.tally(found["total"], "total")
        if not reader.problems and total != summary.total:
            reader.fault(
                "total",
                "total_mismatch",
                _("the total {given} is not the sum of the rows, {sum}").format(
                    given=_numbers(total), sum=_numbers(summary.total)
                ),
                given=total.as_dict(),
                sum=summary.total.as_dict(),
            )
    if reader.problems:
        raise ValidationError(reader.problems, source or None)
    return summary


def _numbers(tally: Tally) -> str:
    values = (
        tally.participants,
        *(tally.visited[c] for c in Circle),
        *(tally.submitted[k] for k in SubmissionKind),
    )
    return "/".join(map(str, values))


def load_summary(path: str | os.PathLike[str]) -> Summary:
    """Read a ``sanquan summary --json`` file (see :func:`summary_from_dict`).

    Raises:
        ValidationError: the file is not such a summary; every fault, located.
        OSError: the file cannot be read.
    """
    file = os.fspath(path)
    name = Path(file).name
    return summary_from_dict(_parse(_read(file, name), name), name)


def _read(file: str, name: str) -> bytes:
    size = os.stat(file).st_size
    if size > MAX_BYTES:
        message = _("the file is {size} bytes, over the limit of {limit}").format(
            size=size, limit=MAX_BYTES
        )
        raise DecodeError([_located(name, "", "too_large", message, {"size": size})], name)
    return Path(file).read_bytes()


def _parse(raw: bytes, name: str) -> Any:
    """*raw* as JSON, read as `load` reads it: a fault (not UTF-8, not JSON, a
    workbook, a key written twice, NaN) in its words, located in *name*."""
    from .serialize import MAX_DEPTH, _decode, _walk
    from .serialize import _parse as parse_json

    try:
        data, seen = parse_json(_decode(raw, name), name, MAX_DEPTH, True)
    except DecodeError as exc:
        problems = [_located(name, "", p.code, p.message, p.params) for p in exc.problems]
        raise DecodeError(problems, name) from None
    if seen.repeated or seen.suspect_text or seen.bad_numbers:
        problems = [_located(name, p.path, p.code, p.message, p.params) for p in _walk(data)]
        raise ValidationError(problems, name)
    return data


# -- reading the inputs --------------------------------------------------------------


def _one(name: str, path: str, lang: str) -> Unit:
    """Read one input: a summary, or a dataset summarized here (in a worker, maybe)."""
    from .serialize import loads
    from .summary import summarize

    with using(lang):
        file = Path(path).name
        raw = _read(path, file)
        # What `dump` writes starts with its schema: no need to parse it twice.
        if raw.lstrip(b"\xef\xbb\xbf \t\r\n{").startswith(b'"schema"'):
            return _dataset(name, path, file, raw, loads, summarize)
        data = _parse(raw, file)
        if isinstance(data, dict) and "schema" in data:
            return _dataset(name, path, file, raw, loads, summarize)
        return Unit(name, summary_from_dict(data, file), path)


def _dataset(name: str, path: str, file: str, raw: bytes, loads: Any, summarize: Any) -> Unit:
    try:
        campaign = loads(raw)
    except ValidationError as exc:
        raise type(exc)(
            [
                attrs.evolve(
                    p,
                    params={"file": file, **p.params},
                    sentence=_("{where}: {message}").format(where=file, message=p.sentence),
                    loc=(file, *p.loc),
                )
                for p in exc.problems
            ],
            file,
        ) from None
    return Unit(name, summarize(campaign), path, campaign.plan.ends_on)


def _named(item: Input) -> tuple[str, str | Summary]:
    if isinstance(item, tuple):
        name, what = item
        return name, what if isinstance(what, Summary) else os.fspath(what)
    text = os.fspath(item)
    return Path(text).stem, text


def read_units(inputs: Iterable[Input], *, jobs: int = 1) -> list[Unit]:
    """Read each county's summary or dataset; datasets summarized in *jobs* processes.

    Args:
        inputs: paths (the county named by the file's name), ``(name, path)``
            or ``(name, Summary)`` pairs.
        jobs: worker processes for the files; ``1`` reads them here, ``0``
            starts one per CPU. Workers are spawned (safe from a thread).

    Raises:
        ValidationError: every fault of every input, each located by its
            file; two inputs named alike. A :class:`DecodeError` when an
            input is not JSON at all (not UTF-8, a workbook, over the size limit).
        OSError: a file cannot be opened.
        OptionError: *jobs* is negative or not a whole number.
    """
    named = [_named(item) for item in inputs]
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, what in named:
        where = what if isinstance(what, str) else name
        if name in seen:
            problems.append(
                _located(
                    Path(where).name,
                    "",
                    "duplicate_unit",
                    _("{first} and {second} are both named {name}; name them NAME=FILE").format(
                        first=seen[name], second=where, name=name
                    ),
                    {"name": name, "first": seen[name]},
                )
            )
        seen.setdefault(name, where)
    files = [(name, what) for name, what in named if isinstance(what, str)]
    if type(jobs) is not int or jobs < 0:
        raise OptionError(f"jobs must be a whole number, 0 for one per CPU, got {jobs!r}", "jobs")
    by_file: dict[tuple[int, int], tuple[str, str]] = {}
    for name, path in files:  # one county's file under two names would be counted twice
        try:
            info = os.stat(path)
        except OSError:
            continue  # reading it says why
        first = by_file.setdefault((info.st_dev, info.st_ino), (name, path))
        if first != (name, path) and first[0] != name:
            problems.append(
                _located(
                    Path(path).name,
                    "",
                    "duplicate_file",
                    _(
                        "{second} is the same file as {first}, so the county would be counted "
                        "twice (as {one} and {other})"
                    ).format(first=first[1], second=path, one=first[0], other=name),
                    {"name": name, "first": first[1]},
                )
            )
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    lang = language()
    read: dict[int, Unit] = {}
    unreadable = False  # an input that is not JSON at all (the CLI exits 2)
    if workers > 1 and len(files) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Spawned, not forked: a portal calls this from one of its threads, and
        # forking a process that runs threads can leave a lock held forever.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(files)), mp_context=context) as pool:
            futures = [pool.submit(_one, name, path, lang) for name, path in files]
            results = [_outcome(f.result) for f in futures]
    else:
        results = [_outcome(lambda n=name, p=path: _one(n, p, lang)) for name, path in files]
    for index, result in enumerate(results):
        if isinstance(result, Unit):
            read[index] = result
        else:
            problems.extend(result.problems)
            unreadable = unreadable or isinstance(result, DecodeError)
    if problems:
        raise (DecodeError if unreadable else ValidationError)(problems)
    units: list[Unit] = []
    taken = iter(read[i] for i in range(len(files)))
    for name, what in named:
        units.append(Unit(name, what) if isinstance(what, Summary) else next(taken))
    return units


def _outcome(get: Any) -> Unit | ValidationError:
    try:
        found: Unit = get()
    except ValidationError as exc:
        return exc
    return found
