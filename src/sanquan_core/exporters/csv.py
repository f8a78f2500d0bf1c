"""The ``csv`` format: one form as a CSV file that Excel opens in Chinese.

Each tabular form is a declared table (:mod:`sanquan_core.documents.tables`):
附件1 (a row per visit), 附件2 (a row per member), 附件3 (a row per group and
the 汇总 row), the completion table (a row per member), the book (a row
per item), the reminders (a row per member still owing, with the text
to send) and the follow-up report's tallies (a row per kind, then per
office, then 合计: every number of the report's first four parts; the
units' table and the overdue list are in the XLSX, DOCX and PDF report).
A CSV file holds one of them, so ``forms`` names exactly one.

* UTF-8 with a byte-order mark: Excel on a Chinese system reads the file as
  UTF-8 only when it starts with one.
* A header row of the form's captions on one line each; 附件3 has two, its
  upper row the seed's merged captions (走访“圈子”人数 over 界别圈, 生活圈,
  朋友圈), repeated cells left empty.
* Numbers as numbers, dates as ``2017-07-15``, line breaks inside a cell
  kept (the cell is quoted), lines ending ``\\r\\n`` (RFC 4180).
* Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return (or the full-width ``＝＋－＠``) gets a leading ``'``, as OWASP
  advises against CSV injection: a spreadsheet shows it as text and never
  runs it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Final

from sanquan_core._i18n import _
from sanquan_core.documents import Facts
from sanquan_core.documents.tables import Table, Value, follow_up_table, table
from sanquan_core.errors import OptionError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.model import Campaign

__all__ = ["FORMS", "INJECTION_PREFIXES", "export", "neutralise", "write_table"]

#: The forms a CSV file can hold: the tabular ones.
FORMS: Final = (
    Form.VISITS,
    Form.RESULTS,
    Form.SUMMARY,
    Form.COMPLETION,
    Form.BOOK,
    Form.POINTS,
    Form.REMINDERS,
    Form.FOLLOW_UP,
)
#: First characters that make a spreadsheet read a cell as a formula (OWASP),
#: with the full-width forms Chinese input methods type.
INJECTION_PREFIXES: Final = frozenset("=+-@\t\r＝＋－＠")


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the one form ``options.forms`` names as CSV to *stream*."""
    if len(options.forms) != 1:
        names = ", ".join(f.value for f in FORMS)
        raise OptionError(
            _("a CSV file holds one form; name one of them ({names})").format(names=names),
            "forms",
        )
    facts = Facts(campaign, options)
    form = options.forms[0]
    if form is Form.FOLLOW_UP:
        declared = follow_up_table(campaign, facts.ledger)
    else:
        declared = table(form, campaign, facts.summary, facts.report, options)
    text = io.StringIO(newline="")
    write_table(text, declared)
    stream.write(text.getvalue().encode("utf-8-sig"))


def write_table(out: IO[str], declared: Table) -> None:
    """*declared* as CSV to the text stream *out* (opened with ``newline=""``)."""
    writer = csv.writer(out, lineterminator="\r\n")
    if any(c.group for c in declared.columns):
        upper: list[str] = []
        for caption, span in declared.groups:
            upper += [caption, *[""] * (span - 1)]
        writer.writerow(upper)
        writer.writerow("" if not c.group else c.label for c in declared.columns)
    else:
        writer.writerow(declared.captions)
    for row in declared.rows():
        writer.writerow(_cells(row))


def _cells(row: Sequence[Value]) -> Iterable[str | int | float]:
    for value in row:
        if value is None:
            yield ""
        elif isinstance(value, str):
            yield neutralise(value)
        elif isinstance(value, date):
            yield value.isoformat()
        else:
            yield value


def neutralise(text: str) -> str:
    """*text* as a cell no spreadsheet runs: a leading ``'`` before a formula character.

    Text that begins with ``'`` itself gets one more, so that the reader,
    which takes off one ``'`` before a formula character or a ``'``, gives
    back what was written.
    """
    return "'" + text if text[:1] in INJECTION_PREFIXES or text[:1] == "'" else text
