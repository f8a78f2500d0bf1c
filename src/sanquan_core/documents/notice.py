"""The notice packet (通知及附件): the notice that issued the plan and the plan's text.

Format-free, like the rest of the content layer.
"""

from __future__ import annotations

import re

from attrs import frozen

from sanquan_core.documents.text import clean, cn_date, full_width
from sanquan_core.model import Campaign


@frozen
class NoticeContent:
    """The notice that issued the plan, and the plan's own text.

    ``plan_paragraphs`` holds (level, text): level 1 for a heading
    starting 一、, level 2 for one starting （一）, 0 for body text.
    """

    masthead: str
    doc_number: str
    title: str
    addressees: str
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]
    signature: str
    date_text: str
    plan_title: str
    plan_paragraphs: tuple[tuple[int, str], ...]
    imprint: tuple[str, str]


_LEVEL_1 = re.compile(r"^[一二三四五六七八九十]+、")


_LEVEL_2 = re.compile(r"^（[一二三四五六七八九十]+）")


#: The attachments as the notice lists them (附件说明).
ATTACHMENT_TITLES = (
    "走访情况登记表",
    "“三个一”工作成果登记表",
    "情况汇总表",
)


def heading_level(text: str) -> int:
    """1 for 一、…, 2 for （一）…, 0 for body text."""
    if _LEVEL_1.match(text):
        return 1
    if _LEVEL_2.match(text):
        return 2
    return 0


def notice_content(campaign: Campaign) -> NoticeContent:
    """The notice of *campaign*'s plan, from the plan's notice fields.

    Its text is as an official document prints it: ASCII punctuation next to
    Chinese made full-width (:func:`~sanquan_core.documents.text.full_width`).
    """
    plan = campaign.plan
    issuer = full_width(clean(plan.issuer))
    title = full_width(clean(plan.notice_title) or f"关于印发《{clean(plan.text_title)}》的通知")
    date_text = cn_date(plan.issued_on)
    return NoticeContent(
        masthead=f"{issuer}文件" if issuer else "",
        doc_number=full_width(clean(plan.doc_number)),
        title=title,
        addressees=full_width(clean(plan.addressees)),
        paragraphs=tuple(full_width(clean(p)) for p in plan.notice_text if p.strip()),
        attachments=tuple(f"{i}. {t}" for i, t in enumerate(ATTACHMENT_TITLES, 1)),
        signature=issuer,
        date_text=date_text,
        plan_title=full_width(clean(plan.text_title)),
        plan_paragraphs=tuple(
            (heading_level(p.strip()), full_width(clean(p.strip()))) for p in plan.text if p.strip()
        ),
        imprint=(issuer, f"{date_text}印发" if date_text else ""),
    )
