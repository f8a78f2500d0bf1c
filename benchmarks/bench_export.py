"""Export speed against plain uses of the same libraries, measured in the same run.

Run: python benchmarks/bench_export.py [VISITS]   (default 2,000)

Each format's peer writes the same visits with the library's own plain,
recommended API and no care for layout:

- XLSX: openpyxl write-only, ``ws.append`` of one tuple per visit;
- DOCX: python-docx, one table per visit built with ``add_table`` and
  ``add_row().cells`` (the linear API; ``table.cell(r, c)`` is quadratic);
- PDF: reportlab ``SimpleDocTemplate`` with one ``Table`` of one row per
  visit, in the same embedded TrueType font.

The ratio says what the forms' layout, safety and reproducibility cost on
top of the library doing the bare minimum.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaigns import scaled

import sanquan_core as sq
from benchmarks._harness import compare

FIELDS = ("id", "member_id", "target", "address", "visited_on", "situation", "needs_help")


def rows(campaign: sq.Campaign) -> list[tuple[str, ...]]:
    return [tuple(str(getattr(v, f)) for f in FIELDS) for v in campaign.visits]


def plain_xlsx(data: list[tuple[str, ...]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for row in data:
        ws.append(row)
    wb.save(io.BytesIO())


def plain_docx(data: list[tuple[str, ...]]) -> None:
    import docx

    document = docx.Document()
    for row in data:
        table = document.add_table(rows=0, cols=2)
        for name, value in zip(FIELDS, row, strict=True):
            cells = table.add_row().cells
            cells[0].text = name
            cells[1].text = value
    document.save(io.BytesIO())


def plain_pdf(data: list[tuple[str, ...]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    if "BenchCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont("BenchCJK", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0)
        )
    table = Table([list(r) for r in data], repeatRows=0)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "BenchCJK", 7)]))
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([table])


def main() -> None:
    visits = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    campaign = scaled(visits)
    data = rows(campaign)
    print(f"{visits} visits, form 附件1 only")
    for name, peer in (("xlsx", plain_xlsx), ("docx", plain_docx), ("pdf", plain_pdf)):
        compare(
            f"{name}: 附件1, one form (row) per visit",
            (f"plain {name} of the same fields", lambda peer=peer: peer(data)),
            [
                (
                    f"sq.export(format={name!r}, forms=['visits'])",
                    lambda name=name: sq.export(
                        campaign, io.BytesIO(), format=name, forms=["visits"]
                    ),
                )
            ],
            repeat=3,
        )


if __name__ == "__main__":
    main()
