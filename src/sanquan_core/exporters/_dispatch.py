"""``sq.export``: choose the exporter, check what it is asked for, run it, write its bytes.

The exporter API's types live in :mod:`sanquan_core.exporters`; this module is
the dispatch that uses them.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from sanquan_core._i18n import _
from sanquan_core.errors import ExportError, OptionError, PluginError, require_day
from sanquan_core.exporters import ALL_FORMS, ExportOptions, Form, Progress, forms_of, no_progress
from sanquan_core.model import Campaign, SubmissionKind
from sanquan_core.select import Selection, select

if TYPE_CHECKING:
    from sanquan_core.exporters._progress import Where

Target = str | os.PathLike[str] | IO[bytes]


#: Every spelling of each form ``forms=`` accepts besides its English name and
#: full label: the attachment numbers and the short names clerks use.
FORM_ALIASES: Mapping[str, Form] = {
    "附件1": Form.VISITS,
    "登记表": Form.VISITS,
    "走访情况登记表": Form.VISITS,
    "走访登记表": Form.VISITS,
    "附件2": Form.RESULTS,
    "成果表": Form.RESULTS,
    "成果登记表": Form.RESULTS,
    "三个一工作成果登记表": Form.RESULTS,
    "附件3": Form.SUMMARY,
    "汇总表": Form.SUMMARY,
    "情况汇总表": Form.SUMMARY,
    "完成情况": Form.COMPLETION,
    "催报名单": Form.COMPLETION,
    "汇编": Form.BOOK,
    "成果汇编": Form.BOOK,
    "履职积分": Form.POINTS,
    "积分": Form.POINTS,
    "积分排名": Form.POINTS,
    "通知": Form.NOTICE,
    "通知及附件": Form.NOTICE,
    "工作进度": Form.PROGRESS,
    "督查进度": Form.PROGRESS,
    "催报": Form.REMINDERS,
    "催报函": Form.REMINDERS,
    "办理": Form.FOLLOW_UP,
    "办理情况表": Form.FOLLOW_UP,
    "成果办理情况": Form.FOLLOW_UP,
    "followup": Form.FOLLOW_UP,
}


def export(
    campaign: Campaign,
    target: Target,
    format: str | None = None,  # the word users know, as in the CLI
    forms: Iterable[Form | str] | str | None = None,
    *,
    created: datetime | None = None,
    redact: bool = False,
    groups: Iterable[str] | None = None,
    offices: Iterable[str] | None = None,
    kinds: Iterable[SubmissionKind | str] | None = None,
    phase: str | int | None = None,
    filled: bool = False,
    as_of: date | None = None,
    adoption: bool = False,
    progress: Progress | None = None,
    **settings: Any,
) -> None:
    """Write *campaign* as a document.

    Args:
        campaign: what to export.
        target: a path, or a binary stream opened for writing
            (``io.BytesIO()``, ``open(path, "wb")``, ``sys.stdout.buffer``).
        format: an exporter's name (``"xlsx"``, ``"docx"``, ``"pdf"``,
            ``"json"`` or a plugin's). When omitted, it is chosen from the
            suffix of *target*.
        forms: which documents (:class:`Form` or their names: English,
            附件1–附件3, the short Chinese names 登记表, 成果表, 汇总表,
            完成情况, 汇编, 通知, 办理, or the full labels; or one
            comma-separated string); by default all but the notice packet
            and the follow-up report (``follow_up``).
        created: the timestamp written into document metadata; by default
            it comes from the plan, so output is reproducible.
        redact: mask personal data first (:func:`sanquan_core.redact.redact`):
            phone numbers, street addresses, visited persons' names.
        groups, offices, kinds, phase: export only part of the campaign
            (:func:`sanquan_core.select.select`), e.g. the book of one office
            or of the first phase.
        filled: fill the notice packet's 附件1–3 with the data instead of
            printing them blank.
        as_of: export the campaign as it stood on this day: visits,
            submissions and follow-up events dated after it are left out
            (:func:`sanquan_core.rules.as_it_stood`); the reminder letters
            (``forms=["reminders"]``) take the next phase deadline after it.
        adoption: print 附件3 with adoption columns beside the seed's (each
            group's items adopted at each level); the seed's own table by
            default.
        progress: ``progress(done, total, what)`` is called as the
            built-in exporters advance, per record of each form
            (:class:`Progress`), e.g. to drive a progress bar.
        **settings: exporter-specific options.

    Nothing is written when the export fails: a path receives the document
    through a temporary file beside it, renamed into place once complete
    (:func:`sanquan_core._io.atomic_path`; the XLSX, DOCX and PDF exporters
    write into that file as they go, the others into memory first); a
    stream receives the whole document in one write at the end.

    Raises:
        UsageError: the caller's mistake, one of its subclasses:
            :class:`UnknownFormatError` (the format is unknown, or cannot
            be told from the target), :class:`UnknownFormError`,
            :class:`OptionError`, :class:`SelectionError` (an unknown group,
            office, kind or phase) or :class:`TargetError` (the target is a
            folder, a device, a text stream...).
        ExportError: a built-in exporter failed; :class:`WriteError` when
            writing the file failed (a full disk says how much was needed).
        PluginError: a plugin's exporter failed, closed the stream or
            called ``sys.exit``; the message names the plugin.
        Interrupted: a KeyboardInterrupt arrived while the exporter ran;
            nothing was written.
    """
    from sanquan_core._io import atomic_path, atomic_write, check_target
    from sanquan_core.plugins import registered_exporters
    from sanquan_core.redact import redact as mask

    _check_stream(target)
    require_day(as_of)
    registry = registered_exporters()
    chosen = _choose(registry, format, target)
    selection = Selection.of(groups=groups, offices=offices, kinds=kinds, phase=phase)
    options = ExportOptions(
        forms=_offered(registry, chosen, forms),
        created=created,
        selection=selection,
        redacted=redact,
        filled=filled,
        adoption=adoption,
        settings=settings,
        as_of=as_of,
        progress=progress or no_progress,
    )
    if isinstance(target, str | os.PathLike):
        check_target(target)  # a folder or a device is refused before the work
    if as_of is not None:
        from sanquan_core.rules import as_it_stood

        campaign = as_it_stood(campaign, as_of)
    campaign = select(campaign, selection)
    if redact:
        campaign = mask(campaign)
    if isinstance(target, str | os.PathLike):
        if chosen.origin == "built-in" and chosen.exporter.name in _STREAMED:
            # Straight into the partial file: the document is never held whole.
            with atomic_path(target) as fh:
                _run(chosen, campaign, options, _FileSink(fh))
        else:
            atomic_write(target, _run(chosen, campaign, options))
    else:
        data = _run(chosen, campaign, options)
        target.write(data)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            target.flush()


def _offered(
    registry: Sequence[Any], chosen: Any, forms: Iterable[Form | str] | str | None
) -> tuple[Form, ...]:
    """The forms asked for, checked against those the chosen exporter makes."""
    from sanquan_core.errors import PluginError, UnknownFormError

    requested = _forms(forms)
    try:
        offered = forms_of(chosen.exporter)
    except ValueError as exc:
        raise PluginError(
            _(
                "the exporter {format!r} of plugin {plugin!r} declares forms that are not "
                "forms: {error}"
            ).format(format=chosen.exporter.name, plugin=chosen.plugin, error=exc),
            plugin=chosen.plugin,
        ) from None
    if offered is None:
        return requested
    if forms is None:
        return tuple(f for f in requested if f in offered)
    lacking = [f for f in requested if f not in offered]
    if lacking:
        makes = ", ".join(f.value for f in offered) or "no forms (forms do not apply)"
        others = [
            r.exporter.name
            for r in registry
            if r.exporter.name != chosen.exporter.name and _makes(r.exporter, lacking)
        ]
        where = f"; {' or '.join(others)} make {lacking[0].value}" if others else ""
        raise UnknownFormError(
            f"the {chosen.exporter.name} format does not make "
            f"{', '.join(f.value for f in lacking)}; it makes {makes}{where}",
            name=lacking[0].value,
            known=[f.value for f in offered],
            exporter=chosen.exporter.name,
        )
    return requested


def _makes(exporter: object, forms: Sequence[Form]) -> bool:
    try:
        made = forms_of(exporter)
    except ValueError:
        return False
    return made is None or all(f in made for f in forms)


class _Buffer(io.BytesIO):
    """The stream an exporter writes to; notices an exporter closing it."""

    closed_by_exporter = False

    def close(self) -> None:
        self.closed_by_exporter = True
        # Keep the bytes: getvalue() must still answer after close().
        self._kept = self.getvalue()
        super().close()

    def data(self) -> bytes:
        return self._kept if self.closed_by_exporter else self.getvalue()


#: The built-in formats written straight into the target's partial file.
_STREAMED = frozenset({"xlsx", "docx", "pdf"})


class _FileSink:
    """The partial file a built-in exporter writes into, as a stream it may not close.

    A failed write (a full disk) is kept, so that it reaches
    :func:`~sanquan_core._io.atomic_path` as the write error it is rather
    than as a failure of the exporter.
    """

    closed_by_exporter = False

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.failed: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self._fh.write(data)
        except OSError as exc:
            self.failed = exc
            raise

    def tell(self) -> int:
        return self._fh.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def flush(self) -> None:
        self._fh.flush()

    @property
    def closed(self) -> bool:
        return self.closed_by_exporter

    def close(self) -> None:
        self.closed_by_exporter = True


def _run(
    chosen: Any, campaign: Campaign, options: ExportOptions, sink: _FileSink | None = None
) -> bytes:
    """Run the chosen exporter into *sink*, or into memory, blaming a misbehaving one by name.

    Returns what it wrote into memory (nothing when it wrote into *sink*).
    """
    from sanquan_core.errors import Interrupted, SanquanError

    exporter = chosen.exporter
    builtin = chosen.origin == "built-in"
    if builtin:
        who = _("the {format} exporter").format(format=exporter.name)
    else:
        who = _("the exporter {format!r} of plugin {plugin!r} ({origin})").format(
            format=exporter.name, plugin=chosen.plugin, origin=chosen.origin
        )
    buffer: _Buffer | _FileSink = _Buffer() if sink is None else sink
    from sanquan_core.exporters._progress import tracking

    try:
        with tracking() as where:
            exporter.export(campaign, buffer, options)
    except SanquanError:
        raise
    except SystemExit as exc:
        message = _("{who} called sys.exit({code!r}) instead of returning; nothing was written")
        raise PluginError(message.format(who=who, code=exc.code), plugin=chosen.plugin) from None
    except Interrupted:
        raise
    except KeyboardInterrupt:
        # Ctrl-C and a plugin raising KeyboardInterrupt look the same: treat
        # both as an interruption, naming what was running.
        raise Interrupted(
            _("interrupted while {who} was running; nothing was written").format(who=who),
            exporter=exporter.name,
            plugin=chosen.plugin,
        ) from None
    except Exception as exc:
        if isinstance(buffer, _FileSink) and buffer.failed is not None:
            raise buffer.failed from None  # the file's, not the exporter's: a WriteError
        if buffer.closed_by_exporter:
            raise _closed(who, chosen) from exc
        if builtin:
            raise ExportError(_failed(exporter.name, where, exc)) from exc
        message = _("{who} failed: {error}")
        raise PluginError(message.format(who=who, error=exc), plugin=chosen.plugin) from exc
    if buffer.closed_by_exporter:
        raise _closed(who, chosen)
    return buffer.data() if isinstance(buffer, _Buffer) else b""


def _failed(format: str, where: Where, error: BaseException) -> str:
    """A built-in exporter's failure (a document library's) as a sentence naming the form
    and the record it was writing."""
    if where.form is None:
        return _("the {format} export failed: {error}").format(format=format, error=error)
    form = where.form.label
    if where.record is None:
        return _("the {format} export failed while writing {form}: {error}").format(
            format=format, form=form, error=error
        )
    noun, record_id = where.record
    record = {
        "visit": _("visit {id}"),
        "member": _("member {id}"),
        "item": _("item {id}"),
    }[noun].format(id=record_id)
    return _("the {format} export failed while writing {form}, at {record}: {error}").format(
        format=format, form=form, record=record, error=error
    )


def _closed(who: str, chosen: Any) -> PluginError:
    message = _(
        "{who} closed the stream it was given; an exporter writes to the stream "
        "and leaves it open. Nothing was written"
    )
    return PluginError(message.format(who=who), plugin=chosen.plugin)


def _check_stream(target: object) -> None:
    from sanquan_core.errors import TargetError

    if isinstance(target, str | os.PathLike):
        return
    need = "a path, or a binary stream opened for writing (io.BytesIO(), or open(path, 'wb'))"
    if isinstance(target, bytes):
        raise TargetError(f"the target is bytes; pass {need}", None, "not_a_stream")
    if not callable(getattr(target, "write", None)):
        raise TargetError(
            f"the target ({type(target).__name__}) is not a stream; pass {need}",
            None,
            "not_a_stream",
        )
    if isinstance(target, io.TextIOBase) or "b" not in getattr(target, "mode", "b"):
        raise TargetError(
            f"the target is a text stream ({type(target).__name__}); documents are bytes: "
            f"pass {need}",
            None,
            "text_stream",
        )
    if getattr(target, "closed", False):
        raise TargetError(f"the target stream is closed; pass {need}", None, "not_writable")
    writable = getattr(target, "writable", None)
    if callable(writable):
        try:
            ok = writable()
        except (OSError, ValueError):
            ok = False
        if not ok:
            raise TargetError(
                f"the target stream is not open for writing; pass {need}", None, "not_writable"
            )


def _forms(forms: Iterable[Form | str] | str | None) -> tuple[Form, ...]:
    from sanquan_core.errors import UnknownFormError

    if forms is None:
        return ALL_FORMS
    if isinstance(forms, str):
        forms = forms.split(",")
    chosen: list[Form] = []
    for item in forms:
        if isinstance(item, Form):
            form = item
        else:
            text = str(item).strip()
            if not text:
                continue
            found = _form_named(text)
            if found is None:
                known = [f.value for f in Form]
                spellings = [*known, *FORM_ALIASES, *(f.label for f in Form)]
                suggestions = _close(text, spellings)
                raise UnknownFormError(name=text, known=known, suggestions=suggestions)
            form = found
        if form not in chosen:
            chosen.append(form)
    if not chosen:
        raise OptionError("no forms were named; leave forms out to export them all", "forms")
    return tuple(chosen)


def _form_named(text: str) -> Form | None:
    try:
        return Form.parse(text)
    except ValueError:
        pass
    for spelling in (text.lower(), text.replace(" ", ""), text.replace("“", "").replace("”", "")):
        try:
            return Form.parse(spelling)
        except ValueError:
            pass
        if spelling in FORM_ALIASES:
            return FORM_ALIASES[spelling]
    # 附件3 情况汇总表 with other spacing, or quotes left out of 附件2's label.
    squeezed = "".join(text.split()).translate(str.maketrans("", "", "\"'“”‘’"))
    for form in Form:
        if squeezed == "".join(form.label.split()).translate(str.maketrans("", "", "\"'“”‘’")):
            return form
    return FORM_ALIASES.get(squeezed)


def _close(word: str, candidates: Iterable[str]) -> list[str]:
    from sanquan_core._suggest import close_matches

    return close_matches(word, candidates)


def _choose(registry: Sequence[Any], format: str | None, target: Target) -> Any:
    from sanquan_core.errors import UnknownFormatError
    from sanquan_core.plugins import disabled_exporters

    known = list(dict.fromkeys(r.exporter.name for r in registry))
    if format is None:
        path = os.fspath(target) if isinstance(target, str | os.PathLike) else None
        if path is None:
            raise UnknownFormatError(
                "exporting to a stream needs a format, e.g. format='xlsx'", known=known
            )
        suffix = os.path.splitext(path)[1].lower()
        matches = [r for r in registry if r.exporter.suffix.lower() == suffix]
        if not matches:
            _disabled_claim(disabled_exporters(), suffix=suffix)
            suffixes = list(dict.fromkeys(r.exporter.suffix for r in registry))
            suggestions = _close(suffix, suffixes) if suffix else []
            hint = f" (did you mean {' or '.join(suggestions)}?)" if suggestions else ""
            problem = (
                f"no exporter writes {suffix} files{hint}"
                if suffix
                else f"cannot tell the format of {path}: it has no suffix"
            )
            raise UnknownFormatError(
                f"{problem}; the formats are {_names(registry)}; name one with format=...",
                suffix=suffix,
                known=known,
                suggestions=suggestions,
            )
        names = list(dict.fromkeys(r.exporter.name for r in matches))
        if len(names) > 1:
            raise UnknownFormatError(
                f"several formats write {suffix} files ({', '.join(sorted(names))}); "
                f"name one with format=...",
                suffix=suffix,
                known=known,
                candidates=sorted(names),
            )
        format = matches[0].exporter.name
    matches = [r for r in registry if r.exporter.name == format]
    if not matches:
        _disabled_claim(disabled_exporters(), name=format)
        suggestions = _close(format, known)
        hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
        raise UnknownFormatError(
            f"{format!r} is not a known format; the formats are {_names(registry)}{hint}",
            format=format,
            known=known,
            suggestions=suggestions,
        )
    if len(matches) > 1:
        claims = _(" and ").join(f"{r.plugin!r} ({r.origin})" for r in matches)
        message = _("two plugins claim the format {format!r}: {claims}; uninstall one of them")
        raise PluginError(message.format(format=format, claims=claims))
    return matches[0]


def _disabled_claim(
    disabled: Sequence[Any], name: str | None = None, suffix: str | None = None
) -> None:
    """Raise the reason a disabled exporter of that name (or suffix) was refused."""
    for entry in disabled:
        if (name is not None and entry.name == name) or (
            suffix is not None and entry.suffix == suffix
        ):
            raise PluginError(entry.reason, plugin=entry.plugin)


def _names(registry: Sequence[Any]) -> str:
    return ", ".join(dict.fromkeys(r.exporter.name for r in registry))
