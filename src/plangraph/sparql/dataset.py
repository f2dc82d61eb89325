"""A built dataset as a whole: what a path holds (a store folder or an RDF file) and loading it.

:func:`load` gives an rdflib Dataset whose quads live in Oxigraph (oxrdflib's store): the rdflib
API works on it, its own ``query`` runs on Oxigraph, and plangraph's queries, tables and network
take its store as it is, without copying anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from plangraph.errors import DataError
from plangraph.graph.terms import oxigraph_store

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

__all__ = ["built_kind", "load", "oxigraph_dataset"]


_NOT_RDF = {
    ".yaml": "records, not RDF: build them with plangraph.build([path])",
    ".yml": "records, not RDF: build them with plangraph.build([path])",
    ".txt": "a text, not RDF: build it with plangraph.build([path])",
    ".md": "a text, not RDF: build it with plangraph.build([path])",
}


def built_kind(path: str | Path) -> Literal["store", "file"]:
    """Whether ``path`` holds a built graph as a store folder or as a file (an RDF file, as far
    as can be told before reading it); a folder that is no store, or records or a text given
    where a built graph is wanted, raise :class:`~plangraph.errors.DataError`."""
    from plangraph.sparql.store import is_store

    path = Path(path)
    if path.is_dir():
        if not is_store(path):
            raise DataError(
                "is a folder but not a plangraph store (make one with `plangraph build --store"
                " DIR`)",
                path=path,
            )
        return "store"
    hint = _NOT_RDF.get(path.suffix.lower())
    if hint is not None and path.is_file():
        raise DataError(hint, path=path)
    return "file"


def load(path: str | Path | Dataset | Graph) -> Dataset:
    """A built dataset, from an RDF file or a store folder, as an rdflib Dataset kept in Oxigraph.

    An RDF file (TriG, Turtle, N-Quads, N-Triples, JSON-LD, RDF/XML) is parsed by Oxigraph into
    memory; a store folder (``plangraph build --store DIR``) is opened read-only and not copied;
    an rdflib Dataset or Graph made in memory (``plangraph.build()``, ``plangraph.rdfize(...)``)
    is copied into Oxigraph once. The Dataset's default graph is the union of its named graphs,
    as in :func:`plangraph.query`, and ``ds.query(...)`` runs on Oxigraph too. Anything else
    raises a :class:`~plangraph.errors.DataError` naming the path and what is wrong with it:

    >>> import plangraph
    >>> plangraph.load("no/such/graph.trig")
    Traceback (most recent call last):
    ...
    plangraph.errors.DataError: no/such/graph.trig: no such file
    """
    from plangraph.sparql.store import open_data, open_store

    if not isinstance(path, str | Path):  # in memory: into Oxigraph, unless it is there already
        backing = oxigraph_store(path)
        return oxigraph_dataset(backing if backing is not None else open_data(path))
    path = Path(path)
    if built_kind(path) == "store":
        return oxigraph_dataset(open_store(path))
    try:
        return oxigraph_dataset(open_data(path))
    except OSError as exc:  # unreadable: permissions, a vanished file, a device error
        raise DataError(f"cannot be read: {exc.strerror or exc}", path=path) from None


def oxigraph_dataset(store: pyoxigraph.Store) -> Dataset:
    """An rdflib Dataset over the pyoxigraph ``store`` (nothing copied), plangraph's prefixes
    bound, its default graph the union of the named graphs."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from plangraph.graph.namespace import PREFIXES

    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset
