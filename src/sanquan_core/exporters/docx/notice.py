"""The notice packet: the notice that issued the plan, the plan, 附件1–3, the imprint.

Laid out as GB/T 9704-2012 sets an official document (its §7), with the
words of :func:`~sanquan_core.documents.notice_content`:

* 版头: the masthead (发文机关标志, red 小标宋, centred, its top
  :attr:`Layout.masthead_gap <.layout.Layout.masthead_gap>` below the
  type area's), two blank lines, the document number centred, and 4 mm under
  it the red line as wide as the type area;
* 主体: two blank lines, the title (2号小标宋, centred), a blank line, the
  addressees and "：" flush left, the paragraphs (3号仿宋, first lines
  indented two characters), a blank line, the attachment list
  (附件：1. … with the later names aligned under the first), a blank line,
  the signature and the date right-aligned: the date two characters in from
  the right, the signature placed so the date starts two characters right
  of it (§7.3.5.2, a document without a seal);
* the plan's own text on a new page: its title centred in 2号小标宋, its
  paragraphs by level (一、 in 黑体, （一） in 楷体, body text in 仿宋);
* 附件1–3, blank as the seed prints them (one empty 附件1, one empty 附件2,
  附件3 with six empty rows and 汇总), or filled with the data when
  ``options.filled``;
* 版记 on a page of its own, at the foot of the type area: 印发机关 on the left
  and 印发日期 on the right, one character in, in 4号仿宋 between two rules
  as wide as the type area.

Page numbers restart at 1 with the notice. User text goes through
:func:`~sanquan_core.documents.full_width`.
"""

from __future__ import annotations

from lxml import etree

from sanquan_core.documents import NoticeContent, notice_content, width
from sanquan_core.exporters import _official as gb

from .body import Body, Context, empty_paragraphs
from .forms import blank_results, blank_summary, blank_visit, results, summary, visits
from .layout import (
    ADDRESSEE,
    ATTACHMENT_LIST,
    BODY,
    DATE_LINE,
    DOC_NUMBER,
    DOC_TITLE,
    HEADING1,
    HEADING2,
    IMPRINT,
    MASTHEAD,
    mm_to_twips,
    pt_to_twips,
)
from .styles import Section
from .xml import element, indent, ppr_of, put, sub

__all__ = ["ATTACHMENTS_CAPTION", "notice", "signature_indents"]

ATTACHMENTS_CAPTION = "附件："
_LEVEL_STYLES = {0: BODY, 1: HEADING1, 2: HEADING2}
#: Thick rules of the imprint: 0.35 mm, in eighths of a point.
_IMPRINT_RULE = str(round(gb.THICK_RULE_MM * gb.MM * 8))


def notice(ctx: Context, out: Body) -> None:
    """The notice packet (see the module docstring)."""
    content = notice_content(ctx.campaign)
    out.section(Section(restart=1))
    out.add(*_head(ctx, content))
    out.add(*_main(ctx, content))
    out.add(*_plan(ctx, content))
    if ctx.options.filled:
        visits(ctx, out)
        results(ctx, out)
        summary(ctx, out)
    else:
        blank_visit(ctx, out)
        blank_results(ctx, out)
        blank_summary(ctx, out)
    out.add(*_imprint(ctx, content))


def _head(ctx: Context, content: NoticeContent) -> list[etree._Element]:
    """版头: masthead, document number, the red line under it."""
    b, layout = ctx.build, ctx.layout
    masthead = b.paragraph(MASTHEAD, content.masthead, page_break=True)
    gap = pt_to_twips(layout.masthead_gap * gb.MM)
    put(ppr_of(masthead), element("spacing", before=str(gap)))
    return [
        masthead,
        *empty_paragraphs(ctx, 2),
        b.paragraph(DOC_NUMBER, content.doc_number),
    ]


def _main(ctx: Context, content: NoticeContent) -> list[etree._Element]:
    """主体: title, addressees, paragraphs, the attachment list, signature and date."""
    b = ctx.build
    blocks = [
        *empty_paragraphs(ctx, 2),
        b.paragraph(DOC_TITLE, content.title),
        *empty_paragraphs(ctx, 1),
    ]
    if content.addressees:
        blocks.append(b.paragraph(ADDRESSEE, content.addressees + "："))
    blocks.extend(b.paragraph(BODY, text) for text in content.paragraphs)
    if content.attachments:
        blocks.extend(empty_paragraphs(ctx, 1))
        first = b.paragraph(ATTACHMENT_LIST, ATTACHMENTS_CAPTION + content.attachments[0])
        size = ctx.layout.style(ATTACHMENT_LIST).size
        indent(ppr_of(first), size, left=2 + 3, hanging=3)
        blocks.append(first)
        blocks.extend(b.paragraph(ATTACHMENT_LIST, name) for name in content.attachments[1:])
    if content.signature or content.date_text:
        blocks.extend(empty_paragraphs(ctx, 1))
        signature_right, date_right = signature_indents(content.signature, content.date_text)
        size = ctx.layout.style(DATE_LINE).size
        for text, right in ((content.signature, signature_right), (content.date_text, date_right)):
            if text:
                p = b.paragraph(DATE_LINE, text)
                indent(ppr_of(p), size, right=right)
                blocks.append(p)
    return blocks


def signature_indents(signature: str, date_text: str) -> tuple[float, float]:
    """Right indents, in characters, of *signature* and *date_text* (:func:`gb.signature_indents`).

    Word sets the grid's characters at a fixed pitch: a half-width character
    takes half of one.
    """
    return gb.signature_indents(width(signature) / 2, width(date_text) / 2)


def _plan(ctx: Context, content: NoticeContent) -> list[etree._Element]:
    """The plan's own text, on a new page: title, then paragraphs styled by level."""
    b = ctx.build
    if not (content.plan_title or content.plan_paragraphs):
        return []
    blocks = [
        b.paragraph(DOC_TITLE, content.plan_title, page_break=True),
        *empty_paragraphs(ctx, 1),
    ]
    blocks.extend(
        b.paragraph(_LEVEL_STYLES.get(level, BODY), text) for level, text in content.plan_paragraphs
    )
    return blocks


def _imprint(ctx: Context, content: NoticeContent) -> list[etree._Element]:
    """版记: one line between two thick rules, at the foot of a page of its own.

    A frame anchored to the bottom of the type area holds it, so it stays at
    the foot of the page whatever the page holds above it.
    """
    issuer, issued = content.imprint
    if not (issuer or issued):
        return []
    layout = ctx.layout
    b = ctx.build
    width = mm_to_twips(layout.page.text_width)
    inset = pt_to_twips(layout.style(IMPRINT).size)  # one character of 4号
    p = b.paragraph(IMPRINT, "\t" + issuer, page_break=True)
    b.run(p, "\t" + issued, IMPRINT)
    ppr = ppr_of(p)
    put(
        ppr,
        element(
            "framePr",
            w=str(width),
            wrap="around",
            vAnchor="margin",
            hAnchor="margin",
            xAlign="center",
            yAlign="bottom",
        ),
    )
    borders = element("pBdr")
    for side in ("top", "bottom"):
        sub(borders, side, val="single", sz=_IMPRINT_RULE, space="4", color="000000")
    put(ppr, borders)
    tabs = element("tabs")
    sub(tabs, "tab", val="left", pos=str(inset))
    sub(tabs, "tab", val="right", pos=str(width - inset))
    put(ppr, tabs)
    return [p]
