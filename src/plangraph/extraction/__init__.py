"""Extraction: a source text → records, offline and deterministic.

Knows nothing of RDF. The text is read and decoded once (:mod:`plangraph.sources.text`); matching
runs on a folded copy of the same length, so every span is an offset into the decoded original and
``text[start:end] == quote`` always holds. Structure first (header, review and plan parts,
keywords, livelihood tasks), then per sentence: quantities (targets in the plan part, outcomes in
the review part), projects, regions, industries and measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plangraph.errors import SourceError
from plangraph.extraction.entities import Mention
from plangraph.records.model import (
    FORMAT,
    Document,
    Keyword,
    Measure,
    Outcome,
    Project,
    Records,
    Region,
    Source,
    Span,
    Target,
    Task,
)

__all__ = ["ExtractOptions", "default_id", "extract", "extract_text"]


@cache
def _measure_rule() -> tuple[re.Pattern[str], int]:
    from plangraph.extraction.entities import word_lists

    rules = word_lists()["measures"]
    adverbs = "|".join(map(re.escape, sorted(rules["adverbs"], key=len, reverse=True)))
    verbs = "|".join(map(re.escape, sorted(rules["verbs"], key=len, reverse=True)))
    return re.compile(rf"^(?:(?:{adverbs}))*(?:{verbs})"), int(rules["max_chars"])


@cache
def _several_years() -> re.Pattern[str]:
    from plangraph.extraction.entities import word_lists

    cues = "|".join(map(re.escape, word_lists()["outcomes"]["several_years"]))
    return re.compile(rf"{cues}|(?:19|20)\d\d年以来")


def _review_year(folded: str, clause_start: int, at: int, year: int) -> int | None:
    """The year a figure of the review part is for: the year before the report's, or none when
    its sentence, up to the figure, speaks of several years."""
    sentence_start = max(folded.rfind(c, 0, clause_start) for c in "。！？!?\n") + 1
    return None if _several_years().search(folded, sentence_start, at) else year - 1


@dataclass
class ExtractOptions:
    doc_id: str | None = None
    region: str | None = None  # GB/T 2260 code of the issuing region, when the header lacks it
    year: int | None = None
    encoding: str | None = None
    kind: str | None = None


def default_id(path: str) -> str:
    """A document's id when none is given: its file name without the suffix (as a slug when
    it is not already lower-case ASCII)."""
    return _doc_id(path, None)


def _doc_id(path: str, given: str | None) -> str:
    from plangraph.vocab.names import slug

    if given:
        return given
    stem = Path(path).stem.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem):
        return stem
    return slug(stem)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _issuing_region(header_text: str, given: str | None) -> str | None:
    from plangraph.vocab.gazetteer import gazetteer

    if given:
        return given
    gz = gazetteer()
    best: tuple[int, str] | None = None
    for place in gz.places():
        if place.level == "county":
            break  # places() lists provinces, then prefectures
        for name in (place.name, place.short):
            pos = header_text.find(name)
            if len(name) >= 2 and pos >= 0 and (best is None or pos < best[0]):
                best = (pos, place.code)
    return best[1] if best else None


def extract_text(
    text: str, path: str, sha256: str, options: ExtractOptions | None = None
) -> Records:
    """Records of an already decoded text (``path`` and ``sha256`` go into the records)."""
    from plangraph.extraction.entities import RegionMatcher, find_industries, find_projects
    from plangraph.extraction.quantities import find_quantities
    from plangraph.extraction.structure import clauses, parse_structure
    from plangraph.sources.text import fold

    options = options or ExtractOptions()
    folded = fold(text)
    structure = parse_structure(folded)
    header = structure.header
    year = options.year or header.year
    if year is None:
        raise SourceError("cannot find the year in the header; give it with --year", path=path)
    region = _issuing_region("\n".join(header.region_names), options.region)
    doc = Document(
        id=_doc_id(path, options.doc_id),
        title=text[header.title_start : header.title_end] or Path(path).stem,
        year=year,
        source=Source(file=Path(path).name, sha256=sha256, chars=len(text)),
        kind=options.kind or header.kind,  # type: ignore[arg-type]
        region=region,
    )
    province = region[:2] + "0000" if region else None
    matcher = RegionMatcher(province)
    records = Records(format=FORMAT, document=doc)
    records.keywords = [
        Keyword(n=k.n, label=k.label, evidence=[_span(text, k.start, k.end)])
        for k in structure.keywords
    ]
    records.tasks = [
        Task(
            n=t.n,
            label=text[t.label_start : t.label_end],
            evidence=[_span(text, t.label_start, t.label_end)],
        )
        for t in structure.tasks
        if t.label_end > t.label_start
    ]
    task_at = {t.n: (t.start, t.end) for t in structure.tasks}
    regions: dict[str, Region] = {}
    if region:
        regions[region] = Region(code=region)
    projects: dict[str, Project] = {}
    measures: dict[str, Measure] = {}

    def note_region(key: str, name: str, span: Span | None, named: bool) -> str:
        if key not in regions:
            regions[key] = Region(name=name) if named else Region(code=key)
            if named and matcher.named_areas.get(name):
                regions[key].within = matcher.named_areas[name]
                regions.setdefault(
                    matcher.named_areas[name] or "", Region(code=matcher.named_areas[name])
                )
        if span is not None and len(regions[key].evidence) < 3:
            regions[key].evidence.append(span)
        return key

    for s, e in clauses(folded, 0, len(folded)):
        part = structure.part_at(s)
        kw = structure.keyword_at(s)
        keyword = kw.n if kw else None
        task = next((n for n, (ts, te) in task_at.items() if ts <= s < te), None)
        found_regions = [
            note_region(m.key or m.name, m.name, _span(text, m.start, m.end), not m.key)
            for m in matcher.find(folded, s, e)
        ]
        found_industries = sorted({m.key for m in find_industries(folded, s, e)})
        place = [r for r in found_regions if r != region] or ([region] if region else [])
        # measures: action clauses of the plan part
        measure_label = None
        if part == "plan":
            verb_re, max_chars = _measure_rule()
            for cs, ce in _subclauses(folded, s, e):
                if verb_re.match(folded[cs:ce]) and ce - cs >= 4:
                    ce = min(ce, cs + max_chars)
                    label = text[cs:ce]
                    if label not in measures:
                        measures[label] = Measure(
                            label=label,
                            keyword=keyword,
                            regions=list(dict.fromkeys(place)),
                            industries=found_industries,
                            evidence=[_span(text, cs, ce)],
                        )
                    measure_label = measure_label or label
        for m in find_projects(folded, s, e):
            if part == "review":
                records.outcomes.append(_project_outcome(text, folded, m, e, year - 1, keyword))
            project = projects.get(m.name)
            if project is None:
                projects[m.name] = Project(
                    name=m.name,
                    keyword=keyword,
                    task=task,
                    measure=measure_label,
                    regions=list(dict.fromkeys(place)),
                    industries=found_industries,
                    evidence=[_span(text, m.start, m.end)],
                )
            elif len(project.evidence) < 5:
                project.evidence.append(_span(text, m.start, m.end))
        for q in find_quantities(folded, s, e):
            common = dict(
                indicator=q.indicator,
                unit=q.unit,
                value=q.value,
                min=q.min,
                max=q.max,
                classifier=q.classifier,
                qualifier=q.qualifier,
                growth=q.growth,
                keyword=keyword,
                regions=list(dict.fromkeys(place)),
                industries=found_industries,
                evidence=[_span(text, q.start, q.end)],
            )
            if part == "review":
                when = _review_year(folded, s, q.start, year)
                records.outcomes.append(Outcome(year=when, status="reported", **common))  # type: ignore[arg-type]
            else:
                target = Target(year=year, task=task, measure=measure_label, **common)  # type: ignore[arg-type]
                records.targets.append(target)
    records.regions = [r for r in regions.values() if r.key]
    records.measures = list(measures.values())
    records.projects = list(projects.values())
    return records


def _project_outcome(
    text: str, folded: str, mention: Mention, end: int, year: int, keyword: int | None
) -> Outcome:
    """A project named in the review part: reported, and done when a completion word follows."""
    from plangraph.extraction.entities import word_lists
    from plangraph.vocab.names import project_name, slug

    tail = folded[mention.end : end]
    done = any(w in tail[:16] for w in word_lists()["tracking"]["done"])
    return Outcome(
        indicator=mention.name,
        year=year,
        keyword=keyword,
        reports=f"project/{slug(project_name(mention.name))}",
        status="met" if done else "reported",
        evidence=[_span(text, mention.start, mention.end)],
    )


def _subclauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, pos = [], start
    for m in re.finditer(r"[，,；;。：:]", text[start:end]):
        stop = start + m.start()
        if stop > pos:
            pieces.append((pos, stop))
        pos = start + m.end()
    if pos < end:
        pieces.append((pos, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def extract(path: str | Path, options: ExtractOptions | None = None, **kwargs: object) -> Records:
    """Records of the report at ``path``. ``kwargs`` are :class:`ExtractOptions` fields."""
    from plangraph.records.checks import check_records
    from plangraph.sources.text import read_source

    if options is None:
        options = ExtractOptions(**kwargs)  # type: ignore[arg-type]
    source = read_source(path, encoding=options.encoding)
    records = extract_text(source.text, str(path), source.sha256, options)
    check_records(records, str(path), [Path(path).parent], strict_source=True)
    return records


def extract_many(
    paths: Sequence[str | Path], options: ExtractOptions | None = None
) -> list[Records]:
    return [extract(p, options) for p in paths]
