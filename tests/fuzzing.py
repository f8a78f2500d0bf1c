"""Mutated forms for fuzzing the readers: valid fixtures with bytes flipped, cut, parts swapped.

Shared by tests/test_fuzz_readers.py (a few hundred inputs a run) and
scripts/fuzz_readers.py (a campaign of tens of thousands, run by hand).
Each input is a ``(name, bytes)`` pair; :func:`check` reads it against the
base and asserts what every hostile file must get: an
:class:`~sanquan_core.readers.ImportResult` whose every problem and note
is a located sentence, never an exception.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import attrs
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core.readers import ImportResult, Limits, calamine

FILLED = Path(__file__).parent / "data" / "filled"
SEEDS = [
    "g1-libreoffice.xlsx",
    "hand-laid.xlsx",
    "word-forms.docx",
    "excel-gbk.csv",
    "g1-libreoffice.xls",
    "g1-libreoffice.ods",
]
#: Small limits, so that a mutation that inflates a file is refused quickly.
LIMITS = Limits(max_cells=200_000)


def seeds() -> list[str]:
    """The seed files this machine can read (.xls and .ods need python-calamine)."""
    return [s for s in SEEDS if calamine.available() or not s.endswith((".xls", ".ods"))]


def base() -> sq.Campaign:
    return attrs.evolve(sq.load(FILLED.parent / "small.json"), visits=(), submissions=())


def _zip_parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rezip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return out.getvalue()


_TAGS = ["row", "c", "v", "t", "is", "f", "mergeCell", "mergeCells", "sheetData", "r", "rPh"]
_ATTRS = ["r", "t", "s", "ref", "state", "name"]
_VALUES = st.sampled_from(
    ["A1", "B2", "XFD1048576", "ZZZZZZZ9", "A99999999999", "1", "-1", "s", "n", "str", "d",
     "inlineStr", "b", "e", "A1:B2", "A1:XFD1048576", "", "0", "99999999999", "1e308", "nan",
     "2017-07-15", "7月32日", "\u0000"]
)  # fmt: skip


@st.composite
def xml_elements(draw: st.DrawFn, depth: int = 0) -> str:
    """A random element of sheet XML's vocabulary, with random attributes and text."""
    tag = draw(st.sampled_from(_TAGS))
    attributes = draw(st.dictionaries(st.sampled_from(_ATTRS), _VALUES, max_size=3))
    shown = "".join(
        f' {k}="{v}"' for k, v in attributes.items() if "\u0000" not in v and "<" not in v
    )
    children = draw(st.lists(xml_elements(depth + 1), max_size=4)) if depth < 3 else []
    body = draw(st.sampled_from(["", "1", "42931", "陈华", "&amp;", "&lt;x&gt;", "7.15"]))
    return f"<{tag}{shown}>{body}{''.join(children)}</{tag}>"


@st.composite
def random_sheet(draw: st.DrawFn) -> bytes:
    inner = "".join(draw(st.lists(xml_elements(), max_size=6)))
    head = draw(
        st.sampled_from(
            [
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                "<worksheet>",
                '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "b">]><worksheet>',
                "<x:worksheet xmlns:x='urn:x'>",
            ]
        )
    )
    tail = "</x:worksheet>" if head.startswith("<x:") else "</worksheet>"
    if draw(st.booleans()):
        tail = ""  # not well-formed
    return (head + "<sheetData>" + inner + "</sheetData>" + tail).encode()


@st.composite
def mutated(draw: st.DrawFn, names: list[str] | None = None) -> tuple[str, bytes]:
    """A seed file with one to a few mutations: byte flips, a cut, a part swapped or
    removed or replaced, random XML in the first sheet."""
    name = draw(st.sampled_from(names or seeds()))
    data = (FILLED / name).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["flip", "cut", "swap", "drop", "xml", "junk", "rename"]))
        is_zip = data[:2] == b"PK"
        parts = None
        if is_zip and how in ("swap", "drop", "xml", "junk"):
            try:
                parts = [(i.filename, d) for i, d in _zip_parts(data)]
            except Exception:  # an earlier mutation broke it: flip instead
                how = "flip"
        if not data:
            break
        if how == "flip" or (parts is None and how in ("swap", "drop", "xml", "junk")):
            flips = draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)),
                                  min_size=1, max_size=8))  # fmt: skip
            buffer = bytearray(data)
            for at, value in flips:
                buffer[at] = value
            data = bytes(buffer)
        elif how == "cut":
            data = data[: draw(st.integers(0, max(len(data) - 1, 0)))]
        elif how == "rename":
            name = (
                draw(st.sampled_from(SEEDS)).rsplit("/", 1)[-1].rsplit(".", 1)[0]
                + "."
                + (draw(st.sampled_from(["xlsx", "xlsm", "docx", "csv", "xls", "ods"])))
            )
            if not calamine.available() and name.endswith((".xls", ".ods")):
                name = name.rsplit(".", 1)[0] + ".xlsx"
        elif parts is not None and len(parts) > 1:
            i = draw(st.integers(0, len(parts) - 1))
            j = draw(st.integers(0, len(parts) - 1))
            if how == "swap":
                parts[i], parts[j] = (parts[i][0], parts[j][1]), (parts[j][0], parts[i][1])
            elif how == "drop":
                del parts[i]
            elif how == "junk":
                parts[i] = (parts[i][0], draw(st.binary(max_size=64)))
            else:
                targets = [k for k, (n, _d) in enumerate(parts) if "sheet" in n or "content" in n
                           or "document" in n or "sharedStrings" in n or "styles" in n]  # fmt: skip
                k = draw(st.sampled_from(targets)) if targets else i
                parts[k] = (parts[k][0], draw(random_sheet()))
            data = _rezip(parts)
    return name, data


def check(name: str, data: bytes) -> sq.ImportResult:
    """Read one input; every problem and note must be a located sentence."""
    result = sq.read_forms([(name, data)], base(), limits=LIMITS)
    assert isinstance(result, ImportResult)
    for problem in (*result.problems, *result.notes):
        assert problem.sentence.startswith(name)
        assert problem.code
        assert "Traceback" not in problem.sentence
    return result
