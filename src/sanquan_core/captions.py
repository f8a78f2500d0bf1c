"""The wording of the seed's forms, in one place for the terminal and every exporter.

Captions are reproduced exactly as the notice 东政协办发〔2017〕11号 prints
them, full-width punctuation included.
"""

from __future__ import annotations

from typing import Final

from .model import Circle, SubmissionKind

# 附件3 情况汇总表 ---------------------------------------------------------------

SUMMARY_TITLE: Final = "政协委员聚焦“三圈”大走访活动情况汇总表"
GROUP: Final = "组别"
PARTICIPANTS: Final = "参与活动委员人数"
#: The seed breaks this header cell over two lines.
PARTICIPANTS_BROKEN: Final = "参与活动\n委员人数"
VISITED: Final = "走访“圈子”人数"
SUBMITTED: Final = "“三个一”工作报送条数"
TOTAL: Final = "汇总"

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
