"""The SPARQL endpoint over loopback, with SPARQLWrapper as the client: the protocol, content
negotiation, read-only, limits, CORS, and a server that keeps serving after bad requests."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from conftest import start_serve, stop_process
from rdflib import Dataset, Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from plangraph import build, query
from plangraph.cli import main
from plangraph.sparql.serve.negotiation import negotiate
from plangraph.sparql.serve.server import Limits, SparqlServer, make_server

MAX_ROWS = 200
TIME_LIMIT = 2.0
# Joins every triple with every other, twice: far longer than the time limit on any machine.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build()


def _start(server: SparqlServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # bounded wait until the page answers
        try:
            with urllib.request.urlopen(server.url.replace("/sparql", "/"), timeout=2) as page:
                if page.status == 200:
                    return thread
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not answer within 30 s")


def _stop(server: SparqlServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.close()
    thread.join(10)


@pytest.fixture(scope="module")
def server(sample: Dataset) -> Iterator[SparqlServer]:
    server = make_server(
        sample, port=0, limits=Limits(timeout=TIME_LIMIT, max_rows=MAX_ROWS), workers=2
    )
    thread = _start(server)
    yield server
    _stop(server, thread)


def _client(server: SparqlServer, text: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(text)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client


def _http(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str = ""
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method or None)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        status, headers_ = exc.code, dict(exc.headers)
        exc.close()
        return status, headers_, body


def _types_query() -> str:
    return "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type"


def _expected_types(sample: Dataset) -> dict[str, int]:
    df = query(sample, _types_query())
    return dict(zip(df["type"], df["n"], strict=True))


def test_bound_to_loopback(server: SparqlServer) -> None:
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
def test_select_by_get_form_and_direct_post(
    server: SparqlServer, sample: Dataset, method: str
) -> None:
    client = _client(server, _types_query())
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method == POST:
        client.setMethod(POST)
    result = client.queryAndConvert()
    assert isinstance(result, dict)
    got = {b["type"]["value"]: int(b["n"]["value"]) for b in result["results"]["bindings"]}
    assert got == _expected_types(sample)


def test_results_formats(server: SparqlServer, sample: Dataset) -> None:
    expected = _expected_types(sample)
    xml = _client(server, _types_query(), XML).queryAndConvert()
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(xml.getElementsByTagName("result")) == len(expected)  # type: ignore[union-attr]
    assert xml.documentElement.namespaceURI == ns[1:-1]  # type: ignore[union-attr]
    raw_csv = _client(server, _types_query(), CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(raw_csv.decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["type", "n"] and {r[0]: int(r[1]) for r in rows[1:]} == expected
    raw_tsv = _client(server, _types_query(), TSV).queryAndConvert()
    lines = raw_tsv.decode("utf-8").splitlines()  # type: ignore[union-attr]
    assert lines[0] == "?type\t?n" and len(lines) == 1 + len(expected)


def test_construct_as_turtle(server: SparqlServer, sample: Dataset) -> None:
    text = "CONSTRUCT WHERE { ?k a pg:Keyword ; rdfs:label ?l }"
    graph = _client(server, text, TURTLE).queryAndConvert()
    turtle = graph if isinstance(graph, Graph) else Graph().parse(data=graph, format="turtle")
    assert len(turtle) == len(query(sample, text))


def test_ask(server: SparqlServer) -> None:
    assert _client(server, "ASK { ?p a pg:Project }").queryAndConvert() == {
        "head": {},
        "boolean": True,
    }


def test_accept_header_negotiation(server: SparqlServer) -> None:
    url = server.url + "?" + urllib.parse.urlencode({"query": _types_query()})
    for accept, media in [
        ("text/csv", "text/csv"),
        ("application/sparql-results+xml;q=0.5, text/tab-separated-values", "text/tab-sep"),
        ("text/csv;q=0.9, application/json;q=0.1", "text/csv"),
        ("application/*;q=0.2, text/xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ]:
        status, headers, _ = _http(url, headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(media), accept
    status, _, body = _http(url, headers={"Accept": "image/png"})
    assert status == 406 and b"offered" in body
    status, _, body = _http(url + "&format=bogus")
    assert status == 406
    graph_url = server.url + "?" + urllib.parse.urlencode({"query": "DESCRIBE pg:Exact"})
    status, headers, _ = _http(graph_url, headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"


def test_named_graph_parameters(server: SparqlServer, sample: Dataset) -> None:
    doc = "https://w3id.org/plangraph/id/doc/shanxi-2024"
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = server.url + "?" + urllib.parse.urlencode({"query": text, "default-graph-uri": doc})
    status, _, body = _http(url, headers={"Accept": "application/sparql-results+json"})
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200 and n == len(sample.graph(doc))


def test_updates_are_refused_and_nothing_changes(server: SparqlServer) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = _client(server, count).queryAndConvert()
    update = _client(server, "INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }")
    update.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        update.query()
    assert caught.value.code == 403
    caught.value.close()
    status, _, _ = _http(
        server.url,
        data=b"DELETE WHERE { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status == 403
    as_query = server.url + "?" + urllib.parse.urlencode({"query": "CLEAR ALL"})
    assert _http(as_query)[0] == 403
    assert _client(server, count).queryAndConvert() == before


def test_syntax_error_is_400_with_line_and_column(server: SparqlServer) -> None:
    with pytest.raises(QueryBadFormed) as caught:
        _client(server, "SELECT ?x\nWHERE { ?x nope:y ?z }").query()
    assert re.search(r"<query>:2:\d+: SPARQL syntax error", str(caught.value))


@pytest.mark.slow  # processes started and stopped, or waited for
def test_time_limit_stops_the_query_and_the_server_goes_on(server: SparqlServer) -> None:
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(server, ENDLESS).query()
    assert caught.value.code == 503
    assert b"time limit" in caught.value.read()
    caught.value.close()
    assert time.monotonic() - started < 30  # stopped, not run to the end
    for _ in range(3):  # every worker answers again (the stopped one was replaced)
        assert _client(server, "ASK { ?p a pg:Project }").queryAndConvert()["boolean"] is True


def test_result_size_limit(server: SparqlServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(server, "SELECT * WHERE { ?s ?p ?o }").query()
    assert caught.value.code == 422 and str(MAX_ROWS).encode() in caught.value.read()
    caught.value.close()
    limited = _client(server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}").queryAndConvert()
    assert len(limited["results"]["bindings"]) == MAX_ROWS


def test_bad_requests(server: SparqlServer) -> None:
    assert _http(server.url)[0] == 400  # no query
    two = server.url + "?" + urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    assert _http(two)[0] == 400
    assert _http(server.url.replace("/sparql", "/nothing"))[0] == 404
    assert _http(server.url, data=b"x", method="PUT")[0] == 405
    assert _http(server.url, data=b"ASK {}", headers={"Content-Type": "text/plain"})[0] == 415
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body = _http(server.url + "?" + urllib.parse.urlencode({"query": service}))
    assert status == 403 and b"SERVICE" in body
    assert _client(server, "ASK { ?p a pg:Project }").queryAndConvert()["boolean"] is True


@pytest.mark.slow
def test_cors_only_when_asked_and_serving_from_memory(
    server: SparqlServer, sample: Dataset
) -> None:
    url = server.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    _, headers, _ = _http(url, headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in headers
    open_server = make_server(sample, port=0, cors="*", workers=1, memory=True)
    thread = _start(open_server)
    try:
        result = _client(open_server, _types_query()).queryAndConvert()  # served from memory
        got = {b["type"]["value"]: int(b["n"]["value"]) for b in result["results"]["bindings"]}
        assert got == _expected_types(sample)
        open_url = open_server.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        _, headers, _ = _http(open_url, headers={"Origin": "https://example.org"})
        assert headers["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = _http(open_server.url, method="OPTIONS")
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        _stop(open_server, thread)


def test_query_page_works_offline(server: SparqlServer) -> None:
    status, headers, body = _http(server.url.replace("/sparql", "/"))
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing fetched
    assert "projects-by-keyword" in page and 'fetch("sparql"' in page


_PAGE_SCRIPT = """
import json, sys
from playwright.sync_api import sync_playwright
url, executable, query = sys.argv[1:4]
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
    page = browser.new_page()
    page.goto(url)
    page.fill("#query", query)
    page.click("button[type=submit]")
    page.wait_for_selector("#result table", timeout=20000)
    cells = page.locator("#result table tr td:first-child").all_inner_texts()
    page.select_option("#named", "evidence")
    named = page.input_value("#query")
    page.fill("#query", "SELECT ?x WHERE { ?x nope:y ?z }")
    page.click("button[type=submit]")
    page.wait_for_selector("#error:not(:empty)", timeout=20000)  # the page's CSP forbids eval
    print(json.dumps({"cells": cells, "named": named, "error": page.inner_text("#error")}))
    browser.close()
"""


def test_query_page_in_a_browser(server: SparqlServer, sample: Dataset, chromium: str) -> None:
    """The page at / in headless Chromium: a query fills the table, a named query fills the
    box, an error shows. Run in a process of its own, beside any other Playwright session."""
    executable = chromium
    page = server.url.replace("/sparql", "/")
    done = subprocess.run(
        [sys.executable, "-c", _PAGE_SCRIPT, page, str(executable), _types_query()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(seen["cells"]) == set(_expected_types(sample))
    assert seen["named"].startswith("# title: Evidence for a node")
    assert "SPARQL syntax error" in seen["error"]


def test_negotiate() -> None:
    results, rdf = pyoxigraph.QueryResultsFormat, pyoxigraph.RdfFormat
    assert negotiate("select", None) == results.JSON
    assert negotiate("graph", None) == rdf.TURTLE
    assert negotiate("select", "text/csv;q=0.2, application/sparql-results+xml") == results.XML
    assert negotiate("select", "text/turtle") is None
    assert negotiate("graph", "application/json") == rdf.JSON_LD
    assert negotiate("select", "*/*", ["tsv", "text/tab-separated-values"]) == results.TSV
    assert negotiate("graph", None, ["ntriples"]) == rdf.N_TRIPLES
    assert negotiate("select", None, ["nonsense"]) is None


@pytest.mark.slow
def test_cli_serve_answers_and_stops_on_interrupt(tmp_path: Path, sample: Dataset) -> None:
    data = tmp_path / "graph.trig"
    data.write_text(sample.serialize(format="trig"), encoding="utf-8")
    process, url = start_serve(data)
    try:
        ask = url + "?" + urllib.parse.urlencode({"query": "ASK { ?p a pg:Project }"})
        status, _, body = _http(ask, headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and json.loads(body)["boolean"] is True
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        stop_process(process)


def test_cli_serve_bad_store_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["serve", "--store", str(tmp_path), "--port", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not a plangraph store" in err


# --- attacks and faults (issue 17) --------------------------------------------------------------


class _Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        import socket

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(4096) or b"<connected>")
                except OSError:
                    self.received.append(b"<connected>")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[_Listener]:
    found = _Listener()
    yield found
    found.close()


def _bypasses(port: int) -> list[str]:
    target = f"<http://127.0.0.1:{port}/x>"
    return [
        "PREFIX k: <https://w3id.org/plangraph/ontology#Keyword>"
        f" SELECT * WHERE {{ ?s a k: SERVICE {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?a?b?c SERVICE{target}{{?a ?b ?c}} }}",
        f"select * {{ service silent {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s pg:x 'a' # }}\n SERVICE {target} {{ ?a ?b ?c }} }}",
        f'SELECT * WHERE {{ ?s pg:x """a " b""" SERVICE {target} {{ ?a ?b ?c }} }}',
        f"ASK {{ FILTER(1<2) SERVICE {target} {{ ?a ?b ?c }} }}",
    ]


def test_service_is_refused_and_nothing_is_fetched(
    server: SparqlServer, listener: _Listener
) -> None:
    for text in _bypasses(listener.port):
        get = server.url + "?" + urllib.parse.urlencode({"query": text})
        status, _, body = _http(get)
        assert status == 403 and b"SERVICE" in body, (text, body)
        status, _, body = _http(
            server.url, data=text.encode(), headers={"Content-Type": "application/sparql-query"}
        )
        assert status == 403, (text, body)
    time.sleep(0.5)
    assert listener.received == []


def test_a_worker_cannot_reach_the_network_even_past_the_check(
    server: SparqlServer, listener: _Listener
) -> None:
    from plangraph.sparql.serve.workers import Job

    assert server.pool.unguarded == []  # the sandbox is in place on this machine
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?c }} }}"
    job = Job(text, None, (), None, None, MAX_ROWS, 1 << 20)  # straight to a worker
    status, _, body = server.pool.run(job, TIME_LIMIT * 5)
    assert status == 400 and b"Permission denied" in body
    time.sleep(0.5)
    assert listener.received == []


def _count(server: SparqlServer, text: str, **params: str) -> tuple[int, bytes]:
    url = server.url + "?" + urllib.parse.urlencode({"query": text, **params})
    status, _, body = _http(url, headers={"Accept": "text/csv"})
    return status, body


def test_from_and_the_graph_parameters_as_sparql_says(
    server: SparqlServer, sample: Dataset
) -> None:
    doc = "https://w3id.org/plangraph/id/doc/shanxi-2024"
    reference = "https://w3id.org/plangraph/id/graph/reference"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    n_doc = len(sample.graph(doc))
    assert _count(server, f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}") == (
        200,
        f"n\r\n{n_doc}\r\n".encode(),
    )
    relative = "SELECT (COUNT(*) AS ?n) FROM <doc/shanxi-2024> WHERE { ?s ?p ?o }"
    assert _count(server, relative)[1] == f"n\r\n{n_doc}\r\n".encode()
    # only FROM: no named graphs; only FROM NAMED: an empty default graph
    assert (
        _count(server, f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")[
            1
        ]
        == b"n\r\n0\r\n"
    )
    assert (
        _count(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{doc}> WHERE {{ ?s ?p ?o }}")[1]
        == b"n\r\n0\r\n"
    )
    named_only = (
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{doc}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert _count(server, named_only)[1] == b"n\r\n1\r\n"
    # a graph the data lacks is refused, never read as everything
    status, body = _count(
        server, "SELECT (COUNT(*) AS ?n) FROM <http://nowhere.example/g> { ?s ?p ?o }"
    )
    assert status == 400 and b"not a graph of this dataset" in body
    status, body = _count(server, count, **{"default-graph-uri": "http://nowhere.example/g"})
    assert status == 400 and b"default-graph-uri" in body
    # the protocol's parameters: each alone leaves the other half of the dataset empty
    assert _count(server, graphs, **{"default-graph-uri": doc})[1] == b"n\r\n0\r\n"
    assert _count(server, count, **{"named-graph-uri": reference})[1] == b"n\r\n0\r\n"
    assert _count(server, graphs, **{"named-graph-uri": reference})[1] == b"n\r\n1\r\n"
    status, body = _count(server, count, **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"not an absolute IRI" in body


def test_from_on_the_command_line(
    tmp_path: Path, sample: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "graph.trig"
    data.write_text(sample.serialize(format="trig"), encoding="utf-8")
    doc = "https://w3id.org/plangraph/id/doc/shanxi-2024"
    text = f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}"
    assert main(["query", text, "--data", str(data), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", str(len(sample.graph(doc)))]
    missing = "SELECT (COUNT(*) AS ?n) FROM <http://nowhere.example/g> WHERE { ?s ?p ?o }"
    assert main(["query", missing, "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "FROM <http://nowhere.example/g> is not a graph of this dataset" in err


@pytest.mark.slow  # processes started and stopped, or waited for
def test_a_memory_hungry_query_is_stopped_and_its_worker_replaced(sample: Dataset) -> None:
    limits = Limits(timeout=60, max_rows=MAX_ROWS, memory_mb=900)
    lines: list[str] = []
    hungry = make_server(sample, port=0, limits=limits, workers=1, log=lines.append)
    thread = _start(hungry)
    try:
        first = hungry.pool.pids()
        runaway = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
        started = time.monotonic()
        status, _, body = _http(hungry.url + "?" + urllib.parse.urlencode({"query": runaway}))
        assert status == 503 and b"more memory than this endpoint allows" in body, body
        assert time.monotonic() - started < 60
        result = _client(hungry, "ASK { ?p a pg:Project }").queryAndConvert()
        assert result["boolean"] is True  # answered by the new worker
        assert hungry.pool.pids() != first
        assert any("ended" in line for line in lines)
    finally:
        _stop(hungry, thread)


@pytest.mark.slow
def test_an_answer_past_the_byte_limit_is_refused(sample: Dataset) -> None:
    limits = Limits(timeout=30, max_rows=100_000, max_bytes=20_000)
    small = make_server(sample, port=0, limits=limits, workers=1)
    thread = _start(small)
    try:
        url = small.url + "?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"})
        status, _, body = _http(url)
        assert status == 503 and b"larger than 20000 bytes" in body
        assert _client(small, "ASK { ?p a pg:Project }").queryAndConvert()["boolean"] is True
    finally:
        _stop(small, thread)


def _nested(depth: int) -> str:
    return "ASK " + "{" * depth + " ?s ?p ?o " + "}" * depth


def test_deep_nesting_is_refused_before_parsing(server: SparqlServer, tmp_path: Path) -> None:
    status, _, body = _http(
        server.url,
        data=_nested(5000).encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 400 and b"nests brackets more than" in body
    assert _client(server, "ASK { ?p a pg:Project }").queryAndConvert()["boolean"] is True
    assert _http(server.url + "?" + urllib.parse.urlencode({"query": _nested(50)}))[0] == 200
    data = tmp_path / "g.nt"
    data.write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    command = [sys.executable, "-m", "plangraph.cli", "query", _nested(5000), "--data", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "nests brackets more than" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bind_that_is_no_iri_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "g.nt"
    data.write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    argv = ["query", "SELECT ?k WHERE { ?k ?p ?o }", "--data", str(data), "--bind", "k=<a b>"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "'<a b>' is not a valid IRI" in err and len(err.strip().splitlines()) == 1


def test_head_trailing_slash_and_relative_iris(server: SparqlServer) -> None:
    url = server.url + "?" + urllib.parse.urlencode({"query": "ASK { ?p a pg:Project }"})
    status, headers, body = _http(url, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, _, body = _http(url.replace("/sparql?", "/sparql/?"))
    assert status == 200 and json.loads(body)["boolean"] is True
    relative = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    status, _, body = _http(
        server.url + "?" + urllib.parse.urlencode({"query": relative}),
        headers={"Accept": "application/n-triples"},
    )
    assert status == 200
    assert body.decode().split()[:2] == [
        "<https://w3id.org/plangraph/id/s>",
        "<https://w3id.org/plangraph/id/p>",
    ]


@pytest.mark.slow
def test_cli_serve_quiet_logs_no_requests(tmp_path: Path, sample: Dataset) -> None:
    data = tmp_path / "graph.trig"
    data.write_text(sample.serialize(format="trig"), encoding="utf-8")
    process, url = start_serve(data, "-q")
    try:
        for _ in range(3):
            assert _http(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
        assert process.stderr is not None
        rest = process.stderr.read()
        assert "GET /sparql" not in rest and "HTTP/1.1" not in rest
    finally:
        stop_process(process)
