"""Reading many documents: parallel extraction, a cache keyed by content, per-document errors.

Each input becomes its records in JSON on disk, made in worker processes (one per core by
default): texts are extracted, and the result is cached under the text's sha256, its file name
and a fingerprint of everything that shapes extraction (plangraph's version, its word lists and
vocabularies, the options), so a rebuild re-extracts only documents that changed; records files
(.yaml) are read and checked. Only a summary of each document (:class:`Document`) comes back, so
reading a large corpus holds no document's records in memory. A text that fails is reported by
name and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from plangraph.errors import InputError, RecordsError
from plangraph.records.model import Records

__all__ = [
    "CorpusResult",
    "Document",
    "extract_corpus",
    "expand_inputs",
    "read_documents",
    "read_records",
    "settings_fingerprint",
    "worker_pool",
]

RECORD_SUFFIXES = (".yaml", ".yml")
TEXT_SUFFIXES = (".txt", ".md")
_DATA_FILES = ("extraction.yaml", "quantities.yaml", "units.yaml", "industries.yaml")


@dataclass(frozen=True)
class Document:
    """One input, read: where its records are and what they say about the document."""

    input: str  # the path as given
    records: str  # its records in JSON (see records_to_json)
    digest: str  # sha256 of that JSON
    id: str
    region: str | None
    year: int
    summary: str  # counts of what was found
    from_cache: bool

    def load(self) -> Records:
        from plangraph.records.cache import records_from_json

        return records_from_json(Path(self.records).read_text(encoding="utf-8"))


@dataclass
class CorpusResult:
    records: list[Records] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    extracted: int = 0  # documents extracted in this run
    cached: int = 0  # documents taken from the cache


def settings_fingerprint(options: object | None = None) -> str:
    """What, besides the text, decides the extractor's output."""
    from plangraph._resources import data_file
    from plangraph._version import __version__
    from plangraph.extraction import ExtractOptions

    digest = hashlib.sha256(__version__.encode())
    for name in _DATA_FILES:
        digest.update(data_file(name).read_bytes())
    options = options if options is not None else ExtractOptions()  # no options = the defaults
    digest.update(repr(sorted(asdict(options).items())).encode())  # type: ignore[call-overload]
    return digest.hexdigest()[:16]


def _in_folder(folder: Path) -> list[Path]:
    """A folder's records and texts, in its subfolders too (sorted by path); hidden files and
    folders (a build's ``.cache``) and READMEs are not documents."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES + RECORD_SUFFIXES and not path.name.lower().startswith(
            "readme"
        ):
            found.append(path)
    return sorted(found)


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """The input files: files as given; folders by their records and texts, subfolders too
    (sorted), leaving out hidden files and READMEs."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = _in_folder(path)
            if not found:
                raise InputError("the folder holds no records (.yaml) or texts (.txt)", path=path)
            paths.extend(found)
        elif path.suffix not in TEXT_SUFFIXES + RECORD_SUFFIXES:
            raise InputError(
                f"unknown input type {path.suffix!r};"
                " expected records (.yaml) or a text (.txt, .md)",
                path=path,
            )
        else:
            paths.append(path)
    return paths


@contextmanager
def worker_pool(jobs: int | None, work: int) -> Iterator[Executor | None]:
    """Worker processes for ``work`` tasks (None: do them here, when one would do)."""
    workers = min(jobs or os.cpu_count() or 1, work)
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield pool
    except BaseException:
        pool.shutdown(
            cancel_futures=True
        )  # interrupted: drop what has not started, let the rest end
        raise
    pool.shutdown()


def _summary(records: Records) -> str:
    parts = []
    for kind in ("keywords", "measures", "projects", "tasks", "targets", "outcomes", "regions"):
        n = len(getattr(records, kind))
        if n:
            parts.append(f"{n} {kind}")
    return ", ".join(parts) or "no facts"


def _document(path: str, target: str, text: str, from_cache: bool) -> Document:
    from plangraph.records.cache import records_from_json

    records = records_from_json(text)
    doc = records.document
    return Document(
        input=path,
        records=target,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        id=doc.id,
        region=doc.region,
        year=doc.year,
        summary=_summary(records),
        from_cache=from_cache,
    )


def _read(
    path: str, target: str, options: object | None, source_dirs: Sequence[str]
) -> Document | str:
    """One input (in a worker): its records as JSON at ``target``; a text's are reused when
    ``target`` already holds them. ``options`` are the extractor's, with this text's id. An
    error comes back as text: ``kind NUL message``."""
    from plangraph._files import atomic_write
    from plangraph.records.cache import records_to_json
    from plangraph.records.reader import load_records

    try:
        if Path(path).suffix in RECORD_SUFFIXES:
            text = records_to_json(load_records(path, source_dirs=source_dirs))
        else:
            if Path(target).is_file():
                try:
                    cached = Path(target).read_text(encoding="utf-8")
                    return _document(path, target, cached, from_cache=True)
                except (ValueError, TypeError, KeyError):
                    pass  # a damaged cache entry is simply redone
            from plangraph.extraction import extract

            text = records_to_json(extract(path, options))  # type: ignore[arg-type]
        atomic_write(Path(target), text)
        return _document(path, target, text, from_cache=False)
    except RecordsError as exc:
        return f"records\0{exc}"
    except InputError as exc:
        return f"input\0{exc}"


def _cache_path(cache_dir: Path, sha256: str, fingerprint: str, name: str) -> Path:
    # the file name is part of the key: a document's id defaults to it
    named = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return cache_dir / f"{sha256[:32]}-{named}-{fingerprint}.json"


def _text_ids(paths: Sequence[Path], options: object | None) -> dict[int, str]:
    """Ids for texts whose file names would give two of them the same id (2025.txt in the
    folders 河南 and 湖北): the folder's name joins the file's (he-nan-…-2025). By index."""
    from plangraph.extraction import ExtractOptions, default_id

    if isinstance(options, ExtractOptions) and options.doc_id:
        return {}  # one id given for all: two texts are an error, as they should be
    by_id: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        if path.suffix in TEXT_SUFFIXES:
            by_id.setdefault(default_id(str(path)), []).append(i)
    return {
        i: default_id(f"{paths[i].parent.name}-{paths[i].name}")
        for same in by_id.values()
        if len(same) > 1
        for i in same
    }


def _with_id(options: object | None, doc_id: str | None) -> object | None:
    from dataclasses import replace

    from plangraph.extraction import ExtractOptions

    if doc_id is None:
        return options
    return replace(
        options if isinstance(options, ExtractOptions) else ExtractOptions(), doc_id=doc_id
    )


def read_documents(
    paths: Sequence[Path],
    *,
    cache_dir: Path,
    scratch: Path,
    pool: Executor | None = None,
    options: object | None = None,
    source_dirs: Sequence[str | Path] = (),
    progress: Callable[[str], None] | None = None,
    failures: list[InputError] | None = None,
) -> list[Document]:
    """Every input's records on disk, summaries in the order given.

    Texts' records go to ``cache_dir`` (and are taken from there while unchanged), records
    files' to ``scratch``. A text that cannot be read or extracted is added to ``failures``
    (raised when that is None); a bad records file, or two documents with one id, always raise.
    """
    say = progress or (lambda message: None)
    fingerprint = settings_fingerprint(options)
    ids = _text_ids(paths, options)
    results: dict[int, Document | str | InputError] = {}
    work: list[tuple[int, Path, Path]] = []
    for i, path in enumerate(paths):
        if path.suffix in RECORD_SUFFIXES:
            work.append((i, path, scratch / f"records-{i:06d}.json"))
            continue
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            results[i] = InputError(f"cannot be read: {exc.strerror}", path=path)
            continue
        named = f"{path.name}#{ids[i]}" if i in ids else path.name
        work.append((i, path, _cache_path(cache_dir, sha, fingerprint, named)))
    extracting = sum(p.suffix in TEXT_SUFFIXES and not t.is_file() for _, p, t in work)
    done = 0

    def finish(index: int, result: Document | str) -> None:
        nonlocal done
        results[index] = result
        if paths[index].suffix in TEXT_SUFFIXES and not (
            isinstance(result, Document) and result.from_cache
        ):
            done += 1
            say(f"extracted {done}/{max(done, extracting)}: {paths[index].name}")

    dirs = [str(d) for d in source_dirs]
    tasks = [(i, (str(p), str(t), _with_id(options, ids.get(i)), dirs)) for i, p, t in work]
    if pool is None:
        for i, args in tasks:
            finish(i, _read(*args))
    else:
        futures = {pool.submit(_read, *args): i for i, args in tasks}
        for future in as_completed(futures):
            finish(futures[future], future.result())
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for i in range(len(paths)):
        result = results[i]
        if isinstance(result, str):
            kind, _, message = result.partition("\0")
            if kind == "records":
                raise RecordsError(message)  # reviewed records: a bad one stops the build
            result = InputError(message)
        if isinstance(result, InputError):
            if failures is None:
                raise result
            failures.append(result)
            continue
        if result.id in seen:
            raise RecordsError(
                f"document id {result.id!r} is also used by {seen[result.id]}",
                path=result.input,
                field="document.id",
            )
        seen[result.id] = result.input
        documents.append(result)
        # a document with no issuing region is taken as national: linked with other such ones
        where = f"region {result.region}" if result.region else "no region: national"
        say(f"read {result.input} ({result.year}, {where}): {result.summary}")
    if cached := sum(d.from_cache for d in documents):
        say(f"{cached} unchanged document(s) taken from the cache")
    return documents


def extract_corpus(
    paths: Sequence[str | Path],
    options: object | None = None,
    *,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> CorpusResult:
    """Records of every text in ``paths``, in the order given; failures collected, not raised.

    Holds every document's records: for a large corpus, :func:`read_documents` (summaries, the
    records on disk) is the one to use.
    """
    result = CorpusResult()
    read = read_records(
        [Path(p) for p in paths],
        options=options,
        jobs=jobs,
        cache_dir=cache_dir,
        progress=progress,
        failures=result.failures,
    )
    result.records = [records for _, records in read]
    result.cached = sum(doc.from_cache for doc, _ in read)
    result.extracted = len(read) - result.cached
    return result


def read_records(
    paths: Sequence[Path],
    *,
    options: object | None = None,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    source_dirs: Sequence[str | Path] = (),
    progress: Callable[[str], None] | None = None,
    failures: list[InputError] | None = None,
) -> list[tuple[Document, Records]]:
    """:func:`read_documents` in ``jobs`` processes, with every document's records loaded (all
    at once: for a few documents). Without ``cache_dir``, texts' records are not kept."""
    scratch = Path(tempfile.mkdtemp(prefix="plangraph-read-"))
    try:
        with worker_pool(jobs, sum(p.suffix in TEXT_SUFFIXES for p in paths)) as pool:
            documents = read_documents(
                paths,
                cache_dir=Path(cache_dir) if cache_dir else scratch,
                scratch=scratch,
                pool=pool,
                options=options,
                source_dirs=source_dirs,
                progress=progress,
                failures=failures,
            )
        return [(doc, doc.load()) for doc in documents]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def terminal_progress(message: str) -> None:
    """One updating line on a terminal, one line each otherwise."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{message}")
        sys.stderr.flush()
    else:
        print(message, file=sys.stderr)
