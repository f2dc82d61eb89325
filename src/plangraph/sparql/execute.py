"""Running a SPARQL query on a plangraph dataset, with the dataset SPARQL 1.1 gives it.

Queries run on Oxigraph (pyoxigraph): a store folder is opened read-only, an RDF file or an
rdflib Dataset is loaded into memory first. The query's dataset:

- by default all named graphs together are its default graph (a document's facts and the shared
  reference graph as one), and ``GRAPH ?g`` still reaches each named graph on its own;
- ``FROM`` and ``FROM NAMED`` in the query name its default and named graphs instead (only
  ``FROM``: no named graphs; only ``FROM NAMED``: an empty default graph);
- the SPARQL Protocol's ``default-graph-uri`` and ``named-graph-uri`` (``default_graph``,
  ``named_graphs``) take precedence over both, in the same way.

Every graph named must be a named graph of the data: an IRI that is not is refused (an
InputError), never fetched and never read as "everything". Prefixes of
:data:`plangraph.graph.namespace.PREFIXES` are predeclared and relative IRIs resolve against
:data:`~plangraph.sparql.prepare.BASE_IRI`; a query's own ``PREFIX`` and ``BASE`` take
precedence. (Oxigraph 0.5 counts a triple that two graphs of a merged default graph share
once per graph; the named queries count with DISTINCT where that matters.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError
from plangraph.graph.namespace import PREFIXES
from plangraph.sparql.prepare import BASE_IRI, Prepared, prepare, with_values
from plangraph.sparql.results import Results, gather

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from rdflib import Dataset, Graph

    from plangraph.sparql.results import Answer

__all__ = ["execute", "query", "run"]


def _syntax_error(exc: SyntaxError, text: str, origin: str) -> InputError:
    message = " ".join(str(exc.msg or exc).split())
    line = column = None
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if m:
        line, column, message = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in message:
        message = (
            "unknown prefix (declare it with PREFIX; predeclared: " + ", ".join(PREFIXES) + ")"
        )
    elif re.search(r"base IRI|relative IRI", message, re.IGNORECASE):
        message = f"{message} (relative IRIs resolve against {BASE_IRI} unless BASE says)"
    elif len(message) > 100:
        message = message[:100].rsplit(",", 1)[0] + ", …"
    near = ""
    if line is not None and column is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines):
            snippet = lines[line - 1][max(column - 20, 0) : column + 10].strip()
            near = f" near {snippet!r}" if snippet else ""
    return InputError(
        f"SPARQL syntax error: {message}{near}", path=origin, line=line, column=column
    )


def _graph(store: pyoxigraph.Store, iri: str, what: str) -> pyoxigraph.NamedNode:
    """A named graph of ``store``; an InputError for a malformed IRI or a graph it lacks."""
    import pyoxigraph

    try:
        node = pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"{what} {iri!r} is not a valid IRI: {exc}") from None
    if not store.contains_named_graph(node):
        have = sorted(g.value for g in store.named_graphs())
        shown = ", ".join(f"<{g}>" for g in have[:3]) + (", …" if len(have) > 3 else "")
        raise InputError(
            f"{what} <{iri}> is not a graph of this dataset"
            f" ({len(have)} named graphs: {shown or 'none'})"
        )
    return node


def _dataset_options(
    store: pyoxigraph.Store,
    prepared: Prepared,
    default_graph: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
) -> dict[str, Any]:
    if default_graph is not None or named_graphs is not None:  # the protocol's parameters
        return {
            "default_graph": [_graph(store, g, "default-graph-uri") for g in default_graph or ()],
            "named_graphs": [_graph(store, g, "named-graph-uri") for g in named_graphs or ()],
        }
    shape = prepared.shape
    if shape.has_dataset:  # Oxigraph reads FROM and FROM NAMED itself; each must exist
        for iri in shape.from_graphs:
            _graph(store, iri, "FROM")
        for iri in shape.from_named:
            _graph(store, iri, "FROM NAMED")
        return {}
    return {"use_default_graph_as_union": True}


def run(
    store: pyoxigraph.Store,
    prepared: Prepared,
    *,
    default_graph: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
) -> Answer:
    """The answer of a prepared query, as pyoxigraph gives it (lazy: read it inside
    :func:`~plangraph.sparql.results.evaluation`). ``default_graph`` and ``named_graphs`` are
    the SPARQL Protocol's ``default-graph-uri`` and ``named-graph-uri``."""
    if prepared.shape.update:
        raise InputError(
            "SPARQL Update is not accepted: plangraph queries only read"
            " (load data with `plangraph build --store DIR`)",
            path=prepared.origin,
        )
    options = _dataset_options(store, prepared, default_graph, named_graphs)
    text = with_values(prepared)
    try:
        return store.query(text, prefixes=PREFIXES, base_iri=BASE_IRI, **options)
    except SyntaxError as error:
        exc, shown = error, text
        if text != prepared.text:  # point into the text as written, without the VALUES block
            import pyoxigraph

            try:
                pyoxigraph.Store().query(prepared.text, prefixes=PREFIXES, base_iri=BASE_IRI)
            except SyntaxError as original:
                exc, shown = original, prepared.text
        raise _syntax_error(exc, shown, prepared.origin) from None
    except (OSError, RuntimeError, ValueError) as exc:
        why = " ".join(str(exc).split())[:300]
        raise InputError(f"the query failed: {why}", path=prepared.origin) from None


def execute(
    store: pyoxigraph.Store,
    prepared: Prepared,
    *,
    max_rows: int | None = None,
    default_graph: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
) -> Results:
    """Run a prepared query and gather its answer (see :func:`run` and :func:`gather`)."""
    answer = run(store, prepared, default_graph=default_graph, named_graphs=named_graphs)
    return gather(answer, max_rows=max_rows, origin=prepared.origin)


def query(
    data: pyoxigraph.Store | Dataset | Graph | str | Path,
    sparql: str,
    /,
    **bindings: object,
) -> pandas.DataFrame | Graph:
    """Run ``sparql`` (query text, a ``.rq`` file or the name of a named query) on ``data``.

    ``data`` is a store folder, an RDF file, an rdflib Dataset or Graph, or a pyoxigraph Store.
    SELECT gives a DataFrame with one column per variable, typed: integers and years as
    ``Int64``, decimals and doubles as ``Float64``, booleans as ``boolean``, dates as datetimes,
    everything else (IRIs, labels) as text; ASK gives one row with a boolean column ``ask``;
    CONSTRUCT and DESCRIBE give an rdflib Graph. Keyword arguments bind variables::

        plangraph.query("out/graph.trig", "projects-by-keyword", keyword="数字经济")
    """
    from plangraph.sparql.frames import to_dataframe, to_graph
    from plangraph.sparql.store import open_data

    prepared = prepare(sparql, bindings)
    results = execute(open_data(data), prepared)
    if results.kind == "graph":
        return to_graph(results)
    return to_dataframe(results)
