"""Extract, update and compile the message catalogs (needs Babel: the ``test`` extra).

The sentences a clerk reads are English in the source, wrapped in ``_()``,
``N_()`` or ``ngettext()``; their Chinese is in
``src/sanquan_core/locale/zh_CN/LC_MESSAGES/sanquan_core.po``, compiled to
the ``.mo`` beside it (both are committed, so installing needs no Babel).
Run it from the repository root::

    python scripts/i18n.py extract   # rewrite locale/sanquan_core.pot from the source
    python scripts/i18n.py update    # extract, then merge new msgids into each .po
    python scripts/i18n.py compile   # write each .mo from its .po
    python scripts/i18n.py check     # exit 1 if a msgid lacks Chinese or a file is stale

After ``update``, translate the new entries (``msgstr ""``) in the ``.po``
and drop their ``#, fuzzy`` flag, then ``compile``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sanquan_core"
LOCALE = PACKAGE / "locale"
DOMAIN = "sanquan_core"
POT = LOCALE / f"{DOMAIN}.pot"
#: The translated languages (English is the source language).
LOCALES = ("zh_CN",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: Fixed, so that the files change only when the messages do.
_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def po_path(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(locale: str) -> Path:
    return po_path(locale).with_suffix(".mo")


def extract() -> Catalog:
    """Every message marked in the package's source, as a template catalog."""
    catalog = Catalog(
        project=DOMAIN,
        copyright_holder="sanquan_core developers",
        creation_date=_DATE,
        revision_date=_DATE,
        fuzzy=False,
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"src/sanquan_core/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def read(locale: str) -> Catalog:
    with po_path(locale).open("rb") as f:
        return read_po(f, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, sort_output=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def write_pot() -> Catalog:
    template = extract()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_po_bytes(template))
    print(f"wrote {POT.relative_to(ROOT)} ({len(template)} messages)")
    return template


def update() -> None:
    template = write_pot()
    for locale in LOCALES:
        path = po_path(locale)
        if path.exists():
            catalog = read(locale)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
        else:
            catalog = Catalog(locale=locale, domain=DOMAIN, project=DOMAIN, fuzzy=False)
            catalog.update(template, no_fuzzy_matching=True)
        catalog.revision_date = _DATE
        catalog.creation_date = _DATE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))
        missing = untranslated(catalog, template)
        print(f"wrote {path.relative_to(ROOT)} ({len(missing)} untranslated)")


def compile_all() -> None:
    for locale in LOCALES:
        mo_path(locale).write_bytes(mo_bytes(read(locale)))
        print(f"wrote {mo_path(locale).relative_to(ROOT)}")


def _ids(catalog: Iterable[object]) -> set[object]:
    return {m.id for m in catalog if m.id}  # type: ignore[attr-defined]


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """The template's msgids that *catalog* lacks, leaves empty or marks fuzzy."""
    missing = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        strings = entry.string if entry is not None else ""
        filled = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or not filled or entry.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def check() -> int:
    template = extract()
    status = 0
    for locale in LOCALES:
        catalog = read(locale)
        for msgid in untranslated(catalog, template):
            print(f"{locale}: no translation of {msgid!r}", file=sys.stderr)
            status = 1
        if mo_path(locale).read_bytes() != mo_bytes(catalog):
            stale = mo_path(locale).relative_to(ROOT)
            print(f"{stale} is stale: run python scripts/i18n.py compile", file=sys.stderr)
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.action == "extract":
        write_pot()
    elif args.action == "update":
        update()
    elif args.action == "compile":
        compile_all()
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
