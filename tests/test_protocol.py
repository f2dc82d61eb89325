"""The endpoint's request reading, in-process: a hypothesis fuzz of methods, targets, headers
and bodies, and what every request must come to (a job that is safe to run, or a refusal)."""

from __future__ import annotations

import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph.sparql.prepare import prepare
from plangraph.sparql.serve.protocol import Limits, Options, Page, Refusal, read_request
from plangraph.sparql.serve.workers import Job
from plangraph.sparql.syntax import MAX_DEPTH

LIMITS = Limits()
STATUSES = {400, 403, 404, 405, 406, 411, 413, 415}

_QUERY_TEXTS = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "ASK {}",
            "SELECT * WHERE { ?s ?p ?o }",
            "PREFIX k: <https://w3id.org/plangraph/ontology#Keyword> SELECT * WHERE"
            " { ?s a k: SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c } }",
            "INSERT DATA { <a:b> <a:b> <a:b> }",
            "ASK " + "{" * 500 + "}" * 500,
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            "SELECT * FROM <http://nowhere.example/> { ?s ?p ?o }",
            "DESCRIBE <x:y>",
        ]
    ),
)
_KEYS = st.sampled_from(
    ["query", "update", "default-graph-uri", "named-graph-uri", "format", "output", "x"]
)
_PARAMS = st.lists(st.tuples(_KEYS, _QUERY_TEXTS), max_size=4)
_RAW = st.text(alphabet=st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=120)
_METHODS = st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"])
_PATHS = st.sampled_from(["/sparql", "/sparql/", "/", "/index.html", "/nothing", "//sparql", ""])
_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/sparql-query",
        "application/sparql-update",
        "text/plain",
        "",
        "application/sparql-query; charset=latin-1",
    ]
)
_ACCEPT = st.one_of(
    st.none(),
    st.sampled_from(["text/csv", "*/*", "image/png", "text/turtle;q=0", "application/*;q=x"]),
    _RAW,
)


def _check(result: object) -> None:
    if isinstance(result, Refusal):
        assert result.status in STATUSES and result.message
        return
    if isinstance(result, Page | Options):
        return
    assert isinstance(result, Job)
    prepared = prepare(result.query, as_text=True)  # what a worker will run
    assert not prepared.shape.service and not prepared.shape.update
    assert prepared.shape.depth <= MAX_DEPTH


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _METHODS,
    _PATHS,
    st.one_of(_PARAMS.map(urllib.parse.urlencode), _RAW),
    _TYPES,
    _ACCEPT,
    st.one_of(
        st.none(),
        st.binary(max_size=200),
        _PARAMS.map(lambda p: urllib.parse.urlencode(p).encode()),
    ),
)
def test_every_request_is_a_safe_job_or_a_refusal(
    method: str,
    path: str,
    query_string: str,
    content_type: str,
    accept: str | None,
    body: bytes | None,
) -> None:
    headers = {"Content-Type": content_type}
    if accept is not None:
        headers["Accept"] = accept
    _check(read_request(method, f"{path}?{query_string}", headers, body, LIMITS))


@settings(max_examples=200, deadline=None)
@given(_QUERY_TEXTS, st.sampled_from(["GET", "POST-form", "POST-direct"]))
def test_every_query_text_is_a_safe_job_or_a_refusal(text: str, how: str) -> None:
    encoded = urllib.parse.urlencode({"query": text})
    if how == "GET":
        result = read_request("GET", f"/sparql?{encoded}", {}, None, LIMITS)
    elif how == "POST-form":
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        result = read_request("POST", "/sparql", form, encoded.encode(), LIMITS)
    else:
        direct = {"Content-Type": "application/sparql-query"}
        result = read_request("POST", "/sparql", direct, text.encode("utf-8", "replace"), LIMITS)
    _check(result)


def test_what_requests_come_to() -> None:
    get = read_request("GET", "/sparql?query=ASK%20%7B%7D", {}, None, LIMITS)
    assert isinstance(get, Job) and get.query == "ASK {}" and get.default_graph is None
    head = read_request("HEAD", "/sparql/?query=ASK%20%7B%7D", {}, None, LIMITS)
    assert isinstance(head, Job)
    assert isinstance(read_request("GET", "/", {}, None, LIMITS), Page)
    service = "SELECT * { ?s a k: SERVICE <http://127.0.0.1:9/> {} }"
    refused = read_request(
        "POST", "/sparql", {"content-type": "application/sparql-query"}, service.encode(), LIMITS
    )
    assert isinstance(refused, Refusal) and refused.status == 403
    bad_graph = "/sparql?query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri"
    refused = read_request("GET", bad_graph, {}, None, LIMITS)
    assert isinstance(refused, Refusal) and refused.status == 400
    latin = read_request("GET", "/sparql?query=ASK%20%7B%E9%7D", {}, None, LIMITS)
    assert isinstance(latin, Refusal) and latin.status == 400
