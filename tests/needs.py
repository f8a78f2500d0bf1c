"""Tests that need something outside Python (a font, poppler, the example plugin).

Where it is missing, such a test is skipped with the reason. CI sets
SANQUAN_STRICT_TESTS=1 to turn those skips into failures, so nothing it
should check is silently skipped there: :func:`need` is for what CI
installs (.ci/run), :func:`optional` for what it does not.

The suite passes or skips with a reason under any set of fonts (none,
WenQuanYi Micro Hei alone, CI's); scripts/test_font_sets.sh runs it under
each. A test that needs a font of CI's set needs that very font, so strict
mode fails on CI if it went missing.
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


def optional(available: bool, what: str) -> None:
    """Skip unless *available*, even under SANQUAN_STRICT_TESTS: CI does not install *what*."""
    if not available:
        pytest.skip(f"missing: {what} (not installed by CI)")


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
