"""User text made safe for reportlab paragraphs, and cut to sizes a page can hold.

reportlab's ``Paragraph`` reads its text as markup, so a member who types
``<b>`` or ``&amp;`` would otherwise get bold text or an ampersand. Every
piece of user text goes through :func:`markup`, which escapes it and wraps
runs the main font cannot draw in ``<font face=...>`` (see
:mod:`sanquan_core.exporters.pdf.fonts`).

A paragraph inside a table cell cannot be split across pages, so a long
field is cut by :func:`chunks` into pieces short enough for one page; the
exporter lays each piece in its own table row.

Text on the official page is broken into lines here too
(:func:`break_lines`), not by reportlab: reportlab's CJK wrapping knows
Japanese line-start rules only (it lets a line start with ，；：？！ and end
with （《“) and hangs a forbidden character in the margin. Ours keeps every
line inside the type area: a character that may not start a line takes the
character before it along to the next line (推头/推尾, 避头尾 rules of
:data:`~._official.NO_LINE_START` and :data:`~._official.NO_LINE_END`), and
the justified line spreads the room left. Latin words and numbers are not
cut unless longer than a line. Centred titles are broken into lines of
similar length, preferably after punctuation (:func:`balance_lines`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from xml.sax.saxutils import escape

from sanquan_core.exporters._official import NO_LINE_END, NO_LINE_START
from sanquan_core.exporters.pdf.fonts import FontSet

__all__ = ["balance_lines", "break_lines", "chunks", "markup"]


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


# -- line breaking (避头尾) ---------------------------------------------------------

#: A run of these stays on one line (a Latin word, a number, a URL).
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f.,:;/%@&+=_#'\-]+")
#: Room a line may exceed its width by (rounding of character advances).
_FUZZ = 1e-6
#: Where a centred title is best broken: after these, or before the openers.
_GOOD_BREAK_AFTER = "、，。；：！？”’）》」』】〕"
_GOOD_BREAK_BEFORE = "《“（「『【〔"

Line = tuple[int, int]
"""A line as the (start, end) character range of the text it shows."""


def _tokens(text: str) -> list[Line]:
    """*text* as unbreakable pieces: a Latin word or number, else one character."""
    out: list[Line] = []
    i = 0
    n = len(text)
    while i < n:
        match = _WORD.match(text, i) if text[i] < "\u0250" else None
        end = match.end() if match else i + 1
        out.append((i, end))
        i = end
    return out


def break_lines(
    text: str,
    advances: Sequence[float],
    width: Callable[[int], float],
) -> list[Line]:
    """*text* broken into lines no wider than ``width(line_number)``.

    *advances* holds each character's advance (its width plus any character
    spacing). No line starts with a character of ``NO_LINE_START`` nor ends
    with one of ``NO_LINE_END`` unless a line holds nothing else; spaces at a
    break are dropped. ``\n`` ends a line. Every other character of *text*
    is in exactly one line, in order.
    """
    lines: list[Line] = []
    for start, end in _segments(text):
        lines += _break_segment(text, advances, width, start, end, len(lines))
    return lines


def _segments(text: str) -> Iterator[Line]:
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            yield start, i
            start = i + 1
    yield start, len(text)


def _break_segment(
    text: str,
    advances: Sequence[float],
    width: Callable[[int], float],
    start: int,
    end: int,
    first: int,
) -> list[Line]:
    tokens = [(a + start, b + start) for a, b in _tokens(text[start:end])]
    sizes = [sum(advances[a:b]) for a, b in tokens]
    lines: list[Line] = []
    i = 0
    n = len(tokens)
    if not n:
        return [(start, start)]
    while i < n:
        if lines:  # a continuation line does not start with the break's spaces
            while i < n and text[tokens[i][0]] == " ":
                i += 1
            if i == n:
                break
        room = width(first + len(lines))
        j, used = i, 0.0
        while j < n and used + sizes[j] <= room + _FUZZ:
            used += sizes[j]
            j += 1
        if j == i:  # a word wider than the line: cut it by characters
            a, b = tokens[i]
            cut, used = a, 0.0
            while cut < b and (cut == a or used + advances[cut] <= room + _FUZZ):
                used += advances[cut]
                cut += 1
            lines.append(_trimmed(text, a, cut))
            tokens[i] = (cut, b)
            sizes[i] = sum(advances[cut:b])
            continue
        if j < n:
            k = j
            while k > i + 1 and _forbidden(text, tokens, k):
                k -= 1
            if not _forbidden(text, tokens, k):
                j = k
        lines.append(_trimmed(text, tokens[i][0], tokens[j - 1][1]))
        i = j
    return lines


def _forbidden(text: str, tokens: Sequence[Line], k: int) -> bool:
    """Whether a line may not break before ``tokens[k]``.

    Spaces at a break are dropped, so the marks that count are the last
    one before them and the first one after.
    """
    before = k - 1
    while before > 0 and text[tokens[before][0]] == " ":
        before -= 1
    after = k
    while after < len(tokens) - 1 and text[tokens[after][0]] == " ":
        after += 1
    return text[tokens[after][0]] in NO_LINE_START or text[tokens[before][1] - 1] in NO_LINE_END


def _trimmed(text: str, start: int, end: int) -> Line:
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def balance_lines(
    text: str, advances: Sequence[float], width: float, *, limit: int = 160
) -> list[Line]:
    """A centred title's lines: as few as :func:`break_lines` needs, of even length.

    Among the ways to break *text* into that many lines that fit *width*
    and obey the line-start and line-end rules, the one whose longest line
    is shortest wins, a break after punctuation (or before an opening mark)
    counting two characters shorter. Texts longer than *limit* characters
    are broken as :func:`break_lines` does.
    """
    greedy = break_lines(text, advances, lambda _: width)
    if len(greedy) < 2 or len(text) > limit or "\n" in text:
        return greedy
    tokens = _tokens(text)
    sizes = [sum(advances[a:b]) for a, b in tokens]
    em = max(advances) if advances else 0.0
    count = len(greedy)
    n = len(tokens)
    prefix = [0.0]
    for size in sizes:
        prefix.append(prefix[-1] + size)

    def cost(i: int, j: int) -> float | None:
        """The cost of a line of tokens i..j-1 (followed by a break unless j == n)."""
        line = prefix[j] - prefix[i]
        if line > width + _FUZZ:
            return None
        if j == n:
            return line
        if _forbidden(text, tokens, j):
            return None
        good = text[tokens[j - 1][1] - 1] in _GOOD_BREAK_AFTER or (
            text[tokens[j][0]] in _GOOD_BREAK_BEFORE
        )
        return line if good else line + 2 * em

    # best[k][j]: (worst line cost, breaks) setting tokens[:j] in k lines
    best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
    for _ in range(count):
        row: dict[int, tuple[float, tuple[int, ...]]] = {}
        for i, (worst, breaks) in best[-1].items():
            for j in range(i + 1, n + 1):
                c = cost(i, j)
                if c is None:
                    if prefix[j] - prefix[i] > width + _FUZZ:
                        break
                    continue
                candidate = (max(worst, c), (*breaks, j))
                if j not in row or candidate < row[j]:
                    row[j] = candidate
        best.append(row)
    if n not in best[-1]:
        return greedy
    bounds = (0, *best[-1][n][1])
    return [_trimmed(text, tokens[a][0], tokens[b - 1][1]) for a, b in itertools.pairwise(bounds)]
