"""County roll-ups: sq.rollup and `sanquan rollup`, read back in every format, summed by hand.

The two counties are small.json (东台市) and the part of it that is group g2
(大丰区). By hand (附件3's seven numbers: participants, 界别圈, 生活圈, 朋友圈,
then the three kinds):

* 东台市: 3, 8, 3, 1, 3, 1, 2 (test_summary.py works it out); outside the
  window: 2 visits (v5, v7), 1 item (s6);
* 大丰区: m3's v6 (生活圈, 1 person) and s7 (a lead): 1, 0, 1, 0, 0, 0, 1;
  outside: v7;
* 汇总: 4, 8, 4, 1, 3, 1, 3; outside: 3 visits, 1 item.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import sanquan_core as sq
from sanquan_core.cli import main
from sanquan_core.counties import Unit, read_units, roll_up, summary_from_dict, unit

from .campaigns import small
from .needs import installed, need
from .readback import docx_paragraphs, flat, needs_ttf, pdf_pages, xlsx_rows
from .strategies import campaigns

DONGTAI = ("东台市", 3, 8, 3, 1, 3, 1, 2)
DAFENG = ("大丰区", 1, 0, 1, 0, 0, 0, 1)
TOTAL = ("汇总", 4, 8, 4, 1, 3, 1, 3)
NOTE = "注：另有走访3次、报送1条不在各地活动期内，未计入汇总。"
SUBS = ("界别圈", "生活圈", "朋友圈", "经济社会发展建议", "社情民意信息", "“双招双引”信息")


def dafeng() -> sq.Campaign:
    c = small()
    mine = {m.id for m in c.members if m.group_id == "g2"}
    return attrs.evolve(
        c,
        groups=c.groups[1:2],
        members=tuple(m for m in c.members if m.id in mine),
        visits=tuple(v for v in c.visits if v.member_id in mine),
        submissions=tuple(s for s in c.submissions if s.member_id in mine),
    )


@pytest.fixture
def counties(tmp_path: Path) -> list[str]:
    """东台市's summary as `sanquan summary --json` printed it; 大丰区's whole dataset."""
    dongtai = tmp_path / "东台市.json"
    dongtai.write_text(json.dumps(sq.summarize(small()).as_dict(), ensure_ascii=False), "utf-8")
    data = tmp_path / "county-2.json"
    data.write_text(sq.dump(dafeng()), "utf-8")
    return [str(dongtai), f"大丰区={data}"]


def inputs(paths: list[str]) -> list[object]:
    """The command line's NAME=FILE as Python's (name, path)."""
    return [tuple(p.split("=", 1)) if "=" in p else p for p in paths]


def numbers(row: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(v for v in row if v is not None)


def test_the_table_by_hand(counties):
    table = sq.rollup(inputs(counties))
    assert [r.group for r in table.rows] == ["东台市", "大丰区"]
    got = [
        (r.group, r.participants, *r.visited.values(), *r.submitted.values()) for r in table.rows
    ]
    assert got == [DONGTAI, DAFENG]
    total = table.total
    assert ("汇总", total.participants, *total.visited.values(), *total.submitted.values()) == TOTAL
    assert table.outside_window == sq.summary.OutsideCounts(3, 1)
    # the bodies add up across counties: yancheng is m2 and m3 in 东台市, m3 in 大丰区
    assert table.by_body()["yancheng"].participants == 3


def test_xlsx(counties, tmp_path):
    out = tmp_path / "prefecture.xlsx"
    sq.rollup(inputs(counties), out)
    rows = xlsx_rows(out.read_bytes(), "附件3 情况汇总表")
    assert rows[0][0] == "附件3"
    assert rows[1][0] == "政协委员聚焦“三圈”大走访活动情况汇总表"
    # the seed's two-level header, 县（市、区） in place of 组别
    assert rows[2] == (
        "县（市、区）", "参与活动\n委员人数", "走访“圈子”人数", None, None,
        "“三个一”工作报送条数", None, None,
    )  # fmt: skip
    assert rows[3] == (None, None, *SUBS)
    assert [numbers(r) for r in rows[4:7]] == [DONGTAI, DAFENG, TOTAL]
    assert rows[7][0] == NOTE
    assert len(rows) == 8  # no charts: a roll-up has no members to rate


def test_csv(counties, tmp_path):
    out = tmp_path / "prefecture.csv"
    sq.rollup(inputs(counties), out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["县（市、区）", "参与活动委员人数", "走访“圈子”人数", "", "",
                       "“三个一”工作报送条数", "", ""]  # fmt: skip
    assert rows[1] == ["", "", *SUBS]
    assert [tuple(r[:1]) + tuple(map(int, r[1:])) for r in rows[2:]] == [DONGTAI, DAFENG, TOTAL]


def test_docx(counties, tmp_path):
    out = tmp_path / "prefecture.docx"
    sq.rollup(inputs(counties), out)
    texts = [t for _, t in docx_paragraphs(out.read_bytes()) if t]
    start = texts.index("县（市、区）")
    assert "组别" not in texts
    assert texts[start + 1 : start + 4] == [
        "参与活动委员人数",
        "走访“圈子”人数",
        "“三个一”工作报送条数",
    ]
    assert texts[start + 4 : start + 10] == list(SUBS)
    body = texts[start + 10 : start + 10 + 24]
    assert [tuple(body[i : i + 1] + [int(x) for x in body[i + 1 : i + 8]]) for i in (0, 8, 16)] == [
        DONGTAI, DAFENG, TOTAL,
    ]  # fmt: skip
    assert NOTE in texts


@needs_ttf
def test_pdf(counties, tmp_path):
    out = tmp_path / "prefecture.pdf"
    sq.rollup(inputs(counties), out)
    [page] = pdf_pages(out.read_bytes())
    text = flat(page)
    assert "县（市、区）" in text
    assert "组别" not in text
    for row in (DONGTAI, DAFENG, TOTAL):
        assert "".join(map(str, row)) in text
    assert flat(NOTE) in text


def test_the_same_bytes_twice(counties, tmp_path):
    for suffix in ("xlsx", "docx", "csv"):
        one, two = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        sq.rollup(inputs(counties), one)
        sq.rollup(inputs(counties), two)
        assert one.read_bytes() == two.read_bytes(), suffix


def test_datasets_in_worker_processes_give_the_same_table(tmp_path):
    paths = []
    for i, campaign in enumerate([small(), dafeng(), small()]):
        path = tmp_path / f"县{i}.json"
        path.write_text(sq.dump(campaign), "utf-8")
        paths.append(str(path))
    one = sq.rollup(paths)
    assert sq.rollup(paths, jobs=2) == one
    assert [r.group for r in sq.rollup(paths, jobs=0).rows] == ["县0", "县1", "县2"]
    assert one.row("县2").tally == sq.summarize(small()).total


# -- reading summaries strictly -------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns())
def test_a_summary_reads_back_whole(campaign):
    summary = sq.summarize(campaign)
    again = summary_from_dict(json.loads(json.dumps(summary.as_dict())))
    assert again == summary
    assert [r.group_id for r in again.rows] == [r.group_id for r in summary.rows]
    assert again.by_body() == summary.by_body()


def test_every_fault_of_every_file_is_located(tmp_path):
    good = sq.summarize(small()).as_dict()
    bad = json.loads(json.dumps(good))
    bad["rows"][0]["participants"] = -1
    bad["rows"][1]["visited"]["life"] = "3"
    bad["rows"][2]["kind"] = "委员会"
    bad["rows"][2]["colour"] = "red"
    (tmp_path / "甲.json").write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    wrong_total = json.loads(json.dumps(good))
    wrong_total["total"]["participants"] = 99
    (tmp_path / "乙.json").write_text(json.dumps(wrong_total), "utf-8")
    (tmp_path / "丙.json").write_text("{not json", "utf-8")
    with pytest.raises(sq.ValidationError) as caught:
        read_units([str(tmp_path / f"{n}.json") for n in "甲乙丙"])
    found = {(p.loc, p.code) for p in caught.value.problems}
    assert found == {
        (("甲.json", "rows", 0, "participants"), "range"),
        (("甲.json", "rows", 1, "visited", "life"), "type"),
        (("甲.json", "rows", 2, "kind"), "enum"),
        (("甲.json", "rows", 2, "colour"), "unknown_field"),
        (("乙.json", "total"), "total_mismatch"),
        (("丙.json",), "json"),
    }
    sentences = [p.sentence for p in caught.value.problems]
    assert "甲.json, rows[0].participants: a count cannot be negative, got -1" in sentences


def test_a_bad_dataset_is_named_by_its_file(tmp_path):
    doc = json.loads(sq.dump(small()))
    doc["visits"][0]["circle"] = "同学圈"
    (tmp_path / "c.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(sq.ValidationError) as caught:
        read_units([str(tmp_path / "c.json")])
    [problem] = caught.value.problems
    assert problem.loc == ("c.json", "visits", 0, "circle")
    assert problem.sentence.startswith("c.json: ")


def test_two_inputs_of_one_name_are_refused(tmp_path):
    s = sq.summarize(small())
    with pytest.raises(sq.ValidationError) as caught:
        read_units([("东台市", s), ("东台市", s)])
    assert [p.code for p in caught.value.problems] == ["duplicate_unit"]


def test_units_merge_in_any_grouping():
    a, b = sq.summarize(small()), sq.summarize(dafeng())
    units = [Unit("甲", a), Unit("乙", b), Unit("丙", a)]
    folded = unit("甲", a).merge(unit("乙", b).merge(unit("丙", a)))
    assert roll_up(units) == folded
    assert roll_up(reversed(units)) == folded


# -- the command line -------------------------------------------------------------------


def test_cli(counties, tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert main(["rollup", *counties, "-o", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 2 counties\n"
    assert [numbers(r) for r in xlsx_rows(out.read_bytes(), "附件3 情况汇总表")[4:7]] == [
        DONGTAI, DAFENG, TOTAL,
    ]  # fmt: skip
    assert main(["rollup", *counties, "-o", str(tmp_path / "p.csv"), "--json", "--jobs", "2"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [r["group"] for r in printed["rows"]] == ["东台市", "大丰区"]
    assert printed["total"]["participants"] == 4


def test_cli_refuses_and_writes_nothing(counties, tmp_path, capsys):
    assert main(["rollup", *counties, "-o", str(tmp_path / "p.json")]) == 2
    assert "json" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text('{"rows": [], "total": {}}', "utf-8")
    out = tmp_path / "p.xlsx"
    assert (
        main(["rollup", *counties, str(tmp_path / "bad.json"), "-o", str(out), "--lang", "zh"]) == 1
    )
    err = capsys.readouterr().err
    assert "bad.json" in err
    assert "缺少此项" in err
    assert not out.exists()


# -- the Dask recipe of docs/collection.md -------------------------------------------------


def test_the_dask_recipe(counties, tmp_path):
    need(installed("dask"), "dask[bag] (the test extra)")
    import dask.bag as db

    from sanquan_core.counties import read_units as read

    def county(item: object) -> sq.Summary:
        [found] = read([item])
        return unit(found.name, found.summary)

    bag = db.from_sequence(inputs(counties), npartitions=2).map(county)
    table = bag.fold(sq.Summary.merge, initial=sq.Summary()).compute(scheduler="processes")
    assert table == sq.rollup(inputs(counties))
    out = tmp_path / "p.csv"
    sq.rollup(table, out)
    sq.rollup(inputs(counties), tmp_path / "q.csv")
    assert out.read_bytes() == (tmp_path / "q.csv").read_bytes()


@pytest.mark.parametrize("jobs", [-1, 1.5, "2"])
def test_jobs_must_be_a_whole_number(jobs: object) -> None:
    with pytest.raises(sq.OptionError, match="jobs must be a whole number"):
        sq.rollup(
            [("东台市", sq.summarize(small())), ("大丰区", sq.summarize(dafeng()))], jobs=jobs
        )
