"""Native Word charts: DrawingML chart parts, their workbooks, and the drawings that show them.

Two bar charts go with 附件3 and the book's appendix
(:func:`~sanquan_core.documents.chart_content`):

* items per group and kind: clustered columns, one series per kind;
* the completion rate per group: one series, values 0–1 shown as percent.

Each chart is a part ``word/charts/chartN.xml`` (``c:chartSpace``), with
the numbers and captions cached in it (``c:strCache``, ``c:numCache``) so
Word and LibreOffice draw it without opening any data, and a small
workbook ``word/embeddings/…xlsx`` (made with openpyxl) holding the same
table, so Word's “Edit Data” opens it. The body shows a chart with an inline
``w:drawing`` whose graphic is a ``c:chart r:id``.

Elements are written in the order the schema (ECMA-376 Part 1, §21.2,
``dml-chart.xsd``) requires: Word refuses a chart part whose children are
out of order. Text in the charts names its Chinese face through ``a:ea``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime

from attrs import frozen
from lxml import etree

from sanquan_core.documents import ChartContent
from sanquan_core.exporters._zip import normalize

from .layout import mm_to_twips
from .xml import R_NS, element, sub, xml_safe

__all__ = [
    "A_NS",
    "CHART_URI",
    "C_NS",
    "WP_NS",
    "ChartPart",
    "ChartStyle",
    "chart_parts",
    "drawing",
]

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_URI = C_NS
"""The ``a:graphicData`` uri of a chart."""

_NSMAP = {"c": C_NS, "a": A_NS, "r": R_NS}
_EMU_PER_TWIP = 635
_SHEET = "Sheet1"
_CATEGORY_AXIS = "500100001"
_VALUE_AXIS = "500100002"


@frozen
class ChartStyle:
    """How the charts look: faces, sizes in points, series colours (hex RGB)."""

    east_asia: str = "宋体"
    title_east_asia: str = "黑体"
    latin: str = "Times New Roman"
    size: float = 9.0
    title_size: float = 12.0
    colors: tuple[str, ...] = ("2E5597", "C55A11", "548235")
    rate_color: str = "2E75B6"


@frozen
class ChartPart:
    """One chart ready for the package: its ``chartSpace`` XML and its workbook."""

    name: str
    """What the chart shows, for the drawing's alternative text."""
    xml: bytes
    workbook: bytes


def chart_parts(
    content: ChartContent, style: ChartStyle, when: datetime
) -> tuple[ChartPart, ChartPart]:
    """The items chart and the completion-rate chart of *content*.

    Every relationship from a chart part to its workbook has the id
    ``rId1`` (each chart part has its own relationships).
    """
    groups = [xml_safe(g) for g in content.groups]
    series = [(xml_safe(label), [float(v) for v in values]) for label, values in content.items]
    items = _chart_space(
        xml_safe(content.items_title),
        groups,
        series,
        style,
        percent=False,
        colors=style.colors,
    )
    rates = _chart_space(
        xml_safe(content.rates_title),
        groups,
        [("完成率", list(content.rates))],
        style,
        percent=True,
        colors=(style.rate_color,),
    )
    return (
        ChartPart(content.items_title, items, _workbook(groups, series, when, percent=False)),
        ChartPart(
            content.rates_title,
            rates,
            _workbook(groups, [("完成率", list(content.rates))], when, percent=True),
        ),
    )


# -- c:chartSpace ----------------------------------------------------------------------


def _c(parent: etree._Element, tag: str, val: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{C_NS}}}{tag}")
    if val is not None:
        el.set("val", val)
    return el


def _a(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{A_NS}}}{tag}")
    for name, value in attrs.items():
        el.set(name, value)
    return el


def _font(parent: etree._Element, east_asia: str, latin: str) -> None:
    _a(parent, "latin", typeface=latin)
    _a(parent, "ea", typeface=east_asia)


def _text_props(
    parent: etree._Element,
    tag: str,
    style: ChartStyle,
    *,
    size: float | None = None,
    rotate: int = 0,
) -> etree._Element:
    """A ``c:txPr`` (or other ``a:CT_TextBody``): the default run properties of its text."""
    body = etree.SubElement(parent, f"{{{C_NS}}}{tag}")
    pr = _a(body, "bodyPr")
    if rotate:
        pr.set("rot", str(rotate * 60000))
        pr.set("vert", "horz")
    _a(body, "lstStyle")
    p = _a(body, "p")
    rpr = _a(_a(p, "pPr"), "defRPr", sz=str(round((size or style.size) * 100)))
    _a(_a(rpr, "solidFill"), "srgbClr", val="000000")
    _font(rpr, style.east_asia, style.latin)
    _a(p, "endParaRPr", lang="zh-CN")
    return body


def _title(chart: etree._Element, text: str, style: ChartStyle) -> None:
    title = _c(chart, "title")
    rich = _c(_c(title, "tx"), "rich")
    _a(rich, "bodyPr")
    _a(rich, "lstStyle")
    p = _a(rich, "p")
    size = str(round(style.title_size * 100))
    defaults = _a(_a(p, "pPr"), "defRPr", sz=size, b="1")
    _font(defaults, style.title_east_asia, style.latin)
    run = _a(p, "r")
    rpr = _a(run, "rPr", lang="zh-CN", altLang="en-US", sz=size, b="1")
    _font(rpr, style.title_east_asia, style.latin)
    _a(run, "t").text = text
    _c(title, "overlay", "0")


def _str_ref(parent: etree._Element, formula: str, texts: Sequence[str]) -> None:
    ref = _c(parent, "strRef")
    _c(ref, "f").text = formula
    cache = _c(ref, "strCache")
    _c(cache, "ptCount", str(len(texts)))
    for i, text in enumerate(texts):
        pt = _c(cache, "pt")
        pt.set("idx", str(i))
        _c(pt, "v").text = text


def _num_ref(parent: etree._Element, formula: str, values: Sequence[float], fmt: str) -> None:
    ref = _c(parent, "numRef")
    _c(ref, "f").text = formula
    cache = _c(ref, "numCache")
    _c(cache, "formatCode").text = fmt
    _c(cache, "ptCount", str(len(values)))
    for i, value in enumerate(values):
        pt = _c(cache, "pt")
        pt.set("idx", str(i))
        _c(pt, "v").text = _number(value)


def _number(value: float) -> str:
    """A cached value: integers without ".0", fractions in full (``repr``)."""
    return str(int(value)) if value.is_integer() else repr(value)


def _column(i: int) -> str:
    """The spreadsheet column letter of the *i*-th series (B, C, D …)."""
    return chr(ord("B") + i)


def _chart_space(
    title: str,
    groups: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    style: ChartStyle,
    *,
    percent: bool,
    colors: Sequence[str],
) -> bytes:
    space = etree.Element(f"{{{C_NS}}}chartSpace", nsmap=_NSMAP)
    _c(space, "date1904", "0")
    _c(space, "lang", "zh-CN")
    _c(space, "roundedCorners", "0")
    chart = _c(space, "chart")
    _title(chart, title, style)
    _c(chart, "autoTitleDeleted", "0")
    plot = _c(chart, "plotArea")
    _c(plot, "layout")
    bars = _c(plot, "barChart")
    _c(bars, "barDir", "col")
    _c(bars, "grouping", "clustered")
    _c(bars, "varyColors", "0")
    last = len(groups) + 1
    fmt = "0%" if percent else "General"
    for i, (label, values) in enumerate(series):
        ser = _c(bars, "ser")
        _c(ser, "idx", str(i))
        _c(ser, "order", str(i))
        column = _column(i)
        _str_ref(_c(ser, "tx"), f"{_SHEET}!${column}$1", [label])
        sp = _c(ser, "spPr")
        _a(_a(sp, "solidFill"), "srgbClr", val=colors[i % len(colors)])
        _c(ser, "invertIfNegative", "0")
        _str_ref(_c(ser, "cat"), f"{_SHEET}!$A$2:$A${last}", groups)
        _num_ref(_c(ser, "val"), f"{_SHEET}!${column}$2:${column}${last}", values, fmt)
    if percent:  # one bar a group: its rate written on it
        labels = _c(bars, "dLbls")
        number = _c(labels, "numFmt")
        number.set("formatCode", "0%")
        number.set("sourceLinked", "0")
        sp = _c(labels, "spPr")
        _a(sp, "noFill")
        _a(_a(sp, "ln"), "noFill")
        _text_props(labels, "txPr", style, size=style.size - 1)
        _c(labels, "dLblPos", "outEnd")
        for flag, on in (
            ("showLegendKey", "0"),
            ("showVal", "1"),
            ("showCatName", "0"),
            ("showSerName", "0"),
            ("showPercent", "0"),
            ("showBubbleSize", "0"),
        ):
            _c(labels, flag, on)
    _c(bars, "gapWidth", "60" if len(series) > 1 else "80")
    _c(bars, "axId", _CATEGORY_AXIS)
    _c(bars, "axId", _VALUE_AXIS)
    _category_axis(plot, style)
    _value_axis(plot, style, percent=percent)
    if len(series) > 1:
        legend = _c(chart, "legend")
        _c(legend, "legendPos", "b")
        _c(legend, "overlay", "0")
        _text_props(legend, "txPr", style)
    _c(chart, "plotVisOnly", "1")
    _c(chart, "dispBlanksAs", "gap")
    _text_props(space, "txPr", style)
    external = _c(space, "externalData")
    external.set(f"{{{R_NS}}}id", "rId1")
    _c(external, "autoUpdate", "0")
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _category_axis(plot: etree._Element, style: ChartStyle) -> None:
    axis = _c(plot, "catAx")
    _c(axis, "axId", _CATEGORY_AXIS)
    _c(_c(axis, "scaling"), "orientation", "minMax")
    _c(axis, "delete", "0")
    _c(axis, "axPos", "b")
    number = _c(axis, "numFmt")
    number.set("formatCode", "General")
    number.set("sourceLinked", "1")
    _c(axis, "majorTickMark", "out")
    _c(axis, "minorTickMark", "none")
    _c(axis, "tickLblPos", "nextTo")
    _text_props(axis, "txPr", style, size=style.size - 1, rotate=-45)
    _c(axis, "crossAx", _VALUE_AXIS)
    _c(axis, "crosses", "autoZero")
    _c(axis, "auto", "1")
    _c(axis, "lblAlgn", "ctr")
    _c(axis, "lblOffset", "100")
    _c(axis, "tickLblSkip", "1")  # every group named, however many
    _c(axis, "noMultiLvlLbl", "0")


def _value_axis(plot: etree._Element, style: ChartStyle, *, percent: bool) -> None:
    axis = _c(plot, "valAx")
    _c(axis, "axId", _VALUE_AXIS)
    scaling = _c(axis, "scaling")
    _c(scaling, "orientation", "minMax")
    if percent:
        _c(scaling, "max", "1")
    _c(scaling, "min", "0")
    _c(axis, "delete", "0")
    _c(axis, "axPos", "l")
    grid = _c(axis, "majorGridlines")
    _a(_a(_a(_c(grid, "spPr"), "ln", w="6350"), "solidFill"), "srgbClr", val="D9D9D9")
    number = _c(axis, "numFmt")
    number.set("formatCode", "0%" if percent else "0")
    number.set("sourceLinked", "0")
    _c(axis, "majorTickMark", "out")
    _c(axis, "minorTickMark", "none")
    _c(axis, "tickLblPos", "nextTo")
    _text_props(axis, "txPr", style)
    _c(axis, "crossAx", _CATEGORY_AXIS)
    _c(axis, "crosses", "autoZero")
    _c(axis, "crossBetween", "between")
    if percent:
        _c(axis, "majorUnit", "0.2")


# -- the embedded workbook ----------------------------------------------------------------


def _workbook(
    groups: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    when: datetime,
    *,
    percent: bool,
) -> bytes:
    """The chart's table as an .xlsx: groups down column A, one column per series."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from sanquan_core.exporters.xlsx.sheet import put_text

    wb = Workbook()
    ws = wb.active
    if ws is None:  # pragma: no cover - a new workbook has a sheet
        raise ValueError("openpyxl made a workbook without a sheet")
    ws.title = _SHEET
    put_text(ws.cell(row=1, column=1), "组别")
    for j, (label, values) in enumerate(series, 2):
        put_text(ws.cell(row=1, column=j), label)
        for i, value in enumerate(values, 2):
            cell = ws.cell(row=i, column=j, value=value)
            cell.number_format = "0%" if percent else "0"
    for i, group in enumerate(groups, 2):
        put_text(ws.cell(row=i, column=1), group)
    ws.column_dimensions["A"].width = 24
    props = wb.properties
    props.creator = "sanquan_core"
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)  # save_workbook() would stamp the clock
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize(raw.getvalue(), when)


# -- the drawing in the body -------------------------------------------------------------


def drawing(
    rel_id: str, drawing_id: int, name: str, width_mm: float, height_mm: float
) -> etree._Element:
    """A ``w:r`` holding an inline ``w:drawing`` of the chart part *rel_id*.

    *name* becomes the drawing's alternative text (``wp:docPr/@descr``).
    """
    run = element("r")
    sub(sub(run, "rPr"), "noProof")
    holder = sub(run, "drawing")
    inline = etree.SubElement(
        holder,
        f"{{{WP_NS}}}inline",
        nsmap={"wp": WP_NS},
        distT="0",
        distB="0",
        distL="0",
        distR="0",
    )
    cx = str(mm_to_twips(width_mm) * _EMU_PER_TWIP)
    cy = str(mm_to_twips(height_mm) * _EMU_PER_TWIP)
    etree.SubElement(inline, f"{{{WP_NS}}}extent", cx=cx, cy=cy)
    etree.SubElement(inline, f"{{{WP_NS}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(
        inline,
        f"{{{WP_NS}}}docPr",
        id=str(drawing_id),
        name=f"图表 {drawing_id}",
        descr=xml_safe(name),
    )
    etree.SubElement(inline, f"{{{WP_NS}}}cNvGraphicFramePr")
    graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic", nsmap={"a": A_NS})
    data = etree.SubElement(graphic, f"{{{A_NS}}}graphicData", uri=CHART_URI)
    chart = etree.SubElement(data, f"{{{C_NS}}}chart", nsmap={"c": C_NS, "r": R_NS})
    chart.set(f"{{{R_NS}}}id", rel_id)
    return run
