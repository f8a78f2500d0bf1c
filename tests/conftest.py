from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import sanquan_core as sq
from sanquan_core import plugins

from . import campaigns
from .needs import need


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs_ttf: needs a TrueType Chinese font (skips, or fails when strict)"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``needs_ttf`` is skipped (or failed) before its fixtures are built."""
    if item.get_closest_marker("needs_ttf") is not None:
        from .readback import HAS_TTF, TTF_INSTALL

        need(HAS_TTF, TTF_INSTALL)


@pytest.fixture
def small() -> sq.Campaign:
    return campaigns.small()


@pytest.fixture(scope="session")
def demo() -> sq.Campaign:
    return sq.load_demo()


@pytest.fixture
def hostile() -> sq.Campaign:
    return campaigns.hostile()


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    """Terminal tables and messages as on a terminal of no set width in English.

    A developer's exported COLUMNS or Chinese locale would otherwise change
    the layout and the language the tests and the docs' examples expect;
    tests of those set them themselves.
    """
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("SANQUAN_LANG", "en")
    monkeypatch.setenv("SANQUAN_AMBIGUOUS_WIDTH", "1")


@pytest.fixture(autouse=True)
def _fresh_plugins():
    """Each test starts with a plugin manager built afresh."""
    plugins.reset()
    yield
    plugins.reset()


# Property tests build whole campaigns; a few dozen examples each keep the
# suite quick. HYPOTHESIS_PROFILE=thorough runs many more.
settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
