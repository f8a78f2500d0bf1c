"""Regenerate the filled forms of tests/data/filled/ (needs LibreOffice's ``soffice``).

Files nobody here wrote the way the library writes them: the blank
templates of ``sanquan template`` (on tests/data/small.json without its
records) filled by openpyxl with a clerk's mistakes, a hand-laid workbook
with the seed's captions in another order, the DOCX export of the notice
packet's forms edited, each then opened and saved again by LibreOffice
headless, so the bytes are LibreOffice's; and a GBK CSV as Chinese Excel
saves it. tests/test_filled.py reads them and checks, by hand-worked
numbers, what comes out::

    apt-get install -y --no-install-recommends libreoffice-calc libreoffice-writer
    python tests/data/filled/make.py

CI does not install LibreOffice: the files are committed, and regenerated
only when the fillings below change.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import docx
import openpyxl

import sanquan_core as sq
from sanquan_core.readers.template import template_bytes

HERE = Path(__file__).resolve().parent
SMALL = HERE.parent / "small.json"

VISIT_SHEET = "附件1 走访情况登记表"
RESULT_SHEET = "附件2 “三个一”工作成果登记表"

#: 经济界委员工作组 (张三, 李四): 附件1 from row 4, columns B 走访人员, D 走访对象,
#: E 走访地址, F 走访日期, G 走访“圈子”, H 走访方式, I 走访人数, J 反映的情况.
G1_VISITS: dict[int, tuple[Any, ...]] = {
    4: ("张三", "钱七 ", "东台镇海陵路8号", "2017-07-15", "界别圈", "当面走访", 3, "反映用工难 "),
    5: ("张 三", "孙八", None, "2017/7/20", " 生活圈", "电话联系", "２", None),
    # row 6 left blank
    7: ("李四", "周九", None, "2017.8.1", "朋友", "微信", "3人", "  停车  难 "),
    8: ("李四", "吴十", None, "7月32日", "界别", "当面", "1", None),
    9: ("张三", "郑一", None, "２０１７年７月２５日", "界别圈", "QQ", "４人", None),
    10: ("张三", "冯二", None, "7月15日", "生活", "上门", " 5 ", None),
    11: ("李四", "陈三", None, "7.16", "朋友圈", "其他", 1, None),
    12: ("李四", "褚四", None, datetime(2017, 7, 18), "界别圈", "电话", 2, None),
    13: ("张三", "卫五", None, "42940", "生活圈", "微信联系", 1, None),
    14: ("李四", "蒋六", None, "20170726", "界别圈", "当面走访", 1, None),
    15: ("张叁", "沈七", None, "2017-07-28", "界别圈", "当面走访", 1, None),
    16: ("李四", "韩八", None, "7-17", "界别", "电话", 1, None),  # B16:B17 merged
    17: (None, "杨九", None, "7/19", "生活圈", "电话", 1, None),
}
#: 附件2 rows 5 (张三) and 6 (李四): D-F 建议, G-I 社情民意, J-L 双招双引 (标题, 报送日期, 内容).
G1_RESULTS: dict[int, tuple[Any, ...]] = {
    5: (
        "关于加强校企合作的建议",
        "2017年7月16日",
        "建议……",
        "小区路灯不亮",
        "7月21日",
        None,
        "乡友拟回乡投资 ",
        date(2017, 8, 2),
        None,
    ),
    6: ("停车难的建议", "２０１７.８.３", "增加车位", None, None, None, None, None, None),
}
#: 安丰镇委员联络组 (王五, 赵六).
G2_VISITS: dict[int, tuple[Any, ...]] = {
    4: ("王五", "某甲", None, "2017-8-5", "界别圈", "当面走访", "１０", None),
    5: ("赵六", "某乙", None, "8月35日", "生活圈", "电话", 2, None),
    6: ("赵六", "某丙", None, "８.６", "朋友圈", "微信", "2 人", None),
}

#: A hand-laid 附件1: a title, a blank row, the seed's captions in another order.
HAND_HEADER = [
    "走访日期",
    "走访对象",
    "走访方式",
    "走访人员",
    "走访“圈子”",
    "走访人数",
    "所在委员工作（联络）组",
    "走访对象反映的情况",
]
HAND_ROWS: list[list[Any]] = [
    ["2017年7月22日", "某丁", "当面", "王五", "界别", "3人", "安丰镇委员联络组", "修路"],
    [],
    ["7.23", "某戊", "电话", "赵六 ", "生活", "", "安丰镇委员联络组", ""],
    HAND_HEADER,  # the header repeated (a second page pasted in)
    ["2017/7/24", "某己", "微信", "张三", "朋友圈", "２", "经济界委员工作组", None],
    ["2017-07-24", "某庚", "打电话", "李四", "同学圈", 1, "经济界委员工作组", None],
]
#: A hand-laid 附件2, a row per item.
HAND_ITEMS = [
    ["委员姓名", "类别", "标题", "报送日期", "内容"],
    ["王五", "建议", "关于修路的建议", "2017年7月25日", "修好村道"],
    ["赵六", "社情民意", "路灯", "7月26日", None],
    ["赵六", "双招双引信息", "回乡投资", "7月", None],
]

#: A GBK CSV as Chinese Excel saves it: CRLF, dates as Excel shows them.
CSV_ROWS = [
    ["走访人员", "走访对象", "走访日期", "走访“圈子”", "走访人数", "走访方式", "反映的情况"],
    ["王五", "某辛", "2017/7/27", "界别圈", "3", "当面走访", "反映用水难"],
    ["赵六", "某壬", "2017/7/32", "生活圈", "1", "电话", ""],
    ["", "", "", "", "", "", ""],
    ["赵六", "某癸", "2017/7/29", "朋友圈", "３人", "微信", "　"],
]


def base() -> sq.Campaign:
    """tests/data/small.json without its records: the plan, groups and members."""
    return attrs.evolve(sq.load(SMALL), visits=(), submissions=())


def fill_template(group: str, visits: dict[int, tuple[Any, ...]], results: bool) -> bytes:
    campaign = base()
    data = template_bytes(campaign, campaign.group(group))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[VISIT_SHEET]
    for row, values in visits.items():
        for column, value in zip((2, 4, 5, 6, 7, 8, 9, 10), values, strict=True):
            if value is not None:
                ws.cell(row, column, value)
    if group == "g1":
        ws.merge_cells("B16:B17")
    if results:
        rs = wb[RESULT_SHEET]
        for row, values in G1_RESULTS.items():
            for column, value in enumerate(values, 4):
                if value is not None:
                    rs.cell(row, column, value)
        note = wb.create_sheet("说明")
        note["A1"] = "请按表填写，日期写成 2017-07-15"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def hand_laid() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "走访登记"
    ws.append(["安丰镇委员联络组走访登记（手工）"])
    ws.append([])
    ws.append(HAND_HEADER)
    for row in HAND_ROWS:
        ws.append(row)
    items = wb.create_sheet("成果")
    for row in HAND_ITEMS:
        items.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _replace(document: Any, old: str, new: str) -> None:
    """Put *new* for *old* in the first paragraph holding it (its runs joined)."""
    for paragraph in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    ):
        runs = list(
            paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        )
        joined = "".join(t.text or "" for t in runs)
        if old in joined:
            runs[0].text = joined.replace(old, new, 1)
            for t in runs[1:]:
                t.text = ""
            return
    raise LookupError(old)


def word_forms() -> bytes:
    """The DOCX export of two visits and an item, edited as a member fills it in Word."""
    small = sq.load(SMALL)
    campaign = attrs.evolve(
        small,
        visits=small.visits[:2],
        submissions=(attrs.evolve(small.submissions[0], visit_id=None),),
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forms.docx"
        sq.export(campaign, path, forms=["visits", "results"])
        document = docx.Document(str(path))
    _replace(document, "走访对象：孙八", "走访对象：孙八 ")
    _replace(document, "走访日期：2017年7月20日", "走访日期：7月32日")
    _replace(document, "走访人数：3人", "走访人数：３人")
    _replace(document, "走访日期：2017年7月15日", "走访日期：２０１７年７月１５日")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def gbk_csv() -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(CSV_ROWS)
    return out.getvalue().encode("gbk")


def libreoffice(source: bytes, name: str, target: str, folder: Path) -> bytes:
    """*source* opened by LibreOffice headless and saved as *target* (xlsx, xls, ods, docx)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("make.py needs LibreOffice (soffice) on PATH")
    inbox = folder / "in"
    outbox = folder / f"out-{target}"
    inbox.mkdir(exist_ok=True)
    outbox.mkdir(exist_ok=True)
    (inbox / name).write_bytes(source)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outbox),
            str(inbox / name),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (outbox / (Path(name).stem + "." + target)).read_bytes()


def main() -> int:
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        g1 = fill_template("g1", G1_VISITS, results=True)
        for target in ("xlsx", "xls", "ods"):
            out = HERE / f"g1-libreoffice.{target}"
            out.write_bytes(libreoffice(g1, "g1.xlsx", target, folder))
            written.append(out)
        g2 = fill_template("g2", G2_VISITS, results=False)
        out = HERE / "g2-libreoffice.xlsx"
        out.write_bytes(libreoffice(g2, "g2.xlsx", "xlsx", folder))
        written.append(out)
        out = HERE / "hand-laid.xlsx"
        out.write_bytes(libreoffice(hand_laid(), "hand.xlsx", "xlsx", folder))
        written.append(out)
        out = HERE / "word-forms.docx"
        out.write_bytes(libreoffice(word_forms(), "forms.docx", "docx", folder))
        written.append(out)
    out = HERE / "excel-gbk.csv"
    out.write_bytes(gbk_csv())
    written.append(out)
    for path in written:
        print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
