"""The ``pdf`` format: the forms, the book and the notice, ready to print, fonts embedded.

What the file holds, one part per requested form, each starting on a new page:

* ``visits`` — 附件1 走访情况登记表: one filled-in form per visit, a member's
  forms together and each member starting on a new page;
* ``results`` — 附件2 “三个一”工作成果登记表: one form per member, with
  every item of each kind and what the member still owes;
* ``summary`` — 附件3 情况汇总表: the two-level merged header of the seed,
  one row per group and the 汇总 row, numbers from
  :func:`sanquan_core.summarize`; the header repeats when the table runs
  over a page; then the two charts (:mod:`.chart`);
* ``completion`` — the completion report: totals, each group's rate, the
  reminder list (催报名单) by office then group, the records outside the
  campaign window, the rules' findings, and every member's status;
* ``book`` — 成果汇编 (:mod:`.book`): cover, contents with page
  numbers, a chapter per kind with the groups in plan order, and the
  appendix (附件3's table, the completion figures, the charts);
* ``notice`` — the notice packet (:mod:`.notice`): the red-headed
  notice, the plan's text, 附件1–3 blank as in the seed (filled in with
  the data when ``filled``), the 版记;
* ``reminders`` — 催报通知 (:mod:`.reminders`): a letter (函) to each group
  with incomplete members, set as the notice is;
* ``progress`` (only when asked for) — 进度 (:mod:`.progress`): the whole
  campaign's cumulative series, the groups behind pace, and per office a
  vector line chart of the cumulative completion rate, with its series;
* ``follow_up`` — 办理情况 (:mod:`.followup`), asked for by name: the
  handling and the adoption tallies by kind and by office, the units'
  replies and the overdue list by unit, each a grid whose header repeats.

Decisions worth knowing:

* **One page for everything.** Every page is the official page of GB/T
  9704-2012 (:mod:`.layout`): the book and the notice are official
  documents, and the forms are the notice's attachments, bound with it.
  Running text sits on the standard's grid (22 lines of 28 characters,
  :mod:`.flow`); tables keep smaller type (五号) so a form keeps to a
  page. Page numbers are the physical page numbers of the file, outside
  (odd right, even left); a book's cover shows none.
* **Fonts by role.** Body 仿宋, titles 小标宋, headings 黑体 and 楷体, page
  numbers 宋体: each role embeds the best TrueType face installed
  (:func:`~.fonts.resolve_faces`; on a Debian machine with the CI's fonts
  AR PL SungtiL GB for 仿宋/小标宋/宋体, WenQuanYi Micro Hei for 黑体, AR PL
  KaitiM GB for 楷体). The choice is written into the PDF's keywords
  (``字体：正文=…（代仿宋_GB2312）；…``), logged on the ``sanquan_core``
  logger, and returned by :func:`fonts_used` for a command line. Without
  any TrueType Chinese font the file falls back to reportlab's
  non-embedded ``STSong-Light`` and a
  :class:`~sanquan_core.exporters.pdf.fonts.FontWarning` says what to install.
* **Characters the font lacks** (弶 in the AR PL GB faces, emoji, rare CJK
  Extension B characters such as 𠀀) are drawn in a fallback font that has
  them when the machine has one, else replaced by the geta mark 〓, the
  sign Chinese typesetting uses for a missing character. Nothing is drawn
  as an empty box and nothing vanishes silently; invisible modifiers (skin
  tones, variation selectors) are dropped.
* **Chinese typography.** No line starts with ，。、；：？！）》 etc. nor ends
  with （《“ (:func:`.text.break_lines`); user text in the book and
  the notice prints its ASCII punctuation full-width next to Chinese
  (:func:`~sanquan_core.documents.full_width`); dates read 2017年7月11日.
* **User text is text.** Everything a user typed is escaped before reportlab's
  paragraph parser sees it, or drawn without a parser: ``<b>`` and
  ``&amp;`` print as themselves. Control characters were removed by the
  shared content layer.
* **Long text.** A table cell cannot run over a page, so long fields are cut
  (:func:`~sanquan_core.exporters.pdf.text.chunks`) into several rows of one
  visual cell: a 36,000-character report flows over as many pages as it
  needs, the form's frame continuing on each.
* **Outside the window.** Visits and items dated outside the campaign are
  printed on the forms, marked “（不在活动期内，未计入汇总）”, and listed in
  the completion report; the summary and the book do not count them.
* **Part of a campaign, masked data.** A form's first page says which part
  of the campaign it covers (范围：…) and that personal data was masked
  (（已隐去个人信息）), one line each; the book says so on its cover.
* **Reproducible.** Document dates come from
  :meth:`~sanquan_core.exporters.ExportOptions.timestamp`, never the clock; the
  file ID is a digest of the pages' content. The same input and options give
  the same bytes (on the same fonts).
* Each form is built by its own small function here; the official text
  roles are :class:`.official.Official`'s.

Settings (``sq.export(..., font=..., font_index=...)``): ``font`` is a path
to a ``.ttf``/``.ttc`` file, ``font_index`` the face of a collection; a
named font serves every role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from reportlab.platypus import PageBreak

from sanquan_core import captions
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters.pdf.book import book
from sanquan_core.exporters.pdf.faces import FaceChoice, face_mapping, resolve_faces
from sanquan_core.exporters.pdf.followup import follow_up
from sanquan_core.exporters.pdf.forms import results, summary_form, visits
from sanquan_core.exporters.pdf.layout import Layout, Meta, build
from sanquan_core.exporters.pdf.notice import notice
from sanquan_core.exporters.pdf.points import points
from sanquan_core.exporters.pdf.progress import progress
from sanquan_core.exporters.pdf.reminders import reminders
from sanquan_core.exporters.pdf.report import completion
from sanquan_core.exporters.pdf.writer import Anchor, Stream, Writer
from sanquan_core.model import Campaign

__all__ = ["OUTSIDE_MARK", "export", "fonts_used"]

#: Printed beside a visit or item dated outside the campaign window.
OUTSIDE_MARK = captions.OUTSIDE_MARK


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the requested forms of *campaign* to *stream* as a PDF."""
    faces = resolve_faces(options.settings)
    layout = Layout()
    pdf = Writer(campaign, faces, layout, options)
    story: list[Any] = []
    for i, form in enumerate(options.forms):
        builder = BUILDERS.get(form)
        if builder is None:
            raise ExportError(f"the pdf format cannot produce {form.label} ({form.value})")
        if i:
            story.append(PageBreak())
        story.append(Anchor(form.label, 0, form=form))
        if form in WHOLE:
            # official text keeps headings with what follows: handed over whole
            story += builder(pdf)
        else:
            # a batch at a time; the book gives groups that keep its headings with their items
            story.append(Stream(iter(builder(pdf))))
    plan = campaign.plan
    meta = Meta(
        title=f"{plan.title}（{'、'.join(f.label for f in options.forms)}）",
        author=plan.issuer,
        subject=plan.doc_number,
        created=options.timestamp(campaign),
        keywords=f"字体：{faces.describe()}",
    )
    build(story, stream, layout, faces, meta, contents_number=pdf.contents_number, steps=pdf.steps)


def fonts_used(settings: Mapping[str, Any] | None = None) -> dict[str, FaceChoice]:
    """The font each role of the page gets (正文, 标题, 一级标题…) with *settings*.

    The same choice :func:`export` makes, and writes into the PDF's
    keywords (``字体：正文=AR PL SungtiL GB（代仿宋_GB2312）；…``); for a
    command line to show before or after exporting.
    """
    return face_mapping(settings)


BUILDERS: dict[Form, Callable[[Writer], Iterable[Any]]] = {
    Form.VISITS: visits,
    Form.RESULTS: results,
    Form.SUMMARY: summary_form,
    Form.COMPLETION: completion,
    Form.BOOK: book,
    Form.POINTS: points,
    Form.NOTICE: notice,
    Form.PROGRESS: progress,
    Form.REMINDERS: reminders,
    Form.FOLLOW_UP: follow_up,
}


#: Forms whose story is handed to the document whole rather than streamed.
WHOLE = frozenset({Form.NOTICE, Form.REMINDERS})
