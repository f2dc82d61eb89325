"""Checking every quote of a built graph against the texts it was read from.

Each document's evidence spans point into the text plangraph read (``pg:start``, ``pg:end``,
``pg:quote``). A build saves that text as ``texts/ID.txt`` and records its digest
(``pg:textSha256``); the report files themselves do too (``pg:sourceFile``, ``pg:sha256``), read
again as the build read them. :func:`check_quotes` finds each document's text in the folders
given, makes sure it is the text the graph was made from, and compares every quote with the
characters at its offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangraph.errors import InputError, SourceError

__all__ = ["QuoteReport", "check_quotes"]

_PG = "https://w3id.org/plangraph/ontology#"
_DOCUMENTS = f"""
SELECT ?doc ?file ?sha ?text WHERE {{ GRAPH ?g {{
  ?doc a <{_PG}PlanDocument> .
  OPTIONAL {{ ?doc <{_PG}sourceFile> ?file }}
  OPTIONAL {{ ?doc <{_PG}sha256> ?sha }}
  OPTIONAL {{ ?doc <{_PG}textSha256> ?text }}
}} }}"""
_SPANS = f"""
SELECT ?doc ?start ?end ?quote WHERE {{ GRAPH ?g {{
  ?span a <{_PG}TextSpan> ; <{_PG}source> ?doc ; <{_PG}start> ?start ; <{_PG}end> ?end ;
        <{_PG}quote> ?quote .
}} }}"""


@dataclass
class QuoteReport:
    documents: int = 0
    spans: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.mismatches

    def summary(self) -> str:
        if self.conforms:
            return (
                f"quotes: all {self.spans} quotes of {self.documents} document(s) match their texts"
            )
        head = f"quotes: {len(self.mismatches)} of {self.spans} quotes do not match their texts"
        return "\n".join([head, *(f"  {m}" for m in self.mismatches)])


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _text_of(
    doc: str, file: str | None, sha: str | None, digest: str | None, folders: Sequence[Path]
) -> str:
    """The text ``doc``'s spans point into, from the first folder that has it."""
    from plangraph.sources.text import read_source

    doc_id = doc.rsplit("/", 1)[-1]
    for folder in folders:
        saved = folder / f"{doc_id}.txt"
        if saved.is_file():
            found = read_source(saved, encoding="utf-8")
            if digest is not None and found.sha256 != digest:
                raise SourceError(
                    f"has sha256 {found.sha256}, but {doc} was built from a text with sha256"
                    f" {digest}",
                    path=saved,
                )
            return found.text
        if file is not None and (folder / file).is_file():
            found = read_source(folder / file)
            if sha is not None and found.sha256 != sha:
                raise SourceError(
                    f"has sha256 {found.sha256}, but {doc} was built from a file with sha256 {sha}",
                    path=folder / file,
                )
            if digest is not None and found.text_sha256 != digest:
                raise SourceError(
                    f"reads as a text other than the one {doc} was built from (sha256"
                    f" {found.text_sha256}, not {digest}): read by another version of plangraph?",
                    path=folder / file,
                )
            return found.text
    where = ", ".join(str(f) for f in folders)
    also = f" or {file}" if file else ""
    raise InputError(f"no text for {doc} ({doc_id}.txt{also}) in {where}")


def check_quotes(data: str | Path, source_dirs: Sequence[str | Path]) -> QuoteReport:
    """Check every quote of ``data`` (an RDF file or a store folder) against its document's text
    in ``source_dirs`` (a build's ``texts/``, or the folder of the report files). Raises
    :class:`~plangraph.errors.InputError` when a document's text is in none of them or is not the
    text the graph was made from."""
    from plangraph.sparql.store import open_data

    store = open_data(data)
    folders = [Path(d) for d in source_dirs]
    texts: dict[str, str] = {}
    report = QuoteReport()
    for row in store.query(_DOCUMENTS):  # type: ignore[union-attr]
        doc = str(row["doc"].value)
        if doc not in texts:
            texts[doc] = _text_of(
                doc, _value(row["file"]), _value(row["sha"]), _value(row["text"]), folders
            )
    report.documents = len(texts)
    for row in store.query(_SPANS):  # type: ignore[union-attr]
        doc = str(row["doc"].value)
        start, end = int(row["start"].value), int(row["end"].value)
        quote = str(row["quote"].value)
        report.spans += 1
        text = texts.get(doc)
        found = text[start:end] if text is not None else None
        if found != quote:
            shown = "no such document" if text is None else repr(found)
            report.mismatches.append(
                f"{doc.rsplit('/', 1)[-1]} {start}-{end}: the quote is {quote!r}, the text"
                f" has {shown}"
            )
    return report
