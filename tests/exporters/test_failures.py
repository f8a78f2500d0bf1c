"""A failure inside a document library is a sentence naming the form and the record, not raw.

Each test makes the library fail on one chosen record (a flowable whose
layout raises, a row the sheet refuses, a form template that cannot be
filled) and checks that the ExportError names the format, the form and
that very record, and that nothing is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import sanquan_core as sq
from sanquan_core.cli import main
from sanquan_core.exporters.docx import forms as docx_forms
from sanquan_core.exporters.pdf import forms as pdf_forms
from sanquan_core.exporters.xlsx.sheet import Sheet
from tests.campaigns import small
from tests.readback import needs_ttf


class LibraryError(RuntimeError):
    """What the document library raised."""


@pytest.fixture
def campaign() -> sq.Campaign:
    return small()


def _target(campaign: sq.Campaign) -> sq.Visit:
    return campaign.visits[2]


@needs_ttf
def test_pdf_layout_failure_names_the_form_and_the_visit(
    campaign: sq.Campaign, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reportlab.platypus import Flowable

    class Breaks(Flowable):  # type: ignore[misc]
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            raise LibraryError("Flowable too large on page 4 in frame 'body'")

    original = pdf_forms.visit_form
    bad = _target(campaign).id

    def visit_form(pdf: Any, form: Any, notes: Any) -> list[Any]:
        out = list(original(pdf, form, notes))
        return [*out, Breaks()] if form.visit_id == bad else out

    monkeypatch.setattr(pdf_forms, "visit_form", visit_form)
    target = tmp_path / "x.pdf"
    with pytest.raises(sq.ExportError) as caught:
        sq.export(campaign, target, forms=["visits"])
    message = str(caught.value)
    assert message.startswith(
        f"the pdf export failed while writing {sq.Form.VISITS.label}, at visit {bad}: "
    )
    assert "too large on page 4" in message
    assert not target.exists()


def test_xlsx_failure_names_the_form_and_the_member(
    campaign: sq.Campaign, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    member = campaign.members[1]
    original = Sheet.write

    def write(self: Sheet, cells: Any, **kwargs: Any) -> Any:
        if any(value == member.name for value, _style in cells):
            raise LibraryError("cannot convert this cell")
        return original(self, cells, **kwargs)

    monkeypatch.setattr(Sheet, "write", write)
    target = tmp_path / "x.xlsx"
    with pytest.raises(sq.ExportError) as caught:
        sq.export(campaign, target, forms=["results"])
    assert str(caught.value) == (
        f"the xlsx export failed while writing {sq.Form.RESULTS.label}, "
        f"at member {member.id}: cannot convert this cell"
    )
    assert not target.exists()


def test_docx_failure_names_the_visit_on_the_command_line_in_chinese(
    campaign: sq.Campaign,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = _target(campaign).id
    original = docx_forms._visit_values

    def values(form: Any) -> Any:
        if form.visit_id == bad:
            raise LibraryError("XML 无法容纳")
        return original(form)

    monkeypatch.setattr(docx_forms, "_visit_values", values)
    data = tmp_path / "c.json"
    sq.dump(campaign, data)
    target = tmp_path / "x.docx"
    assert main(["--lang", "zh", "export", str(data), "-o", str(target), "--forms", "visits"]) == 2
    err = capsys.readouterr().err
    assert f"docx 导出在写{sq.Form.VISITS.label}的走访记录 {bad}时失败：XML 无法容纳" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_a_failure_outside_the_records_names_the_form(
    campaign: sq.Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sanquan_core.exporters.xlsx import SHEETS

    def broken(book: Any) -> Any:
        raise LibraryError("no sheet")

    monkeypatch.setitem(SHEETS, sq.Form.SUMMARY, broken)
    with pytest.raises(sq.ExportError) as caught:
        sq.export(campaign, io.BytesIO(), format="xlsx", forms=["summary"])
    assert str(caught.value) == (
        f"the xlsx export failed while writing {sq.Form.SUMMARY.label}: no sheet"
    )
