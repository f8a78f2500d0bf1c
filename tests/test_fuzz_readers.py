"""Fuzzing each reader: mutated fixtures never raise, never hang; every problem a sentence.

The inputs are tests/data/filled/'s forms (XLSX, DOCX, CSV, and XLS and ODS
through calamine) with bytes flipped, cut short, ZIP parts swapped, dropped
or replaced by junk or random sheet XML (tests/fuzzing.py).
scripts/fuzz_readers.py runs the same on tens of thousands of inputs; each
input it found failing is in tests/test_hostile_files.py.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import fuzzing


@pytest.mark.parametrize("seed", fuzzing.seeds())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_form_is_read_or_refused_with_a_sentence(seed: str, data: st.DataObject) -> None:
    name, content = data.draw(fuzzing.mutated([seed]))
    fuzzing.check(name, content)
