"""Promise tracking: what a region's year-Y plan committed to, against what its Y+1 report says.

Works on records, before they become RDF: for each pair of consecutive documents of one region
(a plan for year Y, a report whose review part covers Y), each reported outcome is linked to the
commitment it reports on (``Outcome.reports``) and given a status where one can be judged:

- a quantity outcome ↔ a target of year Y: when both name an indicator concept
  (``data/indicators.yaml``), the same concept, the same kind of figure (level, growth, share,
  count, rate) and the same period; when either names none, the same unit, the same kind (level
  or growth), and an indicator that names the same thing (shared character bigrams). Never a
  one-year figure with one of a period of years (十四五, 十五五: ``period_start`` on one side);
- a project named in the review part ↔ the project (projects are one node across documents);
- "N 件民生实事全部兑现" ↔ each numbered livelihood task of year Y.

Status: ``met``, ``exceeded``, ``not-met`` by comparing numbers (with the direction of the
indicator: a lower unemployment rate is better; the concept's, when both name one), ``reported``
when no comparison is sound (a yearly addition against a running total, a growth against a
level, figures in different units).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from plangraph.records.model import Outcome, Records, Span, Target

if TYPE_CHECKING:
    from plangraph.vocab.indicators import Indicator

__all__ = ["Link", "link_documents", "link_corpus", "judge", "indicator_similarity"]

_ABOUT = Decimal("0.05")  # 左右: within 5 %
_MIN_SIMILARITY = 0.7


@dataclass(frozen=True)
class Link:
    earlier: str  # document id of the commitment
    later: str  # document id of the outcome
    kind: str  # target | project | task
    commitment: str  # path under the id base: target/DOC/ID, project/SLUG, task/DOC/N
    commitment_label: str
    outcome_id: str
    outcome_label: str
    status: str
    score: float
    commitment_evidence: str = ""  # the first span that states it: 「quote」 start–end
    outcome_evidence: str = ""


def _evidence(spans: Sequence[Span]) -> str:
    return f"「{spans[0].quote}」 {spans[0].start}–{spans[0].end}" if spans else ""


@cache
def _cues() -> dict[str, list[str]]:
    from plangraph.extraction.words import word_lists

    cues: dict[str, list[str]] = word_lists()["tracking"]
    return cues


def _core(indicator: str) -> str:
    """The part of an indicator that names the thing: verbs of doing and digits removed."""
    text = re.sub(r"[\d.%％,，、“”\"\s]", "", indicator)
    for verb in sorted(_cues()["indicator_verbs"], key=len, reverse=True):
        text = text.replace(verb, "")
    return text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def indicator_similarity(a: str, b: str) -> float:
    """How surely two indicators name the same thing (0–1), from their cores' character bigrams.

    The Dice overlap; or, when the shorter core has at least 4 characters, the share of it found
    in the longer one (三个一号旅游公路 inside 全长三个一号旅游公路提前三年全线贯通).
    """
    ca, cb = _core(a), _core(b)
    x, y = _bigrams(ca), _bigrams(cb)
    if not x or not y:
        return 0.0
    shared = len(x & y)
    dice = 2 * shared / (len(x) + len(y))
    if min(len(ca), len(cb)) >= 4:
        return max(dice, shared / min(len(x), len(y)))
    return dice


def _is_flow(indicator: str) -> bool:
    return any(indicator.startswith(w) or w in indicator[:4] for w in _cues()["flow_words"])


def _lower_is_better(indicator: str) -> bool:
    cues = _cues()
    if any(w in indicator for w in cues["cut_words"]):
        return False  # 能耗降低 2.5%: the number is the cut
    return any(w in indicator for w in cues["lower_is_better"])


def _is_rate(q: Target | Outcome) -> bool:
    """A rate of change: a growth, or an indicator that names one (居民消费价格涨幅)."""
    return q.growth or q.indicator.endswith(tuple(_cues()["rate_words"]))


def _concept(q: Target | Outcome) -> Indicator | None:
    from plangraph.vocab.indicators import indicators

    return indicators().get(q.concept)


def _figure_kind(q: Target | Outcome, concept: Indicator) -> str:
    """growth for a change (of any concept), else what the concept is: level, count, share…"""
    return "growth" if q.growth or concept.is_change else concept.measure


def _same_period(target: Target, outcome: Outcome) -> bool:
    """Both one-year figures, or both of the same period of years."""
    return (target.period_start, target.period_end) == (outcome.period_start, outcome.period_end)


def _concept_match(target: Target, outcome: Outcome) -> bool | None:
    """Whether two figures measure the same thing by their concepts; None when either has
    none (then their wordings decide)."""
    t_concept, o_concept = _concept(target), _concept(outcome)
    if t_concept is None or o_concept is None:
        return None
    return t_concept is o_concept and _figure_kind(target, t_concept) == _figure_kind(
        outcome, o_concept
    )


def judge(target: Target, outcome: Outcome) -> str:
    """met / exceeded / not-met / reported for an outcome against the target it reports on."""
    from plangraph.vocab.indicators import judge_figure

    got = outcome.value if outcome.value is not None else outcome.min
    concept = _concept(target)
    if concept is not None and _concept_match(target, outcome):
        if target.unit != outcome.unit:
            return "reported"  # 252 亿斤 against 1300 万吨: not compared here
        return judge_figure(concept, target.qualifier, target.value, target.min, target.max, got)
    if got is None or _is_rate(target) != _is_rate(outcome):
        return "reported"
    if any(w in target.indicator for w in _cues()["ceilings"]):
        bound = target.max if target.max is not None else target.value
        if bound is None:
            return "reported"
        slack = 1 + _ABOUT if target.qualifier == "About" else 1
        return "met" if got <= bound * slack else "not-met"
    if _is_flow(target.indicator) and not _is_flow(outcome.indicator):
        return "reported"  # 新建 150 座 against a running total of 268 座
    lo = target.min if target.qualifier in ("Range", "AtLeast") else target.value
    hi = target.max if target.qualifier in ("Range", "AtMost") else target.value
    if target.qualifier == "AtLeast" and lo is None:
        lo = target.value
    if target.qualifier == "AtMost" and hi is None:
        hi = target.value
    if target.qualifier == "About" and target.value is not None:
        lo, hi = target.value * (1 - _ABOUT), target.value * (1 + _ABOUT)
    if target.qualifier == "AtLeast":
        hi = None
    if target.qualifier == "AtMost":
        lo = None
    if _lower_is_better(target.indicator):  # read the scale the other way round
        got, lo, hi = -got, (-hi if hi is not None else None), (-lo if lo is not None else None)
    if lo is not None and got < lo:
        return "not-met"
    if hi is not None and got > hi:
        return "exceeded"
    if target.qualifier == "AtLeast" and lo is not None and got > lo * (1 + _ABOUT):
        return "exceeded"
    return "met"


def _quantity_links(earlier: Records, later: Records) -> list[tuple[float, Outcome, Target]]:
    year = earlier.document.year
    pairs: list[tuple[bool, float, Outcome, Target]] = []  # (by concept, score, …)
    for outcome in later.outcomes:
        if outcome.reports is not None or outcome.year != year or outcome.unit is None:
            continue
        if outcome.period_end is not None:  # a five-year or several-year figure
            continue
        for target in earlier.targets:
            if target.period_end is not None or target.year != year:  # not this year's promise
                continue
            if not _same_period(target, outcome):
                continue  # a one-year commitment and a five-year figure are not one thing
            same = _concept_match(target, outcome)
            if same is not None:
                if same:
                    pairs.append((True, 1.0, outcome, target))
                continue
            if target.unit != outcome.unit or _is_rate(target) != _is_rate(outcome):
                continue
            score = indicator_similarity(target.indicator, outcome.indicator)
            if score >= _MIN_SIMILARITY:
                pairs.append((False, score, outcome, target))
    pairs.sort(key=lambda p: (not p[0], -p[1]))  # a concept's pairs before any likeness of wording
    used_outcomes: set[int] = set()
    used_targets: set[int] = set()
    chosen = []
    for _, score, outcome, target in pairs:
        if id(outcome) in used_outcomes or id(target) in used_targets:
            continue
        used_outcomes.add(id(outcome))
        used_targets.add(id(target))
        chosen.append((score, outcome, target))
    return chosen


def _all_delivered(outcome: Outcome) -> bool:
    quote = "".join(s.quote for s in outcome.evidence)
    return "民生实事" in outcome.indicator and any(w in quote for w in _cues()["all_done"])


def link_documents(earlier: Records, later: Records) -> list[Link]:
    """Link ``later``'s outcomes to ``earlier``'s commitments, in place; return the links."""
    from plangraph.vocab.names import project_name, slug

    e_id, l_id = earlier.document.id, later.document.id
    links: list[Link] = []
    for score, outcome, target in _quantity_links(earlier, later):
        outcome.reports = f"target/{e_id}/{target.id}"
        status = judge(target, outcome)
        outcome.status = status  # type: ignore[assignment]
        links.append(
            Link(
                e_id,
                l_id,
                "target",
                outcome.reports,
                target.indicator,
                outcome.id or "",
                outcome.indicator,
                status,
                round(score, 3),
                _evidence(target.evidence),
                _evidence(outcome.evidence),
            )
        )
    planned = {slug(project_name(p.name)): p for p in earlier.projects}
    for outcome in later.outcomes:
        if outcome.reports and outcome.reports.startswith("project/"):
            project = planned.get(outcome.reports.removeprefix("project/"))
            if project is not None:
                links.append(
                    Link(
                        e_id,
                        l_id,
                        "project",
                        outcome.reports,
                        project.name,
                        outcome.id or "",
                        outcome.indicator,
                        outcome.status or "reported",
                        1.0,
                        _evidence(project.evidence),
                        _evidence(outcome.evidence),
                    )
                )
    for outcome in list(later.outcomes):
        unlinked = outcome.reports is None or outcome.reports.startswith("target/")
        if unlinked and outcome.year == earlier.document.year and _all_delivered(outcome):
            count = outcome.value
            if earlier.tasks and (count is None or int(count) == len(earlier.tasks)):
                for task in earlier.tasks:
                    task_outcome = Outcome(
                        indicator=f"{task.label}",
                        # the earlier document in the id: a report may review two of them
                        id=f"{outcome.id}-{e_id}-task-{task.n}",
                        year=outcome.year,
                        reports=f"task/{e_id}/{task.n}",
                        status="met",
                        keyword=outcome.keyword,
                        evidence=list(outcome.evidence),
                    )
                    later.outcomes.append(task_outcome)
                    links.append(
                        Link(
                            e_id,
                            l_id,
                            "task",
                            task_outcome.reports or "",
                            task.label,
                            task_outcome.id or "",
                            outcome.indicator,
                            "met",
                            1.0,
                            _evidence(task.evidence),
                            _evidence(outcome.evidence),
                        )
                    )
    return links


def link_corpus(records: Sequence[Records]) -> list[Link]:
    """Link every pair of consecutive documents of the same region (year Y, then Y+1)."""
    by_region: defaultdict[str | None, list[Records]] = defaultdict(list)
    for rec in records:
        by_region[rec.document.region].append(rec)
    links: list[Link] = []
    for docs in by_region.values():
        by_year: defaultdict[int, list[Records]] = defaultdict(list)
        for rec in docs:
            by_year[rec.document.year].append(rec)
        for year, earlier_docs in sorted(by_year.items()):
            for earlier in earlier_docs:
                for later in by_year.get(year + 1, []):
                    links.extend(link_documents(earlier, later))
    return links


def format_links(links: Iterable[Link]) -> str:
    """The table ``plangraph track`` prints: a line per link, then the evidence on both sides
    (document, quote, character offsets)."""
    links = list(links)
    rows = [("status", "commitment", "outcome", "reports")]
    rows += [(k.status, k.commitment_label, k.outcome_label, k.commitment) for k in links]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]

    def line(row: tuple[str, ...]) -> str:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=False)]
        return "  ".join([*cells, row[3]]).rstrip()

    lines = [line(rows[0])]
    pad = " " * (widths[0] + 2)
    for link, row in zip(links, rows[1:], strict=True):
        lines.append(line(row))
        for doc, evidence in (
            (link.earlier, link.commitment_evidence),
            (link.later, link.outcome_evidence),
        ):
            if evidence:
                lines.append(f"{pad}{doc}: {evidence}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
