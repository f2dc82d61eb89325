"""Which concept a figure measures: every headline target of the truth, and common figures that
have no concept (None, not a wrong one)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from plangraph.extraction.concepts import concept_for, tie_concepts
from plangraph.vocab.indicators import indicators

TRUTH = Path(__file__).parent / "truth" / "headline-targets.yaml"

# a figure as written in a quote: a number, or a range of two (5%—5.5%), not digits in a name
_FIGURE = re.compile(
    r"(?<![A-Za-z_.\d])\d+(?:\.\d+)?(?:\s*[%％]?\s*[—–\-－~～]\s*\d+(?:\.\d+)?)?(?![\d.A-Za-z])"
)
# what one written number may be in records: as written, ×万, ×亿, 亿斤 (× 0.5 × 10⁸), ×万亿
_FACTORS = (1, 10**4, 10**8, 5 * 10**7, 10**12)


def _items() -> list[tuple[str, dict[str, Any]]]:
    truth = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    return [
        (f"{path}:{item['start']}:{item['concept']}", item)
        for path, doc in truth.items()
        for kind in ("targets", "outcomes")
        for item in doc[kind] or []
    ]


ITEMS = _items()


def _figure(item: dict[str, Any]) -> re.Match[str]:
    """The item's own figure in its quote: the last one if its value fits, else the first that
    does (城乡居民人均可支配收入分别增长5%和7%左右 holds the urban 5 % and the rural 7 %)."""
    want = Decimal(str(item.get("value", item.get("min"))))
    figures = list(_FIGURE.finditer(item["quote"]))

    def fits(found: re.Match[str]) -> bool:
        number = Decimal(re.match(r"\d+(?:\.\d+)?", found.group()).group())  # type: ignore[union-attr]
        return any(number * factor == want for factor in _FACTORS)

    if figures and fits(figures[-1]):
        return figures[-1]
    return next(f for f in figures if fits(f))


def test_the_truth_is_all_here() -> None:
    provinces = [i for key, i in ITEMS if key.startswith("provinces-")]
    national = [i for key, i in ITEMS if key.startswith("national/")]
    assert (len(provinces), len(national)) == (359, 16)


@pytest.mark.parametrize(("key", "item"), ITEMS, ids=[key for key, _ in ITEMS])
def test_every_headline_figure_gets_its_concept(key: str, item: dict[str, Any]) -> None:
    """The indicator as the text has it before the figure (earlier figures of a list
    included), with the unit and whether the figure is a change."""
    quote = item["quote"]
    figure = _figure(item)
    found = concept_for(quote[: figure.start()], unit=item["unit"], growth=item["growth"])
    assert found == item["concept"], quote


@pytest.mark.parametrize(("key", "item"), ITEMS, ids=[key for key, _ in ITEMS])
def test_every_headline_figure_gets_its_concept_from_the_sentence(
    key: str, item: dict[str, Any]
) -> None:
    """The indicator as it stands before the first figure, the sentence up to this figure as
    context: a list's place comes from the sentence."""
    quote = item["quote"]
    first, figure = next(_FIGURE.finditer(quote)), _figure(item)
    found = concept_for(
        quote[: first.start()],
        unit=item["unit"],
        growth=item["growth"],
        context=quote[: figure.end()],
    )
    assert found == item["concept"], quote


@pytest.mark.parametrize(
    ("indicator", "unit", "growth"),
    [
        ("新建农村公路", "KiloM", False),  # no concept has this wording
        ("新增高速公路通车里程", "KiloM", False),
        ("改造老旧燃气管网", "KiloM", False),  # not 改造老旧小区
        ("新建5G基站", "NUM", False),
        ("城镇新增就业困难人员", "NUM", False),  # the wording runs on into another name
        ("高技术制造业增加值占规上工业增加值比重", "PERCENT", False),
        ("数字经济增长", "PERCENT", True),  # 经济增长 inside, not at the start
        ("研发经费投入", "CCY_CNY", False),  # the amount: only its growth and intensity are here
        ("社会消费品零售总额", "CCY_CNY", False),
        ("城镇居民人均可支配收入", "CCY_CNY", False),
        ("城乡居民人均可支配收入", "PERCENT", True),  # two concepts, no 分别: which one?
        ("粮食产量", "PERCENT", False),  # a percent is not a mass, nor is it a change here
        ("城镇新增就业", "PERCENT", False),
        ("地区生产总值", "NUM", False),
        ("进出口总额占全国比重", "PERCENT", False),
        ("比上年增长", "PERCENT", True),  # no indicator at all
        ("", "PERCENT", True),
    ],
)
def test_figures_without_a_concept_get_none(indicator: str, unit: str, growth: bool) -> None:
    assert concept_for(indicator, unit=unit, growth=growth) is None


@pytest.mark.parametrize(
    ("indicator", "unit", "growth", "context", "concept"),
    [
        ("地区生产总值", "PERCENT", True, "", "gdp-growth"),  # the change word left out
        ("全省地区生产总值", "CCY_CNY", False, "", "gdp"),  # region word, and the level
        ("我省粮食产量", "KiloGM", False, "", "grain-output"),
        ("完成植树造林", "Mu", False, "", "afforestation"),  # a lead word before a wording met
        ("一般公共预算收入", "PERCENT", True, "", "fiscal-revenue-growth"),
        ("一般公共预算收入", "CCY_CNY", False, "", "fiscal-revenue"),
        ("旅游总收入", "PERCENT", True, "", "tourism-spending-growth"),  # NAME → NAME-growth
        ("农村低保标准", "PERCENT", True, "", "subsistence-allowance-standard"),  # stays
        ("常住人口城镇化率", "PercentagePoint", True, "", "urbanisation-rate"),
        ("居民人均可支配收入", "CCY_CNY", False, "", "disposable-income"),
        ("ＰＭ２．５平均浓度", "MicroGM-PER-M3", False, "", "pm25"),  # full-width forms
        ("全年为企业减负", "CCY_CNY", False, "", "business-burden-relief"),
        ("为经营主体减负", "CCY_CNY", False, "", "business-burden-relief"),
        ("城镇调查失业率", "PERCENT", False, "城镇调查失业率控制在5%以内", "unemployment-rate"),
        # the extractor may lose the change of a second figure: the sentence has it
        ("地区生产总值", "PERCENT", False, "地区生产总值增长7%以上、力争达到8%", "gdp-growth"),
        # an indicator cut out of a list's wording: the list in the sentence decides
        (
            "二产",
            "PERCENT",
            True,
            "一产、二产、三产增加值分别增长5%左右、6%",
            "secondary-industry-value-added-growth",
        ),
        ("城镇", "PERCENT", True, "城镇、农村居民人均可支配收入分别增长5%", "urban-income-growth"),
    ],
)
def test_figures_beyond_the_headlines(
    indicator: str, unit: str, growth: bool, context: str, concept: str
) -> None:
    assert concept_for(indicator, unit=unit, growth=growth, context=context) == concept


def test_every_wording_of_the_scheme_finds_its_concept() -> None:
    """A wording as it is, in a unit of its concept (a change in percent for a growth)."""
    wrong = []
    for concept in indicators():
        unit = "PERCENT" if concept.is_change else concept.units[0]
        for wording in concept.wordings:
            found = concept_for(wording, unit=unit, growth=concept.is_change)
            if found != concept.name:
                wrong.append((wording, concept.name, found))
    assert wrong == []


@given(st.text(max_size=40), st.sampled_from(["PERCENT", "NUM", "CCY_CNY"]), st.booleans())
def test_never_fails_on_any_text(indicator: str, unit: str, growth: bool) -> None:
    found = concept_for(indicator, unit=unit, growth=growth, context=indicator)
    assert found is None or found in indicators()


def test_tie_concepts_fills_the_figures_of_records_from_their_clauses() -> None:
    from plangraph.records.model import Document, Outcome, Records, Source, Span, Target

    text = (
        "主要预期目标是：全省地区生产总值增长5%左右，"
        "城乡居民人均可支配收入分别增长5%和7%左右，新建农村公路800公里。"
    )

    def span(quote: str, end_at: str | None = None) -> Span:
        start = text.index(quote)
        end = text.index(end_at, start) + len(end_at) if end_at else start + len(quote)
        return Span(start, end, text[start:end])

    def target(indicator: str, unit: str, growth: bool, evidence: Span) -> Target:
        return Target(indicator=indicator, unit=unit, growth=growth, evidence=[evidence])

    records = Records(
        "plangraph-records/1",
        Document("t-2031", "t", 2031, Source("t.txt", "0" * 64, len(text))),
        targets=[
            target("全省地区生产总值", "PERCENT", True, span("全省地区生产总值增长5%左右")),
            target("城乡居民人均可支配收入", "PERCENT", True, span("城乡", "5%")),
            target("城乡居民人均可支配收入", "PERCENT", True, span("城乡", "7%左右")),
            target("新建农村公路", "KiloM", False, span("新建农村公路800公里")),
        ],
        outcomes=[Outcome(indicator="城镇调查失业率", concept="unemployment-rate")],  # kept
    )
    assert tie_concepts(records, text) == 3
    assert [t.concept for t in records.targets] == [
        "gdp-growth",
        "urban-income-growth",
        "rural-income-growth",
        None,
    ]
    assert records.outcomes[0].concept == "unemployment-rate"
