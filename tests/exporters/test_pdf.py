"""The PDF exporter, read back with pypdf (and poppler's pdffonts where installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

import sanquan_core as sq  # noqa: E402
from sanquan_core import captions  # noqa: E402
from sanquan_core.exporters import ALL_FORMS  # noqa: E402
from sanquan_core.exporters.pdf import OUTSIDE_MARK  # noqa: E402
from sanquan_core.exporters.pdf import fonts as _fonts  # noqa: E402
from sanquan_core.exporters.pdf.text import chunks  # noqa: E402
from tests import campaigns  # noqa: E402
from tests.needs import need  # noqa: E402
from tests.readback import HAS_TTF, flat, needs_ttf, render, shows_page_number  # noqa: E402, F401
from tests.readback import pdf_pages as page_texts  # noqa: E402
from tests.readback import pdf_reader as reader  # noqa: E402

# -- helpers --------------------------------------------------------------------


def fonts_of(data: bytes) -> dict[str, Any]:
    """Every font the pages use: base name -> font dictionary."""
    found: dict[str, Any] = {}
    for page in reader(data).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for ref in resources.get_object().get("/Font", {}).values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def summary_numbers(text: str, names: list[str]) -> dict[str, list[int]]:
    """The seven numbers after each row name in 附件3's extracted text.

    A long name wraps in its cell, so whitespace may fall anywhere in it.
    """
    out = {}
    for name in names:
        pattern = r"\s*".join(map(re.escape, name)) + r"((?:\s+\d+){7})(?!\d)"
        found = re.findall(r"(?:^|\s)" + pattern, text)
        assert len(found) == 1, (name, found)
        out[name] = [int(t) for t in found[0].split()]
    return out


def numbers_of(tally: sq.Tally) -> list[int]:
    return [
        tally.participants,
        *(tally.visited[c] for c in sq.Circle),
        *(tally.submitted[k] for k in sq.SubmissionKind),
    ]


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return render(campaigns.small())


@pytest.fixture(scope="module")
def hostile_pdf() -> bytes:
    return render(campaigns.hostile())


# -- lightness ------------------------------------------------------------------


def test_import_does_not_load_reportlab() -> None:
    code = (
        "import sys, sanquan_core as sq; sq.formats(); "
        "assert 'reportlab' not in sys.modules, 'reportlab imported'; "
        "assert 'sanquan_core.exporters.pdf' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the seed's forms -----------------------------------------------------------


SEED_CAPTIONS = [
    *captions.VISIT_FORM_TITLE,
    captions.VISITOR,
    captions.GROUP_OF,
    captions.TARGET,
    captions.ADDRESS,
    captions.VISIT_DATE,
    captions.SITUATION,
    captions.NEEDS_HELP,
    captions.NEEDS_COORDINATION,
    *captions.RESULTS_FORM_TITLE,
    captions.MEMBER_NAME,
    *captions.RESULT_ROWS.values(),
    captions.SUMMARY_TITLE,
    captions.GROUP,
    captions.PARTICIPANTS,
    captions.VISITED,
    captions.SUBMITTED,
    *captions.CIRCLE_COLUMNS,
    *captions.KIND_COLUMNS,
    captions.TOTAL,
    "附件1",
    "附件2",
    "附件3",
    "“三个一”完成情况与催报名单",
    "催报名单",
]


@needs_ttf
@pytest.mark.parametrize("caption", SEED_CAPTIONS)
def test_every_seed_caption_is_text(small_pdf: bytes, caption: str) -> None:
    assert flat(caption) in flat("".join(page_texts(small_pdf)))


@needs_ttf
def test_visit_forms_one_per_visit_in_member_order(small_pdf: bytes) -> None:
    text = "".join(page_texts(small_pdf))
    ids = re.findall(r"编号：(v\d+)", text)
    assert ids == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"]
    assert text.count(captions.VISIT_FORM_TITLE[1]) == 7
    # a member's forms start on a fresh page: 张三 v1-v3, 李四 v4-v5, 王五 v6-v7
    pages = page_texts(small_pdf)
    first_ids = [m.group(1) for p in pages if (m := re.search(r"编号：(v\d+)", p))]
    for member_first in ("v1", "v4", "v6"):
        assert member_first in first_ids


@needs_ttf
def test_visit_form_content(small_pdf: bytes) -> None:
    text = flat("".join(page_texts(small_pdf)))
    for piece in ("走访人员：张三", "走访对象：钱七", "走访地址：东台镇海陵路8号"):
        assert piece in text
    assert "走访日期：2017年7月15日" in text
    assert "反映用工难" in text
    assert "对接职业学校" in text
    assert "校企合作" in text


@needs_ttf
def test_results_form_per_member(small_pdf: bytes) -> None:
    text = "".join(page_texts(small_pdf))
    assert text.count(captions.RESULTS_FORM_TITLE[1]) == 4
    for name in ("张三", "李四", "王五", "赵六"):
        assert flat(f"{captions.MEMBER_NAME}：{name}") in flat(text)
    assert "关于加强校企合作的建议" in text
    assert "关于融资的建议" in text
    assert "（未报送）" in text


@needs_ttf
def test_outside_window_marked_not_hidden(small_pdf: bytes) -> None:
    text = flat("".join(page_texts(small_pdf)))
    # v5 (2017-09-02), v7 (2017-07-05) and s6 (2017-09-01) lie outside the window
    assert text.count(OUTSIDE_MARK) == 3
    assert flat(f"2017年9月2日{OUTSIDE_MARK}") in text
    assert flat(f"2017年7月5日{OUTSIDE_MARK}") in text
    assert flat(f"2017年9月1日报送）（{OUTSIDE_MARK}）") in text
    assert "迟交的社情民意" in text
    assert "v5、v7" in text
    assert "s6" in text


# -- 附件3 ----------------------------------------------------------------------


@needs_ttf
def test_summary_hand_counted_small() -> None:
    campaign = campaigns.small()
    text = "".join(page_texts(render(campaign, forms=["summary"])))
    names = ["经济界委员工作组", "安丰镇委员联络组", "教育界委员工作组", captions.TOTAL]
    assert summary_numbers(text, names) == {
        "经济界委员工作组": [2, 8, 2, 1, 3, 1, 1],
        "安丰镇委员联络组": [1, 0, 1, 0, 0, 0, 1],
        "教育界委员工作组": [0, 0, 0, 0, 0, 0, 0],
        captions.TOTAL: [3, 8, 3, 1, 3, 1, 2],
    }


@needs_ttf
def test_summary_equals_summarize_demo(demo: sq.Campaign) -> None:
    summary = sq.summarize(demo)
    text = "".join(page_texts(render(demo, forms=["summary"])))
    names = [row.group for row in summary.rows]
    got = summary_numbers(text, [*names, captions.TOTAL])
    for row in summary.rows:
        assert got[row.group] == numbers_of(row.tally), row.group
    assert got[captions.TOTAL] == numbers_of(summary.total)


@needs_ttf
def test_summary_header_repeats_on_every_page() -> None:
    base = campaigns.small()
    extra = tuple(
        sq.Group(id=f"x{i}", name=f"第{i}委员联络组", kind=sq.GroupKind.LIAISON) for i in range(90)
    )
    campaign = attrs.evolve(base, groups=base.groups + extra)
    pages = page_texts(render(campaign, forms=["summary"]))
    last = next(i for i, page in enumerate(pages) if "第89委员联络组" in page)
    assert last >= 2
    pages = pages[: last + 1]  # the charts follow the table
    for page in pages:
        assert captions.GROUP in page
        assert flat(captions.VISITED) in flat(page)
        assert flat(captions.SUBMITTED) in flat(page)
    assert captions.TOTAL in pages[-1]
    assert "第89委员联络组" in pages[-1]


# -- completion report ----------------------------------------------------------


@needs_ttf
def test_completion_report() -> None:
    pages = page_texts(render(campaigns.small(), forms=["completion"]))
    text = flat("".join(pages))
    assert "全体委员4人" in text
    assert "已完成1人" in text
    assert "未完成3人" in text
    # reminder list: by office, then group, names of the incomplete members
    report = sq.check(campaigns.small())
    offices = [r.office for r in report.reminders]
    reminders = text[text.index("二、催报名单") : text.index("三、")]
    positions = [reminders.index(office) for office in dict.fromkeys(offices)]
    assert positions == sorted(positions)
    # a row per member still owing, with what they owe
    assert "李四社情民意信息1条、“双招双引”信息1条" in reminders
    assert reminders.index("王五") < reminders.index("赵六")
    assert "五、委员完成情况明细" in text


# -- fonts ----------------------------------------------------------------------


@needs_ttf
def test_font_is_embedded(small_pdf: bytes) -> None:
    fonts = fonts_of(small_pdf)
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


@needs_ttf
def test_pdffonts_says_embedded(small_pdf: bytes, tmp_path: Path) -> None:
    need(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts)")
    path = tmp_path / "small.pdf"
    path.write_bytes(small_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row


def test_stsong_fallback_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(_fonts, "system_candidates", lambda: iter(()))
    with pytest.warns(_fonts.FontWarning) as caught:
        data = render(campaigns.small(), forms=["summary"])
    message = str(caught[0].message)
    assert "apt-get install fonts-wqy-microhei" in message
    assert _fonts.ENV_VAR in message
    fonts = fonts_of(data)
    assert any("STSong-Light" in name for name in fonts)
    # the CID font travels as a name only; that is what the warning is about
    for font in fonts.values():
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" not in descriptor


@needs_ttf
def test_no_warning_with_a_system_font(recwarn: pytest.WarningsRecorder) -> None:
    render(campaigns.small(), forms=["summary"])
    assert not [w for w in recwarn if issubclass(w.category, _fonts.FontWarning)]


def _another_font() -> _fonts.FontSource:
    """A Chinese font of :data:`~fonts.SYSTEM_FONTS` other than the one chosen by default."""
    default = _fonts._parse_source(_fonts.resolve({}).source).path
    others = [s for s in _fonts.SYSTEM_FONTS if Path(s.path).is_file() and s.path != default]
    need(bool(others), "a second Chinese font (CI has fonts-wqy-zenhei and more, see .ci/run)")
    return others[0]


def _embedded_names(data: bytes) -> set[str]:
    return {name.split("+", 1)[-1] for name in fonts_of(data)}


@needs_ttf
def test_font_setting_and_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    default = _embedded_names(render(campaigns.small(), forms=["summary"]))
    other = _another_font()
    chosen = _embedded_names(render(campaigns.small(), forms=["summary"], font=other.path))
    assert chosen != default
    monkeypatch.setenv(_fonts.ENV_VAR, other.path)
    assert _embedded_names(render(campaigns.small(), forms=["summary"])) == chosen


def test_unusable_font_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(sq.ExportError, match="not a file"):
        sq.export(campaigns.small(), target, font=str(tmp_path / "missing.ttf"))
    assert not target.exists()
    fake = tmp_path / "fake.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 64)
    with pytest.raises(sq.ExportError, match="TrueType"):
        sq.export(campaigns.small(), target, font=str(fake))
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [fake]


def test_reportlab_configuration_is_restored() -> None:
    from reportlab import rl_config
    from reportlab.platypus import paragraph

    before = rl_config.useA85, paragraph.ALL_CANNOT_START
    render(campaigns.small(), forms=["summary"])
    assert (rl_config.useA85, paragraph.ALL_CANNOT_START) == before
    assert "，" not in paragraph.ALL_CANNOT_START  # ours is Para's own (writer.CANNOT_START)


def test_failure_midway_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sanquan_core.exporters import pdf

    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pdf, "build", broken)
    with pytest.raises(sq.ExportError, match="disk on fire"):
        sq.export(campaigns.small(), target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


# -- hostile text ---------------------------------------------------------------


@needs_ttf
def test_markup_prints_literally(hostile_pdf: bytes) -> None:
    text = "".join(page_texts(hostile_pdf))
    assert "<b>粗体</b>" in text
    assert "&amp;" in text
    assert "<font name='x'>字</font>" in text
    assert '=HYPERLINK("http://example.invalid","点我")' in text


@needs_ttf
def test_long_text_flows_over_pages_in_full(hostile_pdf: bytes) -> None:
    pages = page_texts(hostile_pdf)
    text = flat("".join(pages))
    assert text.count("很长的内容。") == campaigns.LONG_TEXT.count("很长的内容。")
    holding = [i for i, p in enumerate(pages) if "很长的内容" in p]
    assert len(holding) > 10
    assert holding == list(range(holding[0], holding[-1] + 1))


@needs_ttf
def test_missing_glyphs_fall_back_or_show_the_geta_mark(hostile_pdf: bytes) -> None:
    text = "".join(page_texts(hostile_pdf))
    fonts = _fonts.resolve({})
    marks = 0
    for ch in "👍😀𠀀𪚥䶮":
        [(font, drawn)] = fonts.runs(ch)
        if drawn == ch:
            # the main font or a fallback font draws it, and it reads back as itself
            assert ch in text, (ch, font)
        else:
            assert drawn == _fonts.MISSING_GLYPH
            assert ch not in text
            marks += 1
    if marks:
        assert _fonts.MISSING_GLYPH in text
    assert "\U0001f3fb" not in text  # the skin-tone modifier is not printed on its own
    assert "\ufffd" not in text


@needs_ttf
def test_cells_wrap_inside_the_page(tmp_path: Path) -> None:
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")
    base = campaigns.small()
    wide = "东台镇望海路" * 40 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 8
    visits = (attrs.evolve(base.visits[0], address=wide, needs_help=wide),)
    path = tmp_path / "wide.pdf"
    sq.export(attrs.evolve(base, visits=visits), path, forms=["visits"])
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', out)]
    page_width = float(reader(path.read_bytes()).pages[0].mediabox.width)
    margin = 26 * 72 / 25.4  # the official page's right margin
    assert len(right) > 20
    assert max(right) <= page_width - margin + 1
    text = flat("".join(page_texts(path.read_bytes())))
    assert text.count(flat(wide)) == 2


# -- reproducible, streams, forms -----------------------------------------------


@needs_ttf
def test_same_input_same_bytes(small_pdf: bytes) -> None:
    again = render(campaigns.small())
    assert again == small_pdf
    assert b"/CreationDate (D:20170711000000)" in small_pdf


@needs_ttf
def test_created_option_and_id_follow_input(small_pdf: bytes, hostile_pdf: bytes) -> None:
    from datetime import datetime

    later = render(campaigns.small(), created=datetime(2017, 9, 15, 10, 30))
    assert b"/CreationDate (D:20170915103000)" in later
    ids = [reader(d).trailer["/ID"][0] for d in (small_pdf, hostile_pdf)]
    assert ids[0] != ids[1]
    assert reader(render(campaigns.small())).trailer["/ID"][0] == ids[0]


@needs_ttf
def test_stream_equals_path(small_pdf: bytes, tmp_path: Path) -> None:
    target = tmp_path / "small.pdf"
    sq.export(campaigns.small(), target)
    assert target.read_bytes() == small_pdf


@needs_ttf
def test_page_numbers_on_every_page(small_pdf: bytes) -> None:
    pages = page_texts(small_pdf)
    assert len(pages) > 3
    covers = [
        n
        for n, page in enumerate(pages, 1)
        if "委员走访成果汇编" in [line.strip() for line in page.split("\n")[:3]]
    ]
    assert len(covers) == (sq.Form.BOOK in ALL_FORMS)
    for n, page in enumerate(pages, 1):
        if n in covers:  # a book's cover prints no page number
            assert "—" not in page
        else:
            assert shows_page_number(page, n), (n, page[-40:])


@needs_ttf
def test_forms_subset_and_order() -> None:
    campaign = campaigns.small()
    only = "".join(page_texts(render(campaign, forms=["summary"])))
    assert captions.SUMMARY_TITLE in only
    assert captions.VISIT_FORM_TITLE[1] not in only
    assert captions.RESULTS_FORM_TITLE[1] not in only
    assert "二、催报名单" not in only
    pair = page_texts(render(campaign, forms=["completion", "附件1 走访情况登记表"]))
    assert "二、催报名单" in pair[0]
    assert captions.VISIT_FORM_TITLE[1] in pair[-1]
    assert captions.SUMMARY_TITLE not in "".join(pair)


@needs_ttf
def test_every_form_is_produced() -> None:
    campaign = campaigns.small()
    # The points table needs a plan with points rules.
    rules = sq.Points(visit={sq.Circle.SECTOR: 2})
    scored = attrs.evolve(campaign, plan=attrs.evolve(campaign.plan, points=rules))
    for form in sq.Form:
        text = flat("".join(page_texts(render(scored, forms=[form]))))
        assert text, form


@needs_ttf
def test_outline_names_the_parts(small_pdf: bytes) -> None:
    titles = [item.title for item in _walk(reader(small_pdf).outline)]
    assert [t for t in titles if t.startswith("附件")] == [
        sq.Form.VISITS.label,
        sq.Form.RESULTS.label,
        sq.Form.SUMMARY.label,
    ]
    assert "张三" in titles


def _walk(outline: list[Any]) -> Iterator[Any]:
    for item in outline:
        if isinstance(item, list):
            yield from _walk(item)
        else:
            yield item


@needs_ttf
def test_titles_too_wide_for_a_line_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanquan_core.exporters import pdf
    from sanquan_core.exporters.pdf import layout as _pdf_layout

    big = _pdf_layout.Layout(title_size=30, title_leading=40)
    monkeypatch.setattr(pdf, "Layout", lambda: big)
    pages = page_texts(render(campaigns.small(), forms=["visits"]))
    title = captions.VISIT_FORM_TITLE[1]
    assert flat(title) in flat(pages[0])
    assert title not in pages[0]  # it took two lines


# -- the text helpers -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "短",
        campaigns.LONG_TEXT,
        "\n".join(["一行"] * 100),
        "甲" * 1500 + "\n" + "乙" * 10 + "\n\n" + "丙" * 601,
    ],
)
def test_chunks_keep_all_text_within_limits(text: str) -> None:
    pieces = list(chunks(text, limit=300, max_lines=10))
    assert all(len(p) <= 300 for p in pieces)
    assert all(p.count("\n") < 10 for p in pieces)
    assert flat("".join(pieces)) == flat(text)
    # a piece ends where a line ended or inside a long line: nothing else is lost
    assert sum(len(p) for p in pieces) == len(text) - _cut_newlines(text, pieces)


def _cut_newlines(text: str, pieces: list[str]) -> int:
    """Line breaks of *text* that fell between two pieces (each piece keeps its own)."""
    return text.count("\n") - sum(p.count("\n") for p in pieces)


def test_chunks_cut_after_a_sentence() -> None:
    text = "甲" * 200 + "。" + "乙" * 200
    first, second = chunks(text, limit=300)
    assert first.endswith("。")
    assert first + second == text


def test_runs_fall_back_then_mark() -> None:
    fonts = _fonts.FontSet("Main", embedded=True, source="test", has=lambda ch: ch in "甲乙〓 \n")
    fonts._fallbacks.append(("Extra", lambda ch: ch == "丙"))
    assert fonts.runs("甲乙") == [(None, "甲乙")]
    assert fonts.runs("甲丙乙") == [(None, "甲"), ("Extra", "丙"), (None, "乙")]
    assert fonts.runs("甲😀乙") == [(None, "甲〓乙")]
    assert fonts.runs("👍\U0001f3fb") == [(None, "〓")]  # the modifier draws nothing alone
    no_mark = _fonts.FontSet("Main", embedded=True, source="test", has=lambda ch: ch == "a")
    assert no_mark.runs("a😀") == [(None, "a?")]


def test_markup_escapes_and_tags_fallbacks() -> None:
    from sanquan_core.exporters.pdf.text import markup

    fonts = _fonts.FontSet("Main", embedded=True, source="test", has=lambda ch: ch not in "丙😀")
    fonts._fallbacks.append(("Extra", lambda ch: ch == "丙"))
    assert markup("<b>&amp;</b>", fonts) == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert markup("甲\n丙\t😀", fonts) == '甲<br/><font face="Extra">丙</font> 〓'
