"""Named projects, typed, with clean boundaries: sentences written for these tests."""

from __future__ import annotations

import pytest

from plangraph.extraction.projects import find_projects


def _found(sentence: str) -> list[tuple[str, str]]:
    return [(m.name, m.kind) for m in find_projects(sentence, 0, len(sentence))]


def _names(sentence: str) -> list[str]:
    return [name for name, _ in _found(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("加快推进甲乙高铁建设，力争丙丁高铁年底建成通车。", ["甲乙高铁", "丙丁高铁"]),
        ("推动甲乙高速、戊己机场三期改扩建等项目建设。", ["甲乙高速", "戊己机场三期改扩建"]),
        ("着力推进庚辛高速公路等 9 个在建项目。", ["庚辛高速公路"]),
        ("全部开工“一湖清水”工程。", ["一湖清水工程"]),
        ("开工建设丙丁水利枢纽工程。", ["丙丁水利枢纽工程"]),
        ("建成太原地铁2号线、晋中东站。", ["太原地铁2号线", "晋中东站"]),  # line, station
        ("开工建设甲乙水库，建成丙丁博物馆和戊己医院。", ["甲乙水库", "丙丁博物馆", "戊己医院"]),
        ("推进北京协和医院贵州分院建设。", ["北京协和医院贵州分院"]),  # a hospital's branch
        ("建成甲乙算力中心。", ["甲乙算力中心"]),
        ("推进甲乙煤矿、丙丁锂矿建设。", ["甲乙煤矿", "丙丁锂矿"]),
    ],
)
def test_named_projects(sentence: str, expected: list[str]) -> None:
    assert _names(sentence) == expected


def test_a_list_with_a_shared_head_gives_each_name_whole() -> None:
    found = find_projects(text := "加快延榆、康渝高铁建设。", 0, len(text))
    assert [(text[m.start : m.end], m.name) for m in found] == [
        ("延榆", "延榆高铁"),
        ("康渝高铁", "康渝高铁"),
    ]
    text = "建成甲乙至丙丁、戊己至庚辛等高速公路。"
    found = find_projects(text, 0, len(text))
    assert [(text[m.start : m.end], m.name) for m in found] == [
        ("甲乙至丙丁", "甲乙至丙丁高速公路"),
        ("戊己至庚辛", "戊己至庚辛高速公路"),
    ]


def test_kinds() -> None:
    assert _found("推进甲乙水库建设，实施“甲乙清水”工程，支持丙丁经开区创建国家级开发区。") == [
        ("甲乙水库", "works"),
        ("甲乙清水工程", "programme"),
        ("丙丁经开区", "zone"),
    ]
    assert _found("加快甲乙石化百万吨乙烯项目建设。") == [("甲乙石化百万吨乙烯项目", "company")]


@pytest.mark.parametrize(
    "sentence",
    [
        "加强重点项目要素保障，实施一批省级标杆项目。",
        "建设 3-5 家省实验室，优化重组省重点实验室。",
        "新建改造 50 个城镇社区养老工程。",  # a count of a kind
        "实施晋菜晋味提升行动。",  # a measure, not a named project
        "年内甲县通高速公路。",  # a clause
        "推进以县城为枢纽的城乡融合发展。",
        "坚决杜绝政绩工程，深化五个一工程。",  # slogans and awards
        "建设新能源基地，实施一批重大工程。",  # generic categories
        "布局发展高速飞车、绿色氢能。",  # a head running on into another word
    ],
)
def test_generic_phrases_are_not_projects(sentence: str) -> None:
    assert _names(sentence) == []


def test_names_have_clean_boundaries() -> None:
    assert _names("七是加快甲乙高速公路建设。") == ["甲乙高速公路"]  # no list marker, no verb
    assert _names("抓实丙丁水库前期工作。") == ["丙丁水库"]
    assert _names("加快兰郑长输管道等重点项目。") == ["兰郑长输管道"]


@pytest.mark.parametrize(
    "sentence",
    [
        "健全物流枢纽和通道网络。",  # kinds of facility: common words before the head
        "用好能源大数据中心，建设世界一流电网。",
        "统筹建设综合货运枢纽、骨干冷链物流基地。",
        "全疆首个智算中心建成投用。",  # a first of its kind, no name
        "统筹布局算力中心，加快数据开发利用。",  # a leading verb
    ],
)
def test_kinds_of_facility_are_no_works(sentence: str) -> None:
    assert _names(sentence) == []


def test_a_named_work_ends_where_its_name_does() -> None:
    # names of places, or characters no word holds, make a name; any word may follow it
    assert _names("兰州中川机场旅客吞吐量突破1700万人次。") == ["兰州中川机场"]
    assert _names("大兴寨水库大坝封顶、椒花水库下闸蓄水。") == ["大兴寨水库", "椒花水库"]
    assert _names("力促平凉机场尽早开工。") == ["平凉机场"]
    assert _names("加快稀土国家技术创新中心建设。") == ["稀土国家技术创新中心"]
    # a tail of work verbs before 工程 is the name's; a second line is too
    assert _names("推进兰州铁路枢纽优化提升工程等前期工作。") == ["兰州铁路枢纽优化提升工程"]
    assert _names("建成将军庙至淖毛湖铁路二线。") == ["将军庙至淖毛湖铁路二线"]
    # a name after a verb of listing starts after it
    assert _names("临夏地质公园入列世界地质公园。") == ["临夏地质公园"]


@pytest.mark.parametrize(
    "sentence",
    [
        "科学合理布局5G-A、算力等新型基础设施项目。",  # kinds of things sharing 项目
        "有序推进城市更新、农村基础设施和公共服务项目建设。",
        "争取超长期特别国债、中央预算内投资等项目建设资金。",  # money, no projects
        "支持宁德时代、比亚迪等龙头企业贵州项目加快释放产能。",  # firms' projects
        "辽西地区承接京津冀项目232个。",  # a verb inside: a clause
    ],
)
def test_list_items_of_common_words_are_no_projects(sentence: str) -> None:
    assert _names(sentence) == []


def test_items_named_after_their_locality_keep_a_common_word() -> None:
    assert _names("加快建设观音、宣威、花滩子等大型水库。") == [
        "观音水库",
        "宣威水库",
        "花滩子水库",
    ]


def test_a_capacity_and_a_dash_stay_inside_a_name() -> None:
    assert _names("1500万吨/年煤炭分质分级利用项目启动建设。") == [
        "1500万吨/年煤炭分质分级利用项目"
    ]
    assert _names("加快博州阿拉山口—哈萨克斯坦多斯特克铁路增建二线建设。") == [
        "博州阿拉山口—哈萨克斯坦多斯特克铁路增建二线"
    ]


def test_clauses_and_firms_around_a_head_are_no_names() -> None:
    assert _names("西宁与兰州实现高铁1小时互达。") == []  # a verb right before the head
    assert _names("河北港口集团等多家省属国企完成重组。") == []  # a firm
    assert _names("实施城中村雨污分流及纳厂治理项目300个。") == []  # a count of projects
    assert _names("支持同济医院创建国家医学中心。") == ["同济医院"]  # one word names a hospital


def test_names_listed_before_a_count_share_the_head() -> None:
    found = find_projects(
        text := "沈白高铁和京哈高速改扩建、本桓、凌绥、台黑4条高速公路建成通车。", 0, 60
    )
    pairs = [(text[m.start : m.end], m.name) for m in found]
    assert ("本桓", "本桓高速公路") in pairs and ("台黑", "台黑高速公路") in pairs
    assert _names("深入实施三个“一号工程”。") == []  # a count of a kind, no list before it


def test_firms_projects_listed_before_a_quoted_head() -> None:
    text = "推进长沙宁乡圣钘科技新一代锂电池、株洲中车新能源电驱系统制造等“十大产业项目”建设。"
    spans = [text[m.start : m.end] for m in find_projects(text, 0, len(text))]
    assert spans == ["长沙宁乡圣钘科技新一代锂电池", "株洲中车新能源电驱系统制造"]


def test_a_designation_before_a_place_is_left_out_and_a_city_is_no_project() -> None:
    assert _names("建成国家级江西省知识产权保护中心。") == ["江西省知识产权保护中心"]
    assert _names("抢抓海南自贸港建设机遇。") == ["海南自贸港"]  # a zone, no verb in it


def test_numbered_names_and_water_diversions_are_names() -> None:
    assert _names("新建三个一号旅游公路2300公里。") == ["三个一号旅游公路"]
    text = "加快中部引黄等10个省级水网重大项目建设。"
    assert [text[m.start : m.end] for m in find_projects(text, 0, len(text))] == ["中部引黄"]


def test_kinds_of_hospital_counted_quotes_and_cut_brackets_are_no_names() -> None:
    assert _names("建成省互联网总医院，互联网医院总诊疗2430万人次。") == []
    assert _names("建成102个“美丽街区”。") == []
    assert _names("推进海洋经济高质量发展百场（项目）对接活动。") == []
    assert _names("国家自然科学基金项目立项数再创新高。") == []
    text = "深化与苏州、崖州湾等国家实验室合作。"
    assert [text[m.start : m.end] for m in find_projects(text, 0, len(text))][0] == "苏州"


def test_items_that_are_no_names_and_programmes_for_schools() -> None:
    assert _names("打造一批基础设施领域REITs等示范性项目。") == []
    assert _names("其中小型水库7座。") == []
    assert _names("“四类管线”更新改造完成80%。") == []
    assert _found("深化中职学校提质培优工程。") == [("中职学校提质培优工程", "programme")]
    text = "全力保障雅下水电和川藏铁路等重大工程。"
    assert "雅下水电铁路" not in _names(text)
    assert _names("国能准东20亿立方米/年煤制天然气项目开工建设。") == [
        "国能准东20亿立方米/年煤制天然气项目"
    ]


def test_a_leading_verb_before_a_place_is_no_name_and_designations_are_kinds() -> None:
    assert _names("投用临沂费县、临沭蛟龙项目。") == ["临沂费县项目", "临沭蛟龙项目"]
    assert _names("加快引黄济宁、引通济柴工程前期。")[0] == "引黄济宁工程"  # a diversion
    assert _names("有力推进国家区域医疗中心建设。") == []
    assert _names("建设公路干线重型卡车换电站。") == []


def test_places_by_landform_and_abbreviated_pairs_are_names() -> None:
    assert _names("加快旭龙、古水、橄榄坝等水电站建设。") == [
        "旭龙水电站",
        "古水水电站",
        "橄榄坝水电站",
    ]
    assert _names("协调推进中越准轨铁路连接线建设。") == ["中越准轨铁路连接线"]
    assert _names("万峰林景区获评国家5A级旅游景区。") == ["万峰林景区"]
    assert _names("推动更多县级公立医院达到三级医院水平。") == []  # 更多: no number in a name


def test_ports_by_name_not_cities_slogans_or_apps() -> None:
    assert _names("岳阳港货物吞吐量稳居前列。") == ["岳阳港"]
    assert _names("推进防城港30万吨级、北海20万吨级等航道建设。") == [
        "防城港30万吨级航道",
        "北海20万吨级航道",
    ]
    assert _names("坚定落实“爱国者治港”。") == []
    assert _names("青海牦牛肉历史性获得供港准入。") == []
    assert _names("“浙江e港通”上线运行。") == []
    assert _names("支持连云港建设。") == []


def test_a_national_centre_of_a_field_is_a_name() -> None:
    assert _names("国家风力发电技术创新中心揭牌成立。") == ["国家风力发电技术创新中心"]
    assert _names("重组国家重点实验室体系。") == []


def test_an_item_before_等_joined_by_和_is_two_names() -> None:
    text = "建成京港澳和沪昆扩容、张官等17条高速公路。"
    spans = [text[m.start : m.end] for m in find_projects(text, 0, len(text))]
    assert spans == ["京港澳", "沪昆扩容", "张官"]


def test_kinds_of_airports_and_hubs_and_subsidies_are_no_names() -> None:
    assert _names("新建民航机场46个。") == []
    assert _names("做强先进制造、港航枢纽、开放平台。") == []
    assert _names("实施向中度以上失能老年人发放养老服务消费补贴项目。") == []


def test_a_one_character_head_ends_a_name_only_before_a_follower() -> None:
    assert "合肥陆港" not in _names("申建合肥陆港保税物流中心（B型）。")
    assert _names("富宁港千吨级船舶通江达海。") == ["富宁港"]


@pytest.mark.parametrize(
    "sentence",
    [
        "推动中西医协同“甲乙”医院试点。",  # the quoted word names a pilot, not a hospital
        "全省“五纵六横”高速公路网基本形成。",  # a numbered formula
        "“2468”实验室体系全面建成。",  # figures alone
        "打造“甲海乙门、丙商丁港”出海通道。",  # a list of slogans
        "新建“口袋公园”30个，开展“流动医院”巡诊。",  # kinds of facility, quoted
        "建设“七个现代化灌区”覆盖工程。",  # a count of a kind
        "实施一批“小而精”民生项目，共建“一带一路”联合实验室。",  # a quoted word before a kind
    ],
)
def test_quoted_words_that_name_no_work(sentence: str) -> None:
    assert [name for name, kind in _found(sentence) if kind in ("works", "company")] == []


def test_quoted_names_of_works_and_programmes() -> None:
    # a work's name runs on over further works' heads; a quoted 工程 or 项目 is a programme
    assert _found("推动“甲电入乙”特高压输电通道开工建设。") == [("甲电入乙特高压输电通道", "works")]
    assert _found("全面完成“青山碧水工程”建设。") == [("青山碧水工程", "programme")]
    assert _found("“甲乙”旅游公路［6］全线贯通。") == [("甲乙旅游公路", "works")]


@pytest.mark.parametrize(
    "sentence",
    [
        "推动甲化院、乙科院等向南港集聚发展。",  # 向南港: a preposition's phrase, no shared head
        "推动甲乙、丙丁等创新政策向国家级经开区推广。",
        "首次迎来15个友好国家、全国20个省区市和港澳台地区客商。",  # 和港澳台: no port
    ],
)
def test_a_head_in_another_phrase_after_a_list_is_not_shared(sentence: str) -> None:
    assert _found(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "加强东中部铁路和城际公路建设。",  # a part of the country, not one line
        "完成煤电机组超低排放改造。",  # an industry before a head
        "全年铁路货运量再创新高。",  # a year's total, no numbered name
        "抓好房地产项目风险处置，强化房地产项目资金监管。",  # a verb before a kind
        "加快深水航道整治，推进海岛码头和边境新村供电工程建设。",  # landforms tagged as places
        "推进高端装备、集成电路、生物医药等重大项目。",  # industries listed before a kind
    ],
)
def test_industries_parts_of_the_country_and_landforms_name_no_work(sentence: str) -> None:
    assert [name for name, kind in _found(sentence) if kind in ("works", "company")] == []


def test_places_listed_before_a_name_share_its_common_words() -> None:
    # 甲州、乙州国家物流枢纽: both are national logistics hubs, not 甲州枢纽
    assert _names("加快建设杭州、南昌国家物流枢纽。") == ["杭州国家物流枢纽", "南昌国家物流枢纽"]
    assert _names("建好洛阳、开封、许昌算力枢纽。") == [
        "洛阳算力枢纽",
        "开封算力枢纽",
        "许昌算力枢纽",
    ]
    # …but not the words of a clause, nor a place's own name
    assert "洛阳结束不通高铁" not in _names("甲乙高铁通车，洛阳、开封结束不通高铁历史。")
    assert _names("支持甲山、乙湖实验室建设。") == ["甲山实验室", "乙湖实验室"]


def test_a_one_character_head_after_a_list_must_end_there() -> None:
    # 港 of 港航, a word the word list lacks, is no port the items share; the items are
    # works of ports and waterways
    found = _found("推进甲乙、丙丁等5个港航项目建设。")
    assert found == [("甲乙项目", "works"), ("丙丁项目", "works")]
    assert _names("建成甲乙、丙丁等港。") == ["甲乙港", "丙丁港"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("加快青山轨道交通红河线建设。", ["青山轨道交通红河线"]),  # a line named by its places
        ("建成青山地铁三号线。", ["青山地铁三号线"]),
        ("完善轨道交通沿线配套设施。", []),  # along the line: no line's name
    ],
)
def test_a_line_of_a_network_named_by_its_places(text: str, names: list[str]) -> None:
    assert [m.name for m in find_projects(text, 0, len(text))] == names
