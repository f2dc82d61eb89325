"""Precision and recall of extracted records against reviewed ones, per kind of fact.

Matching rules (one-to-one, greedy in text order):

- targets, outcomes: same value / min / max, unit and qualifier, and overlapping evidence spans;
- tasks: same number, with evidence within 80 characters (both name the same numbered item,
  perhaps by different phrases of it); keywords: same label or overlapping spans;
- projects: same normalised name, or overlapping evidence spans;
- regions: the set of codes the document refers to; industries: the set of concepts it names;
- region-codes: for each region mention that both sides locate (overlapping spans), whether the
  codes agree (precision: agreeing / predicted mentions located in gold; recall likewise).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from plangraph.records.model import Records, Span

__all__ = ["Score", "EvalReport", "evaluate"]

T = TypeVar("T")


@dataclass
class Score:
    kind: str
    predicted: int
    gold: int
    matched: int
    misses: list[str] = field(default_factory=list)  # gold facts not found
    extras: list[str] = field(default_factory=list)  # predicted facts not in gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    scores: list[Score]

    def score(self, kind: str) -> Score:
        return next(s for s in self.scores if s.kind == kind)

    def table(self, errors: bool = False) -> str:
        lines = [
            f"{'kind':<12} {'gold':>5} {'pred':>5} {'match':>5} {'precision':>9}"
            f" {'recall':>7} {'F1':>6}"
        ]
        for s in self.scores:
            lines.append(
                f"{s.kind:<12} {s.gold:>5} {s.predicted:>5} {s.matched:>5}"
                f" {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}"
            )
        if errors:
            for s in self.scores:
                for miss in s.misses:
                    lines.append(f"  missed  {s.kind}: {miss}")
                for extra in s.extras:
                    lines.append(f"  extra   {s.kind}: {extra}")
        return "\n".join(lines)


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


def _near(a: Sequence[Span], b: Sequence[Span], distance: int) -> bool:
    return any(abs(x.start - y.start) <= distance for x in a for y in b)


def _match(
    kind: str,
    predicted: Sequence[T],
    gold: Sequence[T],
    same: Callable[[T, T], bool],
    show: Callable[[T], str],
) -> Score:
    free = list(range(len(predicted)))
    matched = 0
    misses = []
    for g in gold:
        hit = next((i for i in free if same(predicted[i], g)), None)
        if hit is None:
            misses.append(show(g))
        else:
            free.remove(hit)
            matched += 1
    extras = [show(predicted[i]) for i in free]
    return Score(kind, len(predicted), len(gold), matched, misses, extras)


def _sets(kind: str, predicted: Iterable[str], gold: Iterable[str]) -> Score:
    p, g = set(predicted), set(gold)
    return Score(kind, len(p), len(g), len(p & g), sorted(g - p), sorted(p - g))


def _quantity_key(q: Any) -> tuple[Any, ...]:
    return (q.value, q.min, q.max, q.unit, q.qualifier)


def _show_quantity(q: Any) -> str:
    number = q.value if q.value is not None else f"{q.min}–{q.max}"
    quote = q.evidence[0].quote if q.evidence else ""
    return f"{q.indicator} {number} {q.unit} {q.qualifier} “{quote}”"


def _industries(records: Records) -> set[str]:
    from plangraph.vocab.schemes import industries

    scheme = industries()
    labels: set[str] = {t.label for t in records.industry_terms if not t.proposed}
    for kind in ("measures", "projects", "tasks", "targets", "outcomes"):
        for item in getattr(records, kind):
            for label in getattr(item, "industries", []):
                concept = scheme.resolve(label)
                labels.add(concept.label if concept else label)
    return labels


def _region_codes(predicted: Records, gold: Records) -> Score:
    """Code agreement on the region mentions that both sides have evidence for."""
    gold_mentions = [(r.key, s) for r in gold.regions for s in r.evidence]
    pred_mentions = [(r.key, s) for r in predicted.regions for s in r.evidence]
    located = [
        (key, span, [g for g, gs in gold_mentions if gs.start < span.end and span.start < gs.end])
        for key, span in pred_mentions
    ]
    located = [item for item in located if item[2]]
    agree = [item for item in located if item[0] in item[2]]
    wrong = [
        f"{span.quote}: {key} (gold {', '.join(g)})" for key, span, g in located if key not in g
    ]
    return Score("region-codes", len(located), len(located), len(agree), wrong, [])


def evaluate(predicted: Records, gold: Records) -> EvalReport:
    """Scores of ``predicted`` against ``gold`` for each kind of fact."""
    from plangraph.vocab.names import project_name

    def same_quantity(p: Any, g: Any) -> bool:
        return _quantity_key(p) == _quantity_key(g) and _overlap(p.evidence, g.evidence)

    scores = [
        _match(
            "keywords",
            predicted.keywords,
            gold.keywords,
            lambda p, g: p.label == g.label or _overlap(p.evidence, g.evidence),
            lambda k: f"{k.n} {k.label}",
        ),
        _match("targets", predicted.targets, gold.targets, same_quantity, _show_quantity),
        _match(
            "tasks",
            predicted.tasks,
            gold.tasks,
            lambda p, g: p.n == g.n and _near(p.evidence, g.evidence, 80),
            lambda t: f"{t.n} {t.label}",
        ),
        _match("outcomes", predicted.outcomes, gold.outcomes, same_quantity, _show_quantity),
        _match(
            "projects",
            predicted.projects,
            gold.projects,
            lambda p, g: (
                project_name(p.name) == project_name(g.name) or _overlap(p.evidence, g.evidence)
            ),
            lambda p: p.name,
        ),
        _sets(
            "regions",
            (r.code for r in predicted.regions if r.code),
            (r.code for r in gold.regions if r.code),
        ),
        _region_codes(predicted, gold),
        _sets("industries", _industries(predicted), _industries(gold)),
    ]
    return EvalReport(scores)
