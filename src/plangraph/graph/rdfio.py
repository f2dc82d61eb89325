"""RDF files: reading one into an rdflib Dataset, writing plangraph's TriG."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from plangraph.errors import DataError
from plangraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    pass

__all__ = ["RDF_FORMATS", "load_dataset", "serialize_trig", "trig_prefixes", "union_graph"]

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


def serialize_trig(data: Dataset, *, prefixes: bool = True) -> bytes:
    """TriG of ``data``, fast (Oxigraph's writer) and byte-for-byte the same for the same data.

    Quads are written in sorted order, so each named graph is one block and the output does
    not depend on insertion order. Without ``prefixes``, the ``@prefix`` lines are left out
    (the body still uses them): bodies of several datasets joined after one
    :func:`trig_prefixes` are one TriG file.
    """
    import pyoxigraph

    from plangraph.graph.terms import oxigraph_quads

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
