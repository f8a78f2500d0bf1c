"""通知 (the ``notice`` form): the notice that issued the plan, on the official page.

The words come from :func:`~sanquan_core.documents.notice_content` (the plan's notice
fields). The caller adds 附件1–3 and then :func:`imprint`. Placement follows
GB/T 9704-2012:

* the masthead (发文机关标志) in red, the title face, centred, its top 35 mm
  below the type area's top, as large as fits with two characters free on
  each side;
* two blank lines, the document number centred; 4 mm below it a red rule
  across the type area;
* two blank lines, the title (2号, centred, lines of even length); a blank
  line; the addressees flush left with a full-width colon;
* the paragraphs, first lines indented two characters;
* a blank line, then the attachment list: 附件： two characters in, each
  further attachment under the first one's number, a long name wrapping
  under the name's first character;
* a blank line, the signature two characters in from the right and the date
  under it starting two characters further right; when the date is the
  longer, the date is two characters in and the signature moves left;
* on a new page the plan itself: its title, then its paragraphs by level
  (一、 黑体, （一） 楷体, body text);
* :func:`imprint`: the 版记 at the foot of the last page, the issuing office
  one 4号 character in from the left, the date with 印发 one in from the right.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.platypus import PageBreak

from sanquan_core.documents import NoticeContent, notice_content
from sanquan_core.exporters import _official as gb
from sanquan_core.exporters._official import MM
from sanquan_core.exporters.pdf.flow import Gap, Imprint, Masthead, Rule, advances
from sanquan_core.exporters.pdf.forms import (
    blank_results,
    blank_summary,
    blank_visits,
    results,
    summary_form,
    visits,
)
from sanquan_core.exporters.pdf.official import Official
from sanquan_core.exporters.pdf.writer import Writer

__all__ = ["imprint", "notice_story"]

#: The masthead's top, below the type area's top edge.
MASTHEAD_TOP = gb.MASTHEAD_TOP_MM * MM
#: The red rule, below the document number.
RULE_GAP = gb.RED_RULE_GAP_MM * MM
#: 附件 before the attachment list.
ATTACHMENTS = "附件："


def notice_story(content: NoticeContent, ink: Official) -> list[Any]:
    """The notice and the plan's text, as flowables."""
    t = ink.layout
    out: list[Any] = []
    if content.masthead:
        out += [
            Gap(MASTHEAD_TOP),
            Masthead(
                content.masthead,
                ink.faces.title,
                ink.red(),
                max_size=2 * t.doc_title_size,
                margin=2 * t.char_pitch,
            ),
            ink.blank(2),
        ]
    if content.doc_number:
        out.append(ink.flush(content.doc_number, align="center"))
    if content.masthead:
        em_bottom = (t.line_pitch - t.body_size) / 2  # the number's glyphs end above its line
        out += [Gap(max(0.0, RULE_GAP - em_bottom)), Rule(t.thick_rule, ink.red())]
    out += [ink.blank(2), ink.title(content.title), ink.blank()]
    if content.addressees:
        out.append(ink.flush(content.addressees + "："))
    out += [ink.body(p) for p in content.paragraphs]
    out += _attachments(content, ink)
    out += _signature(content, ink)
    out += _plan(content, ink)
    return out


def _width(text: str, ink: Official) -> float:
    t = ink.layout
    _, _, adv = advances(text, ink.faces.body, t.body_size, t.char_space)
    return sum(adv)


def _attachments(content: NoticeContent, ink: Official) -> list[Any]:
    if not content.attachments:
        return []
    out: list[Any] = [ink.blank()]
    start = ink.indent + _width(ATTACHMENTS, ink)
    for i, name in enumerate(content.attachments):
        number, _, rest = name.partition(" ")
        hang = start + (_width(number + " ", ink) if rest else 0.0)
        if i == 0:
            out.append(ink.text(ATTACHMENTS + name, first_indent=ink.indent, indent=hang))
        else:
            out.append(ink.text(name, first_indent=start, indent=hang))
    return out


def _signature(content: NoticeContent, ink: Official) -> list[Any]:
    if not content.signature and not content.date_text:
        return []
    pitch = ink.layout.char_pitch
    signature = _width(content.signature, ink) / pitch
    date = _width(content.date_text, ink) / pitch
    signature_right, date_right = gb.signature_indents(signature, date)
    out: list[Any] = [ink.blank()]
    if content.signature:
        out.append(ink.right(content.signature, signature_right))
    if content.date_text:
        out.append(ink.right(content.date_text, date_right))
    return out


def _plan(content: NoticeContent, ink: Official) -> list[Any]:
    if not content.plan_title and not content.plan_paragraphs:
        return []
    out: list[Any] = [PageBreak()]
    if content.plan_title:
        out += [ink.title(content.plan_title), ink.blank()]
    for level, text in content.plan_paragraphs:
        if level == 1:
            out.append(ink.heading_1(text))
        elif level == 2:
            out.append(ink.heading_2(text))
        else:
            out.append(ink.body(text))
    return out


def imprint(content: NoticeContent, ink: Official) -> list[Any]:
    """The 版记 (印发机关 and 印发日期 between two rules) at the foot of the last page."""
    left, right = content.imprint
    if not left and not right:
        return []
    t = ink.layout
    return [
        Imprint(
            left,
            right,
            ink.faces.body,
            t.imprint_size,
            t.line_pitch,
            t.thick_rule,
            inset=t.imprint_size,
        )
    ]


# -- the form builder ------------------------------------------------------------


def notice(pdf: Writer) -> list[Any]:
    """The notice, the plan's text, 附件1–3 (blank unless ``filled``), the 版记."""
    content = notice_content(pdf.campaign)
    out = notice_story(content, pdf.ink)
    if pdf.options.filled:
        parts: list[Iterable[Any]] = [visits(pdf), results(pdf), summary_form(pdf)]
    else:
        parts = [blank_visits(pdf), blank_results(pdf), blank_summary(pdf)]
    for part in parts:
        out.append(PageBreak())
        out += list(part)
    out += imprint(content, pdf.ink)
    return out
