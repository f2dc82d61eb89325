"""Reading a query from its tokens: SERVICE found wherever SPARQL's grammar has it (checked
against rdflib's own SPARQL parser on generated queries), FROM resolved, nesting measured."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from plangraph.errors import InputError
from plangraph.graph.namespace import PREFIXES
from plangraph.sparql.prepare import BASE_IRI
from plangraph.sparql.syntax import MAX_DEPTH, check_depth, shape


def _has_service(tree: Any) -> bool:
    if isinstance(tree, CompValue):
        return tree.name == "ServiceGraphPattern" or any(_has_service(v) for v in tree.values())
    if isinstance(tree, list | tuple) or type(tree).__name__ == "ParseResults":
        return any(_has_service(v) for v in tree)
    return False


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX k: <https://w3id.org/plangraph/ontology#Keyword>"
        " SELECT * WHERE { ?s a k: SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c } }",
        "SELECT * { ?a?b?c SERVICE<http://x.org/>{} }",
        "select * { service silent ?endpoint { ?a ?b ?c } }",
        "SELECT * { ?s <http://x.org/p> 'a' # } no\n SERVICE <http://x.org/> {} }",
        'SELECT * { ?s <http://x.org/p> """x " y""" SERVICE <http://x.org/> {} }',
        "SELECT * { ?s <http://x.org/p> 1.5e3 . SERVICE <http://x.org/> {} }",
        'SELECT * { ?s <http://x.org/p> "x"@en-GB SERVICE <http://x.org/> {} }',
        "SELECT * { _:b <http://x.org/p> ?o SERVICE <http://x.org/> {} }",
    ],
)
def test_service_is_found(text: str) -> None:
    assert shape(text).service


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service WHERE { ?s <http://x.org/SERVICE> 'SERVICE' } # SERVICE",
        "PREFIX SERVICE: <http://x.org/> SELECT * { ?s SERVICE:x ?o }",
        "PREFIX k: <http://x.org/> SELECT * { ?s k:SERVICE ?o . ?s k:a\\.SERVICE ?o }",
        'SELECT * { ?s ?p """SERVICE <http://x.org/> {}""" }',
        "SELECT * { _:SERVICE ?p ?o }",
        "SELECT * { ?s ?p 'x'@SERVICE }",
    ],
)
def test_service_in_names_strings_and_comments_is_no_service(text: str) -> None:
    assert not shape(text).service


_PIECES = st.sampled_from(
    [
        "?s ?p ?o .",
        "?s a k: .",
        "?s a k:x .",
        "?s k:SERVICE ?o .",
        "?s <http://x.org/SERVICE> ?o .",
        "?s ?p 'SERVICE' .",
        '?s ?p """a "SERVICE" b""" .',
        "# SERVICE <http://x.org/> {}\n",
        "?s ?p ?service .",
        "SERVICE <http://127.0.0.1:1/x> { ?a ?b ?c }",
        "SERVICE SILENT <http://127.0.0.1:1/x> { ?a ?b ?c }",
        "service ?endpoint { ?a ?b ?c }",
        "FILTER(?o < 5)",
        "OPTIONAL { ?s ?p ?q }",
        "{ ?s ?p ?o } UNION { ?s ?q ?o }",
        "?s ?p 'x'@en .",
        "?s ?p 1.5e3 .",
        "_:b ?p ?o .",
    ]
)
_SPACES = st.sampled_from([" ", "\n", "\t", "  "])


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PIECES, _SPACES), min_size=1, max_size=6))
def test_service_agrees_with_rdflibs_parser(pieces: list[tuple[str, str]]) -> None:
    body = "".join(piece + space for piece, space in pieces)
    text = f"PREFIX k: <http://x.org/k#>\nSELECT * WHERE {{ {body} }}"
    try:
        tree = parseQuery(text)
    except Exception:  # not SPARQL as rdflib reads it: nothing to compare
        return
    assert shape(text).service == _has_service(tree), text


def test_from_is_resolved_with_prefixes_and_base() -> None:
    found = shape(
        "PREFIX d: <https://example.org/g/> SELECT * FROM d:one FROM <doc/x>"
        " FROM NAMED id:doc\\/y WHERE { ?s ?p ?o }",
        prefixes=PREFIXES,
        base=BASE_IRI,
    )
    assert found.from_graphs == ("https://example.org/g/one", BASE_IRI + "doc/x")
    assert found.from_named == (BASE_IRI + "doc/y",)
    based = shape("BASE <http://b.org/a/> SELECT * FROM <c> {}", base=BASE_IRI)
    assert based.from_graphs == ("http://b.org/a/c",)


def test_where_block_and_form() -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert text[shape(text).where or 0 :].startswith(" ?s ?p ?o }")
    assert shape("CONSTRUCT WHERE { ?s ?p ?o }").where is None  # its block is its template
    assert shape("DESCRIBE <x:a>").where is None
    assert shape("ASK {}").form == "ask" and shape("DESCRIBE <x:a>").form == "graph"


def test_nesting_is_measured_without_recursion() -> None:
    check_depth("ASK " + "{" * MAX_DEPTH + "}" * MAX_DEPTH)
    with pytest.raises(InputError, match=f"more than {MAX_DEPTH} deep"):
        check_depth("ASK " + "{" * 100_000 + "}" * 100_000)
    with pytest.raises(InputError):
        check_depth("SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")
    check_depth("SELECT * { ?s ?p '" + "{" * 5000 + "' }")  # inside a string: no nesting
