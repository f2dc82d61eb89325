from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plangraph.vocab.names import normalise_name, same_project, slug


def test_slug_is_readable_pinyin_with_a_short_hash() -> None:
    assert re.fullmatch(r"xiong-xin-gao-tie-[0-9a-f]{4}", slug("雄忻高铁"))


def test_quotes_spaces_and_full_width_do_not_change_identity() -> None:
    assert slug("“一泓清水入黄河”工程") == slug("一泓清水入黄河工程")
    assert slug("５Ｇ 网络") == slug("5G网络")
    assert normalise_name("「百亿工程」") == "百亿工程"


def test_homophones_get_different_slugs() -> None:
    # 黎霍 and 离火 share their toneless pinyin
    assert slug("黎霍高速").rsplit("-", 1)[0] == slug("离火高速").rsplit("-", 1)[0]
    assert slug("黎霍高速") != slug("离火高速")


@given(st.text(max_size=40))
def test_any_name_gives_a_safe_iri_path(name: str) -> None:
    assert re.fullmatch(r"[a-z0-9-]+", slug(name))


@pytest.mark.parametrize(
    ("planned", "told", "same"),
    [
        # a line named by the first characters of its ends
        ("青山至白水铁路", "青白铁路", True),
        ("红河铁路红岭至石门段扩能改造", "红松石铁路", True),  # with a town between
        ("青山至白水铁路", "青石铁路", False),
        ("青山至白水铁路", "青白高速公路", False),  # a road is not the line
        # the shorter name's characters, in order, in the longer
        ("北岭高速东关扩容工程", "北岭高速东关段扩容工程", True),
        ("青山机场改扩建工程", "青山机场改扩建主体工程", True),
        ("青山绿色盐碱产业基地", "青山绿色盐碱基地", True),
        # another unit or phase of the name is another project
        ("青山核电5号机组", "青山核电6号机组", False),
        ("红河大桥工程", "红河大桥二期工程", False),
        # a place and a kind name no project of their own
        ("上海大桥", "上海跨海大桥", False),
        ("白水实验室", "北岭白水实验室", False),  # the longer starts elsewhere
        ("青山机场", "青山机场", False),  # the same name is matched as such, not here
    ],
)
def test_one_project_named_two_ways(planned: str, told: str, same: bool) -> None:
    assert same_project(planned, told) is same
    assert same_project(told, planned) is same
