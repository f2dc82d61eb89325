"""Build: records files (and, later, texts) → an RDF dataset → graph.trig and graph.html."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from .errors import InputError, RecordsError
from .records import Records

__all__ = ["SAMPLE", "BuildResult", "build", "build_to", "collect_records"]

SAMPLE = "shanxi-2024.yaml"
_RECORD_SUFFIXES = (".yaml", ".yml")
_TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class BuildResult:
    dataset: Dataset
    records: list[Records]
    outputs: list[Path]
    triples: int
    nodes: int


def _expand(inputs: Sequence[str | Path]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in _RECORD_SUFFIXES)
            if not found:
                raise InputError("the folder holds no records files (.yaml)", path=path)
            paths.extend(found)
        else:
            paths.append(path)
    return paths


def collect_records(
    inputs: Sequence[str | Path] = (),
    *,
    source_dirs: Sequence[str | Path] = (),
    progress: Callable[[str], None] | None = None,
) -> list[Records]:
    """Load every input; with no input, the bundled sample dataset."""
    from ._resources import data_file
    from .records import load_records

    if not inputs:
        with_sample = data_file(SAMPLE)
        inputs = [Path(str(with_sample))]
    loaded: list[Records] = []
    seen: dict[str, Path] = {}
    for path in _expand(inputs):
        if path.suffix in _TEXT_SUFFIXES:
            raise InputError(
                "building from text needs the extractor, which is not part of this release yet;"
                " give a records file (.yaml)",
                path=path,
            )
        if path.suffix not in _RECORD_SUFFIXES:
            raise InputError(
                f"unknown input type {path.suffix!r}; expected .yaml records", path=path
            )
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
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """The RDF dataset of ``inputs`` (records files); with none, of the bundled sample."""
    from .rdfize import rdfize

    return rdfize(collect_records(inputs, source_dirs=source_dirs, progress=progress))


def build_to(
    inputs: Sequence[str | Path] = (),
    out_dir: str | Path = "out",
    *,
    source_dirs: Sequence[str | Path] = (),
    html: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build and write ``graph.trig`` (and ``graph.html``) into ``out_dir``.

    Everything is made in memory first; files are replaced only at the end, each atomically,
    so bad input or an interruption leaves what was there before.
    """
    from .io import atomic_write
    from .network import to_networkx
    from .rdfize import rdfize

    records = collect_records(inputs, source_dirs=source_dirs, progress=progress)
    dataset = rdfize(records)
    trig = dataset.serialize(format="trig")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", path=out)
    pending: list[tuple[Path, str]] = [(out / "graph.trig", trig)]
    nodes = 0
    if html:
        from .viz import to_html

        net = to_networkx(dataset)
        nodes = len(net)
        title = " · ".join(r.document.title for r in records[:3])
        pending.append((out / "graph.html", to_html(net, title=f"plangraph — {title}")))
    for path, content in pending:
        atomic_write(path, content)
        if progress:
            progress(f"wrote {path}")
    triples = sum(1 for _ in dataset.quads((None, None, None, None)))
    return BuildResult(dataset, records, [p for p, _ in pending], triples, nodes)
