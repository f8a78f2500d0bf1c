"""Write the packaged JSON Schema: ``src/sanquan_core/data/sanquan-1.schema.json``.

The schema is derived from the model (``sanquan_core.schema.json_schema``);
this file is its published copy. Run it from the repository root::

    python scripts/make_schema.py            # rewrite the packaged file
    python scripts/make_schema.py --check    # exit 1 if the packaged file is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sanquan_core.schema import SCHEMA_FILE, schema_text

OUT = Path(__file__).resolve().parent.parent / "src" / "sanquan_core" / "data" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file is up to date")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale: run python scripts/make_schema.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_bytes(text.encode("utf-8"))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
