"""The seed notice's form captions, typed by hand from the notice (not from captions.py).

Tests compare documents with these, so a typo in captions.py cannot hide
behind itself.
"""

from __future__ import annotations

SEED_VISIT_TITLE = ["全市盐城和东台两级政协委员", "“访民情、惠民生、促和谐”大走访活动情况登记表"]
SEED_VISIT_ROWS = ["走访对象：", "走访地址：", "走访日期："]
SEED_VISIT_LABELS = ["走访对象\n反映的情况", "需帮助解决\n问题情况", "需要统筹\n协调的问题"]
SEED_RESULTS_TITLE = ["政协委员聚焦“三圈”大走访活动", "“三个一”工作成果登记表"]
SEED_RESULTS_ROWS = ["一条经济社会发展建议", "一条关系民生的社情民意信息", "一条“双招双引”信息"]
SEED_SUMMARY_TITLE = "政协委员聚焦“三圈”大走访活动情况汇总表"
SEED_SUMMARY_TOP = ["组别", "参与活动\n委员人数", "走访“圈子”人数", "“三个一”工作报送条数"]
SEED_SUMMARY_SUB = [
    "界别圈",
    "生活圈",
    "朋友圈",
    "经济社会发展建议",
    "社情民意信息",
    "“双招双引”信息",
]
