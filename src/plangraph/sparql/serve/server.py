"""A read-only SPARQL 1.1 Protocol endpoint at ``/sparql``, and a query page at ``/``.

- Queries come by GET (``?query=…``), by POST of a form (``application/x-www-form-urlencoded``)
  or by POST of the query itself (``application/sparql-query``); ``default-graph-uri`` and
  ``named-graph-uri`` are honoured. By default all named graphs together are the default graph.
- Results are negotiated from ``Accept`` (or a ``format``/``output`` parameter): SPARQL results
  JSON, XML, CSV and TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML and JSON-LD for
  CONSTRUCT and DESCRIBE. Nothing acceptable: 406.
- Read-only: SPARQL Update is refused with 403 and the data is never opened for writing;
  ``SERVICE`` (a query calling out to other servers) is refused with 403 too.
- Each query runs in a worker process with the store opened read-only. A query that runs past
  the time limit is stopped by ending its worker (503), and a fresh worker takes its place, so
  the server keeps serving; a result with more rows than the limit is refused (422).
- CORS headers only when asked for (``cors="*"`` or an origin). Bound to 127.0.0.1 unless told.

``--data FILE`` is bulk-loaded into a temporary store first; a store folder is served as it is,
and a new ``plangraph build --store`` into it is picked up by the next query.
"""

from __future__ import annotations

import html
import json
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from plangraph._version import __version__
from plangraph.errors import DataError, InputError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = ["DEFAULT_PORT", "Limits", "SparqlServer", "make_server", "negotiate", "serve"]

DEFAULT_PORT = 7878
_MAX_BODY = 1 << 20  # bytes of a POSTed query or form
_READY_WAIT = 60.0  # seconds a new worker may take to open the store

_RESULT_TYPES = {  # media type → format, for SELECT and ASK; the first is the default
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {  # media type → format, for CONSTRUCT and DESCRIBE; the first is the default
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json",
    "application/json": "json",
}
_SHORT_NAMES = {
    "json": "json",
    "srj": "json",
    "xml": "xml",
    "srx": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "turtle",
    "ttl": "turtle",
    "ntriples": "ntriples",
    "nt": "ntriples",
    "rdfxml": "xml",
    "rdf+xml": "xml",
    "jsonld": "json",
    "json-ld": "json",
}


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds of running time and rows (or triples) of result."""

    timeout: float = 30.0
    max_rows: int = 10_000


# --- content negotiation ---------------------------------------------------------------------


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``offer`` (0 when none does)."""
    best, best_specificity = 0.0, -1
    kind = offer.split("/")[0]
    for media, q in ranges:
        if media == offer:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = q, specificity
    return best


def negotiate(kind: str, accept: str | None, formats: list[str] | None = None) -> str | None:
    """The format to answer a ``kind`` (select, ask, graph) query in, or None (406).

    ``formats`` are the values of ``format``/``output`` parameters (short names such as
    ``json`` or media types); when given they win over ``Accept``.
    """
    table = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
    offered = set(table.values())
    if formats:
        for value in formats:
            value = value.strip().lower()
            name = _SHORT_NAMES.get(value) or table.get(value.split(";")[0].strip())
            if name in offered:
                return name
        return None
    ranges = _accept_ranges(accept or "")
    if not ranges:
        return next(iter(table.values()))
    best, best_q = None, 0.0
    for media, name in table.items():
        q = _quality(media, ranges)
        if q > best_q:
            best, best_q = name, q
    return best


def _offered(kind: str) -> str:
    table = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
    return ", ".join(table)


# --- worker processes ------------------------------------------------------------------------


def _worker_main(argv: list[str]) -> None:
    """A worker process (argv: jobs pipe, answers pipe, store folder, memory|disk)."""
    from multiprocessing.connection import Connection

    from plangraph.sparql.store import _current_snapshot, open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    jobs = Connection(int(argv[0]), writable=False)
    answers = Connection(int(argv[1]), readable=False)
    store_dir, memory = argv[2], argv[3] == "memory"
    try:
        snapshot = _current_snapshot(Path(store_dir))
        store = open_store(store_dir, memory=memory)
    except Exception as exc:
        answers.send(f"cannot open the store: {exc}")
        return
    answers.send("ready")
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:  # a new build into the store: read the new snapshot
            current = _current_snapshot(Path(store_dir))
            if current != snapshot:
                store, snapshot = open_store(store_dir, memory=memory), current
        except DataError:
            pass
        answers.send(_answer(store, job))


def _answer(store: Any, job: dict[str, Any]) -> tuple[int, str, bytes]:
    from plangraph.sparql.execute import Prepared, execute, serialize

    try:
        # the text is used as it came: no named queries or files on the server's disk
        prepared = Prepared(job["query"], "<query>")
        results = execute(
            store,
            prepared,
            max_rows=job["max_rows"],
            default_graph=job["default_graph"],
            named_graphs=job["named_graphs"],
        )
    except InputError as exc:
        return _text(400, str(exc))
    except Exception as exc:  # a bug: report it, keep the worker
        return _text(500, f"internal error: {type(exc).__name__}: {exc}")
    if not results.complete:
        what = "triples" if results.kind == "graph" else "rows"
        return _text(
            422,
            f"the result has more than {job['max_rows']} {what}, the limit of this endpoint;"
            " narrow the query or add LIMIT",
        )
    fmt = negotiate(results.kind, job["accept"], job["formats"])
    if fmt is None:
        return _text(
            406,
            f"cannot give this result in the format asked for; offered: {_offered(results.kind)}",
        )
    from plangraph.sparql.execute import GRAPH_FORMATS, RESULT_FORMATS

    media = (GRAPH_FORMATS if results.kind == "graph" else RESULT_FORMATS)[fmt]
    return 200, media, serialize(results, fmt)


def _text(status: int, message: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode()


class _Worker:
    """One worker process, started as ``python -c`` (not forked from a threaded server, and
    without re-running the caller's main module as multiprocessing's spawn would); jobs and
    answers travel over two pipes."""

    def __init__(self, store_dir: Path, memory: bool) -> None:
        import os
        import subprocess
        from multiprocessing.connection import Connection

        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        package_root = str(Path(__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        code = (
            "import sys; from plangraph.sparql.serve.server import _worker_main;"
            " _worker_main(sys.argv[1:])"
        )
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code, str(jobs_read), str(answers_write), str(store_dir)]
                + ["memory" if memory else "disk"],
                pass_fds=(jobs_read, answers_write),
                stdin=subprocess.DEVNULL,
                env=env,
            )
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        self._jobs = Connection(jobs_write, readable=False)
        self._answers = Connection(answers_read, writable=False)

    def send(self, job: object) -> None:
        self._jobs.send(job)

    def poll(self, timeout: float) -> bool:
        return self._answers.poll(timeout)

    def recv(self) -> Any:
        return self._answers.recv()

    def wait_ready(self, timeout: float) -> None:
        try:
            ready = self.poll(timeout)
            message = self.recv() if ready else None
        except (EOFError, OSError):
            message = "the query worker stopped while starting"
        if message != "ready":
            self.kill()
            raise DataError(str(message or f"a query worker did not start within {timeout:.0f} s"))

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for conn in (self._jobs, self._answers):
            conn.close()

    def stop(self) -> None:
        try:
            self.send(None)
            self.process.wait(2)
        except Exception:  # already gone, or slow to go: it is killed below
            pass
        self.kill()


class _Pool:
    """Worker processes, each with the store open; a stuck one is ended and replaced."""

    def __init__(self, store_dir: Path, size: int, memory: bool = False) -> None:
        self.store_dir = store_dir
        self.size = max(1, size)
        self.memory = memory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closing = False

    def start(self) -> None:
        started = [self._new() for _ in range(self.size)]
        for worker in started:
            worker.wait_ready(_READY_WAIT)
            self._idle.put(worker)

    def _new(self) -> _Worker:
        worker = _Worker(self.store_dir, self.memory)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
        threading.Thread(target=self._replace, daemon=True).start()

    def _replace(self) -> None:
        if self._closing:
            return
        worker = self._new()
        try:
            worker.wait_ready(_READY_WAIT)
        except DataError:
            with self._lock:
                self._workers.discard(worker)
            return
        if self._closing:
            worker.stop()
        else:
            self._idle.put(worker)

    def run(self, job: dict[str, Any], timeout: float) -> tuple[int, str, bytes]:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, f"busy: no worker was free within the time limit of {timeout:g} s")
        try:
            worker.send(job)
            if worker.poll(max(deadline - time.monotonic(), 0.0)):
                answer: tuple[int, str, bytes] = worker.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            self._retire(worker)
            return _text(500, "internal error: the query worker stopped; it has been replaced")
        self._retire(worker)
        return _text(503, f"the query ran past the time limit of {timeout:g} s and was stopped")

    def close(self) -> None:
        self._closing = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()


# --- HTTP ------------------------------------------------------------------------------------


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``close()`` stops it, its workers, and removes any temporary store."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        pool: _Pool,
        limits: Limits,
        *,
        cors: str | None,
        log: Callable[[str], None] | None,
        temporary: Path | None,
    ) -> None:
        self.pool = pool
        self.limits = limits
        self.cors = cors
        self.log = log
        self.temporary = temporary
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}/sparql"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # the client went away: not ours
            return
        super().handle_error(request, client_address)

    def close(self) -> None:
        self.server_close()
        self.pool.close()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"plangraph/{__version__}"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    # responses

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
            if self.server.cors != "*":
                self.send_header("Vary", "Origin")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, **headers: str) -> None:
        _, content_type, body = _text(status, message)
        self._send(status, content_type, body, **headers)

    # methods

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            page = _page().encode("utf-8")
            self._send(
                200,
                "text/html; charset=utf-8",
                page,
                Content_Security_Policy="default-src 'none'; script-src 'unsafe-inline';"
                " style-src 'unsafe-inline'; connect-src 'self'",
            )
        elif url.path == "/sparql":
            self._sparql(parse_qs(url.query, keep_blank_values=True), None)
        else:
            self._error(404, f"no such page {url.path}; the endpoint is /sparql")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, f"no such page {url.path}; the endpoint is /sparql")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self._error(411, "a POST needs a Content-Length")
            return
        if int(length) > _MAX_BODY:
            self.close_connection = True
            self._error(413, f"the request is larger than {_MAX_BODY} bytes")
            return
        body = self.rfile.read(int(length))
        params = parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the request body is not UTF-8")
            return
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._sparql(params, None)
        elif media == "application/sparql-query":
            self._sparql(params, text)
        elif media == "application/sparql-update":
            self._error(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            self._error(
                415,
                "send the query as application/x-www-form-urlencoded (query=…) or as"
                " application/sparql-query",
            )

    def do_OPTIONS(self) -> None:
        headers = {"Allow": "GET, POST, OPTIONS"}
        if self.server.cors:
            headers.update(
                Access_Control_Allow_Methods="GET, POST, OPTIONS",
                Access_Control_Allow_Headers="Content-Type, Accept",
                Access_Control_Max_Age="600",
            )
        self._send(204, "text/plain", b"", **headers)

    def _not_allowed(self) -> None:
        self._error(405, "this endpoint is read-only: use GET or POST", Allow="GET, POST, OPTIONS")

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    # the SPARQL protocol

    def _sparql(self, params: dict[str, list[str]], direct: str | None) -> None:
        from plangraph.sparql.execute import is_update, query_form, uses_service

        if "update" in params:
            self._error(403, "this endpoint is read-only: SPARQL Update is not accepted")
            return
        queries = params.get("query", [])
        if direct is not None:
            if queries:
                self._error(400, "give the query either in the body or as 'query', not both")
                return
            queries = [direct]
        if len(queries) != 1 or not queries[0].strip():
            message = "more than one query" if len(queries) > 1 else "no query given"
            self._error(400, f"{message}: send exactly one (GET /sparql?query=…); a page is at /")
            return
        text = queries[0]
        if is_update(text):
            self._error(403, "this endpoint is read-only: SPARQL Update is not accepted")
            return
        if uses_service(text):
            self._error(403, "SERVICE (calling other endpoints) is not allowed on this endpoint")
            return
        accept = self.headers.get("Accept")
        formats = params.get("format", []) + params.get("output", [])
        kind = query_form(text)
        if kind is not None and negotiate(kind, accept, formats) is None:
            self._error(406, f"no format asked for is offered; offered: {_offered(kind)}")
            return
        job = {
            "query": text,
            "accept": accept,
            "formats": formats,
            "default_graph": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
            "max_rows": self.server.limits.max_rows,
        }
        status, content_type, body = self.server.pool.run(job, self.server.limits.timeout)
        self._send(status, content_type, body)


# --- the page at / ---------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>plangraph SPARQL</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;
text-align:left;vertical-align:top}th{background:#f3f3f3}#error{color:#b00020;white-space:pre-wrap}
pre{background:#f7f7f7;padding:.5em;overflow:auto}
</style></head><body>
<h1>plangraph SPARQL</h1>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). Prefixes __PREFIXES__
are predeclared. Named query: <select id="named"><option value="">—</option></select></p>
<form id="form"><textarea id="query" name="query" spellcheck="false">SELECT ?type (COUNT(*) AS ?n)
WHERE { ?x a ?type }
GROUP BY ?type ORDER BY DESC(?n)</textarea><br>
<button type="submit">Run</button> <span id="status"></span></form>
<div id="error"></div><div id="result"></div>
<script id="named-queries" type="application/json">__NAMED__</script>
<script>
"use strict";
const named = JSON.parse(document.getElementById("named-queries").textContent);
const select = document.getElementById("named");
for (const q of named) {
  const option = document.createElement("option");
  option.value = q.name; option.textContent = q.name + " — " + q.title;
  select.appendChild(option);
}
select.addEventListener("change", () => {
  const q = named.find(n => n.name === select.value);
  if (q) document.getElementById("query").value = q.text;
});
function cell(term) {
  if (!term) return "";
  return term.type === "literal" && term["xml:lang"] ? term.value + "@" + term["xml:lang"]
    : term.value;
}
document.getElementById("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("error"), result = document.getElementById("result");
  const status = document.getElementById("status");
  error.textContent = ""; result.textContent = ""; status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("sparql", {method: "POST",
      headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: document.getElementById("query").value})});
    const text = await response.text();
    status.textContent = `${response.status} in ${Math.round(performance.now() - started)} ms`;
    if (!response.ok) { error.textContent = text; return; }
    if (!(response.headers.get("Content-Type") || "").includes("json")) {
      const pre = document.createElement("pre"); pre.textContent = text;
      result.appendChild(pre); return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) { result.textContent = String(data.boolean); return; }
    const table = document.createElement("table"), head = table.insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
    }
    for (const row of data.results.bindings) {
      const tr = table.insertRow();
      for (const v of data.head.vars) tr.insertCell().textContent = cell(row[v]);
    }
    result.appendChild(table);
    status.textContent += `, ${data.results.bindings.length} rows`;
  } catch (e) { error.textContent = String(e); status.textContent = ""; }
});
</script></body></html>
"""


def _page() -> str:
    from plangraph.sparql.execute import PREFIXES, named_queries

    named = [{"name": q.name, "title": q.title, "text": q.text} for q in named_queries().values()]
    # JSON inside <script>: "<" escaped so that no text can close the element
    data = json.dumps(named, ensure_ascii=False).replace("<", "\\u003c")
    prefixes = ", ".join(f"<code>{html.escape(p)}:</code>" for p in PREFIXES)
    return _PAGE.replace("__PREFIXES__", prefixes).replace("__NAMED__", data)


# --- starting and stopping -------------------------------------------------------------------


def make_server(
    data: Dataset | Graph | str | Path | None = None,
    *,
    store: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    limits: Limits | None = None,
    cors: str | None = None,
    workers: int = 2,
    log: Callable[[str], None] | None = None,
    memory: bool = False,
) -> SparqlServer:
    """A ready server (call ``serve_forever()``, then ``close()``); port 0 picks a free one.

    Serves the store folder ``store``, or ``data`` (an RDF file, a store folder, an rdflib
    Dataset or Graph) loaded into a temporary store that ``close()`` removes. With ``memory``
    each worker copies the store into memory (see ``open_store``): faster queries, more RAM.
    """
    from plangraph.sparql.store import _current_snapshot, load_store

    if (store is None) == (data is None):
        raise InputError("give the data to serve: an RDF file or a store folder, not both")
    temporary = None
    if store is None and isinstance(data, str | Path) and Path(data).is_dir():
        store = data
    if store is not None:
        folder = Path(store)
        _current_snapshot(folder)  # a DataError now, rather than in every worker
    else:
        assert data is not None
        temporary = Path(tempfile.mkdtemp(prefix="plangraph-serve-"))
        try:
            load_store(temporary / "store", data)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        folder = temporary / "store"
    pool = _Pool(folder, workers, memory)
    try:
        pool.start()
        return SparqlServer(
            (host, port), pool, limits or Limits(), cors=cors, log=log, temporary=temporary
        )
    except BaseException as exc:
        pool.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        raise


def serve(
    data: Dataset | Graph | str | Path | None = None,
    *,
    store: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    limits: Limits | None = None,
    cors: str | None = None,
    workers: int = 2,
    log: Callable[[str], None] | None = None,
    ready: Callable[[SparqlServer], None] | None = None,
    memory: bool = False,
) -> None:
    """Serve until interrupted (Ctrl-C), then stop the workers and clean up."""
    log = log if log is not None else (lambda line: print(line, file=sys.stderr))
    server = make_server(
        data,
        store=store,
        host=host,
        port=port,
        limits=limits,
        cors=cors,
        workers=workers,
        log=log,
        memory=memory,
    )
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.close()
