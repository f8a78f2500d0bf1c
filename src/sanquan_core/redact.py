"""Masking personal data before documents leave the office.

The book and the tables circulate beyond the CPPCC office; the people
visited and the members' contact details should not. :func:`redact`
returns a copy of a campaign in which

* phone numbers keep their first three and last four digits:
  ``13800000001`` → ``138****0001``; a landline keeps its area code:
  ``0515-85212345`` → ``0515-****2345``;
* addresses are cut to the town (镇、乡、街道) or district level:
  ``东台镇望海路1号`` → ``东台镇``; an address with no such level and a
  house number or street is replaced by ``（地址已隐去）``;
* the names of the people visited become surname + 某: ``李四`` → ``李某``,
  ``周建华（在上海工作的乡友）`` → ``周某（在上海工作的乡友）``;
* phone numbers (mobile and landline) and ID-card numbers written inside
  free text (situations, titles, contents) are masked the same way;
* ``extra`` objects are dropped: what a portal keeps there is unknown.

Members' own names, group names and offices stay: they are public.
``sq.export(..., redact=True)`` and ``sanquan export --redact`` apply this
to every exporter, plugins included.
"""

from __future__ import annotations

import re

from attrs import evolve

from .model import Campaign, Member, Submission, Visit

__all__ = ["mask_address", "mask_name", "mask_numbers", "mask_phone", "redact"]

_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[ -]?(\d{3,4})[ -]?(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_DIGITS = re.compile(r"\d")

# Administrative levels, coarse to fine; an address is cut after the finest
# unit at or above town level.
_UNITS = (
    ("特别行政区", 0), ("自治区", 0), ("省", 0),
    ("自治州", 1), ("地区", 1), ("市", 1), ("州", 1), ("盟", 1),
    ("新区", 2), ("开发区", 2), ("区", 2), ("县", 2), ("旗", 2),
    ("街道", 3), ("镇", 3), ("乡", 3),
)  # fmt: skip
_UNIT = re.compile(r"([\u3400-\u9fff]{1,10}?)(" + "|".join(re.escape(u) for u, _ in _UNITS) + ")")
_LEVEL = dict(_UNITS)
_STREETISH = re.compile(r"[0-9０-９]|路|街|巷|弄|号|村|组|室|幢|栋|楼|小区|大道")

_COMPOUND_SURNAMES = frozenset(
    re.findall(
        "..",
        "欧阳司马诸葛上官东方皇甫尉迟公孙慕容长孙宇文司徒令狐夏侯轩辕"
        "端木独孤南宫西门百里呼延万俟澹台公冶太史申屠钟离闻人赫连",
    )
)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]+")
# Words that end a name inside a longer description: 孙八等居民, 王五夫妇.
_NAME_END = re.compile(r"等|夫妇|一家|同志|先生|女士|老人|师傅|老师|书记|主任|村民|居民")


def mask_phone(text: str) -> str:
    """A phone field masked; digits that look like no phone keep only their last four."""
    masked = mask_numbers(text)
    if masked != text:
        return masked
    digits = _DIGITS.findall(text)
    if len(digits) < 7:
        return text
    keep = len(digits) - 4
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            out.append("*" if seen < keep else ch)
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def mask_numbers(text: str) -> str:
    """Mobile, landline and ID-card numbers inside free text, masked."""
    text = _ID_CARD.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)


def mask_address(text: str) -> str:
    """*text* cut to town (or district) level: ``东台市安丰镇古南街23号`` → ``东台市安丰镇``."""
    if not text.strip():
        return text
    kept, rest, level = "", text.strip(), -1
    while level < 3:
        match = _UNIT.match(rest)
        if match is None or _LEVEL[match.group(2)] < level:
            break
        kept += match.group(0)
        rest = rest[match.end() :]
        level = _LEVEL[match.group(2)]
    if kept:
        return kept
    return "（地址已隐去）" if _STREETISH.search(text) else text


def mask_name(text: str) -> str:
    """A visited person's name as surname + 某: ``李四`` → ``李某``.

    What follows the name (``等居民``, ``（在上海工作的乡友）``) is kept. A
    text that does not start with a Chinese name becomes ``某``.
    """
    stripped = text.strip()
    if not stripped:
        return text
    run = _HAN.match(stripped)
    if run is None:
        return "某"
    name = run.group(0)
    end = _NAME_END.search(name, 1)
    if end is not None:
        name = name[: end.start()]
    surname_length = 2 if name[:2] in _COMPOUND_SURNAMES else 1
    name = name[: surname_length + 2]  # a given name has one or two characters
    return name[:surname_length] + "某" + stripped[len(name) :]


def _visit(visit: Visit) -> Visit:
    return evolve(
        visit,
        target=mask_numbers(mask_name(visit.target)),
        address=mask_address(visit.address),
        situation=mask_numbers(visit.situation),
        needs_help=mask_numbers(visit.needs_help),
        needs_coordination=mask_numbers(visit.needs_coordination),
        extra={},
    )


def _member(member: Member) -> Member:
    return evolve(
        member, phone=mask_phone(member.phone), address=mask_address(member.address), extra={}
    )


def _submission(sub: Submission) -> Submission:
    return evolve(sub, title=mask_numbers(sub.title), content=mask_numbers(sub.content), extra={})


def redact(campaign: Campaign) -> Campaign:
    """A copy of *campaign* with personal data masked, as the module describes."""
    return evolve(
        campaign,
        members=tuple(_member(m) for m in campaign.members),
        visits=tuple(_visit(v) for v in campaign.visits),
        submissions=tuple(_submission(s) for s in campaign.submissions),
        groups=tuple(evolve(g, extra={}) for g in campaign.groups),
        plan=evolve(campaign.plan, extra={}),
        extra={},
    )
