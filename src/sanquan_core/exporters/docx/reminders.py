"""催报通知 (the ``reminders`` form): a letter to each group, laid out as the notice is.

The words come from :func:`~sanquan_core.documents.reminders.letters_of`.
The head is a letter's (函, GB/T 9704-2012 §10.1): the issuing office as the
red masthead at the top of the type area, 4 mm below it a red double line
(thick over thin, the masthead paragraph's bottom border) and the 函 number
flush right on the line under it. The rest is set by the notice's own
builder (:func:`.notice._main` with the letter's parts,
:meth:`ReminderLetter.as_notice
<sanquan_core.documents.reminders.ReminderLetter.as_notice>`): the title,
the group as addressee, the body (the opening, a paragraph per member
saying what they owe, the deadline) and the signature and date placed as
§7.3.5.2 places them. Each letter starts on a new page and restarts its
page numbers at 1.
"""

from __future__ import annotations

import attrs
from lxml import etree

from sanquan_core import captions
from sanquan_core.documents.reminders import ReminderLetter, letters_of
from sanquan_core.exporters import _official as gb

from .body import Body, Context
from .layout import BODY, DATE_LINE, DOC_TITLE, MASTHEAD
from .notice import _main
from .styles import Section
from .xml import element, ppr_of, put, sub

__all__ = ["reminders"]


def reminders(ctx: Context, out: Body) -> None:
    """A letter per group with incomplete members; one page saying so when there is none."""
    letters = letters_of(ctx)
    if not letters:
        b = ctx.build
        out.add(
            b.paragraph(DOC_TITLE, captions.REMINDERS_TITLE, page_break=True),
            b.paragraph(BODY, captions.REMINDERS_NONE),
        )
        return
    for letter in letters:
        out.section(Section(restart=1))
        out.add(*_head(ctx, letter))
        out.add(*_main(ctx, attrs.evolve(letter.as_notice(), masthead="", doc_number="")))


def _head(ctx: Context, letter: ReminderLetter) -> list[etree._Element]:
    """The 函's head: the masthead over a red double line, the number flush right."""
    b = ctx.build
    blocks = []
    if letter.masthead:
        masthead = b.paragraph(MASTHEAD, letter.masthead, page_break=True)
        borders = element("pBdr")
        sub(
            borders,
            "bottom",
            val="thickThinSmallGap",
            sz=str(round(gb.THICK_RULE_MM * gb.MM * 8)),  # eighths of a point
            space=str(round(gb.RED_RULE_GAP_MM * gb.MM)),
            color=gb.RED.lstrip("#"),
        )
        put(ppr_of(masthead), borders)
        blocks.append(masthead)
    if letter.number:
        blocks.append(b.paragraph(DATE_LINE, letter.number, page_break=not blocks))
    if not blocks:  # neither: the letter still starts on a new page
        blocks.append(b.paragraph(BODY, "", page_break=True))
    return blocks
