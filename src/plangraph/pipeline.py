"""Build: records files (and, later, texts) → an RDF dataset → graph.trig and graph.html."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from .errors import InputError, RecordsError
from .records import Records

if TYPE_CHECKING:
    from .extraction import ExtractOptions

__all__ = ["SAMPLE", "BuildResult", "build", "build_to", "collect_records"]

SAMPLE = "shanxi-2024.yaml"
_RECORD_SUFFIXES = (".yaml", ".yml")
_TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class BuildResult:
    dataset: Dataset | None  # the whole graph, when it was made (for the page)
    records: list[Records]
    outputs: list[Path]
    triples: int
    nodes: int
    failures: list[InputError] = field(default_factory=list)


def _expand(inputs: Sequence[str | Path]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            suffixes = _RECORD_SUFFIXES + _TEXT_SUFFIXES
            found = sorted(p for p in path.iterdir() if p.suffix in suffixes)
            if not found:
                raise InputError("the folder holds no records (.yaml) or texts (.txt)", path=path)
            paths.extend(found)
        else:
            paths.append(path)
    return paths


def load_inputs(
    inputs: Sequence[str | Path],
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    failures: list[InputError] | None = None,
) -> list[Records]:
    """Records of every input: records files are read, texts are extracted on the fly.

    Texts are extracted in parallel (``jobs`` processes, default one per core) and, with
    ``cache_dir``, taken from the cache when neither they nor the extractor changed. A text that
    cannot be extracted raises, unless ``failures`` is given: then it is added there and the
    other documents go on.
    """
    from .corpus import extract_corpus
    from .records import load_records

    paths = _expand(inputs)
    for path in paths:
        if path.suffix not in _TEXT_SUFFIXES + _RECORD_SUFFIXES:
            raise InputError(
                f"unknown input type {path.suffix!r};"
                " expected records (.yaml) or a text (.txt, .md)",
                path=path,
            )
    texts = [p for p in paths if p.suffix in _TEXT_SUFFIXES]
    extracted: dict[Path, Records] = {}
    if texts:
        corpus = extract_corpus(texts, options, jobs=jobs, cache_dir=cache_dir, progress=progress)
        if corpus.failures and failures is None:
            raise corpus.failures[0]
        if failures is not None:
            failures.extend(corpus.failures)
        done = {r.document.source.file: r for r in corpus.records}
        extracted = {p: done[p.name] for p in texts if p.name in done}
        if progress and corpus.cached:
            progress(f"{corpus.cached} unchanged document(s) taken from the cache")
    loaded: list[Records] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.suffix in _TEXT_SUFFIXES:
            if path not in extracted:
                continue  # failed; reported through ``failures``
            records = extracted[path]
        else:
            records = load_records(path, source_dirs=source_dirs)
        doc_id = records.document.id
        if doc_id in seen:
            raise RecordsError(
                f"document id {doc_id!r} is also used by {seen[doc_id]}",
                path=path,
                field="document.id",
            )
        seen[doc_id] = path
        loaded.append(records)
        if progress:
            progress(f"read {path}: {_counts(records)}")
    return loaded


def collect_records(
    inputs: Sequence[str | Path] = (),
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    failures: list[InputError] | None = None,
) -> list[Records]:
    """Records of ``inputs``, outcomes linked to the commitments they report on (see
    :mod:`plangraph.track`); with no input, the bundled sample dataset."""
    from ._resources import data_file
    from .track import link_corpus

    if not inputs:
        inputs = [Path(str(data_file(SAMPLE)))]
    records = load_inputs(
        inputs,
        source_dirs=source_dirs,
        options=options,
        progress=progress,
        jobs=jobs,
        cache_dir=cache_dir,
        failures=failures,
    )
    links = link_corpus(records)
    if progress and links:
        progress(f"linked {len(links)} reported outcomes to earlier commitments")
    return records


def _counts(records: Records) -> str:
    parts = []
    for kind in ("keywords", "measures", "projects", "tasks", "targets", "outcomes", "regions"):
        n = len(getattr(records, kind))
        if n:
            parts.append(f"{n} {kind}")
    return ", ".join(parts) or "no facts"


def build(
    inputs: Sequence[str | Path] = (),
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """The RDF dataset of ``inputs`` (records files, texts); with none, of the bundled sample."""
    from .rdf import rdfize

    records = collect_records(inputs, source_dirs=source_dirs, options=options, progress=progress)
    return rdfize(records)


def build_to(
    inputs: Sequence[str | Path] = (),
    out_dir: str | Path = "out",
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    html: bool = True,
    progress: Callable[[str], None] | None = None,
    store: str | Path | None = None,
    jobs: int | None = None,
    cache: bool = True,
    keep_going: bool = False,
) -> BuildResult:
    """Build and write ``graph.trig`` (and ``graph.html``) into ``out_dir``.

    With ``store``, the dataset also replaces the contents of that store folder (see
    ``plangraph.store``), before any file is written.

    Nothing is replaced until everything is made; then each file is replaced atomically, so bad
    input or an interruption leaves what was there before. The TriG is assembled document by
    document in an Oxigraph store on disk (bounded memory; unchanged documents' graphs come
    from ``out_dir/.cache``); only the page needs the whole graph in memory.

    Texts are extracted in ``jobs`` processes; with ``cache``, each text's records are kept in
    ``out_dir/.cache`` and reused while neither the text nor the extractor changes. With
    ``keep_going``, a text that cannot be extracted is listed in ``BuildResult.failures`` and the
    others are built; without it, it stops the build.
    """
    from .assemble import write_trig
    from .io import atomic_write, file_sha256
    from .network import to_networkx
    from .rdf import rdfize

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", path=out)
    if store is not None:
        from .store import check_store_target

        check_store_target(store)  # before anything is written
    key_file = out / ".cache" / "build.key"
    inputs_key = _inputs_key(inputs, options, html) if cache and store is None else None
    kept = _unchanged(key_file, inputs_key, out, html)
    if kept is not None:
        if progress:
            progress("nothing changed since the last build: its outputs are kept")
        return kept
    failures: list[InputError] = []
    records = collect_records(
        inputs,
        source_dirs=source_dirs,
        options=options,
        progress=progress,
        jobs=jobs,
        cache_dir=out / ".cache" if cache else None,
        failures=failures if keep_going else None,
    )
    if not records:
        raise failures[0] if failures else InputError("nothing to build")
    # The page needs the whole graph in memory; the TriG does not (see plangraph.assemble).
    dataset = rdfize(records) if html else None
    page = None
    nodes = 0
    if dataset is not None:
        from .viz import to_html

        net = to_networkx(dataset)
        nodes = len(net)
        title = " · ".join(r.document.title for r in records[:3])
        page = to_html(net, title=f"plangraph — {title}")
    staged = out / ".graph.trig.staged"
    triples = write_trig(
        records,
        staged,
        cache_dir=out / ".cache" if cache else None,
        previous=out / "graph.trig",
        progress=progress,
        jobs=jobs,
    )
    try:
        if store is not None:
            from .store import load_store

            load_store(store, staged.read_bytes(), rdf_format="trig", progress=progress)
        outputs = [out / "graph.trig"]
        os.replace(staged, outputs[0])
    finally:
        staged.unlink(missing_ok=True)
    if progress:
        progress(f"wrote {outputs[0]}")
    if page is not None:
        outputs.append(out / "graph.html")
        atomic_write(outputs[1], page)
        if progress:
            progress(f"wrote {outputs[1]}")
    if inputs_key is not None and not failures:
        hashes = " ".join(file_sha256(o) for o in outputs)
        atomic_write(key_file, f"{inputs_key} {len(records)} {triples} {nodes} {hashes}\n")
    return BuildResult(dataset, records, outputs, triples, nodes, failures)


def _inputs_key(
    inputs: Sequence[str | Path], options: ExtractOptions | None, html: bool
) -> str | None:
    """What a build's outputs depend on: the inputs' bytes and names, plangraph's settings."""
    import hashlib

    from .corpus import settings_fingerprint
    from .io import file_sha256

    if not inputs:
        return None  # the bundled sample: cheap to build
    digest = hashlib.sha256(f"{settings_fingerprint(options)} html={html}".encode())
    try:
        for path in _expand(inputs):
            digest.update(f"\n{path.resolve()} {file_sha256(path)}".encode())
    except (OSError, InputError):
        return None  # let the build itself report it
    return digest.hexdigest()


def _unchanged(key_file: Path, key: str | None, out: Path, html: bool) -> BuildResult | None:
    """The previous build's result, when its inputs and outputs are exactly as it left them."""
    from .io import file_sha256

    if key is None or not key_file.is_file():
        return None
    fields = key_file.read_text(encoding="utf-8").split()
    outputs = [out / "graph.trig"] + ([out / "graph.html"] if html else [])
    if len(fields) != 4 + len(outputs) or fields[0] != key:
        return None
    if any(
        not o.is_file() or file_sha256(o) != h for o, h in zip(outputs, fields[4:], strict=True)
    ):
        return None
    return BuildResult(None, [], outputs, int(fields[2]), int(fields[3]), [])
