"""Tests that need something outside Python (a font, poppler, the example plugin).

Where it is missing, such a test is skipped with the reason. CI sets
SANQUAN_STRICT_TESTS=1 to turn those skips into failures, so nothing it
should check is silently skipped there.
"""

from __future__ import annotations

import os

import pytest


def need(available: bool, what: str) -> None:
    """Skip (or, under SANQUAN_STRICT_TESTS, fail) unless *available*."""
    if available:
        return
    if os.environ.get("SANQUAN_STRICT_TESTS"):
        pytest.fail(f"missing: {what} (SANQUAN_STRICT_TESTS is set)")
    pytest.skip(f"missing: {what}")
