"""The store: a dataset kept on disk in Oxigraph, loaded once and queried fast.

A store is a folder::

    DIR/
      plangraph-store.json   what the folder is and which snapshot is current (replaced atomically)
      data-<stamp>/          the current snapshot: an Oxigraph (RocksDB) database
      .lock                  held by the one process that is writing

Loading never touches the current snapshot: the new contents are bulk-loaded into a fresh
snapshot folder, ``plangraph-store.json`` is switched to it in one rename, and only then is the
old snapshot removed. An error, Ctrl-C or a killed process during a load leaves the previous
contents; the half-made folder is swept away by the next load. Readers open the current snapshot
read-only, so reading never waits for a writer; a second writer gets a ``DataError`` naming the
process that holds the store. A plain Oxigraph database folder (made with pyoxigraph directly)
can be read too.

pyoxigraph is imported inside the functions, so that importing this module stays cheap.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import DataError
from plangraph.graph import rdfio
from plangraph.graph.terms import oxigraph_quads

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

__all__ = ["MARKER", "StoreInfo", "is_store", "load_store", "open_data", "open_store"]

MARKER = "plangraph-store.json"
_FORMAT = "plangraph-store/1"
_LOCK = ".lock"
_SNAPSHOT_PREFIX = "data-"


@dataclass(frozen=True)
class StoreInfo:
    """What a store holds: the folder, its current snapshot, quad count and named graphs."""

    path: Path
    snapshot: str
    quads: int
    graphs: tuple[str, ...]


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a plangraph store folder (or a plain Oxigraph database folder)."""
    path = Path(path)
    return (path / MARKER).is_file() or _is_oxigraph_folder(path)


def _is_oxigraph_folder(path: Path) -> bool:
    return (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def _read_marker(path: Path) -> dict[str, Any]:
    try:
        marker = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {MARKER}: {exc}", path=path) from None
    if not isinstance(marker, dict) or marker.get("format") != _FORMAT:
        raise DataError(f"{MARKER} is not a {_FORMAT} marker", path=path)
    return marker


def _current_snapshot(path: Path) -> Path:
    """The folder of the current snapshot, or a DataError saying why there is none."""
    if not path.exists():
        raise DataError("no such store folder", path=path)
    if not path.is_dir():
        raise DataError("is a file, not a store folder", path=path)
    if (path / MARKER).is_file():
        snapshot = path / str(_read_marker(path).get("snapshot", ""))
        if not (snapshot.name.startswith(_SNAPSHOT_PREFIX) and snapshot.is_dir()):
            raise DataError(f"the snapshot named in {MARKER} is missing", path=path)
        return snapshot
    if _is_oxigraph_folder(path):
        return path
    raise DataError(
        f"not a plangraph store (no {MARKER}); make one with `plangraph build --store DIR`",
        path=path,
    )


def open_store(path: str | Path, *, memory: bool = False) -> pyoxigraph.Store:
    """The store at ``path``, opened read-only (any number of readers, beside one writer).

    With ``memory``, its contents are copied into an in-memory store: queries then run several
    times faster (5–10× on the joins of ``benchmarks/sparql.py``), for the price of the copy
    (about as long as loading the data) and of the RAM. Worth it for many queries in a row.
    """
    import pyoxigraph

    path = Path(path)
    snapshot = _current_snapshot(path)
    try:
        store = pyoxigraph.Store.read_only(str(snapshot))
        if not memory:
            return store
        copy = pyoxigraph.Store()
        copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
        return copy
    except OSError as exc:
        raise DataError(f"cannot open the store: {_one_line(exc)}", path=path) from None


def store_info(path: str | Path) -> StoreInfo:
    """What the store at ``path`` holds, from its marker (no database is opened)."""
    path = Path(path)
    snapshot = _current_snapshot(path)
    marker = _read_marker(path) if (path / MARKER).is_file() else {}
    return StoreInfo(
        path, snapshot.name, int(marker.get("quads", -1)), tuple(marker.get("graphs", ()))
    )


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """Hold the store's write lock, or raise a DataError naming the process that holds it."""
    from plangraph._files import writer_lock

    with writer_lock(path, DataError, "the store"):
        yield


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DataError("no such file", path=path)
    if path.is_dir():
        raise DataError("is a folder, expected an RDF file or a store", path=path)
    if not os.access(path, os.R_OK):
        raise DataError("cannot be read (permission denied)", path=path)
    if path.stat().st_size == 0:
        raise DataError("the file is empty", path=path)


def _fill(
    target: pyoxigraph.Store,
    data: Dataset | Graph | str | Path | bytes,
    rdf_format: str | None,
) -> None:
    """Put ``data`` (a dataset, a graph, an RDF file, or RDF bytes) into ``target``."""
    if isinstance(data, bytes):
        if rdf_format is None:
            raise DataError("RDF given as bytes needs its format")
        _bulk_load(target, input=data, format=rdfio.rdf_format(rdf_format), path=None)
    elif isinstance(data, str | Path):
        path = Path(data)
        _check_file(path)
        fmt = rdfio.rdf_format(rdf_format) if rdf_format else rdfio.file_format(path)
        _bulk_load(target, input=None, format=fmt, path=path)
    else:
        target.bulk_extend(oxigraph_quads(data))


def _bulk_load(
    target: pyoxigraph.Store,
    *,
    input: bytes | None,
    format: pyoxigraph.RdfFormat,
    path: Path | None,
) -> None:
    try:
        if path is not None:
            target.bulk_load(path=str(path), format=format)
        else:
            target.bulk_load(input=input, format=format)
    except SyntaxError as exc:
        raise _syntax_error(exc, format, path) from None


def _syntax_error(exc: SyntaxError, format: pyoxigraph.RdfFormat, path: Path | None) -> DataError:
    message = " ".join(str(exc.msg).split())
    return DataError(
        f"not valid {format.name}: {message}"[:300],
        path=path or "<data>",
        line=exc.lineno,
        column=exc.offset,
    )


def read_quads(path: str | Path) -> Iterator[pyoxigraph.Quad]:
    """The quads of an RDF file as they are parsed, nothing kept (triples in the default graph);
    a bad file raises :class:`DataError` with its line and column."""
    import pyoxigraph

    path = Path(path)
    _check_file(path)
    fmt = rdfio.file_format(path)
    try:
        yield from pyoxigraph.parse(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise _syntax_error(exc, fmt, path) from None


def open_data(
    data: pyoxigraph.Store | Dataset | Graph | str | Path,
) -> pyoxigraph.Store:
    """A pyoxigraph store to query ``data``: a store folder (opened read-only), an RDF file or an
    rdflib Dataset/Graph (loaded into memory), or a pyoxigraph Store or a Dataset kept in one
    (:func:`plangraph.load`'s; used as it is)."""
    import pyoxigraph

    from plangraph.graph.terms import oxigraph_store

    if isinstance(data, pyoxigraph.Store):
        return data
    backing = oxigraph_store(data)
    if backing is not None:
        return backing
    if isinstance(data, str | Path) and Path(data).is_dir():
        return open_store(data)
    memory = pyoxigraph.Store()
    _fill(memory, data, None)
    return memory


def _sweep(path: Path, keep: str | None) -> None:
    """Remove snapshot folders other than ``keep``: old ones, and those of interrupted loads."""
    for child in path.iterdir():
        if child.name.startswith(_SNAPSHOT_PREFIX) and child.name != keep and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)


def check_store_target(path: str | Path) -> None:
    """Raise unless ``path`` may become a store: missing, empty, or already a store."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise DataError("is a file, not a store folder", path=path)
    if (
        path.is_dir()
        and not (path / MARKER).is_file()
        and any(
            p.name not in (_LOCK,) and not p.name.startswith(_SNAPSHOT_PREFIX)
            for p in path.iterdir()
        )
    ):
        raise DataError(
            f"not a plangraph store (no {MARKER}) and not empty; refusing to write into it",
            path=path,
        )


def load_store(
    path: str | Path,
    data: Dataset | Graph | str | Path | bytes,
    *,
    rdf_format: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> StoreInfo:
    """Replace the contents of the store at ``path`` with ``data``, all at once or not at all.

    ``data`` is an rdflib Dataset or Graph, an RDF file (format from its suffix, or
    ``rdf_format``), or RDF as bytes (``rdf_format`` needed: ``trig``, ``nquads``, ``turtle``…).
    The folder is made if missing; an existing folder must already be a store or be empty.
    """
    import pyoxigraph

    from plangraph._files import atomic_write

    path = Path(path)
    check_store_target(path)
    path.mkdir(parents=True, exist_ok=True)
    with _writer_lock(path):
        old = _read_marker(path).get("snapshot") if (path / MARKER).is_file() else None
        _sweep(path, keep=old)  # leftovers of interrupted loads
        name = f"{_SNAPSHOT_PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        snapshot = path / name
        target: pyoxigraph.Store | None = None
        try:
            target = pyoxigraph.Store(str(snapshot))
            _fill(target, data, rdf_format)
            target.flush()
            quads = len(target)
            graphs = tuple(sorted(g.value for g in target.named_graphs()))
        except BaseException:
            target = None  # close the half-made database before removing it
            shutil.rmtree(snapshot, ignore_errors=True)
            raise
        target = None  # close the database before the switch
        marker = {
            "format": _FORMAT,
            "snapshot": name,
            "quads": quads,
            "graphs": list(graphs),
            "loaded": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        atomic_write(path / MARKER, json.dumps(marker, ensure_ascii=False, indent=2) + "\n")
        _sweep(path, keep=name)
    if progress:
        progress(f"loaded {quads} quads in {len(graphs)} named graphs into the store {path}")
    return StoreInfo(path, name, quads, graphs)
