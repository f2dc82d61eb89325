"""The ontology file is complete and tidy, and the Python term constants match it."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from plangraph._resources import ontology_file
from plangraph.graph.namespace import PG

ONTOLOGY_IRI = URIRef("https://w3id.org/plangraph/ontology")
PG_NS = str(PG._NS)


def _parse(name: str) -> Graph:
    return Graph().parse(data=ontology_file(name).read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("plangraph.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


def _is_pg(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(PG_NS)


def _defined_terms(ontology: Graph) -> set[URIRef]:
    """Every pg: IRI the ontology gives a type (class, property or individual)."""
    return {URIRef(s) for s in ontology.subjects(RDF.type, None) if _is_pg(s)}


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version_iri is not None, "the ontology has no owl:versionIRI"
    assert re.fullmatch(r"https://w3id\.org/plangraph/ontology/\d{4}-\d{2}-\d{2}", str(version_iri))
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert not list(ontology.objects(ONTOLOGY_IRI, OWL.imports)), "imports would need downloads"


def test_every_term_is_documented(ontology: Graph) -> None:
    problems = []
    for term in sorted(_defined_terms(ontology)):
        name = term.removeprefix(PG_NS)
        labels = _languages(ontology, term, RDFS.label)
        if not {"zh", "en"} <= labels:
            problems.append(f"pg:{name}: rdfs:label languages {sorted(map(str, labels))}")
        if "en" not in _languages(ontology, term, SKOS.definition):
            problems.append(f"pg:{name}: no skos:definition @en")
        if ontology.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"pg:{name}: rdfs:isDefinedBy is not {ONTOLOGY_IRI}")
    assert not problems, "\n".join(problems)


def test_every_pg_iri_used_is_defined(ontology: Graph) -> None:
    """A pg: IRI in a domain, range, union or list that nobody defines is a typo."""
    used = {node for triple in ontology for node in triple if _is_pg(node)}
    undefined = used - _defined_terms(ontology)
    assert not undefined, f"used but not defined: {sorted(undefined)}"


def test_python_constants_match_the_ontology(ontology: Graph) -> None:
    in_ttl = {term.removeprefix(PG_NS) for term in _defined_terms(ontology)}
    in_python = {term.removeprefix(PG_NS) for term in dir(PG)}
    assert in_ttl == in_python, (
        f"only in plangraph.ttl: {sorted(in_ttl - in_python)}; "
        f"only in namespace.PG: {sorted(in_python - in_ttl)}"
    )


def test_pg_namespace_is_closed() -> None:
    assert PG.Target == URIRef(PG_NS + "Target")
    with pytest.raises(AttributeError):
        PG.NoSuchTerm  # noqa: B018


def _shape_nodes(shapes: Graph) -> list[Node]:
    """Named node shapes, the property shapes they hold and their SPARQL constraints.

    Shapes nested inside sh:or / sh:not / sh:qualifiedValueShape are parts of a larger shape:
    a failure is reported against the enclosing shape, whose message is the one a user sees.
    """
    nodes: list[Node] = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        nodes.append(shape)
        nodes.extend(shapes.objects(shape, SH.property))
        nodes.extend(shapes.objects(shape, SH.sparql))
    return nodes


def test_shapes_parse_and_every_shape_has_a_message(shapes: Graph) -> None:
    nodes = _shape_nodes(shapes)
    assert nodes, "shapes.ttl defines no node shapes"
    silent = [
        f"{shapes.value(node, SH.path) or node}"
        for node in nodes
        if (node, SH.message, None) not in shapes
    ]
    assert not silent, f"shapes without sh:message: {silent}"


def test_shapes_use_only_ontology_terms(ontology: Graph, shapes: Graph) -> None:
    used = {node for triple in shapes for node in triple if _is_pg(node)}
    undefined = used - _defined_terms(ontology)
    assert not undefined, f"shapes.ttl uses terms the ontology lacks: {sorted(undefined)}"
