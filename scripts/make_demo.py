"""Generate the built-in demo campaign: ``src/sanquan_core/data/demo.json``.

The plan is the real one: notice 东政协办发〔2017〕11号 of the Dongtai CPPCC
office, its phases, its two bodies and its quotas. Everything else is
SYNTHETIC: the groups follow the shape the notice names (municipal working
groups and town (district) liaison groups, each supervised by an office),
but every member, phone number, address, visit and item is made up by this
script from a fixed seed. Phone numbers all start 1380000, so none belongs
to anyone.

Run it from the repository root; it writes the same bytes every time::

    python scripts/make_demo.py            # rewrite the packaged file
    python scripts/make_demo.py --check    # exit 1 if the packaged file is stale
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import sanquan_core as sq
from sanquan_core.model import (
    Body,
    Campaign,
    Channel,
    Circle,
    Event,
    FollowUp,
    FollowUpEvent,
    Group,
    GroupKind,
    Level,
    Member,
    Phase,
    Plan,
    Satisfaction,
    Submission,
    SubmissionKind,
    Visit,
)

OUT = Path(__file__).resolve().parent.parent / "src" / "sanquan_core" / "data" / "demo.json"
SEED = 20170711

# The notice and the plan's text, as the seed document prints them.
NOTICE_TITLE = "关于印发《聚焦“三圈”大走访、彰显职能促和谐主题活动方案》的通知"
ADDRESSEES = (
    "市政协各委办，各市直委员工作组、镇（区）委员联络组，"
    "盐城市八届政协全体住东委员，市十四届政协全体委员"
)
NOTICE_TEXT = (
    (
        "为将大走访活动引向深入，进一步明确委员走访对象、走访内容和主要目标任务，推动全体"
        "政协委员更好地关注民情民意、广集良言良策，不断彰显政协工作特色、展示委员风采。经"
        "研究决定，在前期开展“访民情、惠民生、促和谐”大走访活动的基础上，制定“聚焦‘三"
        "圈’大走访、彰显职能促和谐”主题活动方案。现予以印发，希认真贯彻执行。"
    ),
)
PLAN_TEXT = (
    (
        "为深化广大政协委员“访民情、惠民生、促和谐”大走访活动，促进全体委员广泛联系各界"
        "群众，不断拓宽知情明政渠道，努力在服务群众、服务民生、服务发展上彰显政协职能，展"
        "示委员风采，现在全市政协委员（含盐城市住东委员）中开展“聚焦‘三圈’大走访、彰显"
        "职能促和谐”主题活动。"
    ),
    "一、参加人员：",
    "（1）东台市政协全体委员；",
    "（2）盐城市政协住东全体委员。",
    "二、走访对象：",
    "全体政协委员的“三圈”，即界别圈、生活圈和朋友圈范围内的人民群众。",
    "三、活动内容：",
    (
        "聚焦界别圈，广集发展良策。两级政协委员要充分发挥界别联系职能，紧扣“融入长三角、"
        "建设新东台”发展主题，定期不定期走访本界别群众，广泛听取界别群众对本单位、本行业"
        "或全市经济社会发展大局的意见建议。对于界别群众反映的带有普遍性、涉及面广的问题，"
        "要及时转化为界别调研课题或提案。活动期间，每位委员要报送不少于一条发展建议。"
    ),
    (
        "聚焦生活圈，关注民生热点。每位政协委员要以自己的住所地为辐射范围，利用平时与左邻"
        "右舍、社区群众接触的机会，拉家常、听民意，真正让群众的眼睛成为我们联系基层的触角"
        "，广泛收集群众关心关注的热点难点问题，并通过社情民意信息的形式及时反映，助推相关"
        "问题得到解决，进一步巩固政通人和的良好局面。大走访活动期间，每位委员要上报不少于"
        "一条社情民意信息。"
    ),
    (
        "聚焦朋友圈，助力“双招双引”。充分发挥政协委员各自人脉优势，通过电话、微信、QQ"
        "等方式，广泛联系自己的亲朋好友，特别是在外工作的乡友，认真收集有利于全市经济社会"
        "发展的信息，为全市的“双招双引”发挥积极作用。对有意愿到东台发展的，要积极宣传介"
        "绍家乡优良环境优惠政策，鼓励他们前来投资创业。大走访活动期间，每位委员要至少收集"
        "一条招商引资、招才引智方面的信息。"
    ),
    "四、时间安排：",
    (
        "本次主题活动主要分为两个阶段。一是调研摸排和解难献策阶段（7月底前）。各位政协委"
        "员要在继续深入走访界别群众的基础上，进一步走访住所周边群众以及亲朋好友，及时搜集"
        "、掌握本界别群众、左邻右舍、亲朋好友对全市经济社会发展、党政部门工作等提出的意见"
        "建议，并及时记录、报送。对于能在短时间内可以解决的，群众关心的热点难点问题，要积"
        "极联系有关方面协同解决。二是督查推动和总结提高阶段（8月底结束）。政协机关各委、"
        "办按照联系分工，对各市直工作组、委员联络组组织委员开展主题活动的情况进行协调和督"
        "查，并协助各组统计整理委员参与活动和报送意见建议等情况（相关表格附后）。市政协将"
        "于9月份召开专题会议，听取各组组织委员开展活动情况，并进行总结，在此基础上，将委"
        "员的走访成果汇编成册。"
    ),
    "五、相关要求：",
    (
        "1、提高思想认识。政协各委办，各市直工作组、委员联络组及全体委员要从全局的高度出"
        "发，切实把跑遍“三圈”大走访专题活动，作为政协委员参与全市大走访活动的创新举措，"
        "作为推动政协工作、促进社会和谐的有力抓手，作为改进工作作风、提高服务群众能力的一"
        "项重要措施，抓实抓好。"
    ),
    (
        "2、及时报送资料。全体委员要按照“访民情、惠民生、促和谐”大走访活动要求，及时报"
        "送走访情况（附件1），并梳理出“三个一”（报送不少于一条的意见建议，反映不少于一"
        "条社情民意信息，收集一条\xa0招商引资、招才引智信息）工作成果（附件2）；各市直工作"
        "组、镇（区）联络组要认真收集汇总（附件3），并及时报送至政协办公室。"
    ),
    (
        "3、注重工作实效。全体委员要通过此次主题活动，全面深入了解自身界别圈、生活圈、朋"
        "友圈的工作生活状况，及时收集各方面的意见建议，为党政科学决策和民生问题解决提供第"
        "一手资料。"
    ),
)


PLAN = Plan(
    title="聚焦“三圈”大走访、彰显职能促和谐",
    doc_number="东政协办发〔2017〕11号",
    issuer="东台市政协办公室",
    issued_on=date(2017, 7, 11),
    starts_on=date(2017, 7, 11),
    phases=(
        Phase("调研摸排和解难献策阶段", date(2017, 7, 31)),
        Phase("督查推动和总结提高阶段", date(2017, 8, 31)),
    ),
    bodies=(Body("dongtai", "东台市政协"), Body("yancheng", "盐城市政协住东委员")),
    notice_title=NOTICE_TITLE,
    addressees=ADDRESSEES,
    notice_text=NOTICE_TEXT,
    text=PLAN_TEXT,
)

# Working groups by sector, with their supervising office and the sectors
# (界别) their members come from.
WORKING = [
    ("g-econ", "经济界委员工作组", "经济委", ["经济界", "工商联", "民建"]),
    ("g-agri", "农业界委员工作组", "农业农村委", ["农业界", "九三学社"]),
    ("g-edu", "教育界委员工作组", "教科文卫体委", ["教育界", "民进"]),
    ("g-sci", "科技界委员工作组", "教科文卫体委", ["科技界", "科协", "九三学社"]),
    ("g-health", "医药卫生界委员工作组", "教科文卫体委", ["医药卫生界", "农工党"]),
    ("g-culture", "文化体育界委员工作组", "文史学习委", ["文化艺术界", "体育界", "新闻出版界"]),
    ("g-party", "民主党派委员工作组", "提案委", ["民革", "民盟", "致公党", "无党派人士"]),
    (
        "g-social",
        "社会界别委员工作组",
        "社会法制民宗委",
        ["社会福利和社会保障界", "工会", "妇联", "共青团", "少数民族和宗教界"],
    ),
]
TOWNS = [
    ("dongtai", "东台镇"),
    ("qindong", "溱东镇"),
    ("shiyan", "时堰镇"),
    ("wulie", "五烈镇"),
    ("liangduo", "梁垛镇"),
    ("anfeng", "安丰镇"),
    ("nanshenzao", "南沈灶镇"),
    ("fuan", "富安镇"),
    ("tangyang", "唐洋镇"),
    ("xinjie", "新街镇"),
    ("xuhe", "许河镇"),
    ("sancang", "三仓镇"),
    ("touzao", "头灶镇"),
    ("qianggang", "弶港镇"),
    ("kaifaqu", "经济开发区"),
    ("chengdong", "城东新区"),
]
LIAISON_OFFICES = [
    "办公室",
    "研究室",
    "提案委",
    "经济委",
    "农业农村委",
    "教科文卫体委",
    "社会法制民宗委",
    "文史学习委",
]
TOWN_SECTORS = ["农业界", "经济界", "教育界", "医药卫生界", "工商联", "特邀"]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
    "肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟陆汪范金石夏顾钱严戴孔汤缪"
)
GIVEN = (
    "建国华军伟明芳丽娟敏静强磊洋勇艳杰涛超秀英霞平刚桂兰志红玉梅海燕春雷"
    "文斌宏亮晓东晨阳俊峰婷颖慧琳佳鑫宇浩然思源雪松立新永庆振华国平卫东"
)
ROADS = [
    "望海路",
    "海陵路",
    "鼓楼路",
    "范公路",
    "东进路",
    "北海路",
    "红兰路",
    "惠民路",
    "西溪路",
    "金海路",
    "新东路",
    "康平路",
    "德润路",
    "青年路",
]
TOWN_STREETS = ["中心街", "人民路", "富民路", "振兴路", "建设路", "古南街", "海堤路"]

ORGS = [
    "纺织有限公司",
    "新材料有限公司",
    "农产品加工厂",
    "机械制造有限公司",
    "家庭农场",
    "中心小学",
    "人民医院",
    "社区卫生服务中心",
    "电子科技有限公司",
    "商贸有限公司",
    "茧丝绸有限公司",
    "光伏科技有限公司",
]
CITIES = ["上海", "南京", "苏州", "无锡", "深圳", "杭州", "北京", "常州"]

SECTOR_ISSUES = [
    ("企业用工紧张，熟练技工招聘难", "希望人社部门组织校企对接", "职业教育与企业需求衔接"),
    ("中小企业融资渠道窄、贷款周期长", "协调银行开展应急转贷", "政银企合作机制"),
    ("高铁站周边道路和公交配套不完善", "", "高铁站片区规划建设统筹"),
    ("农村学校教师结构性缺编", "", "城乡教师交流轮岗"),
    ("基层医疗机构全科医生不足", "希望加强定向培养", "医共体建设"),
    ("规模农业主体烘干仓储设施不足", "协调落实设施农用地", "粮食产后服务体系建设"),
    ("文化旅游项目宣传推介力度不够", "", "西溪景区与安丰古镇线路整合"),
    ("企业技术改造审批环节多", "帮助办理项目备案", "涉企审批流程优化"),
]
LIFE_ISSUES = [
    ("小区路灯损坏多时未修", "联系物业和城管尽快修复", ""),
    ("菜场周边占道经营、交通拥堵", "", "市场管理与交通疏导联动"),
    ("老旧小区停车难", "", "老旧小区改造统筹停车位"),
    ("农村生活污水处理设施运行不正常", "督促运维单位检修", "设施长效管护"),
    ("居民区附近夜间施工噪音扰民", "联系施工单位调整作业时间", ""),
    ("社区养老服务站人手不足", "", "居家养老服务购买机制"),
    ("河道保洁不及时、水体发黑", "联系河长督促保洁", "河道长效管护"),
    ("公交班次少，农村老人进城不便", "", "城乡公交一体化"),
]
FRIENDS_LEADS = [
    ("有意回乡投资农产品深加工项目", "介绍开发区招商政策", "项目落地服务对接"),
    ("所在企业计划在长三角布局生产基地", "", "招商部门跟进洽谈"),
    ("高校科研团队有意到东台转化科研成果", "对接科技部门", "人才政策兑现"),
    ("在外创业乡友希望回乡开办电商企业", "", "电商产业园入驻"),
    ("乡友所在投资机构关注新能源项目", "", "新能源产业链招商"),
    ("外地医院专家愿意定期回乡坐诊", "联系卫健部门", "柔性引才机制"),
]
SUGGESTION_TITLES = [
    "关于加强职业教育与企业用工对接的建议",
    "关于拓宽中小企业融资渠道的建议",
    "关于完善高铁站周边配套设施的建议",
    "关于缓解农村学校教师结构性缺编的建议",
    "关于加强基层全科医生队伍建设的建议",
    "关于完善粮食产后服务体系的建议",
    "关于整合西溪景区与安丰古镇旅游线路的建议",
    "关于优化企业技改审批流程的建议",
]
OPINION_TITLES = [
    "部分小区路灯损坏长期无人维修",
    "菜场周边占道经营影响通行",
    "老旧小区停车难问题亟待解决",
    "农村生活污水处理设施运维不到位",
    "夜间施工噪音扰民问题",
    "社区居家养老服务人手不足",
    "部分河道保洁不及时",
    "农村公交班次偏少群众出行不便",
]
LEAD_TITLES = [
    "乡友拟回乡投资农产品深加工项目",
    "沪上企业拟在长三角布局生产基地",
    "高校科研团队拟来东转化科研成果",
    "在外乡友拟回乡创办电商企业",
    "投资机构关注我市新能源项目",
    "外地医院专家愿定期回乡坐诊",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the packaged file is stale")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = sq.dump(build())
    if args.check:
        if args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output} is stale: run python scripts/make_demo.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def build() -> Campaign:
    """The demo campaign, the same every time."""
    rnd = random.Random(SEED)
    groups: list[Group] = []
    sectors: dict[str, list[str]] = {}
    towns: dict[str, str] = {}
    for gid, name, office, secs in WORKING:
        groups.append(Group(gid, name, GroupKind.WORKING, office))
        sectors[gid] = secs
        towns[gid] = "东台镇"
    for i, (slug, town) in enumerate(TOWNS):
        gid = f"t-{slug}"
        groups.append(Group(gid, f"{town}委员联络组", GroupKind.LIAISON, LIAISON_OFFICES[i % 8]))
        sectors[gid] = TOWN_SECTORS
        towns[gid] = town

    names = _names(rnd, 330)
    members: list[Member] = []
    sizes = {g.id: (22 if g.kind is GroupKind.WORKING else 9) for g in groups}
    n = 0
    for group in groups:
        for _ in range(sizes[group.id]):
            n += 1
            roll = rnd.random()
            bodies = (
                ("dongtai",)
                if roll < 0.86
                else ("yancheng",)
                if roll < 0.94
                else ("dongtai", "yancheng")
            )
            town = towns[group.id]
            street = rnd.choice(ROADS if town == "东台镇" else TOWN_STREETS)
            members.append(
                Member(
                    id=f"m{n:03d}",
                    name=names[n - 1],
                    group_id=group.id,
                    bodies=bodies,
                    sector=rnd.choice(sectors[group.id]),
                    phone=f"1380000{n:04d}",
                    address=f"{town}{street}{rnd.randint(1, 199)}号",
                )
            )

    visits: list[Visit] = []
    submissions: list[Submission] = []
    start, end = PLAN.starts_on, PLAN.ends_on
    assert start is not None
    span = (end - start).days
    for member in members:
        town = towns[member.group_id]
        if rnd.random() < 0.04:
            continue  # a few members took no part at all
        skip = rnd.choice(list(Circle)) if rnd.random() < 0.07 else None
        mine: dict[Circle, list[Visit]] = {c: [] for c in Circle}
        for circle in Circle:
            if circle is skip:
                continue
            count = {
                Circle.SECTOR: rnd.randint(1, 4),
                Circle.LIFE: rnd.randint(1, 3),
                Circle.FRIENDS: rnd.randint(1, 2),
            }[circle]
            for _ in range(count):
                visit = _visit(rnd, len(visits) + 1, member, circle, town, start, span)
                visits.append(visit)
                mine[circle].append(visit)
        incomplete = rnd.random() < 0.13
        for kind in SubmissionKind:
            if incomplete and rnd.random() < 0.55:
                continue
            copies = 2 if rnd.random() < 0.08 else 1
            for _ in range(copies):
                sources = mine[kind.circle]
                # A couple of items cite a visit of another circle, for the
                # built-in advisory rule to find.
                if rnd.random() < 0.002:
                    sources = [v for c in Circle if c is not kind.circle for v in mine[c]]
                source = rnd.choice(sources) if sources and rnd.random() < 0.8 else None
                submissions.append(
                    _submission(rnd, len(submissions) + 1, member, town, kind, source, start, span)
                )
    return Campaign(
        plan=PLAN,
        groups=tuple(groups),
        members=tuple(members),
        visits=tuple(visits),
        submissions=tuple(submissions),
        follow_ups=_follow_ups(visits, submissions, towns, {m.id: m for m in members}),
        extra={
            "synthetic": True,
            "note": (
                "示例数据：方案、阶段与参加单位取自东政协办发〔2017〕11号通知；"
                "委员、电话、地址、走访与成果均由 scripts/make_demo.py 随机生成，纯属虚构。"
                " Synthetic example: the plan is real, every person and record is made up."
            ),
        },
    )


# -- the follow-up ledger (办理台账), synthetic too ----------------------------------------

#: The units a suggestion on each SECTOR_ISSUES topic goes to: the main unit, then co-units.
SUGGESTION_UNITS = [
    ("市人社局", "市教育局"),
    ("市金融办", "人民银行东台市支行"),
    ("市住建局", "市交通运输局"),
    ("市教育局", "市编办"),
    ("市卫健委", "市人社局"),
    ("市农业农村局", "市发改委"),
    ("市文广旅局", "西溪景区管委会"),
    ("市行政审批局", "市工信局"),
]
#: The unit a 社情民意 item on each LIFE_ISSUES topic goes to.
OPINION_UNITS = [
    "市城管局",
    "市市场监管局",
    "市住建局",
    "市水务局",
    "市生态环境局",
    "市民政局",
    "市水务局",
    "市交通运输局",
]
#: The unit a lead is handed to.
LEAD_UNITS = ("市商务局", "东台经济开发区管委会", "市科技局")


class _Ledger:
    """Numbers the events as they are made."""

    def __init__(self) -> None:
        self.events: list[FollowUpEvent] = []

    def add(self, item: Visit | Submission, on: date, event: Event, **fields: object) -> date:
        key = "visit_id" if isinstance(item, Visit) else "submission_id"
        self.events.append(
            FollowUpEvent(
                id=f"f{len(self.events) + 1:05d}",
                on=on,
                event=event,
                **{key: item.id},
                **fields,  # type: ignore[arg-type]
            )
        )
        return on


def _later(rnd: random.Random, day: date, lo: int, hi: int) -> date:
    return day + timedelta(days=rnd.randint(lo, hi))


def _handle(
    rnd: random.Random, ledger: _Ledger, item: Visit | Submission, day: date, units: list[str]
) -> None:
    """Hand *item* to *units* on *day*; replies (a few late, now and then none), closing, rating."""
    for unit in units:
        ledger.add(item, day, Event.ASSIGNED, unit=unit)
    replied: list[date] = []
    for n, unit in enumerate(units):
        roll = rnd.random()
        if roll < (0.05 if n == 0 else 0.12):
            continue  # no reply yet: overdue on the ledger's day
        late = roll > 0.88
        when = _later(rnd, day, 31, 55) if late else _later(rnd, day, 6, 28)
        replied.append(ledger.add(item, when, Event.REPLIED, unit=unit if len(units) > 1 else ""))
    if len(replied) == len(units) and rnd.random() < 0.7:
        closed = ledger.add(item, _later(rnd, max(replied), 2, 10), Event.CLOSED)
        rating = rnd.choices(list(Satisfaction), weights=(70, 25, 5))[0]
        ledger.add(item, _later(rnd, closed, 1, 7), Event.SATISFACTION, note=rating.label)


#: The chance that the next level up adopts an item the level below adopted.
_HIGHER = 0.3


def _adopt(rnd: random.Random, ledger: _Ledger, item: Submission, chance: float) -> None:
    """Adoption level by level (each higher one less likely), and now and then an instruction."""
    day = item.submitted_on
    reached: Level | None = None
    for level in Level:
        if rnd.random() >= chance:
            break
        day = ledger.add(item, _later(rnd, day, 4, 21), Event.ADOPTED, level=level)
        reached = level
        chance = _HIGHER
    if reached is not None and rnd.random() < 0.25:
        ledger.add(item, _later(rnd, day, 2, 12), Event.INSTRUCTED, level=reached)


def _follow_ups(
    visits: list[Visit],
    submissions: list[Submission],
    towns: dict[str, str],
    members: dict[str, Member],
) -> tuple[FollowUpEvent, ...]:
    """The ledger: what became of the items, the same every time (a seed of its own).

    Proposals are numbered and handed to a main unit and often a co-unit;
    社情民意 items are adopted level by level, some handed to a unit; a few
    leads go to the investment side; visits solved together go to their
    town's government. Replies mostly come within the plan's 30 days, a few
    later, a few not at all.
    """
    rnd = random.Random(SEED + 1)
    ledger = _Ledger()
    proposals = 100
    for visit in visits:
        if visit.follow_up is FollowUp.COORDINATION and rnd.random() < 0.5:
            town = towns[members[visit.member_id].group_id]
            unit = f"{town}管委会" if town.endswith("区") else f"{town}人民政府"
            day = ledger.add(visit, _later(rnd, visit.visited_on, 1, 4), Event.COORDINATION)
            _handle(rnd, ledger, visit, _later(rnd, day, 1, 5), [unit])
    for item in submissions:
        if item.kind is SubmissionKind.SUGGESTION:
            if item.follow_up is not FollowUp.PROPOSAL:
                continue
            proposals += 1
            day = _later(rnd, item.submitted_on, 3, 12)
            ledger.add(item, day, Event.PROPOSAL, ref=str(proposals))
            main, co = SUGGESTION_UNITS[SUGGESTION_TITLES.index(item.title)]
            units = [main, co] if rnd.random() < 0.6 else [main]
            _handle(rnd, ledger, item, _later(rnd, day, 2, 7), units)
            _adopt(rnd, ledger, item, 0.15)
        elif item.kind is SubmissionKind.OPINION:
            _adopt(rnd, ledger, item, 0.3)
            if rnd.random() < 0.15:
                unit = OPINION_UNITS[OPINION_TITLES.index(item.title)]
                _handle(rnd, ledger, item, _later(rnd, item.submitted_on, 2, 8), [unit])
        elif rnd.random() < 0.08:
            day = ledger.add(item, _later(rnd, item.submitted_on, 1, 5), Event.COORDINATION)
            _handle(rnd, ledger, item, _later(rnd, day, 1, 4), [rnd.choice(LEAD_UNITS)])
    return tuple(ledger.events)


def _names(rnd: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        given = rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.75 else "")
        name = rnd.choice(SURNAMES) + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _day(rnd: random.Random, start: date, span: int, *, lo: int = 0) -> date:
    """A day in the window; now and then one just outside it."""
    roll = rnd.random()
    if roll < 0.015:
        return start - timedelta(days=rnd.randint(1, 8))
    if roll < 0.03:
        return start + timedelta(days=span + rnd.randint(1, 10))
    return start + timedelta(days=rnd.randint(min(lo, span), span))


def _person(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)


def _visit(
    rnd: random.Random, n: int, member: Member, circle: Circle, town: str, start: date, span: int
) -> Visit:
    day = _day(rnd, start, span)
    follow_up = None
    if circle is Circle.SECTOR:
        said, help_, coord = rnd.choice(SECTOR_ISSUES)
        org = rnd.choice(ORGS)
        target = f"{_person(rnd)}（{town.removesuffix('镇')}某{org}）"
        address = f"{town}{rnd.choice(TOWN_STREETS)}{rnd.randint(1, 99)}号"
        headcount = rnd.randint(1, 12)
        channel = Channel.IN_PERSON
        situation = f"座谈中反映{said}。"
        if coord and rnd.random() < 0.3:
            follow_up = rnd.choice([FollowUp.TOPIC, FollowUp.PROPOSAL])
    elif circle is Circle.LIFE:
        said, help_, coord = rnd.choice(LIFE_ISSUES)
        target = f"{_person(rnd)}等居民"
        address = member.address.split("号")[0].rstrip("0123456789") + "周边"
        headcount = rnd.randint(1, 8)
        channel = Channel.IN_PERSON if rnd.random() < 0.9 else Channel.PHONE
        situation = f"左邻右舍拉家常时反映{said}。"
        if help_ and rnd.random() < 0.35:
            follow_up = FollowUp.COORDINATION
    else:
        said, help_, coord = rnd.choice(FRIENDS_LEADS)
        city = rnd.choice(CITIES)
        target = f"{_person(rnd)}（在{city}工作的乡友）"
        address = f"{city}"
        headcount = rnd.randint(1, 3)
        channel = rnd.choice([Channel.PHONE, Channel.WECHAT, Channel.WECHAT, Channel.QQ])
        situation = f"{city}乡友{said}。"
    return Visit(
        id=f"v{n:05d}",
        member_id=member.id,
        circle=circle,
        visited_on=day,
        target=target,
        address=address,
        headcount=headcount,
        channel=channel,
        situation=situation,
        needs_help=help_ if rnd.random() < 0.6 else "",
        needs_coordination=coord if rnd.random() < 0.5 else "",
        follow_up=follow_up,
    )


def _submission(
    rnd: random.Random,
    n: int,
    member: Member,
    town: str,
    kind: SubmissionKind,
    source: Visit | None,
    start: date,
    span: int,
) -> Submission:
    lo = (source.visited_on - start).days if source else 0
    day = _day(rnd, start, span, lo=max(lo, 0))
    if source is not None:
        day = max(day, source.visited_on)  # an item is not written before its visit
    if kind is SubmissionKind.SUGGESTION:
        i = rnd.randrange(len(SUGGESTION_TITLES))
        title = SUGGESTION_TITLES[i]
        issue = SECTOR_ISSUES[i]
        content = (
            f"走访中界别群众普遍反映{issue[0]}。建议：一是摸清底数，建立问题清单；"
            f"二是围绕{issue[2] or '相关工作'}，由牵头部门会同有关单位研究具体措施；"
            "三是明确时间节点，定期跟踪督办，推动问题解决。"
        )
    elif kind is SubmissionKind.OPINION:
        i = rnd.randrange(len(OPINION_TITLES))
        title = OPINION_TITLES[i]
        issue = LIFE_ISSUES[i]
        content = (
            f"近期，{town}部分群众反映{issue[0]}，"
            "给群众生活带来不便。建议有关部门加强巡查，及时处置，并建立长效管理机制。"
        )
    else:
        i = rnd.randrange(len(LEAD_TITLES))
        title = LEAD_TITLES[i]
        issue = FRIENDS_LEADS[i]
        content = (
            f"委员通过电话、微信联系在外乡友了解到：{issue[0].removeprefix('有意')}。"
            "委员已向其宣传介绍家乡优良环境和优惠政策，建议相关部门尽快对接洽谈。"
        )
    follow_up = None
    if kind is SubmissionKind.SUGGESTION and rnd.random() < 0.2:
        follow_up = FollowUp.PROPOSAL
    return Submission(
        id=f"s{n:05d}",
        member_id=member.id,
        kind=kind,
        submitted_on=day,
        title=title,
        content=content,
        visit_id=source.id if source else None,
        follow_up=follow_up,
    )


if __name__ == "__main__":
    sys.exit(main())
