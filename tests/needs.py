"""Tests that need something outside Python (a font, poppler, the example plugin).

Where it is missing, such a test is skipped with the reason. CI sets
SANQUAN_STRICT_TESTS=1 to turn those skips into failures, so nothing it
should check is silently skipped there.
"""

from __future__ import annotations

import importlib.metadata
import os

import pytest

from sanquan_core import plugins


def need(available: bool, what: str) -> None:
    """Skip (or, under SANQUAN_STRICT_TESTS, fail) unless *available*."""
    if available:
        return
    if os.environ.get("SANQUAN_STRICT_TESTS"):
        pytest.fail(f"missing: {what} (SANQUAN_STRICT_TESTS is set)")
    pytest.skip(f"missing: {what}")


def installed(distribution: str) -> bool:
    """Whether *distribution* is installed."""
    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def without_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide installed third-party plugins, as on a fresh install of sanquan_core."""
    real = importlib.metadata.entry_points

    def entry_points(**params: object) -> object:
        if params.get("group") == "sanquan_core":
            return importlib.metadata.EntryPoints(())
        return real(**params)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    plugins.reset()
