"""Doctests in the docs run in a fresh folder holding sanquan-demo/demo.json."""

from __future__ import annotations

import pytest

from sanquan_core._demo import demo_bytes


@pytest.fixture(autouse=True)
def _demo_folder(tmp_path, monkeypatch):
    (tmp_path / "sanquan-demo").mkdir()
    (tmp_path / "sanquan-demo" / "demo.json").write_bytes(demo_bytes())
    monkeypatch.chdir(tmp_path)
