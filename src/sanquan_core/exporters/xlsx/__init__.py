"""The ``xlsx`` format: an Excel workbook with a sheet per form.

Sheets, in the order of ``options.forms``:

* ``visits`` — 附件1 走访情况登记表, one row per visit, with the visitor and
  their group;
* ``results`` — 附件2 “三个一”工作成果登记表, one row per member, their items
  of each kind in the seed's three columns;
* ``summary`` — 附件3 情况汇总表, the seed's two-level merged header with its
  exact captions, one row per group and the total row 汇总; below it, on
  pages of their own, two native Excel bar charts: the items each group
  handed in, by kind, drawn from the table's own cells, and each group's
  completion rate, drawn from a small table of rates next to it;
* ``completion`` — each member's 三个一 status, the reminder list (催报名单),
  each group's completion rate and the records outside the window;
* ``book`` — 成果汇编, one row per item counted in the summary, in the
  book's order: by kind (the chapters), then group in plan order, then as
  :func:`~sanquan_core.documents.book_content` orders them (an item with
  ledger events shows its status line as its 办理情况); when items were
  adopted, a sheet 成果汇编（采用情况） follows;
* ``progress`` (only when asked for) — 进度: the whole campaign's cumulative
  series a row per week, the groups behind pace at a phase deadline, then
  per office, on a page of its own, its series, a table of cumulative
  completion rates (the expected pace, the office, each group) and a native
  line chart drawn from that table's cells;
* ``follow_up`` — 办理情况, asked for by name (:mod:`.followup`): the
  handling and adoption tallies by kind and by office and the units'
  replies; then a sheet of its own, 超期未答复清单（按承办单位）, the
  hand-overs waiting beyond the plan's limit, its header repeated.

The notice packet (``notice``) is a text document, not a table; asking for
it here raises :class:`~sanquan_core.ExportError` pointing to DOCX or PDF.

Each sheet opens with the 附件N label (where the seed has one) and the
form's title, then a line saying which part of the campaign it covers when
the export is a selection, and a line saying personal data was masked when
it was; it freezes its header and repeats it on every printed page;
pages are A4, one page wide, numbered in the footer. Text is 宋体 and
wraps; column widths count a CJK character as two digits, and row heights
are worked out from the wrapped text, since spreadsheet applications do not
fit the rows of a file they open. Enums are written with their Chinese labels,
dates as real date cells shown as 2017年7月15日, numbers as numbers (never
formulas) taken from :func:`~sanquan_core.summarize` and
:func:`~sanquan_core.check` through :mod:`sanquan_core.documents`.
A visit or item dated outside the campaign window is listed like the others
and marked 不在活动期内，未计入汇总 in red in its 备注 column.

Sheets are streamed (openpyxl's write-only mode): rows go to a temporary
file as they are made and are never held as cells in memory.
The rows themselves are written by :mod:`.rows` (one string per row, the
named styles' shared ids, text as UTF-8), openpyxl writing the rest of each
sheet; the package goes straight into the stream. The file is the same
bytes for the same input: document properties carry
``options.timestamp(campaign)`` and every ZIP entry is stamped with it
(:class:`~sanquan_core.exporters._zip.StampedZip`).

Text that would break the format is handled on purpose:

* Control characters and lone surrogates are removed
  (:func:`~sanquan_core.documents.clean`); XML cannot hold the
  former, UTF-8 cannot encode the latter.
* Text is always stored as a text cell, never a formula or an error value:
  openpyxl would store a string starting with ``=`` as a live formula and
  ``#N/A`` as an error. Text starting with ``=``, ``+``, ``-`` or ``@`` (or
  their full-width forms) also gets Excel's quote-prefix flag, so it stays
  text when someone edits the cell.
* Excel cells hold at most 32,767 characters (UTF-16 units). Longer text is
  cut deliberately, ends with a visible note that the full text is in the
  DOCX/PDF export, and the row's 备注 says which field was cut. (openpyxl
  would cut silently.)
* Markup is plain text; emoji and rare CJK characters (Extension B and
  beyond) are kept as they are, and never split when text is cut.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sanquan_core.documents import clean
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters._zip import StampedZip
from sanquan_core.exporters.xlsx.book import BOOK_HEADER, book_sheet
from sanquan_core.exporters.xlsx.followup import follow_up_sheet
from sanquan_core.exporters.xlsx.forms import results_sheet, summary_sheet, visits_sheet
from sanquan_core.exporters.xlsx.points import points_sheet
from sanquan_core.exporters.xlsx.progress import progress_sheet
from sanquan_core.exporters.xlsx.reminders import reminders_sheet
from sanquan_core.exporters.xlsx.report import completion_sheet
from sanquan_core.exporters.xlsx.sheet import Sheet, discard
from sanquan_core.exporters.xlsx.workbook import OUTSIDE_NOTE, REDACTED_NOTE, SCOPE_PREFIX, Book
from sanquan_core.model import Campaign

__all__ = [
    "BOOK_HEADER",
    "OUTSIDE_NOTE",
    "REDACTED_NOTE",
    "SCOPE_PREFIX",
    "SHEETS",
    "Book",
    "export",
]


# -- the workbook ---------------------------------------------------------------

#: A function adding one form's sheet to the workbook.
SheetBuilder = Callable[[Book], Sheet]

#: The sheet builder of each form; :func:`export` calls them in ``options.forms`` order.
SHEETS: dict[Form, SheetBuilder] = {
    Form.VISITS: visits_sheet,
    Form.RESULTS: results_sheet,
    Form.SUMMARY: summary_sheet,
    Form.COMPLETION: completion_sheet,
    Form.BOOK: book_sheet,
    Form.PROGRESS: progress_sheet,
    Form.POINTS: points_sheet,
    Form.REMINDERS: reminders_sheet,
    Form.FOLLOW_UP: follow_up_sheet,
}


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write *campaign* to *stream* as an Excel workbook, a sheet per form in ``options.forms``."""
    when = options.timestamp(campaign)
    wb = Workbook(write_only=True)
    try:
        book = Book(campaign, options, wb)
        for form in options.forms:
            build = SHEETS.get(form)
            if build is None:
                raise ExportError(
                    f"the xlsx format has no sheet for {form.label} ({form.value}); "
                    f"export it as docx or pdf"
                )
            book.steps.start(form)
            build(book).close()
            book.steps.finish()
        props = wb.properties
        props.creator = "sanquan_core"
        props.title = clean(campaign.plan.title)
        props.created = when
        props.modified = when  # Workbook.save() would stamp the clock here
        # Written once, straight into the stream, entries stamped as normalize() would.
        with StampedZip(stream, when) as archive:
            ExcelWriter(wb, archive).save()
    except BaseException:
        discard(wb)
        raise
