"""The wording of the seed's forms, in one place for the terminal and every exporter.

Captions are reproduced exactly as the notice 东政协办发〔2017〕11号 prints
them, full-width punctuation included.
"""

from __future__ import annotations

from typing import Final

from .model import Circle, Level, SubmissionKind

# 附件3 情况汇总表 ---------------------------------------------------------------

SUMMARY_TITLE: Final = "政协委员聚焦“三圈”大走访活动情况汇总表"
GROUP: Final = "组别"
PARTICIPANTS: Final = "参与活动委员人数"
#: The seed breaks this header cell over two lines.
PARTICIPANTS_BROKEN: Final = "参与活动\n委员人数"
VISITED: Final = "走访“圈子”人数"
SUBMITTED: Final = "“三个一”工作报送条数"
TOTAL: Final = "汇总"
#: The first column of a prefecture's roll-up, in place of 组别: a row per county.
COUNTY: Final = "县（市、区）"
#: The note under a roll-up when counties left records out of their summaries.
ROLLUP_OUTSIDE: Final = "注：另有走访{visits}次、报送{submissions}条不在各地活动期内，未计入汇总。"

#: Second header level under 走访“圈子”人数, in column order.
CIRCLE_COLUMNS: Final = tuple(c.label for c in Circle)
#: Second header level under “三个一”工作报送条数, in column order.
KIND_COLUMNS: Final = tuple(k.label for k in SubmissionKind)

# 附件1 走访情况登记表 -------------------------------------------------------------

VISIT_FORM_TITLE: Final = (
    "全市盐城和东台两级政协委员",
    "“访民情、惠民生、促和谐”大走访活动情况登记表",
)
VISITOR: Final = "走访人员"
GROUP_OF: Final = "所在委员工作（联络）组"
TARGET: Final = "走访对象"
ADDRESS: Final = "走访地址"
VISIT_DATE: Final = "走访日期"
SITUATION: Final = "走访对象\n反映的情况"
NEEDS_HELP: Final = "需帮助解决\n问题情况"
NEEDS_COORDINATION: Final = "需要统筹\n协调的问题"

# 附件2 “三个一”工作成果登记表 -----------------------------------------------------

RESULTS_FORM_TITLE: Final = (
    "政协委员聚焦“三圈”大走访活动",
    "“三个一”工作成果登记表",
)
MEMBER_NAME: Final = "委员姓名"
#: The row captions of 附件2, one per kind, as the seed words them.
RESULT_ROWS: Final = {
    SubmissionKind.SUGGESTION: "一条经济社会发展建议",
    SubmissionKind.OPINION: "一条关系民生的社情民意信息",
    SubmissionKind.LEAD: "一条“双招双引”信息",
}

ATTACHMENT: Final = "附件"

# Marks and notes every document prints the same way --------------------------------

#: A visit or item dated outside the campaign window: listed, not counted.
OUTSIDE_MARK: Final = "不在活动期内，未计入汇总"
#: A kind a member handed nothing in for.
NOT_SUBMITTED: Final = "（未报送）"
#: Printed where personal data was masked (``redact=True``).
REDACTED_NOTE: Final = "（已隐去个人信息）"
#: Introduces the part of the campaign a document covers (a selection).
SCOPE: Final = "范围："

# What documents print around the forms ---------------------------------------------
# One wording per thing, in every format: renderers print these through the
# content layer (sanquan_core.documents) and word nothing themselves.

#: A form with no records at all (附件1 of a campaign without visits).
NO_VISITS: Final = "（暂无走访记录）"
#: 附件2 of a campaign without members.
NO_MEMBERS: Final = "（暂无委员）"
#: An item handed in without a title.
NO_TITLE: Final = "（无标题）"
#: An empty part of a report.
NOTHING: Final = "无。"
#: A member who handed in every kind their quota asks for.
COMPLETE: Final = "已完成"
#: Starts what a member still owes: 尚缺社情民意信息1条.
OWES: Final = "尚缺"
#: The caption of a member's completion on 附件2.
STATUS: Final = "完成情况"
#: A visit's registration number.
VISIT_NUMBER: Final = "登记编号"
#: 附件1's details the seed's table has no row for (the 附件3 header's wording).
CIRCLE: Final = "走访“圈子”"
CHANNEL: Final = "走访方式"
HEADCOUNT: Final = "走访人数"
#: What became of a record.
FOLLOW_UP: Final = "办理情况"

# Templates to fill (sanquan template) and the corrections workbook (--errors-out) ---------

#: The line under a blank Word 附件1 of a template: the fields the seed's
#: table lacks, each label followed by a gap the member types the value in.
TEMPLATE_VISIT_LINE: Final = "".join(
    f"{label}：{'　' * 6}" for label in (CIRCLE, CHANNEL, HEADCOUNT)
).rstrip("　")
#: How to fill a Word 附件1 of a template: one line (the form fills its page),
#: no field label before a colon, so it is never read as a value.
TEMPLATE_VISIT_HINT: Final = (
    f"（{CIRCLE}填{'、'.join(c.label for c in Circle)}之一；每次走访填一份，多次走访请复制本页。）"
)
#: How to fill a Word 附件2 of a template.
TEMPLATE_RESULTS_HINT: Final = (
    "（每条成果第一行写标题和报送日期，如“关于……的建议（2017年7月15日报送）”，"
    "另起一行写内容；一栏有多条的，逐条接着写。）"
)
#: The corrections workbook's list of every problem, and its header.
PROBLEM_SHEET: Final = "问题清单"
PROBLEM_HEADER: Final = ("文件", "工作表", "单元格", "问题", "代码", "原值")
#: The notes sheet of the corrections workbook.
NOTE_SHEET: Final = "提示"
#: A corrections sheet pair of rows whose group could not be told.
UNKNOWN_GROUP: Final = "组别不明"
#: An item of a row whose kind could not be read, written into 备注:
#: 类别：…；标题：…；报送日期：…；内容：…
ITEM_PARTS_TEXT: Final = ("类别", "标题", "报送日期", "内容")
#: Where an item came from (the visit it was gathered on).
SOURCE: Final = "来源"
#: The book's byline: who handed an item in, and when.
SUBMITTER: Final = "报送人"
SUBMITTED_ON: Final = "报送日期"
#: The office that supervises a group.
OFFICE: Final = "联系委办"

# The completion report (完成情况与催报名单) ---------------------------------------------

COMPLETION_TITLE: Final = "“三个一”完成情况与催报名单"
#: Its five parts, in order; DOCX and PDF number them 一、 to 五、.
COMPLETION_PARTS: Final = (
    "各组完成情况",
    "催报名单（按联系委办、组别）",
    "不在活动期内的记录（未计入汇总）",
    "其他提示",
    "委员完成情况明细",
)
#: The reminder list when nobody is behind.
ALL_COMPLETE: Final = "全体委员均已完成“三个一”，无需催报。"
#: The columns of the reminder list: one row per member still owing.
REMINDER_HEADER: Final = (OFFICE, GROUP, "委员姓名", "尚缺")
#: The columns of the group table.
GROUP_HEADER: Final = (GROUP, OFFICE, "委员人数", "已完成", "完成率")
#: The columns of the member table.
MEMBER_HEADER: Final = (
    "委员姓名",
    GROUP_OF,
    OFFICE,
    *KIND_COLUMNS,
    STATUS,
    "未走访的圈子",
)
#: A group whose office the plan does not name.
NO_OFFICE: Final = "（未指定委办）"

# 成果汇编 (the book) --------------------------------------------------------------------

BOOK_SUBTITLE: Final = "委员走访成果汇编"
#: The contents page's title; the space between the characters is the custom.
CONTENTS_TITLE: Final = "目　录"
#: The appendix's title as printed; its contents entry reads APPENDIX_HEADING.
APPENDIX_TITLE: Final = "附　录"
APPENDIX_HEADING: Final = "附录"
#: The appendix's parts, the third only when there are charts.
APPENDIX_PARTS: Final = ("（一）走访和报送情况汇总", "（二）“三个一”完成情况", "（三）统计图")
#: A chapter of a selection of kinds that holds nothing.
NO_ITEMS: Final = "（本章无收录内容）"

# 进度 (supervision over time, forms=["progress"]) ----------------------------------------

PROGRESS_TITLE: Final = "“三个一”工作进度"
#: The period line: 统计期间：2017年7月11日至2017年8月31日，每周统计一次，….
PROGRESS_PERIOD: Final = "统计期间：{starts}至{ends}，{every}统计一次，另在各阶段截止日统计。"
#: How often the series counts, by ``ProgressReport.every``.
PROGRESS_EVERY: Final = {"week": "每周", "day": "每日"}
#: The pace rule: the deadlines' expected rates (、 between), the tolerance.
PROGRESS_PACE_RULE: Final = (
    "应达完成率：{deadlines}（默认按活动已进行天数占全程天数的比例）；"
    "阶段截止日完成率低于应达完成率{tolerance}的组别列为进度滞后。"
)
#: One deadline in the pace rule (；between them).
PROGRESS_DEADLINE: Final = "{phase}截至{day}应达{rate}"
#: The tolerance in the pace rule when it is not 1: 的80%.
PROGRESS_TOLERANCE: Final = "的{share}"
#: An office's heading in part 三: （一）经济委（委员44人）.
PROGRESS_OFFICE: Final = "（{number}）{name}（委员{members}人）"
#: An office's chart title: 经济委各组“三个一”完成率.
PROGRESS_CHART: Final = "{name}各组“三个一”{axis}"
#: Its three parts, in order; DOCX and PDF number them 一、 to 三、.
PROGRESS_PARTS: Final = ("总体进度", "进度滞后的组别", "各联系委办进度")
#: The columns of a series table: one row per point.
PROGRESS_HEADER: Final = (
    "日期",
    "阶段截止",
    PARTICIPANTS,
    "已完成委员人数",
    "完成率",
    "走访次数",
    *KIND_COLUMNS,
)
#: The columns of the behind-pace list: one row per group and deadline.
BEHIND_HEADER: Final = (
    GROUP,
    OFFICE,
    "阶段",
    "截止日期",
    "已完成/委员人数",
    "完成率",
    "应达完成率",
)
#: The behind-pace list when no group is behind.
NONE_BEHIND: Final = "各组在已到期的阶段截止日均达到应达进度。"
#: The expected share's line in a chart and its column in the rate table.
EXPECTED: Final = "应达完成率"
#: The whole campaign's series, and an office's own, in a rate table or a chart legend.
ALL_GROUPS: Final = "全体"
OFFICE_TOTAL: Final = "委办合计"
#: Follows a day on a chart's axis when a phase ends on it.
DEADLINE_MARK: Final = "（阶段截止）"
#: The axes of the rate charts.
DATE_AXIS: Final = "日期"
RATE_AXIS: Final = "累计完成率"
# 履职积分 ----------------------------------------------------------------------

POINTS_TITLE: Final = "政协委员“三圈”大走访活动履职积分排名表"
POINTS_PARTS: Final = ("一、委员积分排名", "二、各组积分排名", "三、积分明细")
#: What earned an award, by its source: a circle's, a kind's or a level's label goes in {}.
POINTS_VISIT: Final = "{}走访"
POINTS_ADOPTED: Final = "{}采用"
POINTS_INSTRUCTED: Final = "{}领导批示"
RANK: Final = "名次"
POINTS_TOTAL: Final = "积分合计"
#: The counted points per source, in the order of ``points.SOURCES``.
POINTS_SOURCES: Final = ("走访积分", "成果积分", "采用积分", "批示积分")
POINTS_EARNED: Final = "应得积分"
POINTS_COUNTED: Final = "计入积分"
POINTS_REASON: Final = "积分事项"
POINTS_RECORD: Final = "记录编号"
POINTS_DATE: Final = "日期"
POINTS_AVERAGE: Final = "人均积分"
MEMBERS: Final = "委员人数"
#: Printed under the tables when a cap took points.
POINTS_CAPPED: Final = (
    "注：超过积分上限的部分不计入合计（每人上限{member}，每人每阶段上限{phase}）。"
)
NO_CAP: Final = "不设"
#: A cap in POINTS_CAPPED.
CAP_POINTS: Final = "{points}分"

# 催报通知 and the reminder texts (sanquan remind) -----------------------------------------

#: The letter's title (a 函 to each group with incomplete members).
REMINDERS_TITLE: Final = "关于催报“三圈”大走访活动“三个一”成果的函"
#: How a letter addresses its group: 经济界委员工作组：
REMINDERS_ADDRESSEE: Final = "{group}"
#: The letter's opening paragraph; {day} is 截至2017年7月25日 or 截至目前.
REMINDERS_OPENING: Final = (
    "根据《{plan}》要求，每位委员走访界别圈、生活圈、朋友圈，并报送“三个一”成果。"
    "{day}，贵组以下{count}位委员尚未完成："
)
#: The day the data stands at: 截至2017年7月25日.
AS_OF: Final = "截至{day}"
#: Without a day the data stands at.
REMINDERS_SO_FAR: Final = "截至目前"
#: One member's line: 1. 张三：走访尚缺生活圈1次；“三个一”尚缺社情民意信息1条。
REMINDERS_MEMBER: Final = "{number}. {name}：{owed}。"
#: The closing paragraph, with a deadline and without one (the campaign is over).
REMINDERS_CLOSING: Final = "请督促以上委员于{deadline}前补齐并报送。"
REMINDERS_CLOSING_ASAP: Final = "活动各阶段均已截止，请督促以上委员尽快补齐并报送。"
#: The letter when nobody in the selection is behind.
REMINDERS_NONE: Final = ALL_COMPLETE
#: What a member owes, in a letter: visits per circle, then items, 、 between, ； between the two.
OWED_VISITS: Final = "走访尚缺{list}"
OWED_VISIT: Final = "{circle}{count}次"
OWED_ITEMS: Final = "“三个一”尚缺{list}"
OWED_ITEM: Final = "{kind}{count}条"

#: The short names of the kinds a text message uses.
KIND_SHORT: Final = {
    SubmissionKind.SUGGESTION: "发展建议",
    SubmissionKind.OPINION: "社情民意",
    SubmissionKind.LEAD: "双招双引",
}
#: A text message (≤ TEXT_LIMIT characters), with a deadline and without one.
TEXT: Final = "{name}委员：{owed}，请于{deadline}前报送。{sender}"
TEXT_ASAP: Final = "{name}委员：{owed}，请尽快报送。{sender}"
#: The sender's signature at the end of a text: ——东台市政协办公室.
TEXT_SENDER: Final = "——{sender}"
#: What is owed, in a text: the lists, then counts only when the lists do not fit.
TEXT_VISITS: Final = "三圈走访尚缺{list}"
TEXT_ITEMS: Final = OWED_ITEMS
TEXT_VISITS_COUNT: Final = "走访尚缺{count}个圈"
TEXT_ITEMS_COUNT: Final = "“三个一”尚缺{count}条"
#: A name cut to fit ends with this.
TEXT_CUT: Final = "…"
#: The most characters a text may have (an SMS of 70 Chinese characters).
TEXT_LIMIT: Final = 70
#: The columns of the texts file (sanquan remind -o texts.csv).
TEXT_HEADER: Final = ("委员编号", "委员姓名", GROUP, "联系电话", "截止日期", "提醒内容")
#: The appendix's part listing the items adopted, numbered after the others
#: (（四）采用情况, or （三） without charts); only when an item was adopted.
ADOPTION_PART: Final = "采用情况"
#: The columns of the adoption list: one row per item and level.
ADOPTION_HEADER: Final = ("采用层级", "采用日期", "成果标题", "委员", GROUP)

# 办理情况 (the follow-up report) -----------------------------------------------------

FOLLOW_UP_TITLE: Final = "委员走访成果办理情况"
#: Its parts, in order; every format numbers them 一、 to 六、.
FOLLOW_UP_PARTS: Final = (
    "办理情况（按类别）",
    "办理情况（按联系委办）",
    "采用、批示和满意度测评情况（按类别）",
    "采用、批示和满意度测评情况（按联系委办）",
    "承办单位答复情况",
    "超期未答复清单（按承办单位）",
)
#: The row of visits in the tallies by kind.
VISITS_KIND: Final = "走访情况"
#: The first column of the tallies: by kind, by office.
TALLY_BY: Final = ("类别", OFFICE)
#: The first two columns of the follow-up table (CSV and the rows): which tally, which row.
FOLLOW_UP_ROW: Final = ("分类", "名称")
#: The handling tallies' number columns (line breaks where a narrow column breaks them).
HANDLING_COLUMNS: Final = (
    "办理\n件数",
    "转化为\n提案",
    "转化为\n调研课题",
    "协同\n解决",
    "已交办",
    "已答复",
    "超时限\n答复",
    "超期\n未答复",
    "已办结",
)
#: The outcome tallies' number columns: adoption at each level, instructions, ratings.
OUTCOME_COLUMNS: Final = (
    *(f"{level.label}\n采用" for level in Level),
    "领导\n批示",
    "满意",
    "基本\n满意",
    "不满意",
)
#: The tallies' total row.
TOTAL_ROW: Final = "合计"
#: The units' table.
UNIT_HEADER: Final = ("承办单位", "交办件数", "已答复", "超时限答复", "超期未答复", "已办结")
#: The overdue list: one row per hand-over waiting beyond the limit.
OVERDUE_HEADER: Final = ("承办单位", "成果", "委员", "交办日期", "已过天数")
#: A unit a hand-over names none of.
NO_UNIT: Final = "（未注明承办单位）"
#: The opening sentence's totals (late: FOLLOW_UP_LATE or nothing).
FOLLOW_UP_TOTALS: Final = (
    "{as_of}，有办理记录的走访和成果共{items}件，"
    "已交办{assigned}件，已答复{replied}件{late}，已办结{closed}件，"
    "超期未答复{overdue}件；被各级政协采用{adopted}件次，获领导批示{instructed}件。"
)
#: The replies beyond the time limit, inside the totals.
FOLLOW_UP_LATE: Final = "（其中超过{days}天时限答复{count}件）"
#: A visit as a list names it: 走访某企业, or 走访 without a target.
FOLLOW_UP_VISIT: Final = "走访{target}"
#: The report when no item has a history.
NO_FOLLOW_UPS: Final = "暂无办理记录。"
#: The units' table when nothing was handed over.
NO_HAND_OVERS: Final = "暂无交办记录。"
#: The overdue list when every hand-over was replied to in time.
NONE_OVERDUE: Final = "无超期未答复的成果。"
#: The 附件3 variant's columns beside the seed's: items adopted per level.
ADOPTED: Final = "被采用条数"
#: The adoption columns of the 附件3 variant, one per level.
ADOPTION_COLUMNS: Final = tuple(level.label for level in Level)
