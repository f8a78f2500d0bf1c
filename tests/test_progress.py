"""sq.export(progress=...): (done, total, what) per record; the CLI's bar only on a terminal."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

import sanquan_core as sq
from sanquan_core import _bar
from sanquan_core.cli import main
from sanquan_core.exporters import ExportOptions, Form, _progress

from . import campaigns

Call = tuple[int, int, str]

FORMS = ("visits", "results", "summary", "completion", "book")


def calls_of(campaign: sq.Campaign, fmt: str, forms: str | None = None) -> list[Call]:
    calls: list[Call] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sq.export(
            campaign,
            io.BytesIO(),
            format=fmt,
            forms=forms,
            progress=lambda done, total, what: calls.append((done, total, what)),
        )
    return calls


@pytest.fixture
def every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Report every step, not a few a second, so that each one is seen."""
    monkeypatch.setattr(_progress, "INTERVAL", 0.0)


@pytest.mark.usefixtures("every_call")
@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_calls_count_up_to_the_total_naming_each_form(fmt: str) -> None:
    campaign = campaigns.small()
    calls = calls_of(campaign, fmt, ",".join(FORMS))
    total = len(campaign.visits) + len(campaign.members) + len(campaign.submissions) + 2
    assert calls, "no progress reported"
    assert {t for _, t, _ in calls} == {total}  # known from the first call on
    dones = [d for d, _, _ in calls]
    assert dones == sorted(dones)  # never back
    assert all(0 <= d <= total for d in dones)
    assert calls[0][0] == 0
    assert calls[-1][0] == total
    named = list(dict.fromkeys(w for _, _, w in calls))
    assert named == [Form.parse(f).label for f in FORMS]
    # a step per record: every visit, member and book item is seen
    assert len(set(dones)) > len(campaign.visits) + len(campaign.members)


@pytest.mark.usefixtures("every_call")
def test_each_form_ends_at_its_share() -> None:
    campaign = campaigns.small()
    calls = calls_of(campaign, "pdf", "visits,summary")
    ends = {}
    for done, _, what in calls:
        ends[what] = done
    assert ends == {
        Form.VISITS.label: len(campaign.visits),
        Form.SUMMARY.label: len(campaign.visits) + 1,
    }


def test_a_few_calls_a_second_not_one_per_record(demo: sq.Campaign) -> None:
    calls = calls_of(demo, "xlsx", "visits")
    assert 2 <= len(calls) < len(demo.visits) / 10
    assert calls[-1][0] == calls[-1][1]


def test_progress_is_not_part_of_the_options_equality() -> None:
    assert ExportOptions(progress=lambda *a: None) == ExportOptions()
    assert hash(ExportOptions(progress=print)) == hash(ExportOptions())


def test_an_empty_campaign_still_ends_at_the_total(every_call: None) -> None:
    empty = sq.loads(campaigns.DATA.joinpath("small.json").read_bytes())
    import attrs

    empty = attrs.evolve(empty, visits=(), submissions=())
    calls = calls_of(empty, "docx", "visits,book")
    assert calls[-1][0] == calls[-1][1] == 2


# -- the command line -------------------------------------------------------------


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bar_draws_on_a_terminal_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_bar, "DELAY", 0.0)
    screen = Terminal()
    with _bar.Bar("demo.pdf", stream=screen) as bar:
        bar(3, 10, "附件1 走访情况登记表")
    text = screen.getvalue()
    assert "demo.pdf 附件1 走访情况登记表  30%|" in text
    assert "3/10" in text
    assert text.endswith("\r")  # cleared when the export ends


def test_bar_waits_for_the_delay_and_minds_quiet() -> None:
    screen = Terminal()
    with _bar.Bar("demo.pdf", stream=screen) as bar:
        bar(5, 10, "附件1")  # well within the first second
    assert screen.getvalue() == ""
    quiet = _bar.Bar("x", stream=screen, quiet=True)
    assert not quiet.enabled
    piped = _bar.Bar("x", stream=io.StringIO())
    assert not piped.enabled


@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_cli_with_stderr_not_a_terminal_prints_no_bar(
    quiet: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(_bar, "DELAY", 0.0)  # even a quick export would show it on a terminal
    target = tmp_path / "out.xlsx"
    code = main(["export", str(campaigns.DATA / "small.json"), "-o", str(target), *quiet])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert out == f"wrote {target}\n"


def test_cli_shows_the_bar_on_a_terminal_unless_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(_bar, "DELAY", 0.0)
    data = str(campaigns.DATA / "small.json")
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert main(["export", data, "-o", str(tmp_path / "a.xlsx")]) == 0
    assert "a.xlsx 附件1 走访情况登记表" in screen.getvalue()
    screen.seek(0)
    screen.truncate()
    assert main(["export", data, "-o", str(tmp_path / "b.xlsx"), "-q"]) == 0
    assert screen.getvalue() == ""
    capsys.readouterr()
