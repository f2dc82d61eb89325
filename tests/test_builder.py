"""Build: golden graphs compared as graphs, identity across documents, the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import records_yaml
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from plangraph import build, build_to
from plangraph.graph.namespace import PG
from plangraph.graph.rdfize import REFERENCE_GRAPH

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def _comparable(ds: Dataset) -> dict[str, Graph]:
    """Each document graph, and the regions of the reference graph (the industry scheme is data)."""
    graphs: dict[str, Graph] = {}
    for g in ds.graphs():
        if g.identifier == REFERENCE_GRAPH:
            regions = Graph()
            for node in g.subjects(RDF.type, PG.Region):
                for p, o in g.predicate_objects(node):
                    regions.add((node, p, o))
            graphs["regions"] = regions
        elif len(g):
            graphs[str(g.identifier)] = Graph() + g
    return graphs


def _dump(g: Graph) -> str:
    g.bind("pg", str(PG._NS))
    return g.serialize(format="turtle")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_graph(case: Path) -> None:
    got = _comparable(build(sorted(case.glob("*.yaml"))))
    expected_ds = Dataset()
    expected_ds.parse(case / "expected.trig", format="trig")
    expected = _comparable(expected_ds)
    assert sorted(got) == sorted(expected)
    for name in expected:
        iso_got, iso_expected = to_isomorphic(got[name]), to_isomorphic(expected[name])
        if iso_got != iso_expected:
            _, only_got, only_expected = graph_diff(iso_got, iso_expected)
            pytest.fail(
                f"graph {name} differs from {case.name}/expected.trig\n"
                f"--- only in the build:\n{_dump(only_got)}\n"
                f"--- only expected:\n{_dump(only_expected)}"
            )


def test_build_is_deterministic(records_dir: Path, tmp_path: Path) -> None:
    first = build_to([records_dir / "records.yaml"], tmp_path / "a").outputs[0].read_bytes()
    second = build_to([records_dir / "records.yaml"], tmp_path / "b").outputs[0].read_bytes()
    assert first == second


def test_the_same_project_in_two_documents_is_one_node(records_dir: Path) -> None:
    other = (
        records_yaml().replace("id: test-2024", "id: test-2025").replace("year: 2024", "year: 2025")
    )
    (records_dir / "other.yaml").write_text(other, encoding="utf-8")
    ds = build([records_dir / "records.yaml", records_dir / "other.yaml"])
    projects = {s for s, _, _, _ in ds.quads((None, RDF.type, PG.Project, None))}
    assert len(projects) == 1
    (project,) = projects
    graphs = {str(c) for _, _, _, c in ds.quads((project, PG.evidence, None, None))}
    assert graphs == {
        "https://w3id.org/plangraph/id/doc/test-2024",
        "https://w3id.org/plangraph/id/doc/test-2025",
    }


def test_regions_are_linked_up_to_the_province(records_dir: Path) -> None:
    ds = build([records_dir / "records.yaml"])
    ref = ds.graph(REFERENCE_GRAPH)
    xinzhou = URIRef("https://w3id.org/plangraph/id/region/140900")
    assert ref.value(xinzhou, PG.within) == URIRef("https://w3id.org/plangraph/id/region/140000")
    assert ref.value(xinzhou, PG.adcode) == Literal("140900")


def test_an_interrupted_build_leaves_the_previous_output(
    records_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_to([records_dir / "records.yaml"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("plangraph.view.page.to_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_to([records_dir / "records.yaml"], out, cache=False)  # no shortcut: really rebuild
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
