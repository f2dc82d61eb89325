"""Build: records files and texts → an RDF dataset → graph.trig and graph.html."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.errors import InputError
from plangraph.records.model import Records

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from plangraph.extraction import ExtractOptions
    from plangraph.pipeline.corpus import Document
    from plangraph.pipeline.track import Link

__all__ = ["BuildResult", "build", "build_to", "collect_records", "load_inputs"]


@dataclass
class BuildResult:
    documents: list[Document]  # what was read (none when the previous outputs were kept)
    links: list[Link]  # reported outcomes linked to earlier commitments
    outputs: list[Path]
    triples: int
    nodes: int  # in the page's network
    failures: list[InputError] = field(default_factory=list)
    network: nx.DiGraph | None = None  # the page's network, when a page was made


def _sample() -> Path:
    from plangraph._resources import SAMPLE, data_file

    return Path(str(data_file(SAMPLE)))


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
    other documents go on. All documents' records are returned at once; :func:`build_to` holds
    only a few at a time.
    """
    from plangraph.pipeline.corpus import expand_inputs, read_records

    read = read_records(
        expand_inputs(inputs),
        options=options,
        jobs=jobs,
        cache_dir=cache_dir,
        source_dirs=source_dirs,
        progress=progress,
        failures=failures,
    )
    return [records for _, records in read]


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
    :mod:`plangraph.pipeline.track`); with no input, the bundled sample dataset."""
    from plangraph.pipeline.track import link_corpus

    records = load_inputs(
        inputs or [_sample()],
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


def build(
    inputs: Sequence[str | Path] = (),
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """The RDF dataset of ``inputs`` (records files, texts), in memory; with none, of the bundled
    sample. For many documents, :func:`build_to` writes the same graph with bounded memory."""
    from plangraph.graph.rdfize import rdfize

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
    """Build and write ``graph.trig`` (and ``graph.html``) into ``out_dir``; with no input, the
    bundled sample.

    With ``store``, the dataset also replaces the contents of that store folder (see
    ``plangraph.sparql.store``), before any file is written.

    Nothing is replaced until everything is made; then each file is replaced atomically, so bad
    input or an interruption leaves what was there before. Documents are read, linked and turned
    into graphs a few at a time in ``jobs`` processes, and their TriG joined on disk (see
    :mod:`plangraph.pipeline.assemble`): memory does not grow with the number of documents,
    except for the page's network. With ``cache``, each text's records and each document's graph are
    kept in ``out_dir/.cache`` and reused while their inputs are unchanged; when nothing at all
    changed, the outputs are kept as they are. With ``keep_going``, a text that cannot be
    extracted is listed in ``BuildResult.failures`` and the others are built; without it, it
    stops the build.
    """
    from plangraph._files import atomic_write, file_sha256
    from plangraph.pipeline.assemble import assemble

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", path=out)
    if store is not None:
        from plangraph.sparql.store import check_store_target

        check_store_target(store)  # before anything is written
    key_file = out / ".cache" / "build.key"
    inputs_key = _inputs_key(inputs, options, html) if cache and store is None else None
    kept = _unchanged(key_file, inputs_key, out, html)
    if kept is not None:
        if progress:
            progress("nothing changed since the last build: its outputs are kept")
        return kept
    failures: list[InputError] = []
    staged = out / ".graph.trig.staged"
    outputs = [out / "graph.trig"]
    fresh = not out.exists()
    try:
        made = assemble(
            inputs or [_sample()],
            staged,
            cache_dir=out / ".cache" if cache else None,
            options=options,
            source_dirs=source_dirs,
            jobs=jobs,
            network=html,
            progress=progress,
            failures=failures if keep_going else None,
        )
        if not made.documents:
            raise failures[0] if failures else InputError("nothing to build")
        page = None
        if made.network is not None:
            from plangraph.view.page import to_html

            docs = made.network.graph.get("documents", {})
            title = " · ".join(d["title"] for d in list(docs.values())[:3])
            page = to_html(made.network, title=f"plangraph — {title}")
        if store is not None:
            from plangraph.sparql.store import load_store

            load_store(store, staged.read_bytes(), rdf_format="trig", progress=progress)
        os.replace(staged, outputs[0])
    except BaseException:
        if fresh:  # a first build that failed leaves no folder behind
            import shutil

            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        staged.unlink(missing_ok=True)
    if progress:
        progress(f"wrote {outputs[0]}")
    if page is not None:
        outputs.append(out / "graph.html")
        atomic_write(outputs[1], page)
        if progress:
            progress(f"wrote {outputs[1]}")
    nodes = len(made.network) if made.network is not None else 0
    if inputs_key is not None and not failures:
        hashes = " ".join(file_sha256(o) for o in outputs)
        line = f"{inputs_key} {len(made.documents)} {made.quads} {nodes} {hashes}\n"
        atomic_write(key_file, line)
    return BuildResult(
        made.documents, made.links, outputs, made.quads, nodes, failures, made.network
    )


def _inputs_key(
    inputs: Sequence[str | Path], options: ExtractOptions | None, html: bool
) -> str | None:
    """What a build's outputs depend on: the inputs' bytes and names, plangraph's settings."""
    import hashlib

    from plangraph._files import file_sha256
    from plangraph.pipeline.corpus import expand_inputs, settings_fingerprint

    if not inputs:
        return None  # the bundled sample: cheap to build
    digest = hashlib.sha256(f"{settings_fingerprint(options)} html={html}".encode())
    try:
        for path in expand_inputs(inputs):
            digest.update(f"\n{path.resolve()} {file_sha256(path)}".encode())
    except (OSError, InputError):
        return None  # let the build itself report it
    return digest.hexdigest()


def _unchanged(key_file: Path, key: str | None, out: Path, html: bool) -> BuildResult | None:
    """The previous build's result, when its inputs and outputs are exactly as it left them."""
    from plangraph._files import file_sha256

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
    return BuildResult([], [], outputs, int(fields[2]), int(fields[3]), [])
