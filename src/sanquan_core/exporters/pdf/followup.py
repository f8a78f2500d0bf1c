"""办理情况 (the ``follow_up`` form) in PDF: the opening sentence, then six grids.

What it says comes from :func:`~sanquan_core.documents.followup.followup_content`;
each part is a :func:`~.tables.grid` whose header repeats on every page, its
rows never taller than a line or two, so a long overdue list flows over pages.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from sanquan_core.documents.followup import FollowUpGrid, followup_content
from sanquan_core.exporters.pdf.tables import grid
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["follow_up", "follow_up_grid"]


def follow_up(pdf: Writer) -> list[Any]:
    """The follow-up report: title, notes, the opening sentence, the six parts."""
    s = pdf.styles
    content = followup_content(pdf.campaign, pdf.ledger)
    out: list[Any] = [
        pdf.para(content.title, s.title),
        *pdf.notes(),
        Spacer(1, 3 * mm),
        pdf.para(content.totals, s.text),
    ]
    for part in content.grids:
        out += follow_up_grid(pdf, part)
    return out


def follow_up_grid(pdf: Writer, part: FollowUpGrid) -> list[Any]:
    """One part: its heading, then its table (small type), or its empty sentence."""
    s = pdf.styles
    out: list[Any] = [pdf.para(part.heading, s.heading)]
    if not part.rows:
        return [*out, pdf.para(part.empty, s.text)]
    previous: object = None
    rows = []
    for values in part.body:
        first = values[0]
        shown = "" if part.merge_first and first == previous else first
        previous = first
        cells = []
        for value, numeric in zip((shown, *values[1:]), part.numeric, strict=True):
            style = s.small_center if numeric else s.small_cell
            cells.append(pdf.para(str(value), style))
        rows.append(cells)
    total = sum(part.widths)
    widths = [pdf.layout.width * w / total for w in part.widths]
    return [*out, grid(pdf, part.header, rows, widths, small=True)]
