"""Dress python-docx's template in a :class:`.layout.Layout`: styles, sections, fonts.

python-docx's default template is US Letter and names its fonts through
the theme (``w:asciiTheme``, ``w:eastAsiaTheme``). A theme attribute
overrides an explicit face in Word, so setting ``w:eastAsia`` alone would
not show: the theme attributes are removed and every face named outright,
on the document defaults, on every style the exporter uses (Normal and the
headings included) and on the table style.

The page set-up is written per section (:func:`section_properties`): the
book's cover is a section of its own, without a page number, and the book
and the notice restart their page numbers. ``word/fontTable.xml`` lists the
layout's faces with the face a reader falls back to (:func:`font_table`),
and ``word/settings.xml`` turns on separate odd and even footers and,
when asked, the refreshing of fields on open (:func:`configure`).
"""

from __future__ import annotations

from attrs import frozen
from lxml import etree

from sanquan_core.exporters._official import NO_LINE_END, NO_LINE_START, Face

from .layout import TABLE, CharStyle, Layout, ParaStyle, mm_to_twips, pt_to_twips
from .xml import R_NS, element, fonts, indent, sub, w

__all__ = [
    "COMMON_FACES",
    "Footers",
    "Section",
    "configure",
    "fallback_face",
    "font_table",
    "install",
    "section_properties",
]

_ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both"}


def install(styles: etree._Element, layout: Layout) -> None:
    """Apply *layout* to the ``w:styles`` part: defaults, paragraph, table and character styles."""
    _defaults(styles, layout)
    for style in layout.paragraphs:
        _paragraph_style(styles, style, layout.page.text_width)
    _table_style(styles, layout)
    _char_style(styles, layout.alert)


# -- sections -----------------------------------------------------------------------


@frozen
class Section:
    """How one section of the document numbers its pages.

    Attributes:
        cover: the section's first page carries no page number (a cover).
        restart: the page number the section starts with; ``None`` goes on
            from the section before.
    """

    cover: bool = False
    restart: int | None = None


@frozen
class Footers:
    """The relationship ids of the footer parts: odd pages, even pages, a blank one."""

    odd: str
    even: str
    blank: str


def section_properties(layout: Layout, footers: Footers | None, section: Section) -> etree._Element:
    """A ``w:sectPr`` for *section* in *layout*'s page, its children in the schema's order.

    Odd pages take the footer ``footers.odd`` (the default one), even pages
    ``footers.even`` (Word uses it when ``w:evenAndOddHeaders`` is on); a
    cover's first page takes the blank footer.
    """
    page = layout.page
    sect = element("sectPr")
    if footers is not None:
        refs = [("default", footers.odd), ("even", footers.even)]
        if section.cover:
            refs.append(("first", footers.blank))
        for kind, rel_id in refs:
            ref = sub(sect, "footerReference", type=kind)
            ref.set(f"{{{R_NS}}}id", rel_id)
    sub(sect, "pgSz", w=str(mm_to_twips(page.width)), h=str(mm_to_twips(page.height)))
    sub(
        sect,
        "pgMar",
        top=str(mm_to_twips(page.top)),
        right=str(mm_to_twips(page.right)),
        bottom=str(mm_to_twips(page.bottom)),
        left=str(mm_to_twips(page.left)),
        header=str(mm_to_twips(page.header)),
        footer=str(mm_to_twips(page.footer)),
        gutter="0",
    )
    if section.restart is not None:
        sub(sect, "pgNumType", fmt="decimal", start=str(section.restart))
    sub(sect, "cols", space="425")
    if section.cover:
        sub(sect, "titlePg")
    if layout.grid is not None:
        sub(
            sect,
            "docGrid",
            type="linesAndChars",
            linePitch=str(layout.grid.line_pitch),
            charSpace=str(layout.grid.char_space),
        )
    return sect


# -- settings and fonts ---------------------------------------------------------------


def configure(settings: etree._Element, *, update_fields: bool) -> None:
    """Settings for official documents, in ``w:settings`` (python-docx's ``CT_Settings``).

    Separate odd and even footers (page numbers outside); the line-breaking
    rules of Chinese typography (避头尾: no line starts with “，。）” and the
    like, none ends with “（《“”); with *update_fields*, Word refreshes the
    fields (the contents) when it opens the document.
    """
    _set_setting(settings, element("evenAndOddHeaders"))
    _set_setting(settings, element("noLineBreaksAfter", lang="zh-CN", val=NO_LINE_END))
    _set_setting(settings, element("noLineBreaksBefore", lang="zh-CN", val=NO_LINE_START))
    if update_fields:
        _set_setting(settings, element("updateFields", val="true"))


# The tail of w:settings' sequence in the schema (CT_Settings), from the first
# element configure() writes: where each must go among what the template has.
_M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_SL_NS = "http://schemas.openxmlformats.org/schemaLibrary/2006/main"
_SETTINGS_ORDER = tuple(
    tag if tag.startswith("{") else w(tag)
    for tag in (
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        f"{{{_M_NS}}}mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        f"{{{_SL_NS}}}schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    )
)


def _set_setting(settings: etree._Element, new: etree._Element) -> None:
    """Put *new* in place of its namesake, or where the schema's order wants it."""
    old = settings.find(new.tag)
    if old is not None:
        old.addprevious(new)
        settings.remove(old)
        return
    later = set(_SETTINGS_ORDER[_SETTINGS_ORDER.index(new.tag) + 1 :])
    for child in settings:
        if child.tag in later:
            child.addprevious(new)
            return
    settings.append(new)


def font_table(data: bytes, layout: Layout) -> bytes:
    """``word/fontTable.xml`` with the layout's faces and their fallbacks added.

    Each face is listed with ``w:altName`` (the face Word substitutes when
    the named one is missing: 仿宋 for 仿宋_GB2312, 楷体 for 楷体_GB2312 …)
    and the GB2312 character set, so an office PC without the exact face
    still picks a Chinese one of the same kind.
    """
    root = etree.fromstring(data)
    for face in layout.faces:
        for old in root.findall(w("font")):
            if old.get(w("name")) == face.name:
                root.remove(old)
        font = element("font", name=face.name)
        fallback = fallback_face(face)
        if fallback:
            sub(font, "altName", val=fallback)
        sub(font, "charset", val="86")
        sub(font, "family", val="auto")
        sub(font, "pitch", val="variable")
        root.append(font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: Chinese faces every Windows PC with Office has; the fallback is taken from these first.
COMMON_FACES = frozenset(
    {
        *("仿宋", "楷体", "黑体", "宋体", "新宋体", "华文中宋", "微软雅黑"),
        *("FangSong", "KaiTi", "SimHei", "SimSun", "NSimSun", "STZhongsong", "Microsoft YaHei"),
    }
)


def fallback_face(face: Face) -> str:
    """The face ``w:altName`` names for *face*: its first alternate an office PC surely has.

    方正小标宋简体 falls back to 华文中宋 (installed with Office), not to
    another 方正 face that is as likely missing; "" when it has no alternates.
    """
    for name in face.alternates:
        if name in COMMON_FACES:
            return name
    return face.alternates[0] if face.alternates else ""


# -- styles ---------------------------------------------------------------------------


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
    sub(ppr, "kinsoku")  # line-breaking rules for Chinese (避头尾)
    if not layout.cjk_autospace:  # "附件1", "2017年7月15日" as the seed prints them
        sub(ppr, "autoSpaceDE", val="0")
        sub(ppr, "autoSpaceDN", val="0")
    sub(ppr, "spacing", before="0", after="0", line="240", lineRule="auto")


def _find_style(styles: etree._Element, style_id: str) -> etree._Element | None:
    for style in styles.iterchildren(w("style")):
        if style.get(w("styleId")) == style_id:
            return style
    return None


def _paragraph_style(styles: etree._Element, spec: ParaStyle, text_width: float) -> None:
    style = _find_style(styles, spec.style_id)
    if style is None:
        style = sub(styles, "style", type="paragraph", styleId=spec.style_id)
        if not spec.builtin:
            style.set(w("customStyle"), "1")
    # Keep what Word uses to recognise a built-in (its name, qFormat,
    # uiPriority); rebuild the formatting.
    for child in list(style):
        if child.tag in (w("name"), w("basedOn"), w("pPr"), w("rPr"), w("rsid")):
            style.remove(child)
    style.insert(0, element("name", val=spec.name))
    if spec.based_on is not None:
        style.insert(1, element("basedOn", val=spec.based_on))
    style.append(_ppr(spec, text_width))
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


def _ppr(spec: ParaStyle, text_width: float) -> etree._Element:
    """``w:pPr`` of *spec*, its children in the schema's order."""
    ppr = element("pPr")
    if spec.keep_next:
        sub(ppr, "keepNext")
        sub(ppr, "keepLines")
    if spec.rule is not None:
        rule = spec.rule
        sub(
            sub(ppr, "pBdr"),
            "bottom",
            val="single",
            sz=str(round(rule.width * 8)),  # eighths of a point
            space=str(round(rule.gap)),
            color=rule.color,
        )
    if spec.tabs or spec.toc_tab:
        tabs = sub(ppr, "tabs")
        for mm in spec.tabs:
            sub(tabs, "tab", val="left", pos=str(mm_to_twips(mm)))
        if spec.toc_tab:
            sub(tabs, "tab", val="right", leader="dot", pos=str(mm_to_twips(text_width)))
    sub(ppr, "snapToGrid", val="0")  # see layout: condensed type, not the char grid
    spacing = sub(
        ppr, "spacing", before=str(pt_to_twips(spec.before)), after=str(pt_to_twips(spec.after))
    )
    if spec.exact_line is not None:
        spacing.set(w("line"), str(pt_to_twips(spec.exact_line)))
        spacing.set(w("lineRule"), "exact")
    else:
        spacing.set(w("line"), str(round(spec.line * 240)))
        spacing.set(w("lineRule"), "auto")
    indent(
        ppr,
        spec.size,
        left=spec.left,
        right=spec.right,
        first_line=spec.first_line,
        hanging=spec.hanging,
    )
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
    sub(rpr, "color", val=spec.color)
    if spec.tracking:
        sub(rpr, "spacing", val=str(pt_to_twips(spec.tracking)))
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
