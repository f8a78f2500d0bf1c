"""Dress python-docx's template in a :class:`~._docx_layout.Layout`: page, defaults, styles.

python-docx's default template is US Letter and names its fonts through
the theme (``w:asciiTheme``, ``w:eastAsiaTheme``). A theme attribute
overrides an explicit face in Word, so setting ``w:eastAsia`` alone would
not show: the theme attributes are removed and every face named outright,
on the document defaults, on every style the exporter uses (Normal and the
headings included) and on the table style.
"""

from __future__ import annotations

from lxml import etree

from ._docx_layout import TABLE, CharStyle, Layout, ParaStyle, mm_to_twips, pt_to_twips
from ._docx_xml import element, fonts, sub, w

__all__ = ["install"]

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both"}


def install(styles: etree._Element, sect_pr: etree._Element, layout: Layout) -> None:
    """Apply *layout* to the ``w:styles`` part and the body's ``w:sectPr``."""
    _page(sect_pr, layout)
    _defaults(styles, layout)
    for style in layout.paragraphs:
        _paragraph_style(styles, style)
    _table_style(styles, layout)
    _char_style(styles, layout.alert)


def _page(sect_pr: etree._Element, layout: Layout) -> None:
    page = layout.page
    size = _replace(sect_pr, "pgSz", first=True)
    size.set(w("w"), str(mm_to_twips(page.width)))
    size.set(w("h"), str(mm_to_twips(page.height)))
    margins = _replace(sect_pr, "pgMar", after=size)
    for name, mm in (
        ("top", page.top),
        ("right", page.right),
        ("bottom", page.bottom),
        ("left", page.left),
        ("header", page.header),
        ("footer", page.footer),
    ):
        margins.set(w(name), str(mm_to_twips(mm)))
    margins.set(w("gutter"), "0")


def _replace(
    parent: etree._Element, tag: str, *, first: bool = False, after: etree._Element | None = None
) -> etree._Element:
    old = parent.find(w(tag))
    new = element(tag)
    if old is not None:
        old.addprevious(new)
        parent.remove(old)
    elif after is not None:
        after.addnext(new)
    elif first:
        parent.insert(0, new)
    else:
        parent.append(new)
    return new


def _defaults(styles: etree._Element, layout: Layout) -> None:
    normal = layout.style("Normal")
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = element("docDefaults")
        styles.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr = sub(sub(defaults, "rPrDefault"), "rPr")
    fonts(rpr, normal.east_asia, normal.latin)
    half = str(round(normal.size * 2))
    sub(rpr, "sz", val=half)
    sub(rpr, "szCs", val=half)
    sub(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = sub(sub(defaults, "pPrDefault"), "pPr")
    if not layout.cjk_autospace:  # "附件1", "2017年7月15日" as the seed prints them
        sub(ppr, "autoSpaceDE", val="0")
        sub(ppr, "autoSpaceDN", val="0")
    sub(ppr, "spacing", before="0", after="0", line="240", lineRule="auto")


def _find_style(styles: etree._Element, style_id: str) -> etree._Element | None:
    for style in styles.iterchildren(w("style")):
        if style.get(w("styleId")) == style_id:
            return style
    return None


def _paragraph_style(styles: etree._Element, spec: ParaStyle) -> None:
    style = _find_style(styles, spec.style_id)
    if style is None:
        style = sub(styles, "style", type="paragraph", styleId=spec.style_id, customStyle="1")
    # Keep what Word uses to recognise a built-in (its name, qFormat,
    # uiPriority); rebuild the formatting.
    for child in list(style):
        if child.tag in (w("name"), w("basedOn"), w("pPr"), w("rPr"), w("rsid")):
            style.remove(child)
    style.insert(0, element("name", val=spec.name))
    if spec.based_on is not None:
        style.insert(1, element("basedOn", val=spec.based_on))
    style.append(_ppr(spec))
    rpr = _rpr(spec)
    style.append(rpr)
    link = style.find(w("link"))
    if link is not None:  # the linked character style of a heading
        linked = _find_style(styles, link.get(w("val"), ""))
        if linked is not None:
            old = linked.find(w("rPr"))
            if old is not None:
                linked.remove(old)
            linked.append(_rpr(spec))


def _ppr(spec: ParaStyle) -> etree._Element:
    ppr = element("pPr")
    if spec.keep_next:
        sub(ppr, "keepNext")
        sub(ppr, "keepLines")
    if spec.tabs:
        tabs = sub(ppr, "tabs")
        for mm in spec.tabs:
            sub(tabs, "tab", val="left", pos=str(mm_to_twips(mm)))
    spacing = sub(
        ppr, "spacing", before=str(pt_to_twips(spec.before)), after=str(pt_to_twips(spec.after))
    )
    if spec.exact_line is not None:
        spacing.set(w("line"), str(pt_to_twips(spec.exact_line)))
        spacing.set(w("lineRule"), "exact")
    else:
        spacing.set(w("line"), str(round(spec.line * 240)))
        spacing.set(w("lineRule"), "auto")
    if spec.align is not None:
        sub(ppr, "jc", val=_ALIGN[spec.align])
    if spec.outline_level is not None:
        sub(ppr, "outlineLvl", val=str(spec.outline_level))
    return ppr


def _rpr(spec: ParaStyle) -> etree._Element:
    rpr = element("rPr")
    fonts(rpr, spec.east_asia, spec.latin)
    if spec.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    else:
        sub(rpr, "b", val="0")
        sub(rpr, "bCs", val="0")
    sub(rpr, "color", val="000000")
    half = str(round(spec.size * 2))
    sub(rpr, "sz", val=half)
    sub(rpr, "szCs", val=half)
    return rpr


def _table_style(styles: etree._Element, layout: Layout) -> None:
    style = _find_style(styles, TABLE)
    if style is None:  # pragma: no cover - python-docx's template has it
        style = sub(styles, "style", type="table", styleId=TABLE)
        style.append(element("name", val="Table Grid"))
    old = style.find(w("rPr"))
    if old is not None:
        style.remove(old)
    rpr = element("rPr")
    fonts(rpr, layout.table_font, layout.style("Normal").latin)
    ppr = style.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(rpr)
    else:
        tbl_pr = style.find(w("tblPr"))
        if tbl_pr is not None:
            tbl_pr.addprevious(rpr)
        else:
            style.append(rpr)


def _char_style(styles: etree._Element, spec: CharStyle) -> None:
    style = _find_style(styles, spec.style_id)
    if style is not None:
        styles.remove(style)
    style = sub(styles, "style", type="character", customStyle="1", styleId=spec.style_id)
    sub(style, "name", val=spec.name)
    sub(style, "basedOn", val="DefaultParagraphFont")
    sub(style, "qFormat")
    rpr = sub(style, "rPr")
    if spec.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    sub(rpr, "color", val=spec.color)
