"""The problems of an import as a workbook a clerk can work through (``--errors-out``)."""

from __future__ import annotations

import io

from sanquan_core.readers import ImportResult

__all__ = ["problems_workbook"]

_HEADER = ("文件", "工作表", "单元格", "问题", "代码", "原值")


def problems_workbook(result: ImportResult) -> bytes:
    """One row per problem (then per note): file, sheet, cell, sentence, code, value.

    Every cell is written as text, so nothing read from a file becomes a
    formula in this one.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from sanquan_core.exporters.xlsx.sheet import cell_text

    wb = Workbook()
    sheets = [(wb.active, "问题", result.problems), (None, "提示", result.notes)]
    for ws, title, problems in sheets:
        sheet = ws if ws is not None else wb.create_sheet()
        assert sheet is not None
        sheet.title = title
        sheet.append(_HEADER)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for problem in problems:
            params = problem.params
            sheet.append([None] * len(_HEADER))
            row = sheet.max_row
            values = (
                params.get("file", ""),
                params.get("sheet", ""),
                params.get("cell", ""),
                problem.message,
                problem.code,
                params.get("value", ""),
            )
            for column, value in enumerate(values, 1):
                cell = sheet.cell(row, column)
                cell.value = cell_text("" if value is None else str(value))
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for letter, width in zip("ABCDEF", (18, 24, 8, 60, 16, 20), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
