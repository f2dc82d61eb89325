"""plangraph.validate: a report object, and the same verdicts as pySHACL on every example."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph
from rdflib.namespace import SH
from rdflib.term import Node
from test_shapes import INVALID, VALID, _parse

import plangraph
from plangraph.graph.shacl import _shapes


def _named_shape(shapes: Graph, shape: Node) -> Node:
    """The named node shape a result's sh:sourceShape belongs to."""
    if not isinstance(shape, BNode):
        return shape
    parent = shapes.value(predicate=SH.property, object=shape)
    return parent if parent is not None else shape


def _reference(data: Graph, shapes: Graph) -> set[tuple[str, str]]:
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none")
    return {
        (
            str(report.value(r, SH.focusNode)),
            str(_named_shape(shapes, report.value(r, SH.sourceShape))),
        )
        for r in report.subjects(SH.resultSeverity, None)
    }


@pytest.mark.slow  # pySHACL itself, once per example: a parity check for CI
@pytest.mark.parametrize("file", VALID + INVALID, ids=lambda f: f.name)
def test_batched_sparql_constraints_agree_with_pyshacl(file: object) -> None:
    shapes = _shapes()
    data = _parse(file)  # type: ignore[arg-type]
    expected = _reference(data, shapes)
    report = plangraph.validate(data)
    assert {(r.focus, r.shape) for r in report.results} == expected
    assert report.conforms == (not expected)


def test_report_summary_names_focus_and_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(
        "@prefix pg: <https://w3id.org/plangraph/ontology#> .\n"
        "<https://w3id.org/plangraph/id/span/x/1-3> a pg:TextSpan ;"
        ' pg:start 1 ; pg:end 3 ; pg:quote "长了一点" .\n',
        encoding="utf-8",
    )
    report = plangraph.validate(path)
    assert not report.conforms
    text = report.summary()
    assert text.startswith("does not conform")
    assert "span/x/1-3" in text
    assert "is 4 characters long but pg:end - pg:start is 2" in text
