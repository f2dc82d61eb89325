"""Promise tracking: judging outcomes against targets, and the Shanxi 2024 → 2025 links."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from plangraph.cli import main
from plangraph.pipeline.track import (
    indicator_similarity,
    judge,
    link_corpus,
    link_documents,
    unreported,
)
from plangraph.records.model import Document, Outcome, Records, Source, Target


def _t(indicator: str, qualifier: str = "Exact", growth: bool = False, **numbers: float) -> Target:
    values = {k: Decimal(str(v)) for k, v in numbers.items()}
    return Target(indicator=indicator, unit="PERCENT", qualifier=qualifier, growth=growth, **values)  # type: ignore[arg-type]


def _o(indicator: str, value: float, growth: bool = False) -> Outcome:
    return Outcome(indicator=indicator, unit="PERCENT", value=Decimal(str(value)), growth=growth)


@pytest.mark.parametrize(
    ("target", "outcome", "status"),
    [
        (_t("煤炭先进产能占比", value=83), _o("煤炭先进产能占比", 83), "met"),
        (_t("装机占比", value=47), _o("装机占比", 49.7), "exceeded"),
        (_t("装机占比", value=47), _o("装机占比", 45), "not-met"),
        (_t("利用率", "AtLeast", value=60), _o("利用率", 63.6), "exceeded"),
        (_t("利用率", "AtLeast", value=60), _o("利用率", 61), "exceeded"),  # past a floor
        (_t("利用率", "AtLeast", value=60), _o("利用率", 60), "met"),
        (_t("国内生产总值", "About", value=5), _o("国内生产总值", 5.2), "met"),
        (_t("城镇调查失业率", "About", value=5.5), _o("城镇调查失业率", 5.2), "exceeded"),
        (_t("城镇调查失业率", "About", value=5.5), _o("城镇调查失业率", 6.1), "not-met"),
        (_t("研究中心", "Range", min=2, max=3), _o("研究中心", 2), "met"),
        (_t("研究中心", "Range", min=2, max=3), _o("研究中心", 1), "not-met"),
        # a cut is the number: a bigger cut than planned is better, whatever is cut
        (_t("能耗降低", "About", True, value=2.5), _o("能耗降低", 3.8, growth=True), "exceeded"),
        (_t("能耗降低", "About", True, value=2.5), _o("能耗降低", 1.9, growth=True), "not-met"),
        # a price ceiling is met by anything up to it; 涨幅 and 上涨 are both rates
        (_t("居民消费价格涨幅", "About", value=3), _o("居民消费价格", 0.2, growth=True), "met"),
        (_t("居民消费价格涨幅", "About", value=3), _o("居民消费价格", 3.6, growth=True), "not-met"),
    ],
)
def test_judge(target: Target, outcome: Outcome, status: str) -> None:
    assert judge(target, outcome) == status


def test_no_comparison_between_a_yearly_addition_and_a_running_total() -> None:
    target = Target(indicator="新建智能化煤矿", unit="NUM", value=Decimal(150))
    outcome = Outcome(indicator="智能化煤矿", unit="NUM", value=Decimal(268))
    assert judge(target, outcome) == "reported"


def test_no_comparison_between_growth_and_level() -> None:
    assert judge(_t("数字经济规模", value=15), _o("数字经济规模", 12, growth=True)) == "reported"


PLAN_TARGETS = (
    "2031年某某省政府工作报告\n二、2031年工作安排\n主要预期目标是：地区生产总值增长5%左右，"
    "城镇调查失业率5.5%左右，居民消费价格涨幅3%左右，单位地区生产总值能耗降低2.5%左右。\n"
)
REVIEW_TARGETS = (
    "2032年某某省政府工作报告\n一、2031年工作回顾\n地区生产总值增长5.1%，城镇调查失业率5.1%，"
    "居民消费价格上涨0.2%，单位地区生产总值能耗降低3.8%。\n"
)


def _statuses(folder: Path, plan: str, review: str) -> dict[str, str]:
    """Each commitment of ``plan`` that ``review`` reports on, with its status."""
    from plangraph.pipeline.corpus import read_inputs

    paths = []
    for name, text in (("plan-2031.txt", plan), ("review-2032.txt", review)):
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    return {link.commitment_label: link.status for link in link_corpus(read_inputs(paths))}


def _answered(folder: Path, plan: str, review: str) -> dict[str, str]:
    """:func:`_statuses` of a plan part and a review part, each under its report's header."""
    return _statuses(
        folder,
        "2031年某某省政府工作报告\n二、2031年工作安排\n" + plan,
        "2032年某某省政府工作报告\n一、2031年工作回顾\n" + review,
    )


def test_main_targets_of_a_plan_against_the_review(tmp_path: Path) -> None:
    assert _statuses(tmp_path, PLAN_TARGETS, REVIEW_TARGETS) == {
        "地区生产总值": "met",
        "城镇调查失业率": "exceeded",
        "居民消费价格涨幅": "met",
        "单位地区生产总值能耗降低": "exceeded",
    }


PLAN_MIXED = (
    "2031年某某省政府工作报告\n二、2031年工作安排\n主要预期目标是：地区生产总值增长5.5%左右，"
    "一般公共预算收入增长3%，城镇新增就业45万人以上，城镇调查失业率控制在5.5%以内，"
    "粮食产量稳定在280亿斤以上，PM2.5平均浓度控制在36微克/立方米以内，"
    "单位地区生产总值能耗下降3%左右。\n（一）扩大投资。新建改造农村公路4300公里，改造老旧小区1500个。\n"
)
REVIEW_MIXED = (
    "2032年某某省政府工作报告\n一、2031年工作回顾\n过去一年，地区生产总值增长5.3%，"
    "一般公共预算收入完成3500亿元、增长2.9%，城镇新增就业48.3万人，城镇调查失业率5.1%，"
    "粮食产量达到293.3亿斤，PM2.5平均浓度35.2微克/立方米，单位地区生产总值能耗下降3.2%。"
    "新建改造农村公路4330公里，改造老旧小区1620个。\n"
)


def test_the_usual_kinds_of_target_against_a_review(tmp_path: Path) -> None:
    """Growth about a value, floors (以上), ceilings (以内), a cut, yearly additions; money
    reported beside a growth target is left alone."""
    assert _statuses(tmp_path, PLAN_MIXED, REVIEW_MIXED) == {
        "地区生产总值": "met",  # 5.3 within 5.5 ± 5 %
        "一般公共预算收入": "not-met",  # 2.9 % against 3 %
        "城镇新增就业": "exceeded",  # 48.3 万 against at least 45 万
        "城镇调查失业率": "met",  # 5.1 % within at most 5.5 %
        "粮食产量": "exceeded",  # 293.3 亿斤 against at least 280 亿斤
        "PM2.5平均浓度": "met",  # 35.2 within at most 36
        "单位地区生产总值能耗下降": "exceeded",  # a cut of 3.2 % against about 3 %
        "新建改造农村公路": "exceeded",
        "改造老旧小区": "exceeded",
    }


def test_indicator_similarity() -> None:
    assert indicator_similarity("建设精品示范村", "建成精品示范村") == 1.0
    assert indicator_similarity("新建国家绿色工厂", "新创建省级绿色工厂") < 0.7
    assert indicator_similarity("个体工商户保险保障惠及稳定就业人数", "惠及") < 0.7
    # a short indicator whose subject the plan said before (力争全年开行2500列) is loosely like
    # the figure that ends with it, and only then
    assert indicator_similarity("开行", "中欧班列开行") == 0.5
    assert indicator_similarity("开行", "开行中欧班列") < 0.5


# What the 2025 report says about the 2024 commitments, read by hand from both texts: the quote
# of the commitment in the 2024 summary, and its status. The blanket "15件民生实事全部兑现"
# answers the announcement of the tasks (a figure: 15 件), not each task one by one.
EXPECTED = {
    "煤炭先进产能占比达到 83%": "met",
    "新能源和清洁能源装机占比达到 47%": "exceeded",
    "焦炉煤气化产加工利用率均达到 60% 以上": "exceeded",
    "建设 300 个以上精品示范村": "exceeded",
    "2500 个左右提档升级村": "exceeded",
    "要办好 15 件 民生实事": "met",
    "新建智能化煤矿 150 座": "reported",  # 268 座 is the running total
    "新建三个一号旅游公路 2300 公里": "reported",  # the whole road's length, opened
    # projects: 开工建设 / 全部开工、加快建设 / 开通运营
    "“一泓清水入黄河”工程": "started",
    "黄河古贤水利枢纽工程": "started",
    "力争集大原高铁年底建成通车": "finished",
    "怀柔实验室山西研究院": "reported",  # its eight platforms were built, not the institute
    # qualitative commitments, answered in other words or by their standard measure
    "推动大规模设备更新和消费品以旧换新": "reported",  # 设备工器具投资, 以旧换新补贴
    "推动非常规天然气增储上产": "reported",
    "梯度培育“链主+ 链核+ 专精特新”企业": "reported",
    "创建国家级旅游度假区": "approved",  # 太行锡崖沟成为国家级旅游度假区
    "多渠道增加城乡居民收入": "met",
    "深入推进美丽山西建设": "finished",  # 出台…实施意见
    "农村寄递物流服务质量提升提质增效工程": "reported",
    "石楼、浮山通高速，实现县县通高速": "finished",  # 提前一年实现县县通高速公路
    # standard measures: the visitors of the monitored scenic spots, the energy intensity
    "建设国际知名文化旅游目的地": "reported",
    "加快推动文旅产业高质量发展": "reported",
    "推进钢铁、有色、焦化等重点行业节能降碳改造": "reported",
    "做好退役军人服务保障": "reported",  # …退役军人服务保障等工作扎实推进
}


def _quote(evidence: str) -> str:
    return evidence.split("「", 1)[1].rsplit("」", 1)[0]


def test_shanxi_2025_report_against_the_2024_plan(corpus: Path) -> None:
    from plangraph._resources import data_file
    from plangraph.extraction import extract
    from plangraph.records.reader import load_records

    plan = load_records(Path(str(data_file("shanxi-2024.yaml"))))
    report = extract(corpus / "shanxi-2025.txt")
    links = link_corpus([plan, report])
    found = {_quote(k.commitment_evidence): k.status for k in links}

    def expected(quote: str) -> str | None:  # a project's link quotes its name alone
        return next((s for c, s in EXPECTED.items() if quote in c or c in quote), None)

    right = {c for c, s in found.items() if expected(c) == s}
    assert len(right) / len(found) >= 0.85, {c: s for c, s in found.items() if c not in right}
    assert len(right) / len(EXPECTED) >= 0.8, sorted(set(EXPECTED) - right)
    # the figures keep their numbers; the qualitative commitments are answered too
    assert "推动大规模设备更新和消费品以旧换新" in right
    assert any("集大原高铁" in c for c in right)
    assert sum(k.kind == "target" for k in links) == 8
    assert sum(k.kind in ("commitment", "task") for k in links) >= 6
    for link in links:  # the evidence on both sides, as offsets into each text
        assert 0 <= link.commitment_start < link.commitment_end
        assert 0 <= link.outcome_start < link.outcome_end
        assert _quote(link.outcome_evidence)


def test_track_cli(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from plangraph._resources import data_file

    assert main(["track", str(data_file("shanxi-2024.yaml")), str(corpus / "shanxi-2025.txt")]) == 0
    out = capsys.readouterr().out
    assert "煤炭先进产能占比" in out and "exceeded" in out
    # the evidence on both sides: document, quote, offsets into each text
    lines = out.splitlines()
    row = next(i for i, line in enumerate(lines) if line.split()[1:2] == ["煤炭先进产能占比"])
    assert lines[row + 1].split()[0] == "shanxi-2024:" and "煤炭先进产能占比" in lines[row + 1]
    assert lines[row + 2].split()[0] == "shanxi-2025:" and "–" in lines[row + 2]
    text = (corpus / "shanxi-2025.txt").read_text(encoding="utf-8")
    quote, offsets = lines[row + 2].split("「")[1].split("」")
    start, end = map(int, offsets.strip().split("–"))
    assert text[start:end] == quote
    # last, the pair's links counted by status, as many as the table has
    statuses = [line.split()[0] for line in lines[1:-1] if not line.startswith(" ")]
    counts = lines[-1].removeprefix("shanxi-2024 → shanxi-2025: ")
    assert counts.startswith(f"{len(statuses)} links (")
    for part in counts.split("(")[1].rstrip(")").split(", "):
        n, status = part.split()
        assert statuses.count(status) == int(n)


def test_track_output_cut_short_by_its_reader_is_not_an_error(corpus: Path) -> None:
    import subprocess
    import sys

    from plangraph._resources import data_file

    command = [sys.executable, "-m", "plangraph.cli", "track", str(data_file("shanxi-2024.yaml"))]
    shell = f"{' '.join(command)} {corpus / 'shanxi-2025.txt'} | true"  # reads nothing
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_promises_named_query_gives_the_links_from_a_built_graph(tmp_path: Path) -> None:
    import plangraph

    plan = tmp_path / "plan-2031.txt"
    plan.write_text(
        "2031年某某省政府工作报告\n二、2031年工作安排\n（一）扩大投资\n新建农村公路500公里。\n",
        encoding="utf-8",
    )
    report = tmp_path / "report-2032.txt"
    report.write_text(
        "2032年某某省政府工作报告\n一、2031年工作回顾\n（一）扩大投资\n新建农村公路480公里。\n",
        encoding="utf-8",
    )
    out = plangraph.build_to([plan, report], tmp_path / "out", html=False, jobs=1)
    table = plangraph.query(out.outputs[0], "promises")
    assert len(table) == 1
    row = table.iloc[0]
    assert str(row["status"]).endswith("NotMet")
    assert row["commitmentQuote"] == "新建农村公路500公里"
    assert row["outcomeQuote"] == "新建农村公路480公里"


def test_figures_for_several_years_are_not_held_against_one_years_target(tmp_path: Path) -> None:
    plan = "2031年某某省政府工作报告\n二、2031年工作安排\n新建农村公路4300公里。\n"
    review = (
        "2032年某某省政府工作报告\n一、2031年工作回顾\n五年来，全省新建农村公路2万公里。"
        "过去一年，新建农村公路4100公里。\n"
    )
    assert _statuses(tmp_path, plan, review) == {"新建农村公路": "not-met"}  # 4100, not 20000
    from plangraph.extraction import extract_text

    records = extract_text(review, "review-2032.txt", "0" * 64)
    years = {o.value: (o.period_start, o.period_end, o.year) for o in records.outcomes}
    assert years == {20000: (2027, 2031, 2031), 4100: (None, None, 2031)}  # 五年来: 2027–2031


# --- linking by indicator concept --------------------------------------------------------------


def _records(doc_id: str, year: int, targets: list[Target], outcomes: list[Outcome]) -> Records:
    source = Source(file=f"{doc_id}.txt", sha256="0" * 64, chars=1000)
    document = Document(id=doc_id, title=doc_id, year=year, source=source, region="340000")
    for i, q in enumerate([*targets, *outcomes]):
        q.id = q.id or f"q{i}"
        q.year = q.year or 2031
    return Records("plangraph-records/1", document, targets=targets, outcomes=outcomes)


def _fig(
    cls: type[Target] | type[Outcome],
    indicator: str,
    concept: str | None,
    value: float,
    unit: str = "PERCENT",
    **fields: object,
) -> Any:
    return cls(indicator=indicator, unit=unit, concept=concept, value=Decimal(str(value)), **fields)


def _links(targets: list[Target], outcomes: list[Outcome]) -> dict[str, tuple[str, str]]:
    """target indicator → (outcome indicator, status) of each link made."""
    plan, review = _records("plan-2031", 2031, targets, []), _records("r-2032", 2032, [], outcomes)
    by_id = {t.id: t.indicator for t in targets}
    return {
        by_id[k.commitment.rsplit("/", 1)[-1]]: (k.outcome_label, k.status)
        for k in link_documents(plan, review)
    }


def test_one_concept_links_figures_worded_apart() -> None:
    """经济增长 and 地区生产总值 share no wording, but one concept: linked, judged by it."""
    target = _fig(Target, "经济增长", "gdp-growth", 5, qualifier="About", growth=True)
    outcome = _fig(Outcome, "地区生产总值", "gdp-growth", 5.1, growth=True, year=2031)
    assert indicator_similarity("经济增长", "地区生产总值") < 0.7
    assert _links([target], [outcome]) == {"经济增长": ("地区生产总值", "met")}


def test_different_concepts_never_link_however_alike_their_wording() -> None:
    urban = _fig(Target, "城镇居民人均可支配收入", "urban-income-growth", 5, growth=True)
    rural = _fig(
        Target, "农村居民人均可支配收入", "rural-income-growth", 7, qualifier="About", growth=True
    )
    outcome = _fig(Outcome, "农村居民人均可支配收入", "rural-income-growth", 7.2, growth=True)
    assert indicator_similarity(urban.indicator, rural.indicator) >= 0.7
    assert _links([urban, rural], [outcome]) == {
        "农村居民人均可支配收入": ("农村居民人均可支配收入", "met")
    }
    stranger = _fig(Outcome, "城镇居民人均可支配收入", "disposable-income", 5.2, growth=True)
    assert _links([urban], [stranger]) == {}


def test_a_change_does_not_answer_a_level_of_one_concept() -> None:
    level = _fig(Target, "常住人口城镇化率", "urbanisation-rate", 62, qualifier="About")
    change = _fig(
        Outcome, "常住人口城镇化率", "urbanisation-rate", 1, "PercentagePoint", growth=True
    )
    assert _links([level], [change]) == {}
    assert _links([level], [_fig(Outcome, "城镇化率", "urbanisation-rate", 62.4)]) == {
        "常住人口城镇化率": ("城镇化率", "met")
    }


@pytest.mark.parametrize("concept", ["gdp-growth", None])
def test_a_one_year_target_never_links_to_a_five_year_figure(concept: str | None) -> None:
    """With concepts or by wording alike: 年均增长 over 十四五 is not the year's growth."""
    target = _fig(Target, "地区生产总值", concept, 5, qualifier="About", growth=True)
    five_years = _fig(
        Outcome,
        "地区生产总值",
        concept,
        5.5,
        growth=True,
        period_start=2027,
        period_end=2031,
        average=True,
    )
    assert _links([target], [five_years]) == {}
    one_year = _fig(Outcome, "地区生产总值", concept, 5.2, growth=True)
    assert _links([target], [five_years, one_year]) == {"地区生产总值": ("地区生产总值", "met")}


def test_without_a_concept_on_either_side_the_wording_decides() -> None:
    target = _fig(Target, "煤炭先进产能占比", None, 83)
    with_concept = _fig(Target, "森林覆盖率", "forest-coverage", 24, qualifier="About")
    outcomes = [
        _fig(Outcome, "煤炭先进产能占比", None, 85),
        _fig(Outcome, "森林覆盖率", None, 24.1),  # the target has a concept, the outcome none
    ]
    assert _links([target, with_concept], outcomes) == {
        "煤炭先进产能占比": ("煤炭先进产能占比", "exceeded"),
        "森林覆盖率": ("森林覆盖率", "met"),
    }


def test_the_concepts_direction_judges() -> None:
    """CPI涨幅 has none of the ceiling cue words; its concept says a price level is held: the
    target is a ceiling that 0.2 % meets (by the wording alone, a fall would be 'exceeded')."""
    target = _fig(Target, "CPI涨幅", "cpi-growth", 2, qualifier="About", growth=True)
    low = _fig(Outcome, "CPI涨幅", "cpi-growth", 0.2, growth=True)
    assert judge(target, low) == "met"
    target.concept = low.concept = None
    assert judge(target, low) == "exceeded"
    grain = _fig(Target, "粮食产量", "grain-output", 12_600_000_000, "KiloGM", qualifier="AtLeast")
    tonnes = _fig(Outcome, "粮食产量", "grain-output", 13_000_000, "TONNE")
    assert judge(grain, tonnes) == "reported"  # different units: not compared


# --- qualitative commitments and what the next report says became of them ---------------------

# Written for these tests; not from any real report.
PLAN_2025 = (
    "2025年某某省政府工作报告\n"
    "一、2024年工作回顾\n"
    "过去一年，东港大桥建成通车。\n"
    "二、2025年工作安排\n"
    "（一）扩大有效投资。开工建设青山水库，力争西湖隧道年底建成通车，加快红河新区建设，"
    "推动大规模设备更新和消费品以旧换新，积极创建国家“绿色港口”示范省。\n"
    "（二）增进民生福祉。办好10件民生实事。\n"
)
REPORT_2026 = (
    "2026年某某省政府工作报告\n"
    "一、2025年工作回顾\n"
    "过去一年，青山水库开工建设，西湖隧道建成通车，设备工器具投资增长11.2%，"
    "发放以旧换新补贴48.3亿元，国家“绿色港口”示范省获批，10件民生实事全部完成。"
    "南湖机场建成投运，东港大桥运营良好。\n"
    "二、“十四五”时期发展成就\n"
    "五年来，红河新区建成投用。\n"
    "三、2026年工作安排\n"
    "（一）扩大有效投资。加快南湖机场二期建设。\n"
)


def _pair(folder: Path, plan_part: str | None = None, review: str = "") -> tuple[Path, Path]:
    """The 2025 plan and the 2026 report: the two above, or a plan part and a review part each
    under its report's header."""
    plan, report = folder / "plan-2025.txt", folder / "report-2026.txt"
    if plan_part is None:
        plan.write_text(PLAN_2025, encoding="utf-8")
        report.write_text(REPORT_2026, encoding="utf-8")
    else:
        plan.write_text(
            f"2025年某某省政府工作报告\n二、2025年工作安排\n{plan_part}", encoding="utf-8"
        )
        report.write_text(
            f"2026年某某省政府工作报告\n一、2025年工作回顾\n{review}", encoding="utf-8"
        )
    return plan, report


def test_what_became_of_projects_and_qualitative_commitments(tmp_path: Path) -> None:
    from plangraph.pipeline.corpus import read_inputs

    links = link_corpus(read_inputs(list(_pair(tmp_path))))
    got = {(k.commitment_label, k.outcome_label): (k.kind, k.status) for k in links}
    assert got == {
        ("办好民生实事", "民生实事全部完成"): ("target", "met"),
        ("青山水库", "青山水库"): ("project", "started"),  # 开工建设
        ("西湖隧道", "西湖隧道"): ("project", "finished"),  # 建成通车
        # the standard measure of the one, the trade-in subsidy of the other
        ("大规模设备更新和消费品以旧换新", "设备工器具投资增长11.2%"): ("commitment", "reported"),
        ("大规模设备更新和消费品以旧换新", "发放以旧换新补贴48.3亿元"): ("commitment", "reported"),
        ("国家“绿色港口”示范省", "国家“绿色港口”示范省"): ("commitment", "approved"),
    }
    # not linked: 南湖机场 (named first in the later report), 东港大桥 (named in the earlier
    # report's review, not in its plan) and 红河新区 (said only in the five-year review)


def test_every_link_carries_the_evidence_on_both_sides(tmp_path: Path) -> None:
    from plangraph.pipeline.corpus import read_inputs

    links = link_corpus(read_inputs(list(_pair(tmp_path))))
    assert links
    for k in links:
        said = PLAN_2025[k.commitment_start : k.commitment_end]
        told = REPORT_2026[k.outcome_start : k.outcome_end]
        assert said and k.commitment_evidence.startswith(f"「{said}」")
        assert told and k.outcome_evidence.startswith(f"「{told}」")
        assert PLAN_2025.index("二、2025年工作安排") < k.commitment_start  # the plan part
        assert k.outcome_end <= REPORT_2026.index("二、“十四五”")  # the review part


def test_linking_twice_gives_the_same_links(tmp_path: Path) -> None:
    from plangraph.pipeline.corpus import read_inputs

    earlier, later = read_inputs(list(_pair(tmp_path)))
    first = link_documents(earlier, later)
    assert link_documents(earlier, later) == first


def test_events_in_the_records_report_on_the_commitments(tmp_path: Path) -> None:
    from plangraph.pipeline.corpus import read_inputs

    earlier, later = read_inputs(list(_pair(tmp_path)))
    link_documents(earlier, later)
    answered = {e.object: (e.reports, e.status) for e in later.events if e.reports}
    reports, status = answered["国家“绿色港口”示范省"]
    assert status == "approved" and reports[0].startswith("commitment/plan-2025/")
    n = int(reports[0].rsplit("/", 1)[1])
    assert earlier.commitments[n - 1].object == "国家“绿色港口”示范省"
    planned = {o.indicator: o.reports for o in later.outcomes if o.reports}
    assert "南湖机场" not in planned and "东港大桥" not in planned  # no earlier commitment


def test_a_review_sentence_repeating_the_plan_is_its_topic_not_an_answer(tmp_path: Path) -> None:
    plan = "2025年某某省政府工作报告\n二、2025年工作安排\n加快山区海岛县高质量发展。\n"
    report = (
        "2026年某某省政府工作报告\n一、2025年工作回顾\n加快山区海岛县高质量发展。"
        "3个县调出山区海岛县序列。\n"
    )
    assert _statuses(tmp_path, plan, report) == {
        "山区海岛县高质量发展": "reported"  # the result, not the repeated words
    }


def test_unreported_commitments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, report = _pair(tmp_path)
    plan.write_text(PLAN_2025.replace("办好10件民生实事", "开工建设北岭隧道"), encoding="utf-8")
    assert main(["track", "--unreported", str(plan), str(report)]) == 0
    out = capsys.readouterr().out
    assert "plan-2025 → report-2026: 1 not reported" in out
    assert "北岭隧道" in out and "青山水库" not in out
    assert main(["track", "--unreported", "--format", "csv", str(plan), str(report)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "earlier,later,kind,step,commitment,evidence"
    assert rows[1].startswith("plan-2025,report-2026,project,start,北岭隧道,")


def test_scoring_against_a_check_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, report = _pair(tmp_path)

    def span(text: str, quote: str) -> str:
        start = text.index(quote)
        return f'{{start: {start}, end: {start + len(quote)}, quote: "{quote}"}}'

    gold = tmp_path / "pair.yaml"
    gold.write_text(
        "format: plangraph-gold-links/1\nearlier: plan-2025.txt\nlater: report-2026.txt\nlinks:\n"
        f"  - plan: {span(PLAN_2025, '开工建设青山水库')}\n"
        f"    review: {span(REPORT_2026, '青山水库开工建设')}\n"
        "    kind: project\n    status: started\n"
        f"  - plan: {span(PLAN_2025, '加快红河新区建设')}\n"
        f"    review: {span(REPORT_2026, '红河新区建成投用')}\n"
        "    kind: qualitative\n    status: finished\n"
        "unreported: []\n",
        encoding="utf-8",
    )
    assert main(["track", "--gold", str(gold), "--reports", str(tmp_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == [
        "pair",
        "gold",
        "pred",
        "right",
        "found",
        "precision",
        "recall",
        "status",
    ]
    # 6 links made, 1 of them in the check set; 1 of its 2 links found (红河新区 is said only
    # in the five-year review: no tool may use it)
    assert table[1].split() == ["pair", "2", "6", "1", "1", "0.167", "0.500", "1.000"]
    assert main(["track", "--gold", str(gold), "--reports", str(tmp_path), "--errors"]) == 0
    assert "missed  finished  「加快红河新区建设」" in capsys.readouterr().out


def test_two_readers_check_sets_and_tracking_against_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _pair(tmp_path)

    def check_set(folder: str, links: list[tuple[str, str]]) -> Path:
        lines = ["format: plangraph-gold-links/1", "earlier: plan-2025.txt"]
        lines += ["later: report-2026.txt", "links:"]
        for said, told in links:
            a, b = PLAN_2025.index(said), REPORT_2026.index(told)
            lines.append(f'  - plan: {{start: {a}, end: {a + len(said)}, quote: "{said}"}}')
            lines.append(f'    review: {{start: {b}, end: {b + len(told)}, quote: "{told}"}}')
            lines.append("    kind: qualitative\n    status: reported")
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "pair.yaml"
        path.write_text("\n".join(lines) + "\nunreported: []\n", encoding="utf-8")
        return path

    first = check_set(
        "first",
        [("开工建设青山水库", "青山水库开工建设"), ("加快红河新区建设", "红河新区建成投用")],
    )
    second = check_set(
        "second", [("青山水库", "青山水库开工建设"), ("西湖隧道", "西湖隧道建成通车")]
    )
    args = ["track", "--gold", str(first), "--second", str(second.parent), "--reports"]
    assert main([*args, str(tmp_path)]) == 0
    row = capsys.readouterr().out.splitlines()[1].split()
    # one link both readers made (the reservoir), found; the tunnel only the second reader
    # made: a right link all the same; 4 of the 6 links made are neither reader's
    assert row == ["pair", "2", "2", "1", "(0.50)", "1", "(0.50)", "6", "2", "1", "0.333", "1.000"]
    (tmp_path / "third").mkdir()
    second.rename(tmp_path / "third" / "another.yaml")
    assert main([*args[:-2], str(tmp_path / "third"), "--reports", str(tmp_path)]) == 2
    assert "the second reader has no check set of this pair" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gold", "x.yaml"], "--gold needs --reports"),
        ([], "give the reports to track"),
        (["--second", "x.yaml"], "--second goes with --gold"),
    ],
)
def test_track_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["track", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_check_set_of_another_form_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: plangraph-gold/1\n", encoding="utf-8")
    assert main(["track", "--gold", str(bad), "--reports", str(tmp_path)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_the_same_thing_in_another_city_is_not_the_promise(tmp_path: Path) -> None:
    plan = "2025年安徽省政府工作报告\n二、2025年工作安排\n申建合肥陆港保税物流中心（B型）。\n"
    other = "2026年安徽省政府工作报告\n一、2025年工作回顾\n滁州保税物流中心（B型）获批设立。\n"
    assert _statuses(tmp_path, plan, other) == {}
    same = other.replace("滁州", "合肥陆港")
    assert _statuses(tmp_path, plan, same) == {"合肥陆港保税物流中心（B型）": "approved"}


def _labels(folder: Path, plan: str, review: str) -> set[tuple[str, str, str]]:
    """The links of a plan part to a review part: (commitment, what the review says, status)."""
    from plangraph.pipeline.corpus import read_inputs

    paths = []
    head = (
        "2025年某某省政府工作报告\n二、2025年工作安排\n",
        "2026年某某省政府工作报告\n一、2025年工作回顾\n",
    )
    for name, text, top in (("plan-2025.txt", plan, head[0]), ("review-2026.txt", review, head[1])):
        paths.append(folder / name)
        paths[-1].write_text(top + text + "\n", encoding="utf-8")
    links = link_corpus(read_inputs(paths))
    return {(k.commitment_label, k.outcome_label, k.status) for k in links}


def test_a_standard_measure_answers_however_short_its_words(tmp_path: Path) -> None:
    """入境游客 is four characters, too few for a shared stretch to be sure; as the standard
    measure of 入境游 (data/commitments.yaml) it answers."""
    got = _labels(tmp_path, "扩大入境游规模。", "接待入境游客340万人次。")
    assert got == {("入境游规模", "接待入境游客340万人次", "reported")}
    got = _labels(tmp_path, "开展规范涉企执法专项行动。", "全省涉企检查事项精简26.8%。")
    assert {told for _, told, _ in got} == {"涉企检查事项精简26.8%"}


def test_a_topic_sentence_is_not_the_answer_its_next_sentence_gives(tmp_path: Path) -> None:
    review = "加强生态系统和生物多样性保护。率先完成县域生物多样性调查，共记录生物物种1.36万种。"
    got = _labels(tmp_path, "加强生物多样性保护。", review)
    assert {told for _, told, _ in got} == {"县域生物多样性调查"}


def test_a_slogan_said_again_reports_nothing(tmp_path: Path) -> None:
    assert _labels(tmp_path, "建强开放枢纽。", "建强开放枢纽。北极航线成功首航。") == set()


def test_building_is_not_answered_by_a_figure_of_use(tmp_path: Path) -> None:
    plan = "推动杭州萧山国际机场四期尽早开工建设。"
    assert _labels(tmp_path, plan, "杭州萧山国际机场旅客吞吐量突破5000万人次。") == set()
    assert _labels(tmp_path, plan, "杭州萧山国际机场四期开工建设。") != set()


def test_a_standard_measure_of_some_listed_things_is_not_of_the_whole(tmp_path: Path) -> None:
    """出口 measures 稳外贸; the exports of three named goods sharing one figure do not."""
    listed = "新能源汽车、光伏产品、锂电池“新三样”出口增长69.4%。"
    assert _labels(tmp_path, "着力稳外贸。", listed) == set()
    assert _labels(tmp_path, "着力稳外贸。", "外贸出口增长7.2%。") == {
        ("稳外贸", "外贸出口增长7.2%", "reported")
    }


def test_a_standard_measure_answers_beside_a_longer_stretch(tmp_path: Path) -> None:
    """A review piece naming the commitment's object, and elsewhere its standard measure: the
    figure answers too."""
    review = "成都国际航空枢纽功能持续增强。旅客吞吐量突破9000万人次。"
    got = _labels(tmp_path, "支持成都打造国际航空枢纽。", review)
    assert {told for _, told, _ in got} == {
        "成都国际航空枢纽功能持续增强",
        "旅客吞吐量突破9000万人次",
    }


def test_a_name_only_the_review_quotes_is_new(tmp_path: Path) -> None:
    """跑起来 in quotes names a new programme of the review, not the plan's words; a part of a
    name the plan quotes, quoted again in the review, is the plan's programme."""
    review = "新增8个国家公共数据“跑起来”示范场景。"
    assert _labels(tmp_path, "让孩子们跑起来。", review) == set()
    plan = "推进“三医联动、六医协同”集成改革。"
    got = _labels(tmp_path, plan, "高校“两优”、“三医联动”等改革稳步推进。")
    assert {said for said, _, _ in got} == {"“三医联动、六医协同”集成改革"}


def test_a_piece_framing_the_sentence_commits_to_nothing(tmp_path: Path) -> None:
    plan = "作为长江黄河上游生态大省，全力推进美丽四川建设。"
    review = "筑牢长江黄河上游生态屏障，PM2.5平均浓度降至28.5微克每立方米。"
    assert _labels(tmp_path, plan, review) == set()


def test_short_forms_are_read_in_full(tmp_path: Path) -> None:
    got = _labels(tmp_path, "做深做实县域“教共体”。", "城乡义务教育共同体建设全省域推进。")
    assert {said for said, _, _ in got} == {"做深做实县域“教共体”"}


def test_progress_made_is_a_result(tmp_path: Path) -> None:
    """取得新成效 says what came of a commitment as a figure would; a review piece that only
    names the thing again does not."""
    plan = "深化东西部协作和对口支援。"
    got = _labels(tmp_path, plan, "跨越山海的闽宁东西部协作取得新成效。")
    assert {(said, told) for said, told, _ in got} == {
        ("东西部协作和对口支援", "跨越山海的闽宁东西部协作取得新成效")
    }
    assert _labels(tmp_path, plan, "跨越山海的闽宁东西部协作。") == set()
    many = "外事、侨务、档案、气象、跨越山海的浙川东西部协作等工作取得新进展。"  # of none
    assert _labels(tmp_path, plan, many) == set()


def test_a_commitment_the_review_names_too_loosely_to_link_is_not_called_unreported(
    tmp_path: Path,
) -> None:
    from plangraph.pipeline.corpus import read_inputs

    plan, report = _pair(
        tmp_path,
        "开工建设北岭东山隧道。开工建设南港西湾大桥。\n",
        "北岭东山片区开发有序推进。\n",
    )
    earlier, later = read_inputs([plan, report])
    assert not link_documents(earlier, later)  # four characters shared, no result: no link
    silent = {c.object for c in unreported(earlier, later)}
    # but the review does speak of 北岭东山: only the bridge it never names is the story
    assert silent == {"南港西湾大桥"}
    # the graph says so too: the event mentions the tunnel, and the named query agrees
    from plangraph import query

    out = tmp_path / "out"
    assert main(["build", "-q", "--no-html", "-o", str(out), str(plan), str(report)]) == 0
    graph = out / "graph.trig"
    mentioned = query(graph, "SELECT ?c WHERE { GRAPH ?g { ?e pg:mentions ?c } }")
    assert len(mentioned) == 1
    assert set(query(graph, "unreported")["label"].map(str)) == {"南港西湾大桥"}


@pytest.mark.parametrize(
    ("phrase", "full"),
    [
        ("加快通航示范省建设", True),  # general aviation
        ("通航产业园", True),
        ("亳州机场建成通航", False),  # opened to flights: a step, not general aviation
        ("航道全线通航", False),
    ],
)
def test_a_short_form_is_read_in_full_only_where_it_is_one(phrase: str, full: bool) -> None:
    from plangraph.pipeline.anchors import normalise

    assert ("通用航空" in normalise(phrase)) is full


def test_a_count_of_things_held_reports_on_a_commitment_that_promised_no_step(
    tmp_path: Path,
) -> None:
    plan = "繁荣演艺经济。办好青山音乐节。\n"
    review = "举办营业性演出273场。青山音乐节成功举办。\n"
    assert _answered(tmp_path, plan, review) == {
        "繁荣演艺经济": "reported",  # the shows counted do not finish an economy
        "青山音乐节": "finished",  # the festival promised, held
    }


def test_of_two_commitments_naming_a_thing_the_one_promising_the_step_is_answered(
    tmp_path: Path,
) -> None:
    plan = "出台青山人才新政。开展青山人才新政宣讲。\n"
    review = "青山人才新政正式出台。\n"
    assert _answered(tmp_path, plan, review) == {"青山人才新政": "finished"}


def test_each_project_of_a_list_is_answered_or_left_unreported_on_its_own(
    tmp_path: Path,
) -> None:
    from plangraph.pipeline.corpus import read_inputs

    plan, report = _pair(
        tmp_path,
        "加快青山至白水铁路、北岭东山隧道、南港西湾大桥等重大交通项目建设。\n",
        "北岭东山隧道建成通车。\n",
    )
    earlier, later = read_inputs([plan, report])
    projects = {c.object: c.kind for c in earlier.commitments if c.kind == "project"}
    assert projects == {
        "青山至白水铁路": "project",
        "北岭东山隧道": "project",
        "南港西湾大桥": "project",
    }
    links = link_documents(earlier, later)
    assert {k.commitment_label: k.status for k in links} == {"北岭东山隧道": "finished"}
    # the tunnel answered does not answer the railway and the bridge listed beside it
    silent = {c.object for c in unreported(earlier, later)}
    assert silent == {"青山至白水铁路", "南港西湾大桥"}


def test_each_figure_of_a_piece_is_answered_or_left_unreported_on_its_own(
    tmp_path: Path,
) -> None:
    """A piece promising two counts, the review answering the second: the first is unreported,
    and the named query of a built graph says so as tracking does."""
    from plangraph import query
    from plangraph.pipeline.corpus import read_inputs

    plan, report = _pair(
        tmp_path,
        "加快培育5个青山先进制造业集群和3个白水战略性新兴产业集群。\n",
        "新增3个白水战略性新兴产业集群。\n",
    )
    earlier, later = read_inputs([plan, report])
    figures = [c.evidence[0].quote for c in earlier.commitments if c.kind == "target"]
    assert figures == ["加快培育5个青山先进制造业集群", "3个白水战略性新兴产业集群"]
    assert [k.status for k in link_documents(earlier, later)] == ["met"]
    silent = [c.evidence[0].quote for c in unreported(earlier, later)]
    assert silent == ["加快培育5个青山先进制造业集群"]
    out = tmp_path / "out"
    assert main(["build", "-q", "--no-html", "-o", str(out), str(plan), str(report)]) == 0
    named = query(out / "graph.trig", "unreported")
    assert list(named["quote"].map(str)) == silent


def test_one_round_of_a_thing_left_unsaid_is_unreported(tmp_path: Path) -> None:
    from plangraph.pipeline.corpus import read_inputs

    plan, report = _pair(
        tmp_path,
        "按照省第九次党代会部署，扎实开展第四次全国文物普查。深化青山零基预算改革。"
        "深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。\n",
        "地区生产总值增长5%。\n",
    )
    earlier, later = read_inputs([plan, report])
    # the census is one thing one can look for; the party congress frames, and the pledges of
    # loyalty (quoted, but said in every report) commit to nothing
    assert {c.object for c in unreported(earlier, later)} == {"第四次全国文物普查"}
    from plangraph import query

    out = tmp_path / "out"
    assert main(["build", "-q", "--no-html", "-o", str(out), str(plan), str(report)]) == 0
    named = query(out / "graph.trig", "unreported")
    assert set(named["label"].map(str)) == {"第四次全国文物普查"}  # the named query agrees


def test_a_slogan_in_quotes_is_no_programme_left_unsaid(tmp_path: Path) -> None:
    from plangraph import query
    from plangraph.pipeline.corpus import read_inputs

    plan, report = _pair(
        tmp_path,
        "坚持和发展新时代“青山经验”。耕好“责任田”，打好政策“组合拳”。实施“白水银龄行动”。"
        "严格落实“三管三必须”责任。以“时时放心不下”的责任感抓好安全生产。"
        "为实现“十五五”良好开局打牢基础。编制“十五五”规划。推进“好房子”建设。\n",
        "地区生产总值增长5%。\n",
    )
    earlier, later = read_inputs([plan, report])
    # a stance, a metaphor, a period are said, not done; a programme, a plan, a kind of house
    silent = {c.object for c in unreported(earlier, later)}
    assert silent == {"白水银龄行动", "编制“十五五”规划", "好房子"}
    out = tmp_path / "out"
    assert main(["build", "-q", "--no-html", "-o", str(out), str(plan), str(report)]) == 0
    assert set(query(out / "graph.trig", "unreported")["label"].map(str)) == silent


def test_the_named_query_spells_out_the_slogans_of_the_data() -> None:
    from plangraph.pipeline.track import _slogans
    from plangraph.sparql.catalogue import named_query

    rq = named_query("unreported").text
    assert f'REPLACE(?quote, "{_slogans().pattern}", "")' in rq


@pytest.mark.parametrize(
    ("plan", "review", "answered"),
    [
        pytest.param(
            "办好第二十届青山博览会。\n",
            "第二十届青山博览会成功举办。\n",
            {"第二十届青山博览会": "finished"},
            id="the_twentieth_fair_is_a_commitment_not_words_about_the_party",
        ),
        # the fair without its edition is the fair; a shared 第七届 alone names nothing
        pytest.param(
            "办好第二十届青山会、全球商会大会等重大活动。办好第七届旅游产业发展大会。\n",
            "务实办好青山会、项目签约100亿元。第七届红河论坛成功举办。\n",
            {"第二十届青山会、全球商会大会等重大活动": "finished"},
            id="an_edition_says_which_time_not_which_thing",
        ),
        pytest.param(
            "严控“三公”经费。\n",
            "“三公”经费连续5年只减不增。\n",
            {"严控“三公”经费": "met"},
            id="only_down_never_up_confirms_a_cut_promised",
        ),
        pytest.param(
            "支持青山特别行政区政府依法施政。\n",
            "向青山特别行政区同胞和海外侨胞，表示衷心感谢！\n",
            {},
            id="the_thanks_that_close_a_review_answer_nothing",
        ),
        pytest.param(
            "推动居民收入增长和经济增长同步。\n",
            "全体居民人均可支配收入增长5.1%。\n",
            {"居民收入增长和经济增长同步": "met"},
            id="residents_income_is_measured_by_disposable_income",
        ),
        # the income that grew answers the growth promised, not the channels widened
        pytest.param(
            "拓宽居民收入渠道。推动居民收入增长和经济增长同步。\n",
            "居民人均可支配收入增长5.1%。\n",
            {"居民收入增长和经济增长同步": "met"},
            id="a_standard_measure_answers_the_holder_promising_its_direction",
        ),
        # unit 6 is not the unit 5 promised
        pytest.param(
            "加快青山核电5号机组、红河大桥、白沙港区3号泊位等项目建设。\n",
            "青山核电6号机组、黑水高速等项目开工建设。\n",
            {},
            id="two_units_of_one_name_are_two_things",
        ),
        pytest.param(
            "今年发展面临的困难更多，外部环境的不稳定不确定因素很多。\n",
            "外部环境不稳定不确定因素明显增加。\n",
            {},
            id="words_about_the_situation_are_no_commitment",
        ),
        # 面对…: what the year was like
        pytest.param(
            "着力破解“三期叠加”难题。\n",
            "面对“三期叠加”的局面，我们迎难而上。\n",
            {},
            id="a_review_piece_framing_the_year_answers_nothing",
        ),
        pytest.param(
            "开工建设太原至忻州铁路。\n",
            "太忻铁路开工建设。\n",
            {"太原至忻州铁路": "started"},
            id="a_line_named_by_its_ends_is_the_line_promised",
        ),
        pytest.param(
            "坚决遏制重特大安全事故发生。\n",
            "全年未发生重大及以上安全事故。\n",
            {"遏制重特大安全事故发生": "met"},
            id="no_major_accident_confirms_the_promise_to_prevent_them",
        ),
        pytest.param(
            "推动供气价格下降3分/立方米。\n",
            "PM2.5平均浓度降至25微克/立方米。\n",
            {},
            id="a_unit_of_measure_names_no_thing",
        ),
        pytest.param(
            "坚持以降低PM2.5浓度为主线。\n",
            "PM2.5平均浓度降至28.5微克/立方米。\n",
            {"以降低PM2.5浓度为主线": "met"},
            id="a_concentration_that_fell_meets_the_cut_promised",
        ),
        # the chains moved on; the six programmes did, not each industry listed before them
        pytest.param(
            "加快推动重点产业建圈强链。推动人工智能、航空航天产业发展。\n",
            "产业建圈强链加快推进。人工智能、航空航天、先进装备等六大专项深入实施。\n",
            {"重点产业建圈强链": "reported"},
            id="a_thing_named_first_that_moved_on_is_reported",
        ),
        # the petitions that fell answer the petitions work, not the hotline a word of it names
        pytest.param(
            "对热线、舆情信访等反映的急难愁盼及时回应。纵深推进信访工作法治化。\n",
            "信访总量下降12%。\n",
            {"信访工作法治化": "reported"},
            id="a_standard_measure_answers_the_holder_named_by_its_words",
        ),
        pytest.param(
            "建设3个省级文化生态保护区。\n",
            "青山国家级文化生态保护区获批设立。\n",
            {},
            id="a_national_thing_does_not_answer_a_provincial_promise",
        ),
        pytest.param(
            "建设5处省级以上考古遗址公园。\n",
            "青山国家考古遗址公园挂牌。\n",
            {"5处省级以上考古遗址公园": "reported"},
            id="provincial_or_above_takes_a_national_one",
        ),
        # one piece, two figures: the review speaks of the farms, not of the list
        pytest.param(
            "新建5个青山智慧农场和3个白水数字牧场。\n",
            "青山智慧农场建设全面铺开。\n",
            {"5个青山智慧农场": "reported"},
            id="what_the_review_says_of_one_figure_of_a_list_is_said_of_it",
        ),
        # 经济 alone is generic; after a word naming which, it is a field's name
        pytest.param(
            "积极发展首发经济、银发经济。\n",
            "研究出台首发经济、健康消费等方面促消费政策29项。\n",
            {"首发经济、银发经济": "reported"},
            id="a_field_named_by_its_head_counts_the_head",
        ),
        pytest.param(
            "提高城乡居民医保财政补助标准。\n",
            "基础养老金、居民医保、城乡低保、重度残疾人护理补贴等稳步提标。\n",
            {"城乡居民医保财政补助标准": "met"},
            id="medical_insurance_is_a_field_named_by_its_head",
        ),
        pytest.param(
            "推动经济持续回升向好。\n",
            "经济运行总体平稳。\n",
            {},
            id="the_economy_alone_names_no_field",
        ),
        # 发展 is a generic word, but not inside a name both sides quote
        pytest.param(
            "整合提升“发展飞地”。\n",
            "山海协作双向“发展飞地”建设加快推进。\n",
            {"整合提升“发展飞地”": "reported"},
            id="a_name_both_sides_quote_counts_every_character",
        ),
        pytest.param(
            "整合提升发展飞地。\n",
            "山海协作双向发展飞地建设加快推进。\n",
            {},
            id="unquoted_the_generic_word_counts_for_nothing",
        ),
        # a figure without a number of its own: the soil stayed as it was
        pytest.param(
            "强化受污染农用地土壤污染溯源整治。\n",
            "土壤环境质量保持稳定。\n",
            {"受污染农用地土壤污染溯源整治": "reported"},
            id="a_trend_of_a_standard_measure_reports_on_the_holder",
        ),
        pytest.param(
            "强化受污染农用地土壤污染溯源整治。\n",
            "土壤污染防治宣传覆盖城乡。\n",
            {},
            id="a_standard_measure_without_a_result_answers_nothing",
        ),
        # intensity is not growth
        pytest.param(
            "研发投入强度达3.3%左右。\n",
            "研发经费投入增长15.6%。\n",
            {},
            id="a_target_is_answered_by_its_own_figure_not_a_standard_measure",
        ),
    ],
)
def test_what_a_review_piece_answers(
    tmp_path: Path, plan: str, review: str, answered: dict[str, str]
) -> None:
    """A plan part and a review part of one sentence or two, and the commitments the review
    answers, with their statuses."""
    assert _answered(tmp_path, plan, review) == answered


def test_the_very_count_promised_links_figures_worded_loosely() -> None:
    """320 个 promised and 320 个 reported, the wording sharing only 共建…项目: the same count
    of a year's promise is its result; another count of that wording is not."""
    target = _fig(Target, "实施年度共建项目", None, 320, unit="NUM", classifier="个")
    same, other = (
        _fig(Outcome, "公共服务等领域共建重点项目", None, n, "NUM", classifier="个", year=2031)
        for n in (320, 290)
    )
    assert indicator_similarity(target.indicator, same.indicator) < 0.5
    assert _links([target], [same]) == {"实施年度共建项目": ("公共服务等领域共建重点项目", "met")}
    assert _links([target], [other]) == {}
    # a round sum of money recurs by chance: 1000 亿元 of one fund is not 1000 亿元 of another
    fund = _fig(Target, "中央财政", None, 1e11, "CCY_CNY")
    aid = _fig(Outcome, "全国财政专项扶贫资金投入", None, 1e11, "CCY_CNY", year=2031)
    assert _links([fund], [aid]) == {}


def test_two_lists_of_the_same_things_are_one_indicator() -> None:
    """燃气、供排水等老化管道 and 燃气、排水、供水管网改造 name the same networks in other words:
    most items of one list are alike to items of the other."""
    plan, review = "更新改造燃气、供排水等老化管道", "完成燃气、排水、供水管网改造"
    assert indicator_similarity(plan, review) >= 0.5
    assert indicator_similarity("供排水等老化管道", "供水管网改造") == 0  # one list only
    target = _fig(Target, plan, None, 6000, "KiloM", qualifier="AtLeast")
    outcome = _fig(Outcome, review, None, 9436, "KiloM", year=2031)
    assert _links([target], [outcome]) == {plan: (review, "exceeded")}
