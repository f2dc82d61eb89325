"""Build: records files and reports → an RDF dataset → graph.trig, graph.html and texts/.

An output folder is written by one build at a time (its ``.lock``; a second build is told
which process holds it and exits at once). Everything a build writes is first staged under
names of its own (``.staged-PID-…``); then the staged files are committed as one step: a commit
list (``.commit``) is written at once, the staged files are renamed into place, and the list is
removed. A build killed in between is finished by the next one, which first completes any commit
list it finds and sweeps staged files and scratch folders that killed builds left; so
``graph.trig``, ``graph.html``, ``texts/`` and the build cache's key always belong to one build.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph._files import stage_write, sweep_leftovers, writer_lock
from plangraph.errors import InputError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from plangraph.extraction import ExtractOptions
    from plangraph.pipeline.corpus import DocumentSummary
    from plangraph.pipeline.track import Link

__all__ = ["BuildResult", "build", "build_to", "finish_commit"]

_STAGED = ".staged-"
_COMMIT = ".commit"
TEXTS = "texts"


@dataclass
class BuildResult:
    documents: list[DocumentSummary]  # what was read (none when the previous outputs were kept)
    links: list[Link]  # reported outcomes linked to earlier commitments
    outputs: list[Path]
    triples: int
    nodes: int  # in the page's network
    failures: list[InputError] = field(default_factory=list)
    network: nx.DiGraph | None = None  # the page's network, when a page was made


def _sample() -> Path:
    from plangraph._resources import SAMPLE, data_file

    return Path(str(data_file(SAMPLE)))


def build(
    inputs: Sequence[str | Path] = (),
    *,
    source_dirs: Sequence[str | Path] = (),
    options: ExtractOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """The RDF dataset of ``inputs`` (records files, reports), in memory; with none, of the
    bundled sample. For many documents, :func:`build_to` writes the same graph with bounded
    memory."""
    from plangraph.graph.rdfize import rdfize
    from plangraph.pipeline.corpus import read_inputs
    from plangraph.pipeline.track import link_corpus

    records = read_inputs(
        inputs or [_sample()], source_dirs=source_dirs, options=options, progress=progress
    )
    links = link_corpus(records)  # outcomes linked to the commitments they report on
    if progress and links:
        progress(f"linked {len(links)} reported outcomes to earlier commitments")
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
    """Build and write ``graph.trig``, ``graph.html`` (unless not ``html``) and ``texts/ID.txt``
    (the text each document's evidence points into) into ``out_dir``; with no input, the
    bundled sample.

    With ``store``, the dataset also replaces the contents of that store folder (see
    ``plangraph.sparql.store``), before any file is written.

    Nothing is replaced until everything is made; then the outputs are committed together (see
    the module's description), so bad input or an interruption leaves what was there before, and
    a second build into the same folder meanwhile is refused. Documents are read, linked and
    turned into graphs a few at a time in ``jobs`` processes, and their TriG joined on disk (see
    :mod:`plangraph.pipeline.assemble`): memory does not grow with the number of documents,
    except for the page's network. With ``cache``, each report's records and each document's
    graph are kept in ``out_dir/.cache`` and reused while their inputs are unchanged; when
    nothing at all changed, the outputs are kept as they are. With ``keep_going``, an input that
    cannot be read is listed in ``BuildResult.failures`` and the others are built; without it,
    it stops the build.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", path=out)
    if store is not None:
        from plangraph.sparql.store import check_store_target

        check_store_target(store)  # before anything is written
    fresh = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        with writer_lock(out, InputError, "the output folder"):
            try:
                return _build_locked(
                    inputs,
                    out,
                    source_dirs,
                    options,
                    html,
                    progress,
                    store,
                    jobs,
                    cache,
                    keep_going,
                )
            except BaseException:
                if fresh:  # a first build that failed leaves no folder behind
                    shutil.rmtree(out, ignore_errors=True)
                raise
    except OSError as exc:
        where = exc.filename if exc.filename else out
        raise InputError(f"cannot write the outputs: {exc.strerror or exc}", path=where) from None


def _build_locked(
    inputs: Sequence[str | Path],
    out: Path,
    source_dirs: Sequence[str | Path],
    options: ExtractOptions | None,
    html: bool,
    progress: Callable[[str], None] | None,
    store: str | Path | None,
    jobs: int | None,
    cache: bool,
    keep_going: bool,
) -> BuildResult:
    from plangraph._files import file_sha256
    from plangraph.pipeline.assemble import assemble

    finish_commit(out)  # of a build killed while it renamed its outputs into place
    for folder, prefix in ((out, _STAGED), (out, ".assemble-"), (out / ".cache", _STAGED)):
        sweep_leftovers(folder, prefix)  # what builds killed outright left
    key_file = out / ".cache" / "build.key"
    inputs_key = _inputs_key(inputs, options, html) if cache and store is None else None
    kept = _unchanged(key_file, inputs_key, out, html)
    if kept is not None:
        if progress:
            progress("nothing changed since the last build: its outputs are kept")
        return kept
    failures: list[InputError] = []
    staged: list[Path] = []
    committing = False
    try:
        trig = _staged_name(out, "graph.trig")
        staged.append(trig)
        texts = Path(tempfile.mkdtemp(prefix=f"{_STAGED}{os.getpid()}-texts.", dir=out))
        staged.append(texts)
        made = assemble(
            inputs or [_sample()],
            trig,
            cache_dir=out / ".cache" if cache else None,
            options=options,
            source_dirs=source_dirs,
            jobs=jobs,
            network=html,
            progress=progress,
            failures=failures if keep_going else None,
            texts=texts,
        )
        if not made.documents:
            raise failures[0] if failures else InputError("nothing to build")
        moves: list[tuple[Path | None, Path]] = [(trig, out / "graph.trig")]
        if made.network is not None:
            from plangraph.view.page import to_html

            docs = made.network.graph.get("documents", {})
            title = " · ".join(d["title"] for d in list(docs.values())[:3])
            page = to_html(made.network, title=f"plangraph — {title}")
            staged.append(stage_write(out, _staged_stem("graph.html"), page))
            moves.append((staged[-1], out / "graph.html"))
        else:
            moves.append((None, out / "graph.html"))  # a page of an earlier graph would mislead
        moves.append((texts, out / TEXTS))
        if store is not None:
            from plangraph.sparql.store import load_store

            load_store(store, trig.read_bytes(), rdf_format="trig", progress=progress)
        nodes = len(made.network) if made.network is not None else 0
        if inputs_key is not None and not failures:
            hashes = " ".join(file_sha256(src) for src, _ in moves[:2] if src is not None)
            line = f"{inputs_key} {len(made.documents)} {made.quads} {nodes} {hashes}\n"
            (out / ".cache").mkdir(exist_ok=True)
            staged.append(stage_write(out / ".cache", _staged_stem("build.key"), line))
            moves.append((staged[-1], key_file))
        else:
            moves.append((None, key_file))
        committing = _write_commit_list(out, moves)
        finish_commit(out)
    finally:
        # once the commit list is written, the staged files are the commit's: a build that
        # dies before all are in place leaves them for the next one to finish
        for path in [] if committing else staged:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    outputs = [dst for src, dst in moves[:2] if src is not None]
    if progress:
        for path in outputs:
            progress(f"wrote {path}")
        if texts_written := len(list((out / TEXTS).glob("*.txt"))):
            progress(f"wrote {texts_written} text(s) read to {out / TEXTS}")
    return BuildResult(
        made.documents, made.links, outputs, made.quads, nodes, failures, made.network
    )


def _staged_stem(name: str) -> str:
    return f"{_STAGED[1:]}{os.getpid()}-{name}"


def _staged_name(folder: Path, name: str) -> Path:
    """A name in ``folder`` that no other build's staging uses: ``.staged-PID-NAME.XXXX``."""
    fd, path = tempfile.mkstemp(prefix=f"{_STAGED}{os.getpid()}-{name}.", dir=folder)
    os.close(fd)
    return Path(path)


def _write_commit_list(out: Path, moves: Sequence[tuple[Path | None, Path]]) -> bool:
    """The commit list: which staged file goes where (None: the target is removed). Once it is
    written, the commit is decided; :func:`finish_commit` carries it out."""
    from plangraph._files import atomic_write

    plan = [[str(src) if src is not None else None, str(dst)] for src, dst in moves]
    atomic_write(out / _COMMIT, json.dumps({"moves": plan}))
    return True


def finish_commit(out: Path) -> None:
    """Carry out the commit list in ``out``, if a build left one: rename each staged file that is
    still there into place (a missing one was renamed already), remove what the list removes."""
    journal = out / _COMMIT
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))["moves"]
    except FileNotFoundError:
        return
    except (ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # atomic_write never leaves half a list: not ours
        return
    for src, dst in plan:
        source, target = (Path(src) if src else None), Path(dst)
        if source is None:
            _remove(target)
        elif source.exists():
            if source.is_dir():
                old = target.with_name(f"{_STAGED}{os.getpid()}-old-{target.name}")
                if target.exists():
                    os.replace(target, old)
                os.replace(source, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(source, target)
    journal.unlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _inputs_key(
    inputs: Sequence[str | Path], options: ExtractOptions | None, html: bool
) -> str | None:
    """What a build's outputs depend on: the inputs' bytes and names, plangraph's settings."""
    import hashlib

    from plangraph._files import read_limited
    from plangraph.pipeline.corpus import expand_inputs, settings_fingerprint
    from plangraph.sources.text import MAX_DOCUMENT_BYTES

    if not inputs:
        return None  # the bundled sample: cheap to build
    digest = hashlib.sha256(f"{settings_fingerprint(options)} html={html}".encode())
    try:
        for path in expand_inputs(inputs):
            data = read_limited(path, MAX_DOCUMENT_BYTES)
            digest.update(f"\n{path.resolve()} {hashlib.sha256(data).hexdigest()}".encode())
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
