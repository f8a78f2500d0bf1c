"""The 进度 form (``forms=["progress"]``) read back from XLSX, PDF and DOCX.

The campaign is tests/campaigns.py's ``paced()``; its numbers are worked out
in tests/test_pace.py. The office 经济委 has g1 (m1 complete 07-25, m2
08-10) and g2 (nobody complete): at 07-31 the office is 1 of 4 (25%), g1 1 of
2 (50%), g2 0%; from 08-14 the office is 50% and g1 100%.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest

import sanquan_core as sq
from tests.campaigns import paced
from tests.needs import need
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows

SHEET = "进度"
WEEKS = ("7月17日", "7月24日", "7月31日（阶段截止）", "8月7日", "8月14日", "8月21日", "8月28日")
DAYS = (*WEEKS, "8月31日（阶段截止）")


@pytest.fixture(scope="module")
def campaign() -> sq.Campaign:
    return paced()


@pytest.fixture(scope="module")
def workbook(campaign) -> bytes:
    return render(campaign, "xlsx", forms=["progress"])


def test_progress_is_opt_in(campaign):
    default = render(campaign, "xlsx")
    assert SHEET not in zipfile.ZipFile(io.BytesIO(default)).read("xl/workbook.xml").decode()
    assert sq.Form.parse("进度") is sq.Form.PROGRESS
    with pytest.raises(sq.UnknownFormError):
        render(campaign, "csv", forms=["progress"])


def test_xlsx_series_and_behind(workbook):
    rows = [r for r in xlsx_rows(workbook, SHEET) if any(v is not None for v in r)]
    total = rows[rows.index(("一、总体进度", *[None] * 8)) + 2 :][:8]
    assert total[2] == ("2017年7月31日", "调研摸排和解难献策阶段", 4, 2, "40%", 4, 3, 2, 2)
    assert total[4] == ("2017年8月14日", None, 4, 3, "60%", 4, 4, 3, 3)
    behind = [r[:7] for r in rows if r[0] == "工商联界委员工作组"]
    assert behind == [
        (
            "工商联界委员工作组",
            "经济委",
            "调研摸排和解难献策阶段",
            "2017年7月31日",
            "0/2",
            "0%",
            "40%",
        ),
        (
            "工商联界委员工作组",
            "经济委",
            "督查推动和总结提高阶段",
            "2017年8月31日",
            "0/2",
            "0%",
            "100%",
        ),
    ]


def test_xlsx_a_native_line_chart_per_office_over_its_rate_table(workbook):
    archive = zipfile.ZipFile(io.BytesIO(workbook))
    charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    assert len(charts) == 2  # 经济委, 办公室
    xml = archive.read(charts[0]).decode()
    assert "<lineChart>" in xml
    assert "经济委各组“三个一”累计完成率" in xml
    refs = re.findall(r"<f>([^<]+)</f>", xml)
    # Four lines: the office, g1, g2, then the expected pace; each named by a header cell.
    values = [r for r in refs if re.search(r"\$[A-Z]\$\d+:\$[A-Z]\$\d+$", r) and "$A$" not in r]
    assert len(values) == 4
    assert 'prstDash val="dash"' in xml  # the expected pace
    # The chart's cells hold the rates worked out by hand.
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(workbook))[SHEET]

    def column(ref: str) -> list[object]:
        cells = ref.split("!")[1].replace("$", "")
        if ":" not in cells:
            return [ws[cells].value]
        return [c.value for row in ws[cells] for c in row]

    names = [r for r in refs if re.search(r"![$][A-Z][$]\d+$", r)]
    assert [column(n)[0] for n in names] == [
        "委办合计",
        "经济界委员工作组",
        "工商联界委员工作组",
        "应达完成率",
    ]
    office, g1, g2, expected = (column(v) for v in values)
    categories = column(next(r for r in refs if "$A$" in r))
    assert tuple(categories) == DAYS
    assert office == [0, 0, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5]
    assert g1 == [0, 0, 0.5, 0.5, 1, 1, 1, 1]
    assert g2 == [0] * 8
    assert expected[2] == pytest.approx(21 / 52)
    assert expected[-1] == 1
    assert len(ws._charts) == 2  # openpyxl reads the charts back too


def test_docx_tables(campaign):
    texts = [t for _, t in docx_paragraphs(render(campaign, "docx", forms=["progress"]))]
    assert "三、各联系委办进度" in texts
    assert "（一）经济委（委员4人）" in texts
    at = texts.index("经济委各组“三个一”累计完成率")
    # The rate table: its header, then 7月17日's row …; 7月31日: 40%, 25%, 50%, 0%.
    row = texts.index("7月31日（阶段截止）", at)
    assert texts[row : row + 5] == ["7月31日（阶段截止）", "40%", "25%", "50%", "0%"]


@needs_ttf
def test_pdf_text_and_chart(campaign, tmp_path):
    data = render(campaign, "pdf", forms=["progress"])
    pages = pdf_pages_poppler(data)
    text = flat("".join(pages))
    assert "“三个一”工作进度" in text
    assert "二、进度滞后的组别" in text
    assert text.count("工商联界委员工作组经济委") == 2  # the two deadlines
    assert "（一）经济委（委员4人）经济委各组“三个一”累计完成率" in text
    assert "阶段截止" in text
    # The chart (up to the series table under it): the axis's days, the legend's lines.
    start = text.index("经济委各组“三个一”累计完成率")
    chart = text[start : text.index("参与活动委员人数", start)]
    for word in ("委办合计", "经济界委员工作组", "工商联界委员工作组", "应达完成率", "100%"):
        assert word in chart
    assert list(re.findall(r"\d+月\d+日", chart)) == [
        "7月17日",
        "7月24日",
        "7月31日",
        "8月7日",
        "8月14日",
        "8月21日",
        "8月28日",
        "8月31日",
    ]
    assert chart.count("阶段截止") == 2
    need(shutil.which("pdftoppm") is not None, "poppler-utils (pdftoppm)")
    page = next(i for i, p in enumerate(pages, 1) if "经济委各组" in p)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-",
            str(tmp_path / "p"),
        ],
        input=data,
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    colours = {c for _, c in image.getcolors(1 << 20) or []}
    # The office's line (#1f4e79) and g1's (#c55a11) are drawn, as vector lines.
    assert any(_near(c, (0x1F, 0x4E, 0x79)) for c in colours)
    assert any(_near(c, (0xC5, 0x5A, 0x11)) for c in colours)


def _near(colour: tuple[int, int, int], target: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(colour, target, strict=True))


def test_as_of_cuts_the_form(campaign, tmp_path, capsys):
    from datetime import date

    from sanquan_core.cli import main

    data = render(campaign, "xlsx", forms=["progress"], as_of=date(2017, 7, 20))
    rows = [r for r in xlsx_rows(data, SHEET) if any(v is not None for v in r)]
    assert (
        rows[1][0] == "统计期间：2017年7月11日至2017年7月20日，每周统计一次，另在各阶段截止日统计。"
    )
    at = rows.index(("一、总体进度", *[None] * 8))
    assert rows[at + 2 : at + 4] == [
        ("2017年7月17日", None, 2, 0, "0%", 2, 2, 0, 0),
        ("2017年7月20日", None, 3, 0, "0%", 3, 2, 1, 0),
    ]
    assert ("各组在已到期的阶段截止日均达到应达进度。", *[None] * 8) in rows
    path = tmp_path / "paced.json"
    sq.dump(campaign, path)
    out = tmp_path / "p.xlsx"
    args = ["export", str(path), "-o", str(out), "--forms", "progress", "--lang", "en"]
    assert main([*args, "--as-of", "2017-07-01"]) == 2
    assert (
        "--as-of: 2017-07-01 is before the campaign starts (2017-07-11)" in capsys.readouterr().err
    )
    assert not out.exists()
    assert main([*args, "--as-of", "2017-07-20"]) == 0
    assert xlsx_rows(out.read_bytes(), SHEET)[1] == rows[1]
