"""The book, the notice packet and the official page of the PDF, read back.

pypdf reads text and metadata; poppler's pdftotext -bbox gives where each
line stands, pdffonts what is embedded.
"""

from __future__ import annotations

import html
import itertools
import logging
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

import sanquan_core as sq  # noqa: E402
from sanquan_core import captions  # noqa: E402
from sanquan_core.documents import full_width  # noqa: E402
from sanquan_core.exporters import _official  # noqa: E402
from sanquan_core.exporters._official import MM, NO_LINE_END, NO_LINE_START  # noqa: E402
from sanquan_core.exporters.pdf import faces as _faces  # noqa: E402
from sanquan_core.exporters.pdf import fonts as _fonts  # noqa: E402
from sanquan_core.exporters.pdf import fonts_used  # noqa: E402
from sanquan_core.exporters.pdf.text import balance_lines, break_lines  # noqa: E402
from tests import campaigns  # noqa: E402
from tests.needs import need  # noqa: E402
from tests.readback import HAS_TTF, flat, needs_ttf, render, shows_page_number  # noqa: E402, F401
from tests.readback import pdf_pages_poppler as page_texts  # noqa: E402
from tests.readback import pdf_reader as reader  # noqa: E402

pytestmark = needs_ttf

PAGE_W = _official.PAGE_WIDTH_MM * MM
PAGE_H = _official.PAGE_HEIGHT_MM * MM
LEFT = _official.MARGIN_LEFT_MM * MM
RIGHT = PAGE_W - _official.MARGIN_RIGHT_MM * MM
TOP = _official.MARGIN_TOP_MM * MM
BOTTOM = PAGE_H - _official.MARGIN_BOTTOM_MM * MM  # pdftotext's y grows downwards
SUBTITLE = "委员走访成果汇编"


# -- helpers --------------------------------------------------------------------


def running(pages: list[str]) -> str:
    """The pages' text as one, without whitespace and page numbers."""
    return flat(re.sub(r"—\s*\d+\s*—", "", "".join(pages)))


class Word:
    """A word of pdftotext -bbox: on CJK text without spaces, a whole line."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str) -> None:
        self.x0, self.y0, self.x1, self.y1, self.text = x0, y0, x1, y1, text

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def boxes(data: bytes, tmp_path: Path) -> list[list[Word]]:
    """Every page's words with their boxes (pdftotext -bbox)."""
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")
    path = tmp_path / "boxes.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        pages.append(
            [
                Word(float(a), float(b), float(c), float(d), html.unescape(t))
                for a, b, c, d, t in _WORD.findall(chunk)
            ]
        )
    return pages


def lines_of(words: list[Word]) -> list[str]:
    """The page's text lines, top to bottom (words on one baseline joined)."""
    rows: dict[int, list[Word]] = {}
    for w in words:
        rows.setdefault(round(w.y1), []).append(w)
    return ["".join(w.text for w in sorted(r, key=lambda w: w.x0)) for _, r in sorted(rows.items())]


def body_words(words: list[Word]) -> list[Word]:
    return [w for w in words if w.y1 <= BOTTOM + 1]


def number_words(words: list[Word]) -> list[Word]:
    return [w for w in words if w.y0 > BOTTOM]


def in_window(campaign: sq.Campaign) -> list[sq.Submission]:
    return [s for s in campaign.submissions if campaign.plan.in_window(s.submitted_on)]


BYLINE = re.compile(r"报送人：[^（]+（[^）]+）\s*报送日期：\d{4}年\d{1,2}月\d{1,2}日")


# -- fixtures -------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(demo: sq.Campaign) -> bytes:
    return render(demo, forms=["book"])


@pytest.fixture(scope="module")
def book_pages(book: bytes) -> list[str]:
    return page_texts(book)


@pytest.fixture(scope="module")
def notice(demo: sq.Campaign) -> bytes:
    return render(demo, forms=["notice"])


@pytest.fixture(scope="module")
def notice_pages(notice: bytes) -> list[str]:
    return page_texts(notice)


def chapter_pages(pages: list[str]) -> dict[str, int]:
    """Chapter heading -> the 1-based page whose first line it is."""
    found = {}
    for n, page in enumerate(pages, 1):
        first = page.strip().split("\n")[0].strip()
        if re.match(r"^[一二三]、", first):
            found[first] = n
    return found


# -- the book -------------------------------------------------------------------


def test_cover(book_pages: list[str], demo: sq.Campaign) -> None:
    cover = [line.strip() for line in book_pages[0].split("\n") if line.strip()]
    # dated the campaign's last day: the book compiles what it brought in
    assert cover == [demo.plan.title, SUBTITLE, demo.plan.issuer, "2017年8月31日"]
    assert "—" not in book_pages[0]  # no page number on the cover
    assert captions.SCOPE not in book_pages[0]
    assert captions.REDACTED_NOTE not in book_pages[0]


def test_contents_lists_real_page_numbers(book_pages: list[str], demo: sq.Campaign) -> None:
    contents = "".join(book_pages[1:6])
    assert flat(book_pages[1]).startswith("目录")
    entries = re.findall(r"^\s*(\S[^\n]*?)\s*\n(\d+)\s*$", contents, re.MULTILINE)
    listed = {}
    chapter = ""
    for heading, page in entries:
        if re.match(r"^[一二三]、", heading):
            chapter = heading
        listed[(chapter, heading)] = int(page)
    real = chapter_pages(book_pages)
    assert list(real) == ["一、经济社会发展建议", "二、社情民意信息", "三、“双招双引”信息"]
    for heading, page in real.items():
        assert listed[(heading, heading)] == page, heading
        assert shows_page_number(book_pages[page - 1], page), heading
    # every group of each chapter, where its heading really is
    groups = [g.name for g in demo.groups]
    chapters = sorted(real.items(), key=lambda kv: kv[1])
    for i, (heading, start) in enumerate(chapters):
        end = chapters[i + 1][1] if i + 1 < len(chapters) else len(book_pages)
        sections = [
            (h, p) for (c, h), p in listed.items() if c == heading and h not in (heading, "附录")
        ]
        assert [re.sub(r"^（[一二三四五六七八九十]+）", "", h) for h, _ in sections] == groups
        for section, page in sections:
            holding = [n for n in range(start, end + 1) if section in book_pages[n - 1]]
            assert holding, section
            assert holding[0] == page, section
    appendix = next(n for n, p in enumerate(book_pages, 1) if flat(p).startswith("附录"))
    assert listed[("三、“双招双引”信息", "附录")] == appendix


def test_every_in_window_item_once(book_pages: list[str], demo: sq.Campaign) -> None:
    first_chapter = min(chapter_pages(book_pages).values())
    body = flat("".join(book_pages[first_chapter - 1 :]))
    body = body[: body.rindex("附录")]  # the appendix's 采用情况 names adopted items again
    kept = in_window(demo)
    assert len(kept) < len(demo.submissions)  # the demo has late items
    assert len(BYLINE.findall(body)) == len(kept)
    titles = [flat(full_width(s.title)) for s in kept]
    for title, _expected in Counter(titles).items():
        inside = sum(t.count(title) for t in titles)  # a title inside a longer one
        assert body.count(title) == inside, title
    for late in (s for s in demo.submissions if s not in kept):
        title = flat(full_width(late.title))
        if not any(title in t for t in titles):
            assert title not in body, late.id


def test_chapters_and_groups_in_order(book_pages: list[str], demo: sq.Campaign) -> None:
    real = chapter_pages(book_pages)
    assert list(real.values()) == sorted(real.values())
    text = "".join(book_pages[min(real.values()) - 1 :])
    first = text[: text.index("二、社情民意信息")]
    positions = [first.index(f"）{g.name}\n") for g in demo.groups]
    assert positions == sorted(positions)


def test_item_shows_who_when_and_the_visit(book_pages: list[str], demo: sq.Campaign) -> None:
    text = flat("".join(book_pages))
    linked = next(s for s in in_window(demo) if s.visit_id)
    visit = demo.visit(linked.visit_id or "")
    member = demo.member(linked.member_id)
    group = demo.group(member.group_id)
    assert flat(f"{member.name}（{group.name}）") in text
    assert flat(f"来源：{visit.visited_on.year}年{visit.visited_on.month}月") in text
    assert flat(visit.target) in text


def test_selection_book(demo: sq.Campaign) -> None:
    data = render(demo, forms=["book"], offices=["经济委"], phase=1)
    pages = page_texts(data)
    part = sq.select(demo, offices=["经济委"], phase=1)
    scope = sq.Selection.of(offices=["经济委"], phase=1).describe(demo)
    assert scope
    assert flat(captions.SCOPE + scope) in flat(pages[0])
    body = flat("".join(pages[min(chapter_pages(pages).values()) - 1 :]))
    kept = in_window(part)
    assert 0 < len(kept) < len(in_window(demo))
    assert len(BYLINE.findall(body)) == len(kept)
    for s in kept:
        assert flat(full_width(s.title)) in body
    kept_titles = {flat(full_width(s.title)) for s in kept}
    left_out = [s for s in demo.submissions if flat(full_width(s.title)) not in kept_titles]
    assert left_out
    for s in left_out:
        assert flat(full_width(s.title)) not in body
    others = {g.name for g in demo.groups} - {g.name for g in part.groups}
    for name in others:
        assert name not in "".join(pages)


def test_redacted_book_has_no_phone_and_no_visited_names(demo: sq.Campaign) -> None:
    item = in_window(demo)[0]
    phone = "13912345678"
    changed = attrs.evolve(item, content=f"{item.content}联系电话{phone}。")
    campaign = attrs.evolve(
        demo, submissions=tuple(changed if s is item else s for s in demo.submissions)
    )
    members = {m.name for m in demo.members}  # members' names are public and stay
    names = {re.split(r"[（(等]", v.target)[0] for v in demo.visits} - members
    plain = flat("".join(page_texts(render(campaign, forms=["book"]))))
    assert phone in plain  # the test would see them
    assert sum(name in plain for name in names) > 10
    masked_pages = page_texts(render(campaign, forms=["book"], redact=True))
    masked = flat("".join(masked_pages))
    assert not re.search(r"(?<!\d)1\d{10}(?!\d)", masked)
    assert [name for name in names if name in masked] == []
    assert captions.REDACTED_NOTE in masked_pages[0]


def test_book_outline(book: bytes) -> None:
    def walk(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
        out = []
        for item in items:
            if isinstance(item, list):
                out += walk(item, depth + 1)
            else:
                out.append((depth, item.title))
        return out

    outline = walk(reader(book).outline)
    assert outline[0] == (0, sq.Form.BOOK.label)
    assert (1, "目录") in outline
    assert [t for d, t in outline if d == 1] == [
        "目录",
        "一、经济社会发展建议",
        "二、社情民意信息",
        "三、“双招双引”信息",
        "附录",
    ]
    assert (2, "（一）经济界委员工作组") in outline


def test_book_prints_markup_literally() -> None:
    text = "".join(page_texts(render(campaigns.hostile(), forms=["book"])))
    assert "<b>粗体</b>" in text
    assert "&amp;" in text


def test_same_input_same_bytes(book: bytes, notice: bytes, demo: sq.Campaign) -> None:
    assert render(demo, forms=["book"]) == book
    assert render(demo, forms=["notice"]) == notice


# -- the official page ----------------------------------------------------------


def test_a4_and_type_area(book: bytes, notice: bytes, tmp_path: Path) -> None:
    for data in (book, notice):
        for page in reader(data).pages:
            assert abs(float(page.mediabox.width) - PAGE_W) < 0.1
            assert abs(float(page.mediabox.height) - PAGE_H) < 0.1
        pages = boxes(data, tmp_path)
        for words in pages:
            for w in body_words(words):
                assert w.x0 >= LEFT - 0.5, w.text
                assert w.x1 <= RIGHT + 0.5, w.text
                assert w.y0 >= TOP - 0.5, w.text
            for w in number_words(words):
                assert w.y0 < PAGE_H - 10 * MM  # the page number, well inside the paper
                assert w.text in ("—", "-") or w.text.isdigit()


def test_page_numbers_outside(book: bytes, tmp_path: Path) -> None:
    pages = boxes(book, tmp_path)
    inset = _official.PAGE_NUMBER_INSET_PT
    assert not number_words(pages[0])  # the cover
    for n, words in enumerate(pages[1:], 2):
        numbers = number_words(words)
        assert "".join(w.text for w in numbers) == f"—{n}—"
        left = min(w.x0 for w in numbers)
        right = max(w.x1 for w in numbers)
        if n % 2:
            assert abs(right - (RIGHT - inset)) < 1.5, n
        else:
            assert abs(left - (LEFT + inset)) < 1.5, n
        # the dashes 7 mm below the type area: the number's box starts below it
        assert BOTTOM + 3 * MM < min(w.y0 for w in numbers) < BOTTOM + 9 * MM


def test_grid_22_lines_of_28_characters(notice: bytes, tmp_path: Path) -> None:
    pages = boxes(notice, tmp_path)
    full = []
    for words in pages:
        body = [w for w in body_words(words) if w.y0 > TOP - 1]
        if len({round(w.y1) for w in body}) == _official.LINES_PER_PAGE:
            full.append(body)
    assert full, "no page of the plan's text is full"
    words = full[0]
    tops = sorted({round(w.y1, 1) for w in words})
    steps = [b - a for a, b in itertools.pairwise(tops)]
    assert all(abs(s - _official.LINE_PITCH_PT) < 2.5 for s in steps), steps
    lines = lines_of(words)
    wide = [line for line in lines if all(ord(ch) > 0x2000 for ch in line)]
    assert max(len(line) for line in wide) == _official.CHARS_PER_LINE
    assert sum(len(line) == _official.CHARS_PER_LINE for line in wide) >= 10
    # a full line reaches the right edge of the type area
    assert max(w.x1 for w in words) == pytest.approx(RIGHT, abs=0.5)


def test_no_line_starts_or_ends_with_forbidden_punctuation(tmp_path: Path) -> None:
    base = campaigns.small()
    # first line: 26 characters after the two-character indent, so a greedy
    # break puts the comma at the start of line 2; the 《 would end line 3
    crafted = "甲" * 26 + "，乙乙。" + "丙" * 26 + "《丁》" + "戊" * 25 + "（己）" + "庚" * 30
    item = base.submissions[0]
    assert base.plan.in_window(item.submitted_on)
    changed = attrs.evolve(item, content=crafted)
    campaign = attrs.evolve(
        base, submissions=tuple(changed if s is item else s for s in base.submissions)
    )
    data = render(campaign, forms=["book"])
    lines = [line for words in boxes(data, tmp_path) for line in lines_of(body_words(words))]
    start = next(i for i, line in enumerate(lines) if line.startswith("甲" * 10))
    ours = []
    for line in lines[start:]:
        ours.append(line)
        if "".join(ours).endswith("庚" * 30):
            break
    assert "".join(ours) == crafted
    assert len(ours) >= 4
    for line in ours:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
    assert ours[1].startswith("甲，")  # the comma took a character along


# -- fonts ----------------------------------------------------------------------


def test_fonts_embedded_and_named(notice: bytes, book: bytes, tmp_path: Path) -> None:
    need(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts)")
    choices = fonts_used()
    keywords = reader(book).metadata["/Keywords"]
    for role, choice in choices.items():
        assert str(choice) in keywords
        assert _faces.ROLE_LABELS[role] in keywords
    for data in (book, notice):
        path = tmp_path / "f.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        rows = out.stdout.splitlines()[2:]
        for row in rows:
            assert re.search(r"\byes\s+yes\s+yes\b", row), row
        embedded = {row.split()[0].split("+", 1)[-1] for row in rows}
        for role in ("body", "title", "heading_1"):
            font = _fonts._load(_fonts._parse_source(choices[role].source))
            name = font.face.name.decode()  # a collection's face gets a "-N" suffix
            assert any(e == name or e.startswith(name + "-") for e in embedded), role


def test_faces_on_this_machine() -> None:
    choices = fonts_used()
    assert "cwTeX" not in " ".join(c.family for c in choices.values())
    song = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
    kai = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
    hei = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    need(song.is_file() and kai.is_file() and hei.is_file(), "the CI fonts (see .ci/run)")
    assert choices["body"].family == "AR PL SungtiL GB"
    assert choices["body"].stands_for == _official.SONGTI.name
    assert choices["title"].family == "AR PL SungtiL GB"
    assert choices["page_number"].family == "AR PL SungtiL GB"
    assert choices["heading_1"].family == "WenQuanYi Micro Hei"
    assert choices["attachment_label"].family == "WenQuanYi Micro Hei"
    assert choices["heading_2"].family == "AR PL KaitiM GB"
    # 弶 is in no AR PL GB font: the body draws it from another one
    body = _faces.resolve_faces({}).body
    [(before, _), (fallback, drawn), *_] = body.runs("港弶港")
    assert before is None
    assert fallback is not None
    assert drawn == "弶"


def test_faces_without_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without fc-list the fonts' own name tables (with their Chinese names) decide."""
    with_fontconfig = {role: c.source for role, c in fonts_used().items()}
    need(bool(_faces._fontconfig_families()), "fontconfig (fc-list)")
    monkeypatch.setattr(_faces, "_fontconfig_families", dict)
    monkeypatch.setattr(_fonts, "_fontconfig", lambda query: [])
    expected = {
        role: source
        for role, source in with_fontconfig.items()
        if any(str(s) == source for s in _fonts.SYSTEM_FONTS)
    }
    found = {role: c.source for role, c in fonts_used().items()}
    assert {role: found[role] for role in expected} == expected
    assert "body" in expected


def test_a_face_without_simplified_characters_is_passed_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choices = fonts_used()
    body_source = _fonts._parse_source(choices["body"].source)
    others = [
        s
        for s in _fonts._existing(_fonts.system_candidates())
        if s.path != body_source.path and _faces._simplified(s) is not None
    ]
    need(bool(others), "a second Chinese font covering simplified Chinese (see .ci/run)")
    body = _fonts._load(body_source)
    monkeypatch.setitem(_faces._coverage, body.fontName, 0.68)  # as cwTeX FangSong
    again = fonts_used()
    assert again["body"].source != choices["body"].source


def test_a_face_named_like_the_standard_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    kai = _fonts.FontSource("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
    need(Path(kai.path).is_file(), "fonts-arphic-gkai00mp")
    real = _faces._families
    monkeypatch.setattr(_faces, "_families", lambda s: ("仿宋_GB2312",) if s == kai else real(s))
    choice = fonts_used()["body"]
    assert choice.source == kai.path
    assert choice.stands_for == _official.FANGSONG.name
    assert str(choice) == f"正文={choice.family}（代仿宋_GB2312）"


def test_a_named_font_serves_every_role() -> None:
    hei = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    need(hei.is_file(), "fonts-wqy-zenhei")
    choices = fonts_used({"font": str(hei)})
    assert {c.source for c in choices.values()} == {str(hei)}


def test_the_mapping_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="sanquan_core"):
        render(campaigns.small(), forms=["notice"])
    logged = [r.getMessage() for r in caplog.records if "PDF fonts" in r.getMessage()]
    assert logged
    assert str(fonts_used()["body"]) in logged[0]


# -- the notice packet ----------------------------------------------------------


def test_notice_first_pages(notice_pages: list[str], demo: sq.Campaign) -> None:
    plan = demo.plan
    first = notice_pages[0]
    assert first.strip().startswith(f"{plan.issuer}文件")
    assert plan.doc_number in first
    text = flat("".join(notice_pages[:3]))
    assert flat(plan.notice_title) in text
    assert flat(plan.addressees + "：") in text
    for paragraph in plan.notice_text:
        assert flat(paragraph) in text
    assert flat("附件：1. 走访情况登记表2. “三个一”工作成果登记表3. 情况汇总表") in text
    assert flat(f"{plan.issuer}2017年7月11日") in text
    assert flat(plan.text_title) in text
    whole = running(notice_pages)
    for paragraph in plan.text:
        assert flat(full_width(paragraph)) in whole, paragraph[:10]


def test_notice_layout(notice: bytes, demo: sq.Campaign, tmp_path: Path) -> None:
    pages = boxes(notice, tmp_path)
    words = pages[0]
    masthead = next(w for w in words if w.text.startswith(demo.plan.issuer))
    number = next(w for w in words if w.text == demo.plan.doc_number)
    # the masthead and the document number are centred, the masthead 35 mm down
    for w in (masthead, number):
        assert abs((w.x0 + w.x1) / 2 - (LEFT + RIGHT) / 2) < 2, w.text
    assert masthead.y1 - masthead.y0 > 30  # large type
    assert TOP + 33 * MM < masthead.y0 < TOP + 40 * MM
    # the signature and the date stand at the right, the date further right
    rest = [w for p in pages[:3] for w in p]
    signature = next(w for w in rest if w.text == demo.plan.issuer)
    date = next(w for w in rest if w.text == "2017年7月11日")
    assert date.x0 > signature.x0 + 1.5 * _official.CHAR_PITCH_PT
    assert RIGHT - 3 * _official.CHAR_PITCH_PT < date.x1 < RIGHT
    # the attachment list: 2. and 3. under 1.
    items = [w for w in rest if re.match(r"^(附件：)?[123]\.", w.text)]
    starts = [w.x0 for w in items[1:]]
    assert len(items) == 3
    assert items[0].x0 == pytest.approx(LEFT + 2 * _official.CHAR_PITCH_PT, abs=0.5)
    assert starts[0] == pytest.approx(starts[1], abs=0.5)
    assert starts[0] == pytest.approx(LEFT + 5 * _official.CHAR_PITCH_PT, abs=1)


def test_notice_blank_attachments(notice_pages: list[str], notice: bytes, tmp_path: Path) -> None:
    text = flat("".join(notice_pages))
    for label in ("附件1", "附件2", "附件3"):
        assert label in text
    assert text.count(flat(captions.VISIT_FORM_TITLE[0])) == 1
    assert text.count(flat("".join(captions.RESULTS_FORM_TITLE))) == 1
    summary_page = next(i for i, p in enumerate(notice_pages) if captions.SUMMARY_TITLE in p)
    page = notice_pages[summary_page]
    digits = re.findall(r"\d+", page.replace("附件3", "").replace("2017年7月11日印发", ""))
    assert digits == [str(summary_page + 1)]  # the page number only: the table is blank
    words = boxes(notice, tmp_path)[summary_page]
    head = max(w.y1 for w in words if w.text in captions.CIRCLE_COLUMNS)
    total = next(w for w in words if w.text == captions.TOTAL)
    rows = (total.y0 - head) / (10 * MM)
    assert 6 < rows < 7, rows  # the seed's six empty rows
    # the imprint at the foot of the last page
    last = boxes(notice, tmp_path)[-1]
    lines = [w for w in body_words(last) if w.y0 > BOTTOM - 2 * _official.LINE_PITCH_PT]
    assert {w.text for w in lines} >= {"东台市政协办公室", "2017年7月11日印发"}


def test_filled_notice_has_the_data() -> None:
    small = campaigns.small()
    pages = [
        page.extract_text() for page in reader(render(small, forms=["notice"], filled=True)).pages
    ]
    text = flat("".join(pages))
    assert text.count(flat(captions.VISIT_FORM_TITLE[1])) == len(small.visits)
    assert f"编号：{small.visits[0].id}" in text
    assert "关于加强校企合作的建议" in text
    total = sq.summarize(small).total
    assert f"汇总{total.participants}{total.visited[sq.Circle.SECTOR]}" in text


# -- charts ---------------------------------------------------------------------


def _chart_values(words: list[Word], names: list[str]) -> dict[str, list[str]]:
    """The bar labels right of each group name, assigned by height."""
    labels = {w.text: w for w in words if w.text in names}
    assert set(labels) == set(names)
    right = max(w.x1 for w in labels.values())
    found: dict[str, list[str]] = {n: [] for n in names}
    for w in words:
        if w.x0 > right + 4 and re.fullmatch(r"\d+%?", w.text):
            name = min(names, key=lambda n: abs(labels[n].middle - w.middle))
            if abs(labels[name].middle - w.middle) < 12:
                found[name].append(w.text)
    return found


def test_charts_in_summary_and_book(demo: sq.Campaign, book: bytes, tmp_path: Path) -> None:
    summary = sq.summarize(demo)
    report = sq.check(demo)
    names = [row.group for row in summary.rows]
    rates = {g.group_id: g.rate for g in report.groups}
    for data in (render(demo, forms=["summary"]), book):
        texts = page_texts(data)
        pages = boxes(data, tmp_path)
        items_page = next(i for i, t in enumerate(texts) if "各组“三个一”工作报送条数" in t)
        rates_page = next(i for i, t in enumerate(texts) if "各组“三个一”完成率" in t)
        assert items_page > next(i for i, t in enumerate(texts) if captions.TOTAL in t)
        for kind in sq.SubmissionKind:
            assert kind.label in texts[items_page]
        got = _chart_values(pages[items_page], names)
        for row in summary.rows:
            expected = sorted(str(row.submitted[k]) for k in sq.SubmissionKind)
            assert sorted(got[row.group]) == expected, row.group
        got = _chart_values(pages[rates_page], names)
        for row in summary.rows:
            assert got[row.group] == [f"{(rates[row.group_id] or 0) * 100:.0f}%"], row.group
        # vector bars: rectangles in the page's drawing, no image
        page = reader(data).pages[items_page]
        stream = page.get_contents().get_data().decode("latin-1")
        assert stream.count(" re") >= 3 * len(names)
        xobjects = page["/Resources"].get("/XObject", {})
        assert all(x.get_object()["/Subtype"] != "/Image" for x in xobjects.values())


# -- other forms ----------------------------------------------------------------


def test_other_forms_say_scope_and_redaction(demo: sq.Campaign) -> None:
    scope = sq.Selection.of(offices=["经济委"]).describe(demo)
    for form in ("visits", "results", "summary", "completion"):
        pages = page_texts(render(demo, forms=[form], offices=["经济委"], redact=True))
        first = flat(pages[0])
        assert flat(captions.SCOPE + scope) in first, form
        assert captions.REDACTED_NOTE in first, form
        assert captions.REDACTED_NOTE not in flat("".join(pages[1:])), form
    plain = flat(page_texts(render(demo, forms=["summary"]))[0])
    assert captions.SCOPE not in plain
    assert captions.REDACTED_NOTE not in plain


# -- the line breaker -------------------------------------------------------------


def _advances(text: str) -> list[float]:
    return [16.0 if ord(ch) > 0x2000 else 8.0 for ch in text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲" * 28 + "，乙", ["甲" * 27, "甲，乙"]),
        ("甲" * 28 + "。”乙", ["甲" * 27, "甲。”乙"]),
        ("甲" * 27 + "（乙）", ["甲" * 27, "（乙）"]),
        ("甲" * 26 + "《乙》", ["甲" * 26, "《乙》"]),
        ("甲" * 27 + "QQQ号", ["甲" * 27, "QQQ号"]),
        ("甲" * 27 + "乙 ，丙", ["甲" * 27, "乙 ，丙"]),
        ("A" * 60, ["A" * 56, "A" * 4]),
    ],
)
def test_break_lines(text: str, expected: list[str]) -> None:
    lines = break_lines(text, _advances(text), lambda _: 28 * 16.0)
    assert [text[a:b] for a, b in lines] == expected


def test_break_lines_keeps_everything_in_width() -> None:
    import random

    rng = random.Random(7)
    words = ["甲", "乙丙", "丁", "ab", "12", " "]
    marks = ["，", "。”", "、", "；", "：", "？", "！", "）", "》", "…"]
    openers = ["（", "《", "“"]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 60)):
            parts.append(rng.choice(openers) if rng.random() < 0.1 else "")
            parts.append(rng.choice(words))
            parts.append(rng.choice(marks) if rng.random() < 0.3 else "")
        text = "".join(parts)
        adv = _advances(text)
        lines = break_lines(text, adv, lambda n: (26 if n == 0 else 28) * 16.0)
        assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
        for n, (a, b) in enumerate(lines):
            assert sum(adv[a:b]) <= (26 if n == 0 else 28) * 16.0
            line = text[a:b]
            if n:
                assert line[0] not in NO_LINE_START, (text, line)
            if n < len(lines) - 1:
                assert line[-1] not in NO_LINE_END, (text, line)


def test_titles_break_evenly_after_punctuation() -> None:
    title = "关于印发《聚焦“三圈”大走访、彰显职能促和谐主题活动方案》的通知"
    lines = balance_lines(title, [22.0] * len(title), 20 * 22.0)
    assert [title[a:b] for a, b in lines] == [
        "关于印发《聚焦“三圈”大走访、",
        "彰显职能促和谐主题活动方案》的通知",
    ]


def test_a_streamed_story_never_cuts_a_group() -> None:
    from sanquan_core.exporters.pdf.writer import Anchor, Stream

    groups = [[f"{g}-{k}" for k in range(g % 4 + 1)] for g in range(60)]
    stream = Stream(iter(groups), batch=7)
    batches = []
    while True:
        first, *rest = stream.split(100, 100)
        assert isinstance(first, Anchor)
        if not rest:
            break
        *batch, stream = rest
        batches.append(batch)
    assert [x for batch in batches for x in batch] == [x for g in groups for x in g]
    for batch in batches:  # each batch ends where a group ends, at 7 or just past it
        assert batch[-1].endswith(f"-{int(batch[-1].split('-')[0]) % 4}")
        assert len(batch) < 7 + 4
