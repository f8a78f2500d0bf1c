"""Text as documents print it: cleaned of what no format can hold, dates and numbers in
Chinese, ASCII punctuation made full-width next to Chinese, display widths.
"""

from __future__ import annotations

import re
from datetime import date

import wcwidth

from sanquan_core.model import Plan

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """*text* without control characters or lone surrogates (line breaks and tabs stay).

    A JSON string can carry a lone surrogate (``"\\ud800"``); no document
    format can hold one.

    ``\\r\\n`` and ``\\r`` become ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def cn_date(day: date | None) -> str:
    """A date as Chinese documents write it: ``2017年7月11日``; ``""`` for ``None``."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month_day(day: date) -> str:
    """A date without its year, as a letter's deadline or a chart's axis writes it: ``7月31日``."""
    return f"{day.month}月{day.day}日"


CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十: numbering for 一、 and （一） headings (1–99)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else CHINESE_NUMERALS[tens - 1]) + "十"
    if ones:
        text += CHINESE_NUMERALS[ones - 1]
    return text


def paragraphs(text: str) -> tuple[str, ...]:
    """*text* split into its non-empty paragraphs (line breaks end paragraphs)."""
    return tuple(p.strip() for p in clean(text).split("\n") if p.strip())


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"


_HALF_PUNCT = re.compile(
    rf"(?<=[{_CJK}])([,;:?!)])|([(])(?=[{_CJK}])|(?<=[{_CJK}])\.(?=$|[{_CJK}])"
)


def full_width(text: str) -> str:
    """ASCII punctuation next to Chinese made full-width, as official documents print it.

    ``项目,工作`` → ``项目，工作``; ``(一)`` → ``（一）``; a full stop after
    Chinese becomes ``。``. Punctuation between Latin letters or digits
    (``3.5``, ``a,b``, ``http://``) is left alone.
    """

    def swap(match: re.Match[str]) -> str:
        ch = match.group(0)
        return "。" if ch == "." else _HALF_TO_FULL[ch]

    return _HALF_PUNCT.sub(swap, text)


def width(text: str, ambiguous: int = 1) -> int:
    """Columns *text* takes where a Chinese character takes two (wcwidth's measure).

    The one measure of text every format uses: a terminal's columns, an Excel
    column's digits, half a character of a page's grid. Wide and full-width
    characters (CJK, full-width forms, emoji) count two, zero-width and
    combining characters nothing, East Asian ambiguous ones (curly quotes,
    box rules) *ambiguous*, others one. Control characters count nothing.
    """
    return int(wcwidth.width(text, control_codes="ignore", ambiguous_width=ambiguous))


def window_text(plan: Plan) -> str:
    """The campaign window in words: ``2017年7月11日至2017年8月31日`` (or ``截至…``)."""
    if plan.starts_on is None:
        return f"截至{cn_date(plan.ends_on)}"
    return f"{cn_date(plan.starts_on)}至{cn_date(plan.ends_on)}"


def period_sentence(plan: Plan) -> str:
    """The sentence that opens a report: ``活动期为2017年7月11日至2017年8月31日。``."""
    if plan.starts_on is None:
        return f"活动截至{cn_date(plan.ends_on)}。"
    return f"活动期为{window_text(plan)}。"
