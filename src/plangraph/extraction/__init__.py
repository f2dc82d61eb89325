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
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.errors import SourceError
from plangraph.extraction.parts import Part
from plangraph.extraction.places import PlaceMention
from plangraph.extraction.projects import ProjectMention
from plangraph.extraction.structure import Structure
from plangraph.extraction.words import LOOKBACK, word_lists
from plangraph.records.model import (
    FORMAT,
    Document,
    IndustryTerm,
    Keyword,
    Measure,
    Outcome,
    Project,
    Records,
    Region,
    Section,
    Source,
    Span,
    Target,
    Task,
)
from plangraph.records.model import Part as RecordPart
from plangraph.sources.text import SourceText

if TYPE_CHECKING:
    from plangraph.extraction.industries import IndustryMention

__all__ = ["ExtractOptions", "default_id", "extract", "extract_text", "prepare"]


@cache
def _measure_rule() -> tuple[re.Pattern[str], int]:
    from plangraph.extraction.words import word_lists

    rules = word_lists()["measures"]
    adverbs = "|".join(map(re.escape, sorted(rules["adverbs"], key=len, reverse=True)))
    verbs = "|".join(map(re.escape, sorted(rules["verbs"], key=len, reverse=True)))
    return re.compile(rf"^(?:(?:{adverbs}))*(?:{verbs})"), int(rules["max_chars"])


@cache
def _several_years() -> re.Pattern[str]:
    from plangraph.extraction.words import word_lists

    cues = "|".join(map(re.escape, word_lists()["outcomes"]["several_years"]))
    return re.compile(rf"{cues}|(?:19|20)\d\d年以来")


def _review_timing(folded: str, clause_start: int, at: int, year: int) -> dict[str, object]:
    """When a figure of the review part is for: the year before the report's; or, when its
    sentence up to the figure speaks of several years (五年来, 2020年以来), the period it
    names, ending with that year (its first year unknown when the period is vague: 近年来)."""
    window = max(0, at - LOOKBACK)
    sentence_start = max(window, *(folded.rfind(c, window, clause_start) + 1 for c in "。！？!?\n"))
    cue = _several_years().search(folded, sentence_start, at)
    reviewed = year - 1
    if cue is None:
        return {"year": reviewed}
    rules = word_lists()["outcomes"]
    word = cue.group()
    first = None
    if word in rules["span_years"]:
        first = reviewed - int(rules["span_years"][word]) + 1
    elif word in rules["since"]:
        first = int(rules["since"][word])
    elif word.endswith("年以来"):
        first = int(word[:4])
    if first is None or first > reviewed:  # 近年来: several years, how many unknown
        return {"year": reviewed, "period_end": reviewed}
    return {"year": reviewed, "period_start": first, "period_end": reviewed}


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


_INVISIBLE = {0x0D: "\n", 0x200B: " ", 0x200C: " ", 0x200D: " ", 0xFEFF: " ", 0xA0: " "}


def prepare(text: str) -> str:
    """The folded text every pass reads: full-width forms folded, carriage returns read as line
    breaks (a text with CR-only line ends has lines too) and invisible characters as spaces;
    one character for one, so offsets stay offsets into ``text``."""
    from plangraph.sources.text import fold

    folded = fold(text).translate(_INVISIBLE)
    # a number cut from its unit by a line break (74.4⏎⏎万亿元, pages copied from the web)
    return _BROKEN_NUMBER.sub(lambda m: " " * len(m.group()), folded)


_BROKEN_NUMBER = re.compile(r"(?<=[0-9])(?:[ \t]*\n)+[ \t]*(?=[万亿千]{0,2}[元%％瓦吨人户斤亩])")


def _plan_year(structure: Structure, path: str) -> int:
    header = structure.header
    stated = sorted({f.value for f in header.years})
    if structure.year_source != "given" and len(stated) > 1:
        where = ", ".join(f"{f.value} at offset {f.start}" for f in header.years)
        raise SourceError(
            f"the header states conflicting years ({where}); give the plan year with --year",
            path=path,
        )
    if structure.year is None:
        raise SourceError(
            "no plan year found: the header states none and no part heading names one"
            " (such as 一、2024年工作回顾); give it with --year",
            path=path,
        )
    return structure.year


def _timing(
    structure: Structure, folded: str, part: Part | None, clause: int, at: int, end: int
) -> dict[str, object]:
    """When a figure at ``at``..``end`` of a clause starting at ``clause`` is for: its year,
    and in a five-year part the period and whether it is a yearly average or a sum; a year the
    clause states before the figure (到2027年) wins."""
    year = structure.year
    assert year is not None
    rules = word_lists()["structure"]
    kind = part.kind if part else "plan"
    clause = max(clause, at - LOOKBACK)
    before = folded[clause:at]
    stated = [int(m.group(1)) for m in _STATED_YEAR.finditer(before)]
    # the piece of the clause the figure stands in: 累计…, 年均… speak of their own figure
    piece = max(clause, *(folded.rfind(c, clause, at) + 1 for c in "，,；;：:"))
    local = folded[piece:end]
    out: dict[str, object] = {}
    if kind == "review":
        out.update(_review_timing(folded, clause, at, year))
    elif kind in ("five-year-review", "five-year-goals") and part is not None and part.period:
        first, last = part.period
        inside = [y for y in stated if first <= y <= last]
        summed = _cue(rules["cumulative"] + rules["average"], local)
        if inside and inside[-1] != last and not summed:
            out["year"] = inside[-1]  # 到2028年…: a milestone year inside the period
        elif inside and kind == "five-year-review" and not summed:
            out["year"] = inside[-1]  # 2025年…达到: the level of the period's last year
        else:
            out["year"] = last
            out["period_start"], out["period_end"] = first, last
            out["average"] = _cue(rules["average"], local)
            out["cumulative"] = _cue(rules["cumulative"], local)
    else:
        later = [y for y in stated if y > year]
        out["year"] = later[-1] if later and "到" in before else year
    return out


def _near(
    pieces: Sequence[tuple[int, int]],
    places: Sequence[tuple[PlaceMention, str]],
    industries: Sequence[IndustryMention],
    region: str | None,
    start: int,
    end: int,
) -> tuple[list[str], list[str]]:
    """The places and industries a fact at ``start``..``end`` names: those of its own piece of
    the clause (between commas), or inside its span; with no place, the document's region."""
    lo, hi = next(((a, b) for a, b in pieces if a <= start < b), (start, end))
    lo, hi = min(lo, start), max(hi, end)
    named = [key for m, key in places if lo <= m.start < hi and key != region]
    trades = sorted({m.label for m in industries if lo <= m.start < hi and not m.proposed})
    return list(dict.fromkeys(named)) or ([region] if region else []), trades


def _cue(words: list[str], text: str) -> bool:
    return any(w in text for w in words)


_STATED_YEAR = re.compile(r"((?:19|20)\d\d)年")


def extract_text(
    text: str, path: str, sha256: str, options: ExtractOptions | None = None
) -> Records:
    """Records of an already decoded text (``path`` and ``sha256`` go into the records)."""
    from plangraph.extraction.commitments import add_commitments
    from plangraph.extraction.concepts import tie_concepts
    from plangraph.extraction.header import issuing_region
    from plangraph.extraction.industries import find_industries
    from plangraph.extraction.places import PlaceMatcher
    from plangraph.extraction.projects import find_projects
    from plangraph.extraction.quantities import find_quantities
    from plangraph.extraction.structure import clauses, parse_structure
    from plangraph.vocab.names import normalise_name

    options = options or ExtractOptions()
    folded = prepare(text)
    structure = parse_structure(folded, options.year)
    header = structure.header
    year = _plan_year(structure, path)
    region = options.region or issuing_region(folded, header).code
    title = text[header.title.start : header.title.end] if header.title else ""
    doc = Document(
        id=_doc_id(path, options.doc_id),
        title=title or Path(path).stem,
        year=year,
        source=Source(file=Path(path).name, sha256=sha256, chars=len(text)),
        kind=options.kind or header.kind,  # type: ignore[arg-type]
        region=region,
        published=header.delivered.value if header.delivered else None,
        session=text[header.session.start : header.session.end] if header.session else None,
        speaker=header.speaker.value if header.speaker else None,
    )
    province = region[:2] + "0000" if region else None
    matcher = PlaceMatcher(province)
    records = Records(format=FORMAT, document=doc)
    for i, part in enumerate(structure.parts):
        heading = [_span(text, *part.heading)] if part.heading else []
        records.parts.append(
            RecordPart(
                n=i + 1,
                kind=part.kind,  # type: ignore[arg-type]
                start=part.start,
                end=part.end,
                label=text[part.heading[0] : part.heading[1]] if part.heading else None,
                period_start=part.period[0] if part.period else None,
                period_end=part.period[1] if part.period else None,
                evidence=heading,
            )
        )
    records.sections = [
        Section(n=h.n, label=h.label, part=h.part + 1, evidence=[_span(text, h.start, h.end)])
        for h in structure.sections
    ]
    records.keywords = [
        Keyword(n=k.n, label=k.label, evidence=[_span(text, k.start, k.end)])
        for k in structure.keywords
    ]
    records.tasks = [
        Task(
            n=t.n,
            label=text[t.start : t.end],
            short=text[t.short_start : t.short_end] or None,
            evidence=[_span(text, t.start, t.end)],
        )
        for t in structure.tasks
    ]
    regions: dict[str, Region] = {}
    if region:
        regions[region] = Region(code=region)
    projects: dict[str, Project] = {}
    measures: dict[str, Measure] = {}
    terms: dict[str, IndustryTerm] = {}

    def note_region(m: PlaceMention) -> str:
        key = m.code or m.name
        if key not in regions:
            regions[key] = Region(code=m.code) if m.code else Region(name=m.name)
            if not m.code and m.within:
                regions[key].within = m.within
                regions.setdefault(m.within, Region(code=m.within))
        regions[key].evidence.append(_span(text, m.start, m.end))
        return key

    for s, e in clauses(folded, structure.header.end, len(folded)):
        at_part = structure.part_at(s)
        kind = at_part.kind if at_part else "opening"
        in_task = structure.task_at(s)
        task = in_task.n if in_task else None
        if kind == "opening" or (kind == "appendix" and task is None):
            continue  # before the first part, and glossaries: no facts of the report's own
        kw = structure.keyword_at(s) if kind == "plan" else None
        keyword = kw.n if kw else None
        found_places = [(m, note_region(m)) for m in matcher.find(folded, s, e)]
        industry_mentions = find_industries(folded, s, e)
        for im in industry_mentions:
            if not im.named:
                continue  # 天然气管道: files the clause's facts, names no industry
            term = terms.setdefault(im.label, IndustryTerm(im.label, proposed=im.proposed))
            term.evidence.append(_span(text, im.start, im.end))
        pieces = _subclauses(folded, s, e)

        near = partial(_near, pieces, found_places, industry_mentions, region)
        # measures: action clauses of the year's work
        measure_label = None
        if kind in ("plan", "government"):
            verb_re, max_chars = _measure_rule()
            for cs, ce in pieces:
                if verb_re.match(folded[cs:ce]) and ce - cs >= 4:
                    places, trades = near(cs, ce)
                    ce = min(ce, cs + max_chars)
                    label = text[cs:ce]
                    key = normalise_name(label)  # one measure per IRI: 推进“X” and 推进X are one
                    if key not in measures:
                        measures[key] = Measure(
                            label=label,
                            keyword=keyword,
                            regions=places,
                            industries=trades,
                            evidence=[_span(text, cs, ce)],
                        )
                    measure_label = measure_label or measures[key].label
        reviewed = kind in ("review", "five-year-review")
        for m in find_projects(folded, s, e):
            if reviewed:
                when = _timing(structure, folded, at_part, s, m.start, m.end)
                records.outcomes.append(_project_outcome(text, folded, m, e, when, keyword))
            project = projects.get(m.name)
            if project is None:
                places, trades = near(m.start, m.end)
                projects[m.name] = Project(
                    name=m.name,
                    kind=m.kind,  # type: ignore[arg-type]
                    keyword=keyword,
                    task=task,
                    measure=measure_label,
                    regions=places,
                    industries=trades,
                    evidence=[_span(text, m.start, m.end)],
                )
            else:
                project.evidence.append(_span(text, m.start, m.end))
        for q in find_quantities(folded, s, e):
            places, trades = near(q.start, q.end)
            common = dict(
                indicator=q.indicator,
                unit=q.unit,
                value=q.value,
                min=q.min,
                max=q.max,
                classifier=q.classifier,
                qualifier=q.qualifier,
                growth=q.growth,
                aspirational=q.aspirational and not reviewed,  # 争取资金 in a review: obtained
                baseline=q.baseline,
                keyword=keyword,
                regions=places,
                industries=trades,
                evidence=[_span(text, q.start, q.end)],
                **_timing(structure, folded, at_part, s, q.start, q.end),
            )
            if reviewed:
                records.outcomes.append(Outcome(status="reported", **common))  # type: ignore[arg-type]
            else:
                target = Target(task=task, measure=measure_label, **common)  # type: ignore[arg-type]
                records.targets.append(target)
    records.regions = [r for r in regions.values() if r.key]
    records.measures = list(measures.values())
    records.projects = list(projects.values())
    records.industry_terms = list(terms.values())
    tie_concepts(records, folded)
    add_commitments(records, text, folded, structure)
    return records


def _project_outcome(
    text: str,
    folded: str,
    mention: ProjectMention,
    end: int,
    when: dict[str, object],
    keyword: int | None,
) -> Outcome:
    """A project named in the review part: reported, and done when a completion word follows."""
    from plangraph.extraction.words import word_lists
    from plangraph.vocab.names import project_name, slug

    tail = folded[mention.end : end]
    done = any(w in tail[:16] for w in word_lists()["tracking"]["done"])
    return Outcome(
        indicator=mention.name,
        keyword=keyword,
        reports=f"project/{slug(project_name(mention.name))}",
        status="met" if done else "reported",
        evidence=[_span(text, mention.start, mention.end)],
        **when,  # type: ignore[arg-type]
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


def extract(
    path: str | Path | SourceText, options: ExtractOptions | None = None, **kwargs: object
) -> Records:
    """Records of the report at ``path`` (or of a report already read with
    :func:`plangraph.sources.text.read_source`). ``kwargs`` are :class:`ExtractOptions` fields."""
    from plangraph.records.checks import check_records
    from plangraph.sources.text import read_source

    if options is None:
        options = ExtractOptions(**kwargs)  # type: ignore[arg-type]
    if isinstance(path, SourceText):
        source, path = path, path.path
    else:
        source = read_source(path, encoding=options.encoding)
    records = extract_text(source.text, str(path), source.sha256, options)
    check_records(records, str(path), [Path(path).parent], strict_source=True, source=source)
    return records


def extract_many(
    paths: Sequence[str | Path], options: ExtractOptions | None = None
) -> list[Records]:
    return [extract(p, options) for p in paths]
