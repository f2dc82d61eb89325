"""Answers in the W3C formats, written by pyoxigraph's own writers.

SELECT and ASK: SPARQL 1.1 results in JSON, XML, CSV or TSV (``QueryResultsFormat``);
CONSTRUCT and DESCRIBE: Turtle, N-Triples, RDF/XML or JSON-LD (``RdfFormat``), Turtle with
plangraph's prefixes. Formats are found by pyoxigraph from a file extension (``json``,
``ttl``), a media type (``text/csv``) or their own name (``turtle``, ``ntriples``).

:func:`write` streams a whole answer (the command line). :func:`write_bounded` is for the
endpoint: it stops as soon as the answer passes a number of rows or of bytes. It lets
pyoxigraph write TSV (one line per row: a row count is a line count) or N-Triples (one line
per triple) into a buffer that counts, and has pyoxigraph turn that into the format asked for.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from plangraph.errors import InputError
from plangraph.graph.namespace import WRITTEN_PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

    from plangraph.sparql.results import Answer

    Format = pyoxigraph.QueryResultsFormat | pyoxigraph.RdfFormat

__all__ = ["TooLarge", "answer_kind", "formats", "find_format", "write", "write_bounded"]


def answer_kind(answer: Answer) -> str:
    """``select``, ``ask`` or ``graph``."""
    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return "ask"
    return "select" if isinstance(answer, pyoxigraph.QuerySolutions) else "graph"


def formats(kind: str) -> list[Format]:
    """The formats an answer of ``kind`` is offered in, the default first."""
    import pyoxigraph

    if kind == "graph":
        rdf = pyoxigraph.RdfFormat
        return [rdf.TURTLE, rdf.N_TRIPLES, rdf.RDF_XML, rdf.JSON_LD]
    results = pyoxigraph.QueryResultsFormat
    return [results.JSON, results.XML, results.CSV, results.TSV]


def _plain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def find_format(kind: str, name: str) -> Format | None:
    """The offered format for ``kind`` called ``name`` (an extension, a media type or the
    format's name), or None."""
    import pyoxigraph

    key = name.strip().lower()
    family = pyoxigraph.RdfFormat if kind == "graph" else pyoxigraph.QueryResultsFormat
    offered = formats(kind)
    found = family.from_extension(key) or family.from_media_type(key)
    if found is None:
        found = next((f for f in offered if _plain(f.name) == _plain(key)), None)
    return found if found in offered else None


def _format(kind: str, name: str) -> Format:
    found = find_format(kind, name)
    if found is None:
        what = "a CONSTRUCT or DESCRIBE" if kind == "graph" else "a SELECT or ASK"
        known = ", ".join(f.file_extension for f in formats(kind))
        raise InputError(f"{what} result cannot be written as {name!r} (expected one of {known})")
    return found


class _LastLine:
    """Passes writes on, remembering whether the last one ended a line."""

    def __init__(self, output: IO[bytes]) -> None:
        self.output = output
        self.ended = True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if chunk:
            self.ended = chunk.endswith(b"\n")
        return self.output.write(chunk)

    def flush(self) -> None:
        self.output.flush()


def write(answer: Answer, name: str, output: IO[bytes]) -> None:
    """Write all of ``answer`` to ``output`` in the format called ``name``, as it is read,
    ending with a line end (JSON and a boolean come without one)."""
    import pyoxigraph

    kind = answer_kind(answer)
    fmt: Any = _format(kind, name)
    out: Any = _LastLine(output)  # pyoxigraph's stubs take files only; write() is enough
    given: Any = answer
    if kind == "graph":
        prefixes = WRITTEN_PREFIXES if fmt == pyoxigraph.RdfFormat.TURTLE else None
        pyoxigraph.serialize(given, out, format=fmt, prefixes=prefixes)
    else:
        given.serialize(out, format=fmt)
    if not out.ended:
        output.write(b"\n")
    output.flush()


class TooLarge(Exception):
    """An answer past the limit of rows or of bytes."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what  # "rows", "triples" or "bytes"
        self.limit = limit
        super().__init__(f"more than {limit} {what}")


class _Counted:
    """A binary buffer that raises :class:`TooLarge` past ``lines`` lines or ``size`` bytes."""

    def __init__(self, rows: int | None, size: int | None, what: str, header: int = 0) -> None:
        self.parts: list[bytes] = []
        self.rows = rows
        self.lines = None if rows is None else rows + header
        self.size = size
        self.what = what
        self._lines = 0
        self._size = 0

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._size += len(chunk)
        self._lines += chunk.count(b"\n")
        if self.size is not None and self._size > self.size:
            raise TooLarge("bytes", self.size)
        if self.lines is not None and self._lines > self.lines:
            raise TooLarge(self.what, self.rows or 0)
        self.parts.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def write_bounded(
    answer: Answer, fmt: Format, *, max_rows: int | None, max_bytes: int | None
) -> bytes:
    """``answer`` in ``fmt``, or :class:`TooLarge` as soon as it has more than ``max_rows``
    rows (triples) or its TSV (N-Triples) form more than ``max_bytes`` bytes."""
    import pyoxigraph

    kind = answer_kind(answer)
    given: Any = answer  # pyoxigraph's stubs take files only; a writer with write() works too
    if kind == "ask":
        return given.serialize(format=fmt) or b""
    if kind == "select":
        tsv = pyoxigraph.QueryResultsFormat.TSV
        buffer: Any = _Counted(max_rows, max_bytes, "rows", header=1)
        given.serialize(buffer, format=tsv)
        if fmt == tsv:
            return buffer.value()
        solutions: Any = pyoxigraph.parse_query_results(buffer.value(), format=tsv)
        return solutions.serialize(format=fmt) or b""
    nt = pyoxigraph.RdfFormat.N_TRIPLES
    buffer = _Counted(max_rows, max_bytes, "triples")
    pyoxigraph.serialize(given, buffer, format=nt)
    if fmt == nt:
        return buffer.value()
    triples: Any = pyoxigraph.parse(buffer.value(), format=nt)
    rdf: Any = fmt
    prefixes = WRITTEN_PREFIXES if fmt == pyoxigraph.RdfFormat.TURTLE else None
    written: bytes | None = pyoxigraph.serialize(triples, format=rdf, prefixes=prefixes)
    return written or b""
