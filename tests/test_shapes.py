"""The SHACL shapes, tested on their examples.

Every file in ``ontology/examples/valid/`` must conform. Every file in
``ontology/examples/invalid/`` starts with ``# violates: <shape>`` (a prefixed name such as
``pgsh:TextSpanShape`` or a full IRI) and must fail on that shape and on no other.

Which shape a result belongs to: pySHACL reports a constraint on a path (``sh:property``)
with the anonymous property shape as ``sh:sourceShape``, and a node-level constraint
(``sh:class``, ``sh:or``, ``sh:sparql``) with the named node shape itself. A property shape is
attributed to the named node shape that holds it, so a header always names a node shape.

Validation runs as plangraph runs it (``plangraph.graph.shacl.validate``: one graph, no inference,
no ontology graph, SPARQL constraints batched); ``test_shacl.py`` checks that this agrees with
pySHACL run whole on every example.
"""

from __future__ import annotations

from importlib.abc import Traversable

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from plangraph._resources import ontology_file
from plangraph.graph.namespace import PG
from plangraph.graph.shacl import validate

HEADER = "# violates:"


def _examples(kind: str) -> list[Traversable]:
    folder = ontology_file(f"examples/{kind}")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


VALID = _examples("valid")
INVALID = _examples("invalid")


def _parse(file: Traversable) -> Graph:
    return Graph().parse(data=file.read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse(ontology_file("shapes.ttl"))


def _validate(data: Graph) -> tuple[bool, set[URIRef], str]:
    """Whether ``data`` conforms, the named node shapes it fails on, and the report's text."""
    report = validate(data)
    return report.conforms, {URIRef(r.shape) for r in report.results}, report.summary()


def _declared_shape(file: Traversable, shapes: Graph) -> URIRef:
    first_line = file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(HEADER), f"{file.name}: first line must be '{HEADER} <shape>'"
    name = first_line.removeprefix(HEADER).strip().strip("<>")
    shape = URIRef(name) if "://" in name else shapes.namespace_manager.expand_curie(name)
    assert (shape, RDF.type, SH.NodeShape) in shapes, f"{file.name}: no node shape {name}"
    return shape


def test_there_are_enough_examples() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 10


@pytest.mark.parametrize("file", VALID, ids=lambda f: f.name)
def test_valid_example_conforms(file: Traversable, shapes: Graph) -> None:
    conforms, _, text = _validate(_parse(file))
    assert conforms, f"{file.name} should conform:\n{text}"


@pytest.mark.parametrize("file", VALID, ids=lambda f: f.name)
def test_valid_example_uses_only_ontology_terms(file: Traversable) -> None:
    namespace = str(PG._NS)
    used = {n for triple in _parse(file) for n in triple if isinstance(n, URIRef)}
    unknown = {n for n in used if n.startswith(namespace) and n not in PG}
    assert not unknown, f"{file.name} uses undefined terms: {sorted(unknown)}"


@pytest.mark.parametrize("file", INVALID, ids=lambda f: f.name)
def test_invalid_example_fails_on_its_shape(file: Traversable, shapes: Graph) -> None:
    expected = _declared_shape(file, shapes)
    conforms, failed, text = _validate(_parse(file))
    assert not conforms, f"{file.name} should fail on {expected} but conforms"
    assert expected in failed, f"{file.name} should fail on {expected}:\n{text}"
    assert failed == {expected}, f"{file.name} should fail only on {expected}:\n{text}"
