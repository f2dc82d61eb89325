"""The bundled dataset: complete as the foundation issue asks, conformant, true to its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF

import plangraph
from plangraph._resources import SAMPLE, data_file
from plangraph.graph.namespace import PG
from plangraph.records.model import Records
from plangraph.records.reader import load_records
from plangraph.vocab.gazetteer import gazetteer


@pytest.fixture(scope="module")
def sample() -> Records:
    return load_records(Path(str(data_file(SAMPLE))))


def test_sample_holds_what_an_analyst_lists(sample: Records) -> None:
    assert [k.n for k in sample.keywords] == list(range(1, 11))
    assert [t.n for t in sample.tasks] == list(range(1, 16))
    assert len(sample.projects) > 15
    keyword_targets = [t for t in sample.targets if t.task is None]
    assert len(keyword_targets) > 20
    task_targets = [t for t in sample.targets if t.task is not None]
    assert len({t.task for t in task_targets}) >= 10
    assert all(p.keyword is not None or p.task is not None for p in sample.projects)
    assert all(m.keyword is not None for m in sample.measures)
    assert len(sample.measures) >= 40


def test_sample_facts_named_in_the_design(sample: Records) -> None:
    projects = {p.name: p for p in sample.projects}
    assert "140900" in projects["雄忻高铁"].regions
    assert "黄河古贤水利枢纽工程" in projects
    roads = [t for t in sample.targets if t.indicator == "新建农村公路"]
    assert len(roads) == 1
    (road,) = roads
    assert (road.value, road.unit, road.qualifier, road.year) == (4300, "KiloM", "Exact", 2024)
    assert road.evidence[0].start == 300 and road.evidence[0].end == 314
    revenue = [t for t in sample.targets if t.unit == "CCY_CNY" and t.value and t.value >= 10**11]
    assert revenue and revenue[0].value == 700_000_000_000
    growth = [t for t in sample.targets if t.growth and t.unit == "PERCENT"]
    assert any(t.qualifier == "About" and t.value == 15 for t in growth)
    ranges = [t for t in sample.targets if t.qualifier == "Range"]
    assert any((t.min, t.max) == (3, 5) for t in ranges)


def test_sample_regions_are_real_codes(sample: Records) -> None:
    gz = gazetteer()
    coded = [r for r in sample.regions if r.code]
    assert len(coded) >= 10
    assert all(r.code in gz for r in coded)


def test_sample_spans_match_the_source_text(corpus: Path) -> None:
    records = load_records(Path(str(data_file(SAMPLE))), source_dirs=[corpus], strict_source=True)
    text = (corpus / records.document.source.file).read_bytes().decode("utf-8-sig")
    for where, span in records.spans():
        assert text[span.start : span.end] == span.quote, where
        assert len(span.quote) <= 40, f"{where}: evidence should be a short phrase"


@pytest.mark.slow
def test_sample_graph_conforms_to_the_shapes() -> None:
    ds = plangraph.build()
    report = plangraph.validate(ds)
    assert report.conforms, report.summary()
    assert len({s for s, _, _, _ in ds.quads((None, RDF.type, PG.Project, None))}) > 15
