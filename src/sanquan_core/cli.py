"""The ``sanquan`` command line: a thin layer over the public API.

Exit status: 0 success, 1 the data has problems, 2 bad usage or input that
cannot be read. Errors go to stderr as sentences, never as a traceback
(set ``SANQUAN_DEBUG=1`` to see one for an unexpected error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from . import _text
from ._i18n import _
from .errors import DecodeError, PluginError, SanquanError, ValidationError
from .model import Campaign

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

#: How many problems ``validate`` prints before it says how many more there are.
PROBLEM_LIMIT = 100


class _UsageError(Exception):
    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
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
    except (PluginError, SanquanError) as exc:
        _err(f"sanquan: {exc}")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error of ours.
        # Point stdout at devnull so the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        _err(f"sanquan: {_os_sentence(exc)}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("sanquan: interrupted")
        return 130
    except Exception as exc:
        if os.environ.get("SANQUAN_DEBUG"):
            raise
        _err(
            f"sanquan: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "sanquan_core; run again with SANQUAN_DEBUG=1 to see where it happened."
        )
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sanquan",
        description="Records, completion checks, the summary table (附件3) and documents "
        "of a 三圈 outreach campaign.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str) -> Any:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    data_help = "a sanquan/1 JSON file, or - for standard input"

    p = command("demo", _demo, "write the built-in example campaign and its documents")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        default=Path("sanquan-demo"),
        help="folder to write into (default: ./sanquan-demo)",
    )

    p = command("validate", _validate, "check that a file is valid sanquan/1 data")
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help="print the problems as JSON")
    p.add_argument(
        "--all",
        action="store_true",
        help=f"print every problem, not only the first {PROBLEM_LIMIT}",
    )

    p = command("check", _check, "三个一 completion per member and group, and the reminder list")
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = command("summary", _summary, "the summary table 附件3")
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    p.add_argument(
        "--by",
        choices=["group", "kind", "office", "body"],
        default="group",
        help="one row per group (default), group kind, office or body",
    )

    p = command("export", _export, "write documents (XLSX, DOCX, PDF, JSON or a plugin's)")
    p.add_argument("data", metavar="DATA", help=data_help)
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    p.add_argument("--format", metavar="F", help="format name (default: from OUT's suffix)")
    p.add_argument(
        "--forms",
        metavar="LIST",
        help="comma-separated: visits,results,summary,completion,book,notice "
        "(default: all but notice)",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="mask personal data: phone numbers, street addresses, visited persons' names",
    )
    part = p.add_argument_group("export part of the campaign")
    part.add_argument("--groups", metavar="IDS", help="comma-separated group ids")
    part.add_argument("--offices", metavar="NAMES", help="comma-separated supervising offices")
    part.add_argument("--kinds", metavar="KINDS", help="comma-separated kinds (suggestion, …)")
    part.add_argument("--phase", metavar="PHASE", help="one phase, by number (1, 2, …) or name")
    p.add_argument(
        "--filled",
        action="store_true",
        help="fill the notice packet's 附件1–3 with the data instead of printing them blank",
    )

    p = command("formats", _formats, "list the registered exporters, plugins included")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sanquan-core")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "(not installed)"


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
)


def _demo(args: argparse.Namespace) -> int:
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
        export(campaign, out / name, forms=forms)
        written.append(out / name)
    _print_table(_text.summary_lines(campaign, summarize(campaign)))
    print()
    for path in written:
        print(f"wrote {path}")
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
            f"{_name(args.data)}: valid sanquan/1 — {len(campaign.groups)} groups, "
            f"{len(campaign.members)} members, {len(campaign.visits)} visits, "
            f"{len(campaign.submissions)} submissions"
        )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .rules import check

    campaign = _load(args.data)
    report = check(campaign)
    if args.json:
        _print_json(report.as_dict())
    else:
        print("\n".join(_text.check_lines(campaign, report)))
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    from .summary import summarize

    campaign = _load(args.data)
    summary = summarize(campaign)
    if args.by == "group":
        if args.json:
            _print_json(summary.as_dict())
        else:
            _print_table(_text.summary_lines(campaign, summary))
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
        _print_table(_text.rollup_lines(args.by, rollup, summary.total))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .exporters import export

    campaign = _load(args.data)
    export(
        campaign,
        args.output,
        format=args.format,
        forms=args.forms,
        redact=args.redact,
        groups=args.groups,
        offices=args.offices,
        kinds=args.kinds,
        phase=args.phase,
        filled=args.filled,
    )
    print(f"wrote {args.output}")
    if (args.format or Path(args.output).suffix.lower().lstrip(".")) == "pdf":
        print(_pdf_fonts())
    return EXIT_OK


def _pdf_fonts() -> str:
    """Which TrueType faces the PDF embedded, role by role."""
    from .exporters.pdf import fonts_used

    return "PDF fonts: " + "；".join(str(choice) for choice in fonts_used().values())


def _formats(args: argparse.Namespace) -> int:
    from .plugins import registered_exporters

    registered = registered_exporters()
    if args.json:
        _print_json(
            [
                {
                    "name": r.exporter.name,
                    "suffix": r.exporter.suffix,
                    "media_type": r.exporter.media_type,
                    "description": r.exporter.description,
                    "plugin": r.plugin,
                    "origin": r.origin,
                }
                for r in registered
            ]
        )
        return EXIT_OK
    rows = [
        [r.exporter.name, r.exporter.suffix, r.exporter.description, r.origin] for r in registered
    ]
    names = [r.exporter.name for r in registered]
    print("\n".join(_text.plain_table(["format", "suffix", "description", "from"], rows)))
    for name in sorted({n for n in names if names.count(n) > 1}):
        print(
            f"\nwarning: more than one plugin claims the format {name!r}; "
            "exporting to it is refused until one is uninstalled"
        )
    return EXIT_OK


# -- helpers ------------------------------------------------------------------


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
        raise _UsageError(EXIT_USAGE, f"sanquan: {path} exists and is not a folder")
    path.mkdir(parents=True, exist_ok=True)


def _write_bytes(path: Path, data: bytes) -> None:
    from ._io import atomic_path

    with atomic_path(path) as fh:
        fh.write(data)


def _problem_dict(problem: Any) -> dict[str, str]:
    return {"path": problem.path, "message": problem.message, "code": problem.code}


def _print_problems(exc: ValidationError, limit: int | None) -> None:
    problems = exc.problems
    count = len(problems)
    where = f"{exc.source}: " if exc.source else ""
    _err(f"{where}{count} problem{'s' if count != 1 else ''} found")
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
        _err(f"  ... and {count - len(shown)} more (sanquan validate --all prints them all)")


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_table(lines: Iterable[str]) -> None:
    print("\n".join(lines))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _os_sentence(exc: OSError) -> str:
    where = f" {exc.filename!r}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"cannot open{where}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"cannot read{where}: it is a folder, not a file"
    if isinstance(exc, PermissionError):
        return f"cannot open{where}: permission denied"
    return f"cannot read or write{where}: {reason}"
