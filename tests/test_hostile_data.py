"""Hostile data at the door: every case is refused with located problems, never a crash.

Each family the testers found: invisible or look-alike ids, invisible-only
required text, lone surrogates, dates outside 1900–2099, huge numbers,
NaN/Infinity, deep nesting, oversized files, workbooks and PDFs given as
JSON, and files with hundreds of faults at once.
"""

from __future__ import annotations

import io
import json
import os
import unicodedata
import zipfile
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanquan_core as sq
from sanquan_core._text import printable
from sanquan_core.cli import main

from .campaigns import DATA

INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u200e", "\u00ad"]


def small_doc() -> dict[str, Any]:
    return json.loads((DATA / "small.json").read_text(encoding="utf-8"))


def text_of(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False)


def refused(data: str | bytes, **limits: Any) -> list[sq.Problem]:
    """The problems of *data*; fails the test if it loads or raises anything else."""
    with pytest.raises(sq.ValidationError) as info:
        sq.loads(data, **limits)
    problems = list(info.value.problems)
    assert problems
    json.dumps(info.value.as_dict())  # everything a portal receives is JSON
    return problems


def located(problems: list[sq.Problem]) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in problems]


class TestIds:
    @pytest.mark.parametrize("char", INVISIBLE)
    def test_an_id_of_invisible_characters_is_empty(self, char):
        doc = small_doc()
        doc["groups"][2]["id"] = char * 3
        assert located(refused(text_of(doc))) == [("/groups/2/id", "empty")]

    @pytest.mark.parametrize(
        "twin",
        ["m1 ", " m1", "m1\u200b", "m\u200b1", "m1\x00", "m\u00ad1", "m1\ufeff", "m1\u2060"],
    )
    def test_ids_equal_after_normalisation_are_duplicates(self, twin):
        doc = small_doc()
        doc["members"][1]["id"] = twin
        problems = refused(text_of(doc))
        assert located(problems)[0] == ("/members/1/id", "duplicate_id")
        assert problems[0].params["value"] == "m1"

    def test_nfc_and_nfd_spellings_of_an_id_are_duplicates(self):
        doc = small_doc()
        doc["groups"][0]["id"] = unicodedata.normalize("NFC", "组é")
        doc["groups"][1]["id"] = unicodedata.normalize("NFD", "组é")
        for member in doc["members"]:
            member["group_id"] = doc["groups"][0]["id"]
        assert located(refused(text_of(doc))) == [("/groups/1/id", "duplicate_id")]

    def test_the_loaded_record_carries_the_normalised_id_so_references_match(self):
        doc = small_doc()
        doc["members"][0]["id"] = "m1\u200b "
        doc["visits"][0]["member_id"] = unicodedata.normalize("NFD", "m1") + "\x00"
        doc["submissions"][0]["visit_id"] = "v1\u00ad"
        campaign = sq.loads(text_of(doc))
        assert campaign.members[0].id == "m1"
        assert campaign.visits[0].member_id == "m1"
        assert campaign.submissions[0].visit_id == "v1"
        assert sq.check(campaign).member("m1").member_id == "m1"

    @given(st.lists(st.sampled_from([*INVISIBLE, "\x00", "\x07"]), min_size=1, max_size=4))
    def test_invisible_characters_anywhere_in_ids_change_nothing(self, junk):
        doc = small_doc()
        for section in ("groups", "members", "visits", "submissions"):
            for record in doc[section]:
                record["id"] = record["id"][:1] + "".join(junk) + record["id"][1:]
        assert sq.loads(text_of(doc)) == sq.load(DATA / "small.json")


class TestInvisibleText:
    @pytest.mark.parametrize(
        ("section", "index", "field"),
        [
            ("members", 0, "name"),
            ("visits", 2, "target"),
            ("groups", 1, "name"),
        ],
    )
    @pytest.mark.parametrize("text", ["\u200b", "\u2060\u3000", "\x00", "\u00ad\ufeff", " \t"])
    def test_required_text_with_nothing_visible_is_empty(self, section, index, field, text):
        doc = small_doc()
        doc[section][index][field] = text
        assert located(refused(text_of(doc))) == [(f"/{section}/{index}/{field}", "empty")]

    def test_the_plan_title(self):
        doc = small_doc()
        doc["plan"]["title"] = "\u200b\u200e"
        assert located(refused(text_of(doc))) == [("/plan/title", "empty")]

    def test_control_characters_inside_free_text_are_kept(self):
        doc = small_doc()
        doc["visits"][0]["situation"] = "走访\x00对象\x07反映"
        assert sq.loads(text_of(doc)).visits[0].situation == "走访\x00对象\x07反映"


class TestLoneSurrogates:
    def test_an_escaped_lone_surrogate_is_located(self):
        doc = small_doc()
        doc["visits"][3]["situation"] = "情况"
        text = text_of(doc).replace('"情况"', '"情\\ud800况"')
        problems = refused(text)
        assert located(problems) == [("/visits/3/situation", "invalid_text")]
        assert problems[0].params == {"char": "U+D800", "position": 1}
        assert "visit v4 (李四), situation:" in problems[0].sentence

    def test_a_lone_surrogate_in_text_given_as_str(self):
        doc = small_doc()
        doc["members"][2]["address"] = "住\udc00址"
        text = json.dumps(doc, ensure_ascii=False)
        assert located(refused(text)) == [("/members/2/address", "invalid_text")]

    def test_in_an_id_a_key_and_extra(self):
        doc = small_doc()
        doc["visits"][0]["extra"] = {"k": "X"}
        doc["members"][1]["id"] = "ID"
        text = (
            text_of(doc)
            .replace('"k": "X"', '"k": "\\udfff", "\\ud801": 1')
            .replace('"ID"', '"m\\udbff"')
        )
        got = located(refused(text))
        assert ("/members/1/id", "invalid_text") in got
        assert ("/visits/0/extra/k", "invalid_text") in got
        assert ("/visits/0/extra", "invalid_text") in got

    def test_a_proper_pair_is_a_character(self):
        doc = small_doc()
        text = text_of(doc).replace('"target": "', '"target": "\\ud83d\\ude00', 1)
        assert sq.loads(text).visits[0].target.startswith("😀")


class TestDates:
    @pytest.mark.parametrize("day", ["1899-12-31", "0001-01-01", "2100-01-01", "9999-12-31"])
    def test_outside_1900_to_2099(self, day):
        doc = small_doc()
        doc["visits"][1]["visited_on"] = day
        doc["plan"]["issued_on"] = day
        problems = refused(text_of(doc))
        assert located(problems) == [
            ("/plan/issued_on", "date_range"),
            ("/visits/1/visited_on", "date_range"),
        ]
        assert problems[1].params == {"value": day, "min": 1900, "max": 2099}

    def test_the_years_are_a_choice_of_the_caller(self):
        doc = small_doc()
        doc["plan"]["issued_on"] = "1899-12-31"
        assert sq.loads(text_of(doc), years=(1800, 2099)).plan.issued_on.year == 1899
        doc["plan"]["issued_on"] = "2016-01-01"
        assert located(refused(text_of(doc), years=(2017, 2017))) == [
            ("/plan/issued_on", "date_range")
        ]

    def test_validate_in_code_checks_them_too(self, small):
        import attrs

        early = attrs.evolve(small.visits[0], visited_on=date(1850, 1, 1))
        broken = attrs.evolve(small, visits=(early, *small.visits[1:]))
        assert [(p.path, p.code) for p in sq.validate(broken)] == [
            ("visits[0].visited_on", "date_range")
        ]


class TestNumbers:
    def test_a_huge_headcount_is_out_of_range(self):
        doc = small_doc()
        doc["visits"][1]["headcount"] = 10**400
        (problem,) = refused(text_of(doc))
        assert (problem.pointer, problem.code) == ("/visits/1/headcount", "range")
        assert "401 digits" in problem.message
        assert problem.params["max"] == 100_000

    def test_the_documented_maximum(self):
        doc = small_doc()
        doc["visits"][1]["headcount"] = 100_000
        assert sq.loads(text_of(doc)).visits[1].headcount == 100_000
        doc["visits"][1]["headcount"] = 100_001
        assert located(refused(text_of(doc))) == [("/visits/1/headcount", "range")]

    def test_more_digits_than_python_reads_is_located(self):
        text = text_of(small_doc()).replace('"headcount": 2', '"headcount": ' + "9" * 5000, 1)
        (problem,) = refused(text)
        assert (problem.pointer, problem.code) == ("/visits/1/headcount", "number")
        assert "5000 digits" in problem.message
        assert "set_int_max_str_digits" not in problem.message

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400", "-1e999"])
    def test_non_finite_numbers_are_located(self, constant):
        text = text_of(small_doc()).replace('"headcount": 2', f'"headcount": {constant}', 1)
        (problem,) = refused(text)
        assert (problem.pointer, problem.code) == ("/visits/1/headcount", "number")

    def test_in_extra_too(self):
        doc = small_doc()
        doc["extra"] = {"a": [1, "NAN"]}
        text = text_of(doc).replace('"NAN"', "NaN")
        assert located(refused(text)) == [("/extra/a/1", "number")]

    def test_a_quota_is_bounded(self):
        doc = small_doc()
        doc["plan"]["quotas"] = {"lead": 10**30}
        assert located(refused(text_of(doc))) == [("/plan/quotas/lead", "range")]


class TestLimits:
    def test_deep_nesting_is_refused_before_the_parser_overflows(self):
        with pytest.raises(sq.DecodeError) as info:
            sq.loads("[" * 100_000)
        (problem,) = info.value.problems
        assert problem.code == "depth"
        assert "nested more than 64 levels" in problem.message
        assert "line 1, column 65" in problem.message

    def test_deep_extra_is_located_and_the_depth_is_a_choice(self):
        doc = small_doc()
        doc["visits"][0]["extra"] = {"a": json.loads("[" * 70 + "]" * 70)}
        problems = refused(text_of(doc))
        assert located(problems) == [("/visits/0/extra", "depth")]
        assert sq.loads(text_of(doc), max_depth=100).visits[0].id == "v1"

    def test_a_file_over_the_size_limit_is_not_read(self, tmp_path):
        path = tmp_path / "sparse.json"
        with open(path, "wb") as fh:
            fh.truncate(2 * 1024**3)  # 2 GiB claimed, nothing on disk
        with pytest.raises(sq.DecodeError) as info:
            sq.load(path)
        (problem,) = info.value.problems
        assert problem.code == "too_large"
        assert "2,147,483,648 bytes" in problem.message
        assert problem.params["limit"] == 512 * 1024 * 1024

    def test_streams_and_memory_have_the_limit_too(self):
        raw = (DATA / "small.json").read_bytes()
        for read in (
            lambda: sq.load(io.BytesIO(raw), max_bytes=100),
            lambda: sq.loads(raw, max_bytes=100),
        ):
            with pytest.raises(sq.DecodeError) as info:
                read()
            assert info.value.problems[0].code == "too_large"
        assert sq.loads(raw, max_bytes=len(raw)) == sq.load(DATA / "small.json")


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


class TestOtherFiles:
    @pytest.mark.parametrize(
        ("data", "named"),
        [
            (_zip("[Content_Types].xml", "xl/workbook.xml"), "an Excel workbook (XLSX)"),
            (_zip("[Content_Types].xml", "word/document.xml"), "a Word document (DOCX)"),
            (_zip("readme.txt"), "a ZIP archive"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "an old-format Office file"),
        ],
    )
    def test_recognised_and_named(self, data, named, tmp_path):
        path = tmp_path / "data.json"
        path.write_bytes(data)
        for read in (lambda: sq.loads(data), lambda: sq.load(path)):
            with pytest.raises(sq.DecodeError) as info:
                read()
            (problem,) = info.value.problems
            assert problem.code == "not_json"
            assert f"this is {named}" in problem.message
            assert "not sanquan/1 JSON data" in problem.message

    def test_a_real_workbook(self, tmp_path, small):
        sq.export(small, tmp_path / "out.xlsx")
        with pytest.raises(sq.DecodeError, match="Excel workbook"):
            sq.load(tmp_path / "out.xlsx")


#: Faults that each give exactly one problem in a visit, with its code.
SINGLE_FAULTS: list[tuple[str, Any, str]] = [
    ("circle", "同学圈", "enum"),
    ("visited_on", "2017/7/20", "date"),
    ("headcount", 0, "range"),
    ("headcount", 2.5, "type"),
    ("member_id", "nobody", "unknown_reference"),
    ("headcont", 2, "unknown_field"),
    ("target", None, "missing"),
    ("target", "\u200b", "empty"),
    ("visited_on", "1899-01-01", "date_range"),
    ("headcount", 10**6, "range"),
]


def two_hundred_faults() -> tuple[dict[str, Any], set[tuple[str, str]]]:
    """small.json with 190 bad visits appended: 180 with one fault, 10 with two."""
    doc = small_doc()
    base = {"member_id": "m1", "circle": "life", "visited_on": "2017-07-20", "target": "邻居"}
    expected: set[tuple[str, str]] = set()
    for n in range(190):
        index = len(doc["visits"])
        visit = dict(base, id=f"bad{n}")
        if n < 180:
            key, value, code = SINGLE_FAULTS[n % len(SINGLE_FAULTS)]
            if value is None:
                del visit[key]
            else:
                visit[key] = f"{value}{n}" if key == "member_id" else value
            expected.add((f"/visits/{index}/{key}", code))
        else:  # a type fault must not hide the integrity fault of the same record
            visit.update(circle="同学圈", headcount=0)
            expected |= {
                (f"/visits/{index}/circle", "enum"),
                (f"/visits/{index}/headcount", "range"),
            }
        doc["visits"].append(visit)
    assert len(expected) == 200
    return doc, expected


class TestEveryProblemInOnePass:
    def test_a_type_fault_does_not_hide_the_integrity_fault(self):
        doc = small_doc()
        doc["visits"][3].update(circle="同学圈", headcount=0)
        doc["members"][0].update(phone=138, group_id="g9")
        assert located(refused(text_of(doc))) == [
            ("/members/0/phone", "type"),
            ("/members/0/group_id", "unknown_reference"),
            ("/visits/3/circle", "enum"),
            ("/visits/3/headcount", "range"),
        ]

    def test_two_hundred_faults_in_loads(self):
        doc, expected = two_hundred_faults()
        problems = refused(text_of(doc))
        assert len(problems) == 200
        assert set(located(problems)) == expected

    def test_two_hundred_faults_in_the_cli(self, tmp_path, capsys):
        doc, expected = two_hundred_faults()
        path = tmp_path / "faults.json"
        path.write_text(text_of(doc), encoding="utf-8")
        assert main(["validate", "--all", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.splitlines()[0] == f"{path}: 200 problems found"
        assert len(err.splitlines()) == 201
        assert main(["validate", "--json", str(path)]) == 1
        data = json.loads(capsys.readouterr().out)
        got = {(p["path"], p["code"]) for p in data["problems"]}
        assert len(data["problems"]) == 200
        assert got == {(_path(pointer), code) for pointer, code in expected}


def _path(pointer: str) -> str:
    """The JSON path of the simple pointers the fault file uses: /visits/7/circle."""
    _, section, index, key = pointer.split("/")
    return f"{section}[{index}].{key}"


class TestStructuredProblems:
    def test_a_problem_names_its_record_and_member(self):
        doc = small_doc()
        doc["visits"][4]["visited_on"] = "2017/7/20"
        (problem,) = refused(text_of(doc))
        assert problem.loc == ("visits", 4, "visited_on")
        assert problem.pointer == "/visits/4/visited_on"
        assert problem.record_id == "v5"
        assert problem.member == "李四"
        assert problem.params == {"value": "2017/7/20", "expected": "YYYY-MM-DD"}
        assert problem.sentence == (
            "visit v5 (李四), visited_on: '2017/7/20' is not a date written YYYY-MM-DD "
            "(for example 2017-07-15)"
        )
        assert str(problem) == f"visits[4].visited_on: {problem.message}"

    def test_a_record_without_an_id_is_named_by_its_number(self):
        doc = small_doc()
        doc["groups"][2]["id"] = "\u200b"
        (problem,) = refused(text_of(doc))
        assert problem.sentence.startswith("group no. 3, id: ")
        assert problem.record_id is None

    def test_names_in_sentences_are_printable(self):
        doc = small_doc()
        doc["members"][1]["name"] = "李\x1b[31m四"
        doc["visits"][3]["circle"] = "x"
        (problem,) = refused(text_of(doc))
        assert problem.member == "李\x1b[31m四"
        assert "\x1b" not in problem.sentence
        assert "李\\x1b[31m四" in problem.sentence

    def test_by_pointer_and_as_dict(self):
        doc = small_doc()
        doc["visits"][0].update(circle="x", visited_on="x")
        doc["visits"][1]["circle"] = "y"
        with pytest.raises(sq.ValidationError) as info:
            sq.loads(text_of(doc))
        grouped = info.value.by_pointer()
        assert list(grouped) == ["/visits/0/circle", "/visits/0/visited_on", "/visits/1/circle"]
        data = json.loads(json.dumps(info.value.as_dict()))
        assert data["valid"] is False
        first = data["problems"][0]
        assert first["pointer"] == "/visits/0/circle"
        assert first["loc"] == ["visits", 0, "circle"]
        assert first["params"]["allowed"] == ["sector", "life", "friends"]
        assert first["record_id"] == "v1"
        assert first["member"] == "张三"

    def test_paths_keep_chinese_keys_and_escape_the_rest(self):
        doc = small_doc()
        doc["visits"][0]["走访日期"] = "x"
        doc["visits"][1]["k\x1b"] = "y"
        text = text_of(doc).replace('"y"', '"y", "\\udc00": 1')
        problems = refused(text)
        paths = [p.path for p in problems]
        assert paths[0] == 'visits[0]["走访日期"]'
        assert 'visits[1]["k\\u001b"]' in paths
        assert 'visits[1]["\\udc00"]' in paths
        assert all(p.path.isprintable() and p.sentence.isprintable() for p in problems)
        assert problems[0].pointer == "/visits/0/走访日期"

    def test_pointer_escapes_per_rfc_6901(self):
        problem = sq.Problem('extra["a/b~c"][2]', "m", "type")
        assert problem.loc == ("extra", "a/b~c", 2)
        assert problem.pointer == "/extra/a~1b~0c/2"

    def test_printable_escapes_control_and_format_characters(self):
        assert printable("谢卫") == "谢卫"
        assert printable("a\x00b\u200bc\u202ed\n") == "a\\x00b\\u200bc\\u202ed\\n"


class TestCli:
    def test_a_hostile_file_gives_located_sentences(self, tmp_path, capsys):
        doc = small_doc()
        doc["visits"][3].update(circle="同学圈", headcount=10**400)
        doc["members"][1]["id"] = "\u200b"
        path = tmp_path / "hostile.json"
        path.write_text(
            text_of(doc).replace('"target": "', '"target": "\\ud800', 1), encoding="utf-8"
        )
        assert main(["validate", str(path)]) == 1
        err = capsys.readouterr().err
        assert "  visit v4, circle: '同学圈' is not a circle" in err
        assert "  visit v4, headcount: a visit meets at most 100,000 people" in err
        assert "  visit v1 (张三), target: contains an invalid character (a lone" in err
        assert "  member no. 2, id: the id must not be empty" in err
        for where in (
            "visits[3].circle",
            "visits[3].headcount",
            "visits[0].target",
            "members[1].id",
        ):
            assert f" [{where}]\n" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("content", "says"),
        [
            (b"[" * 100_000, "nested more than 64 levels"),
            (_zip("xl/workbook.xml"), "Excel workbook"),
            (b"%PDF-1.4", "PDF document"),
        ],
    )
    def test_unreadable_input_exits_2(self, tmp_path, capsys, content, says):
        path = tmp_path / "x.json"
        path.write_bytes(content)
        assert main(["validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert says in err
        assert "Traceback" not in err

    def test_an_oversized_file_exits_2(self, tmp_path, capsys):
        path = tmp_path / "big.json"
        with open(path, "wb") as fh:
            fh.truncate(600 * 1024**2)
        assert main(["validate", str(path)]) == 2
        assert "more than the 536,870,912 bytes" in capsys.readouterr().err
        os.unlink(path)


# -- any hostile text, anywhere ------------------------------------------------

hostile_text = st.text(
    alphabet=st.characters(blacklist_categories=()),  # surrogates, controls, format chars
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_text_in_any_field_loads_or_is_refused_with_located_problems(data):
    doc = small_doc()
    section = data.draw(st.sampled_from(["groups", "members", "visits", "submissions"]))
    index = data.draw(st.integers(0, len(doc[section]) - 1))
    record = doc[section][index]
    key = data.draw(st.sampled_from(sorted(record)))
    record[key] = data.draw(hostile_text)
    text = json.dumps(doc)  # ensure_ascii: surrogates travel as \\ud800 escapes
    problems: list[sq.Problem] = []
    try:
        campaign = sq.loads(text)
    except sq.DecodeError:  # pragma: no cover - the text is JSON
        raise
    except sq.ValidationError as error:
        problems = list(error.problems)
    else:
        # What loads must survive everything downstream.
        sq.dump(campaign)
        sq.summarize(campaign).as_dict()
        sq.check(campaign).as_dict()
    for problem in problems:
        assert problem.pointer.startswith("/")
        json.dumps(problem.as_dict())
        # Safe on a terminal: nothing that moves the cursor or hides a character.
        assert str(problem).isprintable()
        assert problem.sentence.isprintable()
