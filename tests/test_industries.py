"""Industry mentions: scheme terms word by word, proposed terms, fields, a fact's own clause, and
the scheme and the terms in RDF. Sentences written for these tests, not from any report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Literal

from plangraph.errors import RecordsError
from plangraph.extraction import extract
from plangraph.extraction.goldset import evaluate_gold, load_gold, merge_reports
from plangraph.extraction.industries import find_industries
from plangraph.graph.namespace import PG
from plangraph.graph.rdfize import REFERENCE_GRAPH, document_iri, industry_iri, rdfize
from plangraph.graph.shacl import validate
from plangraph.records.checks import check_records
from plangraph.records.model import IndustryTerm, Span
from plangraph.vocab.schemes import industries

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
CHECK_SET = Path(__file__).resolve().parent / "truth" / "entities"


def _found(sentence: str) -> dict[str, tuple[str, bool, bool]]:
    """Quote → (label, proposed, field) of every mention in ``sentence``."""
    return {
        sentence[m.start : m.end]: (m.label, m.proposed, m.field)
        for m in find_industries(sentence, 0, len(sentence))
    }


def test_scheme_terms_by_preferred_or_alternative_label() -> None:
    found = _found("推广绿色开采技术，发展煤炭工业和新能源汽车，培育人工智能+新业态。")
    assert found["煤炭工业"] == ("煤炭", False, False)
    assert found["新能源汽车"] == ("新能源汽车", False, False)
    assert found["人工智能+"][0] == "人工智能+"  # the longest label wins over 人工智能


def test_policy_terms_hang_under_national_classes() -> None:
    found = _found("壮大低空经济、银发经济，布局钠离子电池、固态电池和人形机器人。")
    assert {q: v[0] for q, v in found.items()} == {
        "低空经济": "低空经济",
        "银发经济": "银发经济",
        "钠离子电池": "钠离子电池",
        "固态电池": "固态电池",
        "人形机器人": "人形机器人",
    }


def test_an_industry_word_inside_another_word_is_no_mention() -> None:
    for sentence in (
        "推进农业转移人口市民化。",  # 农业 modifies 转移人口
        "建设一批智能化工厂。",  # 化工 straddles 智能化 and 工厂
        "推进新型工业化。",  # 工业化 is a process, not the industry
        "用好新型政策性金融工具。",  # 金融 modifies 工具
    ):
        assert _found(sentence) == {}, sentence


def test_fields_file_facts_but_name_no_industry() -> None:
    sentence = "完善铁路和高速公路，发展现代物流。"
    found = _found(sentence)
    assert found["铁路"] == ("铁路运输", False, True)
    assert found["高速公路"] == ("高速公路", False, True)
    assert found["现代物流"] == ("物流", False, False)


def _named(sentence: str) -> dict[str, tuple[str, bool]]:
    """Quote → (label, named) of every scheme mention in ``sentence``."""
    return {
        sentence[m.start : m.end]: (m.label, m.named)
        for m in find_industries(sentence, 0, len(sentence))
        if not m.proposed
    }


def test_a_facility_right_or_institution_of_a_sector_files_facts_but_names_no_industry() -> None:
    found = _named("新铺天然气管道60公里，新建社区养老服务设施9处，依法出让矿业权12宗。")
    assert found["天然气"] == ("天然气", False)
    assert found["养老服务"] == ("养老服务", False)
    assert found["矿业"] == ("采矿业", False)
    found = _named("繁荣文化体育事业，统筹群众体育和竞技体育，新认定高新技术企业30家。")
    assert not any(named for _, named in found.values())
    assert found["高新技术企业"] == ("高技术产业", False)  # the label inside files the facts
    # …unless an industry starts right after: greenhouse vegetables are farming
    found = _named("推广蔬菜设施种植。")
    assert found == {"蔬菜": ("蔬菜", True), "设施种植": ("设施农业", True)}


def test_members_of_a_list_of_infrastructure_or_public_services_name_no_industry() -> None:
    found = _named("引导资金投向交通、能源、水利等基础设施，补齐养老、托育等公共服务短板。")
    assert found["能源"] == ("能源", False) and found["养老"] == ("养老服务", False)
    # a member's modifier is no member: 旅游 stays tourism
    assert _named("改造旅游厕所、停车场等配套设施。")["旅游"] == ("旅游", True)
    assert _named("发展能源、化工等产业。")["能源"] == ("能源", True)


def test_words_holding_a_label_that_name_no_industry() -> None:
    for sentence in (
        "某县水电气价格下调。",  # the utilities of a home, not hydropower
        "支持非公有制经济健康发展。",  # a form of ownership
        "坚持和完善基本经济制度。",
        "防治农业面源污染。",
        "提高城乡居民基本养老保险参保率，落实失业保险政策。",  # social security
    ):
        assert find_industries(sentence, 0, len(sentence)) == [], sentence


def test_a_label_refused_as_straddling_lets_the_next_one_start_inside_it() -> None:
    assert _named("深化工业结构改革。") == {"工业": ("工业", True)}
    assert _named("实施乡村文化工程。") == {}  # 文化 ends where 化工 would start
    assert _named("发展高端化工新材料产业。") == {"新材料产业": ("新材料", True)}


def test_a_region_or_firm_before_a_head_proposes_no_term() -> None:
    for sentence in ("促进欠发达地区产业发展。", "深化与中央企业产业合作。"):
        assert not any(m.proposed for m in find_industries(sentence, 0, len(sentence)))


def test_terms_the_scheme_lacks_are_proposed() -> None:
    found = _found("培育壮大冰雪装备产业，积极发展飞地经济。")
    proposed = {label for label, is_proposed, _ in found.values() if is_proposed}
    assert "冰雪装备产业" in proposed
    assert "飞地经济" in proposed


def test_kinds_places_and_verbs_are_not_proposed() -> None:
    for sentence in (
        "做强重点产业，壮大特色产业，延伸千亿级产业链。",  # words that only say which kind
        "酒泉经济总量迈上新台阶。",  # a place's economy
        "长江经济带高质量发展。",  # 经济带 is a region
        "坚定调整产业结构。",  # a verb before the head
    ):
        assert not any(v[1] for v in _found(sentence).values()), sentence


def test_members_of_a_list_of_industries_are_proposed() -> None:
    found = _found("加快培育肉牛、茶叶、辣椒、食用菌、中药材等重点产业。")
    assert found["辣椒"] == ("辣椒", True, False)
    assert found["茶叶"] == ("茶叶", False, False)
    # a list of clauses, however close to industries, proposes nothing
    assert not any(
        v[1] for v in _found("推动新能源、新材料等产业发展提速、规模扩大、占比提升。").values()
    )


REPORT = (
    "2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n"
    "（一）建设现代化产业体系。发展人工智能，培育壮大冰雪装备产业，加快铁路建设。"
    "地区生产总值增长5.5%左右，粮食产量稳定在250亿斤以上。\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_the_extractor_writes_terms_with_their_evidence(report: Path) -> None:
    records = extract(report)
    terms = {t.label: t for t in records.industry_terms}
    assert not terms["人工智能"].proposed and terms["冰雪装备产业"].proposed
    # a field keeps its evidence, but the check sets do not count it as an industry mention
    assert [s.quote for s in terms["铁路运输"].evidence] == ["铁路建设"]
    assert not industries().names_industry("铁路运输", "铁路")
    assert industries().names_industry("人工智能", "人工智能")
    assert not industries().names_industry("旅游", "景区")  # a surface that only files facts
    for term in terms.values():
        for span in term.evidence:
            assert REPORT[span.start : span.end] == span.quote
    gdp = next(t for t in records.targets if t.indicator.startswith("地区生产总值"))
    assert gdp.industries == []  # 粮食 stands in the next clause
    grain = next(t for t in records.targets if t.indicator.startswith("粮食"))
    assert grain.industries == ["粮食"]
    check_records(records, "report.yaml", [])


def test_records_checks_keep_proposed_terms_outside_the_scheme(report: Path) -> None:
    records = extract(report)
    span = records.industry_terms[0].evidence[0]
    records.industry_terms.append(IndustryTerm("煤炭", proposed=True, evidence=[span]))
    with pytest.raises(RecordsError, match="in the industry vocabulary"):
        check_records(records, "report.yaml", [])
    records.industry_terms[-1] = IndustryTerm("不是产业", evidence=[Span(0, 1, REPORT[0])])
    with pytest.raises(RecordsError, match="mark it proposed"):
        check_records(records, "report.yaml", [])


def test_the_scheme_in_rdf_carries_codes_and_mappings(report: Path) -> None:
    dataset = rdfize([extract(report)])
    ref = dataset.graph(REFERENCE_GRAPH)
    ai = industry_iri("人工智能")
    assert (ai, SKOS.notation, Literal("1.5", datatype=PG.SEIC2018)) in ref
    assert (industry_iri("汽车"), SKOS.notation, Literal("36", datatype=PG.GBT4754)) in ref
    assert (ai, SKOS.broader, industry_iri("新一代信息技术产业")) in ref
    assert (industry_iri("低空经济"), SKOS.closeMatch, industry_iri("航空装备产业")) in ref


@pytest.mark.slow
def test_a_documents_terms_in_its_graph(report: Path) -> None:
    records = extract(report)
    dataset = rdfize([records])
    doc = dataset.graph(document_iri(records.document.id))
    proposed = industry_iri("冰雪装备产业")
    assert (proposed, RDF.type, PG.ProposedIndustry) in doc
    assert (proposed, RDFS.label, Literal("冰雪装备产业", lang="zh")) in doc
    assert (proposed, SKOS.inScheme, None) not in dataset.graph(REFERENCE_GRAPH)
    assert list(doc.objects(industry_iri("人工智能"), PG.evidence))
    report_ = validate(dataset)
    assert report_.conforms, report_


@pytest.mark.slow
def test_check_set_recall_and_precision() -> None:
    """Over the whole check set (tests/truth/entities), industry mentions are found with recall
    0.95 and precision 0.84 at least (``plangraph eval ../shared/reports tests/truth/entities``)."""
    if not REPORTS.is_dir():
        pytest.skip("../shared/reports is not present")
    reports = []
    for path in sorted(CHECK_SET.glob("*.yaml")):
        gold = load_gold(path)
        source = REPORTS / gold.source
        assert hashlib.sha256(source.read_bytes()).hexdigest() == gold.sha256
        reports.append(evaluate_gold(extract(source), gold))
    score = next(s for s in merge_reports(reports).scores if s.kind == "industries")
    assert score.recall >= 0.95, score
    assert score.precision >= 0.84, score


def test_a_list_of_scheme_terms_stays_scheme_terms() -> None:
    found = _found("大力发展绿色农业、生态农业、高效农业，优化会展、演艺、赛事审批服务。")
    assert not any(proposed for _, proposed, _ in found.values())
    assert found["会展"][0] == "商务服务业"
    assert [label for label, _, _ in found.values()].count("农业") >= 1


def test_a_facility_files_the_facts_of_its_clause_but_is_no_evidence(tmp_path: Path) -> None:
    path = tmp_path / "pipes.txt"
    path.write_text(
        "2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n"
        "（一）完善基础设施。新建天然气管道60公里。\n",
        encoding="utf-8",
    )
    records = extract(path)
    pipes = next(t for t in records.targets if t.unit is not None)
    assert pipes.industries == ["天然气"]
    assert "天然气" not in {t.label for t in records.industry_terms}
    check_records(records, "pipes.yaml", [])


def test_a_piece_of_a_market_of_power_names_no_industry() -> None:
    found = _named("某省修订电力现货交易规则，扩大电力市场范围，开展新能源直供电试点。")
    assert found["电力"] == ("电力", False) and found["新能源"] == ("新能源", False)
    # the same words as a sector stay one, and a market of another sector is no mechanism
    assert _named("全市电力增加值稳步提升。")["电力"] == ("电力", True)
    assert _named("开拓海外旅游市场。")["旅游"] == ("旅游", True)


def test_a_place_before_a_firms_abbreviation_names_a_firm() -> None:
    assert "石化" not in _named("支持苏州石化新建一套装置，中国石化扩大投资。")
    assert "炼化" not in _named("推进宁波炼化二期。")
    assert _named("壮大石化、钢铁等行业。")["石化"] == ("化工", True)
    assert _named("苏州石化产业提质增效。")["石化产业"] == ("化工", True)


def test_a_label_whose_last_character_starts_the_next_word_is_no_mention() -> None:
    assert _named("培育康养、托育等服务业态。") == {
        "康养": ("文旅康养", True),
        "托育": ("托育", True),
    }
    # a shorter label may still end before it
    assert _named("推动旅游业态升级，快递业务量增长。") == {
        "旅游": ("旅游", True),
        "快递": ("邮政快递", True),
    }


def test_a_centre_or_plant_named_after_a_sector_is_no_mention_but_a_hub_is() -> None:
    found = _named("新建检验检测中心2个、乡镇养老服务中心5个，改造煤电厂一座。")
    assert not any(named for _, named in found.values())
    assert found["检验检测"] == ("专业技术服务业", False)
    assert _named("打造国际航运中心和西部金融中心。") == {
        "航运": ("水上运输业", True),
        "金融": ("金融", True),
    }


def test_words_naming_a_grid_a_policy_a_zone_or_a_figure_of_speech_name_no_industry() -> None:
    found = _named("推广微电网，深化财政金融改革，整合工业园区，打通东西黄金通道，发行金融债券。")
    assert not any(named for _, named in found.values()), found
    assert "黄金" not in found and "金融债券" not in found
    assert _named("做强化工园区。")["化工"] == ("化工", True)


def test_a_list_ends_at_its_closing_word() -> None:
    found = _found("保障牛羊、蔬菜等供给充裕、价格平稳。")
    assert not any(proposed for _, proposed, _ in found.values()), found
    # a member whose context files facts only still counts as one of the sector's words
    found = _found("以微电网、新型储能、光热发电等方式保障供电。")
    assert found["光热发电"] == ("光热发电", True, False)


def test_a_kind_of_part_proposes_no_term() -> None:
    assert not any(m.proposed for m in find_industries("推进电驱系统制造。", 0, 9))


def test_the_detection_lists_are_read_by_their_fields() -> None:
    """Each ``detection:`` list of industries.yaml becomes its field (a set where the field is
    one, the heads longest first); a key no field takes is named, not ignored."""
    from plangraph.errors import PlangraphError
    from plangraph.vocab.schemes import _detection

    read = _detection({"heads": ["业", "产业链"], "facts_only": ["甲", "甲"], "straddled": None})
    assert read.heads == ("产业链", "业")
    assert read.facts_only == frozenset({"甲"})
    assert read.straddled == ()
    with pytest.raises(PlangraphError, match="unknown key.*firm_word"):
        _detection({"firm_word": ["集团"]})
