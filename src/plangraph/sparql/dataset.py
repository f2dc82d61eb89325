"""A built dataset as a whole: what a path holds (a store folder or an RDF file) and loading it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rdflib import Dataset

from plangraph.errors import DataError
from plangraph.graph.rdfio import load_dataset

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["built_kind", "load", "store_dataset"]


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


def load(path: str | Path) -> Dataset:
    """A built dataset, from an RDF file or a store folder, as an rdflib Dataset in memory.

    An RDF file is read as :func:`load_dataset` reads it; a store folder (``plangraph build
    --store DIR``) is copied out of Oxigraph, named graphs and all. Anything else raises a
    :class:`~plangraph.errors.DataError` naming the path and what is wrong with it:

    >>> import plangraph
    >>> plangraph.load("no/such/graph.trig")
    Traceback (most recent call last):
    ...
    plangraph.errors.DataError: no/such/graph.trig: no such file

    For many queries on a large store, ``plangraph.open_store(DIR)`` is faster: queries and
    tables take it (or the folder) directly, without the copy.
    """
    from plangraph.sparql.store import open_store

    path = Path(path)
    if built_kind(path) == "store":
        return store_dataset(open_store(path))
    try:
        return load_dataset(path)
    except OSError as exc:  # unreadable: permissions, a vanished file, a device error
        raise DataError(f"cannot be read: {exc.strerror or exc}", path=path) from None


def store_dataset(store: pyoxigraph.Store) -> Dataset:
    """The quads of a pyoxigraph store, copied into an rdflib Dataset (plangraph's prefixes)."""
    import pyoxigraph

    from plangraph.graph.namespace import PREFIXES

    dataset = Dataset()
    nquads = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    if nquads:
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset
