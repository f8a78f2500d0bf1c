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
from openpyxl.chart import BarChart, LineChart
from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.chart.marker import Marker
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

from sanquan_core import captions
from sanquan_core.documents import ChartContent, chart_content, clean
from sanquan_core.exporters.xlsx.sheet import Sheet, Style, Value
from sanquan_core.exporters.xlsx.workbook import Book
from sanquan_core.model import Circle, SubmissionKind

__all__ = ["PALETTE", "Bars", "bar_chart", "line_chart"]

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


def line_chart(
    *,
    title: str,
    categories: str,
    series: Sequence[Bars],
    category_title: str,
    value_title: str,
    dashed: int | None = None,
) -> LineChart:
    """Lines of shares (0–100%) over *categories* (the days), a legend at the bottom.

    Args:
        title: the chart's title.
        categories: the cells holding the days' labels.
        series: the lines, drawn in :data:`PALETTE` order (the first thicker:
            the whole the others are parts of); each named by its cell.
        category_title, value_title: the axis titles.
        dashed: the index of a series drawn as a grey dashed line without
            markers (the expected pace), if any.
    """
    chart = LineChart()
    chart.title = _title(title, 14, bold=True)
    chart.roundedCorners = False
    colour_index = 0
    for index, line in enumerate(series):
        item = Series(
            idx=index,
            order=index,
            tx=None if line.name is None else SeriesLabel(strRef=StrRef(f=line.name)),
            cat=AxDataSource(strRef=StrRef(f=categories)),
            val=NumDataSource(numRef=NumRef(f=line.values)),
        )
        if index == dashed:
            item.graphicalProperties.line = LineProperties(
                solidFill="7F7F7F", w=19050, prstDash="dash"
            )
            item.marker = Marker(symbol="none")
        else:
            colour = PALETTE[colour_index % len(PALETTE)]
            colour_index += 1
            width = 38100 if colour_index == 1 else 22225  # EMU: 3 pt for the whole, 1.75 pt
            item.graphicalProperties.line = LineProperties(solidFill=colour, w=width)
            item.marker = Marker(
                symbol="circle",
                size=5,
                spPr=GraphicalProperties(solidFill=colour, ln=LineProperties(solidFill=colour)),
            )
        item.smooth = False
        chart.append(item)

    days = chart.x_axis
    days.title = _title(category_title, 10, bold=True)
    days.delete = False
    days.txPr = _rich(8)
    days.majorTickMark = "out"
    days.tickLblPos = "low"

    values = chart.y_axis
    values.title = _title(value_title, 10, bold=True)
    values.delete = False
    values.txPr = _rich(9)
    values.scaling.min = 0
    values.scaling.max = 1
    values.majorUnit = 0.2
    values.number_format = "0%"

    chart.legend = Legend(legendPos="b", txPr=_rich(9))
    return chart


#: What is left of an A4 page for the charts, in points: the page less its
#: margins and the repeated header, with some to spare.
_PAGE: Final = 620.0


#: A chart's height: a base, so much per group, at least and at most (points).
_CHART_BASE: Final = 90.0


_CHART_PER_GROUP: Final = 15.6


_CHART_HEIGHT: Final = (200.0, 570.0)


#: The rate table the rate chart draws (columns A–D) ...
_RATE_HEADER: Final = ("组别", "委员人数", "已完成", "完成率")


#: ... and the first column of the chart beside it.
_RATE_CHART_COLUMN: Final = 5


#: Heights of the rate section's rows: heading, header, a one-line row (points).
_SECTION_ROW: Final = 24.0


_RATE_HEADER_ROW: Final = 28.0


_ONE_LINE_ROW: Final = 20.0


def _chart_height(groups: int) -> float:
    low, high = _CHART_HEIGHT
    return max(low, min(high, _CHART_BASE + _CHART_PER_GROUP * groups))


def summary_charts(book: Book, sheet: Sheet, first: int, last: int, captions_row: int) -> None:
    """The two charts under 附件3, starting on a new page.

    The items chart draws the table's own cells: the group names (column A)
    and the three kind columns, each series named by its caption in the
    header. The rate chart draws a small table written for it: each group's
    members, complete members and completion rate, as
    :func:`~sanquan_core.check` found them; a group without members has no
    rate (—) and no bar.
    """
    chart = chart_content(book.campaign, book.summary, book.report)
    groups = last - first + 1
    height = _chart_height(groups)
    # 附件3's kinds follow 组别, 参与活动委员人数 and the circles (the variant's
    # adoption columns come after them).
    first_kind = 3 + len(Circle)
    kinds = range(first_kind, first_kind + len(SubmissionKind))
    sheet.page_break()

    items = bar_chart(
        title=chart.items_title,
        categories=sheet.ref(1, first, 1, last),
        series=[
            Bars(sheet.ref(col, first, col, last), sheet.ref(col, captions_row, col, captions_row))
            for col in kinds
        ],
        category_title=captions.GROUP,
        value_title="报送条数（条）",
        stacked=True,
    )
    sheet.add_chart(items, (1, sheet.columns), sheet.space(height))

    # The rate section follows on the same page when it fits.
    section = _SECTION_ROW + max(_RATE_HEADER_ROW + _ONE_LINE_ROW * groups, height)
    if height + 12 + section > _PAGE:
        sheet.page_break()
    else:
        sheet.skip()
    _rate_section(book, sheet, chart, height)


def _rate_section(book: Book, sheet: Sheet, chart: ChartContent, height: float) -> None:
    """The completion rate per group: a small table, and the rate chart beside it."""
    sheet.banner(
        f"{chart.rates_title}（图表数据，据“三个一”完成情况）", Style.SECTION, height=_SECTION_ROW
    )
    blank = [(None, Style.LINE)] * (sheet.columns - len(_RATE_HEADER))
    cells = [*((c, Style.HEADER) for c in _RATE_HEADER), *blank]
    header = sheet.write(cells, height=_RATE_HEADER_ROW)
    top = sheet.depth - _RATE_HEADER_ROW
    statuses = {g.group_id: g for g in book.report.groups}
    first = header + 1
    for row in book.summary.rows:
        status = statuses[row.group_id]
        rate: Value = "—" if status.rate is None else status.rate
        sheet.write(
            [
                (clean(row.group), Style.TEXT),
                (status.members, Style.INT),
                (status.complete, Style.INT),
                (rate, Style.PERCENT),
                *blank,
            ]
        )
    last = bottom = sheet.row
    room = height - (sheet.depth - top)
    if room > 0:  # the chart is taller than the table: keep its room inside the sheet
        _, bottom = sheet.space(room)
    rates = bar_chart(
        title=chart.rates_title,
        categories=sheet.ref(1, first, 1, last),
        series=[Bars(sheet.ref(4, first, 4, last))],
        category_title=captions.GROUP,
        value_title="完成率",
        percent=True,
    )
    sheet.add_chart(rates, (_RATE_CHART_COLUMN, sheet.columns), (header, bottom))
