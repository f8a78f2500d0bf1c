"""催报通知 (the ``reminders`` form): a letter to each group, laid out as the notice is.

The words come from :func:`~sanquan_core.documents.reminders.letters_of`; each
letter is given the notice's parts (:meth:`ReminderLetter.as_notice
<sanquan_core.documents.reminders.ReminderLetter.as_notice>`) and set by the
notice's own builders (:mod:`.notice`): the issuing office as the masthead,
the 函 number and the red line, the title, the group as addressee, the body
(the opening, a paragraph per member saying what they owe, the deadline) and
the signature and date placed as GB/T 9704-2012 §7.3.5.2 places them. Each
letter starts on a new page and restarts its page numbers at 1.
"""

from __future__ import annotations

from sanquan_core import captions
from sanquan_core.documents.reminders import letters_of

from .body import Body, Context
from .layout import BODY, DOC_TITLE
from .notice import _head, _main
from .styles import Section

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
        content = letter.as_notice()
        out.section(Section(restart=1))
        out.add(*_head(ctx, content, masthead_gap=0.0))
        out.add(*_main(ctx, content))
