"""RDF namespaces of plangraph: the ontology's terms and the vocabularies it aligns with.

``PG`` lists every term of ``ontology/plangraph.ttl``; it is closed (``_fail = True``), so a
misspelt ``PG.locatedin`` raises instead of minting a new IRI. The ontology file is the single
source of truth: ``tests/test_ontology.py`` fails when the two drift apart.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["PG", "ID", "UNIT", "QUDT", "OA", "PROV", "GEO", "PREFIXES", "WRITTEN_PREFIXES"]

PREFIXES: dict[str, str] = {
    "pg": "https://w3id.org/plangraph/ontology#",
    "id": "https://w3id.org/plangraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}
"""plangraph's one prefix table: predeclared in every query, bound on every graph it returns."""

WRITTEN_PREFIXES: dict[str, str] = {
    name: PREFIXES[name] for name in ("pg", "unit", "rdf", "rdfs", "skos", "dcterms", "xsd")
}
"""The prefixes written into output files (TriG): those its terms use. Not ``id``: instance
names hold ``/``, which a prefixed name would have to escape (``id:doc\\/shanxi-2024``)."""

ID = Namespace(PREFIXES["id"])
"""Base of every instance IRI (``doc/…``, ``keyword/…``, ``region/…``; see docs/records.md)."""

UNIT = Namespace(PREFIXES["unit"])
QUDT = Namespace(PREFIXES["qudt"])
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace(PREFIXES["prov"])
GEO = Namespace("http://www.opengis.net/ont/geosparql#")


class PG(DefinedNamespace):
    """The plangraph ontology, ``https://w3id.org/plangraph/ontology#``."""

    _fail = True
    _NS = Namespace(PREFIXES["pg"])

    # Classes: documents and facts
    PlanDocument: URIRef  # plan document
    Keyword: URIRef  # keyword
    Measure: URIRef  # measure
    Project: URIRef  # project
    Region: URIRef  # region
    Industry: URIRef  # industry
    ProposedIndustry: URIRef  # proposed industry term
    Target: URIRef  # target
    Outcome: URIRef  # outcome
    LivelihoodTask: URIRef  # livelihood task
    Commitment: URIRef  # commitment (what a piece of the plan commits to)
    Event: URIRef  # event (what a piece of the review says happened)
    DocumentPart: URIRef  # document part
    Section: URIRef  # section
    TextSpan: URIRef  # text span

    # Classes of controlled values
    Qualifier: URIRef  # qualifier
    OutcomeStatus: URIRef  # outcome status
    DocumentKind: URIRef  # document kind
    PartKind: URIRef  # part kind
    ProjectKind: URIRef  # project kind
    Step: URIRef  # kind of step
    StepScheme: URIRef  # the concept scheme of steps

    # Individuals: qualifiers
    Exact: URIRef  # exact
    About: URIRef  # about
    AtLeast: URIRef  # at least
    AtMost: URIRef  # at most
    Range: URIRef  # range

    # Individuals: outcome statuses
    Met: URIRef  # met
    Exceeded: URIRef  # exceeded
    NotMet: URIRef  # not met
    Reported: URIRef  # reported
    Partly: URIRef  # partly
    Started: URIRef  # started
    Finished: URIRef  # finished
    Approved: URIRef  # approved

    # Individuals: steps
    Start: URIRef  # start (开工, 启动)
    Finish: URIRef  # finish (建成, 投产, 通车)
    Approve: URIRef  # approve (获批, 入选)
    Cover: URIRef  # cover (全覆盖)
    Increase: URIRef  # increase
    Decrease: URIRef  # decrease
    Hold: URIRef  # hold an event
    Issue: URIRef  # issue a policy

    # Individuals: document kinds
    Report: URIRef  # report
    Summary: URIRef  # summary
    Plan: URIRef  # plan

    # Individuals: part kinds
    OpeningPart: URIRef  # opening
    ReviewPart: URIRef  # review of the last year
    FiveYearReviewPart: URIRef  # five-year review
    FiveYearGoalsPart: URIRef  # five-year goals
    PlanPart: URIRef  # the year's plan
    GovernmentPart: URIRef  # the government's own work
    AppendixPart: URIRef  # appendix

    # Individuals: project kinds
    WorksProject: URIRef  # works
    CompanyProject: URIRef  # company project
    ProgrammeProject: URIRef  # programme
    ZoneProject: URIRef  # zone

    # Individuals: units QUDT lacks
    PercentagePoint: URIRef  # percentage point
    Mu: URIRef  # mu (亩)
    FenPerKiloWattHour: URIRef  # fen per kilowatt hour (分/千瓦时)

    # Object properties
    hasKeyword: URIRef  # has keyword
    keyword: URIRef  # keyword
    locatedIn: URIRef  # located in
    industry: URIRef  # industry
    target: URIRef  # target
    measure: URIRef  # measure
    task: URIRef  # livelihood task
    within: URIRef  # within
    issuedBy: URIRef  # issued by
    documentKind: URIRef  # document kind
    reports: URIRef  # reports on
    mentions: URIRef  # names an earlier commitment too loosely to report on it
    commitsTo: URIRef  # commits to
    step: URIRef  # step
    status: URIRef  # status
    unit: URIRef  # unit
    qualifier: URIRef  # qualifier
    evidence: URIRef  # evidence
    source: URIRef  # source
    hasPart: URIRef  # has part
    partKind: URIRef  # part kind
    inPart: URIRef  # in part
    hasSection: URIRef  # has section
    projectKind: URIRef  # project kind
    indicatorConcept: URIRef  # indicator concept

    # Datatypes: codes of the national industry classifications
    SEIC2018: URIRef  # SEIC 2018 code
    GBT4754: URIRef  # GB/T 4754-2017 code

    # Datatype properties
    indicator: URIRef  # indicator
    value: URIRef  # value
    minValue: URIRef  # minimum value
    maxValue: URIRef  # maximum value
    classifier: URIRef  # classifier
    isGrowth: URIRef  # is growth
    year: URIRef  # year
    adcode: URIRef  # administrative division code
    number: URIRef  # number
    sourceFile: URIRef  # source file
    sha256: URIRef  # SHA-256 digest
    textSha256: URIRef  # text SHA-256 digest
    charCount: URIRef  # character count
    start: URIRef  # start
    end: URIRef  # end
    quote: URIRef  # quote
    periodStart: URIRef  # period start
    periodEnd: URIRef  # period end
    isAverage: URIRef  # is average
    isCumulative: URIRef  # is cumulative
    aspirational: URIRef  # aspirational
    baseline: URIRef  # baseline
    session: URIRef  # session
    speaker: URIRef  # speaker
    shortLabel: URIRef  # short label
    unitKind: URIRef  # unit kind (of an indicator concept)
    figureKind: URIRef  # kind of figure (of an indicator concept)
    higherIsBetter: URIRef  # higher is better (of an indicator concept)
