"""WordprocessingML built with lxml: paragraphs, runs, tables and templates.

python-docx's object API is convenient but slow on big tables
(``table.cell(r, c)`` is quadratic, ``add_row()`` costs about a
millisecond). The DOCX exporter therefore builds each form once as plain
XML, a :class:`Template` with named slots, and deep-copies it for every
record; grids grow by copying one prepared ``<w:tr>`` (:class:`RowTemplate`).
Both cost time in proportion to what they write.

Elements are written in the order the OOXML schema requires (Word rejects
some out-of-order properties). Every run carries ``w:rFonts`` with its
East Asian face and ``w:hint="eastAsia"``, so Word does not fall back to a
Latin font for Chinese, nor for the curly quotes of “三圈”.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from lxml import etree

from .layout import ALERT, Layout, mm_to_twips

__all__ = [
    "R_NS",
    "W_NS",
    "Builder",
    "Fill",
    "Para",
    "RowTemplate",
    "Span",
    "Template",
    "Tone",
    "allow_split",
    "element",
    "fonts",
    "indent",
    "parent_of",
    "ppr_of",
    "put",
    "serialize",
    "sub",
    "w",
    "write_text",
    "xml_safe",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: How a span of text is set: plain, bold, or in the alert style (red, bold).
Tone = Literal["", "strong", "alert"]
_PLAIN: Tone = ""
#: A run of text and its tone.
Span = tuple[str, Tone]
#: A paragraph's spans.
Para = Sequence[Span]
#: What fills a slot: text in the slot's own format, or whole paragraphs.
Fill = str | Sequence[Para]

# Slot markers are private-use characters: no caption contains them, and
# slots are found before any record text is written into a copy.
_SLOT = "\ue000"
# What XML 1.0 cannot hold. _content.clean() already removed the control
# characters; lone surrogates (possible in JSON) would still make lxml raise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\n\t])")


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` is ``{...main}p``."""
    return f"{{{W_NS}}}{tag}"


def element(tag: str, **attrs: str) -> etree._Element:
    """A new ``w:`` element; *attrs* are ``w:`` attributes."""
    el = etree.Element(w(tag), nsmap={"w": W_NS})
    for name, value in attrs.items():
        el.set(w(name), value)
    return el


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A new ``w:`` child appended to *parent*."""
    el = etree.SubElement(parent, w(tag))
    for name, value in attrs.items():
        el.set(w(name), value)
    return el


def fonts(parent: etree._Element, east_asia: str, latin: str) -> etree._Element:
    """Append ``w:rFonts`` naming *east_asia* for Chinese and *latin* for the rest.

    ``w:hint="eastAsia"`` makes Word set characters both scripts share
    (curly quotes, the middle dot) in the East Asian face.
    """
    return sub(
        parent, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia"
    )


def indent(
    ppr: etree._Element,
    size: float,
    *,
    left: float = 0.0,
    right: float = 0.0,
    first_line: float = 0.0,
    hanging: float = 0.0,
) -> etree._Element | None:
    """Put ``w:ind`` in *ppr*, the indents given in characters of *size* points.

    Both forms are written: ``w:firstLineChars`` (hundredths of a
    character, what Word uses and shows as “2 字符”) and ``w:firstLine``
    (twips, for readers that only know that). Nothing is written when every
    indent is zero.
    """
    values = {"left": left, "right": right, "firstLine": first_line, "hanging": hanging}
    if not any(values.values()):
        return None
    ind = element("ind")
    for name, chars in values.items():
        if chars:
            ind.set(w(f"{name}Chars"), str(round(chars * 100)))
            ind.set(w(name), str(round(chars * size * 20)))
    put(ppr, ind)
    return ind


# The order of w:pPr's children in the schema (CT_PPr), for put().
_PPR_ORDER = tuple(
    w(tag)
    for tag in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
_PPR_RANK = {tag: i for i, tag in enumerate(_PPR_ORDER)}


def ppr_of(p: etree._Element) -> etree._Element:
    """The ``w:pPr`` of the paragraph *p*, added first in it if it has none."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = element("pPr")
        p.insert(0, ppr)
    return ppr


def put(ppr: etree._Element, new: etree._Element) -> etree._Element:
    """Insert *new* into the ``w:pPr`` *ppr* where the schema's order wants it.

    A child of the same name is replaced.
    """
    rank = _PPR_RANK[new.tag]
    for child in ppr:
        if child.tag == new.tag:
            child.addprevious(new)
            ppr.remove(child)
            return new
        if _PPR_RANK.get(child.tag, -1) > rank:
            child.addprevious(new)
            return new
    ppr.append(new)
    return new


_W_DECLARATION = f' xmlns:w="{W_NS}"'.encode()


def serialize(block: etree._Element) -> bytes:
    """*block* as UTF-8 XML for the inside of ``w:body``, where ``w:`` is declared already."""
    data = etree.tostring(block, encoding="UTF-8", xml_declaration=False)
    # The declaration lxml repeats on a detached element, in its start tag:
    # the first occurrence, before any text.
    return data.replace(_W_DECLARATION, b"", 1)


def xml_safe(text: str) -> str:
    """*text* without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def write_text(run: etree._Element, text: str) -> None:
    """Append *text* to *run*: ``w:t`` pieces, ``w:br`` for line breaks, ``w:tab`` for tabs.

    The text is written as characters, never parsed: markup prints literally.
    """
    text = xml_safe(text)
    if "\n" not in text and "\t" not in text:
        _t(run, text)
        return
    for piece in _BREAKS.split(text):
        if piece == "\n":
            sub(run, "br")
        elif piece == "\t":
            sub(run, "tab")
        elif piece:
            _t(run, piece)


def _t(run: etree._Element, text: str) -> None:
    _text_of(sub(run, "t"), text)


def _text_of(t: etree._Element, text: str) -> None:
    """Set the text of the ``w:t`` *t*, keeping its outer spaces (Word drops them otherwise)."""
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(_XML_SPACE, "preserve")


class Builder:
    """Makes paragraphs, runs and tables in the styles of a :class:`Layout`."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._rpr: dict[tuple[str, Tone], etree._Element] = {}

    # -- paragraphs and runs ---------------------------------------------------

    def paragraph(
        self,
        style_id: str,
        *spans: Span | str,
        page_break: bool = False,
        keep_next: bool = False,
    ) -> etree._Element:
        """A ``w:p`` in *style_id* holding *spans* (a ``str`` is a plain span).

        Empty spans are left out.
        """
        p = element("p")
        ppr = sub(p, "pPr")
        sub(ppr, "pStyle", val=style_id)
        if keep_next:
            sub(ppr, "keepNext")
        if page_break:
            sub(ppr, "pageBreakBefore")
        for span in spans:
            text, tone = (span, _PLAIN) if isinstance(span, str) else span
            if text:
                self.run(p, text, style_id, tone)
        return p

    def run(self, p: etree._Element, text: str, style_id: str, tone: Tone = "") -> etree._Element:
        """Append a run of *text* to *p*, in the faces of *style_id*."""
        r = sub(p, "r")
        r.append(self._run_props(style_id, tone))
        write_text(r, text)
        return r

    def _run_props(self, style_id: str, tone: Tone) -> etree._Element:
        key = (style_id, tone)
        cached = self._rpr.get(key)
        if cached is None:
            style = self.layout.style(style_id)
            cached = element("rPr")
            if tone == "alert":
                sub(cached, "rStyle", val=ALERT)
            fonts(cached, style.east_asia, style.latin)
            if tone == "strong":
                sub(cached, "b")
                sub(cached, "bCs")
            self._rpr[key] = cached
        return copy.deepcopy(cached)

    # -- fields and bookmarks --------------------------------------------------------

    def field_char(
        self,
        parent: etree._Element,
        kind: Literal["begin", "separate", "end"],
        style_id: str,
        *,
        dirty: bool = False,
    ) -> etree._Element:
        """Append a run with a ``w:fldChar`` (begin, separate or end of a complex field).

        *dirty* marks a field's result as out of date, for Word to refresh.
        """
        r = sub(parent, "r")
        r.append(self._run_props(style_id, _PLAIN))
        char = sub(r, "fldChar", fldCharType=kind)
        if dirty:
            char.set(w("dirty"), "true")
        return r

    def instruction(self, parent: etree._Element, code: str, style_id: str) -> etree._Element:
        """Append a run with a field's instruction, e.g. ``PAGE`` or ``TOC \\o "1-3"``."""
        r = sub(parent, "r")
        r.append(self._run_props(style_id, _PLAIN))
        t = sub(r, "instrText")
        t.text = f" {code} "
        t.set(_XML_SPACE, "preserve")
        return r

    def field(self, parent: etree._Element, code: str, result: str, style_id: str) -> None:
        """Append a whole complex field: *code*, and *result* shown until it is updated."""
        self.field_char(parent, "begin", style_id)
        self.instruction(parent, code, style_id)
        self.field_char(parent, "separate", style_id)
        self.run(parent, result, style_id)
        self.field_char(parent, "end", style_id)

    @staticmethod
    def bookmark(p: etree._Element, name: str, bookmark_id: int) -> None:
        """Mark the whole of paragraph *p* with the bookmark *name*."""
        start = element("bookmarkStart", id=str(bookmark_id), name=name)
        ppr = p.find(w("pPr"))
        if ppr is None:
            p.insert(0, start)
        else:
            ppr.addnext(start)
        sub(p, "bookmarkEnd", id=str(bookmark_id))

    # -- tables ------------------------------------------------------------------

    def table(self, widths: Sequence[float], caption: str) -> etree._Element:
        """An empty bordered ``w:tbl`` with fixed columns *widths* (mm), centred.

        *caption* becomes the table's alternative text (``w:tblCaption``):
        screen readers announce it, and tests find forms by it.
        """
        tbl = element("tbl")
        pr = sub(tbl, "tblPr")
        sub(pr, "tblStyle", val="TableGrid")
        sub(pr, "tblW", w=str(sum(mm_to_twips(x) for x in widths)), type="dxa")
        sub(pr, "jc", val="center")
        sub(pr, "tblLayout", type="fixed")
        sub(pr, "tblCaption", val=caption)
        grid = sub(tbl, "tblGrid")
        for width in widths:
            sub(grid, "gridCol", w=str(mm_to_twips(width)))
        return tbl

    def row(
        self,
        tbl: etree._Element,
        height: float | None = None,
        *,
        exact: bool = False,
        cant_split: bool = False,
        header: bool = False,
    ) -> etree._Element:
        """Append a ``w:tr`` to *tbl*.

        Args:
            height: the row's least height in mm (its exact height with *exact*).
            cant_split: keep the row on one page; only for rows that always
                fit (Word clips a row taller than a page that may not split):
                see :func:`allow_split`.
            header: repeat the row at the top of every page the table spans.
        """
        tr = sub(tbl, "tr")
        if height is not None or cant_split or header:
            pr = sub(tr, "trPr")
            if cant_split:
                sub(pr, "cantSplit")
            if height is not None:
                rule = "exact" if exact else "atLeast"
                sub(pr, "trHeight", val=str(mm_to_twips(height)), hRule=rule)
            if header:
                sub(pr, "tblHeader")
        return tr

    def cell(
        self,
        tr: etree._Element,
        width: float,
        *,
        span: int = 1,
        merge: Literal["", "restart", "continue"] = "",
        valign: Literal["top", "center", "bottom"] = "center",
    ) -> etree._Element:
        """Append a ``w:tc`` *width* mm wide, spanning *span* grid columns.

        *merge* starts (``restart``) or continues a vertical merge. The cell
        has no paragraph yet: the caller appends at least one.
        """
        tc = sub(tr, "tc")
        pr = sub(tc, "tcPr")
        sub(pr, "tcW", w=str(mm_to_twips(width)), type="dxa")
        if span > 1:
            sub(pr, "gridSpan", val=str(span))
        if merge == "restart":
            sub(pr, "vMerge", val="restart")
        elif merge == "continue":
            sub(pr, "vMerge")
        sub(pr, "vAlign", val=valign)
        return tc

    # -- slots -----------------------------------------------------------------

    def slot(self, p: etree._Element, name: str, style_id: str, tone: Tone = "") -> None:
        """Append to *p* a run marked as the slot *name*, for a :class:`Template`."""
        self.run(p, _SLOT + name, style_id, tone)


class Template:
    """Blocks (paragraphs and tables) with named slots, copied and filled per record.

    Build the blocks once with :meth:`Builder.slot` marking where record text
    goes; :meth:`fill` deep-copies them in one go and writes the values in.
    The slots' places are found once, here, not in every copy.
    """

    def __init__(self, builder: Builder, blocks: Iterable[etree._Element]) -> None:
        self._builder = builder
        self._holder = element("body")
        for block in blocks:
            self._holder.append(block)
        # (name, index among the copy's w:t elements, the paragraph's style)
        self._slots: list[tuple[str, int, str]] = []
        for i, t in enumerate(self._holder.iter(w("t"))):
            name = _slot_name(t)
            if name is not None:
                self._slots.append((name, i, _style_of(_paragraph_of(t))))

    @property
    def slots(self) -> tuple[str, ...]:
        """The names of the template's slots, in document order."""
        return tuple(name for name, _, _ in self._slots)

    def fill(self, values: Mapping[str, Fill]) -> list[etree._Element]:
        """Copies of the blocks with every slot filled from *values*.

        A ``str`` replaces the slot's text and keeps its format (an empty
        one removes the run); a sequence of paragraphs replaces the slot's
        whole paragraph, one paragraph per item.

        Raises:
            KeyError: a slot has no value.
        """
        holder = copy.deepcopy(self._holder)
        ts = list(holder.iter(w("t")))
        for name, i, style_id in self._slots:
            value = values[name]
            if isinstance(value, str):
                _set_text(ts[i], value)
            else:
                self._put_paragraphs(ts[i], value, style_id)
        return list(holder)

    def _put_paragraphs(self, t: etree._Element, paras: Sequence[Para], style_id: str) -> None:
        r = parent_of(t)
        if not paras:
            _detach(r)
            return
        p = parent_of(r)
        ppr = p.find(w("pPr"))
        anchor = p
        for para in paras:
            new = element("p")
            if ppr is not None:
                new.append(copy.deepcopy(ppr))
            for text, tone in para:
                if text:
                    self._builder.run(new, text, style_id, tone)
            anchor.addnext(new)
            anchor = new
        _detach(p)


class RowTemplate:
    """One prepared ``w:tr`` of single-paragraph cells, copied for every row of a grid."""

    def __init__(
        self,
        builder: Builder,
        widths: Sequence[float],
        styles: Sequence[str],
        *,
        height: float | None = None,
        cant_split: bool = False,
        valign: Literal["top", "center", "bottom"] = "center",
    ) -> None:
        holder = element("tbl")
        self._keep = builder.layout.keep_together_chars if cant_split else 0
        self._tr = builder.row(holder, height, cant_split=cant_split)
        holder.remove(self._tr)
        for i, (width, style_id) in enumerate(zip(widths, styles, strict=True)):
            tc = builder.cell(self._tr, width, valign=valign)
            p = builder.paragraph(style_id)
            builder.slot(p, str(i), style_id)
            tc.append(p)
        self._cells = len(widths)

    def make(self, values: Sequence[str | int]) -> etree._Element:
        """A copy of the row with one value per cell, numbers written as digits."""
        if len(values) != self._cells:
            raise ValueError(f"the row has {self._cells} cells, not {len(values)}")
        texts = [str(value) for value in values]
        tr = copy.deepcopy(self._tr)
        for t, text in zip(list(tr.iter(w("t"))), texts, strict=True):
            _set_text(t, text)
        if self._keep and max(map(len, texts), default=0) > self._keep:
            allow_split(tr)
        return tr


def allow_split(block: etree._Element) -> None:
    """Let every row in *block* break across pages: one of them may be taller than a page.

    Word clips a row that may not split and does not fit on a page.
    """
    for found in list(block.iter(w("cantSplit"))):
        _detach(found)


def _set_text(t: etree._Element, text: str) -> None:
    """Put *text* in the slot *t*; an empty text removes the slot's run."""
    text = xml_safe(text)
    r = parent_of(t)
    if not text:
        _detach(r)
    elif "\n" in text or "\t" in text:
        r.remove(t)
        write_text(r, text)
    else:
        _text_of(t, text)


def _slot_name(t: etree._Element) -> str | None:
    text = t.text
    if text and text.startswith(_SLOT):
        return text[1:]
    return None


def parent_of(el: etree._Element) -> etree._Element:
    """The parent of *el*, which must have one."""
    found = el.getparent()
    if found is None:
        raise ValueError(f"{el.tag} has no parent")
    return found


def _paragraph_of(t: etree._Element) -> etree._Element:
    p = t.getparent()
    while p is not None and p.tag != w("p"):
        p = p.getparent()
    if p is None:
        raise ValueError("a slot outside a paragraph")
    return p


def _style_of(p: etree._Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    if style is None:
        raise ValueError("a slot in a paragraph without a style")
    return style.get(w("val"), "")


def _detach(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)
