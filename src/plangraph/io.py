"""Reading datasets and writing outputs atomically.

Outputs are written to a temporary file in the destination folder and renamed over the
target, so an interrupted run leaves the previous file intact and never a half-written one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import DataError

__all__ = ["atomic_write", "load_dataset", "union_graph", "RDF_FORMATS"]

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
