"""Doctests in the docs run in a fresh folder holding sanquan-demo/demo.json,
without third-party plugins, as on a fresh install."""

from __future__ import annotations

import pytest
from tests.needs import without_plugins

from sanquan_core import plugins
from sanquan_core._demo import demo_bytes


@pytest.fixture(autouse=True)
def _demo_folder(tmp_path, monkeypatch):
    (tmp_path / "sanquan-demo").mkdir()
    (tmp_path / "sanquan-demo" / "demo.json").write_bytes(demo_bytes())
    monkeypatch.chdir(tmp_path)
    without_plugins(monkeypatch)  # the docs show a fresh install
    yield
    plugins.reset()
