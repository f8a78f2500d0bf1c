"""For scripts: flat records, reminders with names, typed parsing, exporter look-up."""

from __future__ import annotations

import csv
import io

import pytest

import sanquan_core as sq


def test_rows_as_records_en(small):
    summary = sq.summarize(small)
    records = summary.rows_as_records()
    assert records[0] == {
        "group_id": "g1",
        "group": "经济界委员工作组",
        "kind": "working",
        "office": "经济委",
        "participants": 2,
        "visited_sector": 8,
        "visited_life": 2,
        "visited_friends": 1,
        "submitted_suggestion": 3,
        "submitted_opinion": 1,
        "submitted_lead": 1,
    }
    assert [r["group_id"] for r in records] == ["g1", "g2", "g3"]
    assert records[1]["kind"] == "liaison"


def test_rows_as_records_zh_with_total(small):
    records = sq.summarize(small).rows_as_records("zh", total=True)
    assert list(records[0]) == [
        "编号", "组别", "组别类型", "联系委办", "参与活动委员人数",
        "界别圈", "生活圈", "朋友圈", "经济社会发展建议", "社情民意信息", "“双招双引”信息",
    ]  # fmt: skip
    assert records[1]["组别类型"] == "镇（区）委员联络组"
    assert records[-1] == {
        "编号": None, "组别": "汇总", "组别类型": None, "联系委办": None,
        "参与活动委员人数": 3, "界别圈": 8, "生活圈": 3, "朋友圈": 1,
        "经济社会发展建议": 3, "社情民意信息": 1, "“双招双引”信息": 2,
    }  # fmt: skip


def test_records_sum_to_the_total(demo):
    summary = sq.summarize(demo)
    records = summary.rows_as_records()
    total = summary.rows_as_records(total=True)[-1]
    for key in records[0]:
        if key.startswith(("participants", "visited_", "submitted_")):
            assert sum(r[key] for r in records) == total[key], key


def test_records_write_as_csv(small):
    records = sq.summarize(small).rows_as_records()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    assert out.getvalue().splitlines()[1] == "g1,经济界委员工作组,working,经济委,2,8,2,1,3,1,1"


def test_labels_must_be_en_or_zh(small):
    with pytest.raises(ValueError, match="'fr'"):
        sq.summarize(small).rows_as_records("fr")  # type: ignore[arg-type]


def test_row_as_dict_names_kind_and_office(small):
    row = sq.summarize(small).rows[1].as_dict()
    assert (row["kind"], row["office"]) == ("liaison", "办公室")


def test_reminders_carry_names(demo):
    report = sq.check(demo)
    for reminder in report.reminders:
        assert isinstance(reminder, sq.Reminder)
        assert reminder.member_names == tuple(demo.member(m).name for m in reminder.member_ids)
        assert reminder.group == demo.group(reminder.group_id).name


def test_status_classes_are_exported(small):
    report = sq.check(small)
    assert isinstance(report.members[0], sq.MemberStatus)
    assert isinstance(report.groups[0], sq.GroupStatus)


def test_parse_returns_the_enum_itself():
    circle: sq.Circle = sq.Circle.parse("界别圈")
    assert circle is sq.Circle.SECTOR
    assert sq.SubmissionKind.spellings()["社情民意信息"] is sq.SubmissionKind.OPINION


def test_exporter_looks_one_up():
    assert sq.exporter("xlsx").suffix == ".xlsx"
    assert [e.name for e in sq.formats()][:5] == ["xlsx", "docx", "pdf", "csv", "json"]
    with pytest.raises(sq.ExportError, match="'xslx' is not a known format"):
        sq.exporter("xslx")
