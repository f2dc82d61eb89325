"""Reading datasets and writing outputs atomically.

Outputs are written to a temporary file in the destination folder and renamed over the
target, so an interrupted run leaves the previous file intact and never a half-written one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rdflib import Dataset, Graph

from .errors import DataError

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["atomic_write", "load", "load_dataset", "union_graph", "RDF_FORMATS"]

RDF_FORMATS = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` all at once or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_dataset(path: str | Path) -> Dataset:
    """An RDF file (TriG, Turtle, N-Quads, N-Triples, JSON-LD, RDF/XML) as a Dataset."""
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise DataError(
            f"unknown RDF file type {path.suffix!r} (expected one of {known})", path=path
        )
    if not path.exists():
        raise DataError("no such file", path=path)
    if path.is_dir():
        raise DataError("is a folder, expected an RDF file", path=path)
    if path.stat().st_size == 0:
        raise DataError("the file is empty", path=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 at byte {exc.start}", path=path, offset=exc.start) from None
    dataset = Dataset()
    try:
        if fmt in _QUAD_FORMATS:
            dataset.parse(data=text, format=fmt)
        else:  # triples go to the default graph
            dataset.default_graph.parse(data=text, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many types; all mean "not this format"
        lines = getattr(exc, "lines", None)  # notation3 counts lines from 0
        line = lines + 1 if isinstance(lines, int) else None
        why = getattr(exc, "_why", None) or str(exc)
        message = " ".join(str(why).split())
        message = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", message)[:200]
        raise DataError(f"not valid {fmt}: {message}", path=path, line=line) from None
    return dataset


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
    from .store import is_store

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
    from .store import open_store

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

    from .sparql import PREFIXES

    dataset = Dataset()
    nquads = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    if nquads:
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def union_graph(data: Dataset | Graph) -> Graph:
    """All triples of all named graphs in one Graph (prefixes kept)."""
    union = Graph()
    for prefix, ns in data.namespaces():
        union.bind(prefix, ns, override=True)
    if isinstance(data, Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in data:
            union.add(triple)
    return union


PREFIXES = {
    "pg": "https://w3id.org/plangraph/ontology#",
    "unit": "http://qudt.org/vocab/unit/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The prefixes written into output files."""


def serialize_trig(data: Dataset, *, prefixes: bool = True) -> bytes:
    """TriG of ``data``, fast (Oxigraph's writer) and byte-for-byte the same for the same data.

    Quads are written in sorted order, so each named graph is one block and the output does
    not depend on insertion order. Without ``prefixes``, the ``@prefix`` lines are left out
    (the body still uses them): bodies of several datasets joined after one
    :func:`trig_prefixes` are one TriG file.
    """
    import pyoxigraph

    from .store import oxigraph_quads

    quads = sorted(
        oxigraph_quads(data),
        key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
    )
    # No @base: Oxigraph would write the prefixes relative to it too (pg: </plangraph/…>).
    written = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
    assert written is not None  # with no output given, serialize returns the bytes
    if not prefixes:
        while written.startswith(b"@prefix "):
            written = written[written.index(b"\n") + 1 :]
    return written


def trig_prefixes() -> bytes:
    """The ``@prefix`` lines of plangraph's TriG."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes, read in blocks (outputs can be large)."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
