"""The SPARQL 1.1 Protocol, read-only: from an HTTP request to a query job or a refusal.

- ``/sparql`` (and ``/sparql/``) takes a query by GET or HEAD (``?query=…``), by POST of a form
  (``application/x-www-form-urlencoded``) or by POST of the query itself
  (``application/sparql-query``); ``default-graph-uri`` and ``named-graph-uri`` name the
  query's dataset (graphs of the data only). ``/`` is the query page.
- SPARQL Update is refused (403), and so is a query that calls out (``SERVICE``, 403), one
  nested deeper than :data:`~plangraph.sparql.syntax.MAX_DEPTH` (400, before any parser sees
  it), and one asking for a format not offered (406).

:func:`read_request` is a pure function of the request's parts, so it can be tested (and
fuzzed) without a socket; the HTTP handler reads the parts and sends what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from plangraph.errors import InputError
from plangraph.sparql.serve.negotiation import negotiate, offered
from plangraph.sparql.serve.workers import Job

__all__ = ["MAX_BODY", "Limits", "Options", "Page", "Refusal", "read_request"]

MAX_BODY = 1 << 20
"""Bytes of a POSTed query or form, at most."""

ENDPOINT = "/sparql"
_READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds of running time, rows (or triples) and bytes of the answer,
    and MiB of memory (address space) per worker process (0: none)."""

    timeout: float = 30.0
    max_rows: int = 10_000
    max_bytes: int = 64 << 20
    memory_mb: int = 2048


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str
    allow: str | None = None  # the Allow header of a 405


@dataclass(frozen=True)
class Page:
    """The query page."""


@dataclass(frozen=True)
class Options:
    """An OPTIONS request (CORS preflight)."""


def _params(query: str) -> dict[str, list[str]]:
    return parse_qs(query, keep_blank_values=True, errors="strict", max_num_fields=1000)


def _check_graph_iri(name: str, value: str) -> Refusal | None:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError as exc:
        return Refusal(400, f"{name} {value!r} is not an absolute IRI: {exc}")
    return None


def read_request(
    method: str,
    target: str,
    headers: Mapping[str, str],
    body: bytes | None,
    limits: Limits,
) -> Job | Refusal | Page | Options:
    """What to do with a request: ``method``, its ``target`` (path and query string), its
    ``headers`` (names in any case) and ``body`` (POST; at most :data:`MAX_BODY` bytes)."""
    lower = {k.lower(): v for k, v in headers.items()}
    url = urlsplit(target)
    path = url.path
    if method == "OPTIONS":
        return Options()
    if path in ("/", "/index.html") and method in ("GET", "HEAD"):
        return Page()
    if path not in (ENDPOINT, ENDPOINT + "/"):
        return Refusal(
            404, f"no such page {path}; the endpoint is {ENDPOINT}, a query page is at /"
        )
    if method not in ("GET", "HEAD", "POST"):
        return Refusal(405, "this endpoint is read-only: use GET or POST", allow=ALLOWED_METHODS)
    try:
        params = _params(url.query)
    except (UnicodeDecodeError, ValueError) as exc:
        return Refusal(400, f"the query string cannot be read: {exc}")
    direct = None
    if method == "POST":
        media = (lower.get("content-type") or "").split(";")[0].strip().lower()
        try:
            text = (body or b"").decode("utf-8")
        except UnicodeDecodeError as exc:
            return Refusal(400, f"the request body is not UTF-8 (byte {exc.start})")
        if media == "application/x-www-form-urlencoded":
            try:
                form = _params(text)
            except (UnicodeDecodeError, ValueError) as exc:
                return Refusal(400, f"the form cannot be read: {exc}")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            direct = text
        elif media == "application/sparql-update":
            return Refusal(403, _READ_ONLY)
        else:
            return Refusal(
                415,
                "send the query as application/x-www-form-urlencoded (query=…) or as"
                f" application/sparql-query, not {media or 'no Content-Type'}",
            )
    return _query_job(params, direct, lower.get("accept"), limits)


def _query_job(
    params: dict[str, list[str]], direct: str | None, accept: str | None, limits: Limits
) -> Job | Refusal:
    from plangraph.sparql.prepare import prepare

    if "update" in params:
        return Refusal(403, _READ_ONLY)
    queries = params.get("query", [])
    if direct is not None:
        if queries:
            return Refusal(400, "give the query either in the body or as 'query', not both")
        queries = [direct]
    if len(queries) != 1 or not queries[0].strip():
        message = "more than one query" if len(queries) > 1 else "no query given"
        return Refusal(400, f"{message}: send exactly one (GET /sparql?query=…); a page is at /")
    try:
        prepared = prepare(queries[0], as_text=True)
    except InputError as exc:
        return Refusal(400, str(exc))
    shape = prepared.shape
    if shape.update:
        return Refusal(403, _READ_ONLY)
    if shape.service:
        return Refusal(403, "SERVICE (calling other endpoints) is not allowed on this endpoint")
    default_graph = params.get("default-graph-uri")
    named_graphs = params.get("named-graph-uri")
    for name, values in (("default-graph-uri", default_graph), ("named-graph-uri", named_graphs)):
        for value in values or ():
            refusal = _check_graph_iri(name, value)
            if refusal is not None:
                return refusal
    formats = params.get("format", []) + params.get("output", [])
    if shape.form is not None and negotiate(shape.form, accept, formats) is None:
        return Refusal(406, f"no format asked for is offered; offered: {offered(shape.form)}")
    return Job(
        query=queries[0],
        accept=accept,
        formats=tuple(formats),
        default_graph=tuple(default_graph) if default_graph is not None else None,
        named_graphs=tuple(named_graphs) if named_graphs is not None else None,
        max_rows=limits.max_rows,
        max_bytes=limits.max_bytes,
    )
