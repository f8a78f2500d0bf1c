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


def test_import_is_light():
    """The loader, rules, exporters and plugin machinery load on first use of their names."""
    script = "import sys\nimport sanquan_core\nprint(' '.join(sorted(m for m in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    lazy = {"cattrs", "pluggy", "wcwidth", "json", "difflib", "sanquan_core.serialize",
            "sanquan_core.exporters", "sanquan_core.plugins", "sanquan_core.documents",
            "sanquan_core.redact", "sanquan_core.select"}  # fmt: skip
    assert loaded.isdisjoint(lazy)


def test_lazy_names_are_the_real_ones():
    # In a fresh process: importing the modules first must not put them in
    # the place of the functions of the same name.
    script = (
        "import sanquan_core.redact, sanquan_core.select\n"
        "from sanquan_core.serialize import load\n"
        "import sanquan_core as sq\n"
        "assert sq.load is load\n"
        "assert sq.redact is sanquan_core.redact.__globals__['redact']\n"
        "assert callable(sq.redact) and callable(sq.select)\n"
        "assert set(sq.__all__) <= set(dir(sq))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


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


def test_python_dash_m_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "sanquan_core", "--help"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("usage: sanquan ")


def test_license_ships_with_the_distribution():
    from importlib.metadata import distribution
    from pathlib import Path

    from .needs import need

    root = Path(__file__).parent.parent
    assert "MIT License" in (root / "LICENSE").read_text(encoding="utf-8")
    dist = distribution("sanquan-core")
    listed = dist.metadata.get_all("License-File") or []
    need(bool(listed), "an install of this tree (pip install -e .) whose metadata lists LICENSE")
    assert listed == ["LICENSE"]
    assert dist.metadata["License-Expression"] == "MIT"
    assert "MIT License" in (dist.read_text("licenses/LICENSE") or "")
