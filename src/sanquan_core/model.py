"""The records of a 三圈 campaign.

Every record is a frozen, slotted attrs class. Records hold what the
``sanquan/1`` format holds and nothing derived; :class:`Campaign` answers the
questions every caller asks (a member by id, a group's members, a member's
visits, a record's phase) from indexes it builds once, on first use.

Field metadata carries the caption the seed's forms give the field
(``metadata["caption"]``); error messages and the documentation use it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Self, TypeAlias, TypeVar, cast

import attrs
from attrs import field, frozen

from ._i18n import language

__all__ = [
    "Body",
    "Campaign",
    "Channel",
    "Circle",
    "Event",
    "FollowUp",
    "FollowUpEvent",
    "Group",
    "GroupKind",
    "Level",
    "Member",
    "Phase",
    "Plan",
    "Points",
    "Record",
    "Satisfaction",
    "Submission",
    "SubmissionKind",
    "Visit",
    "field_label",
]

#: What an ``extra`` object may hold: any JSON value, kept as read.
JSONObject: TypeAlias = Mapping[str, Any]


def _caption(text: str) -> dict[str, str]:
    return {"caption": text}


def field_label(cls: type[Any], name: str) -> str:
    """How a sentence names field *name* of record class *cls*.

    In Chinese, the caption of the seed's forms (``visited_on`` is 走访日期);
    in English, the field's name in ``sanquan/1``. Unknown fields are named
    as written.
    """
    if language() == "zh" and attrs.has(cls):
        found = attrs.fields_dict(cls).get(name)
        if found is not None and "caption" in found.metadata:
            return str(found.metadata["caption"])
    return name


def _no_extra() -> dict[str, Any]:
    return {}


class LabelledEnum(enum.StrEnum):
    """A string enum whose members also carry their Chinese label.

    The value is the English word written to ``sanquan/1``; ``label`` is the
    wording of the seed's forms. :meth:`parse` accepts either.
    """

    _value_: str
    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the member whose value or Chinese label is *text*.

        Quotation marks are not significant in labels: ``"双招双引"信息``,
        ``“双招双引”信息`` and ``双招双引信息`` all name the same kind.

        Raises:
            ValueError: *text* names no member; the message lists the choices.
        """
        found = _lookup_table(cls).get(text)
        if found is None:
            found = _lookup_table(cls).get(_unquote(text))
        if found is None:
            raise ValueError(f"{text!r} is not {_article(cls)} ({cls.choices()})")
        return cast(Self, found)

    @classmethod
    def spellings(cls) -> Mapping[str, Self]:
        """Every spelling :meth:`parse` accepts without normalising, to its member."""
        return cast(Mapping[str, Self], _lookup_table(cls))

    @classmethod
    def choices(cls) -> str:
        """The accepted spellings, as a clerk would read them: ``sector/界别圈, ...``."""
        return ", ".join(f"{m.value}/{m.label}" for m in cls)


_NOUNS = {
    "Circle": "circle",
    "SubmissionKind": "submission kind",
    "GroupKind": "group kind",
    "Channel": "channel",
    "FollowUp": "follow-up",
    "Event": "follow-up event",
    "Level": "level",
    "Satisfaction": "satisfaction rating",
}
_QUOTES = str.maketrans("", "", "\"'“”‘’「」")
_LOOKUPS: dict[type[LabelledEnum], dict[str, LabelledEnum]] = {}


def _unquote(text: str) -> str:
    return text.translate(_QUOTES)


def _lookup_table(cls: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    """Every accepted spelling of *cls*'s members: values and labels."""
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {}
        for member in cls:
            table[member.value] = member
            table[member.label] = member
            table[_unquote(member.label)] = member
        _LOOKUPS[cls] = table
    return table


def _article(cls: type[LabelledEnum]) -> str:
    noun = _NOUNS.get(cls.__name__, cls.__name__.lower())
    return ("an " if noun[0] in "aeiou" else "a ") + noun


class Circle(LabelledEnum):
    """The three circles (三圈) a member visits."""

    SECTOR = "sector", "界别圈"
    """People of the member's own sector (界别)."""
    LIFE = "life", "生活圈"
    """Neighbours around the member's home."""
    FRIENDS = "friends", "朋友圈"
    """Relatives and friends, above all fellow townspeople working elsewhere."""


class SubmissionKind(LabelledEnum):
    """The three items of 三个一 each member hands in."""

    SUGGESTION = "suggestion", "经济社会发展建议"
    """A development suggestion, gathered in the sector circle."""
    OPINION = "opinion", "社情民意信息"
    """A public-opinion report, gathered in the life circle."""
    LEAD = "lead", "“双招双引”信息"
    """An investment or talent lead (招商引资、招才引智), from the friends circle."""

    @property
    def circle(self) -> Circle:
        """The circle the plan expects this kind of item to come from."""
        return _KIND_CIRCLE[self]


_KIND_CIRCLE = {
    SubmissionKind.SUGGESTION: Circle.SECTOR,
    SubmissionKind.OPINION: Circle.LIFE,
    SubmissionKind.LEAD: Circle.FRIENDS,
}


class GroupKind(LabelledEnum):
    """The two kinds of group a member belongs to."""

    WORKING = "working", "市直委员工作组"
    """A municipal working group (市直委员工作组)."""
    LIAISON = "liaison", "镇（区）委员联络组"
    """A town (district) liaison group (镇（区）委员联络组)."""


class Channel(LabelledEnum):
    """How a visit was made."""

    IN_PERSON = "in_person", "当面走访"
    PHONE = "phone", "电话"
    WECHAT = "wechat", "微信"
    QQ = "qq", "QQ"
    OTHER = "other", "其他"


class FollowUp(LabelledEnum):
    """What became of what a visit or item brought in (the plan's 四、时间安排)."""

    TOPIC = "topic", "转化为调研课题"
    """A widespread problem, turned into a research topic of the sector."""
    PROPOSAL = "proposal", "转化为提案"
    """A widespread problem, turned into a proposal (提案)."""
    COORDINATION = "coordination", "协同解决"
    """Solvable in a short time: solved together with the departments concerned."""


class Event(LabelledEnum):
    """What happened to an item, as the follow-up ledger (``follow_ups``) records it.

    The first three say what the item was turned into (as the records' own
    ``follow_up`` field does); the others are the steps of its handling.
    """

    PROPOSAL = "proposal", "转化为提案"
    """Turned into a proposal (提案); ``ref`` is the proposal's number."""
    TOPIC = "topic", "转化为调研课题"
    """Turned into a research topic."""
    COORDINATION = "coordination", "协同解决"
    """Solved together with the departments concerned."""
    ASSIGNED = "assigned", "交办"
    """Handed over to a unit (``unit``); one event per unit, main and co-units."""
    REPLIED = "replied", "答复"
    """The unit's reply (``unit`` says which, when several were handed it)."""
    CLOSED = "closed", "办结"
    """Closed: the handling is finished."""
    ADOPTED = "adopted", "采用"
    """Adopted by a CPPCC body; ``level`` says which."""
    INSTRUCTED = "instructed", "领导批示"
    """A leader's written instruction (批示); ``level`` says at which level."""
    SATISFACTION = "satisfaction", "满意度测评"
    """The member's rating of the reply; ``note`` is 满意, 基本满意 or 不满意."""

    @property
    def transfer(self) -> bool:
        """Whether the event says what the item was turned into (proposal, topic, coordination)."""
        return self in _TRANSFERS


_TRANSFERS = frozenset({Event.PROPOSAL, Event.TOPIC, Event.COORDINATION})


class Level(LabelledEnum):
    """The level of a CPPCC body that adopts an item or whose leader instructs on it."""

    CITY = "city", "市政协"
    """The city CPPCC (东台市政协)."""
    PREFECTURE = "prefecture", "盐城市政协"
    """The prefecture CPPCC (盐城市政协)."""
    PROVINCE = "province", "省政协"
    """The provincial CPPCC (江苏省政协)."""
    NATIONAL = "national", "全国政协"
    """The national CPPCC (全国政协)."""


class Satisfaction(LabelledEnum):
    """The ratings a ``satisfaction`` event's ``note`` may give."""

    SATISFIED = "satisfied", "满意"
    FAIRLY = "fairly_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


@frozen
class Phase:
    """A phase of the plan, ending (inclusive) on ``ends_on``."""

    name: str = field(metadata=_caption("阶段"))
    ends_on: date = field(metadata=_caption("截止日期"))


@frozen
class Body:
    """A CPPCC body whose members take part, e.g. 东台市政协."""

    id: str = field(metadata=_caption("编号"))
    name: str = field(metadata=_caption("参加人员"))


@frozen
class Points:
    """Duty points (履职积分) the plan awards; off unless the plan has them.

    Points are whole numbers: per visit by circle (``visit``), per item by
    kind (``item``), per adoption of an item by the adopting body's level
    (``adopted``) and per leader's instruction on it by level
    (``instructed``); what is not named earns nothing. ``member_cap`` caps a
    member's points over the campaign, ``phase_cap`` a member's points in
    each phase; points past a cap are shown but not counted. ``scorer``
    names a scorer registered by a plugin (``sanquan_register_scorers``)
    that replaces the arithmetic; empty for the built-in one.
    """

    visit: Mapping[Circle, int] = field(factory=dict, hash=False, metadata=_caption("走访积分"))
    item: Mapping[SubmissionKind, int] = field(
        factory=dict, hash=False, metadata=_caption("成果积分")
    )
    adopted: Mapping[Level, int] = field(factory=dict, hash=False, metadata=_caption("采用积分"))
    instructed: Mapping[Level, int] = field(factory=dict, hash=False, metadata=_caption("批示积分"))
    member_cap: int | None = field(default=None, metadata=_caption("每人积分上限"))
    phase_cap: int | None = field(default=None, metadata=_caption("每人每阶段积分上限"))
    scorer: str = field(default="", metadata=_caption("积分规则"))


def _default_quotas() -> dict[SubmissionKind, int]:
    return dict.fromkeys(SubmissionKind, 1)


@frozen
class Plan:
    """The plan (活动方案): title, issuer, phases, participating bodies, quotas.

    The campaign window runs from ``starts_on`` (when given) to the end of the
    last phase, both days included.

    The optional notice fields let the notice packet (``forms=["notice"]``)
    print the notice that issued the plan: ``notice_title``
    (关于印发《…》的通知), ``addressees`` (主送机关), ``notice_text`` (its
    paragraphs) and ``text`` (the plan's own paragraphs; a paragraph that
    starts with 一、 or （一） is a heading).
    """

    title: str = field(metadata=_caption("活动方案"))
    phases: tuple[Phase, ...] = field(metadata=_caption("时间安排"))
    doc_number: str = field(default="", metadata=_caption("文号"))
    issuer: str = field(default="", metadata=_caption("发文机关"))
    issued_on: date | None = field(default=None, metadata=_caption("成文日期"))
    starts_on: date | None = field(default=None, metadata=_caption("开始日期"))
    bodies: tuple[Body, ...] = field(default=(), metadata=_caption("参加人员"))
    quotas: Mapping[SubmissionKind, int] = field(
        factory=_default_quotas, hash=False, metadata=_caption("三个一")
    )
    notice_title: str = field(default="", metadata=_caption("通知标题"))
    addressees: str = field(default="", metadata=_caption("主送机关"))
    notice_text: tuple[str, ...] = field(default=(), metadata=_caption("通知正文"))
    text: tuple[str, ...] = field(default=(), metadata=_caption("方案正文"))
    reply_days: int = field(default=30, metadata=_caption("答复时限"))
    points: Points | None = field(default=None, metadata=_caption("履职积分"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))

    @property
    def text_title(self) -> str:
        """The heading of the plan's own text (方案).

        The name the notice title gives in 《》 (关于印发《…方案》的通知), else
        the plan's title.
        """
        start, end = self.notice_title.find("《"), self.notice_title.rfind("》")
        if 0 <= start < end:
            return self.notice_title[start + 1 : end]
        return self.title

    @property
    def ends_on(self) -> date:
        """The last day of the campaign: the end of its last phase."""
        return self.phases[-1].ends_on

    def quota(self, kind: SubmissionKind) -> int:
        """How many items of *kind* each member owes (1 unless the plan says otherwise)."""
        return self.quotas.get(kind, 1)

    def in_window(self, day: date) -> bool:
        """Whether *day* falls inside the campaign window."""
        if self.starts_on is not None and day < self.starts_on:
            return False
        return day <= self.ends_on

    def phase_on(self, day: date) -> Phase | None:
        """The phase *day* belongs to: the first whose end is on or after it.

        ``None`` when *day* lies outside the campaign window.
        """
        if not self.in_window(day):
            return None
        for phase in self.phases:
            if day <= phase.ends_on:
                return phase
        return None  # pragma: no cover - in_window() already excluded this


@frozen
class Group:
    """A municipal working group or a town (district) liaison group."""

    id: str = field(metadata=_caption("编号"))
    name: str = field(metadata=_caption("组别"))
    kind: GroupKind = field(metadata=_caption("组别类型"))
    office: str = field(default="", metadata=_caption("联系委办"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))


@frozen
class Member:
    """A CPPCC member (委员), belonging to one group and one or more bodies."""

    id: str = field(metadata=_caption("编号"))
    name: str = field(metadata=_caption("委员姓名"))
    group_id: str = field(metadata=_caption("所在委员工作（联络）组"))
    bodies: tuple[str, ...] = field(default=(), metadata=_caption("参加人员"))
    sector: str = field(default="", metadata=_caption("界别"))
    phone: str = field(default="", metadata=_caption("联系电话"))
    address: str = field(default="", metadata=_caption("住址"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))


@frozen
class Visit:
    """One visit, as registered on 附件1 (走访情况登记表)."""

    id: str = field(metadata=_caption("编号"))
    member_id: str = field(metadata=_caption("走访人员"))
    circle: Circle = field(metadata=_caption("走访“圈子”"))
    visited_on: date = field(metadata=_caption("走访日期"))
    target: str = field(metadata=_caption("走访对象"))
    address: str = field(default="", metadata=_caption("走访地址"))
    headcount: int = field(default=1, metadata=_caption("走访人数"))
    channel: Channel = field(default=Channel.IN_PERSON, metadata=_caption("走访方式"))
    situation: str = field(default="", metadata=_caption("走访对象反映的情况"))
    needs_help: str = field(default="", metadata=_caption("需帮助解决问题情况"))
    needs_coordination: str = field(default="", metadata=_caption("需要统筹协调的问题"))
    follow_up: FollowUp | None = field(default=None, metadata=_caption("办理情况"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))

    @property
    def day(self) -> date:
        """The date that places this record in the campaign: ``visited_on``."""
        return self.visited_on


@frozen
class Submission:
    """One item of 三个一, as registered on 附件2 (成果登记表)."""

    id: str = field(metadata=_caption("编号"))
    member_id: str = field(metadata=_caption("委员姓名"))
    kind: SubmissionKind = field(metadata=_caption("“三个一”类别"))
    submitted_on: date = field(metadata=_caption("报送日期"))
    title: str = field(default="", metadata=_caption("标题"))
    content: str = field(default="", metadata=_caption("内容"))
    visit_id: str | None = field(default=None, metadata=_caption("来源走访"))
    follow_up: FollowUp | None = field(default=None, metadata=_caption("办理情况"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))

    @property
    def day(self) -> date:
        """The date that places this record in the campaign: ``submitted_on``."""
        return self.submitted_on


#: A dated record: a visit or a submission.
Record: TypeAlias = Visit | Submission


@frozen(kw_only=True)
class FollowUpEvent:
    """One entry of the follow-up ledger (办理台账): what happened to an item, and when.

    It follows exactly one item: a submission (``submission_id``) or a visit
    (``visit_id``). ``adopted`` and ``instructed`` give their ``level``;
    ``satisfaction`` gives the rating in ``note``; ``assigned`` names the
    ``unit`` handed the item; ``proposal`` may give the proposal's number
    in ``ref``. Statuses are derived from these events
    (:func:`sanquan_core.ledger`), never stored.
    """

    id: str = field(metadata=_caption("编号"))
    submission_id: str | None = field(default=None, metadata=_caption("成果编号"))
    visit_id: str | None = field(default=None, metadata=_caption("走访编号"))
    on: date = field(metadata=_caption("日期"))
    event: Event = field(metadata=_caption("办理事项"))
    level: Level | None = field(default=None, metadata=_caption("层级"))
    unit: str = field(default="", metadata=_caption("承办单位"))
    ref: str = field(default="", metadata=_caption("文号"))
    note: str = field(default="", metadata=_caption("备注"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))

    @property
    def day(self) -> date:
        """The date of the event: ``on``."""
        return self.on

    @property
    def item_key(self) -> tuple[str, str]:
        """The item followed, as ``("submissions", id)`` or ``("visits", id)``."""
        if self.submission_id is not None:
            return ("submissions", self.submission_id)
        return ("visits", self.visit_id or "")


_T = TypeVar("_T")


class _Index:
    """The look-up tables of a campaign, each built on its first use.

    A summary needs only the members per group; a look-up by visit id needs
    only the visits' table: building every table at once cost more than
    summarising a prefecture's 200,000 visits. The index holds the
    campaign's sections (not the campaign: no reference cycle).
    """

    __slots__ = ("_built", "_sections", "memo")

    def __init__(self, campaign: Campaign) -> None:
        self._sections = (
            campaign.groups,
            campaign.members,
            campaign.visits,
            campaign.submissions,
            campaign.follow_ups,
        )
        self._built: dict[str, Any] = {}
        #: What the domain computes once per campaign (the window counts of ``_window.py``).
        self.memo: dict[str, Any] = {}

    @classmethod
    def build(cls, campaign: Campaign) -> _Index:
        return cls(campaign)

    def _table(self, name: str, make: Callable[[], _T]) -> _T:
        found: _T | None = self._built.get(name)
        if found is None:
            found = self._built[name] = make()
        return found

    @property
    def groups(self) -> dict[str, Group]:
        return self._table("groups", lambda: {g.id: g for g in self._sections[0]})

    @property
    def members(self) -> dict[str, Member]:
        return self._table("members", lambda: {m.id: m for m in self._sections[1]})

    @property
    def visits(self) -> dict[str, Visit]:
        return self._table("visits", lambda: {v.id: v for v in self._sections[2]})

    @property
    def submissions(self) -> dict[str, Submission]:
        return self._table("submissions", lambda: {s.id: s for s in self._sections[3]})

    @property
    def members_of(self) -> dict[str, list[Member]]:
        return self._table("members_of", self._members_of)

    @property
    def visits_of(self) -> dict[str, list[Visit]]:
        return self._table("visits_of", self._visits_of)

    @property
    def submissions_of(self) -> dict[str, list[Submission]]:
        return self._table("submissions_of", self._submissions_of)

    @property
    def follow_ups_of(self) -> dict[tuple[str, str], list[FollowUpEvent]]:
        return self._table("follow_ups_of", self._follow_ups_of)

    def _members_of(self) -> dict[str, list[Member]]:
        members_of: dict[str, list[Member]] = {g.id: [] for g in self._sections[0]}
        for m in self._sections[1]:
            members_of.setdefault(m.group_id, []).append(m)
        return members_of

    def _visits_of(self) -> dict[str, list[Visit]]:
        visits_of: dict[str, list[Visit]] = {m.id: [] for m in self._sections[1]}
        for v in self._sections[2]:
            visits_of.setdefault(v.member_id, []).append(v)
        return visits_of

    def _submissions_of(self) -> dict[str, list[Submission]]:
        submissions_of: dict[str, list[Submission]] = {m.id: [] for m in self._sections[1]}
        for s in self._sections[3]:
            submissions_of.setdefault(s.member_id, []).append(s)
        return submissions_of

    def _follow_ups_of(self) -> dict[tuple[str, str], list[FollowUpEvent]]:
        follow_ups_of: dict[tuple[str, str], list[FollowUpEvent]] = {}
        for e in self._sections[4]:
            follow_ups_of.setdefault(e.item_key, []).append(e)
        return follow_ups_of


_R = TypeVar("_R")


def _get(table: Mapping[str, _R], key: str, noun: str) -> _R:
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"no {noun} has id {key!r}") from None


@frozen
class Campaign:
    """A whole campaign: the plan and every group, member, visit and submission.

    ``follow_ups`` is the follow-up ledger (办理台账), one event per entry;
    :meth:`follow_ups_of` gives a record's events.

    Records keep the order they were given in; the summary table and the
    documents follow it. Look-ups (:meth:`member`, :meth:`members_of`, ...)
    use indexes built on first use, so they cost a dictionary access.

    A campaign read by :func:`sanquan_core.load` is valid. One built in code
    can be checked with :func:`sanquan_core.validate`.
    """

    plan: Plan
    groups: tuple[Group, ...] = ()
    members: tuple[Member, ...] = ()
    visits: tuple[Visit, ...] = ()
    submissions: tuple[Submission, ...] = ()
    follow_ups: tuple[FollowUpEvent, ...] = field(default=(), metadata=_caption("办理台账"))
    extra: JSONObject = field(factory=_no_extra, hash=False, metadata=_caption("扩展字段"))
    _index: _Index | None = field(
        default=None, init=False, repr=False, eq=False, hash=False, alias="_index"
    )

    @property
    def _idx(self) -> _Index:
        index = self._index
        if index is None:
            index = _Index.build(self)
            object.__setattr__(self, "_index", index)
        return index

    def group(self, group_id: str) -> Group:
        """The group with id *group_id*.

        Raises:
            KeyError: no such group.
        """
        return _get(self._idx.groups, group_id, "group")

    def member(self, member_id: str) -> Member:
        """The member with id *member_id*.

        Raises:
            KeyError: no such member.
        """
        return _get(self._idx.members, member_id, "member")

    def visit(self, visit_id: str) -> Visit:
        """The visit with id *visit_id*.

        Raises:
            KeyError: no such visit.
        """
        return _get(self._idx.visits, visit_id, "visit")

    def submission(self, submission_id: str) -> Submission:
        """The submission with id *submission_id*.

        Raises:
            KeyError: no such submission.
        """
        return _get(self._idx.submissions, submission_id, "submission")

    def follow_ups_of(self, record: Record) -> tuple[FollowUpEvent, ...]:
        """The ledger's events for *record* (a visit or a submission), in the order given."""
        section = "visits" if isinstance(record, Visit) else "submissions"
        return tuple(self._idx.follow_ups_of.get((section, record.id), ()))

    def group_of(self, member: Member | str) -> Group:
        """The group of *member* (a :class:`Member` or a member id)."""
        if isinstance(member, str):
            member = self.member(member)
        return self.group(member.group_id)

    def members_of(self, group_id: str) -> tuple[Member, ...]:
        """The members of the group *group_id*, in the order given."""
        return tuple(self._idx.members_of.get(group_id, ()))

    def visits_of(self, member_id: str) -> tuple[Visit, ...]:
        """The visits made by *member_id*, in the order given."""
        return tuple(self._idx.visits_of.get(member_id, ()))

    def submissions_of(self, member_id: str) -> tuple[Submission, ...]:
        """The submissions of *member_id*, in the order given."""
        return tuple(self._idx.submissions_of.get(member_id, ()))

    def phase_of(self, record: Record) -> Phase | None:
        """The phase a visit or submission falls in; ``None`` outside the window."""
        return self.plan.phase_on(record.day)

    def in_window(self, record: Record) -> bool:
        """Whether a visit or submission falls inside the campaign window."""
        return self.plan.in_window(record.day)

    def records(self) -> Iterator[Record]:
        """Every visit, then every submission."""
        yield from self.visits
        yield from self.submissions
