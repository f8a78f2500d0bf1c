"""Every form of every format at prefecture scale: a 20,000-member campaign.

Slow (a few minutes), and run in CI all the same: the ``slow`` marker only
names it, nothing deselects it. How the time grows with the size is
measured by ``benchmarks/bench_scale.py``, not asserted here.
"""

from __future__ import annotations

import io
import zipfile

import attrs
import pytest

import sanquan_core as sq

from .scale import campaign

MEMBERS = 20_000

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big() -> sq.Campaign:
    # Few records per member, so that all forms in all formats stay within minutes;
    # duty points rules, so that the points table is made too.
    made = campaign(MEMBERS, complete=0.04, partial=0.08)
    rules = sq.Points(
        visit=dict.fromkeys(sq.Circle, 2),
        item=dict.fromkeys(sq.SubmissionKind, 3),
        adopted=dict.fromkeys(sq.Level, 5),
        phase_cap=10,
    )
    return attrs.evolve(made, plan=attrs.evolve(made.plan, points=rules))


def _cases() -> list[tuple[str, str]]:
    """Every form each built-in format makes (``sanquan formats``), and the JSON."""
    out = []
    for fmt in ("xlsx", "docx", "pdf", "csv"):
        (exporter,) = [e for e in sq.formats() if e.name == fmt]
        out += [(fmt, f.value) for f in exporter.forms]
    return [*out, ("json", "")]


@pytest.mark.parametrize(("fmt", "form"), _cases())
def test_every_form_exports_at_scale(big, fmt, form):
    buffer = io.BytesIO()
    sq.export(big, buffer, format=fmt, forms=form or None)
    data = buffer.getvalue()
    assert data
    if fmt in ("xlsx", "docx"):
        assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_the_reminder_list_is_a_row_per_member_at_scale(big):
    """No cell of the DOCX reminder list grows with a group: one row per member owing."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    report = sq.check(big)
    owing = sum(len(r.member_ids) for r in report.reminders)
    assert owing > MEMBERS // 2
    buffer = io.BytesIO()
    sq.export(big, buffer, format="docx", forms="completion")
    root = etree.fromstring(zipfile.ZipFile(buffer).read("word/document.xml"))
    tables = [t for t in root.iter(f"{w}tbl") if len(t.find(f"{w}tblGrid")) == 4]
    reminder = max(tables, key=lambda t: len(t.findall(f"{w}tr")))
    rows = reminder.findall(f"{w}tr")
    assert len(rows) > owing  # the header and a row per member
    longest = max(len("".join(c.itertext())) for row in rows for c in row.iter(f"{w}tc"))
    assert longest < 200
