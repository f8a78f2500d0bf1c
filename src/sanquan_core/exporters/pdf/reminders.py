"""催报通知 (the ``reminders`` form): a letter to each group, on the notice's official page.

The words come from :func:`~sanquan_core.documents.reminders.letters_of`;
each letter is given the notice's parts (:meth:`ReminderLetter.as_notice
<sanquan_core.documents.reminders.ReminderLetter.as_notice>`) and set by
:func:`.notice.notice_story`, so it is placed as the notice is: the issuing
office as the red masthead (at the top of the type area, as a 函's,
GB/T 9704-2012 §10.1), the 函 number and the red rule, the title, the
group as addressee, the body, the signature and date. Each letter starts on
a new page.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak

from sanquan_core import captions
from sanquan_core.documents.reminders import letters_of
from sanquan_core.exporters.pdf.notice import notice_story
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["reminders"]


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
        out += notice_story(letter.as_notice(), ink, masthead_top=0.0)
    return out
