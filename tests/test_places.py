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


@pytest.mark.parametrize(
    "text",
    [
        "天水麻辣烫、定西宽粉火爆出圈",  # local products: brands, not places
        "加强平凉红牛、兰州百合等种质资源保护",
        "提升鞍山岫玉、阜新玛瑙等特色资源价值",
        "首发中欧中亚图定班列",  # a train service
        "稳妥有序组建云南农村商业银行",  # a bank
        "加快贵州三叠纪化石群申遗",  # a heritage site
        "塔里木油田万米超深钻井刷新纪录",  # an oil field's company
        "世界闽商大会成功举办",  # an event
        "持续优化皖企通功能",  # an app
    ],
)
def test_products_services_sites_and_events_are_no_places(text: str) -> None:
    assert _places(text, "620000") == []


def test_a_one_character_product_needs_the_end_of_its_name() -> None:
    assert _places("做强贵州茶产业", "520000") == [("贵州省", "520000")]


def test_a_river_section_in_brackets_is_one_named_place() -> None:
    found = _places("赤水河（云南省段）、大盈江（盈江县段）入选优秀案例", "530000")
    assert found == [("赤水河（云南省段）", ""), ("大盈江（盈江县段）", "")]


def test_two_places_named_by_their_first_characters_are_one_area() -> None:
    text = "发挥兰州、白银创新资源优势，加快推进兰白一体化"
    assert _places(text, "620000") == [
        ("兰州市", "620100"),
        ("白银市", "620400"),
        ("兰白", ""),
    ]
    assert _places("加快推进兰白一体化", "620000") == []  # neither place named nearby
    assert _places("推进荆州、襄阳、宜昌、十堰合作，共建荆襄宜十走廊", "420000")[-1][0] != "襄宜"


def test_a_province_by_its_firms_and_goods() -> None:
    assert _places("构建闽企出海综合服务体系", "350000") == [("闽", "350000")]
    assert _places("深入实施冀货出海行动", "130000") == [("冀", "130000")]


def test_an_autonomous_prefecture_by_its_first_character() -> None:
    found = _places("以伊犁、博州为重点打造冰雪旅游线路", "650000")
    assert ("博尔塔拉蒙古自治州", "652700") in found


def test_a_province_before_a_word_of_villages_stays_a_place() -> None:
    assert _places("引进台湾乡建乡创团队", "350000") == [("台湾省", "710000")]
    assert _places("推动贵州乡村振兴", "520000") == [("贵州省", "520000")]


def test_regions_by_rank_and_basins_named_alone() -> None:
    assert _places("新增上市公司5家，均居中部前列", "430000") == [("中部", "")]
    found = _places("加大准噶尔、塔里木、吐哈三大盆地油气勘探力度", "650000")
    assert [name for name, _ in found] == ["准噶尔", "塔里木", "吐哈"]


def test_runs_and_compass_areas_do_not_start_inside_other_words() -> None:
    text = "融入中部地区崛起和长江经济带发展战略"
    assert [name for name, _ in _places(text, "430000")] == ["中部地区", "长江经济带"]
    assert _places("南京北站枢纽工程开工建设", "320000") == [("南京市", "320100")]


def test_a_common_character_in_a_pair_needs_its_province_or_its_partners() -> None:
    # 宁 of 闽宁 is Ningxia in the reports of Fujian and Ningxia; of 沪宁 (Nanjing) it is none
    assert _places("深化闽宁协作", "640000") == [("闽", "350000"), ("宁", "640000")]
    assert _places("深化闽宁协作", "350000") == [("闽", "350000"), ("宁", "640000")]
    assert _places("建设沿沪宁产业带", "320000") == [("沪", "310000")]
    # 新 is "new" before almost any noun: Xinjiang only in Xinjiang's own report
    assert _places("在津新设机构百家", "120000") == [("津", "120000")]
    assert _places("开行“粤新快线”", "440000") == [("粤", "440000")]
    assert _places("开行“粤新快线”", "650000") == [("粤", "440000"), ("新", "650000")]
    # a character of a longer name pairs with nothing
    assert _places("以创新浙江引领发展", "330000") == [("浙江省", "330000")]
    assert _places("谱写甘肃新篇章", "620000") == [("甘肃省", "620000")]


def test_the_plateau_and_taiwan_hong_kong_macao_are_named_areas() -> None:
    assert _places("筑牢青藏高原生态屏障", "630000") == [("青藏高原", "")]
    assert _places("做好台港澳工作", "370000") == [("台港澳", "")]


def test_the_country_named_alone_is_a_named_area() -> None:
    assert _places("让世界选择中国制造，中国愿与各方合作") == [("中国", ""), ("中国", "")]
    for text in (
        "坚持中国特色社会主义",
        "建设美丽中国和平安中国",
        "支持发展中国家",
        "实施《中国制造2035》",
        "办好中国（甲乙）自由贸易试验区",
    ):
        assert _places(text) == [], text
    assert _places("建设中国—东盟合作园") == [("东盟", "")]  # the country inside a name
