"""Finding a Chinese font that a PDF can embed, and deciding how each character is drawn.

A PDF prints Chinese in every viewer only when the font travels inside the
file. reportlab embeds TrueType outlines (``.ttf``, and ``.ttc`` collections
through a subfont index); it refuses CFF-flavoured OpenType (Noto Sans CJK,
Source Han), and its built-in ``STSong-Light`` is a name only, drawn from
whatever the viewer has, so on a machine without a Chinese font every
character shows as an empty box.

:func:`resolve` picks the font, first match wins:

1. the ``font`` setting (``sq.export(..., font="/path/simsun.ttc")``, with an
   optional ``font_index`` for a collection);
2. the environment variable ``SANQUAN_CJK_FONT`` (a path, optionally
   ``path#index``);
3. common system locations (:data:`SYSTEM_FONTS`), then whatever
   ``fc-list :lang=zh`` knows, skipping fonts reportlab cannot embed;
4. reportlab's ``STSong-Light``, with a :class:`FontWarning` that says what
   to install. Only this last resort is not embedded.

A font named by 1 or 2 that cannot be used is an error, not a silent
fallback: whoever named it wants that font.

Missing glyphs are never drawn as empty boxes. :meth:`FontSet.runs` splits a
text into runs, each with the font that draws it: the main font where its
character map has the character, else the first *fallback* font that has it
(other Chinese fonts found on the machine, e.g. one covering Extension B, and
symbol fonts such as DejaVu Sans for some emoji), else the Chinese
typographic missing-glyph mark 〓 (U+3013, the geta mark) stands in
for the character. Invisible modifiers (variation selectors, emoji skin
tones, zero-width joiners) are dropped when no font has them, so 👍🏻 becomes
one 〓, not two. Fallback fonts are loaded only when a text needs them and
embedded only when used. With ``STSong-Light`` no character map can be
read: characters beyond U+FFFF take the fallback path, the rest are
trusted to the viewer's font.

The choice depends on the fonts installed, so the same input gives the same
bytes on the same machine, not necessarily on another.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from hashlib import sha1
from typing import Any

from attrs import frozen

from sanquan_core.errors import ExportError

__all__ = [
    "ENV_VAR",
    "FALLBACK_FONTS",
    "MISSING_GLYPH",
    "SYSTEM_FONTS",
    "FontSet",
    "FontSource",
    "FontWarning",
    "resolve",
    "system_candidates",
]

#: The environment variable naming a TrueType Chinese font (``path`` or ``path#index``).
ENV_VAR = "SANQUAN_CJK_FONT"

#: Drawn in place of a character no available font has: the geta mark 〓.
MISSING_GLYPH = "\u3013"

#: The CID font used when no TrueType Chinese font exists (not embedded).
CID_FALLBACK = "STSong-Light"

_INSTALL_HINT = (
    "install a TrueType Chinese font (Debian/Ubuntu: apt-get install fonts-wqy-microhei) "
    f"or name one with font='/path/to/font.ttf' or the environment variable {ENV_VAR}"
)


class FontWarning(UserWarning):
    """The PDF uses a font that is not embedded, so Chinese may not render everywhere."""


@frozen
class FontSource:
    """A TrueType font file, and which face of a collection (``.ttc``) to use."""

    path: str
    index: int = 0

    def __str__(self) -> str:
        return f"{self.path}#{self.index}" if self.index else self.path


def _paths(*items: tuple[str, int]) -> tuple[FontSource, ...]:
    return tuple(FontSource(path, index) for path, index in items)


_WINDOWS_FONTS = os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts")

#: Where Chinese TrueType fonts usually live, in order of preference. Index
#: is the face of a collection with simplified-Chinese glyph forms.
SYSTEM_FONTS: tuple[FontSource, ...] = _paths(
    # Debian/Ubuntu packages: fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-*
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    # fonts-arphic-gbsn00lp / -gkai00mp: simplified-Chinese 宋 and 楷 faces,
    # preferred for those roles over the collections after them
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    # Fedora / Arch locations of the same families
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    # Windows
    (os.path.join(_WINDOWS_FONTS, "simsun.ttc"), 0),
    (os.path.join(_WINDOWS_FONTS, "simhei.ttf"), 0),
    (os.path.join(_WINDOWS_FONTS, "simfang.ttf"), 0),
    (os.path.join(_WINDOWS_FONTS, "simkai.ttf"), 0),
    (os.path.join(_WINDOWS_FONTS, "msyh.ttc"), 0),
    # macOS
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("/Library/Fonts/Songti.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)

#: Fonts tried, after the Chinese ones found, for characters the main font
#: lacks: CJK Extension B faces and symbol fonts with some emoji.
FALLBACK_FONTS: tuple[FontSource, ...] = _paths(
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    (os.path.join(_WINDOWS_FONTS, "simsunb.ttf"), 0),
    (os.path.join(_WINDOWS_FONTS, "SimSun-ExtB.ttf"), 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", 0),
    (os.path.join(_WINDOWS_FONTS, "seguisym.ttf"), 0),
)

# Characters that draw nothing on their own: dropped when no font has them.
_INVISIBLE_RANGES = ((0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0100, 0xE01EF), (0xE0020, 0xE007F))


def _invisible(ch: str) -> bool:
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _INVISIBLE_RANGES):
        return True
    return unicodedata.category(ch) in ("Cf", "Mn", "Me")


# -- loading --------------------------------------------------------------------

_loaded: dict[tuple[str, int, float], Any] = {}
_loading = threading.Lock()


def _load(source: FontSource) -> Any:
    """The registered reportlab TTFont for *source*; raises on an unusable file.

    Loaded fonts are cached per file and modification time: parsing a large
    collection takes a good fraction of a second.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = os.path.abspath(source.path)
    key = (path, source.index, os.stat(path).st_mtime)
    with _loading:  # exports in threads load a font once, and register that one
        font = _loaded.get(key)
        if font is None:
            digest = sha1(f"{path}#{source.index}".encode(), usedforsecurity=False).hexdigest()
            font = TTFont(f"SQ-{digest[:10]}", path, subfontIndex=source.index)
            _subset_one_at_a_time(font)
            _loaded[key] = font
        pdfmetrics.registerFont(font)
    return font


def _subset_one_at_a_time(font: Any) -> None:
    """Make *font*'s subsetting take turns: two PDFs saved in two threads share the font.

    reportlab cuts the embedded subset out of the font file with one read
    cursor per font (``TTFontFile._pos``); two documents saving at once move
    each other's cursor and fail (``KeyError`` on a glyph index) or embed a
    broken subset. The lock is this font object's own: no reportlab module is
    changed, and fonts loaded elsewhere in the process are left alone.
    """
    face = font.face
    unlocked = face.makeSubset
    lock = threading.Lock()

    def make_subset(subset: Any) -> Any:
        with lock:
            return unlocked(subset)

    face.makeSubset = make_subset


def _try_load(source: FontSource) -> Any | None:
    """:func:`_load`, or ``None`` if the file is absent or reportlab refuses it."""
    if not os.path.isfile(source.path):
        return None
    try:
        return _load(source)
    except Exception:  # reportlab raises TTFError, struct errors, OSError...
        return None


def _parse_source(text: str) -> FontSource:
    path, sep, index = text.rpartition("#")
    if sep and index.isdigit() and path:
        return FontSource(path, int(index))
    return FontSource(text)


def _explicit(source: FontSource, origin: str) -> Any:
    if not os.path.isfile(source.path):
        raise ExportError(f"the font {origin} names {source.path!r}, which is not a file")
    try:
        return _load(source)
    except Exception as exc:
        raise ExportError(
            f"the font {origin} names {source}, which reportlab cannot embed ({exc}); "
            "it needs a TrueType font (.ttf, or .ttc with an index), not a CFF/OpenType "
            "font such as Noto Sans CJK"
        ) from exc


@functools.cache
def fc_list(*args: str) -> str:
    """What ``fc-list *args`` prints; ``""`` without fontconfig or when it fails."""
    exe = shutil.which("fc-list")
    if exe is None:
        return ""
    try:
        return subprocess.run(
            [exe, *args], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _fontconfig(query: str) -> list[FontSource]:
    """Font files fontconfig lists for *query*, sorted so the choice is stable.

    Asked once per process: fonts are rarely installed while a program runs.
    """
    out = fc_list(query, "file", "index")
    found = set()
    for line in out.splitlines():
        path, _, rest = line.partition(":")
        index = rest.strip().removeprefix("index=").rstrip(":")
        if path.lower().endswith((".ttf", ".ttc")):
            found.add(FontSource(path.strip(), int(index) if index.isdigit() else 0))
    return sorted(found, key=lambda s: (s.path, s.index))


def system_candidates() -> Iterator[FontSource]:
    """Chinese TrueType fonts that may be on this machine, best first."""
    yield from SYSTEM_FONTS
    yield from _fontconfig(":lang=zh")


# -- the font set -----------------------------------------------------------------


class FontSet:
    """The main font of a document and what draws the characters it lacks.

    Attributes:
        name: the reportlab font name of the main font.
        embedded: whether the main font travels inside the PDF.
        source: the file (or ``STSong-Light``) the main font comes from.
    """

    def __init__(
        self,
        name: str,
        *,
        embedded: bool,
        source: str,
        has: Callable[[str], bool],
        fallbacks: Iterable[FontSource] = (),
        family: str = "",
        chars: frozenset[str] | None = None,
    ) -> None:
        self.name = name
        self.embedded = embedded
        self.source = source
        #: The font's family name as viewers show it (``AR PL SungtiL GB``).
        self.family = family or name
        self._has = has
        self._chars = None if chars is None else chars | {"\n", "\t"}
        self._pending = list(fallbacks)
        self._fallbacks: list[tuple[str, Callable[[str], bool]]] = []
        self._decided: dict[str, str | None] = {}

    def has(self, ch: str) -> bool:
        """Whether the main font draws *ch*."""
        return self._has(ch)

    def covers(self, text: str) -> bool:
        """Whether the main font draws every character of *text* (line breaks aside)."""
        if self._chars is not None:
            return self._chars.issuperset(text)
        return all(self._has(ch) for ch in set(text) - {"\n", "\t"})

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        """*text* as (font name, text) runs; ``None`` means the main font.

        A character no font has becomes :data:`MISSING_GLYPH` (in the main
        font) or, when it draws nothing anyway, disappears.
        """
        out: list[tuple[str | None, str]] = []
        if self.covers(text):
            return [(None, text)] if text else out
        for ch in text:
            font: str | None
            if ch in "\n\t" or self._has(ch):
                font, ch_out = None, ch
            else:
                decided = self._decide(ch)
                if decided == "":
                    continue
                if decided is None:
                    font, ch_out = None, self.missing_mark
                else:
                    font, ch_out = decided, ch
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch_out)
            else:
                out.append((font, ch_out))
        return out

    @property
    def missing_mark(self) -> str:
        """What stands in for a character no font has: 〓, or ``?`` if the font lacks 〓."""
        return MISSING_GLYPH if self._has(MISSING_GLYPH) else "?"

    def _decide(self, ch: str) -> str | None:
        """The fallback font name for *ch*; ``None``: use the mark; ``""``: drop it."""
        if ch in self._decided:
            return self._decided[ch]
        choice: str | None = None
        for name, has in self._iter_fallbacks():
            if has(ch):
                choice = name
                break
        if choice is None and _invisible(ch):
            choice = ""
        self._decided[ch] = choice
        return choice

    def _iter_fallbacks(self) -> Iterator[tuple[str, Callable[[str], bool]]]:
        yield from self._fallbacks
        while self._pending:
            font = _try_load(self._pending.pop(0))
            if font is None or font.fontName == self.name:
                continue
            entry = (font.fontName, _has_function(font))
            if entry[0] in {n for n, _ in self._fallbacks}:
                continue
            self._fallbacks.append(entry)
            yield entry


def _has_function(font: Any) -> Callable[[str], bool]:
    cmap = font.face.charToGlyph

    def has(ch: str) -> bool:
        return ord(ch) in cmap

    return has


def _cid_has(ch: str) -> bool:
    # STSong-Light (UniGB-UCS2-H) maps the Basic Multilingual Plane only; it
    # cannot be asked which of those it draws, so emoji and Extension B take
    # the fallback path and everything else is trusted to it.
    return ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) <= 0xDFFF


def _ttf_set(font: Any, source: FontSource, others: Iterable[FontSource]) -> FontSet:
    fallbacks = [s for s in others if s != source]
    return FontSet(
        font.fontName,
        embedded=True,
        source=str(source),
        has=_has_function(font),
        fallbacks=[*fallbacks, *FALLBACK_FONTS],
        family=_family(font),
        chars=_charset(font),
    )


def _family(font: Any) -> str:
    """The family name inside *font* (its name table), e.g. ``AR PL SungtiL GB``."""
    name = getattr(font.face, "familyName", b"") or getattr(font.face, "name", b"")
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    return str(name)


_charsets: dict[str, frozenset[str]] = {}


def _charset(font: Any) -> frozenset[str]:
    """Every character *font* maps, as a set: one subset test answers :meth:`FontSet.covers`."""
    chars = _charsets.get(font.fontName)
    if chars is None:
        chars = frozenset(map(chr, font.face.charToGlyph))
        _charsets[font.fontName] = chars
    return chars


def resolve(settings: Mapping[str, Any]) -> FontSet:
    """The fonts for one document, from the ``font``/``font_index`` settings,
    :data:`ENV_VAR`, the system, or (with a :class:`FontWarning`) STSong-Light.

    Raises:
        ExportError: the setting or the environment variable names a font
            that is missing or that reportlab cannot embed.
    """
    named = settings.get("font")
    if named is not None:
        source = FontSource(os.fspath(named), int(settings.get("font_index", 0)))
        font = _explicit(source, "setting font=")
        return _ttf_set(font, source, _existing(system_candidates()))
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        source = _parse_source(env)
        font = _explicit(source, f"variable {ENV_VAR}")
        return _ttf_set(font, source, _existing(system_candidates()))
    candidates = _existing(system_candidates())
    for source in candidates:
        font = _try_load(source)
        if font is not None:
            return _ttf_set(font, source, candidates)
    return _cid_set()


def _existing(sources: Iterable[FontSource]) -> list[FontSource]:
    return list(dict.fromkeys(s for s in sources if os.path.isfile(s.path)))


def _cid_set() -> FontSet:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    warnings.warn(
        f"no TrueType Chinese font was found, so the PDF uses reportlab's {CID_FALLBACK}, "
        "which is not embedded: viewers without a Chinese font will show empty boxes; "
        + _INSTALL_HINT,
        FontWarning,
        stacklevel=4,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontSet(
        CID_FALLBACK,
        embedded=False,
        source=CID_FALLBACK,
        has=_cid_has,
        fallbacks=FALLBACK_FONTS,
    )


# -- faces of the official layout (GB/T 9704) ------------------------------------
#
# The official page asks for a face per role: 仿宋 for the body, 小标宋 for
# titles, 黑体 and 楷体 for headings, 宋体 for page numbers
# (:mod:`sanquan_core.exporters._official`). Free systems rarely have those
# faces, so each role walks a chain of :class:`~._official.Face` entries and
# takes, for the first face that finds anything, the best installed font:
#
# 1. a font whose family name is the face's name or one of its alternates
#    (``仿宋_GB2312``, ``FangSong``...), in that order;
# 2. else a font whose family or file name holds one of the face's style
#    words (``fangsong``, ``kai``...) or the Chinese word for it (仿宋, 楷);
#
# and only a font that covers the simplified characters in everyday use (the
# 3,755 characters of GB 2312's first level) counts: cwTeX FangSong matches
# "fangsong" but lacks a third of them, and a body text in it would be a
# patchwork of two fonts. A role whose chain finds nothing takes the
# document's main font (:func:`resolve`). Each role's fallbacks for single
# characters (弶 is in no AR PL GB font) are its chain's other matches
# first, then every other Chinese font.
#
# A font named by the ``font`` setting or the environment variable serves
# every role: whoever names a font wants it.
