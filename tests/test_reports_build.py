"""The 56 reports of ../shared/reports/ built into one dataset (once per run): every document
read, dated and placed as the hand-checked truth says, the graph conforming to the shapes, and
the time of each fact following its part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from plangraph.graph.shacl import validate
from plangraph.pipeline.builder import build_to

TRUTH = Path(__file__).parent / "truth" / "structure.yaml"


def test_every_report_is_built_with_its_year_and_region(reports_build: Any) -> None:
    result, out = reports_build
    assert not result.failures
    truth = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    got = {Path(d.input).parent.name + "/" + Path(d.input).name: d for d in result.documents}
    assert set(got) == set(truth)
    wrong = [
        f"{name}: {got[name].year}, {got[name].region}"
        for name, facts in truth.items()
        if (got[name].year, got[name].region) != (facts["year"], facts["region"])
    ]
    assert not wrong, "\n".join(wrong)
    assert len(list((out / "texts").glob("*.txt"))) == len(truth)


def test_the_whole_graph_conforms(reports_build: Any) -> None:
    _, out = reports_build
    report = validate(out / "graph.trig")
    assert report.conforms, report.summary()[:3000]


def test_each_fact_takes_the_time_of_its_part(reports_build: Any) -> None:
    """No five-year figure carries the plan year alone; no review result is a target."""
    import pyoxigraph

    _, out = reports_build
    store = pyoxigraph.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    prefix = "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
    misdated = list(
        store.query(
            use_default_graph_as_union=True,
            query=prefix
            + """SELECT ?fact ?kind ?year ?docYear WHERE {
                ?fact pg:inPart ?part ; pg:year ?year .
                ?part pg:partKind ?kind .
                ?doc pg:hasPart ?part ; pg:year ?docYear .
                FILTER (?kind IN (pg:FiveYearReviewPart, pg:FiveYearGoalsPart))
                FILTER NOT EXISTS { ?fact pg:periodEnd ?end }
                FILTER (STR(?year) = STR(?docYear))
            }""",
        )
    )
    assert not misdated, misdated[:5]
    review_targets = list(
        store.query(
            use_default_graph_as_union=True,
            query=prefix
            + """SELECT ?fact WHERE {
                ?fact a pg:Target ; pg:inPart ?part .
                ?part pg:partKind ?kind .
                FILTER (?kind IN (pg:ReviewPart, pg:FiveYearReviewPart))
            }""",
        )
    )
    assert not review_targets, review_targets[:5]
    five_year = list(
        store.query(
            use_default_graph_as_union=True,
            query=prefix
            + """SELECT (COUNT(?fact) AS ?n) WHERE {
                ?fact pg:periodStart ?start ; pg:inPart ?part .
                ?part pg:partKind pg:FiveYearGoalsPart .
            }""",
        )
    )
    assert int(five_year[0]["n"].value) > 100  # the 十五五 goals of the 2026 reports


def test_every_report_builds_alone(tmp_path: Path, reports_build: Any) -> None:
    result, _ = reports_build
    for document in result.documents[:: max(1, len(result.documents) // 8)]:
        alone = build_to([document.input], tmp_path / document.id, html=False, jobs=1)
        assert [d.id for d in alone.documents] == [document.id]
        assert alone.triples > 0
