"""Writing the graph of many documents with bounded memory, on every core, quickly when little
changed.

After the inputs are read (:func:`plangraph.pipeline.corpus.read_documents`: each document's
records and text on disk, a summary in memory), no step holds more than a few documents' records
at once:

1. *Link and make graphs* (worker processes): a document's outcomes are linked to the
   commitments of its region's previous year (:mod:`plangraph.pipeline.track`) and its named
   graph is written as a TriG body (sorted, so the same records give the same bytes), cached
   under a key of its records, the earlier documents' records and plangraph's settings; a
   rebuild re-makes only the graphs that changed.
2. *Join* (here): the bodies are copied one after another under one set of ``@prefix`` lines,
   then the shared reference graph (regions up the hierarchy, the industry scheme). For the page,
   the joined file is parsed once more, straight into the network's index
   (:class:`plangraph.view.quads.QuadIndex`), never into rdflib.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph._files import sweep_leftovers
from plangraph.errors import InputError
from plangraph.pipeline.corpus import (
    DocumentSummary,
    expand_inputs,
    read_documents,
    worker_pool,
)

if TYPE_CHECKING:
    import networkx as nx

    from plangraph.pipeline.track import Link

__all__ = ["Assembled", "assemble"]


@dataclass
class Assembled:
    documents: list[DocumentSummary]
    links: list[Link]
    quads: int
    network: nx.DiGraph | None = None
    failures: list[InputError] = field(default_factory=list)


def _graph(doc: DocumentSummary, earlier: Sequence[DocumentSummary], target: str) -> None:
    """Pass 1 for one document (in a worker): link its outcomes to the earlier documents'
    commitments, write its named graph as a TriG body (no prefix lines) to ``target``, and the
    links, quad count and reference needs to ``target``.json (written last: it marks the pair
    complete)."""
    from plangraph._files import atomic_write
    from plangraph.graph.rdfio import serialize_trig
    from plangraph.graph.rdfize import indicator_needs, rdfize, reference_needs
    from plangraph.pipeline.track import link_documents

    records = doc.load()
    links = []
    for other in earlier:
        links.extend(link_documents(other.load(), records))
    dataset = rdfize([records], reference=False)
    atomic_write(Path(target), serialize_trig(dataset, prefixes=False))
    keys, named = reference_needs([records])
    side = {
        "links": [asdict(link) for link in links],
        "quads": len(dataset),
        "regions": sorted(keys),
        "areas": named,
        "concepts": sorted(indicator_needs([records])),
    }
    atomic_write(Path(f"{target}.json"), json.dumps(side, ensure_ascii=False))


def _graph_keys(
    documents: Sequence[DocumentSummary], earlier: Sequence[Sequence[DocumentSummary]]
) -> list[str]:
    """A document's graph depends on its records, the earlier documents' and plangraph's own
    vocabularies and version."""
    from plangraph._resources import data_file
    from plangraph._version import __version__

    settings = hashlib.sha256(__version__.encode())
    for name in (
        "units.yaml",
        "industries.yaml",
        "extraction.yaml",
        "indicators.yaml",
        "commitments.yaml",
    ):
        settings.update(data_file(name).read_bytes())
    keys = []
    for doc, before in zip(documents, earlier, strict=True):
        digest = settings.copy()
        for item in (doc, *before):
            digest.update(item.digest.encode())
        keys.append(digest.hexdigest()[:40])
    return keys


def _earlier(documents: Sequence[DocumentSummary]) -> list[list[DocumentSummary]]:
    """For each document, those of its region one year before: the commitments its review may
    report on."""
    by_key: defaultdict[tuple[str | None, int], list[DocumentSummary]] = defaultdict(list)
    for doc in documents:
        by_key[doc.region, doc.year].append(doc)
    return [by_key.get((doc.region, doc.year - 1), []) for doc in documents]


def _make_graphs(
    documents: Sequence[DocumentSummary],
    earlier: Sequence[Sequence[DocumentSummary]],
    targets: Sequence[Path],
    pool: Executor | None,
    say: Callable[[str], None],
) -> None:
    """Pass 1: the named graph of each document whose graph is not in the cache."""
    todo = [i for i, t in enumerate(targets) if not Path(f"{t}.json").is_file()]
    if pool is None:
        for done, i in enumerate(todo, 1):
            _graph(documents[i], earlier[i], str(targets[i]))
            say(f"made graph {done}/{len(todo)}: {Path(documents[i].input).name}")
    else:
        futures = {pool.submit(_graph, documents[i], earlier[i], str(targets[i])): i for i in todo}
        for done, future in enumerate(as_completed(futures), 1):
            future.result()
            say(f"made graph {done}/{len(todo)}: {Path(documents[futures[future]].input).name}")
    if len(todo) < len(documents):
        reused = len(documents) - len(todo)
        say(f"{reused} unchanged document graph(s) taken from the cache, {len(todo)} made")


def _write(
    targets: Sequence[Path], trig: Path, work: Path, network: bool
) -> tuple[list[Link], int, nx.DiGraph | None]:
    """Pass 2: the documents' TriG bodies and the reference graph's, joined into one file."""
    from rdflib import Dataset

    from plangraph.graph.rdfio import serialize_trig, trig_prefixes
    from plangraph.graph.rdfize import REFERENCE_GRAPH, fill_reference
    from plangraph.pipeline.track import Link

    links: list[Link] = []
    quads = 0
    regions: set[str] = set()
    areas: dict[str, str | None] = {}
    concepts: set[str] = set()
    joined = work / "graph.trig"
    with joined.open("wb") as out:
        out.write(trig_prefixes())
        for target in targets:
            side = json.loads(Path(f"{target}.json").read_text(encoding="utf-8"))
            links.extend(Link(**link) for link in side["links"])
            quads += side["quads"]
            regions.update(side["regions"])
            areas.update(side["areas"])
            concepts.update(side.get("concepts", []))
            with target.open("rb") as body:
                shutil.copyfileobj(body, out)
        shared = Dataset()
        fill_reference(shared.graph(REFERENCE_GRAPH), regions, areas, concepts)
        out.write(serialize_trig(shared, prefixes=False))
        quads += len(shared)
    net = _network(joined) if network else None
    os.replace(joined, trig)
    return links, quads, net


def _network(trig: Path) -> nx.DiGraph:
    """The page's network, projected from the quads of the file as it is parsed (not through
    rdflib, which would hold the whole graph many times over)."""
    import pyoxigraph

    from plangraph.view.projection import to_networkx
    from plangraph.view.quads import QuadIndex

    return to_networkx(
        QuadIndex(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
    )


def _prune(cache: Path, used: set[Path]) -> None:
    """Remove what this build did not use from the cache, so it does not grow without end."""
    for path in [*cache.glob("*.json"), *cache.glob("graphs/*.trig")]:
        if path not in used:
            path.unlink(missing_ok=True)
            Path(f"{path}.json").unlink(missing_ok=True)
            if path.suffix == ".json":
                path.with_suffix(".txt").unlink(missing_ok=True)  # the text read, beside it
    for old in [*cache.glob("graph-*.nq"), cache / "graph.trig.key"]:  # earlier versions' layout
        old.unlink(missing_ok=True)


def assemble(
    inputs: Sequence[str | Path],
    trig: str | Path,
    *,
    cache_dir: str | Path | None = None,
    options: object | None = None,
    source_dirs: Sequence[str | Path] = (),
    jobs: int | None = None,
    network: bool = False,
    progress: Callable[[str], None] | None = None,
    failures: list[InputError] | None = None,
    texts: str | Path | None = None,
) -> Assembled:
    """Write the TriG of the documents ``inputs`` (records, texts, folders) to ``trig``; with
    ``network``, also project the graph for the page
    (:func:`~plangraph.view.projection.to_networkx`).

    With ``cache_dir``, texts' records and each document's graph are kept there and reused while
    their inputs are unchanged; without, a scratch folder beside ``trig`` is used. A text that
    cannot be read or extracted is added to ``failures`` (raised when that is None); a bad
    records file always raises. ``trig`` is replaced atomically, only when all is made. With
    ``texts``, each document's text read (into which its spans point) is copied into that folder
    as ``ID.txt``, where it is known.
    """
    trig = Path(trig)
    paths = expand_inputs(inputs)
    say = progress or (lambda message: None)
    trig.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(trig.parent, ".assemble-")  # scratch of builds killed outright
    work = Path(tempfile.mkdtemp(prefix=f".assemble-{os.getpid()}-", dir=trig.parent))
    try:
        cache = Path(cache_dir) if cache_dir is not None else work / "cache"
        (cache / "graphs").mkdir(parents=True, exist_ok=True)
        with worker_pool(jobs, len(paths)) as pool:
            documents = read_documents(
                paths,
                cache_dir=cache,
                scratch=work,
                pool=pool,
                options=options,
                source_dirs=source_dirs,
                progress=progress,
                failures=failures,
            )
            if not documents:
                return Assembled([], [], 0, None, failures or [])
            if texts is not None:
                for doc in documents:
                    if doc.text is not None:
                        shutil.copyfile(doc.text, Path(texts) / f"{doc.id}.txt")
            earlier = _earlier(documents)
            targets = [cache / "graphs" / f"{key}.trig" for key in _graph_keys(documents, earlier)]
            _make_graphs(documents, earlier, targets, pool, say)
        links, quads, net = _write(targets, trig, work, network)
        if cache_dir is not None:
            _prune(cache, {Path(d.records) for d in documents} | set(targets))
        if links:
            say(f"linked {len(links)} reported outcomes to earlier commitments")
        return Assembled(documents, links, quads, net, failures or [])
    finally:
        shutil.rmtree(work, ignore_errors=True)
