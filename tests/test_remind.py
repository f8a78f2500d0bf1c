"""Reminders that go out: the texts, their limit, the letters, the CLI, delivery.

The small campaign (tests/data/small.json) as it stood on 2017-07-25, by hand:

* 张三 (m1, g1): visits v1 界别圈 07-15, v2 生活圈 07-20 (v3 朋友圈 is 08-01,
  later); items s1 建议 07-16, s2 社情民意 07-21 (s3 双招双引 is 08-02, later):
  owes one 朋友圈 visit and one 双招双引 — one circle and one item;
* 李四 (m2, g1): v4 界别圈 07-12 (v5 is 09-02); s4, s5 建议 (s6 社情民意 is
  09-01): owes 生活圈 and 朋友圈 visits, 社情民意 and 双招双引;
* 王五 (m3, g2): v7 is 07-05, before the window, v6 08-30 and s7 08-31 later:
  owes all three circles and all three items; 赵六 (m4, g2) has nothing;
* g3 has no members. The next phase deadline on or after 07-25 is 07-31.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core import captions, plugins
from sanquan_core.cli import main
from sanquan_core.delivery import channels
from sanquan_core.documents.reminders import shorten
from sanquan_core.exporters import ALL_FORMS
from tests.readback import docx_paragraphs, flat, needs_ttf, pdf_pages_poppler, render, xlsx_rows

AS_OF = date(2017, 7, 25)
OUTBOX_SRC = Path(__file__).parent.parent / "examples" / "sanquan-outbox" / "src"

ZHANG = (
    "张三委员：三圈走访尚缺朋友圈1次，“三个一”尚缺双招双引1条，"
    "请于7月31日前报送。——东台市政协办公室"
)
LI = (
    "李四委员：三圈走访尚缺生活圈1次、朋友圈1次，“三个一”尚缺社情民意1条、双招双引1条，"
    "请于7月31日前报送。——东台市政协办公室"
)
#: 王五 owes everything: the lists would take 81 characters, so counts stand in for them.
WANG = "王五委员：走访尚缺3个圈，“三个一”尚缺3条，请于7月31日前报送。——东台市政协办公室"


def test_a_member_missing_one_circle_and_one_item_gets_exactly_this_text(small):
    texts = sq.reminders(small, as_of=AS_OF)
    assert [t.member_id for t in texts] == ["m1", "m2", "m3", "m4"]
    zhang = texts[0]
    assert zhang.text == ZHANG
    # 5 + 11 + 1 + 13 + 1 + 11 + 10 characters, counted by hand
    assert len(zhang.text) == 52
    assert dict(zhang.visits) == {sq.Circle.FRIENDS: 1}
    assert dict(zhang.items) == {sq.SubmissionKind.LEAD: 1}
    assert zhang.deadline == date(2017, 7, 31)
    assert (zhang.member, zhang.group, zhang.phone) == ("张三", "经济界委员工作组", "13800000001")
    assert [t.text for t in texts[1:3]] == [LI, WANG]
    assert len(LI) == 65
    assert len(WANG) == 5 + 7 + 1 + 9 + 1 + 11 + 10 == 44


def test_the_deadline_is_the_next_phase_end_on_or_after_the_day(small):
    def deadlines(as_of):
        return {t.deadline for t in sq.reminders(small, as_of=as_of)}

    assert deadlines(date(2017, 7, 31)) == {date(2017, 7, 31)}  # the deadline day itself
    assert deadlines(date(2017, 8, 1)) == {date(2017, 8, 31)}
    # without a day every record counts and the deadline is the campaign's end
    assert deadlines(None) == {date(2017, 8, 31)}
    after = sq.reminders(small, as_of=date(2017, 9, 10))
    assert {t.deadline for t in after} == {None}
    assert after[0].text == (
        "李四委员：三圈走访尚缺生活圈1次、朋友圈1次，“三个一”尚缺社情民意1条、双招双引1条，"
        "请尽快报送。——东台市政协办公室"
    )


def test_one_group_by_id_or_name_and_an_unknown_group_is_a_sentence(small):
    by_id = sq.reminders(small, as_of=AS_OF, group="g2")
    by_name = sq.reminders(small, as_of=AS_OF, group="安丰镇委员联络组")
    assert [t.member for t in by_id] == [t.member for t in by_name] == ["王五", "赵六"]
    with pytest.raises(sq.SelectionError, match="'g9'"):
        sq.reminders(small, group="g9")


def test_the_sender_signs_and_a_campaign_without_issuer_signs_nothing(small):
    (zhang, *_) = sq.reminders(small, as_of=AS_OF, sender="市政协")
    assert zhang.text.endswith("报送。——市政协")
    unsigned = attrs.evolve(small, plan=attrs.evolve(small.plan, issuer=""))
    assert sq.reminders(unsigned, as_of=AS_OF)[0].text.endswith("前报送。")


def test_the_worst_case_keeps_to_70_characters():
    everything = dict.fromkeys(sq.Circle, 1)
    items = dict.fromkeys(sq.SubmissionKind, 999)
    long_name = "阿卜杜热合曼·买买提依明" * 5
    text = shorten(long_name, everything, items, "2018年12月31日", "东台市政协办公室" * 5)
    assert len(text) == captions.TEXT_LIMIT
    # counts, no sender, the name cut with …
    tail = "委员：走访尚缺3个圈，“三个一”尚缺2997条，请于2018年12月31日前报送。"
    assert text.endswith("…" + tail)
    assert long_name.startswith(text[: text.index("…")])
    # a short name keeps the sender, with counts standing in for the lists
    assert shorten("张三", everything, items, "12月31日", "东台市政协办公室") == (
        "张三委员：走访尚缺3个圈，“三个一”尚缺2997条，请于12月31日前报送。——东台市政协办公室"
    )


@given(
    name=st.text(min_size=0, max_size=80),
    circles=st.sets(st.sampled_from(list(sq.Circle))),
    kinds=st.dictionaries(
        st.sampled_from(list(sq.SubmissionKind)), st.integers(1, 10**6), min_size=1
    ),
    deadline=st.one_of(st.none(), st.sampled_from(["7月31日", "2018年12月31日"])),
    sender=st.text(max_size=60),
)
def test_no_text_is_longer_than_70_characters(name, circles, kinds, deadline, sender):
    text = shorten(name, dict.fromkeys(circles, 1), kinds, deadline, sender)
    assert len(text) <= captions.TEXT_LIMIT


def test_the_demo_texts_all_fit(demo):
    texts = sq.reminders(demo, as_of=date(2017, 7, 20))
    assert texts
    assert len(texts) == sq.check(demo, as_of=date(2017, 7, 20)).incomplete
    assert max(len(t.text) for t in texts) <= captions.TEXT_LIMIT


# -- the letters -------------------------------------------------------------------------

LETTER_G1 = [
    "关于催报“三圈”大走访活动“三个一”成果的函",
    "经济界委员工作组：",
    "根据《聚焦“三圈”大走访、彰显职能促和谐》要求，每位委员走访界别圈、生活圈、朋友圈，"
    "并报送“三个一”成果。截至2017年7月25日，贵组以下2位委员尚未完成：",
    "1. 张三：走访尚缺朋友圈1次；“三个一”尚缺“双招双引”信息1条。",
    "2. 李四：走访尚缺生活圈1次、朋友圈1次；“三个一”尚缺社情民意信息1条、“双招双引”信息1条。",
    "请督促以上委员于2017年7月31日前补齐并报送。",
    "东台市政协办公室",
    "2017年7月25日",
]


def test_the_docx_letters_say_who_owes_what_by_when(small):
    data = render(
        small, "docx", forms=["reminders"], as_of=AS_OF, letter_number="东政协办函〔2017〕{n}号"
    )
    paragraphs = [(style, text) for style, text in docx_paragraphs(data) if text]
    assert [t for s, t in paragraphs if s == "SQMasthead"] == ["东台市政协办公室"] * 2
    numbers = ["东政协办函〔2017〕1号", "东政协办函〔2017〕2号"]
    # each number right under its masthead, flush right (the signature's style)
    assert [paragraphs[i + 1] for i, p in enumerate(paragraphs) if p[0] == "SQMasthead"] == [
        ("SQDateLine", n) for n in numbers
    ]
    first = [t for s, t in paragraphs if s != "SQMasthead" and t not in numbers][:8]
    assert first == LETTER_G1
    addressees = [t for s, t in paragraphs if s == "SQAddressee"]
    assert addressees == ["经济界委员工作组：", "安丰镇委员联络组："]  # g3 has no members


def test_the_letters_honour_groups_and_say_when_nobody_is_behind(small):
    data = render(small, "docx", forms=["reminders"], as_of=AS_OF, groups=["g2"])
    texts = [t for _, t in docx_paragraphs(data)]
    assert "安丰镇委员联络组：" in texts
    assert "经济界委员工作组：" not in texts
    nobody = render(small, "docx", forms=["催报通知"], groups=["g3"])
    assert captions.REMINDERS_NONE in [t for _, t in docx_paragraphs(nobody)]


def test_reminders_are_not_among_the_default_forms(small):
    assert sq.Form.REMINDERS not in ALL_FORMS
    texts = flat("".join(t for _, t in docx_paragraphs(render(small, "docx"))))
    assert flat(captions.REMINDERS_TITLE) not in texts


@needs_ttf
def test_the_pdf_letters_say_the_same(small):
    data = render(
        small, "pdf", forms=["reminders"], as_of=AS_OF, letter_number="东政协办函〔2017〕{n}号"
    )
    pages = [flat(p) for p in pdf_pages_poppler(data)]
    text = "".join(pages)
    at = 0
    for line in ["东台市政协办公室", "东政协办函〔2017〕1号", *LETTER_G1]:  # in this order
        at = text.index(flat(line), at) + len(flat(line))
    assert text.count(flat(captions.REMINDERS_TITLE)) == 2
    assert flat("1. 王五：走访尚缺界别圈1次、生活圈1次、朋友圈1次；") in text


def test_the_xlsx_sheet_and_the_csv_hold_the_texts(small):
    rows = xlsx_rows(render(small, "xlsx", forms=["reminders"], as_of=AS_OF), "催报通知")
    assert rows[1] == captions.TEXT_HEADER
    assert rows[2][0:4] == ("m1", "张三", "经济界委员工作组", "13800000001")
    assert rows[2][5] == ZHANG
    data = render(small, "csv", forms=["reminders"], as_of=AS_OF)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == list(captions.TEXT_HEADER)
    assert table[1] == ["m1", "张三", "经济界委员工作组", "13800000001", "2017-07-31", ZHANG]
    assert len(table) == 1 + 4


# -- the command line --------------------------------------------------------------------


def _small_file(tmp_path: Path, campaign: sq.Campaign) -> Path:
    path = tmp_path / "small.json"
    path.write_text(sq.dump(campaign), encoding="utf-8")
    return path


def test_sanquan_remind_writes_one_text_per_incomplete_member(small, tmp_path, capsys):
    data = _small_file(tmp_path, small)
    out = tmp_path / "texts.csv"
    code = main(["remind", str(data), "--as-of", "2017-07-25", "--group", "g1", "-o", str(out)])
    assert code == 0
    assert capsys.readouterr().out == f"wrote 2 reminders to {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [
        list(captions.TEXT_HEADER),
        ["m1", "张三", "经济界委员工作组", "13800000001", "2017-07-31", ZHANG],
        ["m2", "李四", "经济界委员工作组", "", "2017-07-31", LI],
    ]


def test_a_formula_in_a_name_is_neutralised(small, tmp_path):
    members = tuple(
        attrs.evolve(m, name="=HYPERLINK(1)") if m.id == "m1" else m for m in small.members
    )
    data = _small_file(tmp_path, attrs.evolve(small, members=members))
    out = tmp_path / "texts.csv"
    assert main(["remind", str(data), "--as-of", "2017-07-25", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][5].startswith("'=HYPERLINK(1)委员：")


def test_an_unknown_channel_is_refused_before_anything_is_written(small, tmp_path, capsys):
    data = _small_file(tmp_path, small)
    out = tmp_path / "texts.csv"
    assert main(["remind", str(data), "-o", str(out), "--deliver", "sms"]) == 2
    assert "no plugin delivers reminders as 'sms'" in capsys.readouterr().err
    assert not out.exists()


# -- delivery through the example plugin -------------------------------------------------


@pytest.fixture
def outbox_plugin():
    """examples/sanquan-outbox registered from its source, under its entry-point name."""
    spec = importlib.util.spec_from_file_location(
        "sanquan_outbox", OUTBOX_SRC / "sanquan_outbox" / "__init__.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugins.register(module, name="outbox")
    plugins.plugin_manager().check_pending()
    return module


def test_the_outbox_plugin_delivers_a_line_per_member_with_a_phone(small, tmp_path, outbox_plugin):
    assert "outbox" in channels()
    path = tmp_path / "outbox.jsonl"
    texts = sq.reminders(small, as_of=AS_OF)
    result = sq.deliver(texts, "outbox", {"path": str(path)})
    assert result.delivered == ("m1",)  # only 张三 has a phone number
    assert result.undelivered == ("m2", "m3", "m4")
    assert result.failures[0] == (
        "the reminder to 李四 (m2) was not delivered through 'outbox': no phone number"
    )
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {
            "to": "13800000001",
            "member_id": "m1",
            "member": "张三",
            "group": "经济界委员工作组",
            "deadline": "2017-07-31",
            "text": ZHANG,
        }
    ]


def test_sanquan_remind_deliver_reports_how_many_went(
    small, tmp_path, outbox_plugin, capsys, monkeypatch
):
    phones = tuple(attrs.evolve(m, phone=f"1390000000{i}") for i, m in enumerate(small.members))
    data = _small_file(tmp_path, attrs.evolve(small, members=phones))
    path = tmp_path / "box.jsonl"
    monkeypatch.setenv("SANQUAN_OUTBOX", str(path))
    out = tmp_path / "texts.csv"
    code = main(
        ["remind", str(data), "--as-of", "2017-07-25", "-o", str(out), "--deliver", "outbox"]
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote 4 reminders to {out}",
        "delivered 4 of 4 reminders through 'outbox'",
    ]
    assert [json.loads(x)["member_id"] for x in path.read_text("utf-8").splitlines()] == [
        "m1",
        "m2",
        "m3",
        "m4",
    ]


def test_a_failing_channel_names_each_member_and_exits_1(
    small, tmp_path, outbox_plugin, capsys, monkeypatch
):
    monkeypatch.delenv("SANQUAN_OUTBOX", raising=False)
    data = _small_file(tmp_path, small)
    out = tmp_path / "texts.csv"
    code = main(["remind", str(data), "--group", "g1", "-o", str(out), "--deliver", "outbox"])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "  the reminder to 李四 (m2) was not delivered through 'outbox': no outbox file: "
        "give --deliver-option path=FILE or set SANQUAN_OUTBOX",
    ]
    assert captured.out.splitlines()[-1] == "delivered 0 of 1 reminder through 'outbox'"


def test_a_channel_returning_nonsense_is_a_plugin_error(small):
    class Nonsense:
        @sq.hookimpl
        def sanquan_deliver_reminders(self, reminders):
            return 42

    plugins.register(Nonsense(), name="nonsense")
    with pytest.raises(sq.PluginError, match="'nonsense' returned int"):
        sq.deliver(sq.reminders(small), "nonsense")


def test_the_example_outbox_plugin_passes_mypy_strict() -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(OUTBOX_SRC)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_deliver_options_are_key_value_and_need_deliver(small, tmp_path, capsys, outbox_plugin):
    data = _small_file(tmp_path, small)
    out = tmp_path / "texts.csv"
    assert main(["remind", str(data), "-o", str(out), "--deliver-option", "path=x"]) == 2
    assert "--deliver-option needs --deliver NAME" in capsys.readouterr().err
    args = ["remind", str(data), "-o", str(out), "--deliver", "outbox", "--deliver-option", "path"]
    assert main(args) == 2
    assert "'path' is not KEY=VALUE" in capsys.readouterr().err
    assert not out.exists()


def test_remind_speaks_chinese(small, tmp_path, capsys, outbox_plugin, monkeypatch):
    monkeypatch.setenv("SANQUAN_LANG", "zh")
    data = _small_file(tmp_path, small)
    out = tmp_path / "texts.csv"
    path = tmp_path / "box.jsonl"
    args = ["remind", str(data), "--as-of", "2017-07-25", "--group", "g1", "-o", str(out)]
    code = main([*args, "--deliver", "outbox", "--deliver-option", f"path={path}"])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"已将 2 条催报写入 {out}",
        "已通过 'outbox' 发送 1 条催报（共 2 条）",
    ]
    assert captured.err == "  给李四（m2）的催报未能通过 'outbox' 发送：no phone number\n"


class _Backwards:
    """A channel that fails every reminder and says so last member first."""

    @sq.hookimpl
    def sanquan_deliver_reminders(self, reminders, options):
        return [(r.member_id, "busy") for r in reversed(tuple(reminders))]


def test_what_was_not_delivered_is_in_the_reminders_order(small):
    name = plugins.register(_Backwards(), name="backwards")
    try:
        texts = sq.reminders(small, as_of=AS_OF)
        result = sq.deliver(texts, "backwards")
    finally:
        plugins.plugin_manager().unregister(name=name)
    ids = tuple(t.member_id for t in texts)
    assert len(ids) > 1
    assert result.delivered == ()
    assert result.undelivered == ids
    assert [f.split("(")[1].split(")")[0] for f in result.failures] == list(ids)
