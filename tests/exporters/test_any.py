"""Every format, on any valid campaign: no crash, and masked books hold nothing private."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import Any

import docx
import pytest
from hypothesis import given, settings

import sanquan_core as sq
from sanquan_core.exporters import Form
from tests import strategies
from tests.needs import need
from tests.readback import needs_ttf


@settings(max_examples=12)
@given(strategies.campaigns(max_members=5))
def test_any_valid_campaign_exports_in_every_format(campaign):
    # Every form each format declares; the points table only where the plan has points.
    for fmt in ("xlsx", "docx", "pdf"):
        (exporter,) = [e for e in sq.formats() if e.name == fmt]
        forms = [f for f in exporter.forms if f is not Form.POINTS or campaign.plan.points]
        out = io.BytesIO()
        sq.export(campaign, out, format=fmt, forms=forms)
        assert out.getvalue()


MOBILE = re.compile(r"1[3-9]\d{9}")
#: A house number; 第123号 (a proposal's number in an item's status line) is none.
HOUSE_NUMBER = re.compile(r"(?<![第\d])\d+号")


def private_data(demo: sq.Campaign) -> tuple[set[str], set[str]]:
    """The visited persons' names and the street addresses of the demo."""
    names = {re.match(r"[^（等]+", v.target).group(0) for v in demo.visits}  # type: ignore[union-attr]
    # Members' names are public and stay; a visited person may share one.
    names -= {m.name for m in demo.members}
    streets = {a for a in (v.address for v in demo.visits) if HOUSE_NUMBER.search(a)}
    streets |= {m.address for m in demo.members if HOUSE_NUMBER.search(m.address)}
    return names, streets


def assert_nothing_private(text: str, demo: sq.Campaign) -> None:
    names, streets = private_data(demo)
    assert names, "the demo should have visited people to hide"
    assert not MOBILE.search(text)
    assert not HOUSE_NUMBER.search(text)
    leaked = sorted(n for n in names if len(n) >= 2 and n in text)
    assert leaked == []
    assert not [s for s in streets if s in text]


def test_unmasked_book_does_show_names_and_addresses(demo):
    """The control for the tests below: without redact, the private data is there."""
    out = io.BytesIO()
    sq.export(demo, out, format="docx", forms=["book"])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.getvalue())).paragraphs)
    names, _ = private_data(demo)
    assert HOUSE_NUMBER.search(text)
    assert any(n in text for n in names)


def test_redacted_docx_book_holds_nothing_private(demo):
    out = io.BytesIO()
    sq.export(demo, out, format="docx", forms=["book"], redact=True)
    document = docx.Document(io.BytesIO(out.getvalue()))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "（已隐去个人信息）" in text
    assert_nothing_private(text, demo)


@needs_ttf  # without poppler-data, pdftotext reads no text drawn in STSong-Light
def test_redacted_pdf_book_holds_nothing_private(demo, tmp_path):
    need(shutil.which("pdftotext") is not None, "pdftotext (apt-get install poppler-utils)")
    path = tmp_path / "book.pdf"
    sq.export(demo, path, forms=["book"], redact=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "已隐去个人信息" in text
    # pdftotext may split a name across a line end; join lines to be strict.
    assert_nothing_private(text.replace("\n", ""), demo)


@pytest.mark.parametrize("wrong", ["2017-07-31", 20170731])
def test_as_of_must_be_a_date(wrong: object) -> None:
    with pytest.raises(sq.OptionError, match=r"as_of must be a datetime\.date") as caught:
        sq.export(sq.load_demo(), io.BytesIO(), format="csv", forms=["summary"], as_of=wrong)
    assert caught.value.option == "as_of"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: sq.check(c, as_of="2017-07-31"),
        lambda c: sq.ledger(c, as_of="2017-07-31"),
        lambda c: sq.progress(c, as_of="2017-07-31"),
        lambda c: sq.reminders(c, as_of="2017-07-31"),
    ],
    ids=["check", "ledger", "progress", "reminders"],
)
def test_every_as_of_must_be_a_date(call: Any) -> None:
    with pytest.raises(sq.OptionError, match=r"as_of must be a datetime\.date"):
        call(sq.load_demo())
