"""RDF files: reading one into an rdflib Dataset, writing plangraph's TriG."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from plangraph.errors import DataError
from plangraph.graph.namespace import WRITTEN_PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "file_format",
    "load_dataset",
    "rdf_format",
    "serialize_trig",
    "trig_prefixes",
    "union_graph",
]


def _formats() -> list[pyoxigraph.RdfFormat]:
    import pyoxigraph

    kinds = pyoxigraph.RdfFormat
    return [getattr(kinds, n) for n in dir(kinds) if n.isupper() and n != "STREAMING_JSON_LD"]


def rdf_format(name: str) -> pyoxigraph.RdfFormat:
    """The RDF format called ``name``: a file extension (``ttl``), a media type
    (``text/turtle``) or the format's name (``turtle``, ``N-Triples``, ``json-ld``)."""
    import pyoxigraph

    key = name.strip().lower()
    found = pyoxigraph.RdfFormat.from_extension(key) or pyoxigraph.RdfFormat.from_media_type(key)
    if found is None:
        plain = key.replace("-", "").replace("/", "")
        found = next(
            (f for f in _formats() if f.name.lower().replace("-", "").replace("/", "") == plain),
            None,
        )
    if found is None:
        known = ", ".join(sorted(f.name for f in _formats()))
        raise DataError(f"unknown RDF format {name!r} (expected one of {known})")
    return found


def file_format(path: str | Path) -> pyoxigraph.RdfFormat:
    """The RDF format of a file, from its suffix."""
    import pyoxigraph

    path = Path(path)
    found = pyoxigraph.RdfFormat.from_extension(path.suffix.lower().lstrip("."))
    if found is None or not path.suffix:
        known = ", ".join(sorted(f".{f.file_extension}" for f in _formats()))
        raise DataError(
            f"unknown RDF file type {path.suffix!r} (expected one of {known})", path=path
        )
    return found


def load_dataset(path: str | Path) -> Dataset:
    """An RDF file (TriG, Turtle, N-Quads, N-Triples, JSON-LD, RDF/XML, N3) as a Dataset."""
    path = Path(path)
    fmt = file_format(path)
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
    try:  # rdflib knows its parsers by media type too
        if fmt.supports_datasets:
            dataset.parse(data=text, format=fmt.media_type)
        else:  # triples go to the default graph
            dataset.default_graph.parse(data=text, format=fmt.media_type)
    except Exception as exc:  # rdflib's parsers raise many types; all mean "not this format"
        lines = getattr(exc, "lines", None)  # notation3 counts lines from 0
        line = lines + 1 if isinstance(lines, int) else None
        why = getattr(exc, "_why", None) or str(exc)
        message = " ".join(str(why).split())
        message = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", message)[:200]
        raise DataError(f"not valid {fmt.name.lower()}: {message}", path=path, line=line) from None
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
    written = pyoxigraph.serialize(
        quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=WRITTEN_PREFIXES
    )
    assert written is not None  # with no output given, serialize returns the bytes
    if not prefixes:
        while written.startswith(b"@prefix "):
            written = written[written.index(b"\n") + 1 :]
    return written


def trig_prefixes() -> bytes:
    """The ``@prefix`` lines of plangraph's TriG."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in WRITTEN_PREFIXES.items()).encode()
