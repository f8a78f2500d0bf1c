"""SHA-256 of every demo export: each form in each format, the book, the notice.

A restructuring must not change what the library writes. Run this before the
first move and after each one; the two listings must be equal::

    python scripts/export_hashes.py > before.txt
    ... move ...
    python scripts/export_hashes.py | diff before.txt -

Each line is ``<sha256>  <format> <forms> [options]``.
"""

from __future__ import annotations

import hashlib
import io
import sys
import warnings
from collections.abc import Iterator
from typing import Any

import sanquan_core as sq

FORMS = ("visits", "results", "summary", "completion", "book")


def cases() -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """(format, forms, options) for every export the demo can make."""
    for fmt in ("xlsx", "docx", "pdf", "json", "csv"):
        if fmt == "csv" and "csv" not in {e.name for e in sq.formats()}:
            continue
        if fmt != "csv":  # a CSV file holds one form
            yield fmt, None, {}
        if fmt == "json":
            continue
        for form in FORMS:
            yield fmt, form, {}
        yield fmt, "book", {"redact": True}
        yield fmt, "summary" if fmt == "csv" else "summary,completion", {"offices": ["经济委"]}
        if fmt in ("docx", "pdf"):
            yield fmt, "notice", {}
            yield fmt, "notice", {"filled": True}


def main() -> int:
    campaign = sq.load_demo()
    for fmt, forms, options in cases():
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sq.export(campaign, buffer, format=fmt, forms=forms, **options)
        digest = hashlib.sha256(buffer.getvalue()).hexdigest()
        extra = " ".join(f"{k}={v}" for k, v in sorted(options.items()))
        print(f"{digest}  {fmt} {forms or 'default'} {extra}".rstrip())
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
