"""Writing the graph of many documents with bounded memory, and quickly when little changed.

Each document's named graph is made on its own (:func:`plangraph.rdf.rdfize`) and kept as
N-Quads in a cache keyed by the document's records, so a rebuild re-makes only the graphs of
documents that changed. The graphs are then streamed into an Oxigraph store on disk and dumped as
TriG from there: at no point are all documents' triples held in Python.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .records import Records

__all__ = ["write_trig"]


def _graph_key(records: Records, settings: bytes) -> str:
    """What decides a document's graph: its records and plangraph's own settings.

    The records are hashed through pickle (fast, and stable for the same values); nothing is
    ever unpickled.
    """
    digest = hashlib.sha256(settings)
    digest.update(pickle.dumps(records, protocol=5))
    return digest.hexdigest()[:40]


def _settings() -> bytes:
    from . import __version__
    from ._resources import data_file

    digest = hashlib.sha256(__version__.encode())
    for name in ("units.yaml", "industries.yaml", "extraction.yaml"):
        digest.update(data_file(name).read_bytes())
    return digest.digest()


def _nquads(data: object) -> bytes:
    import pyoxigraph

    from .store import oxigraph_quads

    written = pyoxigraph.serialize(oxigraph_quads(data), format=pyoxigraph.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    assert written is not None
    return written


def _document_graph(records: Records) -> bytes:
    from .rdf import rdfize

    return _nquads(rdfize([records], reference=False))


def _make_graphs(missing: Sequence[Records], jobs: int | None) -> Iterator[bytes]:
    """The N-Quads of each document's graph, in order; in ``jobs`` processes when it pays."""
    workers = min(jobs or os.cpu_count() or 1, len(missing))
    if workers <= 1:
        yield from map(_document_graph, missing)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_document_graph, missing, chunksize=4)


def write_trig(
    records: Sequence[Records],
    path: str | Path,
    *,
    cache_dir: str | Path | None = None,
    previous: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> int:
    """Write the TriG of ``records`` to ``path`` (atomically); return the number of quads.

    With ``cache_dir``, each document's graph is kept there and reused while its records are
    unchanged; and when nothing changed at all and ``previous`` is the file this cache wrote
    last, that file is copied instead of assembled again.
    """
    import pyoxigraph
    from rdflib import Dataset

    from .io import PREFIXES, file_sha256
    from .rdf import REFERENCE_GRAPH, reference_graph

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(cache_dir) if cache_dir else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    settings = _settings()
    keys = [_graph_key(rec, settings) for rec in records]
    whole = hashlib.sha256("".join(keys).encode()).hexdigest()
    manifest = cache / "graph.trig.key" if cache else None
    if manifest is not None and manifest.is_file() and previous and Path(previous).is_file():
        recorded = manifest.read_text(encoding="utf-8").split()
        if len(recorded) == 3 and recorded[0] == whole:
            if file_sha256(Path(previous)) == recorded[1]:
                shutil.copyfile(previous, path)
                if progress:
                    progress("nothing changed: the previous graph is kept")
                return int(recorded[2])
    work = Path(tempfile.mkdtemp(prefix=".assemble-", dir=path.parent))
    try:
        store = pyoxigraph.Store(str(work / "store"))
        cached_paths = [cache / f"graph-{key}.nq" if cache else None for key in keys]
        # decided once: two identical documents share a cache file written during the loop
        is_missing = [c is None or not c.is_file() for c in cached_paths]
        made_graphs = _make_graphs([r for r, m in zip(records, is_missing, strict=True) if m], jobs)
        made = reused = 0
        for cached, missing in zip(cached_paths, is_missing, strict=True):
            if not missing and cached is not None:
                data = cached.read_bytes()
                reused += 1
            else:
                data = next(made_graphs)
                made += 1
                if cached is not None:
                    tmp = cached.with_suffix(".tmp")
                    tmp.write_bytes(data)
                    os.replace(tmp, cached)
            store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        # the shared graph (regions with their parents, the industry scheme) from all documents
        shared = Dataset()
        reference_graph(records, shared.graph(REFERENCE_GRAPH))
        store.bulk_load(_nquads(shared), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        quads = len(store)
        target = work / "graph.trig"
        store.dump(str(target), format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
        del store
        os.replace(target, path)
        if manifest is not None:
            manifest.write_text(f"{whole} {file_sha256(path)} {quads}\n", encoding="utf-8")
        if progress and reused:
            progress(f"{reused} unchanged document graph(s) taken from the cache, {made} made")
        return quads
    finally:
        shutil.rmtree(work, ignore_errors=True)
