"""Native Excel bar charts for the ``xlsx`` exporter.

:mod:`sanquan_core.exporters.xlsx` decides which cells a chart draws and
where it stands; this module builds the openpyxl chart: horizontal bars
(group names are long and there may be dozens of groups, so they read
down the side, first group on top), Chinese titles and labels in the
sheet's font, fixed series colours, and a value axis that can be fixed
to 0–100%.

A chart only refers to cells (``c:f`` references); it carries no copy of
the numbers, so Excel and LibreOffice draw what the cells hold. Nothing
here depends on the clock or on object identity, so the chart XML is the
same bytes for the same input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from attrs import frozen
from openpyxl.chart import BarChart
from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import (
    CharacterProperties,
    Font,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)

__all__ = ["PALETTE", "Bars", "bar_chart"]

_FONT: Final = "宋体"
#: Series colours, one per series in order; the sheet prints in colour or grey alike.
PALETTE: Final = ("4472C4", "ED7D31", "70AD47", "FFC000", "5B9BD5")


@frozen
class Bars:
    """One data series of a chart.

    Attributes:
        values: the cells holding its numbers, e.g. ``'附件3 情况汇总表'!$F$5:$F$28``.
        name: the cell holding its name (shown in the legend), or ``None``.
    """

    values: str
    name: str | None = None


def _props(size: float, *, bold: bool = False) -> CharacterProperties:
    """Character properties in the sheet's font, *size* in points."""
    font = Font(typeface=_FONT)
    return CharacterProperties(sz=round(size * 100), b=bold, latin=font, ea=font)


def _rich(size: float) -> RichText:
    """Text properties (``c:txPr``) for axis labels, the legend and data labels."""
    props = ParagraphProperties(defRPr=_props(size))
    return RichText(p=[Paragraph(pPr=props, r=[], endParaRPr=CharacterProperties(lang="zh-CN"))])


def _title(text: str, size: float, *, bold: bool = False) -> Title:
    """A chart or axis title holding *text* itself (not a cell reference)."""
    props = _props(size, bold=bold)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)]
    )
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def bar_chart(
    *,
    title: str,
    categories: str,
    series: Sequence[Bars],
    category_title: str,
    value_title: str,
    stacked: bool = False,
    percent: bool = False,
) -> BarChart:
    """A horizontal bar chart of *series* over *categories*.

    Args:
        title: the chart's title.
        categories: the cells holding the category names (the groups).
        series: the data series, drawn in :data:`PALETTE` order.
        category_title, value_title: the axis titles.
        stacked: stack the series into one bar per category and show a
            legend; otherwise the bars stand side by side and there is no
            legend (meant for a single series).
        percent: the values are shares: the value axis runs from 0 to 100%
            in steps of 20%, and each bar is labelled with its percentage.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked" if stacked else "clustered"
    if stacked:
        chart.overlap = 100
    chart.gapWidth = 60
    chart.title = _title(title, 14, bold=True)
    chart.roundedCorners = False  # Excel rounds the frame's corners unless told not to

    for index, bars in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        item = Series(
            idx=index,
            order=index,
            tx=None if bars.name is None else SeriesLabel(strRef=StrRef(f=bars.name)),
            cat=AxDataSource(strRef=StrRef(f=categories)),
            val=NumDataSource(numRef=NumRef(f=bars.values)),
            spPr=GraphicalProperties(solidFill=colour, ln=LineProperties(noFill=True)),
        )
        item.invertIfNegative = False
        chart.append(item)

    # The category axis: groups top-down in the order given, the value axis
    # (which crosses it at the "maximum" category) stays at the bottom.
    groups = chart.x_axis
    groups.title = _title(category_title, 10, bold=True)
    groups.scaling.orientation = "maxMin"
    groups.delete = False  # openpyxl 3.1 would hide the axis otherwise
    groups.txPr = _rich(9)
    groups.majorTickMark = "none"
    groups.tickLblPos = "low"

    values = chart.y_axis
    values.title = _title(value_title, 10, bold=True)
    values.delete = False
    values.crosses = "max"
    values.axPos = "b"
    values.txPr = _rich(9)
    if percent:
        values.scaling.min = 0
        values.scaling.max = 1
        values.majorUnit = 0.2
        values.number_format = "0%"
        chart.dataLabels = DataLabelList(
            numFmt="0%",
            txPr=_rich(8),
            showLegendKey=False,
            showVal=True,
            showCatName=False,
            showSerName=False,
            showPercent=False,
            showBubbleSize=False,
        )
    else:
        values.scaling.min = 0
        values.number_format = "0"

    if stacked:
        chart.legend.position = "b"
        chart.legend.txPr = _rich(9)
    else:
        chart.legend = None
    return chart
