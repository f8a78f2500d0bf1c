"""Personal data in every spelling a hostile tester found: none survives ``redact=True``.

A scanner reads each exporter's output back (XLSX cells and parts, DOCX XML
text, PDF text through pypdf and pdftotext, JSON strings, CSV text),
normalises it (NFKC, separators and invisible characters dropped) and looks
for every planted datum in normalised form (digits only for numbers). It
first has to find the data in the unredacted export, so it can fail; then
the redacted export must hold none of it.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core.redact import mask_address, mask_free_text, mask_name, mask_phone

from . import campaigns
from .needs import need
from .readback import HAS_TTF, TTF_INSTALL

# -- the scanner ---------------------------------------------------------------------------

_DROPPED = set("-.·・•()[]+/_~")


def normalise(text: str) -> str:
    """*text* as the scanner compares it: NFKC, no separators, no invisible characters.

    ``*`` stays, so ``139****5678`` never reads as ``1395678``.
    """
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(ch)
        if category[0] in "CZ" or category in {"Mn", "Me", "Pd"} or ch.isspace():
            continue
        if ch in _DROPPED or ch in "\u00b7\u2027\u30fb\uff65":
            continue
        out.append(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch)
    # The book prints "." after Chinese as "。"; the PDF draws a character its
    # fonts lack as 〓: neither hides a number from a reader.
    flat = re.sub(r"(?<=\d)。(?=\d)", "", "".join(out).replace("〓", ""))
    return flat.upper()  # an ID's check character is X or x


def _xml_text(data: bytes) -> str:
    """The text of every XML part of a ZIP package (DOCX, XLSX), tags removed."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [package.read(n).decode("utf-8", "replace") for n in package.namelist()]
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", part)) for part in parts)


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
    finally:
        workbook.close()
    return "\n".join(cells) + "\n" + _xml_text(data)


def _pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [page.extract_text() for page in reader.pages]
    texts += [str(v) for v in (reader.metadata or {}).values()]
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
        )
        raw = done.stdout.decode("utf-8", "replace")
        texts.append(raw)
        # the same text with the page numbers and page breaks taken out, so
        # that a datum broken over two pages reads whole
        texts.append(re.sub(r"\s*—\s*\d+\s*—\s*\f?", "", raw))
    return "\n".join(texts)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _plain_text(data: bytes) -> str:
    if data.startswith(b"PK"):
        return _xml_text(data)
    return data.decode("utf-8-sig", "replace")


def text_of(fmt: str, data: bytes) -> str:
    """Everything a reader of the output could see, as text."""
    if fmt == "xlsx":
        return _xlsx_text(data)
    if fmt == "docx":
        return _xml_text(data)
    if fmt == "pdf":
        return _pdf_text(data)
    if fmt == "json":
        return "\n".join(_strings(json.loads(data)))
    return _plain_text(data)


def found(text: str, needles: Iterable[str]) -> set[str]:
    """The needles (already normalised) that occur in *text*."""
    flat = normalise(text)
    return {n for n in needles if n in flat}


# -- what the tests plant ------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789-Xx", "０１２３４５６７８９－Ｘｘ")


def fw(text: str) -> str:
    return text.translate(FULL_WIDTH)


#: Ways to write a mobile number d (11 digits) the hostile tester used.
MOBILE_SPELLINGS = {
    "run": lambda d: d,
    "+86 run together": lambda d: "+86" + d,
    "+86 spaced": lambda d: f"+86 {d}",
    "0086": lambda d: f"0086-{d}",
    "(+86)": lambda d: f"(+86){d}",
    "trunk 0": lambda d: "0" + d,
    "dotted": lambda d: f"{d[:3]}.{d[3:7]}.{d[7:]}",
    "spaced": lambda d: f"{d[:3]} {d[3:7]} {d[7:]}",
    "4-3-4": lambda d: f"{d[:4]}-{d[4:7]}-{d[7:]}",
    "en dashes": lambda d: f"{d[:3]}–{d[3:7]}–{d[7:]}",
    "full-width": fw,
    "full-width hyphens": lambda d: fw(f"{d[:3]}-{d[3:7]}-{d[7:]}"),
    "zero-width spaces": lambda d: f"{d[:3]}\u200b{d[3:7]}\u200b{d[7:]}",
    "word joiners": "\u2060".join,
    "no-break spaces": lambda d: f"{d[:3]}\u00a0{d[3:7]}\u00a0{d[7:]}",
    "ideographic spaces": lambda d: f"{d[:3]}\u3000{d[3:7]}\u3000{d[7:]}",
    "soft hyphens": "\u00ad".join,
}

#: Ways to write a landline: area code a (with its 0) and subscriber number s.
LANDLINE_SPELLINGS = {
    "brackets": lambda a, s: f"({a}){s}",
    "full-width brackets, hyphen": lambda a, s: f"（{a}）{s[:4]}-{s[4:]}",
    "+86-515-": lambda a, s: f"+86-{a[1:]}-{s}",
    "0086 spaced": lambda a, s: f"0086 {a[1:]} {s}",
    "hyphen": lambda a, s: f"{a}-{s}",
    "spaced": lambda a, s: f"{a} {s[:4]} {s[4:]}",
    "full-width": lambda a, s: fw(f"{a}-{s}"),
    "no-break space": lambda a, s: f"{a}\u00a0{s}",
}

#: Ways to write an ID-card number n (18 characters; 15 for the old form).
ID_SPELLINGS = {
    "run": lambda n: n,
    "spaced 6-8-4": lambda n: f"{n[:6]} {n[6:14]} {n[14:]}",
    "spaced by 4": lambda n: " ".join(n[i : i + 4] for i in range(0, len(n), 4)),
    "full-width": fw,
    "zero-width": "\u200b".join,
}

#: Ways a target names its people; ``{0}``, ``{1}`` are names as typed.
TARGET_SPELLINGS = {
    "plain": "{0}",
    "、": "{0}、{1}",
    "，": "{0}，{1}",
    "comma": "{0},{1}",
    "和": "{0}和{1}",
    "及": "{0}及{1}",
    "与": "{0}与{1}",
    "等": "{0}等",
    "等居民": "{0}等居民",
    "description before": "在上海工作的乡友{0}",
    "description after": "{0}（在上海工作的乡友）",
    "村民 before": "村民{0}",
}

#: Given-name characters, and parts of transcribed names: none occurs in the
#: exports of the small campaign, so a given name found there was planted.
GIVEN = "琦瑶璇珂瑾瑜琛璐娅婕妍馨彤翔骏毅"
TRANSCRIBED = "依娜热孜迪丽巴哈提努古尔"
SURNAMES = "周李吴郑钱孙冯陈欧阳"  # 欧阳 is drawn as one
TOWNS = ("东台市安丰镇", "东台镇", "江苏省盐城市东台市时堰镇", "南京市鼓楼区", "")
STREETS = ("古南街", "望海路", "鹿鸣巷", "富民大道")


@dataclass(frozen=True)
class Datum:
    """Something private as typed, and what the scanner looks for (normalised)."""

    what: str
    spelling: str
    needles: tuple[str, ...]


def mobile(digits: str, how: str) -> Datum:
    return Datum(f"mobile {how}", MOBILE_SPELLINGS[how](digits), (digits,))


def landline(area: str, number: str, how: str) -> Datum:
    return Datum(f"landline {how}", LANDLINE_SPELLINGS[how](area, number), (area[1:] + number,))


def id_card(number: str, how: str) -> Datum:
    middle = number[6:14] if len(number) == 18 else number[6:12]
    return Datum(f"ID {len(number)} {how}", ID_SPELLINGS[how](number), (number.upper(), middle))


def street(town: str, name: str, number: str, how: str = "plain") -> Datum:
    spelled = {
        "plain": f"{name}{number}号",
        "full-width": f"{name}{fw(number)}号",
        "spaced": f"{name} {number} 号",
        "flat": f"{name}{number}号3幢201室",
    }[how]
    return Datum(f"street {how}", f"住在{town}{spelled}", (normalise(f"{name}{number}号"),))


def name_needles(name: str) -> tuple[str, ...]:
    """A visited person's name, and the parts of it masking must remove."""
    parts = re.split("[·・•]", name)
    if len(parts) > 1:
        rest = [parts[0][1:], *parts[1:]]
        return (normalise(name), *(p for p in rest if len(p) >= 2))
    surname = 2 if name[:2] == "欧阳" else 1
    given = name[surname:]
    return (name, given) if len(given) >= 2 else (name,)


def spaced(name: str, how: str) -> str:
    """*name* as typed, with a stray space or invisible character inside."""
    gap = {"plain": "", "space": " ", "zero-width": "\u200b", "ideographic": "\u3000"}[how]
    return name[:1] + gap + name[1:]


@dataclass(frozen=True)
class Entry:
    """One visit and the item handed in from it, with the data they carry."""

    target: str
    text: str  # the situation, and the item's content
    address: str
    data: tuple[Datum, ...]


def planted(entries: Iterable[Entry]) -> sq.Campaign:
    """The small campaign plus a visit and a linked item for each entry."""
    base = campaigns.small()
    visits = list(base.visits)
    subs = list(base.submissions)
    window = base.plan.starts_on
    assert window is not None
    for i, entry in enumerate(entries):
        vid, member = f"hv{i}", base.members[i % len(base.members)]
        day = window.replace(day=window.day + 1 + i % 15)
        visits.append(
            sq.Visit(
                id=vid,
                member_id=member.id,
                circle=sq.Circle.LIFE,
                visited_on=day,
                target=entry.target,
                address=entry.address,
                situation=entry.text,
                needs_help=entry.text,
            )
        )
        subs.append(
            sq.Submission(
                id=f"hs{i}",
                member_id=member.id,
                kind=sq.SubmissionKind.OPINION,
                submitted_on=day,
                title=f"社情民意{i}",
                content=entry.text,
                visit_id=vid,
            )
        )
    return attrs.evolve(base, visits=tuple(visits), submissions=tuple(subs))


# -- every output --------------------------------------------------------------------------

FORMATS = {e.name for e in sq.formats()}
#: (format, forms, filled): every built-in format; csv when the package has it.
OUTPUTS = [
    ("xlsx", None, False),
    ("xlsx", ["book"], False),
    ("docx", None, False),
    ("docx", ["book"], False),
    ("docx", ["notice"], True),
    ("pdf", None, False),
    ("pdf", ["book"], False),
    ("pdf", ["notice"], True),
    ("json", None, False),
    *([("csv", ["visits"], False), ("csv", ["book"], False)] if "csv" in FORMATS else []),
]
#: Formats whose layout these tests know: every planted datum must show unmasked.
KNOWN = {"xlsx", "docx", "pdf", "json", "csv"}


def exported(campaign: sq.Campaign, output: tuple[str, Any, bool], *, redact: bool) -> str:
    fmt, forms, filled = output
    buffer = io.BytesIO()
    sq.export(campaign, buffer, format=fmt, forms=forms, filled=filled, redact=redact)
    return text_of(fmt, buffer.getvalue())


def check_output(
    campaign: sq.Campaign, data: Iterable[Datum], output: tuple[str, Any, bool]
) -> None:
    """The scanner finds every datum unmasked, and none of it masked."""
    if output[0] == "pdf":
        # without a TrueType face the PDF falls back to STSong-Light, whose
        # text pdftotext reads only with poppler-data: the scanner would be blind
        need(HAS_TTF, TTF_INSTALL)
    needles = {n for d in data for n in d.needles}
    plain = found(exported(campaign, output, redact=False), needles)
    if output[0] in KNOWN:
        assert plain == needles, f"the scanner misses {sorted(needles - plain)}"
    else:
        assert plain, "the scanner finds nothing in the unmasked export"
    leaked = found(exported(campaign, output, redact=True), needles)
    owners = sorted({d.what for d in data for n in d.needles if n in leaked})
    assert not leaked, f"{output}: leaked {sorted(leaked)} from {owners}"


# -- the explicit corpus -------------------------------------------------------------------

MOBILES = [mobile(f"139123456{i:02d}", how) for i, how in enumerate(MOBILE_SPELLINGS)]
LANDLINES = [
    landline(area, f"852{i:02d}345", how)
    for i, (how, area) in enumerate(
        zip(LANDLINE_SPELLINGS, ["0515", "025", "010", "0517"] * 2, strict=True)
    )
]
IDS = [
    *(id_card(f"32098119900101{i:02d}3X", how) for i, how in enumerate(ID_SPELLINGS)),
    *(id_card(f"3209811990{i + 1:02d}01{i}567", how) for i, how in enumerate(ID_SPELLINGS)),
    *(id_card(f"3209819001{i + 1:02d}123", how) for i, how in enumerate(ID_SPELLINGS)),
]
STREET_ADDRESSES = [
    street(town, name, str(20 + i), how)
    for i, (town, name, how) in enumerate(
        [
            ("东台市安丰镇", "古南街", "plain"),
            ("东台镇", "望海路", "full-width"),
            ("南京市鼓楼区", "鹿鸣巷", "spaced"),
            ("", "富民大道", "flat"),
        ]
    )
]
NUMBERS = [*MOBILES, *LANDLINES, *IDS]


@pytest.mark.parametrize("datum", NUMBERS + STREET_ADDRESSES, ids=lambda d: d.what)
def test_free_text_masks_every_spelling_and_keeps_the_rest(datum: Datum) -> None:
    text = f"请联系：{datum.spelling}。谢谢"
    masked = mask_free_text(text)
    assert not found(masked, datum.needles)
    assert masked.startswith("请联系：")
    assert masked.endswith("。谢谢")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话+8613912345605。", "电话+86139****5605。"),
        ("139.1234.5608", "139.****.5608"),
        ("139 1234 5608", "139 **** 5608"),
        ("1391-234-5608", "139*-***-5608"),
        ("１３９１２３４５６０８", "１３９****５６０８"),
        ("(0515)85212345", "(0515)****2345"),
        ("（0515）8521-2345", "（0515）****-2345"),
        ("+86-515-85212345", "+86-515-****2345"),
        ("320981 19900101 1234", "320981 ******** 1234"),
        ("320981900101123", "320981******123"),
        ("13912345678、13812345678", "139****5678、138****5678"),
        ("卡号6228 4801 2345 6789 012", "卡号6228 48** **** ***9 012"),
        ("住在东台市安丰镇古南街23号", "住在东台市安丰镇"),
        ("住在古南街23号的老人", "住在（地址已隐去）的老人"),
        # Not personal data: amounts, dates and short numbers stay.
        ("投资12000000元，2017年7月11日，共85人", "投资12000000元，2017年7月11日，共85人"),
    ],
)
def test_masked_where_it_stands(text: str, masked: str) -> None:
    assert mask_free_text(text) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("139 1234 5608", "139****5608"),
        ("+86 139 1234 5608", "+86 139****5608"),
        ("１３９１２３４５６０８", "１３９****５６０８"),
        ("0515-8521 2345", "0515-****2345"),
    ],
)
def test_phone_field(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("target", "masked"),
    [
        ("周建中、李明辉", "周某、李某"),
        ("周建中，李明辉", "周某，李某"),
        ("周建中和李明辉", "周某和李某"),
        ("王和平", "王某"),  # 和 inside a name does not split it
        ("在上海工作的乡友周建华", "在上海工作的乡友周某"),
        ("乡友：周建华", "乡友：周某"),
        ("在东台的居民李明辉等", "在东台的居民李某等"),
        ("阿依古丽·买买提", "阿某·某某"),
        ("阿依古丽 • 买买提", "阿某·某某"),
        ("李 明辉", "李某"),
        ("李\u200b明辉", "李某"),
        ("欧阳修文、Tom Smith", "欧阳某、某"),
        ("李明辉，电话13912345678", "李某，电话13912345678"),  # numbers: mask_free_text
        ("住户李明辉", "住户李某"),
        ("联系人：李明辉", "联系人：李某"),
    ],
)
def test_every_person_in_a_target(target: str, masked: str) -> None:
    assert mask_name(target) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("东台市安丰镇古南街２３号", "东台市安丰镇"),
        ("古南街\u200b23号", "（地址已隐去）"),
        ("东台\u200b市安丰镇古南街23号", "（地址已隐去）"),
        ("上海，13912345678", "（地址已隐去）"),
    ],
)
def test_address_field(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_visited_names_recur_masked_in_their_own_record() -> None:
    campaign = planted(
        [
            Entry(
                target="周琦瑶、阿依古丽·买买提",
                text="周 琦瑶反映：阿依古丽和买买提家里缺劳力；周\u200b琦瑶希望帮助。",
                address="",
                data=(),
            )
        ]
    )
    masked = sq.redact(campaign)
    visit = masked.visits[-1]
    assert visit.target == "周某、阿某·某某"
    assert visit.situation == "周某反映：阿某和某某家里缺劳力；周某希望帮助。"
    assert masked.submissions[-1].content == visit.situation  # the item from that visit
    assert masked.members[0].name == campaign.members[0].name  # members' names are public


def _corpus() -> tuple[sq.Campaign, list[Datum]]:
    entries, data = [], []
    people = [f"{s}{g}" for s, g in zip("周李吴郑钱孙冯陈周李吴郑", GIVEN * 2, strict=False)]
    people = [p + GIVEN[-1 - i] if i % 2 else p for i, p in enumerate(people)]
    for i, (how, spelling) in enumerate(TARGET_SPELLINGS.items()):
        first, second = people[i], "欧阳" + GIVEN[i] + GIVEN[-1]
        names = [first, second] if "{1}" in spelling else [first]
        target = spelling.format(*[spaced(n, "plain") for n in names])
        numbers = NUMBERS[i :: len(TARGET_SPELLINGS)]
        how_spaced = ("plain", "space", "zero-width", "ideographic")[i % 4]
        text = "，".join(
            [
                f"{spaced(first, how_spaced)}反映情况",
                *(f"电话{d.spelling}" for d in numbers),
                STREET_ADDRESSES[i % len(STREET_ADDRESSES)].spelling,
            ]
        )
        datums = [
            Datum(f"name {how}", target, tuple(n for name in names for n in name_needles(name))),
            *numbers,
            STREET_ADDRESSES[i % len(STREET_ADDRESSES)],
        ]
        address = f"东台镇{STREETS[i % 4]}{i + 1}号"
        datums.append(Datum("address field", address, (f"{STREETS[i % 4]}{i + 1}号",)))
        entries.append(Entry(target, text, address, tuple(datums)))
        data.extend(datums)
    # What the hostile tester typed, word for word.
    reported = [
        Entry(
            "周建中、李明辉",
            "周建中反映：电话+8613912345605，139.1234.5608；李明辉住在东台市安丰镇古南街23号。",
            "",
            (
                Datum("reported names", "周建中、李明辉", ("周建中", "建中", "李明辉", "明辉")),
                mobile("13912345605", "+86 run together"),
                mobile("13912345608", "dotted"),
                street("东台市安丰镇", "古南街", "23"),
            ),
        ),
        Entry(
            "在上海工作的乡友周建华",
            "周 建华希望回乡投资，联系（0515）8521-2345。",
            "",
            (
                Datum("reported description", "在上海工作的乡友周建华", ("周建华", "建华")),
                landline("0515", "85212345", "full-width brackets, hyphen"),
            ),
        ),
    ]
    entries.extend(reported)
    data.extend(d for e in reported for d in e.data)
    dotted = "阿依古丽·买买提"
    entries.append(Entry(dotted, f"{dotted}反映情况", "", (Datum("name ·", dotted, ()),)))
    data.append(Datum("name ·", dotted, name_needles(dotted)))
    return planted(entries), data


@pytest.fixture(scope="module")
def corpus() -> tuple[sq.Campaign, list[Datum]]:
    return _corpus()


def test_the_corpus_plants_every_spelling(corpus: tuple[sq.Campaign, list[Datum]]) -> None:
    _, data = corpus
    spelled = {d.spelling for d in data}
    assert all(d.spelling in spelled for d in NUMBERS)
    assert all(d.spelling in spelled for d in STREET_ADDRESSES)
    assert len({d.what for d in data if d.what.startswith("name")}) == len(TARGET_SPELLINGS) + 1


def test_name_characters_are_not_in_the_documents() -> None:
    """A given name the scanner finds was planted: the pools are not in any caption."""
    base = campaigns.small()
    text = exported(base, ("docx", ["notice"], True), redact=False)
    text += exported(base, ("xlsx", None, False), redact=False)
    assert not set(GIVEN + TRANSCRIBED + "买提") & set(text)


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: f"{o[0]}-{o[1] or 'default'}")
def test_no_output_holds_any_corpus_datum(
    corpus: tuple[sq.Campaign, list[Datum]], output: tuple[str, Any, bool]
) -> None:
    campaign, data = corpus
    check_output(campaign, data, output)


# -- the property --------------------------------------------------------------------------

FILLER = st.text(alphabet="情况反映群众希望解决问题企业融资社区服务，。；：！ abcYZ", max_size=8)


VISIBLE_GAPS = [" ", "\u00a0", "\u3000", "\u2009", "-", "－", "–", ".", "·", " - "]
INVISIBLE_GAPS = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u200e"]


@st.composite
def scrambled(draw: st.DrawFn, digits: str) -> str:
    """*digits* with any separators between them, each digit ASCII or full-width."""
    out = []
    for i, digit in enumerate(digits):
        if i:
            if draw(st.integers(0, 3)) == 0:
                out.append(draw(st.sampled_from(VISIBLE_GAPS)))
            out.extend(draw(st.lists(st.sampled_from(INVISIBLE_GAPS), max_size=1)))
        out.append(fw(digit) if draw(st.booleans()) else digit)
    return "".join(out)


@st.composite
def numbers(draw: st.DrawFn) -> Datum:
    datum = draw(spelled_numbers())
    if draw(st.integers(0, 2)):
        return datum
    number = datum.needles[0]
    if datum.what.startswith("landline"):  # the area code stays in one piece
        spelling = f"0{number[:-8]}-" + draw(scrambled(number[-8:]))
    elif number.endswith("X"):
        spelling = draw(scrambled(number[:-1])) + draw(st.sampled_from(["X", "x", "Ｘ"]))
    else:
        spelling = draw(scrambled(number))
    return Datum(datum.what.split()[0] + " scrambled", spelling, datum.needles)


@st.composite
def spelled_numbers(draw: st.DrawFn) -> Datum:
    kind = draw(st.sampled_from(["mobile", "landline", "id18", "id15"]))
    digit = st.sampled_from("0123456789")
    if kind == "mobile":
        rest = "".join(draw(st.lists(digit, min_size=9, max_size=9)))
        digits = "1" + draw(st.sampled_from("3456789")) + rest
        return mobile(digits, draw(st.sampled_from(list(MOBILE_SPELLINGS))))
    if kind == "landline":
        area = draw(st.sampled_from(["0515", "025", "010", "0517", "0371"]))
        number = draw(st.sampled_from("2345678")) + "".join(
            draw(st.lists(digit, min_size=7, max_size=7))
        )
        return landline(area, number, draw(st.sampled_from(list(LANDLINE_SPELLINGS))))
    region = draw(st.sampled_from(["320981", "110105", "440305", "650102"]))
    year = draw(st.integers(1940, 2005))
    birth = f"{year}{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 28)):02d}"
    seq = "".join(draw(st.lists(digit, min_size=3, max_size=3)))
    how = draw(st.sampled_from(list(ID_SPELLINGS)))
    if kind == "id15":
        return id_card(region + birth[2:] + seq, how)
    return id_card(region + birth + seq + draw(st.sampled_from("0123456789X")), how)


@st.composite
def person(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 5)) == 0:
        parts = draw(st.lists(st.text(TRANSCRIBED, min_size=2, max_size=4), min_size=2, max_size=3))
        return "阿" + "·".join(parts)
    surname = draw(st.sampled_from(["周", "李", "吴", "郑", "钱", "孙", "冯", "陈", "欧阳"]))
    return surname + draw(st.text(GIVEN, min_size=1, max_size=2))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    names = draw(st.lists(person(), min_size=2, max_size=2, unique=True))
    spelling = draw(st.sampled_from(list(TARGET_SPELLINGS.values())))
    used = names if "{1}" in spelling else names[:1]
    gaps = [draw(st.sampled_from(["plain", "space", "zero-width", "ideographic"])) for _ in used]
    if "·" in "".join(used):
        gaps = ["plain"] * len(used)  # a space after 阿 would split the run
    target = spelling.format(*(spaced(n, g) for n, g in zip(used, gaps, strict=True)))
    data = [Datum("name", target, tuple(n for name in used for n in name_needles(name)))]
    pieces = [f"{spaced(used[0], gaps[0])}反映"]
    for datum in draw(st.lists(numbers(), min_size=1, max_size=4)):
        data.append(datum)
        pieces.append(datum.spelling)
    if draw(st.booleans()):
        town, name = draw(st.sampled_from(TOWNS)), draw(st.sampled_from(STREETS))
        how = draw(st.sampled_from(["plain", "full-width", "spaced", "flat"]))
        address = street(town, name, str(draw(st.integers(1, 999))), how)
        data.append(address)
        pieces.append(address.spelling)
    text = "".join(p + draw(FILLER) + draw(st.sampled_from("，。；：")) for p in pieces)
    return Entry(target, draw(FILLER) + "，" + text, "", tuple(data))


def _unique_people(batch: list[Entry]) -> bool:
    """No planted name is part of another entry's (a needle must be that entry's)."""
    needles = [set(e.data[0].needles) for e in batch]
    return all(not (a & b) for i, a in enumerate(needles) for b in needles[i + 1 :])


batches = st.lists(entries(), min_size=1, max_size=3).filter(_unique_people)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_property_redacted_dataset_holds_nothing_planted(batch: list[Entry]) -> None:
    """Fast: the masked dataset itself (the JSON export) holds none of the data."""
    campaign = planted(batch)
    check_output(campaign, [d for e in batch for d in e.data], ("json", None, False))


@pytest.mark.parametrize(
    "output", [o for o in OUTPUTS if o[0] != "json"], ids=lambda o: f"{o[0]}-{o[1] or 'default'}"
)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches)
def test_property_no_exporter_output_holds_anything_planted(
    output: tuple[str, Any, bool], batch: list[Entry]
) -> None:
    """Slow: every format and form, the book and the filled notice included."""
    check_output(planted(batch), [d for e in batch for d in e.data], output)
