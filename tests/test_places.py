"""Places as words: gazetteer names decided in their context, named areas of their own kind,
and facts located only by the places of their own piece of the clause."""

from __future__ import annotations

import pytest

from plangraph.extraction import extract_text
from plangraph.extraction.places import PlaceMatcher


def _places(text: str, province: str | None = None) -> list[tuple[str, str]]:
    return [(m.name, m.code) for m in PlaceMatcher(province).find(text, 0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "推动城乡公共服务均衡水平稳步提高",  # 衡水 across two words
        "拿出真金白银支持实体经济",  # 白银 inside an idiom
        "支持宁德时代等龙头企业落地",  # a company
        "白银集团对外投资成效明显",  # a company
        "加力支持南昌大学建设",  # a university
        "推进中国式现代化",  # no place
        "深化东西部协作",  # east and west, no region
        "打响“云南礼物”品牌",  # a brand
        "建成清水驿至忠和高速公路",  # a town's name, not 清水县
    ],
)
def test_a_name_inside_other_words_is_no_place(text: str) -> None:
    assert _places(text, "620000") == []


def test_named_areas_are_their_own_kind() -> None:
    text = "推进中原城市群、厦漳泉都市圈建设，支持赣东北扩大开放，推动西部大开发，对接粤港澳大湾区"
    found = _places(text, "360000")
    assert all(code == "" for _, code in found)
    assert [name for name, _ in found] == [
        "中原城市群",
        "厦漳泉都市圈",
        "赣东北",
        "西部",
        "粤港澳大湾区",
    ]


def test_a_lake_named_after_a_county_is_the_lake() -> None:
    assert _places("加快鄱阳湖生态保护", "360000") == [("鄱阳湖", "")]


def test_one_character_names_in_pairs_and_after_verbs() -> None:
    assert _places("深化闽台交流，支持援藏援疆", "350000") == [
        ("闽", "350000"),
        ("台", "710000"),
        ("藏", "540000"),
        ("疆", "650000"),
    ]
    assert _places("推陈出新，年轻人返青") == []


def test_divisions_keep_their_codes() -> None:
    assert _places("支持太原、大同发展，湘西州和台湾地区", "140000") == [
        ("太原市", "140100"),
        ("大同市", "140200"),
        ("湘西土家族苗族自治州", "433100"),
        ("台湾省", "710000"),
    ]


def test_a_fact_is_located_by_its_own_piece_of_the_clause() -> None:
    text = (
        "2031年河南省政府工作报告\n各位代表：\n二、2031年工作安排\n"
        "加快郑州航空港区建设，支持洛阳、南阳建设副中心城市。"
        "地区生产总值增长5%左右，粮食产量稳定在1300亿斤以上，城镇新增就业100万人。\n"
    )
    records = extract_text(text, "henan-2031.txt", "0" * 64)
    project = next(p for p in records.projects if "航空港" in p.name)
    assert project.regions == ["410100"]  # its name's 郑州; 洛阳、南阳 are another piece's
    gdp = next(t for t in records.targets if t.indicator.startswith("地区生产总值"))
    assert gdp.industries == [] and gdp.regions == ["410000"]  # 粮食 is the next piece's


def test_short_names_resolve_within_the_province() -> None:
    sentence = "推动大同、武乡和石楼县发展，支持太原建设。"
    assert [code for _, code in _places(sentence, "140000")] == [
        "140200",
        "140429",
        "141126",
        "140100",
    ]
    # without a province, a county's short name is not enough
    assert "140429" not in [code for _, code in _places(sentence)]


def test_ordinary_words_that_are_district_names() -> None:
    sentence = "加快建设黄河流域生态保护示范区，提升城区安全水平和县城水网。"
    assert _places(sentence, "140000") == [("黄河流域", "")]
