"""Starting and stopping the endpoint (``plangraph serve``): a read-only SPARQL 1.1 Protocol
endpoint at ``/sparql`` and a query page at ``/``, on 127.0.0.1 unless told otherwise.

- Requests are read by :mod:`.protocol`, answers negotiated by :mod:`.negotiation` (JSON, XML,
  CSV, TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE;
  nothing acceptable: 406), and served by :mod:`.handler`.
- Each query runs in a worker process (:mod:`.workers`) that holds the store open read-only,
  cannot open a network connection and has a memory ceiling (:mod:`.sandbox`). A query past the
  time limit is stopped by ending its worker (503); one past the memory ceiling or the answer's
  size in bytes is stopped too (503, saying which); a fresh worker takes its place, so the
  server keeps serving. A result with more rows than the limit is refused (422).

``--data FILE`` is bulk-loaded into a temporary store first; a store folder is served as it is,
and a new ``plangraph build --store`` into it is picked up by the next query.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.errors import InputError
from plangraph.sparql.serve.handler import SparqlServer
from plangraph.sparql.serve.protocol import Limits
from plangraph.sparql.serve.workers import Pool

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = ["DEFAULT_PORT", "Limits", "SparqlServer", "make_server", "serve"]

DEFAULT_PORT = 7878


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
    each worker copies the store into memory (see ``open_store``): faster queries, more RAM
    (mind ``limits.memory_mb``). ``log`` gets a line per request, and why a worker ended.
    """
    from plangraph.sparql.store import _current_snapshot, load_store

    if (store is None) == (data is None):
        raise InputError("give the data to serve: an RDF file or a store folder, not both")
    limits = limits or Limits()
    temporary = None
    if store is None and isinstance(data, str | Path) and Path(data).is_dir():
        store = data
    if store is not None:
        folder = Path(store)
        _current_snapshot(folder)  # a DataError now, rather than in every worker
    else:
        assert data is not None
        temporary = Path(tempfile.mkdtemp(prefix="plangraph-serve-"))
        folder = temporary / "store"
    pool = Pool(folder, workers, memory=memory, megabytes=limits.memory_mb, log=log)
    try:
        if temporary is not None:
            load_store(folder, data)  # type: ignore[arg-type]
        pool.start()
        return SparqlServer((host, port), pool, limits, cors=cors, log=log, temporary=temporary)
    except BaseException as exc:
        pool.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        raise


def serve(server: SparqlServer, *, ready: Callable[[SparqlServer], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C), then stop the workers and clean up."""
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.close()
