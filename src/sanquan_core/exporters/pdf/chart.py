"""The two charts of the summary and the book, drawn with reportlab.graphics (vector).

* **Items per group and kind**: horizontal grouped bars, one group of three
  bars per 组 (经济社会发展建议, 社情民意信息, “双招双引”信息), a legend with
  the kinds' labels, each bar labelled with its number;
* **Completion rate per group**: one horizontal bar per 组 on a 0–100 % axis,
  labelled with its rate.

Group names are long, so bars run horizontally and the names stand at the
left, in full, right-aligned. Every text is drawn in the chart face with
per-character fallback (a group name with 弶 keeps it), as the rest of the
PDF. The numbers are :func:`~sanquan_core.documents.chart_content`'s, which are
:func:`sanquan_core.summarize`'s and :func:`sanquan_core.check`'s. More
groups than fit a page are drawn as several charts of the same scale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.platypus import KeepTogether

from sanquan_core.documents import ChartContent, chart_content
from sanquan_core.exporters.pdf.flow import advances
from sanquan_core.exporters.pdf.fonts import FontSet
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["SERIES_COLOURS", "items_charts", "rates_charts"]

#: Bar colours of the three kinds, distinct in grey print too.
SERIES_COLOURS = ("#1f4e79", "#c55a11", "#a9b7c6")
#: The rate bars.
RATE_COLOUR = "#1f4e79"
#: Type size of the charts' labels.
LABEL_SIZE = 9.0
#: Height of one group's band, in points: three bars, or one.
ITEMS_BAND = 21.0
RATES_BAND = 14.0
#: Most groups in one chart; more are drawn as further charts.
ITEMS_PER_CHART = 24
RATES_PER_CHART = 36


def _text(
    group: Group, text: str, x: float, y: float, fonts: FontSet, size: float, anchor: str
) -> float:
    """Draw *text* at (x, y) with fallback fonts; returns its width."""
    chars, faces, adv = advances(text, fonts, size)
    width = sum(adv)
    if anchor == "end":
        x -= width
    elif anchor == "middle":
        x -= width / 2
    i = 0
    while i < len(chars):
        j = i + 1
        while j < len(chars) and faces[j] == faces[i]:
            j += 1
        group.add(String(x, y, chars[i:j], fontName=faces[i], fontSize=size))
        x += sum(adv[i:j])
        i = j
    return width


def _label_width(names: Sequence[str], fonts: FontSet) -> float:
    return max((sum(advances(n, fonts, LABEL_SIZE)[2]) for n in names), default=0.0)


def _nice_max(value: float) -> tuple[float, float]:
    """An axis maximum at or above *value* and a step giving about five ticks."""
    if value <= 0:
        return 5.0, 1.0
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(value / step), step


def _chart(
    names: Sequence[str],
    series: Sequence[Sequence[float]],
    fonts: FontSet,
    width: float,
    band: float,
    *,
    value_max: float,
    step: float,
    label_format: Any,
    axis_format: Any,
    colours: Sequence[str],
    legend: Sequence[str] = (),
) -> Drawing:
    """Horizontal bars: a band per name (top to bottom), a bar per series."""
    label_room = _label_width(names, fonts) + 6
    legend_room = 2 * LABEL_SIZE if legend else 0.0
    axis_room = 2 * LABEL_SIZE
    plot_height = band * len(names)
    drawing = Drawing(width, plot_height + axis_room + legend_room + 4)
    drawing.initialFontName = fonts.name  # else reportlab sets Helvetica first
    drawing.initialFontSize = LABEL_SIZE
    chart = HorizontalBarChart()
    chart.x = label_room
    chart.y = axis_room
    chart.width = width - label_room - 4 * LABEL_SIZE  # room for the last bar's label
    chart.height = plot_height
    chart.data = [tuple(values) for values in series]
    chart.categoryAxis.categoryNames = [""] * len(names)
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.labels.fontName = fonts.name
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.name
    chart.valueAxis.labels.fontSize = LABEL_SIZE - 1
    chart.valueAxis.labelTextFormat = axis_format
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barSpacing = 0.5
    chart.groupSpacing = 3 if len(series) > 1 else 4
    chart.barLabelFormat = label_format
    chart.barLabels.fontName = fonts.name
    chart.barLabels.fontSize = LABEL_SIZE - 1.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    for i, colour in enumerate(colours[: len(series)]):
        chart.bars[i].fillColor = colors.HexColor(colour)
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    labels = Group()
    for i, name in enumerate(names):
        middle = chart.y + plot_height - (i + 0.5) * band
        _text(labels, name, label_room - 6, middle - LABEL_SIZE * 0.35, fonts, LABEL_SIZE, "end")
    if legend:
        x = label_room
        y = chart.y + plot_height + LABEL_SIZE * 0.8
        for text, colour in zip(legend, colours, strict=False):
            labels.add(
                Rect(
                    x,
                    y,
                    LABEL_SIZE,
                    LABEL_SIZE * 0.8,
                    fillColor=colors.HexColor(colour),
                    strokeColor=None,
                )
            )
            x += LABEL_SIZE * 1.4
            x += _text(labels, text, x, y, fonts, LABEL_SIZE, "start") + 2 * LABEL_SIZE
    drawing.add(labels)
    return drawing


def _pieces(count: int, most: int) -> list[range]:
    """Ranges of at most *most* groups, as even as possible."""
    if count == 0:
        return []
    parts = math.ceil(count / most)
    size = math.ceil(count / parts)
    return [range(i, min(count, i + size)) for i in range(0, count, size)]


def items_charts(content: ChartContent, fonts: FontSet, width: float) -> list[Drawing]:
    """Items per group and kind: grouped horizontal bars, a legend of the kinds."""
    top = max((v for _, values in content.items for v in values), default=0)
    value_max, step = _nice_max(top)
    out = []
    for part in _pieces(len(content.groups), ITEMS_PER_CHART):
        out.append(
            _chart(
                [content.groups[i] for i in part],
                [[values[i] for i in part] for _, values in content.items],
                fonts,
                width,
                ITEMS_BAND,
                value_max=value_max,
                step=step,
                label_format="%d",
                axis_format="%d",
                colours=SERIES_COLOURS,
                legend=[label for label, _ in content.items],
            )
        )
    return out


def rates_charts(content: ChartContent, fonts: FontSet, width: float) -> list[Drawing]:
    """Completion rate per group: one bar each on a 0–100 % axis."""
    out = []
    for part in _pieces(len(content.groups), RATES_PER_CHART):
        out.append(
            _chart(
                [content.groups[i] for i in part],
                [[round(content.rates[i] * 100, 1) for i in part]],
                fonts,
                width,
                RATES_BAND,
                value_max=100,
                step=20,
                label_format=_percent,
                axis_format="%d%%",
                colours=(RATE_COLOUR,),
            )
        )
    return out


def _percent(value: float) -> str:
    return f"{value:.0f}%"


# -- the form builder ------------------------------------------------------------


def chart_flowables(pdf: Writer) -> list[Any]:
    """The two charts, each under its title, each kept on one page."""
    content = chart_content(pdf.campaign, pdf.summary, pdf.report)
    if not content.groups:
        return []
    fonts = pdf.faces.heading_1
    width = pdf.layout.width
    out: list[Any] = []
    for title, drawings in (
        (content.items_title, items_charts(content, fonts, width)),
        (content.rates_title, rates_charts(content, fonts, width)),
    ):
        for drawing in drawings:
            heading = pdf.para(title, pdf.styles.chart_title)
            out.append(KeepTogether([heading, drawing]))
    return out
