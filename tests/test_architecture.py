"""The layers import what their place allows, nested imports included.

The domain (records, rules, summary, the converter, selection, masking)
imports neither the plugin manager nor an exporter, the content layer nor a
document library; the content layer imports no document library either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sanquan_core

PACKAGE = Path(sanquan_core.__file__).parent

#: The domain modules: what the spec describes, with no output format in sight.
DOMAIN = (
    "model",
    "rules",
    "summary",
    "ledger",
    "serialize",
    "_integrity",
    "select",
    "redact",
    "errors",
    "captions",
    "merge",
    "counties",
    "_keys",
    "_fastload",
    "_window",
    "stream",
    "duty",
    "pace",
)
#: Nothing of these may be imported by the domain, at any depth of the code.
NOT_IN_DOMAIN = (
    "sanquan_core.plugins",
    "sanquan_core.hookspecs",
    "sanquan_core._builtin",
    "sanquan_core._api",
    "sanquan_core.exporters",
    "sanquan_core.documents",
    "sanquan_core.cli",
    "sanquan_core.readers",
    "pluggy",
)
DOCUMENT_LIBRARIES = ("openpyxl", "docx", "reportlab", "lxml", "pypdf")


def imported(path: Path) -> set[str]:
    """Every module *path* imports, anywhere in its code (functions included), resolved."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = ".".join(parts if path.name == "__init__.py" else parts[:-1])
    package = package.removesuffix(".__init__")
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _hits(names: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_imports_no_plugin_manager_exporter_or_document_library(module: str) -> None:
    names = imported(PACKAGE / f"{module}.py")
    assert _hits(names, NOT_IN_DOMAIN + DOCUMENT_LIBRARIES) == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "documents").glob("*.py")), ids=str)
def test_the_content_layer_imports_no_document_library(path: Path) -> None:
    assert _hits(imported(path), (*DOCUMENT_LIBRARIES, "sanquan_core.exporters.")) == []


def test_the_walker_sees_nested_imports(tmp_path: Path) -> None:
    """The check above would catch an import hidden inside a function."""
    names = imported(PACKAGE / "exporters" / "__init__.py")
    assert "sanquan_core.plugins.registered_exporters" in names  # imported inside export()


def test_no_exporter_or_content_module_is_over_600_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for folder in ("exporters", "documents")
        for p in (PACKAGE / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_each_format_has_its_forms_in_forms_py(fmt: str) -> None:
    """ "Where is the PDF 附件1 built?" is answered by exporters/pdf/forms.py."""
    folder = PACKAGE / "exporters" / fmt
    assert {"__init__.py", "forms.py", "report.py", "book.py", "chart.py"} <= {
        p.name for p in folder.glob("*.py")
    }
