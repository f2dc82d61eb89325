"""Push named graphs into an external SPARQL 1.1 store, each replacing its own graph only.

Two standard protocols, whichever the store offers:

- **Graph Store Protocol** (``protocol="gsp"``, the default): ``PUT ENDPOINT?graph=IRI`` with
  the graph as N-Triples. The store replaces that one graph with the body.
- **SPARQL Update** (``protocol="update"``): ``DROP SILENT GRAPH <IRI> ; INSERT DATA { GRAPH
  <IRI> { … } }`` POSTed as a form (``update=…``); a large graph follows in further
  ``INSERT DATA`` requests of at most ``batch`` triples each.

A document's graph is replaced: facts it no longer states disappear from the store, and no
other graph is touched. The shared reference graph (regions, the industry scheme) is *merged*
instead (GSP ``POST``, or ``INSERT DATA`` without ``DROP``): other documents already in the
store may need regions that this push does not mention. Bodies are UTF-8 with the charset
declared; HTTP Basic and Digest authentication are both answered when a user is given.

Virtuoso (Debian package ``virtuoso-opensource``, 7.2) — the simplest way that works on a
fresh install, and the one the tests use: its *authenticated* endpoints, with HTTP Digest and a
Virtuoso account allowed to write (a new database's ``dba`` account has the password ``dba``)::

    plangraph push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba
    plangraph push --protocol update --endpoint http://127.0.0.1:8890/sparql-auth --user dba

with the password in ``PLANGRAPH_PUSH_PASSWORD``. Virtuoso's open ``/sparql`` and
``/sparql-graph-crud`` refuse writes (``SR186: No permission``) unless ``SPARQL_UPDATE`` is
granted to its ``SPARQL`` user with ``isql``; the ``-auth`` endpoints need no such grant.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

__all__ = ["PushResult", "push"]

REFERENCE_GRAPH = "https://w3id.org/plangraph/id/graph/reference"
_PROTOCOLS = ("gsp", "update")


@dataclass(frozen=True)
class PushResult:
    graph: str
    triples: int
    action: str  # "replaced" or "merged"


_GSP_BATCH = 1000  # triples a Graph Store Protocol request carries (about 200 kB)


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[Any] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def _send(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    timeout: float,
    what: str,
) -> None:
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", "replace")
        first = next((line.strip() for line in detail.splitlines() if line.strip()), "")
        raise InputError(
            f"{what}: the store answered HTTP {exc.code} {exc.reason}"
            + (f": {first[:200]}" if first else "")
        ) from None
    except urllib.error.URLError as exc:
        raise InputError(f"{what}: cannot reach {request.full_url}: {exc.reason}") from None
    except TimeoutError:
        raise InputError(
            f"{what}: no answer from {request.full_url} within {timeout:g} s"
        ) from None


def _triples(store: pyoxigraph.Store, graph: Any) -> list[Any]:
    import pyoxigraph

    return [
        pyoxigraph.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    ]


def _ntriples(triples: Sequence[Any]) -> bytes:
    import pyoxigraph

    out = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return out if out is not None else b""


def _batches(triples: list[Any], size: int) -> Iterator[list[Any]]:
    import pyoxigraph

    has_blank = any(
        isinstance(t.subject, pyoxigraph.BlankNode) or isinstance(t.object, pyoxigraph.BlankNode)
        for t in triples
    )
    if has_blank or len(triples) <= size:  # blank nodes must stay in one request
        yield triples
        return
    for start in range(0, len(triples), size):
        yield triples[start : start + size]


def push(
    data: Dataset | Graph | str | Path,
    endpoint: str,
    *,
    protocol: str = "gsp",
    user: str | None = None,
    password: str | None = None,
    graphs: Sequence[str] | None = None,
    batch: int = 5000,
    timeout: float = 120.0,
    progress: Callable[[str], None] | None = None,
) -> list[PushResult]:
    """Send each named graph of ``data`` (a built file, a store folder or a Dataset) to
    ``endpoint``; ``graphs`` picks some of them by IRI. Returns what was sent, graph by graph."""
    from plangraph.sparql.store import open_data

    if protocol not in _PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r} (expected one of {', '.join(_PROTOCOLS)})")
    scheme = urllib.parse.urlsplit(endpoint).scheme
    if scheme not in ("http", "https") or not urllib.parse.urlsplit(endpoint).netloc:
        raise InputError(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    store = open_data(data)
    available = {g.value: g for g in store.named_graphs()}
    chosen = list(graphs) if graphs else sorted(available, key=lambda g: (g == REFERENCE_GRAPH, g))
    unknown = [g for g in chosen if g not in available]
    if unknown:
        raise InputError(f"the data has no named graph {unknown[0]}")
    if not chosen:
        raise InputError("the data has no named graphs to push")
    opener = _opener(endpoint, user, password)
    results = []
    for name in chosen:
        triples = _triples(store, available[name])
        merge = name == REFERENCE_GRAPH
        what = f"pushing <{name}>"
        if protocol == "gsp":
            url = (
                endpoint
                + ("&" if "?" in endpoint else "?")
                + urllib.parse.urlencode({"graph": name})
            )
            # a graph in bodies of a bounded size: a store asking for credentials answers the
            # first request of each with 401 before reading it, and closes on a large body
            # before the client has sent it (a broken pipe, not the 401)
            for n, chunk in enumerate(_batches(triples, _GSP_BATCH)):
                request = urllib.request.Request(
                    url,
                    data=_ntriples(chunk),
                    method="POST" if merge or n else "PUT",
                    headers={"Content-Type": "application/n-triples; charset=utf-8"},
                )
                _send(opener, request, timeout, what)
        else:
            first = True
            for chunk in _batches(triples, batch):
                body = _ntriples(chunk).decode("utf-8")
                update = f"INSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}"
                if first and not merge:
                    update = f"DROP SILENT GRAPH <{name}> ;\n" + update
                first = False
                request = urllib.request.Request(
                    endpoint,
                    data=urllib.parse.urlencode({"update": update}).encode("ascii"),
                    method="POST",
                    headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                )
                _send(opener, request, timeout, what)
        result = PushResult(name, len(triples), "merged" if merge else "replaced")
        results.append(result)
        if progress:
            progress(f"{result.action} <{name}>: {result.triples} triples")
    return results
