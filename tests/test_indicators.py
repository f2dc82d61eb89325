"""The indicator concept scheme: it loads, holds the fixed names, and refuses a broken file."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from plangraph.errors import PlangraphError
from plangraph.vocab.indicators import (
    UNIT_KINDS,
    indicators,
    judge_figure,
    parse_indicators,
)
from plangraph.vocab.schemes import units

FIXED = (
    "gdp-growth gdp industry-value-added-growth fixed-investment-growth retail-sales-growth "
    "trade-growth fiscal-revenue-growth income-growth urban-jobs-new unemployment-rate cpi-growth "
    "grain-output energy-intensity-cut co2-intensity-cut rd-intensity pm25"
).split()


def test_the_bundled_scheme_loads_with_the_fixed_names() -> None:
    scheme = indicators()
    assert len(scheme) >= 100
    assert [name for name in FIXED if name not in scheme] == []
    gdp = scheme["gdp-growth"]
    assert (gdp.label_zh, gdp.unit, gdp.measure, gdp.higher_is_better) == (
        "地区生产总值增长",
        "percent",
        "growth",
        True,
    )
    assert gdp.iri == "https://w3id.org/plangraph/indicator/gdp-growth"
    assert scheme["unemployment-rate"].higher_is_better is False
    assert scheme["cpi-growth"].higher_is_better is None


def test_no_wording_belongs_to_two_concepts() -> None:
    counts = Counter(w for concept in indicators() for w in concept.wordings)
    assert [w for w, n in counts.items() if n > 1] == []
    assert indicators().by_wording["经济增长"] == "gdp-growth"


def test_unit_kinds_name_known_units_and_broader_chains_end() -> None:
    known = units()
    assert [k for keys in UNIT_KINDS.values() for k in keys if k not in known] == []
    scheme = indicators()
    assert scheme.with_broader(["rural-income-growth"]) == ["income-growth", "rural-income-growth"]
    for concept in scheme:
        assert concept.units and concept.label_en


GOOD = """\
a-growth:
  label: {zh: 甲增长, en: A growth}
  alt: [甲增速]
  unit: percent
  measure: growth
  higher_is_better: true
  broader: null
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("unit: percent", "unit: percents"), "unknown unit kind 'percents'"),
        (("measure: growth", "measure: grow"), "unknown measure 'grow'"),
        (("broader: null", "broader: b-growth"), "broader names no concept: 'b-growth'"),
        (("higher_is_better: true", "higher_is_better: yes-ish"), "higher_is_better is true"),
        (("alt: [甲增速]", "alt: [甲增速]\n  unti: percent"), "unknown field(s) unti"),
    ],
)
def test_a_broken_concept_is_named_with_its_line(change: tuple[str, str], message: str) -> None:
    second = GOOD.replace("a-growth", "b-level").replace("甲", "乙")
    text = second + GOOD.replace(*change)
    with pytest.raises(PlangraphError) as info:
        parse_indicators(text, "bad.yaml")
    assert str(info.value).startswith("bad.yaml:8: concept a-growth: ")
    assert message in str(info.value)


def test_a_wording_of_two_concepts_is_refused() -> None:
    twin = GOOD.replace("a-growth", "b-growth").replace("甲增长", "乙增长")
    with pytest.raises(PlangraphError, match="the wording '甲增速' is also a wording of a-growth"):
        parse_indicators(GOOD + twin)


def test_a_circle_of_broader_concepts_is_refused() -> None:
    one = GOOD.replace("broader: null", "broader: b-growth")
    two = (
        one.replace("a-growth", "b-growth")
        .replace("甲", "乙")
        .replace("broader: b-growth", "broader: a-growth")
    )
    with pytest.raises(PlangraphError, match="in a circle"):
        parse_indicators(one + two)


def _d(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize(
    ("name", "qualifier", "value", "low", "high", "got", "status"),
    [
        ("gdp-growth", "About", 5, None, None, 5.2, "met"),
        ("gdp-growth", "AtLeast", 5, None, None, 5.6, "exceeded"),
        ("gdp-growth", "Range", None, 5, 5.5, 4.9, "not-met"),
        ("unemployment-rate", "About", 5.5, None, None, 5.1, "exceeded"),  # lower is better
        ("unemployment-rate", "AtMost", 5.5, None, None, 5.6, "not-met"),
        ("cpi-growth", "About", 3, None, None, 0.2, "met"),  # a ceiling: anything up to it
        ("cpi-growth", "About", 3, None, None, 3.6, "not-met"),
        (
            "energy-intensity-cut",
            "About",
            2.5,
            None,
            None,
            3.8,
            "exceeded",
        ),  # the cut is the number
        ("gdp-growth", "About", 5, None, None, None, "reported"),
    ],
)
def test_judge_figure_follows_the_concepts_direction(
    name: str,
    qualifier: str,
    value: float | None,
    low: float | None,
    high: float | None,
    got: float | None,
    status: str,
) -> None:
    concept = indicators()[name]
    assert judge_figure(concept, qualifier, _d(value), _d(low), _d(high), _d(got)) == status
