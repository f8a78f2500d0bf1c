from __future__ import annotations

import pytest

import sanquan_core as sq
from sanquan_core import plugins

from . import campaigns


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
def _fresh_plugins():
    """Each test starts with a plugin manager built afresh."""
    plugins.reset()
    yield
    plugins.reset()
