"""催报通知 (the ``reminders`` form): a letter to each group, on the notice's official page.

The words come from :func:`~sanquan_core.documents.reminders.letters_of`.
The head is a letter's (函, GB/T 9704-2012 §10.1): the issuing office as the
red masthead at the top of the type area, 4 mm below it a red double line
(thick over thin) across the type area, and the 函 number flush right on
the line under it. The rest is the notice's (:func:`.notice.notice_story`
with the letter's parts, :meth:`ReminderLetter.as_notice
<sanquan_core.documents.reminders.ReminderLetter.as_notice>`): the title,
the group as addressee, the body, the signature and date. Each letter
starts on a new page.
"""

from __future__ import annotations

from typing import Any

import attrs
from reportlab.platypus import PageBreak

from sanquan_core import captions
from sanquan_core.documents.reminders import ReminderLetter, letters_of
from sanquan_core.exporters import _official as gb
from sanquan_core.exporters.pdf.flow import Gap, Masthead, Rule
from sanquan_core.exporters.pdf.notice import notice_story
from sanquan_core.exporters.pdf.official import Official
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["letter_head", "reminders"]


def reminders(pdf: Writer) -> list[Any]:
    """A letter per group with incomplete members; a page saying so when there is none."""
    letters = letters_of(pdf)
    ink = pdf.ink
    if not letters:
        return [ink.title(captions.REMINDERS_TITLE), ink.blank(), ink.body(captions.REMINDERS_NONE)]
    out: list[Any] = []
    for i, letter in enumerate(letters):
        if i:
            out.append(PageBreak())
        out += letter_head(letter, ink)
        body = attrs.evolve(letter.as_notice(), masthead="", doc_number="")
        out += notice_story(body, ink)
    return out


def letter_head(letter: ReminderLetter, ink: Official) -> list[Any]:
    """The 函's head: the masthead, the red double line, the number flush right."""
    t = ink.layout
    red = ink.red()
    out: list[Any] = []
    if letter.masthead:
        out += [
            Masthead(
                letter.masthead,
                ink.faces.title,
                red,
                max_size=2 * t.doc_title_size,
                margin=2 * t.char_pitch,
            ),
            Gap(gb.RED_RULE_GAP_MM * gb.MM),
            Rule(gb.THICK_RULE_MM * gb.MM, red),
            Gap(gb.LETTER_RULE_SPACE_MM * gb.MM),
            Rule(gb.THIN_RULE_MM * gb.MM, red),
        ]
    if letter.number:
        out.append(ink.right(letter.number, 0.0))
    return out
