"""Writing the graph of many documents with bounded memory, and quickly when little changed.

Each document's named graph is made on its own (:func:`plangraph.rdf.rdfize`) and kept as
N-Quads in a cache keyed by the document's records, so a rebuild re-makes only the graphs of
documents that changed. The graphs are then streamed into an Oxigraph store on disk and dumped as
TriG from there: at no point are all documents' triples held in Python.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .records import Records

__all__ = ["write_trig"]


def _graph_key(records: Records) -> str:
    from . import __version__
    from ._resources import data_file
    from .records import records_to_json

    digest = hashlib.sha256(__version__.encode())
    digest.update(data_file("units.yaml").read_bytes())
    digest.update(data_file("industries.yaml").read_bytes())
    digest.update(records_to_json(records).encode("utf-8"))
    return digest.hexdigest()[:40]


def _nquads(data: object) -> bytes:
    import pyoxigraph

    from .store import oxigraph_quads

    written = pyoxigraph.serialize(oxigraph_quads(data), format=pyoxigraph.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    assert written is not None
    return written


def write_trig(
    records: Sequence[Records],
    path: str | Path,
    *,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Write the TriG of ``records`` to ``path`` (atomically); return the number of quads."""
    import pyoxigraph
    from rdflib import Dataset

    from .io import PREFIXES
    from .rdf import REFERENCE_GRAPH, rdfize, reference_graph

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(cache_dir) if cache_dir else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".assemble-", dir=path.parent))
    try:
        store = pyoxigraph.Store(str(work / "store"))
        made = reused = 0
        for rec in records:
            cached = cache / f"graph-{_graph_key(rec)}.nq" if cache else None
            if cached is not None and cached.is_file():
                data = cached.read_bytes()
                reused += 1
            else:
                data = _nquads(rdfize([rec], reference=False))
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
        if progress and reused:
            progress(f"{reused} unchanged document graph(s) taken from the cache, {made} made")
        return quads
    finally:
        shutil.rmtree(work, ignore_errors=True)
