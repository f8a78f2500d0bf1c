"""Masking personal data for circulation."""

from __future__ import annotations

import re

import pytest

import sanquan_core as sq
from sanquan_core.redact import mask_address, mask_name, mask_numbers, mask_phone, redact


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800000001", "138****0001"),
        ("138 0000 0001", "138****0001"),
        ("0515-85212345", "0515-****2345"),
        ("85212345", "****2345"),
        ("", ""),
        ("12345", "12345"),
    ],
)
def test_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("东台镇望海路1号", "东台镇"),
        ("东台市安丰镇古南街23号", "东台市安丰镇"),
        ("江苏省盐城市东台市时堰镇人民路5号", "江苏省盐城市东台市时堰镇"),
        ("经济开发区纬七路18号", "经济开发区"),
        ("南京市鼓楼区中山路1号", "南京市鼓楼区"),
        ("东台镇市场路8号", "东台镇"),  # 市 inside a street name is not a city
        ("海陵路8号", "（地址已隐去）"),
        ("上海", "上海"),
        ("", ""),
    ],
)
def test_address(address, masked):
    assert mask_address(address) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("李四", "李某"),
        ("张三丰", "张某"),
        ("欧阳修文", "欧阳某"),
        ("周建华（在上海工作的乡友）", "周某（在上海工作的乡友）"),
        ("孙八等居民", "孙某等居民"),
        ("王五夫妇", "王某夫妇"),
        ("<b>x</b>", "某"),
    ],
)
def test_name(name, masked):
    assert mask_name(name) == masked


def test_numbers_inside_free_text():
    text = "请联系13912345678或0515-85212345，身份证320981198001011234。"
    assert mask_numbers(text) == "请联系139****5678或0515-****2345，身份证320981********1234。"


MOBILE = re.compile(r"1[3-9]\d{9}")


def test_redacted_demo_keeps_no_private_data(demo):
    masked = redact(demo)
    assert masked.members[0].name == demo.members[0].name  # members' names are public
    for original, member in zip(demo.members, masked.members, strict=True):
        assert not MOBILE.search(member.phone)
        assert member.phone[:3] == original.phone[:3]
        assert member.phone[-4:] == original.phone[-4:]
        assert not re.search(r"\d+号", member.address)
    for original, visit in zip(demo.visits, masked.visits, strict=True):
        assert visit.target != original.target
        assert "某" in visit.target
        assert original.target[1:3] not in visit.target  # the given name is gone
        assert not re.search(r"\d+号", visit.address)
    assert all(not v.extra for v in masked.visits)
    assert masked.extra == {}


def test_redacted_campaign_is_still_valid_and_counts_the_same(demo):
    masked = redact(demo)
    assert sq.validate(masked) == []
    assert sq.summarize(masked) == sq.summarize(demo)
