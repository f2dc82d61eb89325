"""JSON-LD with plangraph's context: short names, exact literals, and the same quads back."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, URIRef

from plangraph import build
from plangraph._resources import ontology_file
from plangraph.graph.jsonld import context, to_jsonld
from plangraph.graph.terms import oxigraph_quads

PG = "https://w3id.org/plangraph/ontology#"
ID = "https://w3id.org/plangraph/id/"
XSD_INT = pyoxigraph.NamedNode(str(XSD.integer))


@pytest.fixture(scope="module")
def quads() -> set[pyoxigraph.Quad]:
    return set(oxigraph_quads(build()))


def _parsed(document: bytes) -> set[pyoxigraph.Quad]:
    return set(pyoxigraph.parse(document, format=pyoxigraph.RdfFormat.JSON_LD))


def _nodes(document: bytes) -> dict[str, dict[str, Any]]:
    return {
        node["@id"]: node
        for entry in json.loads(document)["@graph"]
        for node in entry.get("@graph", [entry])
    }


def test_the_context_has_a_term_for_every_property_of_the_ontology() -> None:
    ontology = Graph().parse(
        data=ontology_file("plangraph.ttl").read_text(encoding="utf-8"), format="turtle"
    )
    ctx = context()
    by_iri = {d["@id"].replace("pg:", PG): d for d in ctx.values() if isinstance(d, dict)}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if not str(prop).startswith(PG):
                continue
            definition = by_iri.get(str(prop))
            assert definition is not None, (
                f"{prop} has no term in ontology/context.jsonld: run scripts/jsonld_context.py"
            )
            if kind == OWL.ObjectProperty:
                assert definition.get("@type") == "@id", prop
            else:
                rng = ontology.value(prop, RDFS.range)
                if rng == RDF.langString:
                    assert definition.get("@container") == "@language", prop
                elif (
                    isinstance(rng, URIRef) and str(rng).startswith(str(XSD)) and rng != XSD.string
                ):
                    assert definition.get("@type") == "xsd:" + str(rng)[len(str(XSD)) :], prop
    defined = set(ontology.subjects(RDF.type, None))
    for definition in by_iri:
        if definition.startswith(PG):
            assert URIRef(definition) in defined, f"{definition}: not in the ontology"


def test_the_sample_comes_back_quad_for_quad(quads: set[pyoxigraph.Quad]) -> None:
    document = to_jsonld(quads)
    assert _parsed(document) == quads  # lexical forms too: 4300.0 stays 4300.0
    # and through rdflib's processor, which reads the embedded context as well
    again = Dataset()
    again.parse(data=document.decode("utf-8"), format="json-ld")
    assert set(oxigraph_quads(again)) == quads


def test_values_take_the_short_forms_of_the_context(quads: set[pyoxigraph.Quad]) -> None:
    nodes = _nodes(to_jsonld(quads))
    target = nodes["id:target/shanxi-2024/xinjian-nongcun-gonglu"]
    assert target["@type"] == "pg:Target"
    assert target["value"] == "4300.0"  # a typed term keeps the lexical form
    assert target["unit"] == "http://qudt.org/vocab/unit/KiloM"
    assert target["qualifier"] == "pg:Exact"
    assert target["indicator"] == {"zh": "新建农村公路"}
    assert target["year"] == "2024"
    keyword = nodes["id:keyword/shanxi-2024/1"]
    assert keyword["label"] == {"en": "Investment with returns", "zh": "有效益的投资"}
    document = json.loads(to_jsonld(quads))
    assert document["@context"] == context()  # embedded: the file reads on its own
    graphs = [entry["@id"] for entry in document["@graph"]]
    assert graphs == sorted(graphs) and "id:graph/reference" in graphs


def test_values_that_fit_no_term_are_written_in_full() -> None:
    ox = pyoxigraph
    node, other = ox.NamedNode(ID + "target/x"), ox.BlankNode("b1")
    odd = {
        ox.Quad(node, ox.NamedNode(PG + "value"), ox.Literal("about ten")),  # not a decimal
        ox.Quad(node, ox.NamedNode(PG + "keyword"), ox.Literal("交通")),  # not an IRI
        ox.Quad(node, ox.NamedNode(PG + "indicator"), ox.Literal("plain")),  # no language
        ox.Quad(node, ox.NamedNode(PG + "evidence"), other),  # a blank node
        ox.Quad(other, ox.NamedNode(PG + "start"), ox.Literal("7", datatype=XSD_INT)),
        ox.Quad(node, ox.NamedNode("http://example.org/else"), ox.Literal("x", language="en")),
    }
    document = to_jsonld(odd)  # all in the default graph: top-level nodes
    back = _parsed(document)
    assert len(back) == len(odd)
    renamed = {b.value for q in back for b in (q.subject, q.object) if isinstance(b, ox.BlankNode)}
    assert len(renamed) == 1  # the blank node is one node, subject and object alike
    plain = {q for q in odd if not isinstance(q.subject, ox.BlankNode)}
    plain -= {q for q in plain if isinstance(q.object, ox.BlankNode)}
    assert plain <= back
    written = _nodes(document)["id:target/x"]
    assert written["pg:value"] == "about ten" and written["pg:keyword"] == "交通"
