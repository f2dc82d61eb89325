"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only endpoint, written here as our
own cases (the requests and the statuses the spec expects), run against a real
``plangraph serve`` on 127.0.0.1.

The W3C suite names remote RDF files as its graphs; here the graphs are those of the bundled
sample (a document's graph and the reference graph), since this endpoint reads no IRI it is
not serving. Its update tests do not apply: this endpoint refuses every update (403), and the
``bad_update_*`` cases below check that refusal is a 4xx as the spec wants of a bad update.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from conftest import start_serve, stop_process
from rdflib import Graph

from plangraph import build

DOC = "https://w3id.org/plangraph/id/doc/shanxi-2024"
REFERENCE = "https://w3id.org/plangraph/id/graph/reference"
IN_DOC = f"ASK {{ <{DOC}> a <https://w3id.org/plangraph/ontology#PlanDocument> }}"
IN_REFERENCE = "ASK { ?r <https://w3id.org/plangraph/ontology#adcode> ?c }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
RESULTS_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    def json(self) -> dict[str, object]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Case:
    name: str  # the W3C test's name
    method: str
    params: list[tuple[str, str]] = field(default_factory=list)  # in the URL
    form: list[tuple[str, str]] | None = None  # a POSTed form
    body: bytes | None = None  # a POSTed body
    content_type: str | None = None
    accept: str | None = None
    status: int | tuple[int, ...] = 200
    check: Callable[[Response], bool] | None = None


def _boolean(expected: bool) -> Callable[[Response], bool]:
    return lambda r: r.json().get("boolean") is expected


def _graph_names(expected: set[str]) -> Callable[[Response], bool]:
    def check(r: Response) -> bool:
        bindings = r.json()["results"]["bindings"]  # type: ignore[index]
        return {b["g"]["value"] for b in bindings} == expected  # type: ignore[index,union-attr]

    return check


def _results_type(r: Response) -> bool:
    return r.content_type.split(";")[0] in RESULTS_TYPES


def _rdf(r: Response) -> bool:
    media = r.content_type.split(";")[0]
    if media not in RDF_TYPES:
        return False
    formats = dict(zip(RDF_TYPES, ("turtle", "nt", "xml", "json-ld"), strict=True))
    return len(Graph().parse(data=r.body, format=formats[media])) > 0


def _xml_results(r: Response) -> bool:
    return ET.fromstring(r.body).tag == "{http://www.w3.org/2005/sparql-results#}sparql"


JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"

CASES = [
    Case("query_get", "GET", [("query", "ASK {}")], accept=JSON, check=_boolean(True)),
    Case("query_post_form", "POST", form=[("query", IN_DOC)], accept=JSON, check=_boolean(True)),
    Case(
        "query_post_direct",
        "POST",
        body=IN_DOC.encode(),
        content_type=DIRECT,
        accept=JSON,
        check=_boolean(True),
    ),
    Case(
        "query_dataset_default_graph",
        "POST",
        form=[("query", IN_DOC), ("default-graph-uri", DOC)],
        accept=JSON,
        check=_boolean(True),
    ),
    Case(  # the default graph is the reference graph alone: the document is not in it
        "query_dataset_default_graph (the other graph)",
        "POST",
        form=[("query", IN_DOC), ("default-graph-uri", REFERENCE)],
        accept=JSON,
        check=_boolean(False),
    ),
    Case(
        "query_dataset_default_graphs_get",
        "GET",
        [("query", f"ASK {{ {IN_DOC[5:-1]} . {IN_REFERENCE[5:-1]} }}")]
        + [("default-graph-uri", DOC), ("default-graph-uri", REFERENCE)],
        accept=JSON,
        check=_boolean(True),
    ),
    Case(
        "query_dataset_default_graphs_post",
        "POST",
        form=[("query", f"ASK {{ {IN_DOC[5:-1]} . {IN_REFERENCE[5:-1]} }}")]
        + [("default-graph-uri", DOC), ("default-graph-uri", REFERENCE)],
        accept=JSON,
        check=_boolean(True),
    ),
    Case(
        "query_dataset_named_graphs_post",
        "POST",
        form=[("query", GRAPHS), ("named-graph-uri", DOC), ("named-graph-uri", REFERENCE)],
        accept=JSON,
        check=_graph_names({DOC, REFERENCE}),
    ),
    Case(
        "query_dataset_named_graphs_get",
        "GET",
        [("query", GRAPHS), ("named-graph-uri", REFERENCE)],
        accept=JSON,
        check=_graph_names({REFERENCE}),
    ),
    Case(
        "query_dataset_full",
        "POST",
        form=[
            ("query", f"SELECT DISTINCT ?g WHERE {{ {IN_DOC[5:-1]} GRAPH ?g {{ ?s ?p ?o }} }}"),
            ("default-graph-uri", DOC),
            ("named-graph-uri", REFERENCE),
        ],
        accept=JSON,
        check=_graph_names({REFERENCE}),
    ),
    Case(  # the protocol's graphs take precedence over the query's FROM
        "query_multiple_dataset",
        "POST",
        form=[
            ("query", f"ASK FROM <{REFERENCE}> {{ {IN_DOC[5:-1]} }}"),
            ("default-graph-uri", DOC),
        ],
        accept=JSON,
        check=_boolean(True),
    ),
    Case(
        "query_content_type_select",
        "GET",
        [("query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")],
        check=_results_type,
    ),
    Case("query_content_type_ask", "GET", [("query", "ASK {}")], check=_results_type),
    Case(
        "query_content_type_describe",
        "GET",
        [("query", f"DESCRIBE <{DOC}>")],
        check=_rdf,
    ),
    Case(
        "query_content_type_construct",
        "GET",
        [("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")],
        check=_rdf,
    ),
    Case(  # relative IRIs resolve against a base IRI
        "query_content_type_construct (relative IRIs)",
        "GET",
        [("query", "CONSTRUCT { <s> <p> 1 } WHERE {}")],
        check=_rdf,
    ),
    Case(
        "query_xml_results",
        "GET",
        [("query", "ASK {}")],
        accept="application/sparql-results+xml",
        check=_xml_results,
    ),
    Case("bad_query_method", "PUT", [("query", "ASK {}")], status=(405,)),
    Case("bad_multiple_queries", "GET", [("query", "ASK {}"), ("query", "ASK {}")], status=400),
    Case(
        "bad_query_wrong_media_type",
        "POST",
        body=b"ASK {}",
        content_type="text/plain",
        status=(415,),
    ),
    Case(
        "bad_query_missing_form_type",
        "POST",
        body=b"query=ASK%20%7B%7D",
        status=(400, 415),
    ),
    Case("bad_query_missing_direct_type", "POST", body=b"ASK {}", status=(400, 415)),
    Case(
        "bad_query_non_utf8",
        "POST",
        body="ASK { ?s ?p 'é' }".encode("iso-8859-1"),
        content_type="application/sparql-query; charset=ISO-8859-1",
        status=400,
    ),
    Case("bad_query_syntax", "GET", [("query", "ASK {")], status=400),
    Case("bad_update_get", "GET", [("update", "CLEAR ALL")], status=(400, 403, 405)),
    Case(
        "bad_multiple_updates",
        "POST",
        form=[("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")],
        status=(400, 403),
    ),
    Case(
        "bad_update_missing_form_type",
        "POST",
        body=b"update=CLEAR%20NAMED",
        status=(400, 403, 415),
    ),
    Case(
        "bad_update_non_utf8",
        "POST",
        body="CLEAR GRAPH <http://example.org/é>".encode("iso-8859-1"),
        content_type="application/sparql-update; charset=ISO-8859-1",
        status=(400, 403),
    ),
    Case(
        "bad_update_syntax",
        "POST",
        form=[("update", "CLEAR XYZ")],
        status=(400, 403),
    ),
    Case(
        "bad_update_dataset_conflict",
        "POST",
        form=[("update", "CLEAR NAMED"), ("using-graph-uri", DOC)],
        status=(400, 403),
    ),
]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("w3c") / "graph.trig"
    data.write_text(build().serialize(format="trig"), encoding="utf-8")
    process, url = start_serve(data, "-q")
    try:
        yield url
    finally:
        stop_process(process)


def _request(url: str, case: Case) -> Response:
    """The case's request as it is written (http.client adds no Content-Type of its own)."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + ("?" + urllib.parse.urlencode(case.params) if case.params else "")
    headers = {}
    body = case.body
    if case.form is not None:
        body = urllib.parse.urlencode(case.form).encode("ascii")
        headers["Content-Type"] = FORM
    if case.content_type:
        headers["Content-Type"] = case.content_type
    if case.accept:
        headers["Accept"] = case.accept
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request(case.method, target, body=body, headers=headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.getheader("Content-Type", ""), answer.read())
    finally:
        connection.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol(endpoint: str, case: Case) -> None:
    response = _request(endpoint, case)
    expected = case.status if isinstance(case.status, tuple) else (case.status,)
    assert response.status in expected, (response.status, response.body[:300])
    if case.check is not None:
        assert case.check(response), response.body[:300]
