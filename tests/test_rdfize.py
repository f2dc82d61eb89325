"""Records → RDF: indicator concepts on targets and outcomes, and their SKOS in the reference
graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from indicator_records import figure, write_document
from rdflib import RDF, SKOS, Dataset, Literal, URIRef

import plangraph
from plangraph.graph.namespace import PG
from plangraph.graph.rdfize import REFERENCE_GRAPH, rdfize
from plangraph.records.reader import load_records

IND = "https://w3id.org/plangraph/indicator/"
SCHEME = URIRef("https://w3id.org/plangraph/id/scheme/indicator")


@pytest.fixture
def records_path(tmp_path: Path) -> Path:
    return write_document(
        tmp_path,
        "test-2026",
        2026,
        "340000",
        targets=[
            figure(
                "地区生产总值增长5%左右",
                "地区生产总值",
                "gdp-growth",
                value=5,
                qualifier="About",
                growth=True,
            ),
            figure(
                "农村居民人均可支配收入增长7%",
                "农村居民人均可支配收入",
                "rural-income-growth",
                value=7,
                growth=True,
            ),
            figure("新建农村公路800公里", "新建农村公路", None, value=800, unit="KiloM"),
        ],
        outcomes=[
            figure(
                "城镇调查失业率5.1%", "城镇调查失业率", "unemployment-rate", value=5.1, year=2025
            )
        ],
    )


@pytest.fixture
def dataset(records_path: Path) -> Dataset:
    return rdfize([load_records(records_path)])


def test_targets_and_outcomes_name_their_concept(dataset: Dataset) -> None:
    doc = dataset.graph(URIRef("https://w3id.org/plangraph/id/doc/test-2026"))
    named = {
        str(doc.value(s, PG.indicator)): str(o).removeprefix(IND)
        for s, o in doc.subject_objects(PG.indicatorConcept)
    }
    assert named == {
        "地区生产总值": "gdp-growth",
        "农村居民人均可支配收入": "rural-income-growth",
        "城镇调查失业率": "unemployment-rate",
    }
    (road,) = doc.subjects(PG.indicator, Literal("新建农村公路", lang="zh"))
    assert doc.value(road, PG.indicatorConcept) is None


def test_the_reference_graph_describes_the_concepts_used(dataset: Dataset) -> None:
    ref = dataset.graph(REFERENCE_GRAPH)
    concepts = set(ref.subjects(SKOS.inScheme, SCHEME))
    # the three used, and income-growth above rural-income-growth; no other
    assert {str(c).removeprefix(IND) for c in concepts} == {
        "gdp-growth",
        "rural-income-growth",
        "income-growth",
        "unemployment-rate",
    }
    gdp = URIRef(IND + "gdp-growth")
    assert (gdp, RDF.type, SKOS.Concept) in ref
    assert set(ref.objects(gdp, SKOS.prefLabel)) == {
        Literal("地区生产总值增长", lang="zh"),
        Literal("GDP growth", lang="en"),
    }
    assert Literal("经济增长", lang="zh") in set(ref.objects(gdp, SKOS.altLabel))
    assert ref.value(gdp, PG.unitKind) == Literal("percent")
    assert ref.value(gdp, PG.figureKind) == Literal("growth")
    assert ref.value(gdp, PG.higherIsBetter) == Literal(True)
    rural = URIRef(IND + "rural-income-growth")
    assert ref.value(rural, SKOS.broader) == URIRef(IND + "income-growth")
    assert (SCHEME, SKOS.hasTopConcept, URIRef(IND + "income-growth")) in ref
    assert ref.value(URIRef(IND + "unemployment-rate"), PG.higherIsBetter) == Literal(False)
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in ref


def test_the_graph_with_concepts_conforms(dataset: Dataset) -> None:
    report = plangraph.validate(dataset)
    assert report.conforms, report.summary()


def test_no_concept_no_indicator_scheme() -> None:
    ref = plangraph.build().graph(REFERENCE_GRAPH)  # the bundled sample names no concept
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) not in ref


def test_a_corpus_build_puts_the_concepts_in_its_reference_graph(
    records_path: Path, tmp_path: Path
) -> None:
    result = plangraph.build_to([records_path], tmp_path / "out", html=False, jobs=1)
    built = plangraph.load(result.outputs[0])
    ref = built.graph(REFERENCE_GRAPH)
    assert ref.value(URIRef(IND + "income-growth"), SKOS.prefLabel, any=True) is not None
    assert len(set(ref.subjects(SKOS.inScheme, SCHEME))) == 4
