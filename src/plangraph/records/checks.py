"""Checks on records beyond their form: references, codes, vocabularies, ranges, evidence.

Every fact (keyword, measure, project, task, target, outcome) needs evidence; years lie in
1900–2200 and ordinals in 1–9999. Evidence spans are checked against the source text when it is
found: the report file the records name (a text, Word file, web page or PDF, read as the
extractor read it), or the text a build saved (``texts/ID.txt``, known by its digest).

Also fills the defaults the YAML form leaves out (a target's id and year, the digest of the
text read), so that every consumer of loaded records sees complete records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.errors import RecordsError
from plangraph.records.model import Records, Span, line_of

if TYPE_CHECKING:
    from plangraph.sources.text import SourceText

__all__ = ["check_records", "find_source_text"]

_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ADCODE = re.compile(r"^[0-9]{6}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TARGET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_REPORTS = re.compile(r"^(target|project|task|outcome)/[^\s<>\"{}|\\^`]+$")
_YEARS = (1900, 2200)
_ORDINALS = (1, 9999)
_FACTS = (
    "keywords",
    "measures",
    "projects",
    "tasks",
    "targets",
    "outcomes",
    "commitments",
    "events",
)
_COMMITTED = re.compile(r"^(target|project|task|commitment)/[^\s<>\"{}|\\^`]+$")


class _Checker:
    def __init__(self, records: Records, path: str) -> None:
        self.records = records
        self.path = path

    def fail(self, obj: object, where: str, message: str) -> None:
        raise RecordsError(message, path=self.path, line=line_of(obj), field=where)

    def run(
        self, source_dirs: Sequence[Path], strict_source: bool, source: SourceText | None
    ) -> SourceText | None:
        self.document()
        self.evidence_and_ranges()
        region_keys = self.regions()
        keywords = self.unique("keywords", "n")
        measures = self.unique("measures", "label")
        projects = self.unique("projects", "name")
        tasks = self.unique("tasks", "n")
        self.quantities(keywords, measures, projects, tasks, region_keys)
        self.commitments(keywords)
        for kind in ("measures", "projects", "tasks"):
            for i, item in enumerate(getattr(self.records, kind)):
                where = f"{kind}[{i}]"
                self.ref(item, f"{where}.keyword", getattr(item, "keyword", None), keywords)
                if kind == "projects":
                    self.ref(item, f"{where}.measure", item.measure, measures)
                    self.ref(item, f"{where}.task", item.task, tasks)
                self.places(item, where, region_keys)
        self.industry_terms()
        return self.spans(source_dirs, strict_source, source)

    def document(self) -> None:
        doc = self.records.document
        if not _DOC_ID.match(doc.id):
            self.fail(
                doc, "document.id", f"expected lowercase letters, digits and '-', found {doc.id!r}"
            )
        if doc.region is not None:
            self.code(doc, "document.region", doc.region)
        if not _SHA256.match(doc.source.sha256):
            self.fail(doc.source, "document.source.sha256", "expected 64 lowercase hex digits")
        if doc.source.chars < 0:
            self.fail(doc.source, "document.source.chars", "expected a length of 0 or more")
        if not _YEARS[0] <= doc.year <= _YEARS[1]:
            self.fail(doc, "document.year", f"expected a year such as 2024, found {doc.year}")
        digest = doc.source.text_sha256
        if digest is not None and not _SHA256.match(digest):
            self.fail(doc.source, "document.source.text_sha256", "expected 64 lowercase hex digits")

    def evidence_and_ranges(self) -> None:
        """Each fact has evidence; its years and ordinals are in range."""
        low, high = _YEARS
        for kind in _FACTS:
            for i, item in enumerate(getattr(self.records, kind)):
                where = f"{kind}[{i}]"
                if not item.evidence:
                    self.fail(item, f"{where}.evidence", "a fact needs evidence: a span or more")
                n = getattr(item, "n", None)
                if n is not None and not _ORDINALS[0] <= n <= _ORDINALS[1]:
                    self.fail(item, f"{where}.n", f"expected a number from 1 to 9999, found {n}")
                for attr in ("year", "period_start", "period_end"):
                    year = getattr(item, attr, None)
                    if year is not None and not low <= year <= high:
                        self.fail(
                            item,
                            f"{where}.{attr}",
                            f"expected a year from {low} to {high}, found {year}",
                        )
                for ref in ("keyword", "task"):
                    number = getattr(item, ref, None)
                    if number is not None and not _ORDINALS[0] <= number <= _ORDINALS[1]:
                        self.fail(
                            item,
                            f"{where}.{ref}",
                            f"expected a number from 1 to 9999, found {number}",
                        )

    def commitments(self, keywords: set[object]) -> None:
        """A commitment's keyword is known and what it is about is a path (project/SLUG…); an
        event reports on (and mentions) paths of earlier commitments (commitment/DOC/N,
        target/DOC/ID…)."""
        expected = (
            "expected a path like commitment/DOC/N, target/DOC/ID, project/SLUG or task/DOC/N"
        )
        for i, c in enumerate(self.records.commitments):
            self.ref(c, f"commitments[{i}].keyword", c.keyword, keywords)
            if c.refers is not None and not _COMMITTED.match(c.refers):
                self.fail(c, f"commitments[{i}].refers", expected)
        for i, e in enumerate(self.records.events):
            for field_name in ("reports", "mentions"):
                for j, path in enumerate(getattr(e, field_name)):
                    if not _COMMITTED.match(path):
                        self.fail(e, f"events[{i}].{field_name}[{j}]", expected)

    def code(self, obj: object, where: str, code: str) -> None:
        from plangraph.vocab.gazetteer import gazetteer

        if not _ADCODE.match(code):
            self.fail(obj, where, f"expected a six-digit GB/T 2260 code, found {code!r}")
        if code not in gazetteer():
            self.fail(obj, where, f"{code} is not a code in the gazetteer")

    def regions(self) -> set[str]:
        from plangraph.vocab.gazetteer import gazetteer

        keys: set[str] = set()
        for i, region in enumerate(self.records.regions):
            where = f"regions[{i}]"
            if region.code is not None:
                self.code(region, f"{where}.code", region.code)
                place = gazetteer().get(region.code)
                if region.name and place and region.name not in (place.name, place.short):
                    self.fail(
                        region,
                        f"{where}.name",
                        f"{region.name!r} is not the name of {region.code} ({place.name})",
                    )
            elif not region.name:
                self.fail(region, where, "expected a code, or a name for a named area")
            if region.key in keys:
                self.fail(region, where, f"region {region.key} is listed twice")
            keys.add(region.key)
        for i, region in enumerate(self.records.regions):
            within = region.within
            if within is not None and within not in keys and within not in gazetteer():
                self.fail(region, f"regions[{i}].within", f"unknown region {within!r}")
        return keys

    def unique(self, kind: str, attr: str) -> set[object]:
        seen: set[object] = set()
        for i, item in enumerate(getattr(self.records, kind)):
            value = getattr(item, attr)
            if value in seen:
                self.fail(item, f"{kind}[{i}].{attr}", f"{value!r} appears twice in {kind}")
            seen.add(value)
        return seen

    def ref(self, obj: object, where: str, value: object, known: Iterable[object]) -> None:
        if value is not None and value not in known:
            kind = where.rsplit(".", 1)[-1]
            self.fail(obj, where, f"refers to unknown {kind} {value!r}")

    def places(self, obj: object, where: str, region_keys: set[str]) -> None:
        from plangraph.vocab.schemes import industries

        for j, key in enumerate(obj.regions):  # type: ignore[attr-defined]
            if key not in region_keys:
                self.fail(
                    obj, f"{where}.regions[{j}]", f"unknown region {key!r} (list it under regions)"
                )
        scheme = industries()
        for j, label in enumerate(obj.industries):  # type: ignore[attr-defined]
            if scheme.resolve(label) is None:
                self.fail(
                    obj, f"{where}.industries[{j}]", f"{label!r} is not in the industry vocabulary"
                )

    def industry_terms(self) -> None:
        """A term of the scheme is one of its labels; a proposed term is one the scheme lacks
        (else it would be a second name for a concept); each has evidence and appears once."""
        from plangraph.vocab.schemes import industries

        scheme = industries()
        seen: set[str] = set()
        for i, term in enumerate(self.records.industry_terms):
            where = f"industry_terms[{i}]"
            known = scheme.resolve(term.label) is not None
            if term.proposed and known:
                self.fail(
                    term,
                    f"{where}.label",
                    f"{term.label!r} is in the industry vocabulary (drop proposed: true)",
                )
            if not term.proposed and not known:
                self.fail(
                    term,
                    f"{where}.label",
                    f"{term.label!r} is not in the industry vocabulary (mark it proposed: true)",
                )
            if term.label in seen:
                self.fail(term, f"{where}.label", f"{term.label!r} appears twice in industry_terms")
            seen.add(term.label)
            if not term.evidence:
                self.fail(
                    term, f"{where}.evidence", "an industry term needs evidence: a span or more"
                )

    def quantities(
        self,
        keywords: set[object],
        measures: set[object],
        projects: set[object],
        tasks: set[object],
        region_keys: set[str],
    ) -> None:
        from plangraph.vocab.names import slug
        from plangraph.vocab.schemes import units

        known_units = units()
        for kind in ("targets", "outcomes"):
            ids: set[str] = set()
            for i, q in enumerate(getattr(self.records, kind)):
                where = f"{kind}[{i}]"
                if q.unit is not None and q.unit not in known_units:
                    self.fail(q, f"{where}.unit", f"unknown unit {q.unit!r} (see data/units.yaml)")
                if kind == "targets" or q.value is not None or q.min is not None:
                    self.numbers(q, where)
                self.concept(q, where)
                if q.year is None:  # a target is for the plan year, a result for the year before
                    q.year = self.records.document.year - (kind == "outcomes")
                self.ref(q, f"{where}.keyword", q.keyword, keywords)
                if kind == "targets":
                    self.ref(q, f"{where}.measure", q.measure, measures)
                    self.ref(q, f"{where}.project", q.project, projects)
                    self.ref(q, f"{where}.task", q.task, tasks)
                elif q.reports is not None and not _REPORTS.match(q.reports):
                    self.fail(q, f"{where}.reports", "expected a path like target/DOC/ID")
                self.places(q, where, region_keys)
                if q.id is None:
                    base = slug(q.indicator)
                    q.id, n = base, 1
                    while q.id in ids:
                        n += 1
                        q.id = f"{base}-{n}"
                elif not _TARGET_ID.match(q.id):
                    self.fail(
                        q,
                        f"{where}.id",
                        f"expected letters, digits, '-', '_' or '.', found {q.id!r}",
                    )
                if q.id in ids:
                    self.fail(q, f"{where}.id", f"{q.id!r} appears twice in {kind}")
                ids.add(q.id)

    def concept(self, q: object, where: str) -> None:
        from plangraph.vocab.indicators import indicators

        name = q.concept  # type: ignore[attr-defined]
        if name is not None and name not in indicators():
            self.fail(
                q,
                f"{where}.concept",
                f"unknown indicator concept {name!r} (see data/indicators.yaml)",
            )

    def numbers(self, q: object, where: str) -> None:
        value, lo, hi = q.value, q.min, q.max  # type: ignore[attr-defined]
        qualifier = q.qualifier  # type: ignore[attr-defined]
        if qualifier == "Range":
            if lo is None or hi is None or value is not None:
                self.fail(q, where, "a Range needs min and max and no value")
        elif value is None and not (
            (qualifier == "AtLeast" and lo is not None and hi is None)
            or (qualifier == "AtMost" and hi is not None and lo is None)
        ):
            self.fail(q, f"{where}.value", f"a {qualifier} quantity needs a value")
        elif value is not None and (lo is not None or hi is not None):
            self.fail(q, where, "give either value or min/max, not both")
        if lo is not None and hi is not None and lo > hi:
            self.fail(q, f"{where}.min", f"min {lo} is greater than max {hi}")

    def find_source(self, source_dirs: Sequence[Path]) -> SourceText | None:
        """The text the spans point into: the report file, or a text a build saved."""
        from plangraph.errors import SourceError
        from plangraph.sources.text import read_source

        source = self.records.document.source
        for folder in source_dirs:
            candidate = folder / source.file
            if candidate.is_file():
                try:
                    found = read_source(candidate)
                except SourceError as exc:
                    self.fail(source, "document.source.file", str(exc))
                if found.sha256 != source.sha256:
                    self.fail(
                        source,
                        "document.source.sha256",
                        f"{candidate} has sha256 {found.sha256}, the records say {source.sha256}"
                        " (the text changed since these records were made)",
                    )
                return found
            saved = folder / f"{self.records.document.id}.txt"
            if source.text_sha256 is not None and saved.is_file():
                try:
                    found = read_source(saved, encoding="utf-8")
                except SourceError as exc:
                    self.fail(source, "document.source.text_sha256", str(exc))
                if found.sha256 == source.text_sha256:
                    return found
        return None

    def spans(
        self, source_dirs: Sequence[Path], strict_source: bool, given: SourceText | None
    ) -> SourceText | None:
        source = self.records.document.source
        found = given if given is not None else self.find_source(source_dirs)
        text: str | None = None
        if found is not None:
            text = found.text
            if len(text) != source.chars:
                self.fail(source, "document.source.chars", f"the text has {len(text)} characters")
            if source.text_sha256 is None:
                source.text_sha256 = found.text_sha256
            elif source.text_sha256 != found.text_sha256:
                self.fail(
                    source,
                    "document.source.text_sha256",
                    f"the text read from {found.path} has sha256 {found.text_sha256}, the records"
                    f" say {source.text_sha256} (read by another version of plangraph?)",
                )
        if text is None and strict_source:
            dirs = ", ".join(str(d) for d in source_dirs)
            self.fail(source, "document.source.file", f"{source.file} not found in {dirs}")
        for where, span in self.records.spans():
            self.span(span, where, source.chars, text)
        return found

    def span(self, span: Span, where: str, chars: int, text: str | None) -> None:
        where = f"{where}.evidence"
        if not 0 <= span.start < span.end <= chars:
            self.fail(
                span,
                where,
                f"span {span.start}-{span.end} lies outside the source text"
                f" (0-{chars}, start < end)",
            )
        if len(span.quote) != span.end - span.start:
            self.fail(
                span, where, f"quote {span.quote!r} is not {span.end - span.start} characters long"
            )
        if text is not None and text[span.start : span.end] != span.quote:
            self.fail(
                span,
                where,
                f"the text at {span.start}-{span.end} is {text[span.start : span.end]!r},"
                f" not {span.quote!r}",
            )


def check_records(
    records: Records,
    path: str,
    source_dirs: Sequence[Path],
    strict_source: bool = False,
    source: SourceText | None = None,
) -> SourceText | None:
    """Raise :class:`RecordsError` at the first problem; fill defaults when all is well.

    Spans are checked against ``source`` when given (the text the records were extracted from),
    else against the source text found in ``source_dirs``; that text is returned (None when
    none was found)."""
    return _Checker(records, path).run(source_dirs, strict_source, source)


def find_source_text(records: Records, source_dirs: Sequence[Path]) -> SourceText | None:
    """The text ``records``' spans point into, found in ``source_dirs`` as checks find it (the
    report file, or a text a build saved); None when it is in none of them."""
    return _Checker(records, "").find_source(source_dirs)
