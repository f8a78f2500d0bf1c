"""The package surface: what import costs, what it exposes."""

from __future__ import annotations

import json
import subprocess
import sys

import sanquan_core as sq

HEAVY = ("openpyxl", "docx", "reportlab", "lxml", "PIL")


def imported_after(code: str) -> set[str]:
    script = (
        "import json, sys\n"
        f"{code}\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_import_loads_no_document_library():
    assert imported_after("import sanquan_core").isdisjoint(HEAVY)


def test_core_work_loads_no_document_library():
    loaded = imported_after(
        "import sanquan_core as sq\nc = sq.load_demo(); sq.check(c); sq.summarize(c); sq.formats()"
    )
    assert loaded.isdisjoint(HEAVY)


def test_public_names_exist_once():
    assert len(set(sq.__all__)) == len(sq.__all__)
    missing = [name for name in sq.__all__ if not hasattr(sq, name)]
    assert missing == []


def test_version_comes_from_metadata():
    from importlib.metadata import version

    assert sq.__version__ == version("sanquan-core")


def test_package_is_typed():
    from importlib.resources import files

    assert files("sanquan_core").joinpath("py.typed").is_file()
