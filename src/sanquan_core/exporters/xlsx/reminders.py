"""催报通知 as a sheet: a row per member still owing, with the text to send them."""

from __future__ import annotations

from sanquan_core import captions
from sanquan_core.documents.reminders import reminder_texts
from sanquan_core.documents.tables import REMINDER_COLUMNS
from sanquan_core.exporters import Form
from sanquan_core.exporters.xlsx.sheet import Sheet, Style, fit_width
from sanquan_core.exporters.xlsx.workbook import Book

__all__ = ["reminders_sheet"]


def reminders_sheet(book: Book) -> Sheet:
    """The declared reminders table (:data:`REMINDER_COLUMNS`): id, name, group, phone,
    deadline, text; a line saying nobody is behind when nobody is."""
    texts = reminder_texts(book.campaign, book.report)
    header = tuple(c.caption for c in REMINDER_COLUMNS)
    widths = (
        fit_width([header[0]], (t.member_id for t in texts), 8, 12),
        fit_width([header[1]], (t.member for t in texts), 8, 12),
        fit_width([header[2]], (t.group for t in texts), 12, 20),
        fit_width([header[3]], (t.phone for t in texts), 12, 16),
        fit_width([header[4]], ["2017年12月31日"], 8, 20),
        fit_width([header[5]], (t.text for t in texts), 30, 70),
    )
    sheet = book.sheet(Form.REMINDERS, widths, header_rows=(2, 2))
    sheet.title_block(None, captions.REMINDERS_TITLE)
    row = sheet.header(header)
    for t in texts:
        sheet.write(
            [
                (t.member_id, Style.CENTER),
                (t.member, Style.CENTER),
                (t.group, Style.TEXT),
                (t.phone, Style.CENTER),
                (t.deadline, Style.DATE),
                (t.text, Style.TEXT),
            ]
        )
    if texts:
        sheet.auto_filter(row)
    else:
        sheet.banner(captions.REMINDERS_NONE, Style.LINE)
    return sheet
