"""User text made safe for reportlab paragraphs, and cut to sizes a page can hold.

reportlab's ``Paragraph`` reads its text as markup, so a member who types
``<b>`` or ``&amp;`` would otherwise get bold text or an ampersand. Every
piece of user text goes through :func:`markup`, which escapes it and wraps
runs the main font cannot draw in ``<font face=...>`` (see
:mod:`sanquan_core.exporters._fonts`).

A paragraph inside a table cell cannot be split across pages, so a long
field is cut by :func:`chunks` into pieces short enough for one page; the
exporter lays each piece in its own table row.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from sanquan_core.exporters._fonts import FontSet

__all__ = ["chunks", "markup"]


def markup(text: str, fonts: FontSet) -> str:
    """*text* as paragraph markup that prints it literally.

    Line breaks become ``<br/>``, tabs a space; characters the main font
    lacks are drawn in a fallback font or replaced (:meth:`FontSet.runs`).
    """
    parts = []
    for font, run in fonts.runs(text.replace("\t", " ")):
        body = escape(run).replace("\n", "<br/>")
        parts.append(body if font is None else f'<font face="{font}">{body}</font>')
    return "".join(parts)


#: Where a long line is best cut: after the end of a sentence or clause.
_BREAK_AFTER = "。！？；!?;…，,、 "


def chunks(text: str, limit: int = 300, max_lines: int = 10) -> Iterator[str]:
    """*text* in pieces of at most *limit* characters and *max_lines* lines.

    Pieces break at line ends where possible, and a line longer than *limit*
    after the last sentence end (else clause end) in its second half. The
    pieces, laid out one after another, give *text* back; nothing is dropped.
    """
    if len(text) <= limit and text.count("\n") < max_lines:
        yield text
        return
    piece: list[str] = []
    size = 0
    for whole in text.split("\n"):
        line = whole
        while len(line) > limit:
            if piece:
                yield "\n".join(piece)
                piece, size = [], 0
            cut = _cut(line, limit)
            yield line[:cut]
            line = line[cut:]
        if piece and (size + len(line) > limit or len(piece) >= max_lines):
            yield "\n".join(piece)
            piece, size = [], 0
        piece.append(line)
        size += len(line) + 1
    if piece:
        yield "\n".join(piece)


def _cut(line: str, limit: int) -> int:
    """Where to cut *line* (longer than *limit*): just after a punctuation mark if one is near."""
    for marks in (_BREAK_AFTER[:5], _BREAK_AFTER):
        best = max(line.rfind(mark, limit // 2, limit) for mark in marks)
        if best >= 0:
            return best + 1
    return limit
