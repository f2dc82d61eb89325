"""Records → RDF: one named graph per document, plus a shared reference graph.

Knows nothing of parsing text. Regions (labels, codes and ``pg:within`` up to the province, from
the gazetteer), the industry concept scheme and the indicator concepts the documents use live
in the reference graph; everything a document states, with its evidence, lives in the
document's own graph.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from plangraph.graph.namespace import PG
from plangraph.records.model import Outcome, Records, Span, Target
from plangraph.vocab.names import BASE, project_name, slug

__all__ = [
    "REFERENCE_GRAPH",
    "rdfize",
    "document_iri",
    "fill_industries",
    "fill_reference",
    "indicator_iri",
    "indicator_needs",
    "reference_needs",
]

REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
INDUSTRY_SCHEME = URIRef(BASE + "scheme/industry")
INDICATOR_SCHEME = URIRef(BASE + "scheme/indicator")
_QUALIFIER_TEXT = {"About": "左右", "AtLeast": "以上", "AtMost": "以内"}
PART_KINDS = {
    "opening": PG.OpeningPart,
    "review": PG.ReviewPart,
    "five-year-review": PG.FiveYearReviewPart,
    "five-year-goals": PG.FiveYearGoalsPart,
    "plan": PG.PlanPart,
    "government": PG.GovernmentPart,
    "appendix": PG.AppendixPart,
}
PROJECT_KINDS = {
    "works": PG.WorksProject,
    "company": PG.CompanyProject,
    "programme": PG.ProgrammeProject,
    "zone": PG.ZoneProject,
}
STEPS = {
    "start": PG.Start,
    "finish": PG.Finish,
    "approve": PG.Approve,
    "cover": PG.Cover,
    "increase": PG.Increase,
    "decrease": PG.Decrease,
    "hold": PG.Hold,
    "issue": PG.Issue,
}
STATUSES = {
    "met": PG.Met,
    "exceeded": PG.Exceeded,
    "not-met": PG.NotMet,
    "partly": PG.Partly,
    "started": PG.Started,
    "finished": PG.Finished,
    "approved": PG.Approved,
    "reported": PG.Reported,
}
PART_LABELS = {
    "opening": "开场",
    "review": "上年工作回顾",
    "five-year-review": "五年回顾",
    "five-year-goals": "五年目标任务",
    "plan": "当年工作安排",
    "government": "政府自身建设",
    "appendix": "附件",
}


def _iri(path: str) -> URIRef:
    return URIRef(BASE + path)


def document_iri(doc_id: str) -> URIRef:
    return _iri(f"doc/{doc_id}")


def region_iri(key: str) -> URIRef:
    """A coded region by its code; a named area by the slug of its name."""
    return _iri(f"region/{key}" if key.isdigit() else f"region/{slug(key)}")


def industry_iri(label: str) -> URIRef:
    return _iri(f"industry/{slug(label)}")


def indicator_iri(name: str) -> URIRef:
    """An indicator concept by its name: ``https://w3id.org/plangraph/indicator/gdp-growth``."""
    from plangraph.vocab.indicators import INDICATOR_BASE

    return URIRef(INDICATOR_BASE + name)


def project_iri(name: str) -> URIRef:
    """One IRI per project across documents, whatever variant of its name a text uses."""
    return _iri(f"project/{slug(project_name(name))}")


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _number(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical lexical form (``4300.0``), so equal values compare equal."""
    text = format(value.normalize(), "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def _format_number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def quantity_label(q: Target | Outcome) -> str:
    """A readable label: ``新建农村公路 4300 公里``, ``省实验室 3–5 家``."""
    from plangraph.vocab.schemes import units

    unit = units()[q.unit] if q.unit else None
    unit_text = (q.classifier or "") if unit and unit.count else (unit.label_zh if unit else "")
    if unit and unit.key == "PERCENT":
        unit_text = "%"
    if q.value is not None:
        number = _format_number(q.value)
    elif q.min is not None and q.max is not None:
        number = f"{_format_number(q.min)}–{_format_number(q.max)}"
    else:
        bound = q.min if q.min is not None else q.max
        number = _format_number(bound) if bound is not None else ""
    change = " 增长" if q.growth else ""
    return (
        f"{q.indicator}{change} {number}{unit_text}{_QUALIFIER_TEXT.get(q.qualifier, '')}".strip()
    )


class _DocumentWriter:
    """Writes one document's facts into its named graph."""

    def __init__(self, records: Records, graph: Graph) -> None:
        self.records = records
        self.doc_id = records.document.id
        self.doc = document_iri(self.doc_id)
        self.g = graph
        self.part_starts = [part.start for part in records.parts]

    def part_iri(self, n: int) -> URIRef:
        return _iri(f"part/{self.doc_id}/{n}")

    def in_part(self, node: URIRef, spans: Sequence[Span]) -> None:
        """``node`` pg:inPart the part its first evidence lies in."""
        if not spans or not self.records.parts:
            return
        i = bisect.bisect_right(self.part_starts, spans[0].start) - 1
        if i >= 0 and spans[0].start < self.records.parts[i].end:
            self.add(node, PG.inPart, self.part_iri(self.records.parts[i].n))

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def evidence(self, node: URIRef, spans: Iterable[Span]) -> None:
        for span in spans:
            span_iri = _iri(f"span/{self.doc_id}/{span.start}-{span.end}")
            self.add(node, PG.evidence, span_iri)
            self.add(span_iri, RDF.type, PG.TextSpan)
            self.add(span_iri, PG.start, Literal(span.start))
            self.add(span_iri, PG.end, Literal(span.end))
            self.add(span_iri, PG.quote, Literal(span.quote))
            self.add(span_iri, PG.source, self.doc)

    def links(self, node: URIRef, regions: list[str], industries: list[str]) -> None:
        from plangraph.vocab.schemes import industries as scheme

        for key in regions:
            self.add(node, PG.locatedIn, region_iri(key))
        for label in industries:
            concept = scheme().resolve(label)
            assert concept is not None  # checked when the records were loaded
            self.add(node, PG.industry, industry_iri(concept.label))

    def write(self) -> None:
        doc = self.records.document
        self.add(self.doc, RDF.type, PG.PlanDocument)
        self.add(self.doc, RDFS.label, _zh(doc.title))
        self.add(self.doc, DCTERMS.title, _zh(doc.title))
        self.add(self.doc, PG.year, Literal(str(doc.year), datatype=XSD.gYear))
        self.add(self.doc, PG.documentKind, PG[doc.kind.capitalize()])
        self.add(self.doc, PG.sourceFile, Literal(doc.source.file))
        self.add(self.doc, PG.sha256, Literal(doc.source.sha256))
        self.add(self.doc, PG.charCount, Literal(doc.source.chars))
        self.text_digest()
        if doc.region:
            self.add(self.doc, PG.issuedBy, region_iri(doc.region))
        if doc.published:
            self.add(self.doc, DCTERMS.issued, Literal(doc.published, datatype=XSD.date))
        if doc.session:
            self.add(self.doc, PG.session, _zh(doc.session))
        if doc.speaker:
            self.add(self.doc, PG.speaker, _zh(doc.speaker))
        self.parts_and_sections()
        for region in self.records.regions:
            self.evidence(region_iri(region.key), region.evidence)
        self.industry_terms()
        self.keywords()
        self.measures_and_projects()
        self.tasks()
        for target in self.records.targets:
            self.quantity(target, _iri(f"target/{self.doc_id}/{target.id}"), PG.Target)
        for outcome in self.records.outcomes:
            self.quantity(outcome, _iri(f"outcome/{self.doc_id}/{outcome.id}"), PG.Outcome)
        self.commitments_and_events()

    def industry_terms(self) -> None:
        """Where the document names each industry: a scheme concept gets its evidence here (the
        concept itself lives in the reference graph); a proposed term, one the scheme lacks, is
        a pg:ProposedIndustry of this graph, in no scheme, with its label and evidence."""
        from plangraph.vocab.schemes import industries

        for term in self.records.industry_terms:
            concept = None if term.proposed else industries().resolve(term.label)
            node = industry_iri(concept.label if concept else term.label)
            if concept is None:
                self.add(node, RDF.type, PG.ProposedIndustry)
                self.add(node, RDFS.label, _zh(term.label))
            self.evidence(node, term.evidence)

    def text_digest(self) -> None:
        """The digest of the text the spans point into, when the records know it."""
        digest = self.records.document.source.text_sha256
        if digest is not None:
            self.add(self.doc, PG.textSha256, Literal(digest))

    def keyword_iri(self, n: int) -> URIRef:
        return _iri(f"keyword/{self.doc_id}/{n}")

    def measure_iri(self, label: str) -> URIRef:
        return _iri(f"measure/{self.doc_id}/{slug(label)}")

    def keywords(self) -> None:
        for kw in self.records.keywords:
            node = self.keyword_iri(kw.n)
            self.add(self.doc, PG.hasKeyword, node)
            self.add(node, RDF.type, PG.Keyword)
            self.add(node, RDFS.label, _zh(kw.label))
            if kw.label_en:
                self.add(node, RDFS.label, Literal(kw.label_en, lang="en"))
            self.add(node, PG.number, Literal(kw.n))
            self.in_part(node, kw.evidence)
            self.evidence(node, kw.evidence)

    def parts_and_sections(self) -> None:
        for part in self.records.parts:
            node = self.part_iri(part.n)
            self.add(self.doc, PG.hasPart, node)
            self.add(node, RDF.type, PG.DocumentPart)
            self.add(node, PG.partKind, PART_KINDS[part.kind])
            self.add(node, RDFS.label, _zh(part.label or PART_LABELS[part.kind]))
            self.add(node, PG.number, Literal(part.n))
            self.add(node, PG.start, Literal(part.start))
            self.add(node, PG.end, Literal(part.end))
            self.period(node, part.period_start, part.period_end)
            self.evidence(node, part.evidence)
        for section in self.records.sections:
            node = _iri(f"section/{self.doc_id}/{section.n}")
            self.add(self.doc, PG.hasSection, node)
            self.add(node, RDF.type, PG.Section)
            self.add(node, RDFS.label, _zh(section.label))
            self.add(node, PG.number, Literal(section.n))
            self.add(node, PG.inPart, self.part_iri(section.part))
            self.evidence(node, section.evidence)

    def period(self, node: URIRef, start: int | None, end: int | None) -> None:
        if start is not None:
            self.add(node, PG.periodStart, Literal(str(start), datatype=XSD.gYear))
        if end is not None:
            self.add(node, PG.periodEnd, Literal(str(end), datatype=XSD.gYear))

    def measures_and_projects(self) -> None:
        for m in self.records.measures:
            node = self.measure_iri(m.label)
            self.add(node, RDF.type, PG.Measure)
            self.add(node, RDFS.label, _zh(m.label))
            if m.label_en:
                self.add(node, RDFS.label, Literal(m.label_en, lang="en"))
            if m.keyword is not None:
                self.add(node, PG.keyword, self.keyword_iri(m.keyword))
            self.links(node, m.regions, m.industries)
            self.in_part(node, m.evidence)
            self.evidence(node, m.evidence)
        for p in self.records.projects:
            node = project_iri(p.name)
            self.add(node, RDF.type, PG.Project)
            # one node across documents, so one label in all of them: the name that identifies
            # the project; the document's own spelling, when it differs, is another name
            name = project_name(p.name)
            self.add(node, RDFS.label, _zh(name))
            if p.name != name:
                self.add(node, SKOS.altLabel, _zh(p.name))
            if p.label_en:
                self.add(node, RDFS.label, Literal(p.label_en, lang="en"))
            if p.kind is not None:
                self.add(node, PG.projectKind, PROJECT_KINDS[p.kind])
            if p.keyword is not None:
                self.add(node, PG.keyword, self.keyword_iri(p.keyword))
            if p.measure is not None:
                self.add(node, PG.measure, self.measure_iri(p.measure))
            if p.task is not None:
                self.add(node, PG.task, _iri(f"task/{self.doc_id}/{p.task}"))
            self.links(node, p.regions, p.industries)
            self.evidence(node, p.evidence)

    def tasks(self) -> None:
        for task in self.records.tasks:
            node = _iri(f"task/{self.doc_id}/{task.n}")
            self.add(node, RDF.type, PG.LivelihoodTask)
            self.add(node, RDFS.label, _zh(task.label))
            if task.short and task.short != task.label:
                self.add(node, PG.shortLabel, _zh(task.short))
            self.in_part(node, task.evidence)
            if task.label_en:
                self.add(node, RDFS.label, Literal(task.label_en, lang="en"))
            self.add(node, PG.number, Literal(task.n))
            if task.keyword is not None:
                self.add(node, PG.keyword, self.keyword_iri(task.keyword))
            self.links(node, task.regions, task.industries)
            self.evidence(node, task.evidence)

    def commitments_and_events(self) -> None:
        """What the plan part commits to (``commitment/DOC/N``: each piece, its object as label,
        its step, the target, project or task it is about), and what the review part says
        happened (``event/DOC/N``: those with a step or answering an earlier commitment). Their
        part and keyword follow from their evidence and are not repeated."""
        from plangraph.extraction.commitments import commitments_from_records

        made = self.records.commitments or commitments_from_records(self.records)
        targets = sorted(
            (t.evidence[0].start, t.id or "") for t in self.records.targets if t.evidence
        )
        starts = [start for start, _ in targets]
        for n, c in enumerate(made, 1):
            node = _iri(f"commitment/{self.doc_id}/{n}")
            self.add(node, RDF.type, PG.Commitment)
            self.add(node, RDFS.label, _zh(c.object))
            if c.step is not None:
                self.add(node, PG.step, STEPS[c.step])
            refers = c.refers
            if refers is None and c.kind == "target" and c.evidence:  # the figure in its piece
                i = bisect.bisect_left(starts, c.evidence[0].start)
                if i < len(targets) and targets[i][0] < c.evidence[0].end:
                    refers = f"target/{self.doc_id}/{targets[i][1]}"
            if refers is not None:
                self.add(node, PG.commitsTo, _iri(refers))
            self.evidence(node, c.evidence)
        for n, e in enumerate(self.records.events, 1):
            if e.step is None and not e.reports and not e.mentions:
                continue  # a sentence of the review, neither a step nor an answer
            node = _iri(f"event/{self.doc_id}/{n}")
            self.add(node, RDF.type, PG.Event)
            self.add(node, RDFS.label, _zh(e.object))
            if e.step is not None:
                self.add(node, PG.step, STEPS[e.step])
            for path in e.reports:
                self.add(node, PG.reports, _iri(path))
            for path in e.mentions:
                self.add(node, PG.mentions, _iri(path))
            if e.status is not None:
                self.add(node, PG.status, STATUSES[e.status])
            self.evidence(node, e.evidence)

    def quantity(self, q: Target | Outcome, node: URIRef, cls: URIRef) -> None:
        from plangraph.vocab.schemes import units

        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, _zh(quantity_label(q)))
        self.add(node, PG.indicator, _zh(q.indicator))
        for prop, value in ((PG.value, q.value), (PG.minValue, q.min), (PG.maxValue, q.max)):
            if value is not None:
                self.add(node, prop, _number(value))
        if q.unit is not None:
            self.add(node, PG.unit, URIRef(units()[q.unit].iri))
        if q.classifier:
            self.add(node, PG.classifier, _zh(q.classifier))
        self.add(node, PG.qualifier, PG[q.qualifier])
        self.add(node, PG.isGrowth, Literal(q.growth))
        if q.concept is not None:
            self.add(node, PG.indicatorConcept, indicator_iri(q.concept))
        if q.year is not None:
            self.add(node, PG.year, Literal(str(q.year), datatype=XSD.gYear))
        self.period(node, q.period_start, q.period_end)
        for prop, flag in (
            (PG.isAverage, q.average),
            (PG.isCumulative, q.cumulative),
            (PG.aspirational, q.aspirational),
        ):
            if flag:  # absent means false: most figures are none of these
                self.add(node, prop, Literal(True))
        if q.baseline is not None:
            self.add(node, PG.baseline, _number(q.baseline))
        self.in_part(node, q.evidence)
        if q.keyword is not None:
            keyword = self.keyword_iri(q.keyword)
            self.add(node, PG.keyword, keyword)
            if isinstance(q, Target):
                self.add(keyword, PG.target, node)
        if isinstance(q, Target):
            if q.measure is not None:
                self.add(node, PG.measure, self.measure_iri(q.measure))
                self.add(self.measure_iri(q.measure), PG.target, node)
            if q.project is not None:
                self.add(project_iri(q.project), PG.target, node)
            if q.task is not None:
                task = _iri(f"task/{self.doc_id}/{q.task}")
                self.add(node, PG.task, task)
                self.add(task, PG.target, node)
        else:
            if q.reports is not None:
                self.add(node, PG.reports, _iri(q.reports))
            if q.status is not None:
                self.add(node, PG.status, STATUSES[q.status])
        self.links(node, q.regions, q.industries)
        self.evidence(node, q.evidence)


def fill_reference(
    graph: Graph,
    region_keys: Iterable[str],
    named_areas: dict[str, str | None],
    concepts: Iterable[str] = (),
) -> None:
    """Regions with their hierarchy, the whole industry concept scheme, and the indicator
    concepts named in ``concepts`` (with those they narrow)."""
    from plangraph.vocab.gazetteer import gazetteer

    gz = gazetteer()
    codes: set[str] = set()
    for key in region_keys:
        if key in gz:
            codes.add(key)
            codes.update(p.code for p in gz.ancestors(key))
    for code in sorted(codes):
        place = gz.get(code)
        assert place is not None
        node = region_iri(code)
        graph.add((node, RDF.type, PG.Region))
        graph.add((node, RDFS.label, _zh(place.name)))
        if place.short != place.name:
            graph.add((node, SKOS.altLabel, _zh(place.short)))
        graph.add((node, PG.adcode, Literal(code)))
        if place.parent is not None:
            graph.add((node, PG.within, region_iri(place.parent)))
    for name, within in sorted(named_areas.items()):
        node = region_iri(name)
        graph.add((node, RDF.type, PG.Region))
        graph.add((node, RDFS.label, _zh(name)))
        if within is not None:
            graph.add((node, PG.within, region_iri(within)))

    fill_industries(graph)
    fill_indicators(graph, concepts)


def fill_industries(graph: Graph) -> None:
    """The whole industry concept scheme: each concept with its labels, its place in the tree
    (``skos:broader``), its codes in the national classifications (``skos:notation`` typed
    pg:SEIC2018 or pg:GBT4754) and the national classes it corresponds to
    (``skos:closeMatch``)."""
    from plangraph.vocab.schemes import industries

    scheme = industries()
    graph.add((INDUSTRY_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((INDUSTRY_SCHEME, RDFS.label, _zh(scheme.label_zh)))
    graph.add((INDUSTRY_SCHEME, RDFS.label, Literal(scheme.label_en, lang="en")))
    for concept in scheme.concepts.values():
        node = industry_iri(concept.label)
        graph.add((node, RDF.type, PG.Industry))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, INDUSTRY_SCHEME))
        for prop in (RDFS.label, SKOS.prefLabel):
            graph.add((node, prop, _zh(concept.label)))
            graph.add((node, prop, Literal(concept.label_en, lang="en")))
        for alt in concept.alt:
            graph.add((node, SKOS.altLabel, _zh(alt)))
        for notation in concept.notations:
            graph.add((node, SKOS.notation, Literal(notation.code, datatype=PG[notation.system])))
        for other in concept.close:
            graph.add((node, SKOS.closeMatch, industry_iri(other)))
        if concept.broader is None:
            graph.add((node, SKOS.topConceptOf, INDUSTRY_SCHEME))
            graph.add((INDUSTRY_SCHEME, SKOS.hasTopConcept, node))
        else:
            graph.add((node, SKOS.broader, industry_iri(concept.broader)))


def fill_indicators(graph: Graph, names: Iterable[str]) -> None:
    """The indicator concepts ``names`` and those up their broader chains, as SKOS in the
    indicator scheme, with their unit kind, kind of figure and direction (nothing when
    ``names`` is empty)."""
    from plangraph.vocab.indicators import indicators

    scheme = indicators()
    wanted = scheme.with_broader(sorted(set(names)))
    if not wanted:
        return
    graph.add((INDICATOR_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((INDICATOR_SCHEME, RDFS.label, _zh("指标概念")))
    graph.add((INDICATOR_SCHEME, RDFS.label, Literal("Indicator concepts", lang="en")))
    for name in wanted:
        concept = scheme[name]
        node = indicator_iri(name)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, INDICATOR_SCHEME))
        graph.add((node, SKOS.notation, Literal(name)))
        for prop in (RDFS.label, SKOS.prefLabel):
            graph.add((node, prop, _zh(concept.label_zh)))
            graph.add((node, prop, Literal(concept.label_en, lang="en")))
        for alt in concept.alt:
            graph.add((node, SKOS.altLabel, _zh(alt)))
        graph.add((node, PG.unitKind, Literal(concept.unit)))
        graph.add((node, PG.figureKind, Literal(concept.measure)))
        if concept.higher_is_better is not None:
            graph.add((node, PG.higherIsBetter, Literal(concept.higher_is_better)))
        if concept.broader is None:
            graph.add((node, SKOS.topConceptOf, INDICATOR_SCHEME))
            graph.add((INDICATOR_SCHEME, SKOS.hasTopConcept, node))
        else:
            graph.add((node, SKOS.broader, indicator_iri(concept.broader)))


def indicator_needs(records: Iterable[Records]) -> set[str]:
    """The indicator concepts that ``records``' targets and outcomes name."""
    names: set[str] = set()
    for rec in records:
        quantities: list[Target | Outcome] = [*rec.targets, *rec.outcomes]
        names.update(q.concept for q in quantities if q.concept is not None)
    return names


def rdfize(records: Iterable[Records], *, reference: bool = True) -> Dataset:
    """One named graph per document and (unless ``reference`` is false) the shared reference
    graph, in an rdflib Dataset."""
    dataset = Dataset()
    _bind(dataset)
    records = list(records)
    for rec in records:
        _DocumentWriter(rec, dataset.graph(document_iri(rec.document.id))).write()
    if reference:
        reference_graph(records, dataset.graph(REFERENCE_GRAPH))
    return dataset


def reference_needs(records: Iterable[Records]) -> tuple[set[str], dict[str, str | None]]:
    """What ``records`` ask of the reference graph: region codes (their own regions' and the
    documents'), and named areas with the code of the region they lie in."""
    region_keys: set[str] = set()
    named_areas: dict[str, str | None] = {}
    for rec in records:
        if rec.document.region:
            region_keys.add(rec.document.region)
        for region in rec.regions:
            if region.code:
                region_keys.add(region.code)
            else:
                named_areas[region.key] = region.within
                if region.within:
                    region_keys.add(region.within)
    return region_keys, named_areas


def reference_graph(records: Iterable[Records], graph: Graph | None = None) -> Graph:
    """The shared graph of ``records``: their regions up the hierarchy, the industry scheme,
    the indicator concepts they use."""
    graph = Graph() if graph is None else graph
    records = list(records)
    fill_reference(graph, *reference_needs(records), indicator_needs(records))
    return graph


def _bind(dataset: Dataset) -> None:
    dataset.bind("pg", PG._NS)
    dataset.bind("id", BASE)
    dataset.bind("unit", "http://qudt.org/vocab/unit/")
    dataset.bind("skos", SKOS)
    dataset.bind("dcterms", DCTERMS)
