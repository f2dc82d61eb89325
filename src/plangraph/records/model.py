"""The records model: plain data for one document and the facts it states.

Records are the one interface between getting facts (the extractor, or an analyst) and making
the graph. Their YAML form (:mod:`plangraph.records.reader`) is described in ``docs/records.md``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

__all__ = [
    "FORMAT",
    "Span",
    "Source",
    "Document",
    "Region",
    "IndustryTerm",
    "Keyword",
    "Part",
    "Section",
    "Measure",
    "Project",
    "Task",
    "Target",
    "Outcome",
    "Commitment",
    "Event",
    "Records",
    "line_of",
    "type_hints",
]

FORMAT = "plangraph-records/1"

Kind = Literal["report", "summary", "plan"]
QualifierName = Literal["Exact", "About", "AtLeast", "AtMost", "Range"]
Status = Literal[
    "met", "exceeded", "not-met", "partly", "started", "finished", "approved", "reported"
]
"""met, exceeded, not-met: a figure against the target's; partly: some of it (a rate below
100 %); started, finished, approved: what the later report says became of a project or programme
(开工建设, 建成投运, 获批); reported: spoken of, with no judgement possible."""
Step = Literal["start", "finish", "approve", "cover", "increase", "decrease", "hold", "issue"]
"""The kind of step a commitment promises or an event reports: start (开工, 启动), finish
(建成, 投产, 通车, 运营), approve (获批, 入选, 创建成功), cover (全覆盖, 所有…), increase and
decrease (提高, 降低), hold an event (举办, 召开), issue a policy (出台, 制定)."""
CommitmentKind = Literal["measure", "project", "task", "target"]
ProjectKind = Literal["works", "company", "programme", "zone"]
PartKind = Literal[
    "opening", "review", "five-year-review", "five-year-goals", "plan", "government", "appendix"
]
"""opening: before the first part; review: of the last year; five-year-review and
five-year-goals: of a five-year period; plan: the year's targets and work; government: the
government's own work; appendix: lists and glossaries after the body."""
"""works: lines, stations, dams, plants, hospitals, labs, parks built as one thing; company: a
firm's own project (XX石化百万吨乙烯); programme: a named programme, pilot or campaign
(“百亿工程”); zone: a named zone or platform (XX示范区, XX自贸片区)."""


@dataclass(frozen=True)
class Span:
    """Characters ``start``..``end`` (end exclusive) of the decoded source text."""

    start: int
    end: int
    quote: str


@dataclass
class Source:
    file: str  # the report's file name (a .txt, .docx, .html or .pdf)
    sha256: str  # of the file's bytes
    chars: int  # of the text read from it, into which every span points
    text_sha256: str | None = None  # of that text in UTF-8, as a build saves it (texts/ID.txt)


@dataclass
class Document:
    id: str
    title: str
    year: int
    source: Source
    kind: Kind = "report"
    region: str | None = None
    published: str | None = None  # the date the report was delivered (ISO), when known
    session: str | None = None  # 第十四届人民代表大会第四次会议
    speaker: str | None = None


@dataclass
class Part:
    """A typed part of the document: characters ``start``..``end`` of the source text."""

    n: int
    kind: PartKind
    start: int
    end: int
    label: str | None = None  # its heading, when it has one
    period_start: int | None = None  # the five-year kinds: the period's first year…
    period_end: int | None = None  # …and last
    evidence: list[Span] = field(default_factory=list)  # the heading


@dataclass
class Section:
    """A heading of a part other than the year's plan (a review's （一）…): not a keyword."""

    n: int
    label: str
    part: int  # the n of its part
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Region:
    """A region the facts refer to: a coded division, or a named area with no code."""

    code: str | None = None
    name: str | None = None
    within: str | None = None
    evidence: list[Span] = field(default_factory=list)

    @property
    def key(self) -> str:
        """How other records refer to this region: its code, else its name."""
        return self.code or self.name or ""


@dataclass
class Keyword:
    n: int
    label: str
    label_en: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Measure:
    label: str
    keyword: int | None = None
    regions: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    label_en: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Project:
    name: str
    kind: ProjectKind | None = None
    keyword: int | None = None
    measure: str | None = None
    task: int | None = None
    regions: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    label_en: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class IndustryTerm:
    """An industry the text names: a concept of the scheme (its preferred label), or a term
    the text uses that the scheme lacks (``proposed``: X产业, X装备, X材料 …, for review)."""

    label: str
    proposed: bool = False
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Task:
    """One numbered livelihood task (民生实事)."""

    n: int
    label: str  # the task's whole text
    short: str | None = None  # a short name for display
    keyword: int | None = None
    regions: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    label_en: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Target:
    """A quantified commitment. Values are plain numbers with magnitudes applied."""

    indicator: str
    unit: str
    id: str | None = None
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    classifier: str | None = None
    qualifier: QualifierName = "Exact"
    growth: bool = False
    concept: str | None = None  # indicator concept name (gdp-growth, …), data/indicators.yaml
    aspirational: bool = False  # 力争 / 争取 / 努力: a goal striven for; the qualifier stands
    baseline: Decimal | None = None  # 从 A 提高到 B: value B, baseline A
    period_start: int | None = None  # a multi-year figure (十四五, 十五五): its first year…
    period_end: int | None = None  # …and its last (year is then the last)
    average: bool = False  # 年均: a yearly average over the period
    cumulative: bool = False  # 累计 / 五年: a sum over the period
    year: int | None = None
    keyword: int | None = None
    measure: str | None = None
    project: str | None = None
    task: int | None = None
    regions: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Outcome:
    """A result reported for an earlier year, optionally tied to what it reports on."""

    indicator: str
    unit: str | None = None
    id: str | None = None
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    classifier: str | None = None
    qualifier: QualifierName = "Exact"
    growth: bool = False
    concept: str | None = None  # indicator concept name (gdp-growth, …), data/indicators.yaml
    aspirational: bool = False  # 力争 / 争取 / 努力: a goal striven for; the qualifier stands
    baseline: Decimal | None = None  # 从 A 提高到 B: value B, baseline A
    period_start: int | None = None  # a multi-year figure (十四五, 十五五): its first year…
    period_end: int | None = None  # …and its last (year is then the last)
    average: bool = False  # 年均: a yearly average over the period
    cumulative: bool = False  # 累计 / 五年: a sum over the period
    year: int | None = None
    keyword: int | None = None
    reports: str | None = None
    status: Status | None = None
    regions: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Commitment:
    """What a piece of the plan part commits to: an object (a project, programme, indicator,
    place) and, where its words say, the kind of step (``开工建设黄河古贤水利枢纽工程``: start)."""

    object: str
    step: Step | None = None
    kind: CommitmentKind = "measure"
    keyword: int | None = None
    refers: str | None = None  # the project, target or task it is about: project/SLUG, …
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Event:
    """What the review part says happened to an object, without a figure (a figure makes an
    outcome): ``古贤水利枢纽工程开工建设``; ``reports`` names the earlier commitments it answers
    (commitment/DOC/N), once tracking has linked it, and ``mentions`` those it names too loosely
    to report on."""

    object: str
    step: Step | None = None
    opens: bool = False  # the piece opens its sentence (a topic it goes on to report on)
    reports: list[str] = field(default_factory=list)
    status: Status | None = None
    evidence: list[Span] = field(default_factory=list)
    # earlier commitments it names, though too loosely to report on them (a shared name a
    # little less specific than a link needs): never counted as unreported
    mentions: list[str] = field(default_factory=list)


@dataclass
class Records:
    format: str
    document: Document
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    industry_terms: list[IndustryTerm] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def spans(self) -> typing.Iterator[tuple[str, Span]]:
        """Every evidence span with the place it belongs to (``targets[3]``), for checks."""
        for kind in _EVIDENCED:
            for i, item in enumerate(getattr(self, kind)):
                for span in item.evidence:
                    yield f"{kind}[{i}]", span


_HINTS: dict[type, dict[str, Any]] = {}

_EVIDENCED = (
    "parts",
    "sections",
    "regions",
    "keywords",
    "measures",
    "projects",
    "industry_terms",
    "tasks",
    "targets",
    "outcomes",
    "commitments",
    "events",
)


def type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a records class (cached: readers ask for them per item)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def line_of(obj: object) -> int | None:
    """The line of the YAML mapping an object was read from, if it was read from YAML."""
    line = getattr(obj, "_line", None)
    return line if isinstance(line, int) else None
