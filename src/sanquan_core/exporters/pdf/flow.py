"""Flowables of the official page: running text on the grid, rules, the 版记.

:class:`GridText` sets a paragraph the way GB/T 9704 prints one: every line
on the fixed line pitch, Chinese characters on the fixed character pitch
(3号 type with a slightly negative character spacing gives 28 characters
in the 156 mm line), lines broken by :func:`.text.break_lines` (the
避头尾 rules, nothing hanging into the margin) and justified, characters
the face lacks drawn from a fallback font (:meth:`~.fonts.FontSet.runs`).
Text is never parsed as markup: what a member typed is what prints.

The other flowables are small: :class:`Mark` (no room; an outline entry, a
link destination, a page without number), :class:`Gap` (blank lines that
stay at the top of a page too), :class:`Rule`, :class:`Masthead`,
:class:`ContentsLine` and :class:`Imprint`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from sanquan_core.exporters.pdf.fonts import FontSet
from sanquan_core.exporters.pdf.layout import page_form_name
from sanquan_core.exporters.pdf.text import Line, balance_lines, break_lines

__all__ = [
    "AtBottom",
    "ContentsLine",
    "Gap",
    "GridText",
    "Imprint",
    "Mark",
    "Masthead",
    "Rule",
    "advances",
]

Align = Literal["justify", "left", "center", "right"]

#: Top of the ideographic em box above the baseline, as a share of the size.
ASCENT = 0.88
#: Stroke width of faux bold, as a share of the size (no face has a bold style).
BOLD_STROKE = 0.03

_widths: dict[tuple[str, float], dict[str, float]] = {}


def _width(ch: str, font: str, size: float) -> float:
    table = _widths.get((font, size))
    if table is None:
        table = _widths[(font, size)] = {}
    width = table.get(ch)
    if width is None:
        width = table[ch] = stringWidth(ch, font, size)
    return width


def advances(
    text: str, fonts: FontSet, size: float, char_space: float = 0.0
) -> tuple[str, list[str], list[float]]:
    """*text* as drawn: the characters, each one's font, each one's advance.

    Characters no font has are replaced by 〓 (or dropped if invisible), as
    :meth:`FontSet.runs` decides.
    """
    shown: list[str] = []
    faces: list[str] = []
    for font, run in fonts.runs(text):
        name = font or fonts.name
        shown.append(run)
        faces += [name] * len(run)
    chars = "".join(shown)
    widths = [
        (0.0 if ch == "\n" else _width(ch, face, size) + char_space)
        for ch, face in zip(chars, faces, strict=True)
    ]
    return chars, faces, widths


def baseline(line_top: float, pitch: float, size: float) -> float:
    """The baseline of a line whose top is *line_top*: the em box centred in the pitch."""
    return line_top - (pitch - size) / 2 - ASCENT * size


class Mark(Flowable):  # type: ignore[misc]
    """Takes no room; leaves an outline entry, a destination or a page without number."""

    _ZEROSIZE = True

    def __init__(
        self,
        *,
        outline: tuple[str, int] | None = None,
        key: str | None = None,
        unnumbered: bool = False,
    ) -> None:
        super().__init__()
        if outline is not None:
            self.sq_outline = outline
        if key is not None:
            self.sq_key = key
        if unnumbered:
            self.sq_unnumbered = True

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        pass


class Gap(Flowable):  # type: ignore[misc]
    """Blank room of a fixed height, kept at the top of a page too (空一行)."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (available_width, min(self.height, available_height))

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        pass


class _Line:
    """One laid-out line: its characters, left edge, room, and whether it is justified."""

    __slots__ = ("end", "justify", "room", "start", "x")

    def __init__(self, start: int, end: int, x: float, room: float, justify: bool) -> None:
        self.start = start
        self.end = end
        self.x = x
        self.room = room
        self.justify = justify


class GridText(Flowable):  # type: ignore[misc]
    """A paragraph on the official grid (see the module's docstring).

    Args:
        text: literal text; ``\\n`` ends a line.
        fonts: the face of the paragraph's role, with its fallbacks.
        size: type size.
        pitch: line pitch; every line takes exactly this height.
        char_space: extra advance after each character (negative on the grid).
        first_indent: left indent of the first line.
        indent: left indent of the other lines.
        right_indent: room kept free at the right.
        align: ``justify`` (every line but a paragraph's last fills the
            width), ``left``, ``center`` or ``right``.
        color: text colour.
        bold: faux bold (the glyphs' outlines stroked too).
        balance: break a centred title into lines of even length.
        keep_with_next: stay on the page of the next flowable.
        space_before, space_after: room before and after, in points.
        outline, key, page_form: as :class:`Mark`; ``page_form`` asks for
            the page number of *key* as a form XObject for the contents.
    """

    def __init__(
        self,
        text: str,
        fonts: FontSet,
        size: float,
        pitch: float,
        *,
        char_space: float = 0.0,
        first_indent: float = 0.0,
        indent: float = 0.0,
        right_indent: float = 0.0,
        align: Align = "justify",
        color: Any = None,
        bold: bool = False,
        balance: bool = False,
        keep_with_next: bool = False,
        space_before: float = 0.0,
        space_after: float = 0.0,
        outline: tuple[str, int] | None = None,
        key: str | None = None,
        page_form: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self.fonts = fonts
        self.size = size
        self.pitch = pitch
        self.char_space = char_space
        self.first_indent = first_indent
        self.indent = indent
        self.right_indent = right_indent
        self.align = align
        self.color = colors.black if color is None else color
        self.bold = bold
        self.balance = balance
        if keep_with_next:
            self.keepWithNext = 1
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        if outline is not None:
            self.sq_outline = outline
        if key is not None:
            self.sq_key = key
            self.sq_page_form = page_form
        self._chars, self._faces, self._advances = advances(text, fonts, size, char_space)
        self._lines: list[_Line] | None = None
        self._laid_for: float | None = None

    # -- layout ------------------------------------------------------------------

    def lines(self, width: float) -> list[_Line]:
        """The lines of the paragraph set in *width*."""
        if self._lines is None or self._laid_for != width:
            self._lines = self._lay_out(width)
            self._laid_for = width
        return self._lines

    def line_texts(self, width: float) -> list[str]:
        """The text of each line in *width* (for tests and callers that measure)."""
        return [self._chars[line.start : line.end] for line in self.lines(width)]

    def _lay_out(self, width: float) -> list[_Line]:
        chars, adv = self._chars, self._advances
        room_first = width - self.first_indent - self.right_indent
        room_rest = width - self.indent - self.right_indent
        # the last character's spacing does not count against the line
        slack = max(0.0, -self.char_space) if self.char_space < 0 else 0.0

        def room(n: int) -> float:
            return (room_first if n == 0 else room_rest) + slack

        if self.balance and self.first_indent == self.indent:
            found: list[Line] = balance_lines(chars, adv, room_rest + slack)
        else:
            found = break_lines(chars, adv, room)
        out = []
        for n, (start, end) in enumerate(found):
            # a paragraph's last line, or one ended by \n, is not justified
            last = n == len(found) - 1 or chars.startswith("\n", end)
            x = self.first_indent if n == 0 else self.indent
            out.append(_Line(start, end, x, room(n) - slack, self.align == "justify" and not last))
        return out

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self.lines(available_width)) * self.pitch
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        lines = self.lines(available_width)
        fit = int((available_height + 1e-6) // self.pitch)
        if fit <= 0 or fit >= len(lines):
            return []
        head = self._part(lines[:fit], available_width, first=True)
        tail = self._part(lines[fit:], available_width, first=False)
        return [head, tail]

    def _part(self, lines: list[_Line], width: float, *, first: bool) -> GridText:
        part: GridText = object.__new__(GridText)
        Flowable.__init__(part)
        for name in (
            "text",
            "fonts",
            "size",
            "pitch",
            "char_space",
            "first_indent",
            "indent",
            "right_indent",
            "align",
            "color",
            "bold",
            "balance",
            "_chars",
            "_faces",
            "_advances",
        ):
            setattr(part, name, getattr(self, name))
        part._lines = lines
        part._laid_for = width
        part.spaceBefore = self.spaceBefore if first else 0.0
        part.spaceAfter = 0.0 if first else self.spaceAfter
        if first:
            for name in ("sq_outline", "sq_key", "sq_page_form", "sq_step", "sq_record"):
                if hasattr(self, name):
                    setattr(part, name, getattr(self, name))
        elif getattr(self, "keepWithNext", 0):
            part.keepWithNext = 1
        return part

    # -- drawing -----------------------------------------------------------------

    def natural_width(self, line: _Line) -> float:
        """The width *line* takes without justification."""
        if line.end <= line.start:
            return 0.0
        return sum(self._advances[line.start : line.end]) - self.char_space

    def draw(self) -> None:
        canvas = self.canv
        lines = self._lines or []
        canvas.saveState()
        canvas.setFillColor(self.color)
        text = canvas.beginText()
        if self.bold:
            canvas.setStrokeColor(self.color)
            canvas.setLineWidth(self.size * BOLD_STROKE)
            text.setTextRenderMode(2)
        top = self.height
        for n, line in enumerate(lines):
            if line.end <= line.start:
                continue
            natural = self.natural_width(line)
            glyphs = line.end - line.start
            extra = 0.0
            x = line.x
            if self.align == "center":
                x += (line.room - natural) / 2
            elif self.align == "right":
                x += line.room - natural
            elif line.justify and glyphs > 1 and 0 < line.room - natural < 3 * self.size:
                extra = (line.room - natural) / (glyphs - 1)
            text.setTextOrigin(x, baseline(top - n * self.pitch, self.pitch, self.size))
            text.setCharSpace(self.char_space + extra)
            self._runs_out(text, line.start, line.end)
        canvas.drawText(text)
        canvas.restoreState()

    def _runs_out(self, text: Any, start: int, end: int) -> None:
        faces = self._faces
        i = start
        while i < end:
            face = faces[i]
            j = i + 1
            while j < end and faces[j] == face:
                j += 1
            text.setFont(face, self.size)
            text.textOut(self._chars[i:j])
            i = j


class Rule(Flowable):  # type: ignore[misc]
    """A horizontal line across the type area, *thickness* thick, in *color*."""

    def __init__(self, thickness: float, color: Any = None, *, space_before: float = 0.0) -> None:
        super().__init__()
        self.thickness = thickness
        self.color = colors.black if color is None else color
        self.spaceBefore = space_before

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.thickness

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.color)
        canvas.setLineWidth(self.thickness)
        canvas.line(0, self.thickness / 2, self.width, self.thickness / 2)
        canvas.restoreState()


class Masthead(Flowable):  # type: ignore[misc]
    """The 发文机关标志: the issuer's name and 文件, large, centred, red.

    Its size is the largest, up to *max_size*, that leaves *margin* free on
    each side of the type area.
    """

    def __init__(
        self, text: str, fonts: FontSet, color: Any, max_size: float, margin: float
    ) -> None:
        super().__init__()
        self.text = text
        self.fonts = fonts
        self.color = color
        self.max_size = max_size
        self.margin = margin
        self.size = max_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, _, adv = advances(self.text, self.fonts, 1.0)
        natural = sum(adv) or 1.0
        self.size = min(self.max_size, (available_width - 2 * self.margin) / natural)
        self.height = self.size
        return available_width, self.height

    def draw(self) -> None:
        chars, faces, adv = advances(self.text, self.fonts, self.size)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.color)
        text = canvas.beginText()
        text.setTextOrigin((self.width - sum(adv)) / 2, (1 - ASCENT) * self.size)
        i = 0
        while i < len(chars):
            j = i + 1
            while j < len(chars) and faces[j] == faces[i]:
                j += 1
            text.setFont(faces[i], self.size)
            text.textOut(chars[i:j])
            i = j
        canvas.drawText(text)
        canvas.restoreState()


class ContentsLine(Flowable):  # type: ignore[misc]
    """A line of the contents: the heading, dot leaders, and its page number.

    The page number is not known when the contents page is drawn: it is a
    form XObject (:func:`.layout.page_form_name`) that the document
    defines when the heading is placed. The whole line links to the heading.
    """

    def __init__(
        self,
        text: str,
        fonts: FontSet,
        size: float,
        pitch: float,
        key: str,
        *,
        indent: float = 0.0,
        number_room: float = 0.0,
        char_space: float = 0.0,
    ) -> None:
        super().__init__()
        self.key = key
        self.size = size
        self.pitch = pitch
        self.number_room = number_room or 3 * size
        self._text = GridText(
            text,
            fonts,
            size,
            pitch,
            char_space=char_space,
            first_indent=indent,
            indent=indent + 2 * size,
            right_indent=self.number_room + size,
            align="left",
        )

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self._text.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        self._text.drawOn(canvas, 0, 0)
        lines = self._text.lines(self.width)
        last = lines[-1]
        y = baseline(self.pitch, self.pitch, self.size)  # the last line is at the bottom
        start = last.x + self._text.natural_width(last) + self.size / 2
        end = self.width - self.number_room - self.size / 4
        canvas.saveState()
        if end > start:
            canvas.setDash(0.6, 3.4)
            canvas.setLineWidth(1.0)
            canvas.setLineCap(1)
            canvas.line(start, y + 0.2 * self.size, end, y + 0.2 * self.size)
        canvas.translate(self.width, y)
        canvas.doForm(page_form_name(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class Imprint(Flowable):  # type: ignore[misc]
    """The 版记 at the foot of the last page: 印发机关 left, 印发日期 right, between two rules.

    It takes the rest of the page, so that its last line is the page's last
    line; where less than its own height is left, it goes to the next page.
    """

    def __init__(
        self,
        left: str,
        right: str,
        fonts: FontSet,
        size: float,
        pitch: float,
        rule: float,
        *,
        inset: float,
        char_space: float = 0.0,
    ) -> None:
        super().__init__()
        self.rule = rule
        self.pitch = pitch
        self.needed = pitch + 2 * rule
        self._left = GridText(left, fonts, size, pitch, char_space=char_space, align="left")
        self._right = GridText(right, fonts, size, pitch, char_space=char_space, align="right")
        self.inset = inset

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = max(self.needed, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        inner = self.width - 2 * self.inset
        for part in (self._left, self._right):
            part.wrap(inner, self.pitch)
            part.drawOn(canvas, self.inset, self.rule)
        canvas.saveState()
        canvas.setLineWidth(self.rule)
        for y in (self.rule / 2, self.rule * 1.5 + self.pitch):
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class AtBottom(Flowable):  # type: ignore[misc]
    """Flowables set at the foot of the rest of the page (a cover's issuer and date)."""

    def __init__(self, content: Sequence[Any]) -> None:
        super().__init__()
        self.content = list(content)
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._heights = [f.wrap(available_width, available_height)[1] for f in self.content]
        self.height = max(sum(self._heights), available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        y = sum(self._heights)
        for flowable, height in zip(self.content, self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y)
