"""Many documents at once: parallel extraction, a cache keyed by content, per-document errors.

Texts are extracted in worker processes (one per core by default). Each result is cached as a
records file named by the text's sha256 and a fingerprint of everything that shapes extraction
(plangraph's version, its word lists and vocabularies, the options), so a rebuild re-extracts
only documents that changed. A document that fails is reported by name and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import InputError
from .records import Records

__all__ = ["CorpusResult", "extract_corpus", "settings_fingerprint"]

_DATA_FILES = ("extraction.yaml", "quantities.yaml", "units.yaml", "industries.yaml")


@dataclass
class CorpusResult:
    records: list[Records] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    extracted: int = 0  # documents extracted in this run
    cached: int = 0  # documents taken from the cache


def settings_fingerprint(options: object | None = None) -> str:
    """What, besides the text, decides the extractor's output."""
    from . import __version__
    from ._resources import data_file
    from .extraction import ExtractOptions

    digest = hashlib.sha256(__version__.encode())
    for name in _DATA_FILES:
        digest.update(data_file(name).read_bytes())
    options = options if options is not None else ExtractOptions()  # no options = the defaults
    digest.update(repr(sorted(asdict(options).items())).encode())  # type: ignore[call-overload]
    return digest.hexdigest()[:16]


def _extract_one(path: str, options: object | None) -> tuple[str, Records | None, str | None]:
    from .extraction import extract

    try:
        return path, extract(path, options), None  # type: ignore[arg-type]
    except InputError as exc:
        return path, None, str(exc)


def _cache_path(cache_dir: Path, sha256: str, fingerprint: str, name: str) -> Path:
    # the file name is part of the key: a document's id defaults to it
    named = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return cache_dir / f"{sha256[:32]}-{named}-{fingerprint}.json"


def extract_corpus(
    paths: Sequence[str | Path],
    options: object | None = None,
    *,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> CorpusResult:
    """Records of every text in ``paths``, in the order given; failures collected, not raised."""
    from .io import atomic_write
    from .records import records_from_json, records_to_json

    result = CorpusResult()
    fingerprint = settings_fingerprint(options)
    cache = Path(cache_dir) if cache_dir else None
    found: dict[str, Records] = {}
    todo: list[str] = []
    for path in map(str, paths):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            result.failures.append(InputError(f"cannot be read: {exc.strerror}", path=path))
            continue
        sha = hashlib.sha256(data).hexdigest()
        hit = _cache_path(cache, sha, fingerprint, Path(path).name) if cache else None
        if hit is not None and hit.is_file():
            try:
                records = records_from_json(hit.read_text(encoding="utf-8"))
                records.document.source.file = Path(path).name
                found[path] = records
                result.cached += 1
                continue
            except (ValueError, TypeError, KeyError):
                hit.unlink(missing_ok=True)  # a damaged cache entry is simply redone
        todo.append(path)

    def finish(path: str, records: Records | None, error: str | None, done: int) -> None:
        if records is None:
            result.failures.append(InputError(error or "extraction failed"))
        else:
            # the cached form, so that fresh and cached records are the same values and what
            # is keyed on them (each document's graph) is found again on the next build
            records = records_from_json(records_to_json(records))
            found[path] = records
            result.extracted += 1
            if cache is not None:
                sha = records.document.source.sha256
                cached = _cache_path(cache, sha, fingerprint, Path(path).name)
                atomic_write(cached, records_to_json(records))
        if progress:
            progress(f"extracted {done}/{len(todo)}: {Path(path).name}")

    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for i, path in enumerate(todo, 1):
            finish(*_extract_one(path, options), i)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_extract_one, path, options) for path in todo]
            for i, future in enumerate(as_completed(futures), 1):
                finish(*future.result(), i)
    result.records = [found[str(p)] for p in paths if str(p) in found]
    return result


def terminal_progress(message: str) -> None:
    """One updating line on a terminal, one line each otherwise."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{message}")
        sys.stderr.flush()
    else:
        print(message, file=sys.stderr)
