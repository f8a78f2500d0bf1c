"""Masking personal data before documents leave the office.

The book and the tables circulate beyond the CPPCC office; the people
visited and the members' contact details should not. :func:`redact`
returns a copy of a campaign in which

* phone numbers keep their first three and last four digits:
  ``13800000001`` → ``138****0001``; a landline keeps its area code:
  ``0515-85212345`` → ``0515-****2345``; an ID-card number keeps its first
  six and last four (the old 15-digit form: last three) characters, and so
  does any other run of 15 or more digits (a bank card);
* numbers are found however they are typed: full-width digits, any
  grouping by spaces (no-break and ideographic included), hyphens, dashes,
  dots or brackets, invisible characters between digits (zero-width space,
  word joiner, soft hyphen …), a ``+86``/``0086``/``86`` prefix or a
  trunk ``0`` before a mobile number, area codes in brackets
  ``(0515)85212345``; the digits are masked where they stand and the rest
  of the text stays as typed (``139 1234 5608`` → ``139 **** 5608``);
* addresses are cut to the town (镇、乡、街道) or district level:
  ``东台镇望海路1号`` → ``东台镇``; an address with no such level and a
  house number or street is replaced by ``（地址已隐去）``; a street
  address with a number inside free text is cut the same way
  (``住在东台市安丰镇古南街23号`` → ``住在东台市安丰镇``);
* every person named in a visit's target becomes surname + 某: ``李四`` →
  ``李某``, ``周建中、李明辉`` → ``周某、李某``, ``在上海工作的乡友周建华`` →
  ``在上海工作的乡友周某``, ``阿依古丽·买买提`` → ``阿某·某某``; those
  names are also masked wherever they recur in the same visit's free text
  and in the items handed in from that visit;
* ``extra`` objects are dropped: what a portal keeps there is unknown.

Members' own names, group names, offices and the plan's and notice's text
stay: they are public. ``sq.export(..., redact=True)`` and ``sanquan export
--redact`` apply this to every exporter, plugins included.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from attrs import evolve

from .model import Campaign, Member, Submission, Visit

__all__ = [
    "mask_address",
    "mask_free_text",
    "mask_name",
    "mask_numbers",
    "mask_phone",
    "redact",
]

# -- normalising, with the way back to the text as typed -----------------------------------

_DOTS = "\u00b7\u0387\u16eb\u2022\u2027\u2219\u22c5\u2e31\u30fb\u318d\uff65"
_OPENING = "【〔〖［[｢「"
_CLOSING = "】〕〗］]｣」"
_FOLD = {
    **dict.fromkeys(_DOTS, "·"),
    **dict.fromkeys(_OPENING, "("),
    **dict.fromkeys(_CLOSING, ")"),
    **dict.fromkeys("\u2212\u2796\u02d7\u2043\ufe63\uff0d", "-"),
}
#: Characters no document shows, or that exporters remove: never part of a match.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cs", "Cc"})


class _Folded:
    """*text* NFKC-normalised, invisible characters dropped, separators unified.

    ``text`` is the folded copy; :meth:`span` maps a match in it back to the
    text as typed.
    """

    __slots__ = ("_origin", "_parts", "text")

    def __init__(self, original: str, *, spaces: bool) -> None:
        self._parts = list(map(_fold_spaced if spaces else _fold_tight, original))
        self.text = "".join(self._parts)
        self._origin: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded ``[start, end)`` came from."""
        if self._origin is None:  # built when first needed: most texts hold nothing to mask
            self._origin = [i for i, part in enumerate(self._parts) for _ in part]
        return self._origin[start], self._origin[end - 1] + 1


def _fold(ch: str, spaces: bool) -> str:
    """What one character of the original becomes in the folded copy."""
    if _invisible(ch):
        return ""
    out = []
    for part in unicodedata.normalize("NFKC", ch):
        c = _FOLD.get(part, part)
        if c.isspace():
            if not spaces:
                continue
            c = " "
        elif _invisible(c):
            continue
        elif c.isdecimal() and not c.isascii():
            c = str(unicodedata.decimal(c))
        elif unicodedata.category(c) == "Pd":
            c = "-"
        out.append(c)
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def _fold_spaced(ch: str) -> str:
    return _fold(ch, True)


@functools.lru_cache(maxsize=8192)
def _fold_tight(ch: str) -> str:
    return _fold(ch, False)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES and not ch.isspace()


def _replace(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """*text* with each non-overlapping ``(start, end, new)`` applied."""
    out, at = [], 0
    for start, end, new in sorted(edits):
        if start < at:
            continue
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


# -- numbers -------------------------------------------------------------------------------

#: What may stand between two digits of one number.
_SEP = r"[\s\-.·/()]{0,3}"


def _digits(template: str) -> str:
    """*template* with ``~`` (between two digits) made a separator."""
    return template.replace("~", _SEP)


_D9 = "~".join([r"\d"] * 9)
_DATE = r"(?:0~[1-9]|1~[0-2])~(?:0~[1-9]|[12]~\d|3~[01])"
_REGION = r"[1-8]~\d~\d~\d~\d~\d"
_ID18 = re.compile(
    _digits(rf"(?<!\d)(?P<n>{_REGION}~(?:1~[89]|2~0)~\d~\d~{_DATE}~\d~\d~\d~[\dXx])(?![\dXx])")
)
_ID15 = re.compile(_digits(rf"(?<!\d)(?P<n>{_REGION}~\d~\d~{_DATE}~\d~\d~\d)(?![\dXx])"))
_COUNTRY = r"(?:\(\s?)?(?:\+\s?|00\s?)86(?:\s?\))?[\s\-.·]{0,3}"
_TRUNK = r"(?:\(\s?)?86(?:\s?\))?[\s\-.·]{0,3}|0"
_MOBILE = re.compile(_digits(rf"(?<!\d)(?:{_COUNTRY}|{_TRUNK})?(?P<n>1~[3-9]~{_D9})(?!\d)"))
_AREA = r"(?:10|2\d|[3-9]\d\d)"
_LANDLINE = re.compile(
    _digits(
        rf"(?<!\d)(?:{_COUNTRY}(?:\(\s?0?{_AREA}\s?\)|0?{_AREA})|\(\s?0{_AREA}\s?\)|0{_AREA})"
        rf"[\s\-.·/]{{0,3}}(?P<n>\d(?:~\d){{6,7}})(?!\d)"
    )
)
_LABELLED = re.compile(
    _digits(r"(?:电话|座机|手机|号码|联系方式|[Tt][Ee][Ll])[:\s]{0,3}(?P<n>\d(?:~\d){6,7})(?!\d)")
)
#: Any other run of 15 or more digits: a bank card, a cut-off ID-card number.
_LONG = re.compile(_digits(r"(?<!\d)(?P<n>\d(?:~\d){14,}(?:~[Xx])?)(?![\dXx])"))
#: Each kind of number: how many of its leading and trailing digits stay.
_NUMBERS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (_ID18, 6, 4),
    (_ID15, 6, 3),
    (_MOBILE, 3, 4),
    (_LANDLINE, 0, 4),
    (_LABELLED, 0, 4),
    (_LONG, 6, 4),
)


#: Characters NFKC turns into digits: a text without any holds no number.
_DIGITISH = re.compile(
    r"[\d\u2150-\u218f\u2460-\u24ff\u2776-\u2793\u3248-\u325f\u32b1-\u32bf]|[\U0001f100-\U0001f10c]"
)


def _number_edits(text: str) -> list[tuple[int, int, str]]:
    if _DIGITISH.search(text) is None:
        return []
    folded = _Folded(text, spaces=True)
    work = folded.text
    edits: list[tuple[int, int, str]] = []
    for pattern, head, tail in _NUMBERS:
        for match in pattern.finditer(work):
            start, end = match.span("n")
            places = [i for i in range(start, end) if work[i].isdigit() or work[i] in "Xx"]
            for i in places[head : len(places) - tail]:
                a, b = folded.span(i, i + 1)
                edits.append((a, b, "*"))
            lo, hi = match.span()
            work = work[:lo] + "#" * (hi - lo) + work[hi:]
    return edits


def mask_numbers(text: str) -> str:
    """Mobile, landline, ID-card and other long numbers inside free text, masked where they stand.

    ``请联系139 1234 5678`` → ``请联系139 **** 5678``: the digits to hide become
    ``*``; separators and the rest of the text stay as typed.
    """
    return _replace(text, _number_edits(text))


_GAP = re.compile(
    r"(?<=[0-9０-９*])[\s\u200b-\u200d\u2060\ufeff]+(?=\*)|(?<=\*)[\s\u200b-\u200d\u2060\ufeff]+(?=[0-9０-９])"
)
_DIGITS = re.compile(r"\d")


def mask_phone(text: str) -> str:
    """A phone field masked; digits that look like no phone keep only their last four.

    In a field that holds only a number the spaces around the masked digits
    close up: ``138 0000 0001`` → ``138****0001``.
    """
    masked = mask_numbers(text)
    if masked != text:
        return _GAP.sub("", masked)
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


# -- addresses -----------------------------------------------------------------------------

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
_HIDDEN_ADDRESS = "（地址已隐去）"

_NUMERAL = r"[0-9一二三四五六七八九十百千零〇两]+(?:-[0-9]+)?"
#: A street (or village, estate) and a number inside free text: the part below town level.
_STREET_ADDRESS = re.compile(
    r"(?P<pre>[\u3400-\u9fff]{0,16}?)"
    r"(?:路|街|巷|弄|大道|大街|胡同|村|小区|社区|花园|公寓|大厦|新村|居委会)"
    rf"{_NUMERAL}(?:号楼|号|弄|巷|组|幢|栋|楼|单元|室)"
    rf"(?:-?[0-9A-Za-z一二三四五六七八九十]+(?:号楼|号|幢|栋|楼|单元|室|层|组))*"
)
_HOUSE = re.compile("号|弄|巷|组|幢|栋|楼|单元|室")
#: Where a town-level address stops, finest first.
_CUTS = (re.compile("街道|镇|乡"), re.compile("区|县|旗"), re.compile("市|州|盟|省"))
_LEAD = re.compile(
    "住在|家住|住址|地址|位于|地处|居住在|居住于|现住|搬到|搬至|来到|前往|住|在|于|到|至|是|为"
)


def _address_edits(text: str) -> list[tuple[int, int, str]]:
    if _HOUSE.search(text) is None:
        return []
    folded = _Folded(text, spaces=False)
    edits = []
    for match in _STREET_ADDRESS.finditer(folded.text):
        pre = match.group("pre")
        cut, new = None, ""
        for unit in _CUTS:
            found = [m.end() for m in unit.finditer(pre)]
            if found:
                cut = found[-1]
                break
        if cut is None:
            leads = [m.end() for m in _LEAD.finditer(pre)]
            cut = leads[-1] if leads else 0
            new = _HIDDEN_ADDRESS
        start = match.start() + cut
        a, b = folded.span(start, match.end())
        edits.append((a, b, new))
    return edits


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
    return _HIDDEN_ADDRESS if _STREETISH.search(text) else mask_free_text(text)


def mask_free_text(text: str) -> str:
    """Phone and ID-card numbers and street addresses inside free text, masked."""
    text = mask_numbers(text)
    return _replace(text, _address_edits(text))


# -- names ---------------------------------------------------------------------------------

_COMPOUND_SURNAMES = frozenset(
    re.findall(
        "..",
        "欧阳司马诸葛上官东方皇甫尉迟公孙慕容长孙宇文司徒令狐夏侯轩辕"
        "端木独孤南宫西门百里呼延万俟澹台公冶太史申屠钟离闻人赫连",
    )
)
#: Common single-character surnames: where a name starts inside a longer text.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
    "瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚花权帅屠豆朴盖练廉禹井祖漆巴"
    "丰支卿狄计索宣晋相初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_HAN_CHAR = r"[\u3400-\u9fff\U00020000-\U0003134f]"
#: A run of Chinese characters; ``·`` joins the parts of a transcribed name.
_RUN = re.compile(rf"{_HAN_CHAR}+(?:·{_HAN_CHAR}+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z.'\- ]*[A-Za-z]")
# Words that end a name inside a longer description: 孙八等居民, 王五夫妇.
_NAME_END = re.compile(r"等|夫妇|一家|同志|先生|女士|老人|师傅|老师|书记|主任|村民|居民")
# Words that describe the person before the name: 在上海工作的乡友周建华.
_DESCRIPTION = re.compile(
    "的|乡友|老乡|乡贤|居民|村民|市民|群众|农户|农民|种植户|养殖户|个体户|户主|朋友|好友|同学|同事|"
    "亲戚|邻居|老党员|党员|村干部|干部|企业家|企业主|老板|总经理|经理|董事长|负责人|创始人|厂长|"
    "校长|院长|所长|站长|行长|局长|科长|镇长|村长|组长|队长|主席|医生|教师|老师|专家|教授|博士|"
    "律师|工程师|技术员|代表|委员|书记|支书|主任|社长|会长|职工|员工|工人|退休|师傅|大爷|大妈|阿姨|"
    "奶奶|爷爷|老伯|创业者|青年|学生|家长|租户|住户|业主|志愿者|网格员|联系人|老人"
)
# A part of a target that starts so names no one: 电话…, 住东台镇….
_NOT_A_NAME = re.compile(
    "电话|手机|联系电话|联系方式|地址|住址|住在|家住|现住|微信|身份证|号码|邮箱|户籍|籍贯"
)
#: What separates two people in one target: 周建中、李明辉; 和/及/与 only between names.
_PEOPLE_SEP = re.compile(r"[、,;]|(?<=\w)/(?=\w)|(?<=\w\w)(?:和|及|与|跟)(?=\w\w)(?!其)")


_HAN = re.compile(_HAN_CHAR)
_ONLY_DESCRIPTION = re.compile(f"(?:{_DESCRIPTION.pattern})+")


def _masked(name: str) -> str:
    if "·" in name:
        return name[0] + "某·某某"
    keep = 2 if name[:2] in _COMPOUND_SURNAMES else 1
    return name[:keep] + "某"


def _cut_at_end_word(text: str) -> str:
    end = _NAME_END.search(text, 1)
    return text if end is None else text[: end.start()]


def _name_in_run(run: str) -> tuple[int, int] | None:
    """Where the visited person's name is in a run of Chinese characters."""
    # A description first: the name follows its last word.
    for end in sorted({m.end() for m in _DESCRIPTION.finditer(run)}, reverse=True):
        rest = _cut_at_end_word(run[end:]) if end < len(run) else ""
        if 2 <= len(rest) <= 4 or ("·" in rest and len(rest) <= 24):
            return end, end + len(rest)
    head = _cut_at_end_word(run)
    if not head:
        return None
    if "·" in head or len(head) <= 3:
        return 0, len(head)
    compound = head[:2] in _COMPOUND_SURNAMES
    if len(head) == 4 and (compound or head[0] in _SURNAMES):
        return 0, 4
    if compound:
        return 0, 4
    if head[0] in _SURNAMES:
        return 0, 3
    for length in (3, 2):  # a name at the end, after a description
        if head[-length] in _SURNAMES:
            return len(head) - length, len(head)
    return 0, 3


def _people(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[str, str]]]:
    """The names in a target: edits that mask them, and (name, masked) pairs to look for."""
    folded = _Folded(text, spaces=False)
    work = folded.text
    depth, outside = 0, []
    for ch in work:
        depth += ch == "("
        outside.append(depth == 0)
        depth = max(depth - (ch == ")"), 0)
    bounds = [0, *(x for m in _PEOPLE_SEP.finditer(work) for x in m.span()), len(work)]
    edits: list[tuple[int, int, str]] = []
    found: list[tuple[str, str]] = []
    for lo, hi in zip(bounds[::2], bounds[1::2], strict=True):
        span = _person(work, lo, hi, outside)
        if span is None:
            continue
        start, end = span
        name = work[start:end]
        a, b = folded.span(start, end)
        masked = "某" if _HAN.search(name) is None else _masked(name)
        edits.append((a, b, masked))
        found.append((name, masked))
        if "·" in name:
            first, *others = name.split("·")
            found.append((first, _masked(first)))
            found.extend((other, "某某") for other in others)
    return edits, [(n, m) for n, m in found if len(n) >= 2]


def _person(work: str, lo: int, hi: int, outside: Sequence[bool]) -> tuple[int, int] | None:
    """The span of the name in ``work[lo:hi]``, one part of a target."""
    described = False
    for run in _RUN.finditer(work, lo, hi):
        if not outside[run.start()]:
            continue
        if _NOT_A_NAME.match(run.group(0)):
            return None
        if _ONLY_DESCRIPTION.fullmatch(run.group(0)):
            described = True  # 乡友：周建华 — the name comes next
            continue
        inside = _name_in_run(run.group(0))
        if inside is None:
            return None
        return run.start() + inside[0], run.start() + inside[1]
    letters = [i for i in range(lo, hi) if outside[i] and work[i].isalpha()]
    if not letters:
        return None
    if described:
        return letters[0], letters[-1] + 1
    if any(_HAN.match(work, i) for i in letters):
        return None  # Chinese only in brackets: a description
    start = lo + len(work[lo:hi]) - len(work[lo:hi].lstrip())
    return start, len(work[lo:hi].rstrip()) + lo


def _recurring(text: str, names: Sequence[tuple[str, str]]) -> str:
    """*text* with each of *names* masked wherever it occurs, however it is spaced."""
    if not names or not text:
        return text
    folded = _Folded(text, spaces=False)
    work = folded.text
    edits = []
    for name, masked in sorted(names, key=lambda p: -len(p[0])):
        at = work.find(name)
        while at >= 0:
            a, b = folded.span(at, at + len(name))
            edits.append((a, b, masked))
            work = work[:at] + "\0" * len(name) + work[at + len(name) :]
            at = work.find(name, at + len(name))
    return _replace(text, edits)


def mask_name(text: str) -> str:
    """Each person named in a target as surname + 某: ``李四`` → ``李某``.

    Targets name one or more people: ``周建中、李明辉`` → ``周某、李某``.
    Descriptions around a name are kept: ``周建华（在上海工作的乡友）`` →
    ``周某（在上海工作的乡友）``, ``在上海工作的乡友周建华`` →
    ``在上海工作的乡友周某``, ``孙八等居民`` → ``孙某等居民``. A name
    joined by ``·`` is masked whole: ``阿依古丽·买买提`` → ``阿某·某某``. A
    target with no Chinese outside brackets becomes ``某``.
    """
    edits, _ = _people(text)
    return _replace(text, edits)


def _mask_target(text: str) -> tuple[str, list[tuple[str, str]]]:
    edits, names = _people(text)
    masked = _replace(text, edits)
    return _recurring(mask_free_text(masked), names), names


# -- records -------------------------------------------------------------------------------


def _visit(visit: Visit) -> tuple[Visit, list[tuple[str, str]]]:
    target, names = _mask_target(visit.target)

    def free(text: str) -> str:
        return _recurring(mask_free_text(text), names)

    masked = evolve(
        visit,
        target=target,
        address=_recurring(mask_address(visit.address), names),
        situation=free(visit.situation),
        needs_help=free(visit.needs_help),
        needs_coordination=free(visit.needs_coordination),
        extra={},
    )
    return masked, names


def _member(member: Member) -> Member:
    return evolve(
        member,
        phone=mask_phone(member.phone),
        address=mask_address(member.address),
        sector=mask_numbers(member.sector),
        extra={},
    )


def _submission(sub: Submission, names: Sequence[tuple[str, str]]) -> Submission:
    return evolve(
        sub,
        title=_recurring(mask_free_text(sub.title), names),
        content=_recurring(mask_free_text(sub.content), names),
        extra={},
    )


def redact(campaign: Campaign) -> Campaign:
    """A copy of *campaign* with personal data masked, as the module describes."""
    visits: list[Visit] = []
    named: dict[str, list[tuple[str, str]]] = {}
    for visit in campaign.visits:
        masked, names = _visit(visit)
        visits.append(masked)
        named[visit.id] = names
    return evolve(
        campaign,
        members=tuple(_member(m) for m in campaign.members),
        visits=tuple(visits),
        submissions=tuple(
            _submission(s, named.get(s.visit_id, []) if s.visit_id else [])
            for s in campaign.submissions
        ),
        groups=tuple(evolve(g, extra={}) for g in campaign.groups),
        plan=evolve(campaign.plan, extra={}),
        extra={},
    )
