"""Answers written by pyoxigraph's writers, whole and bounded: the bounded path (TSV or
N-Triples counted line by line, then converted) gives what the direct path gives, and stops
exactly past the limit, literals with line breaks and tabs included."""

from __future__ import annotations

import io

import pyoxigraph
import pytest

from plangraph.sparql.writers import TooLarge, formats, write, write_bounded

ROWS = 7


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode("http://x.org/g")
    for i in range(ROWS):
        subject = pyoxigraph.NamedNode(f"http://x.org/s{i}") if i % 2 else pyoxigraph.BlankNode()
        value = pyoxigraph.Literal(f'line {i}\nnext\t"quoted"', language="zh" if i % 3 else None)
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode("http://x.org/p"), value, graph))
    return store


SELECT = "SELECT ?s ?o ?none WHERE { ?s ?p ?o } ORDER BY STR(?o)"
CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o }"


def _run(store: pyoxigraph.Store, text: str) -> object:
    return store.query(text, use_default_graph_as_union=True)


@pytest.mark.parametrize("fmt", formats("select"), ids=lambda f: f.file_extension)
def test_bounded_select_is_the_direct_answer(store: pyoxigraph.Store, fmt: object) -> None:
    direct = _run(store, SELECT).serialize(format=fmt)
    bounded = write_bounded(_run(store, SELECT), fmt, max_rows=ROWS, max_bytes=None)
    assert bounded == direct


@pytest.mark.parametrize("fmt", formats("graph"), ids=lambda f: f.file_extension)
def test_bounded_graph_is_the_direct_answer(store: pyoxigraph.Store, fmt: object) -> None:
    bounded = write_bounded(_run(store, CONSTRUCT), fmt, max_rows=ROWS, max_bytes=None)
    read = {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in pyoxigraph.parse(bounded, format=fmt)
    }
    expected = {(str(t.subject), str(t.predicate), str(t.object)) for t in _run(store, CONSTRUCT)}
    blank = {t for t in expected if t[0].startswith("_:")}
    assert len(read) == len(expected)
    assert read - {t for t in read if t[0].startswith("_:")} == expected - blank


def test_limits_stop_exactly_past_them(store: pyoxigraph.Store) -> None:
    json_format = pyoxigraph.QueryResultsFormat.JSON
    write_bounded(_run(store, SELECT), json_format, max_rows=ROWS, max_bytes=None)
    with pytest.raises(TooLarge) as caught:
        write_bounded(_run(store, SELECT), json_format, max_rows=ROWS - 1, max_bytes=None)
    assert (caught.value.what, caught.value.limit) == ("rows", ROWS - 1)
    with pytest.raises(TooLarge) as caught:
        write_bounded(
            _run(store, CONSTRUCT), pyoxigraph.RdfFormat.TURTLE, max_rows=ROWS - 1, max_bytes=None
        )
    assert caught.value.what == "triples"
    with pytest.raises(TooLarge) as caught:
        write_bounded(_run(store, SELECT), json_format, max_rows=None, max_bytes=100)
    assert caught.value.what == "bytes"


def test_write_streams_and_ends_the_line(store: pyoxigraph.Store) -> None:
    out = io.BytesIO()
    write(_run(store, "ASK { ?s ?p ?o }"), "json", out)
    assert out.getvalue() == b'{"head":{},"boolean":true}\n'
    out = io.BytesIO()
    write(_run(store, CONSTRUCT), "ttl", out)
    assert b"@prefix rdfs:" in out.getvalue() and out.getvalue().endswith(b"\n")
