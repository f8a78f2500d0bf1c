"""Reading and writing sanquan/1: strictness, sources, round trips."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanquan_core as sq

from . import strategies
from .campaigns import DATA


def document(**changes):
    doc = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def problems_of(doc) -> list[str]:
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    with pytest.raises(sq.ValidationError) as info:
        sq.loads(text)
    return [str(p) for p in info.value.problems]


class TestSources:
    def test_path_str_and_pathlike(self, small):
        assert sq.load(str(DATA / "small.json")) == small
        assert sq.load(DATA / "small.json") == small

    def test_bytes_text_and_streams(self, small):
        raw = (DATA / "small.json").read_bytes()
        assert sq.loads(raw) == small
        assert sq.loads(bytearray(raw)) == small
        assert sq.loads(raw.decode("utf-8")) == small
        assert sq.load(io.BytesIO(raw)) == small
        assert sq.load(io.StringIO(raw.decode("utf-8"))) == small

    def test_byte_order_mark_is_accepted(self, small, tmp_path):
        raw = (DATA / "small.json").read_bytes()
        assert sq.loads(b"\xef\xbb\xbf" + raw) == small
        assert sq.loads("\ufeff" + raw.decode("utf-8")) == small
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + raw)
        assert sq.load(path) == small
        assert sq.load(io.BytesIO(b"\xef\xbb\xbf" + raw)) == small

    def test_load_never_guesses_that_text_is_json(self, tmp_path):
        raw = (DATA / "small.json").read_bytes()
        with pytest.raises(TypeError, match=r"sq\.loads\(data\)"):
            sq.load(raw)  # type: ignore[arg-type]
        with pytest.raises(FileNotFoundError, match=r"sq\.loads\(text\)"):
            sq.load(raw.decode("utf-8"))
        with pytest.raises(TypeError, match=r"sq\.load\(source\)"):
            sq.loads(DATA / "small.json")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"sq\.load\(source\)"):
            sq.loads(io.BytesIO(raw))  # type: ignore[arg-type]
        with pytest.raises(sq.DecodeError, match=r"sq\.load\(path\)"):
            sq.loads("data.json")

    def test_missing_file_is_an_oserror(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            sq.load(tmp_path / "nope.json")

    def test_gbk_file_gets_a_hint(self):
        raw = (DATA / "small.json").read_text(encoding="utf-8").encode("gb18030")
        with pytest.raises(sq.DecodeError) as info:
            sq.loads(raw)
        assert "save the file as UTF-8" in str(info.value)

    def test_malformed_json_says_where(self):
        with pytest.raises(sq.DecodeError) as info:
            sq.loads('{"schema": "sanquan/1",\n "plan": {,}}')
        (problem,) = info.value.problems
        assert problem.code == "json"
        assert "line 2, column 11" in problem.message

    def test_decode_error_is_a_validation_error(self):
        assert issubclass(sq.DecodeError, sq.ValidationError)

    def test_source_name_appears_in_the_error(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(sq.ValidationError) as info:
            sq.load(path)
        assert info.value.source == str(path)
        assert str(info.value).startswith(f"{path}: 1 problem found")


class TestStrictness:
    """cattrs coerces by default; the loader must not."""

    def test_float_headcount_is_not_a_whole_number(self):
        doc = document()
        doc["visits"][0]["headcount"] = 5.7
        assert problems_of(doc) == ["visits[0].headcount: 5.7 is not a whole number"]

    def test_integral_float_is_not_accepted_either(self):
        doc = document()
        doc["visits"][0]["headcount"] = 2.0
        assert problems_of(doc) == ["visits[0].headcount: 2.0 is not a whole number"]

    def test_boolean_is_not_a_number(self):
        doc = document()
        doc["visits"][0]["headcount"] = True
        assert problems_of(doc) == ["visits[0].headcount: expected a whole number, got true"]

    def test_number_is_not_a_name(self):
        doc = document()
        doc["members"][0]["name"] = 123
        assert problems_of(doc) == ["members[0].name: expected text, got the number 123"]

    @pytest.mark.parametrize("value", ["2017/7/15", "20170715", "2017-W28-6", "2017-7-15"])
    def test_only_iso_dates(self, value):
        doc = document()
        doc["visits"][0]["visited_on"] = value
        assert problems_of(doc) == [
            f"visits[0].visited_on: {value!r} is not a date written YYYY-MM-DD "
            "(for example 2017-07-15)"
        ]

    def test_impossible_day(self):
        doc = document()
        doc["visits"][0]["visited_on"] = "2017-02-30"
        assert problems_of(doc) == [
            "visits[0].visited_on: '2017-02-30' is not a real day of the calendar"
        ]

    def test_string_is_not_a_list_of_bodies(self):
        doc = document()
        doc["members"][0]["bodies"] = "dongtai"
        assert problems_of(doc) == ["members[0].bodies: expected a list, got the text 'dongtai'"]

    def test_unknown_enum_value(self):
        doc = document()
        doc["visits"][3]["circle"] = "同学圈"
        assert problems_of(doc) == [
            "visits[3].circle: '同学圈' is not a circle "
            "(sector/界别圈, life/生活圈, friends/朋友圈)"
        ]

    def test_unknown_key_gets_a_did_you_mean(self):
        doc = document()
        doc["visits"][0]["headcont"] = 2
        assert problems_of(doc) == [
            "visits[0].headcont: unknown field 'headcont'; did you mean 'headcount'?"
        ]

    def test_unknown_top_level_key_is_an_error(self):
        assert problems_of(document(memebrs=[])) == [
            "memebrs: unknown field 'memebrs'; did you mean 'members'?"
        ]

    def test_repeated_key_is_reported_not_silently_overwritten(self):
        text = (
            (DATA / "small.json")
            .read_text(encoding="utf-8")
            .replace('"id": "v1",', '"id": "v1", "target": "甲",', 1)
        )
        assert problems_of(text) == [
            "visits[0].target: the key 'target' is written more than once; "
            "only the last would be kept"
        ]

    def test_nan_is_not_json_and_is_located(self):
        with pytest.raises(sq.ValidationError) as info:
            sq.loads('{"schema": "sanquan/1", "x": NaN}')
        assert [(p.path, p.code) for p in info.value.problems] == [
            ("plan", "missing"),
            ("x", "unknown_field"),
            ("x", "number"),
        ]
        assert info.value.problems[2].message == "NaN is not a number JSON allows"

    def test_schema_must_be_named(self):
        doc = document()
        del doc["schema"]
        assert problems_of(doc) == ['schema: missing: the document must say "schema": "sanquan/1"']
        assert problems_of(document(schema="sanquan/2")) == [
            "schema: 'sanquan/2' is not a format this library reads (expected 'sanquan/1')"
        ]

    def test_null_is_allowed_for_optional_fields(self, small):
        doc = document()
        doc["submissions"][4]["visit_id"] = None
        assert sq.loads(json.dumps(doc)) == small


class TestRoundTrip:
    def test_small_round_trips(self, small):
        assert sq.loads(sq.dump(small)) == small

    def test_dump_is_stable_and_english(self, small, tmp_path):
        text = sq.dump(small)
        assert text == sq.dump(sq.loads(text))
        doc = json.loads(text)
        assert doc["schema"] == "sanquan/1"
        assert doc["groups"][1]["kind"] == "liaison"  # given as its Chinese label
        assert doc["visits"][1]["circle"] == "life"
        assert "visit_id" not in doc["submissions"][4]  # None is left out

    def test_dump_to_path_and_streams(self, small, tmp_path):
        path = tmp_path / "copy.json"
        sq.dump(small, path)
        binary, text = io.BytesIO(), io.StringIO()
        sq.dump(small, binary)
        sq.dump(small, text)
        assert path.read_bytes() == binary.getvalue() == text.getvalue().encode("utf-8")
        assert sq.load(path) == small

    def test_extra_fields_are_kept(self):
        doc = document()
        doc["visits"][0]["extra"] = {"portal_row": 17, "tags": ["a", {"b": None}]}
        doc["extra"] = {"exported_by": "portal"}
        loaded = sq.loads(json.dumps(doc))
        assert loaded.visits[0].extra == {"portal_row": 17, "tags": ["a", {"b": None}]}
        again = json.loads(sq.dump(loaded))
        assert again["visits"][0]["extra"] == doc["visits"][0]["extra"]
        assert again["extra"] == {"exported_by": "portal"}

    def test_extra_must_be_an_object(self):
        doc = document()
        doc["members"][0]["extra"] = [1, 2]
        assert problems_of(doc) == [
            "members[0].extra: expected an object of portal-specific fields, got a list"
        ]

    def test_demo_file_is_what_dump_writes(self):
        from sanquan_core._demo import demo_bytes

        raw = demo_bytes().decode("utf-8")
        assert sq.dump(sq.loads(raw)) == raw

    @given(strategies.campaigns())
    def test_dump_then_load_gives_an_equal_campaign(self, campaign):
        assert sq.validate(campaign) == []
        assert sq.loads(sq.dump(campaign)) == campaign

    @given(strategies.campaigns())
    def test_loading_through_bytes_and_streams_agrees(self, campaign):
        raw = sq.dump(campaign).encode("utf-8")
        assert sq.load(io.BytesIO(raw)) == sq.loads(raw)


def test_packaged_demo_is_up_to_date():
    """scripts/make_demo.py --check: the committed demo is what the generator makes."""
    import runpy
    import sys

    script = Path(__file__).parent.parent / "scripts" / "make_demo.py"
    module = runpy.run_path(str(script))
    argv = sys.argv
    try:
        assert module["main"](["--check"]) == 0
    finally:
        sys.argv = argv


def problems_or_none(raw: bytes) -> list[sq.Problem] | None:
    """The problems load() reports for *raw*, or None when it loads."""
    try:
        sq.loads(raw)
    except sq.ValidationError as error:
        return list(error.problems)
    return None


class TestNeverATraceback:
    """Whatever JSON arrives, load() succeeds or raises ValidationError: nothing else."""

    @given(strategies.json_values)
    def test_any_json_document(self, value):
        problems = problems_or_none(json.dumps(value).encode("utf-8"))
        assert problems  # no JSON value but a sanquan/1 object is valid
        assert all(isinstance(p.message, str) and p.message for p in problems)

    @given(st.data())
    def test_any_field_of_a_valid_document_replaced(self, data):
        doc = document()
        section = data.draw(st.sampled_from(["plan", "groups", "members", "visits", "submissions"]))
        record = doc[section] if section == "plan" else data.draw(st.sampled_from(doc[section]))
        key = data.draw(st.sampled_from([*record, "extra_key"]))
        record[key] = data.draw(strategies.json_values)
        problems = problems_or_none(json.dumps(doc).encode("utf-8"))
        for problem in problems or ():
            assert problem.message
            head = re.match(r"[a-z_]*", problem.path).group(0)  # type: ignore[union-attr]
            assert head in {"plan", "groups", "members", "visits", "submissions"}
