"""The ``sanquan`` command line: a thin layer over the public API.

Exit status: 0 success, 1 the data has problems, 2 bad usage or input that
cannot be read. Errors go to stderr as sentences, never as a traceback
(set ``SANQUAN_DEBUG=1`` to see one for an unexpected error).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import _text
from ._i18n import LANGUAGES, N_, _, language, ngettext, using
from ._suggest import close_matches
from ._terminal import display_width
from .errors import (
    DecodeError,
    Interrupted,
    OptionError,
    SanquanError,
    SelectionError,
    TargetError,
    UnknownFormatError,
    UnknownFormError,
    UnknownScorerError,
    UsageError,
    ValidationError,
    WriteError,
)
from .model import Campaign

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
#: Interrupted by Ctrl-C (128 + SIGINT), or by SIGTERM (128 + SIGTERM).
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 128 + signal.SIGTERM

#: How many problems ``validate`` prints before it says how many more there are.
PROBLEM_LIMIT = 100


class _UsageError(Exception):
    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Terminated(BaseException):
    """SIGTERM arrived; raised so that partial files are removed on the way out.

    A BaseException, so that no ``except Exception`` in a plugin swallows it.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _lang_arg(argv)
    with using(lang) if lang else contextlib.nullcontext():
        return _run(argv)


def _run(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    with _sigterm_raises():
        try:
            return handler(args)
        except _UsageError as exc:
            if exc.message:
                _err(exc.message)
            return exc.code
        except DecodeError as exc:
            _err(str(exc))
            return EXIT_USAGE
        except ValidationError as exc:
            _print_problems(exc, limit=PROBLEM_LIMIT)
            return EXIT_PROBLEMS
        except UsageError as exc:
            _err(_usage_sentence(exc, args))
            return EXIT_USAGE
        except WriteError as exc:
            _err(_write_sentence(exc))
            return EXIT_USAGE
        except SanquanError as exc:  # ExportError, PluginError: a failure
            _err(_("sanquan: {message}").format(message=exc))
            return EXIT_USAGE
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped early: not an error of ours.
            # Point stdout at devnull so the interpreter's final flush is quiet.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return EXIT_OK
        except OSError as exc:
            _err(_("sanquan: {reason}").format(reason=_os_sentence(exc)))
            return EXIT_USAGE
        except Interrupted as exc:
            _err(_("sanquan: {message}").format(message=exc))
            return EXIT_INTERRUPTED
        except KeyboardInterrupt:
            _err(_("sanquan: interrupted; nothing was written"))
            return EXIT_INTERRUPTED
        except Terminated:
            _err(_("sanquan: stopped by SIGTERM; nothing was written"))
            return EXIT_TERMINATED
        except Exception as exc:
            if os.environ.get("SANQUAN_DEBUG"):
                raise
            _err(
                _(
                    "sanquan: internal error ({kind}: {error}). This is a bug in "
                    "sanquan_core; run again with SANQUAN_DEBUG=1 to see where it happened."
                ).format(kind=type(exc).__name__, error=exc)
            )
            return EXIT_USAGE


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> NoReturn:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with its "usage:" in the reader's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        text = super()._format_usage(usage, actions, groups, prefix)
        # argparse indents the usage's further lines by the prefix's length in
        # characters; "用法：" takes more columns than characters.
        extra = display_width(prefix) - len(prefix) if prefix else 0
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join(
            [first, *((" " * extra + line) if line.strip() else line for line in rest)]
        )


#: argparse's own error sentences (English, from its gettext domain), and ours for them.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>.*)", re.S),
        N_("the following arguments are required: {names}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<names>.*)", re.S),
        N_("unrecognized arguments: {names}"),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", re.S),
        N_("ambiguous option: {option} could mean {matches}"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): expected one argument", re.S),
        N_("argument {argument}: expected one value"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): ignored explicit argument (?P<value>.*)", re.S),
        N_("argument {argument}: takes no value (got {value})"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): invalid (?P<type>\S+) value: (?P<value>.*)", re.S),
        N_("argument {argument}: {value} is not a valid value"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): (?P<message>.*)", re.S),
        N_("argument {argument}: {message}"),
    ),
)


def _argparse_sentence(message: str) -> str:
    """One of argparse's English error messages in the reader's language."""
    for pattern, template in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return _(template).format(**match.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with did-you-mean for choices, and its words in the reader's language.

    argparse's own strings ("usage:", "options", "show this help message
    and exit", its error messages) come from its gettext domain, which has
    no Chinese; the parser passes translated ones instead, without
    changing gettext for the whole process.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=_("show this help and exit"),
        )
        self.add_argument(
            "--lang",
            choices=["zh", "en"],
            default=argparse.SUPPRESS,
            help=_("the language of messages and help: zh or en (default: from the locale)"),
        )

    def format_help(self) -> str:
        text = super().format_help()
        if language() == "zh":  # argparse puts an ASCII colon after each section title
            for group in self._action_groups:
                if group.title:
                    text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            _("{prog}: error: {message}").format(
                prog=self.prog, message=_argparse_sentence(message)
            )
            + "\n",
        )

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        suggestions = close_matches(str(value), names)
        if suggestions:
            message = _("{value!r} is not one of {choices}; did you mean {suggestion!r}?").format(
                value=value, choices=", ".join(names), suggestion=suggestions[0]
            )
        else:
            message = _("{value!r} is not one of {choices}").format(
                value=value, choices=", ".join(names)
            )
        raise argparse.ArgumentError(action, message)


#: ``--quiet`` of the commands that export.
QUIET_HELP = N_("show no progress bar (one appears on a terminal for an export over a second)")


def _lang_arg(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` anywhere on the command line (before ``--``), if valid.

    The help texts are built in the chosen language, so the language is
    needed before the parser exists; the parser checks the option again.
    """
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen if chosen in LANGUAGES else None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sanquan",
        description=_(
            "Records, completion checks, the summary table (附件3) and documents "
            "of a 三圈 outreach campaign."
        ),
        epilog=_(
            "Messages are in Chinese on a Chinese system and in English otherwise; "
            "--lang or SANQUAN_LANG=zh|en chooses."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=_("print the version and exit"),
    )
    sub = parser.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str) -> Any:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    data_help = _("a sanquan/1 JSON file, or - for standard input")

    p = command("demo", _demo, _("write the built-in example campaign and its documents"))
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        default=Path("sanquan-demo"),
        help=_("folder to write into (default: ./sanquan-demo)"),
    )
    p.add_argument("-q", "--quiet", action="store_true", help=_(QUIET_HELP))

    p = command("validate", _validate, _("check that a file is valid sanquan/1 data"))
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help=_("print the problems as JSON"))
    p.add_argument(
        "--all",
        action="store_true",
        help=_("print every problem, not only the first {limit}").format(limit=PROBLEM_LIMIT),
    )

    p = command("check", _check, _("三个一 completion per member and group, and the reminder list"))
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help=_("completion as it stood on that day (records dated after it are ignored)"),
    )

    p = command("summary", _summary, _("the summary table 附件3"))
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help=_("print the table as JSON"))
    p.add_argument(
        "--by",
        choices=["group", "kind", "office", "body"],
        default="group",
        help=_("one row per group (default), group kind, office or body"),
    )
    p.add_argument(
        "--width",
        metavar="N",
        type=_columns_arg,
        help=_("fit the table in N columns (default: the terminal's width; 0: no limit)"),
    )

    p = command("export", _export, _("write documents (XLSX, DOCX, PDF, JSON or a plugin's)"))
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("-o", "--output", metavar="OUT", required=True, help=_("the file to write"))
    p.add_argument("--format", metavar="F", help=_("format name (default: from OUT's suffix)"))
    p.add_argument(
        "--forms",
        metavar="LIST",
        help=_(
            "comma-separated: visits, results, summary, completion, book, notice, reminders, "
            "progress (default: all but notice, reminders and progress)"
        ),
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help=_("mask personal data: phone numbers, street addresses, visited persons' names"),
    )
    part = p.add_argument_group(_("export part of the campaign"))
    part.add_argument("--groups", metavar="IDS", help=_("comma-separated group ids"))
    part.add_argument("--offices", metavar="NAMES", help=_("comma-separated supervising offices"))
    part.add_argument("--kinds", metavar="KINDS", help=_("comma-separated kinds (suggestion, …)"))
    part.add_argument("--phase", metavar="PHASE", help=_("one phase, by number (1, 2, …) or name"))
    p.add_argument(
        "--filled",
        action="store_true",
        help=_("fill the notice packet's 附件1–3 with the data instead of printing them blank"),
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help=_("the campaign as it stood on that day (records dated after it are left out)"),
    )
    p.add_argument(
        "--adoption",
        action="store_true",
        help=_("add adoption columns (items adopted at each level) beside 附件3's own columns"),
    )
    p.add_argument("-q", "--quiet", action="store_true", help=_(QUIET_HELP))

    p = command("points", _points, _("duty points (履职积分): members and groups ranked"))
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument(
        "--by",
        choices=["member", "group"],
        default="member",
        help=_("rank members (default) or groups"),
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help=_("the points as they stood on that day (records dated after it earn nothing yet)"),
    )
    p.add_argument(
        "--json", action="store_true", help=_("print every member's and group's points as JSON")
    )

    p = command("schema", _schema, _("print the JSON Schema of the sanquan/1 format"))

    p = command("formats", _formats, _("list the registered exporters, plugins included"))
    p.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    _collect_commands(command)
    _progress_command(command, data_help)
    _remind_command(command)
    return parser


def _progress_command(command: Callable[..., Any], data_help: str) -> None:
    p = command(
        "progress",
        _progress,
        _("cumulative progress week by week, with the phase deadlines and who is behind pace"),
    )
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument(
        "--by", choices=["office", "group"], help=_("a series per office or per group too")
    )
    p.add_argument(
        "--every",
        choices=["week", "day"],
        default="week",
        help=_("a point per week (default) or per day"),
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help=_("the last day of the series (default: the plan's last day)"),
    )
    p.add_argument(
        "--tolerance",
        metavar="SHARE",
        type=float,
        default=1.0,
        help=_(
            "a group is behind pace below SHARE times the plan's expected share "
            "at a deadline (default 1)"
        ),
    )
    p.add_argument("--json", action="store_true", help=_("print the series as JSON"))
    p.add_argument(
        "--width",
        metavar="N",
        type=_columns_arg,
        help=_("fit the table in N columns (default: the terminal's width; 0: no limit)"),
    )


def _progress(args: argparse.Namespace) -> int:
    from .pace import progress

    campaign = _load(args.data)
    report = progress(
        campaign, by=args.by, every=args.every, as_of=args.as_of, tolerance=args.tolerance
    )
    if args.json:
        _print_json(report.as_dict())
    else:
        columns: _text.Width = _text.AUTO if args.width is None else (args.width or None)
        _print_table(_text.progress_lines(report, columns))
    return EXIT_OK


# -- collection: import and template (readers/) ------------------------------------


def _collect_commands(command: Callable[..., Any]) -> None:
    p = command("import", _import, _("read filled 附件1/附件2 (XLSX, CSV, DOCX) into a dataset"))
    p.add_argument(
        "files", metavar="FILE", nargs="+", help=_("filled forms: .xlsx, .csv, .docx, .xls, .ods")
    )
    p.add_argument("--base", metavar="BASE", required=True, help=_("the campaign's sanquan/1 JSON"))
    p.add_argument("-o", "--output", metavar="OUT", help=_("the sanquan/1 JSON to write"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("say what would be added, changed and refused")
    )
    p.add_argument("--json", action="store_true", help=_("print the outcome as JSON"))
    p.add_argument(
        "--errors-out",
        metavar="FIX",
        help=_(
            "also write FIX.xlsx: the rows refused, in their template with each bad cell "
            "highlighted and explained in a comment, and the list of every problem; "
            "correct it and import it"
        ),
    )
    p = command(
        "template", _template, _("write blank forms to fill (XLSX or Word), a file per group")
    )
    p.add_argument("--base", metavar="BASE", required=True, help=_("the campaign's sanquan/1 JSON"))
    p.add_argument("--form", choices=["visits", "results"], help=_("one form only (default: both)"))
    p.add_argument("--group", metavar="G", help=_("one group, by id or name"))
    p.add_argument("--member", metavar="M", help=_("one member, by id or name"))
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help=_(
            "the .xlsx or .docx (without --group/--member a folder for all groups; "
            "DIR.docx: the folder DIR of Word forms)"
        ),
    )
    p = command("merge", _merge, _("merge datasets of one plan into one (what groups send)"))
    p.add_argument(
        "files",
        metavar="DATA",
        nargs="+",
        help=_("sanquan/1 JSON files; where two clash, the first one's record is kept"),
    )
    p.add_argument("-o", "--output", metavar="OUT", required=True, help=_("the JSON to write"))
    p.add_argument("--json", action="store_true", help=_("print the outcome as JSON"))
    _rollup_command(command)


# -- reminders that go out ----------------------------------------------------------


def _remind_command(command: Callable[..., Any]) -> None:
    p = command(
        "remind",
        _remind,
        _("a short reminder text per member still owing (SMS, WeChat); --deliver sends them"),
    )
    p.add_argument("data", metavar="DATA", help=_("a sanquan/1 JSON file, or - for standard input"))
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help=_(
            "as it stood on that day; the deadline is the next phase's end "
            "(default: every record, the campaign's last day)"
        ),
    )
    p.add_argument("--group", metavar="G", help=_("one group, by id or name"))
    p.add_argument(
        "--sender", metavar="TEXT", help=_("who signs the texts (default: the plan's issuer)")
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help=_("the CSV file of texts to write, or - for standard output"),
    )
    p.add_argument(
        "--deliver",
        metavar="NAME",
        help=_("send the texts through the plugin registered as NAME"),
    )
    p.add_argument(
        "--deliver-option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help=_("an option for the delivering plugin (may be given more than once)"),
    )


def _remind(args: argparse.Namespace) -> int:
    import io

    from ._api import reminders
    from .delivery import deliver, require_channel
    from .documents.tables import reminders_table
    from .exporters.csv import write_table

    options: dict[str, str] = {}
    for pair in args.deliver_option:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise _UsageError(
                EXIT_USAGE,
                _("sanquan: --deliver-option: {value!r} is not KEY=VALUE").format(value=pair),
            )
        options[key.strip()] = value
    if options and not args.deliver:
        raise _UsageError(
            EXIT_USAGE, _("sanquan: --deliver-option needs --deliver NAME to go with it")
        )
    if args.deliver:
        require_channel(args.deliver)  # before anything is written
    campaign = _load(args.data)
    texts = reminders(campaign, as_of=args.as_of, group=args.group, sender=args.sender)
    buffer = io.StringIO(newline="")
    write_table(buffer, reminders_table(texts))
    data = buffer.getvalue().encode("utf-8-sig")
    to_stdout = args.output == "-"
    note = sys.stderr if to_stdout else sys.stdout
    if to_stdout:
        _csv_to_stdout(data)
    else:
        _write_bytes(Path(args.output), data)
        print(
            ngettext(
                "wrote {count} reminder to {path}", "wrote {count} reminders to {path}", len(texts)
            ).format(count=len(texts), path=args.output),
            file=note,
        )
    if not texts:
        print(_("every member is complete: nobody to remind"), file=note)
    if not args.deliver:
        return EXIT_OK
    result = deliver(texts, args.deliver, options)
    for sentence in result.failures:
        _err("  " + sentence)
    print(
        ngettext(
            "delivered {delivered} of {count} reminder through {channel!r}",
            "delivered {delivered} of {count} reminders through {channel!r}",
            len(texts),
        ).format(delivered=len(result.delivered), count=len(texts), channel=args.deliver),
        file=note,
    )
    return EXIT_PROBLEMS if result.failures else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .readers import read_forms

    if not args.dry_run and not args.output:
        raise _UsageError(EXIT_USAGE, _("sanquan import: give -o OUT, or --dry-run"))
    if args.errors_out and any(_same_file(args.errors_out, f) for f in (*args.files, args.base)):
        raise _UsageError(  # the corrections would replace the filled form they come from
            EXIT_USAGE,
            _(
                "sanquan import: --errors-out {path} is one of the files being read; "
                "name a new file for the corrections"
            ).format(path=args.errors_out),
        )
    base = _load(args.base)
    result = read_forms(args.files, base)
    if args.json:
        _print_json({"dry_run": bool(args.dry_run), **result.as_dict()})
    else:
        for note in result.notes:
            _err("  " + _("note: {sentence}").format(sentence=note.sentence))
        for problem in result.problems:
            _err("  " + problem.sentence)
        if args.dry_run:
            lines = [_("would add {id}").format(id=r.id) for r in result.added]
            lines += [_("would change {id}").format(id=c.new.id) for c in result.changed]
            for line in lines[:PROBLEM_LIMIT]:
                _err("  " + line)
            if len(lines) > PROBLEM_LIMIT:
                _err("  " + _("... and {count} more").format(count=len(lines) - PROBLEM_LIMIT))
        _err(
            ngettext(
                "{files} file, {rows} rows: {added} added, {changed} changed, "
                "{unchanged} unchanged, {refused} refused, {problems} problems",
                "{files} files, {rows} rows: {added} added, {changed} changed, "
                "{unchanged} unchanged, {refused} refused, {problems} problems",
                len(result.files),
            ).format(
                files=len(result.files),
                rows=result.rows,
                added=len(result.added),
                changed=len(result.changed),
                unchanged=result.unchanged,
                refused=result.refused,
                problems=len(result.problems),
            )
            + (_(" (dry run: nothing written)") if args.dry_run else "")
        )
    if args.errors_out:
        from .readers.report import corrections_workbook

        _write_bytes(Path(args.errors_out), corrections_workbook(result))
    if not args.dry_run:
        from .serialize import dump

        _write_bytes(Path(args.output), dump(result.campaign).encode("utf-8"))
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from .readers.template import template

    base = _load(args.base)
    forms = (args.form,) if args.form else ("visits", "results")
    written = template(base, args.output, forms=forms, group=args.group, member=args.member)
    for path in written:
        print(path)
    return EXIT_OK


def _rollup_command(command: Callable[..., Any]) -> None:
    p = command(
        "rollup", _rollup, _("a prefecture's 附件3: a row per county, from their summaries")
    )
    p.add_argument(
        "inputs",
        metavar="SUMMARY",
        nargs="+",
        help=_(
            "each county's `sanquan summary --json` output or sanquan/1 dataset; "
            "the county is named by the file's name, or NAME=FILE"
        ),
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", required=True, help=_("the .xlsx, .docx, .pdf or .csv")
    )
    p.add_argument(
        "--format", metavar="F", help=_("xlsx, docx, pdf or csv (default: OUT's suffix)")
    )
    p.add_argument(
        "--jobs",
        metavar="N",
        type=_jobs_arg,
        default=1,
        help=_("summarize the datasets in N processes (default 1; 0: one per CPU)"),
    )
    p.add_argument("--json", action="store_true", help=_("also print the roll-up as JSON"))


def _jobs_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        message = _("{value!r} is not a whole number").format(value=text)
        raise argparse.ArgumentTypeError(message) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("{value} is below 0").format(value=value))
    return value


def _rollup_inputs(items: Sequence[str]) -> list[Any]:
    """``NAME=FILE`` as a (name, file) pair, unless a file of that very name exists."""
    out: list[Any] = []
    for item in items:
        name, sep, file = item.partition("=")
        out.append((name, file) if sep and name and file and not _exists(item) else item)
    return out


def _csv_to_stdout(data: bytes) -> None:
    """CSV bytes on standard output; to a terminal, a name's escape sequences shown as ``?``."""
    if sys.stdout.isatty():
        from ._terminal import terminal_safe

        lines = data.decode("utf-8").split("\r\n")
        data = "\r\n".join(terminal_safe(line) for line in lines).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _regular(path: str) -> bool:
    """Whether *path* is a regular file (one that can be read twice), not a pipe."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return True  # let the reader say what is wrong with it


def _same_file(one: str, other: str) -> bool:
    """Whether *one* and *other* are the same existing file (a link to it too)."""
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _exists(path: str) -> bool:
    """Whether *path* names a file; a name too long to be one (ENAMETOOLONG) names none."""
    try:
        return Path(path).exists()
    except OSError:
        return False


def _rollup(args: argparse.Namespace) -> int:
    import io

    from ._api import ROLLUP_FORMATS, rollup

    to_stdout = args.output == "-"
    if to_stdout:
        _check_stdout(args.format or "", json_too=args.json)
    chosen = args.format or Path(args.output).suffix.lower().lstrip(".")
    if chosen not in ROLLUP_FORMATS:
        raise _UsageError(
            EXIT_USAGE,
            _("sanquan rollup: a roll-up is written as {formats}, not {what!r}").format(
                formats=", ".join(ROLLUP_FORMATS), what=chosen or args.output
            ),
        )
    target: Any = io.BytesIO() if to_stdout else args.output
    try:
        table = rollup(_rollup_inputs(args.inputs), target, format=chosen, jobs=args.jobs)
    except DecodeError as exc:  # an input that cannot be read: exit 2, as `validate` does
        _print_problems(exc, limit=PROBLEM_LIMIT)
        raise _UsageError(EXIT_USAGE) from None
    count = len(table.rows)
    if to_stdout:  # written whole before any of it goes out
        data = target.getvalue()
        _csv_to_stdout(data) if chosen == "csv" else sys.stdout.buffer.write(data)
        sys.stdout.flush()
    elif args.json:
        _print_json(table.as_dict())
    note = ngettext("wrote {path}: {count} county", "wrote {path}: {count} counties", count)
    if not args.json:
        print(note.format(path=args.output, count=count), file=sys.stderr if to_stdout else None)
    return EXIT_OK


def _check_stdout(format: str, *, json_too: bool = False) -> None:
    """``-o -``: a format named, no binary document sent to a terminal, no JSON beside it."""
    if not format:
        raise _UsageError(
            EXIT_USAGE,
            _(
                "sanquan: -o - writes to standard output, which has no suffix to tell the "
                "format by; name it with --format (e.g. --format pdf)"
            ),
        )
    if format != "csv" and sys.stdout.isatty():
        raise _UsageError(
            EXIT_USAGE,
            _(
                "sanquan: standard output is a terminal; redirect it to a file "
                "(-o - > out.{format}) or name the file with -o"
            ).format(format=format),
        )
    if json_too:
        raise _UsageError(
            EXIT_USAGE,
            _("sanquan: --json and -o - would both write to standard output; name a file with -o"),
        )


def _load_all(paths: Sequence[str]) -> list[Campaign]:
    """Every file loaded; the problems of all of them listed before giving up."""
    from .serialize import load

    loaded: list[Campaign] = []
    failed: list[ValidationError] = []
    for path in paths:
        try:
            loaded.append(load(_source(path)))
        except ValidationError as exc:
            if exc.source is None:
                exc.source = _name(path)
            failed.append(exc)
    if failed:
        for error in failed:
            _print_problems(error, limit=PROBLEM_LIMIT)
        unreadable = any(isinstance(error, DecodeError) for error in failed)
        raise _UsageError(EXIT_USAGE if unreadable else EXIT_PROBLEMS)
    return loaded


def _merge(args: argparse.Namespace) -> int:
    from .merge import merge
    from .serialize import dump

    names = [_name(path) for path in args.files]
    result = merge(*_load_all(args.files), names=names)
    if result.ok:
        _write_bytes(Path(args.output), dump(result.campaign).encode("utf-8"))
    if args.json:
        _print_json({"written": result.ok, **result.as_dict()})
        return EXIT_OK if result.ok else EXIT_PROBLEMS
    for problem in result.problems:
        _err("  " + problem.sentence)
    c = result.campaign
    counts = ngettext(
        "{files} file: {groups} groups, {members} members, {visits} visits, "
        "{submissions} submissions, {events} follow-up events; {collapsed} duplicates "
        "taken once",
        "{files} files: {groups} groups, {members} members, {visits} visits, "
        "{submissions} submissions, {events} follow-up events; {collapsed} duplicates "
        "taken once",
        len(names),
    ).format(
        files=len(names),
        groups=len(c.groups),
        members=len(c.members),
        visits=len(c.visits),
        submissions=len(c.submissions),
        events=len(c.follow_ups),
        collapsed=result.collapsed,
    )
    if not result.ok:
        _err(
            ngettext(
                "{counts}; {count} problem, nothing written",
                "{counts}; {count} problems, nothing written",
                len(result.problems),
            ).format(counts=counts, count=len(result.problems))
        )
        return EXIT_PROBLEMS
    print(_("wrote {path}").format(path=args.output))
    print(counts)
    return EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sanquan-core")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return _("(not installed)")


# -- commands -----------------------------------------------------------------


#: What ``sanquan demo`` writes besides demo.json: (file name, forms).
DEMO_DOCUMENTS = (
    ("demo.xlsx", "visits,results,summary,completion,book"),
    ("demo.docx", "visits,results,summary,completion"),
    ("demo.pdf", "visits,results,summary,completion"),
    ("demo-book.docx", "book"),
    ("demo-book.pdf", "book"),
    ("demo-notice.docx", "notice"),
    ("demo-notice.pdf", "notice"),
    ("demo-follow-up.pdf", "follow_up"),
)


def _demo(args: argparse.Namespace) -> int:
    from ._bar import Bar
    from ._demo import demo_bytes
    from .exporters import export
    from .serialize import loads
    from .summary import summarize

    out: Path = args.output
    _make_folder(out)
    data = demo_bytes()
    campaign = loads(data)
    target = out / "demo.json"
    _write_bytes(target, data)
    written = [target]
    for name, forms in DEMO_DOCUMENTS:
        with Bar(name, quiet=args.quiet) as bar:
            export(campaign, out / name, forms=forms, progress=bar)
        written.append(out / name)
    _print_table(_text.summary_lines(campaign, summarize(campaign)))
    print()
    for path in written:
        print(_("wrote {path}").format(path=path))
    print(_pdf_fonts())
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .serialize import load

    try:
        campaign = load(_source(args.data))
    except DecodeError:
        raise
    except ValidationError as exc:
        if args.json:
            _print_json({"valid": False, "problems": [_problem_dict(p) for p in exc.problems]})
        else:
            _print_problems(exc, limit=None if args.all else PROBLEM_LIMIT)
        return EXIT_PROBLEMS
    if args.json:
        _print_json({"valid": True, "problems": []})
    else:
        print(
            _(
                "{file}: valid sanquan/1 — {groups} groups, {members} members, "
                "{visits} visits, {submissions} submissions"
            ).format(
                file=_name(args.data),
                groups=len(campaign.groups),
                members=len(campaign.members),
                visits=len(campaign.visits),
                submissions=len(campaign.submissions),
            )
        )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from ._api import check

    campaign = _load(args.data)
    report = check(campaign, as_of=args.as_of)
    if args.json:
        _print_json(report.as_dict())
    else:
        print("\n".join(_text.check_lines(campaign, report)))
    return EXIT_OK


def _points(args: argparse.Namespace) -> int:
    from ._api import points
    from .documents.points import points_content

    campaign = _load(args.data)
    if campaign.plan.points is None:
        raise _UsageError(
            EXIT_USAGE,
            _(
                "sanquan points: {data}: the plan defines no duty points (plan.points), "
                "so there is nothing to rank"
            ).format(data=_name(args.data)),
        )
    table = points(campaign, as_of=args.as_of)
    if args.json:
        _print_json(table.as_dict())
        return EXIT_OK
    content = points_content(campaign, table)
    part = content.members if args.by == "member" else content.groups
    lines = [content.title, *([content.note] if content.note else []), ""]
    rows = [["" if v is None else str(v) for v in row] for row in part.rows()]
    _print_table([*lines, *_text.plain_table(part.captions, rows)])
    return EXIT_OK


def _date_arg(text: str) -> date:
    from ._i18n import _

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date written YYYY-MM-DD (for example 2017-07-31)").format(
                value=text
            )
        ) from None


def _columns_arg(text: str) -> int:
    from ._i18n import _

    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a number of columns (0 or more)").format(value=text)
        )
    return int(text)


def _summary(args: argparse.Namespace) -> int:
    from .summary import summarize

    if args.json and args.by == "group" and args.data != "-" and _regular(args.data):
        # The JSON needs nothing but the numbers: the file is read one record
        # at a time, so a national file does not have to fit in memory.
        # (Standard input and other pipes are loaded: the stream may need to
        # read a file twice, when its plan comes after its records.)
        from .stream import summarize_stream

        _print_json(summarize_stream(args.data).as_dict())
        return EXIT_OK
    campaign = _load(args.data)
    summary = summarize(campaign)
    columns: _text.Width = _text.AUTO if args.width is None else (args.width or None)
    if args.by == "group":
        if args.json:
            _print_json(summary.as_dict())
        else:
            _print_table(_text.summary_lines(campaign, summary, columns))
        return EXIT_OK
    rollup = _text.rollup(campaign, summary, args.by)
    if args.json:
        _print_json(
            {
                "by": args.by,
                "rows": [{"key": key, "name": name, **t.as_dict()} for key, name, t in rollup],
            }
        )
    else:
        _print_table(_text.rollup_lines(args.by, rollup, summary.total, columns))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from ._bar import Bar
    from .exporters import export

    to_stdout = args.output == "-"
    if to_stdout and not args.format:
        raise _UsageError(
            EXIT_USAGE,
            _(
                "sanquan: -o - writes to standard output, which has no suffix to tell the "
                "format by; name it with --format (e.g. --format pdf)"
            ),
        )
    if to_stdout and args.format != "json" and sys.stdout.isatty():
        raise _UsageError(
            EXIT_USAGE,
            _(
                "sanquan: standard output is a terminal; redirect it to a file "
                "(-o - > out.{format}) or name the file with -o"
            ).format(format=args.format),
        )
    campaign = _load(args.data)
    target: Any = sys.stdout.buffer if to_stdout else args.output
    if to_stdout:
        sys.stdout.flush()
    with Bar("" if to_stdout else Path(args.output).name, quiet=args.quiet) as bar:
        export(
            campaign,
            target,
            format=args.format,
            forms=args.forms,
            redact=args.redact,
            groups=args.groups,
            offices=args.offices,
            kinds=args.kinds,
            phase=args.phase,
            filled=args.filled,
            as_of=args.as_of,
            adoption=args.adoption,
            progress=bar,
        )
    # With -o -, standard output is the document: the notes go to stderr.
    note = sys.stderr if to_stdout else sys.stdout
    if not to_stdout:
        print(_("wrote {path}").format(path=args.output), file=note)
    if (args.format or Path(args.output).suffix.lower().lstrip(".")) == "pdf":
        print(_pdf_fonts(), file=note)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _pdf_fonts() -> str:
    """Which TrueType faces the PDF embedded, role by role."""
    from .exporters.pdf import fonts_used

    return _("PDF fonts: {fonts}").format(
        fonts=_("; ").join(_face(choice) for choice in fonts_used().values())
    )


#: The roles of the official page, as the English note names them.
_ROLES = {
    "body": N_("body"),
    "title": N_("title"),
    "heading_1": N_("heading 1"),
    "heading_2": N_("heading 2"),
    "page_number": N_("page number"),
    "attachment_label": N_("attachment label"),
}


def _face(choice: Any) -> str:
    """``正文=AR PL SungtiL GB（代仿宋_GB2312）``: the font a role got, for the face it wanted."""
    role = _(_ROLES[choice.role]) if choice.role in _ROLES else choice.role
    if choice.family == choice.wanted:
        return f"{role}={choice.family}"
    return _("{role}={family} (in place of {wanted})").format(
        role=role, family=choice.family, wanted=choice.wanted
    )


def _formats(args: argparse.Namespace) -> int:
    from .plugins import disabled_exporters, registered_exporters

    registered = registered_exporters()
    for disabled in disabled_exporters():
        _err(_("sanquan: warning: {reason}").format(reason=disabled.reason))
    if args.json:
        _print_json(
            [
                {
                    "name": r.exporter.name,
                    "suffix": r.exporter.suffix,
                    "media_type": r.exporter.media_type,
                    "description": r.exporter.description,
                    "forms": _forms_made(r.exporter),
                    "plugin": r.plugin,
                    "origin": r.origin,
                }
                for r in registered
            ]
        )
        return EXIT_OK
    # The built-in descriptions are in the catalog; a plugin's are printed as written.
    rows = [
        [
            r.exporter.name,
            r.exporter.suffix,
            _(r.exporter.description) if r.exporter.description else "",
            ",".join(_forms_made(r.exporter)) or "-",
            _("built-in") if r.origin == "built-in" else r.origin,
        ]
        for r in registered
    ]
    names = [r.exporter.name for r in registered]
    header = [_("format"), _("suffix"), _("description"), _("forms"), _("from")]
    print("\n".join(_text.plain_table(header, rows)))
    for name in sorted({n for n in names if names.count(n) > 1}):
        print()
        print(
            _(
                "warning: more than one plugin claims the format {name!r}; "
                "exporting to it is refused until one is uninstalled"
            ).format(name=name)
        )
    return EXIT_OK


# -- helpers ------------------------------------------------------------------


def _forms_made(exporter: object) -> list[str]:
    """The forms an exporter makes, by name; every form for one that does not say."""
    from .exporters import Form, forms_of

    try:
        made = forms_of(exporter)
    except ValueError:
        return []
    return [f.value for f in (tuple(Form) if made is None else made)]


def _source(data: str) -> Any:
    if data == "-":
        return sys.stdin.buffer
    return data


def _name(data: str) -> str:
    return "<stdin>" if data == "-" else data


def _load(data: str) -> Campaign:
    from .serialize import load

    return load(_source(data))


def _make_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise _UsageError(
            EXIT_USAGE, _("sanquan: {path} exists and is not a folder").format(path=path)
        )
    path.mkdir(parents=True, exist_ok=True)


def _write_bytes(path: Path, data: bytes) -> None:
    from ._io import atomic_write

    atomic_write(path, data)


def _problem_dict(problem: Any) -> dict[str, Any]:
    """A problem as ``validate --json`` prints it: every field a portal places it by."""
    return dict(problem.as_dict())


def _print_problems(exc: ValidationError, limit: int | None) -> None:
    problems = exc.problems
    count = len(problems)
    found = ngettext("{count} problem found", "{count} problems found", count).format(count=count)
    _err(_("{source}: {found}").format(source=exc.source, found=found) if exc.source else found)
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        # The sentence names the record (visit v5 (谢卫), …); the path says where in the file.
        if problem.path:
            _err(
                "  " + _("{sentence} [{path}]").format(sentence=problem.sentence, path=problem.path)
            )
        else:
            _err(f"  {problem.sentence}")
    if len(shown) < count:
        _err(
            "  "
            + _("... and {more} more (sanquan validate --all prints them all)").format(
                more=count - len(shown)
            )
        )


#: What json leaves as it is but a terminal acts on: C1 controls, bidi overrides.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _print_json(value: Any) -> None:
    """*value* as JSON; the characters a terminal would act on written as ``\\uXXXX``."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _print_table(lines: Iterable[str]) -> None:
    print("\n".join(lines))


def _err(message: str) -> None:
    """*message* on stderr, a name's escape sequences and bidi overrides shown as ``?``."""
    from ._terminal import terminal_safe

    print("\n".join(terminal_safe(line) for line in message.split("\n")), file=sys.stderr)


# -- errors in CLI words --------------------------------------------------------

#: The command-line flag of each keyword argument of export().
_FLAGS = {
    "format": "--format",
    "forms": "--forms",
    "groups": "--groups",
    "offices": "--offices",
    "kinds": "--kinds",
    "phase": "--phase",
    "target": "-o",
    "as_of": "--as-of",
    "tolerance": "--tolerance",
    "by": "--by",
    "every": "--every",
    "group": "--group",
    "deliver": "--deliver",
    "member": "--member",
}


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values)


def _usage_sentence(exc: UsageError, args: argparse.Namespace) -> str:
    """*exc* as the command line says it: flags, not keyword arguments."""
    if isinstance(exc, UnknownFormatError):
        return _format_sentence(exc, args)
    if isinstance(exc, UnknownFormError) and exc.exporter:
        if not exc.known:
            return _("sanquan: the {format} format makes no forms; leave --forms out.").format(
                format=exc.exporter
            )
        return _("sanquan: the {format} format does not make {form}; it makes {known}.").format(
            format=exc.exporter, form=exc.name, known=", ".join(exc.known)
        )
    if isinstance(exc, UnknownFormError):
        known = ", ".join(exc.known)
        if exc.suggestions:
            return _(
                "sanquan: --forms: {name!r} is not a form; did you mean {suggestion!r}? "
                "The forms are {known}."
            ).format(name=exc.name, suggestion=exc.suggestions[0], known=known)
        return _(
            "sanquan: --forms: {name!r} is not a form; the forms are {known} "
            "(附件1–附件3 and the Chinese names work too)."
        ).format(name=exc.name, known=known)
    if isinstance(exc, OptionError):
        forms = getattr(args, "forms", None)
        if exc.option == "forms" and forms is not None and not forms.replace(",", "").strip():
            return _(
                "sanquan: --forms is empty; name at least one form, or leave --forms out "
                "to export every form but the notice."
            )
        return _("sanquan: {flag}: {message}").format(
            flag=_FLAGS.get(exc.option, exc.option), message=exc
        )
    if isinstance(exc, SelectionError):
        return _selection_sentence(exc)
    if isinstance(exc, UnknownScorerError):
        return _(
            "sanquan: the plan's points.scorer {name!r} is not registered by any plugin "
            "(registered: {known})."
        ).format(name=exc.name, known=", ".join(exc.known))
    if isinstance(exc, TargetError):
        return _target_sentence(exc)
    return _("sanquan: {message}").format(message=exc)


def _format_sentence(exc: UnknownFormatError, args: argparse.Namespace) -> str:
    known = ", ".join(exc.known)
    if exc.format is not None:
        if exc.suggestions:
            return _(
                "sanquan: {format!r} is not a known format; did you mean {suggestion!r}? "
                "The formats are {known}."
            ).format(format=exc.format, suggestion=exc.suggestions[0], known=known)
        return _("sanquan: {format!r} is not a known format; the formats are {known}.").format(
            format=exc.format, known=known
        )
    output = getattr(args, "output", None)
    if exc.candidates:
        return _(
            "sanquan: several formats write {suffix} files ({candidates}); name one with --format."
        ).format(suffix=exc.suffix, candidates=", ".join(exc.candidates))
    if not exc.suffix:
        return _(
            "sanquan: cannot tell the format of {path}: it has no suffix; name one with "
            "--format (the formats are {known})."
        ).format(path=output, known=known)
    if exc.suggestions:
        return _(
            "sanquan: no format writes {suffix} files; did you mean {suggestion}? "
            "Or name one with --format (the formats are {known})."
        ).format(suffix=exc.suffix, suggestion=exc.suggestions[0], known=known)
    return _(
        "sanquan: no format writes {suffix} files; name one with --format "
        "(the formats are {known})."
    ).format(suffix=exc.suffix, known=known)


def _selection_sentence(exc: SelectionError) -> str:
    flag = _FLAGS.get(exc.part or "", "")
    if exc.part is None:
        return _("sanquan: {message}").format(message=exc)
    if not exc.unknown:
        return _(
            "sanquan: {flag} is empty; name at least one, or leave {flag} out to keep them all."
        ).format(flag=flag)
    what = {
        "groups": _("no group has the id {unknown}"),
        "offices": _("no group is supervised by {unknown}"),
        "kinds": _("{unknown} is not a kind of item"),
        "phase": _("{unknown} is not a phase of the plan"),
        "group": _("no group has the id or name {unknown}"),
    }[exc.part].format(unknown=_quoted(exc.unknown))
    separator = {"offices": "、", "phase": "; "}.get(exc.part, ", ")
    known = separator.join(exc.known)
    if exc.suggestions:
        return _(
            "sanquan: {flag}: {what}; did you mean {suggestion!r}? The choices: {known}."
        ).format(flag=flag, what=what, suggestion=exc.suggestions[0], known=known)
    return _("sanquan: {flag}: {what}; the choices: {known}.").format(
        flag=flag, what=what, known=known
    )


def _target_sentence(exc: TargetError) -> str:
    path = exc.target
    sentences = {
        "folder": _("sanquan: cannot write {path}: it is a folder; name a file inside it."),
        "device": _(
            "sanquan: cannot write {path}: it is a device, not a regular file; "
            "to write to standard output, use -o -."
        ),
        "pipe": _(
            "sanquan: cannot write {path}: it is a named pipe, not a regular file; "
            "to write to a pipe, use -o - and redirect standard output."
        ),
        "socket": _("sanquan: cannot write {path}: it is a socket, not a regular file."),
        "special": _("sanquan: cannot write {path}: it is not a regular file."),
        "loop": _(
            "sanquan: cannot write {path}: it is a symbolic link that leads round in a loop."
        ),
        "no_folder": _("sanquan: cannot write {path}: the folder {folder} does not exist."),
        "not_a_folder": _("sanquan: cannot write {path}: {folder} is not a folder."),
    }
    sentence = sentences.get(exc.reason)
    if sentence is None or path is None:
        return _("sanquan: {message}").format(message=exc)
    return sentence.format(path=path, folder=os.path.dirname(path) or ".")


def _write_sentence(exc: WriteError) -> str:
    from ._io import human_size

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        full = (
            _("the disk is full") if exc.errno == errno.ENOSPC else _("the disk quota is used up")
        )
        if exc.needed is not None and exc.free is not None:
            return _(
                "sanquan: cannot write {path}: {full} ({needed} were needed, {free} are free); "
                "nothing was written."
            ).format(
                path=exc.path, full=full, needed=human_size(exc.needed), free=human_size(exc.free)
            )
        return _("sanquan: cannot write {path}: {full}; nothing was written.").format(
            path=exc.path, full=full
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("sanquan: cannot write {path}: permission denied; nothing was written.").format(
            path=exc.path
        )
    return _("sanquan: cannot write {path}: {reason}; nothing was written.").format(
        path=exc.path, reason=exc.strerror
    )


def _os_sentence(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename:
        name = repr(exc.filename)
        if isinstance(exc, FileNotFoundError):
            return _("cannot open {name}: no such file").format(name=name)
        if isinstance(exc, IsADirectoryError):
            return _("cannot read {name}: it is a folder, not a file").format(name=name)
        if isinstance(exc, PermissionError):
            return _("cannot open {name}: permission denied").format(name=name)
        return _("cannot read or write {name}: {reason}").format(name=name, reason=reason)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):  # standard output, full
        full = (
            _("the disk is full") if exc.errno == errno.ENOSPC else _("the disk quota is used up")
        )
        return _("cannot write: {full}").format(full=full)
    if isinstance(exc, FileNotFoundError):
        return _("cannot open: no such file")
    if isinstance(exc, IsADirectoryError):
        return _("cannot read: it is a folder, not a file")
    if isinstance(exc, PermissionError):
        return _("cannot open: permission denied")
    return _("cannot read or write: {reason}").format(reason=reason)
