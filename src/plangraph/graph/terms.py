"""rdflib terms and quads as pyoxigraph's and back: the one converter between the two libraries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from plangraph.errors import DataError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

__all__ = ["oxigraph_quads", "oxigraph_store", "oxigraph_term", "rdflib_term"]


def oxigraph_term(node: Any) -> Any:
    """An rdflib term as the pyoxigraph term of the same IRI, blank node or literal."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(node, URIRef):
        return pyoxigraph.NamedNode(str(node))
    if isinstance(node, BNode):
        return pyoxigraph.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return pyoxigraph.Literal(str(node), language=node.language)
        datatype = pyoxigraph.NamedNode(str(node.datatype)) if node.datatype else None
        return pyoxigraph.Literal(str(node), datatype=datatype)
    raise DataError(f"cannot store the RDF term {node!r}")


def rdflib_term(term: Any) -> Any:
    """A pyoxigraph IRI, blank node or literal as the rdflib term of the same."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise DataError(f"rdflib has no term for {term!r}")


def oxigraph_quads(data: Dataset | Graph) -> Iterator[pyoxigraph.Quad]:
    """The quads of an rdflib Dataset or Graph as pyoxigraph quads (a Graph's in the default)."""
    import pyoxigraph
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    backing = oxigraph_store(data)  # already in Oxigraph: its quads as they are
    if backing is not None:
        yield from backing.quads_for_pattern(None, None, None, None)
        return
    term = oxigraph_term

    default = pyoxigraph.DefaultGraph()
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            name: Any = getattr(g, "identifier", g)
            graph = default if name in (None, DATASET_DEFAULT_GRAPH_ID) else term(name)
            yield pyoxigraph.Quad(term(s), term(p), term(o), graph)
    else:
        for s, p, o in data:
            yield pyoxigraph.Quad(term(s), term(p), term(o), default)


def oxigraph_store(data: object) -> pyoxigraph.Store | None:
    """The pyoxigraph store behind an rdflib Dataset kept in Oxigraph (oxrdflib's store, as
    :func:`plangraph.load` makes it), or None for any other data.

    Queries, tables and the network take such a dataset's store as it is: nothing is copied.
    A single graph of it (``ds.graph(name)``) is not the whole store, so only a Dataset counts.
    """
    from rdflib import Dataset

    if not isinstance(data, Dataset):
        return None
    from oxrdflib import OxigraphStore

    store = data.store
    # oxrdflib keeps the pyoxigraph store as ``_inner``; the version bound in pyproject.toml
    # holds it there
    return store._inner if isinstance(store, OxigraphStore) else None
