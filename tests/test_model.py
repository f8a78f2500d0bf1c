from __future__ import annotations

from datetime import date

import attrs
import pytest

import sanquan_core as sq


class TestEnums:
    @pytest.mark.parametrize(
        ("enum", "labels"),
        [
            (sq.Circle, ["界别圈", "生活圈", "朋友圈"]),
            (sq.SubmissionKind, ["经济社会发展建议", "社情民意信息", "“双招双引”信息"]),
            (sq.GroupKind, ["市直委员工作组", "镇（区）委员联络组"]),
            (sq.Channel, ["当面走访", "电话", "微信", "QQ", "其他"]),
        ],
    )
    def test_labels_are_worded_as_in_the_seed(self, enum, labels):
        assert [m.label for m in enum] == labels

    def test_parse_takes_value_or_label(self):
        assert sq.Circle.parse("sector") is sq.Circle.SECTOR
        assert sq.Circle.parse("界别圈") is sq.Circle.SECTOR
        assert sq.GroupKind.parse("镇（区）委员联络组") is sq.GroupKind.LIAISON

    @pytest.mark.parametrize("spelling", ["“双招双引”信息", '"双招双引"信息', "双招双引信息"])
    def test_quotation_marks_in_labels_do_not_matter(self, spelling):
        assert sq.SubmissionKind.parse(spelling) is sq.SubmissionKind.LEAD

    def test_parse_error_lists_the_choices(self):
        with pytest.raises(ValueError, match="is not a circle") as info:
            sq.Circle.parse("同学圈")
        assert str(info.value) == (
            "'同学圈' is not a circle (sector/界别圈, life/生活圈, friends/朋友圈)"
        )

    def test_values_are_strings_written_as_english(self):
        assert sq.Circle.LIFE == "life"
        assert f"{sq.Channel.WECHAT}" == "wechat"

    def test_each_kind_comes_from_its_circle(self):
        assert [k.circle for k in sq.SubmissionKind] == list(sq.Circle)


class TestPlan:
    def plan(self, starts_on=date(2017, 7, 11)):
        return sq.Plan(
            title="t",
            starts_on=starts_on,
            phases=(sq.Phase("一", date(2017, 7, 31)), sq.Phase("二", date(2017, 8, 31))),
        )

    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            (date(2017, 7, 10), False),
            (date(2017, 7, 11), True),
            (date(2017, 8, 31), True),
            (date(2017, 9, 1), False),
        ],
    )
    def test_window_includes_both_ends(self, day, inside):
        assert self.plan().in_window(day) is inside

    def test_without_start_the_window_is_open_before(self):
        assert self.plan(starts_on=None).in_window(date(2000, 1, 1))

    @pytest.mark.parametrize(
        ("day", "phase"),
        [
            (date(2017, 7, 11), "一"),
            (date(2017, 7, 31), "一"),
            (date(2017, 8, 1), "二"),
            (date(2017, 8, 31), "二"),
            (date(2017, 9, 1), None),
            (date(2017, 7, 1), None),
        ],
    )
    def test_phase_is_the_first_ending_on_or_after_the_day(self, day, phase):
        found = self.plan().phase_on(day)
        assert (found.name if found else None) == phase

    def test_quotas_default_to_one(self):
        assert all(self.plan().quota(k) == 1 for k in sq.SubmissionKind)


class TestCampaignLookups:
    def test_member_and_group(self, small):
        assert small.member("m2").name == "李四"
        assert small.group_of("m3").name == "安丰镇委员联络组"
        assert small.group("g3").kind is sq.GroupKind.WORKING

    def test_members_of_keeps_order(self, small):
        assert [m.id for m in small.members_of("g2")] == ["m3", "m4"]
        assert small.members_of("g3") == ()

    def test_records_of_a_member(self, small):
        assert [v.id for v in small.visits_of("m1")] == ["v1", "v2", "v3"]
        assert [s.id for s in small.submissions_of("m2")] == ["s4", "s5", "s6"]
        assert small.visits_of("m4") == ()

    def test_phase_of_a_record(self, small):
        assert small.phase_of(small.visit("v1")).name == "调研摸排和解难献策阶段"
        assert small.phase_of(small.visit("v3")).name == "督查推动和总结提高阶段"
        assert small.phase_of(small.visit("v5")) is None
        assert small.in_window(small.submission("s6")) is False

    def test_unknown_ids_raise_keyerror_naming_them(self, small):
        with pytest.raises(KeyError, match="no member has id 'nobody'"):
            small.member("nobody")
        with pytest.raises(KeyError, match="no group has id 'g9'"):
            small.group("g9")

    def test_records_are_frozen(self, small):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            small.members[0].name = "x"  # type: ignore[misc]

    def test_index_does_not_take_part_in_equality(self, small):
        other = sq.loads(sq.dump(small))
        small.member("m1")  # builds the index on one side only
        assert small == other
