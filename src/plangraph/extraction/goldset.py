"""Scoring extraction against a hand-annotated check set of mentions (``plangraph-gold/1``).

A gold file marks passages of one report and lists every place, project, industry and
quantity inside them (``tests/truth/entities/``). Only what the extractor found inside those
passages is scored. Per class:

- places: a predicted mention is right when it overlaps a gold one and names the same division
  (same code) or both are named areas; a mention read out of a longer word is wrong; one inside
  a gold project's name is not scored (the check set leaves those out);
- projects: right when its span is exactly a gold project's (clean boundaries), or it overlaps
  a gold project that gives its whole name (``name:``, a shared head) and the names agree;
  ``concrete`` projects (works and company projects) are scored on their own;
- industries: right when it overlaps a gold industry mention;
- targets, outcomes: right when the spans overlap and value, min, max, unit and qualifier agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from plangraph.errors import InputError
from plangraph.extraction.scoring import EvalReport, Score
from plangraph.records.model import Records

__all__ = ["GOLD_FORMAT", "Gold", "evaluate_gold", "load_gold", "merge_reports"]

GOLD_FORMAT = "plangraph-gold/1"
CONCRETE = ("works", "company")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    quote: str
    key: str = ""  # a place's code or area name; a project's kind; a quantity's numbers
    name: str = ""  # a project's whole name


@dataclass
class Gold:
    path: Path
    source: str
    sha256: str
    passages: list[tuple[int, int]]
    places: list[Mention] = field(default_factory=list)
    projects: list[Mention] = field(default_factory=list)
    industries: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    outcomes: list[Mention] = field(default_factory=list)

    def inside(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.passages)


def _number(value: Any) -> str:
    return "" if value is None else format(Decimal(str(value)).normalize(), "f")


def _quantity_key(value: Any, low: Any, high: Any, unit: Any, qualifier: Any) -> str:
    return "|".join((_number(value), _number(low), _number(high), str(unit), str(qualifier)))


def load_gold(path: str | Path) -> Gold:
    """A gold file; a wrong format names the file."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the check set: {exc}", path=path) from None
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        raise InputError(f"not a check set (expected format: {GOLD_FORMAT})", path=path)
    gold = Gold(
        path,
        str(data["source"]),
        str(data["sha256"]),
        [(int(p["start"]), int(p["end"])) for p in data["passages"]],
    )
    for item in data.get("places") or []:
        key = str(item["code"]) if item.get("code") else f"area:{item['quote']}"
        gold.places.append(Mention(item["start"], item["end"], item["quote"], key))
    for item in data.get("projects") or []:
        name = str(item.get("name") or item["quote"])
        gold.projects.append(Mention(item["start"], item["end"], item["quote"], item["kind"], name))
    for item in data.get("industries") or []:
        gold.industries.append(Mention(item["start"], item["end"], item["quote"]))
    for item in data.get("quantities") or []:
        key = _quantity_key(
            item.get("value"), item.get("min"), item.get("max"), item["unit"], item["qualifier"]
        )
        target = gold.targets if item["kind"] == "target" else gold.outcomes
        target.append(Mention(item["start"], item["end"], item["quote"], key))
    return gold


def _predicted(records: Records, gold: Gold) -> dict[str, list[Mention]]:
    """The mentions of ``records`` inside the gold's passages, as the gold lists them."""
    from plangraph.vocab.names import normalise_name
    from plangraph.vocab.schemes import industries

    out: dict[str, list[Mention]] = {k: [] for k in ("places", "projects", "industries")}
    in_names = [(m.start, m.end) for m in gold.projects]
    for region in records.regions:
        key = region.code or f"area:{region.name}"
        for span in region.evidence:
            # a place inside a project's name (兰州 of 兰州中川机场) is the project's, not a
            # mention of its own: the check set leaves those out, so they are not scored
            if gold.inside(span.start) and not any(s <= span.start < e for s, e in in_names):
                out["places"].append(Mention(span.start, span.end, span.quote, key))
    for project in records.projects:
        for span in project.evidence:
            if gold.inside(span.start):
                name = normalise_name(project.name)
                out["projects"].append(
                    Mention(span.start, span.end, span.quote, project.kind or "", name)
                )
    scheme = industries()
    for term in records.industry_terms:
        for span in term.evidence:
            if gold.inside(span.start) and scheme.names_industry(term.label, span.quote):
                out["industries"].append(Mention(span.start, span.end, span.quote, term.label))
    for kind in ("targets", "outcomes"):
        out[kind] = [
            Mention(
                q.evidence[0].start,
                q.evidence[0].end,
                q.evidence[0].quote,
                _quantity_key(q.value, q.min, q.max, q.unit, q.qualifier),
            )
            for q in getattr(records, kind)
            # a figure has a unit; an outcome that only names a project is no quantity
            if q.evidence and q.unit is not None and gold.inside(q.evidence[0].start)
        ]
    return out


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _score(
    kind: str,
    predicted: Sequence[Mention],
    gold: Sequence[Mention],
    same: Any,
) -> Score:
    """One-to-one matching in text order; a predicted mention that overlaps a gold one but
    disagrees counts as wrong (an extra) and the gold one as missed."""
    free = sorted(range(len(predicted)), key=lambda i: predicted[i].start)
    matched, misses = 0, []
    for g in sorted(gold, key=lambda m: m.start):
        hit = next((i for i in free if same(predicted[i], g)), None)
        if hit is None:
            misses.append(f"{g.quote} [{g.start}] {g.key}")
        else:
            free.remove(hit)
            matched += 1
    extras = [f"{predicted[i].quote} [{predicted[i].start}] {predicted[i].key}" for i in free]
    return Score(kind, len(predicted), len(gold), matched, misses, extras)


def _same_project(p: Mention, g: Mention) -> bool:
    from plangraph.vocab.names import normalise_name

    if (p.start, p.end) == (g.start, g.end):
        return True
    return g.name != g.quote and _overlap(p, g) and p.name == normalise_name(g.name)


def evaluate_gold(records: Records, gold: Gold) -> EvalReport:
    """Scores of ``records`` (of the gold's report) on the gold's passages, per class."""
    if records.document.source.sha256 != gold.sha256:
        raise InputError(
            f"the check set is for {gold.source} (sha256 {gold.sha256[:12]}…), the records for"
            f" {records.document.source.file} ({records.document.source.sha256[:12]}…)",
            path=gold.path,
        )
    found = _predicted(records, gold)
    concrete_pred = [m for m in found["projects"] if m.key in CONCRETE]
    concrete_gold = [m for m in gold.projects if m.key in CONCRETE]

    def same(p: Mention, g: Mention) -> bool:
        return _overlap(p, g) and p.key == g.key

    def same_place(p: Mention, g: Mention) -> bool:
        """The same division, or both named areas (their extent is a matter of wording:
        湘中南 and 湘中南地区 are one area)."""
        areas = p.key.startswith("area:") and g.key.startswith("area:")
        return _overlap(p, g) and (p.key == g.key or areas)

    scores = [
        _score("places", found["places"], gold.places, same_place),
        _score("projects", found["projects"], gold.projects, _same_project),
        _score("concrete", concrete_pred, concrete_gold, _same_project),
        _score("industries", found["industries"], gold.industries, _overlap),
        _score("targets", found["targets"], gold.targets, same),
        _score("outcomes", found["outcomes"], gold.outcomes, same),
    ]
    return EvalReport(scores)


def merge_reports(reports: Iterable[EvalReport]) -> EvalReport:
    """Several documents' scores summed per class."""
    total: dict[str, Score] = {}
    for report in reports:
        for s in report.scores:
            t = total.setdefault(s.kind, Score(s.kind, 0, 0, 0))
            t.predicted += s.predicted
            t.gold += s.gold
            t.matched += s.matched
            t.misses += s.misses
            t.extras += s.extras
    return EvalReport(list(total.values()))
