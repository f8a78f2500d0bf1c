"""The progress report (进度) in PDF: the series, the groups behind pace, and per office a
vector line chart of the cumulative completion rate over time.

Each office's chart (reportlab.graphics) draws a line per group and a thicker
one for the office as a whole, the expected pace as a grey dashed line, and
each phase's deadline as a dashed vertical rule labelled 阶段截止. Names are
drawn with per-character fallback fonts, as the other charts' are. The
numbers are :func:`~sanquan_core.documents.progress_content`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from sanquan_core import captions
from sanquan_core.documents import OfficeProgress, ProgressContent, progress_content
from sanquan_core.exporters.pdf.chart import LABEL_SIZE, _text
from sanquan_core.exporters.pdf.fonts import FontSet
from sanquan_core.exporters.pdf.tables import centered, grid
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["LINE_COLOURS", "progress", "rate_chart"]

#: The lines' colours: the office as a whole first, then its groups.
LINE_COLOURS = ("#1f4e79", "#c55a11", "#548235", "#bf9000", "#7030a0", "#2e75b6", "#a5a5a5")
#: The expected pace and the deadline rules.
PACE_COLOUR = "#7f7f7f"
#: The chart's plot height, in points.
PLOT_HEIGHT = 150.0


def progress(pdf: Writer) -> list[Any]:
    """The progress report: period, rule, series, behind pace, then each office."""
    s = pdf.styles
    content = progress_content(pdf.progress)
    first, second, third = content.headings
    out: list[Any] = [
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 3 * mm),
        pdf.para(content.period, s.text),
        pdf.para(content.pace_rule, s.text),
        pdf.para(first, s.heading),
        _series_grid(pdf, content, content.rows),
        pdf.para(second, s.heading),
    ]
    if content.behind:
        w = pdf.layout.width
        widths = [w * f for f in (0.22, 0.13, 0.2, 0.14, 0.11, 0.09, 0.11)]
        rows = [
            [pdf.para(name, s.cell), pdf.para(office, s.cell), pdf.para(phase, s.cell)]
            + [centered(pdf, v) for v in rest]
            for name, office, phase, *rest in content.behind
        ]
        out.append(grid(pdf, content.BEHIND_HEADER, rows, widths))
    else:
        out.append(pdf.para(captions.NONE_BEHIND, s.text))
    out.append(pdf.para(third, s.heading))
    fonts = pdf.faces.heading_1
    for office in content.offices:
        chart = rate_chart(content, office, fonts, pdf.layout.width)
        out.append(
            KeepTogether(
                [
                    pdf.para(office.heading, s.heading),
                    pdf.para(office.chart_title, s.chart_title),
                    chart,
                ]
            )
        )
        out.append(_series_grid(pdf, content, office.rows))
    return out


def _series_grid(pdf: Writer, content: ProgressContent, rows: Sequence[Sequence[Any]]) -> Any:
    s = pdf.styles
    w = pdf.layout.width
    widths = [w * f for f in (0.16, 0.14, 0.1, 0.1, 0.07, 0.07, 0.12, 0.12, 0.12)]
    body = [
        [pdf.para(str(day), s.small_center), pdf.para(str(deadline), s.small_center)]
        + [pdf.para(str(v), s.small_center) for v in rest]
        for day, deadline, *rest in rows
    ]
    return grid(pdf, content.HEADER, body, widths, small=True)


def rate_chart(
    content: ProgressContent, office: OfficeProgress, fonts: FontSet, width: float
) -> Drawing:
    """Lines of cumulative completion rate (%) over the days: the office, its groups, the pace."""
    axis_room = 3 * LABEL_SIZE
    left = 4 * LABEL_SIZE
    legend_rows = _legend_rows(office, content, fonts, width - left)
    legend_room = len(legend_rows) * LABEL_SIZE * 1.6 + LABEL_SIZE
    drawing = Drawing(width, PLOT_HEIGHT + axis_room + legend_room + LABEL_SIZE * 2)
    drawing.initialFontName = fonts.name
    drawing.initialFontSize = LABEL_SIZE
    chart = HorizontalLineChart()
    chart.x = left
    chart.y = legend_room + axis_room
    chart.width = width - left - LABEL_SIZE
    chart.height = PLOT_HEIGHT
    # A line without members has no rate to draw; it keeps its colour and legend entry.
    drawn = [i for i, line in enumerate(office.lines) if None not in line.rates]
    lines = [[r * 100 for r in office.lines[i].rates if r is not None] for i in drawn]
    chart.data = [*lines, [e * 100 for e in content.expected]]
    if len(content.labels) < 2:  # one day: points, not lines
        chart.joinedLines = 0
        for i in range(len(lines) + 1):
            chart.lines[i].symbol = makeMarker("FilledCircle")
    chart.categoryAxis.categoryNames = list(content.labels)
    chart.categoryAxis.labels.fontName = fonts.name
    chart.categoryAxis.labels.fontSize = LABEL_SIZE - 1.5
    chart.categoryAxis.labels.angle = 30 if len(content.labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(content.labels) > 8 else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName = fonts.name
    chart.valueAxis.labels.fontSize = LABEL_SIZE - 1
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
    chart.valueAxis.gridStrokeWidth = 0.4
    for at, i in enumerate(drawn):
        colour = colors.HexColor(LINE_COLOURS[i % len(LINE_COLOURS)])
        chart.lines[at].strokeColor = colour
        chart.lines[at].strokeWidth = 2.2 if i == 0 else 1.2
        if len(content.labels) < 2:
            chart.lines[at].symbol.fillColor = colour
    pace = chart.lines[len(lines)]
    pace.strokeColor = colors.HexColor(PACE_COLOUR)
    pace.strokeWidth = 0.9
    pace.strokeDashArray = [3, 2]
    drawing.add(chart)

    marks = Group()
    count = len(content.labels)
    for i, deadline in enumerate(content.deadlines):
        if not deadline:
            continue
        x = chart.x + chart.width * (i + 0.5) / count
        marks.add(
            Line(
                x,
                chart.y,
                x,
                chart.y + chart.height,
                strokeColor=colors.HexColor(PACE_COLOUR),
                strokeWidth=0.6,
                strokeDashArray=[1.5, 1.5],
            )
        )
        _text(
            marks,
            captions.DEADLINE_MARK.strip("（）"),
            x,
            chart.y + chart.height + LABEL_SIZE * 0.4,
            fonts,
            LABEL_SIZE - 1.5,
            "middle",
        )
    y = legend_room - LABEL_SIZE * 1.6
    for row in legend_rows:
        x = left
        for text, colour, dashed in row:
            if dashed:
                marks.add(
                    Line(
                        x,
                        y + LABEL_SIZE * 0.35,
                        x + LABEL_SIZE * 1.6,
                        y + LABEL_SIZE * 0.35,
                        strokeColor=colors.HexColor(colour),
                        strokeWidth=0.9,
                        strokeDashArray=[3, 2],
                    )
                )
            else:
                marks.add(
                    Rect(
                        x,
                        y,
                        LABEL_SIZE * 1.6,
                        LABEL_SIZE * 0.7,
                        fillColor=colors.HexColor(colour),
                        strokeColor=None,
                    )
                )
            x += LABEL_SIZE * 2.1
            x += _text(marks, text, x, y, fonts, LABEL_SIZE, "start") + 1.5 * LABEL_SIZE
        y -= LABEL_SIZE * 1.6
    drawing.add(marks)
    return drawing


def _legend_rows(
    office: OfficeProgress, content: ProgressContent, fonts: FontSet, room: float
) -> list[list[tuple[str, str, bool]]]:
    """The legend's entries (name, colour, dashed), in rows that fit *room*."""
    from sanquan_core.exporters.pdf.flow import advances

    entries = [
        (line.name, LINE_COLOURS[i % len(LINE_COLOURS)], False)
        for i, line in enumerate(office.lines)
    ]
    entries.append((captions.EXPECTED, PACE_COLOUR, True))
    rows: list[list[tuple[str, str, bool]]] = [[]]
    used = 0.0
    for entry in entries:
        need = LABEL_SIZE * 3.6 + sum(advances(entry[0], fonts, LABEL_SIZE)[2])
        if rows[-1] and used + need > room:
            rows.append([])
            used = 0.0
        rows[-1].append(entry)
        used += need
    return rows
