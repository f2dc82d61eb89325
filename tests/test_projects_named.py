"""Named things the extractor used to miss: kinds of facility and zone, names the word list
splits, lines listed after a network, a place's own programme. Sentences written for these
tests; the names are made up (places are real so that the gazetteer knows them)."""

from __future__ import annotations

import pytest

from plangraph.extraction.projects import find_projects


def _found(sentence: str) -> list[tuple[str, str, str]]:
    """(quote, name, kind) of each project found in ``sentence``."""
    return [
        (sentence[m.start : m.end], m.name, m.kind)
        for m in find_projects(sentence, 0, len(sentence))
    ]


def _names(sentence: str) -> list[str]:
    return [name for _, name, _ in _found(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # kinds of facility and zone the head lists lacked
        ("支持创建成安国家植物园，加强古树保护。", ("成安国家植物园", "works")),
        ("加快石门综保区二期建设。", ("石门综保区二期", "zone")),
        ("加强青城中央法务区建设。", ("青城中央法务区", "zone")),
        ("建设绵阳市内免税店。", ("绵阳市内免税店", "works")),
        # a coined name the word list splits into characters, before its field
        ("开工建设横岙佛岩千万级集装箱泊位群。", ("横岙佛岩千万级集装箱泊位群", "works")),
        # the one facility of a part of the country for a field
        ("建设东部商业航天港。", ("东部商业航天港", "works")),
        # a canal's name before a water work, and 前期 after it
        ("加快胜利渠灌区前期工作。", ("胜利渠灌区", "works")),
        # a place's own campaign: a province's one-character name, a bay named by its city
        ("启动蜀茶振兴三年攻坚行动。", ("蜀茶振兴三年攻坚行动", "programme")),
        ("开展温州湾海域生态修复提升行动。", ("温州湾海域生态修复提升行动", "programme")),
    ],
)
def test_named_things_of_new_kinds(sentence: str, expected: tuple[str, str]) -> None:
    assert [(name, kind) for _, name, kind in _found(sentence)] == [expected]


def test_a_verb_that_ends_where_a_place_begins_does_not_cut_it() -> None:
    # 创建 then 成安: the cue 建成 read inside 创建 would cut the place's name
    assert _names("支持创建成安国家植物园。") == ["成安国家植物园"]
    # 持续 then 建好: a cue inside another that cuts no place still ends the name's left
    assert _names("持续建好湘黔先进制造业共建产业园，推动合作。") == ["湘黔先进制造业共建产业园"]


def test_lines_listed_after_a_network_share_it() -> None:
    assert _found("加快建设市域（郊）铁路甲乙线、丙丁线。") == [
        ("市域（郊）铁路甲乙线", "市域郊铁路甲乙线", "works"),
        ("丙丁线", "市域郊铁路丙丁线", "works"),
    ]
    # a line of the network named by a number, then one named by places
    assert _names("建成成都地铁9号线和资阳线。") == ["成都地铁9号线", "成都地铁资阳线"]
    # …but the words along a line are no line of it
    assert _names("建成成都地铁9号线和沿线站点。") == ["成都地铁9号线"]


def test_a_coined_name_in_a_list_of_names_shares_its_head() -> None:
    assert _found("推动甲乙高铁、衢州青云智能、觅影机器人等项目开工建设。") == [
        ("甲乙高铁", "甲乙高铁", "works"),
        ("衢州青云智能", "衢州青云智能项目", "company"),
        ("觅影机器人", "觅影机器人项目", "company"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "建设市内免税店。",  # a kind of shop, no one shop
        "新建万吨级泊位3个。",  # a count of berths
        "推进国家植物园体系建设。",  # no one garden
        "推进西部山区铁路建设。",  # a kind of land, no field
        "推进西部地区机场建设。",
        "推进市域社会治理现代化试点。",  # 市域 opens a clause here, no line of a network
        "开展种苗振兴行动。",  # a campaign of no place: a measure
        "实施服务消费提质惠民行动。",  # 惠民 is a county's name, but a word here
        "实施算力、觅影机器人等项目。",  # a list of no names: 觅影机器人 stays a kind
        "推动绿色智算中心、算电协同等工程建设。",  # 算电 abbreviates two fields
        "大抓产业项目。",
    ],
)
def test_kinds_and_campaigns_of_no_place_stay_no_projects(sentence: str) -> None:
    assert _names(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "推进青山生态区历史遗留废弃矿山生态修复示范工程。",
        "深化新一轮山地承包到期后再延长三十年整县试点。",
    ],
)
def test_a_run_too_long_for_a_name_gives_no_fragment(sentence: str) -> None:
    # the left edge would fall inside a word (态区…, 轮山地…): no name rather than a piece
    assert _names(sentence) == []


def test_a_provinces_own_facility_of_a_field_is_a_work() -> None:
    assert _found("建成全省统一医保数据平台、省交通信用平台。") == [
        ("全省统一医保数据平台", "全省统一医保数据平台", "works"),
        ("省交通信用平台", "省交通信用平台", "works"),
    ]
    assert _names("建设省青铜器博物馆，建成省煤炭技术研究院。") == [
        "省青铜器博物馆",
        "省煤炭技术研究院",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "打造中试平台。",  # platforms of a kind
        "搭建开放合作平台。",
        "推动“青云办”平台上线。",  # a quoted word before 平台 names an app, no work
        "建设省级数据平台。",  # a rank, not the province's one
        "完善全省公共图书馆网络。",  # every public library of the province
        "建设省重点实验室。",  # a rank many labs hold
    ],
)
def test_platforms_of_a_kind_and_ranks_are_no_works(sentence: str) -> None:
    assert _names(sentence) == []


def test_a_conjunction_before_a_whole_kind_word_ends_the_name() -> None:
    # 战略和综保区: 和 before a head of three characters or more joins two phrases
    assert _names("实施开放提升战略和综保区提质行动。") == []
    # 协和医院: before a short head it may be the name's own
    assert _names("推进宁安协和医院建设。") == ["宁安协和医院"]


def test_a_class_of_berths_is_no_work() -> None:
    assert _names("沿江港口万吨级以上泊位达到120个。") == []


def test_a_facility_or_line_in_a_list_ends_the_items_that_share_the_head() -> None:
    # 甲乙F2和F3线 are lines: neither is a berth of the port named after them
    assert _names("推进甲乙F2和F3线、丙港翔云1号泊位建设。") == ["丙港翔云1号泊位"]
    # a centre listed before a gym is a facility of its own
    assert _names("市非遗展示中心、青湖体育馆建成。") == ["青湖体育馆"]
    # …but a port's abbreviation in a list of pairs of provinces breaks nothing
    quotes = [quote for quote, _, _ in _found("加快推进湘琼、粤琼、琼港合作产业园建设。")]
    assert quotes == ["湘琼", "粤琼", "琼港合作产业园"]


def test_a_long_name_starts_after_a_cue_or_where_words_meet() -> None:
    # the length limit falls inside the cue 获批: the name starts after it
    assert _names("升学率提高。获批国家中小学书法教育平台全域推广试点，实现覆盖。") == [
        "国家中小学书法教育平台全域推广试点"
    ]
    # …or between two words (纳入|国家), not inside one (新一轮|山地: no 轮山地…)
    assert _names("整县纳入国家基本医保参保长效机制改革综合试点。") == [
        "国家基本医保参保长效机制改革综合试点"
    ]


def test_a_named_platform_listed_before_等项目_is_a_work() -> None:
    assert _found("持续推进一体化大融合“海上青云”平台等项目。") == [
        ("一体化大融合“海上青云”平台", "一体化大融合海上青云平台", "works")
    ]
    assert _names("推进中试平台等项目落地。") == []
    assert _names("推进产业技术研发公共服务平台等项目。") == []


def test_a_line_named_by_initials_after_a_long_programme_name_is_its_own_work() -> None:
    # a run longer than a name, cut inside a word, gives no fragment; the line named by its
    # places' first characters after the programme's head is a work of its own
    sentence = "东部陆海联运新通道北线主通道重点工程宜渝湘铁路开通运营。"
    assert "宜渝湘铁路" in _names(sentence)
    assert not any(name.startswith("海联运") for name in _names(sentence))
