"""XLSX keeps text exactly: ``_xHHHH_`` is escaped, so it reads back as typed.

OOXML cell text (ECMA-376 ST_Xstring) reads ``_xHHHH_`` as the character
HHHH: Excel and LibreOffice show ``_x0041_`` as ``A``. openpyxl 3.1 hands the
stored text back without decoding it, so the reading here decodes it the
way Excel does (openpyxl's own ``unescape``).
"""

from __future__ import annotations

import io

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

import sanquan_core as sq
from tests import campaigns

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.utils.escape import unescape  # noqa: E402

#: Text a cell can hold (no control characters but line breaks and tabs,
#: no lone surrogates), with the escape's pieces mixed in often.
plain = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r") | st.just("\n"),
    max_size=8,
)
pieces = st.sampled_from(["_x0041_", "_x005F_", "_x000D_", "_xABCD_", "_x", "_", "x00", "41_"])
texts = st.lists(pieces | plain, min_size=1, max_size=8).map("".join).filter(str.strip)


def read_back(campaign: sq.Campaign) -> list[str]:
    """The text of every cell of the 附件1 sheet between « and », as Excel reads it."""
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format="xlsx", forms=["visits"])
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    return [
        unescape(cell.value)
        for row in wb[sq.Form.VISITS.label].iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("«") and cell.value.endswith("»")
    ]


def with_situation(campaign: sq.Campaign, text: str) -> sq.Campaign:
    first = evolve(campaign.visits[0], situation=f"«{text}»")
    return evolve(campaign, visits=(first, *campaign.visits[1:]))


def test_an_escape_sequence_reads_back_as_typed(small):
    assert read_back(with_situation(small, "_x0041_转义")) == ["«_x0041_转义»"]


SMALL = campaigns.small()


@given(text=texts)
def test_any_text_reads_back_as_typed(text):
    assert read_back(with_situation(SMALL, text)) == [f"«{text}»"]
