"""The text roles of an official document (GB/T 9704-2012) as flowables.

:class:`Official` knows the layout and the faces and makes a
:class:`.flow.GridText` for each role, so the book and the notice say
what a line is (a title, a 一、 heading, body text) and never how it looks:

* titles 2号 in the title face (小标宋), centred, broken into lines of even
  length;
* 一、 headings 3号黑体, （一） headings 3号楷体, 1. headings 3号 in the
  body face, faux bold; all indented two characters like body text and
  kept with what follows;
* body text 3号 in the body face (仿宋), first line indented two
  characters, justified on the grid;
* 附件 labels 3号黑体 at the top left.

Text arrives full-width from the content layer (:func:`~sanquan_core.documents.full_width`):
ASCII punctuation typed next to Chinese prints full-width, as official documents print it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors

from sanquan_core.exporters._official import RED
from sanquan_core.exporters.pdf.faces import Faces
from sanquan_core.exporters.pdf.flow import Align, Gap, GridText
from sanquan_core.exporters.pdf.fonts import FontSet
from sanquan_core.exporters.pdf.layout import Layout

__all__ = ["Official"]


class Official:
    """Makes the flowables of an official document's text roles."""

    def __init__(self, layout: Layout, faces: Faces) -> None:
        self.layout = layout
        self.faces = faces
        #: Two characters of body text: the indent of a paragraph's first line.
        self.indent = 2 * layout.char_pitch

    def text(
        self,
        text: str,
        fonts: FontSet | None = None,
        *,
        size: float | None = None,
        first_indent: float | None = None,
        indent: float = 0.0,
        right_indent: float = 0.0,
        align: Align = "justify",
        color: Any = None,
        bold: bool = False,
        balance: bool = False,
        keep_with_next: bool = False,
        outline: tuple[str, int] | None = None,
        key: str | None = None,
        page_form: bool = False,
    ) -> GridText:
        """A paragraph on the grid; by default body text with its first line indented."""
        t = self.layout
        size = t.body_size if size is None else size
        return GridText(
            text,
            fonts or self.faces.body,
            size,
            t.line_pitch,
            char_space=t.char_pitch - t.body_size if size == t.body_size else 0.0,
            first_indent=self.indent if first_indent is None else first_indent,
            indent=indent,
            right_indent=right_indent,
            align=align,
            color=color,
            bold=bold,
            balance=balance,
            keep_with_next=keep_with_next,
            outline=outline,
            key=key,
            page_form=page_form,
        )

    def body(self, text: str, **kw: Any) -> GridText:
        """Body text: 3号, the body face, first line indented two characters."""
        return self.text(text, **kw)

    def flush(self, text: str, **kw: Any) -> GridText:
        """Body text without indent (addressees, a caption line)."""
        return self.text(text, first_indent=0.0, **kw)

    def title(self, text: str, **kw: Any) -> GridText:
        """A title: 2号, the title face, centred, lines of even length."""
        t = self.layout
        return GridText(
            text,
            self.faces.title,
            t.doc_title_size,
            t.line_pitch,
            align="center",
            balance=True,
            **kw,
        )

    def heading_1(self, text: str, **kw: Any) -> GridText:
        """一、 heading: 3号黑体."""
        return self.text(text, self.faces.heading_1, keep_with_next=True, **kw)

    def heading_2(self, text: str, **kw: Any) -> GridText:
        """（一） heading: 3号楷体."""
        return self.text(text, self.faces.heading_2, keep_with_next=True, **kw)

    def heading_3(self, text: str, **kw: Any) -> GridText:
        """1. heading: 3号, the body face, faux bold."""
        return self.text(text, bold=True, keep_with_next=True, **kw)

    def kai(self, text: str, **kw: Any) -> GridText:
        """A line in 楷体 (the book's who-and-when lines)."""
        return self.text(text, self.faces.heading_2, **kw)

    def attachment_label(self, text: str) -> GridText:
        """附件1: 3号黑体 at the top left."""
        return self.text(text, self.faces.attachment_label, first_indent=0.0, keep_with_next=True)

    def right(self, text: str, right_chars: float, **kw: Any) -> GridText:
        """A line set flush right, *right_chars* characters in from the edge."""
        return self.text(
            text,
            first_indent=0.0,
            right_indent=right_chars * self.layout.char_pitch,
            align="right",
            **kw,
        )

    def blank(self, lines: float = 1) -> Gap:
        """Blank lines of the grid (空一行)."""
        return Gap(lines * self.layout.line_pitch)

    def red(self) -> Any:
        """The red of the masthead and the rule under it."""
        return colors.HexColor(RED)
