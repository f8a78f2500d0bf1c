"""The spellings clerks type, read into values: dates, numbers, circles, channels, kinds.

Every function takes the cell's value as read and returns the value, or
raises :class:`BadValueError` with a sentence about the cell alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Final, TypeVar

from sanquan_core._i18n import _
from sanquan_core._keys import fold
from sanquan_core.model import Channel, Circle, FollowUp, LabelledEnum, SubmissionKind
from sanquan_core.readers._base import CellValue
from sanquan_core.readers.xlsx import excel_date

__all__ = [
    "BadValueError",
    "caption_key",
    "norm",
    "parse_channel",
    "parse_circle",
    "parse_date",
    "parse_follow_up",
    "parse_int",
    "parse_kind",
    "text",
]


class BadValueError(ValueError):
    """A cell's value cannot be read as its column needs; ``code`` and ``params`` say why."""

    def __init__(self, message: str, code: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params


_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』*＊:：")


def norm(value: CellValue) -> str:
    """*value* as text with full-width forms folded (NFKC) and every space removed."""
    if value is None:
        return ""
    return fold(str(value))


def caption_key(value: CellValue) -> str:
    """A header cell as compared with captions: :func:`norm`, quotes and colons dropped."""
    return norm(value).translate(_QUOTES).lower()


def text(value: CellValue) -> str:
    """A free-text cell: stripped, line ends made ``\\n``; the text itself as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    out = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return out.strip().strip("\u3000").strip()


_FULL: Final = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SHORT: Final = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT: Final = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _make(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValueError(
            _("{value!r} is not a valid date").format(value=shown), "bad_date", value=shown
        ) from None


def _serial(serial: int) -> date:
    found = excel_date(serial)
    return found.date() if isinstance(found, datetime) else found


def parse_date(value: CellValue, year: int) -> date:
    """A date as clerks type it; ``7月15日`` and ``7.15`` take *year* (the plan's).

    Accepts date cells, Excel serial numbers, 2017-07-15, 2017/7/15,
    2017.7.15, 2017年7月15日, 20170715, 7月15日, 7-15, 7/15 and 7.15, with
    full-width digits and stray spaces.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise BadValueError(_("the date is missing"), "missing", value=None)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        serial = int(value)
        if 20000 <= serial <= 80000:
            return _serial(serial)
        if 19000101 <= serial <= 20991231:
            value = str(serial)
    shown = str(value).strip()
    typed = norm(value)
    if isinstance(value, float):
        typed = repr(value)
    for pattern, has_year in ((_FULL, True), (_COMPACT, True), (_SHORT, False)):
        found = pattern.fullmatch(typed)
        if found:
            numbers = [int(n) for n in found.groups()]
            if has_year:
                return _make(numbers[0], numbers[1], numbers[2], shown)
            return _make(year, numbers[0], numbers[1], shown)
    if typed.isdigit() and 20000 <= int(typed) <= 80000:
        return _serial(int(typed))
    raise BadValueError(
        _("{value!r} is not a valid date").format(value=shown), "bad_date", value=shown
    )


_COUNT = re.compile(r"(?:约|共)?(\d+)(?:人|名|位|个|户|人次)?")


def parse_int(value: CellValue) -> int:
    """A whole number, typed as a number or as text: ``3``, ``３``, ``3人``, `` 3 ``."""
    if isinstance(value, bool):
        raise BadValueError(
            _("{value!r} is not a whole number").format(value=value), "bad_number", value=value
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    found = _COUNT.fullmatch(norm(value))
    if found:
        return int(found.group(1))
    shown = str(value).strip()
    raise BadValueError(
        _("{value!r} is not a whole number").format(value=shown), "bad_number", value=shown
    )


_E = TypeVar("_E", bound=LabelledEnum)

#: Spellings clerks type, beyond the values and labels the enums accept.
_VARIANTS: Final[dict[type[LabelledEnum], dict[str, str]]] = {
    Circle: {
        "界别": "sector",
        "界别群众": "sector",
        "生活": "life",
        "邻里": "life",
        "社区": "life",
        "朋友": "friends",
        "亲友": "friends",
        "亲朋好友": "friends",
        "乡友": "friends",
    },
    Channel: {
        "当面": "in_person",
        "面访": "in_person",
        "上门": "in_person",
        "上门走访": "in_person",
        "实地走访": "in_person",
        "走访": "in_person",
        "座谈": "in_person",
        "电话联系": "phone",
        "打电话": "phone",
        "电话走访": "phone",
        "微信联系": "wechat",
        "微信走访": "wechat",
        "qq联系": "qq",
        "其它": "other",
    },
    SubmissionKind: {
        "建议": "suggestion",
        "发展建议": "suggestion",
        "经济社会发展建议": "suggestion",
        "社情民意": "opinion",
        "社情民意信息": "opinion",
        "双招双引": "lead",
        "双招双引信息": "lead",
    },
    FollowUp: {
        "调研课题": "topic",
        "课题": "topic",
        "提案": "proposal",
        "协调解决": "coordination",
    },
}


def _parse_enum(cls: type[_E], value: CellValue, code: str, noun: Callable[[], str]) -> _E:
    if isinstance(value, str):
        found = cls.spellings().get(value)
        if found is not None:
            return found
    typed = norm(value)
    for attempt in (typed, typed.lower(), caption_key(typed)):
        try:
            return cls.parse(attempt)
        except ValueError:
            pass
        variant = _VARIANTS.get(cls, {}).get(attempt)
        if variant is not None:
            return cls.parse(variant)
    shown = str(value).strip()
    choices = "、".join(m.label for m in cls)
    raise BadValueError(
        _("{value!r} is not a {noun} (write one of {choices})").format(
            value=shown, noun=noun(), choices=choices
        ),
        code,
        value=shown,
        allowed=[m.label for m in cls],
    )


def parse_circle(value: CellValue) -> Circle:
    """A circle by Chinese label, value or common variant (界别, 生活, 朋友)."""
    return _parse_enum(Circle, value, "bad_circle", lambda: _("circle"))


def parse_channel(value: CellValue) -> Channel:
    """A channel by Chinese label, value or common variant (电话联系, 微信联系, 当面)."""
    return _parse_enum(Channel, value, "bad_channel", lambda: _("channel"))


def parse_kind(value: CellValue) -> SubmissionKind:
    """A kind of 三个一 by label, value or variant (建议, 社情民意, 双招双引)."""
    return _parse_enum(SubmissionKind, value, "bad_kind", lambda: _("kind of item"))


def parse_follow_up(value: CellValue) -> FollowUp:
    """A follow-up by label, value or variant (提案, 调研课题)."""
    return _parse_enum(FollowUp, value, "bad_follow_up", lambda: _("follow-up"))
