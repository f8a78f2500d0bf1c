"""Which installed face each role of the official page gets (正文, 标题, 一级标题…), and
why: the GB/T 9704 faces by name, else the best stand-in that covers simplified Chinese.
"""

from __future__ import annotations

import functools
import os
import re
import struct
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from sanquan_core.exporters import _official
from sanquan_core.exporters.pdf import fonts
from sanquan_core.exporters.pdf.fonts import (
    ENV_VAR,
    FontSet,
    FontSource,
    _charset,
    _existing,
    _family,
    _load,
    _try_load,
    _ttf_set,
    resolve,
)

#: The roles of the official page, each with the faces it tries in order.
#: 仿宋 is a 宋 style, so the body falls back to 宋体; a heading without 楷体
#: takes the body's face.
ROLE_FACES: dict[str, tuple[_official.Face, ...]] = {
    "body": (_official.BODY, _official.SONGTI),
    "title": (_official.TITLE, _official.SONGTI),
    "heading_1": (_official.HEADING_1,),
    "heading_2": (_official.HEADING_2, _official.BODY, _official.SONGTI),
    "page_number": (_official.PAGE_NUMBER,),
    "attachment_label": (_official.ATTACHMENT_LABEL,),
}


#: What a role is called in the document's metadata.
ROLE_LABELS: dict[str, str] = {
    "body": "正文",
    "title": "标题",
    "heading_1": "一级标题",
    "heading_2": "二级标题",
    "page_number": "页码",
    "attachment_label": "附件标识",
}


#: The Chinese words that font names use for the style words of the faces.
_STYLE_WORDS_ZH: dict[str, str] = {
    "fangsong": "仿宋",
    "fang": "仿",
    "xiaobiaosong": "小标宋",
    "song": "宋",
    "ming": "明",
    "kai": "楷",
    "hei": "黑",
}


#: Share of GB 2312 level-1 characters a face must have to serve a role.
SIMPLIFIED_COVERAGE = 0.99


#: GB 2312 level 1: the 3,755 most used simplified characters (rows 16–55).
_GB2312_LEVEL_1 = "".join(
    bytes((row, cell)).decode("gb2312")
    for row in range(0xB0, 0xD8)
    for cell in range(0xA1, 0xFF)
    if not (row == 0xD7 and cell > 0xF9)
)


@frozen
class FaceChoice:
    """Which font a role of the official page got, and why.

    Attributes:
        role: ``body``, ``title``, ``heading_1``, ``heading_2``,
            ``page_number`` or ``attachment_label``.
        wanted: the face the standard asks for (``仿宋_GB2312``).
        family: the family of the font used (``AR PL SungtiL GB``).
        source: its file (``path#index`` for a collection), or ``STSong-Light``.
        stands_for: the face of the role's chain it was found for
            (``宋体`` when the body found no 仿宋), ``""`` when the role took
            the main font or a named one.
    """

    role: str
    wanted: str
    family: str
    source: str
    stands_for: str = ""

    def __str__(self) -> str:
        label = ROLE_LABELS.get(self.role, self.role)
        if self.family == self.wanted:
            return f"{label}={self.family}"
        return f"{label}={self.family}（代{self.wanted}）"


class Faces:
    """A :class:`FontSet` per role of the official page, and what was chosen."""

    def __init__(self, sets: Mapping[str, FontSet], choices: Mapping[str, FaceChoice]) -> None:
        self._sets = dict(sets)
        self.choices = dict(choices)

    def __getitem__(self, role: str) -> FontSet:
        return self._sets[role]

    @property
    def body(self) -> FontSet:
        """仿宋 or what stands in for it."""
        return self._sets["body"]

    @property
    def title(self) -> FontSet:
        """小标宋 or what stands in for it."""
        return self._sets["title"]

    @property
    def heading_1(self) -> FontSet:
        """黑体, for 一、 headings."""
        return self._sets["heading_1"]

    @property
    def heading_2(self) -> FontSet:
        """楷体, for （一） headings."""
        return self._sets["heading_2"]

    @property
    def page_number(self) -> FontSet:
        """宋体, for page numbers."""
        return self._sets["page_number"]

    @property
    def attachment_label(self) -> FontSet:
        """黑体, for 附件 labels."""
        return self._sets["attachment_label"]

    def mapping(self) -> dict[str, str]:
        """Role → family of the font used, e.g. ``{"body": "AR PL SungtiL GB", ...}``."""
        return {role: choice.family for role, choice in self.choices.items()}

    def describe(self) -> str:
        """One line for metadata and logs: ``正文=AR PL SungtiL GB（代仿宋_GB2312）；…``."""
        return "；".join(str(choice) for choice in self.choices.values())


def face_mapping(settings: Mapping[str, Any] | None = None) -> dict[str, FaceChoice]:
    """The font each role of the official page gets with *settings* (``font``, ``font_index``).

    What the PDF exporter will embed, for a command line to print before
    exporting. Raises like :func:`resolve` for an unusable named font.
    """
    return resolve_faces(settings or {}).choices


def resolve_faces(settings: Mapping[str, Any]) -> Faces:
    """The fonts of the official page's roles (see the comment above :data:`ROLE_FACES`).

    Raises:
        ExportError: the setting or the environment variable names a font
            that is missing or that reportlab cannot embed.
    """
    if settings.get("font") is not None or os.environ.get(ENV_VAR, "").strip():
        return _one_font(resolve(settings))
    candidates = _existing(fonts.system_candidates())
    main: FontSet | None = None
    sets: dict[str, FontSet] = {}
    choices: dict[str, FaceChoice] = {}
    for role, chain in ROLE_FACES.items():
        matches = [(face, source) for face in chain for source in _rank(face, candidates)]
        picked = next(((f, s) for f, s in matches if _simplified(s) is not None), None)
        wanted = chain[0].name
        if picked is None:
            if main is None:
                main = _main_set(candidates)
            sets[role] = main
            choices[role] = FaceChoice(role, wanted, main.family, main.source)
            continue
        face, source = picked
        ranked = list(dict.fromkeys(s for _, s in matches))
        good = [s for s in ranked if _simplified(s) is not None]
        rest = [s for s in candidates if s not in ranked]
        poor = [s for s in ranked if s not in good]  # cwTeX FangSong: a last resort only
        sets[role] = _ttf_set(_load(source), source, [*good, *rest, *poor])
        choices[role] = FaceChoice(role, wanted, sets[role].family, str(source), face.name)
    return Faces(sets, choices)


def _one_font(fonts: FontSet) -> Faces:
    sets = dict.fromkeys(ROLE_FACES, fonts)
    choices = {
        role: FaceChoice(role, chain[0].name, fonts.family, fonts.source)
        for role, chain in ROLE_FACES.items()
    }
    return Faces(sets, choices)


def _main_set(candidates: list[FontSource]) -> FontSet:
    """The first system font with simplified coverage, else :func:`resolve`'s choice."""
    for source in candidates:
        font = _simplified(source)
        if font is not None:
            return _ttf_set(font, source, candidates)
    return resolve({})


def _norm(text: str) -> str:
    return "".join(text.casefold().split()).replace("_", "").replace("-", "")


def _rank(face: _official.Face, sources: list[FontSource]) -> list[FontSource]:
    """*sources* that match *face*: by name and alternates first, then by style word."""
    names = [_norm(n) for n in (face.name, *face.alternates)]
    words = [w for style in face.styles for w in (style, _STYLE_WORDS_ZH.get(style, style))]
    keyed: list[tuple[int, int, FontSource]] = []
    for order, source in enumerate(sources):
        families = [_norm(f) for f in _families(source)]
        exact = [i for i, name in enumerate(names) if name in families]
        if exact:
            keyed.append((exact[0], order, source))
            continue
        haystack = [*families, _norm(os.path.basename(source.path))]
        styled = [i for i, w in enumerate(words) if any(_norm(w) in h for h in haystack)]
        if styled:
            keyed.append((len(names) + styled[0] // 2, order, source))
    return [source for *_, source in sorted(keyed, key=lambda k: (k[0], k[1]))]


def _families(source: FontSource) -> tuple[str, ...]:
    """The family names of *source* in every language: fontconfig's, else its name table.

    Chinese fonts name their style in Chinese (文鼎ＰＬ简报宋 is AR PL
    SungtiL GB), so the English name alone would miss a 宋 face.
    """
    known = _fontconfig_families().get(source)
    if known:
        return known
    font = _try_load(source)
    if font is None:
        return ()
    return tuple(dict.fromkeys((_family(font), *_name_table_families(font))))


#: Name records that hold a family name: family, typographic family.
_FAMILY_NAME_IDS = (1, 16)


def _name_table_families(font: Any) -> list[str]:
    """Every family name in *font*'s ``name`` table (Windows and Unicode records)."""
    try:
        data = font.face.get_table("name")
        count, strings = struct.unpack(">2xHH", data[:6])
        out = []
        for i in range(count):
            platform, _, _, name_id, length, offset = struct.unpack(
                ">6H", data[6 + 12 * i : 18 + 12 * i]
            )
            if name_id in _FAMILY_NAME_IDS and platform in (0, 3):
                raw = data[strings + offset : strings + offset + length]
                out.append(raw.decode("utf-16-be", "replace"))
        return out
    except (KeyError, struct.error, AttributeError):
        return []


@functools.cache
def _fontconfig_families() -> dict[FontSource, tuple[str, ...]]:
    """Every font fontconfig knows, with its family names; empty without fc-list."""
    out = fonts.fc_list(":", "file", "index", "family")
    found: dict[FontSource, tuple[str, ...]] = {}
    for line in out.splitlines():
        match = _FC_LINE.match(line)
        if match is None:
            continue
        path, families, index = match.groups()
        source = FontSource(path, int(index))
        found[source] = tuple(f for f in families.split(",") if f)
    return found


_FC_LINE = re.compile(r"^(.+?): (.*):index=(\d+)$")


_coverage: dict[str, float] = {}


def _simplified(source: FontSource) -> Any | None:
    """The loaded font of *source* if it covers everyday simplified Chinese, else ``None``."""
    font = _try_load(source)
    if font is None:
        return None
    share = _coverage.get(font.fontName)
    if share is None:
        chars = _charset(font)
        share = sum(ch in chars for ch in _GB2312_LEVEL_1) / len(_GB2312_LEVEL_1)
        _coverage[font.fontName] = share
    return font if share >= SIMPLIFIED_COVERAGE else None
