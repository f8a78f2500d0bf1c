"""Measuring text as a terminal draws it, and how wide the terminal is.

Widths come from :mod:`wcwidth`, which follows Unicode's tables and
grapheme clusters: a zero-width space or a combining mark takes no column,
an emoji (with its skin tone or joined family) and a CJK character take
two. East-Asian *ambiguous* characters (curly quotes “”, box drawing ─,
·, °) are drawn one column wide by most terminals and two by terminals in
a Chinese, Japanese or Korean locale; :func:`ambiguous_width` says which
applies (``SANQUAN_AMBIGUOUS_WIDTH=1`` or ``2`` overrides the guess).
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

import wcwidth

from .documents.text import width

__all__ = [
    "ambiguous_width",
    "display_width",
    "rule_char",
    "terminal_columns",
    "terminal_safe",
    "wrap",
]

_CJK_LOCALES = ("zh", "ja", "ko")
_CJK_CODEPAGES = ("cp936", "cp950", "cp932", "cp949", "gbk", "gb2312", "gb18030", "big5")

#: Characters a table must not send to the terminal as they are: C0/C1
#: controls (escape sequences, bells, carriage returns) and the bidi
#: overrides and isolates that reorder what follows them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def ambiguous_width() -> int:
    """Columns an East-Asian ambiguous character takes here: 2 in a CJK locale, else 1."""
    chosen = os.environ.get("SANQUAN_AMBIGUOUS_WIDTH", "").strip()
    if chosen in ("1", "2"):
        return int(chosen)
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return 2 if value.lower().startswith(_CJK_LOCALES) else 1
    if sys.platform == "win32":  # pragma: no cover - Windows only
        encoding = (getattr(sys.stdout, "encoding", "") or "").lower()
        return 2 if encoding in _CJK_CODEPAGES else 1
    return 1


def terminal_safe(text: str) -> str:
    """*text* with controls and bidi overrides shown as ``?``, and line breaks as spaces."""
    return _UNPRINTABLE.sub(lambda m: " " if m.group() in "\n\r\t" else "?", text)


def display_width(text: str, ambiguous: int | None = None) -> int:
    """Columns *text* takes in a terminal.

    Zero-width characters and combining marks take 0, wide and full-width
    characters and emoji 2, ambiguous ones *ambiguous* (default:
    :func:`ambiguous_width`). Control characters count 0: pass text
    through :func:`terminal_safe` before printing it.
    """
    return width(text, ambiguous_width() if ambiguous is None else ambiguous)


def wrap(text: str, columns: int, ambiguous: int | None = None) -> list[str]:
    """*text* broken into lines of at most *columns* terminal columns.

    Breaks at spaces where there are some, else between characters (never
    inside a grapheme cluster), as Chinese text is broken.
    """
    amb = ambiguous_width() if ambiguous is None else ambiguous
    if display_width(text, amb) <= columns:
        return [text]
    return wcwidth.wrap(text, max(columns, 2), ambiguous_width=amb) or [""]


def rule_char(ambiguous: int | None = None) -> str:
    """The character rules are drawn with: ``─``, or ``-`` where ``─`` may be drawn 2 wide."""
    amb = ambiguous_width() if ambiguous is None else ambiguous
    return "─" if amb == 1 else "-"


def terminal_columns(stream: TextIO | None = None) -> int | None:
    """How many columns the output has; ``None`` when it is not a terminal (no limit).

    ``COLUMNS`` in the environment wins; else the size of the terminal
    *stream* (default: standard output) is attached to.
    """
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    out = sys.stdout if stream is None else stream
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return None
