"""Reading inputs: records files and reports (texts, Word files, web pages, PDFs), one or many,
in worker processes, with a cache keyed by content and errors named per document.

:func:`read_inputs` is the one reader: every input's records, in memory. It runs on
:func:`read_documents`, which a corpus build (:mod:`plangraph.pipeline.assemble`) uses directly:
each input becomes its records in JSON on disk, made in worker processes (one per core by
default), and only a :class:`DocumentSummary` comes back, so reading a large corpus holds no
document's records in memory. Reports are read (:func:`plangraph.sources.text.read_source`) and
extracted, and the result is cached under the file's sha256, its name and a fingerprint of
everything that shapes extraction (plangraph's version, its word lists and vocabularies, the
options), beside the text that was read (what the build saves as ``texts/ID.txt``); records
files (.yaml) are read and checked. An input that fails is reported by name and the others go
on. Worker processes end when the process that started them is gone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from plangraph._files import read_limited, sweep_leftovers
from plangraph.errors import InputError, RecordsError, SourceError
from plangraph.records.model import Records
from plangraph.sources.text import MAX_DOCUMENT_BYTES, SOURCE_SUFFIXES

__all__ = [
    "DocumentSummary",
    "expand_inputs",
    "read_documents",
    "read_inputs",
    "settings_fingerprint",
    "worker_pool",
]

RECORD_SUFFIXES = (".yaml", ".yml")
REPORT_SUFFIXES = SOURCE_SUFFIXES
_DATA_FILES = (
    "extraction.yaml",
    "quantities.yaml",
    "units.yaml",
    "industries.yaml",
    "indicators.yaml",
    "indicator-words.yaml",
    "commitments.yaml",
)
_SCRATCH = "plangraph-read-"


@dataclass(frozen=True)
class DocumentSummary:
    """One input, read: where its records (and the text they point into) are, and what they say
    about the document."""

    input: str  # the path as given
    records: str  # its records in JSON (see records_to_json)
    digest: str  # sha256 of that JSON
    id: str
    region: str | None
    year: int
    summary: str  # counts of what was found
    from_cache: bool
    text: str | None = None  # the text the records' spans point into, when it is known

    def load(self) -> Records:
        from plangraph.records.cache import records_from_json

        return records_from_json(Path(self.records).read_text(encoding="utf-8"))


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


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return "records"
    return "report" if suffix in REPORT_SUFFIXES else None


def _in_folder(folder: Path) -> list[Path]:
    """A folder's records and reports, in its subfolders too (sorted by path); hidden files and
    folders (a build's ``.cache``), READMEs and what is not a regular file are not documents."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if _kind(path) and not path.name.lower().startswith("readme"):
            found.append(path)
    return sorted(found)


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """The input files: files as given; folders by their records and reports, subfolders too
    (sorted), leaving out hidden files and READMEs."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = _in_folder(path)
            if not found:
                raise InputError(
                    "the folder holds no records (.yaml) or reports (.txt, .md, .docx, .html,"
                    " .pdf)",
                    path=path,
                )
            paths.extend(found)
        elif _kind(path) is None:
            known = ", ".join(REPORT_SUFFIXES)
            raise InputError(
                f"unknown input type {path.suffix!r}; expected records (.yaml) or a report"
                f" ({known})",
                path=path,
            )
        else:
            paths.append(path)
    return paths


def _watch_parent() -> None:
    """In a worker: end this process once the process that started it is gone (killed outright,
    so that its clean-up never ran), rather than wait for work that never comes."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="plangraph-parent-watch", daemon=True).start()


@contextmanager
def worker_pool(jobs: int | None, work: int) -> Iterator[Executor | None]:
    """Worker processes for ``work`` tasks (None: do them here, when one would do). They end
    with the process that started them, even when it is killed outright."""
    workers = min(jobs or os.cpu_count() or 1, work)
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent)
    try:
        yield pool
    except BaseException:
        # interrupted: drop what has not started, let the rest end
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()


def _summary(records: Records) -> str:
    parts = []
    for kind in ("keywords", "measures", "projects", "tasks", "targets", "outcomes", "regions"):
        n = len(getattr(records, kind))
        if n:
            parts.append(f"{n} {kind}")
    return ", ".join(parts) or "no facts"


def _document(path: str, target: str, text: str, from_cache: bool) -> DocumentSummary:
    from plangraph.records.cache import records_from_json

    records = records_from_json(text)
    doc = records.document
    saved = Path(target).with_suffix(".txt")
    return DocumentSummary(
        input=path,
        records=target,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        id=doc.id,
        region=doc.region,
        year=doc.year,
        summary=_summary(records),
        from_cache=from_cache,
        text=str(saved) if saved.is_file() else None,
    )


def _read(
    path: str, target: str, options: object | None, source_dirs: Sequence[str]
) -> DocumentSummary | str:
    """One input (in a worker): its records as JSON at ``target`` and the text they point into
    beside it (``target`` with ``.txt``); a report's are reused when both are there already.
    ``options`` are the extractor's, with this report's id. An error comes back as text:
    ``kind NUL message``."""
    from plangraph._files import atomic_write
    from plangraph.records.cache import records_to_json
    from plangraph.records.checks import find_source_text
    from plangraph.records.reader import load_records
    from plangraph.sources.text import read_source

    text_file = Path(target).with_suffix(".txt")
    try:
        if _kind(Path(path)) == "records":
            records = load_records(path, source_dirs=source_dirs)
            found = find_source_text(records, [Path(path).parent, *map(Path, source_dirs)])
            text = records_to_json(records)
        else:
            if Path(target).is_file() and text_file.is_file():
                try:
                    cached = Path(target).read_text(encoding="utf-8")
                    return _document(path, target, cached, from_cache=True)
                except (ValueError, TypeError, KeyError):
                    pass  # a damaged cache entry is simply redone
            from plangraph.extraction import ExtractOptions, extract

            encoding = options.encoding if isinstance(options, ExtractOptions) else None
            found = read_source(path, encoding=encoding)
            text = records_to_json(extract(found, options))  # type: ignore[arg-type]
        if found is not None:
            atomic_write(text_file, found.text)
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


def _report_ids(paths: Sequence[Path], options: object | None) -> dict[int, str]:
    """Ids for reports whose file names would give two of them the same id, by index: the
    folder's name joins the file's when they lie in different folders (2025.txt in 河南 and 湖北:
    he-nan-2025), the kind of file when one report comes in several forms (anhui-2025.txt and
    anhui-2025.docx: anhui-2025-txt, anhui-2025-docx)."""
    from plangraph.extraction import ExtractOptions, default_id

    if isinstance(options, ExtractOptions) and options.doc_id:
        return {}  # one id given for all: two reports are an error, as they should be
    by_id: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        if _kind(path) == "report":
            by_id.setdefault(default_id(str(path)), []).append(i)
    ids = {}
    for same in by_id.values():
        if len(same) < 2:
            continue
        folders = len({paths[i].parent for i in same}) > 1
        forms = len({paths[i].suffix.lower() for i in same}) > 1
        for i in same:
            name = f"{paths[i].parent.name}-{paths[i].stem}" if folders else paths[i].stem
            if forms:
                name = f"{name}-{paths[i].suffix.lower().lstrip('.')}"
            ids[i] = default_id(f"{name}.txt")
    return ids


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
) -> list[DocumentSummary]:
    """Every input's records on disk, summaries in the order given: what :func:`read_inputs`
    and a corpus build read with.

    Reports' records go to ``cache_dir`` (and are taken from there while unchanged), records
    files' to ``scratch``. An input that cannot be read, extracted or checked, and one whose
    document id an earlier input already has, is added to ``failures`` (raised when that is
    None).
    """
    say = progress or (lambda message: None)
    fingerprint = settings_fingerprint(options)
    ids = _report_ids(paths, options)
    results: dict[int, DocumentSummary | str | InputError] = {}
    work: list[tuple[int, Path, Path]] = []
    for i, path in enumerate(paths):
        if _kind(path) == "records":
            work.append((i, path, scratch / f"records-{i:06d}.json"))
            continue
        try:
            data = read_limited(path, MAX_DOCUMENT_BYTES, error=SourceError, what="report file")
        except InputError as exc:
            results[i] = exc
            continue
        sha = hashlib.sha256(data).hexdigest()
        named = f"{path.name}#{ids[i]}" if i in ids else path.name
        work.append((i, path, _cache_path(cache_dir, sha, fingerprint, named)))
    extracting = sum(
        _kind(p) == "report" and not (t.is_file() and t.with_suffix(".txt").is_file())
        for _, p, t in work
    )
    done = 0

    def finish(index: int, result: DocumentSummary | str) -> None:
        nonlocal done
        results[index] = result
        if _kind(paths[index]) == "report" and not (
            isinstance(result, DocumentSummary) and result.from_cache
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
    documents: list[DocumentSummary] = []
    seen: dict[str, str] = {}
    for i in range(len(paths)):
        result = results[i]
        if isinstance(result, str):
            kind, _, message = result.partition("\0")
            result = RecordsError(message) if kind == "records" else InputError(message)
        if isinstance(result, DocumentSummary) and result.id in seen:
            result = RecordsError(
                f"document id {result.id!r} is also used by {seen[result.id]}",
                path=result.input,
                field="document.id",
            )
        if isinstance(result, InputError):
            if failures is None:
                raise result
            failures.append(result)
            continue
        seen[result.id] = result.input
        documents.append(result)
        # a document with no issuing region is taken as national: linked with other such ones
        where = f"region {result.region}" if result.region else "no region: national"
        say(f"read {result.input} ({result.year}, {where}): {result.summary}")
    if cached := sum(d.from_cache for d in documents):
        say(f"{cached} unchanged document(s) taken from the cache")
    return documents


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    options: object | None = None,
    source_dirs: Sequence[str | Path] = (),
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    failures: list[InputError] | None = None,
) -> list[Records]:
    """The records of every input, in the order given: records files (.yaml) read and checked
    (evidence against their source text when it is found beside them or in ``source_dirs``),
    reports (texts, Word files, web pages, PDFs) extracted, folders by what they hold.

    Reports are extracted in ``jobs`` processes (default one per core) and, with ``cache_dir``,
    taken from the cache while neither they nor the extractor changed. An input that cannot be
    read raises, unless ``failures`` is given: then it is added there and the others go on.
    All documents' records are held at once: for a corpus, ``build_to`` holds a few at a time.
    """
    paths = expand_inputs(inputs)
    tmp = Path(tempfile.gettempdir())
    sweep_leftovers(tmp, _SCRATCH)  # those of readers killed outright
    scratch = Path(tempfile.mkdtemp(prefix=f"{_SCRATCH}{os.getpid()}-"))
    try:
        with worker_pool(jobs, sum(_kind(p) == "report" for p in paths)) as pool:
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
        return [doc.load() for doc in documents]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def terminal_progress(message: str) -> None:
    """One updating line on a terminal, one line each otherwise."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{message}")
        sys.stderr.flush()
    else:
        print(message, file=sys.stderr)
