"""The view of many documents: themes × documents, and indicator concepts × documents.

Four to fifty reports make tens of thousands of nodes; drawn as one network they are a hairball.
What an analyst compares across reports is which themes each gives weight to, and which targets
each sets. :func:`matrix` lines the documents up as columns, grouped by region and ordered by
year, and gives two tables of rows:

- **themes** (``data/themes.yaml``): each keyword of each document goes under the theme whose
  words it shares most (its own label counts most, then the labels of the facts under it and the
  indicator concepts of its targets); a cell counts the facts (measures, projects, targets,
  outcomes, tasks) under that document's keywords of that theme, and names those keywords, so
  the page opens that part of the network on a click;
- **indicators**: the indicator concepts of the documents' targets (``pg:indicatorConcept``)
  that several documents set, each cell naming that document's targets of the concept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from plangraph.view.clusters import clusters, hubs

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FACT_TYPES", "Theme", "keyword_themes", "matrix", "themes"]

FACT_TYPES = ("Measure", "Project", "Target", "Outcome", "LivelihoodTask")
"""What a cell of the themes table counts."""

_LABEL_WEIGHT = 4.0  # a word in the keyword's own label, against one in the facts under it
_MEMBER_WEIGHT = 2.0  # the facts' words, averaged over the facts
_MOST_CONCEPTS = 16  # rows of the indicators table


@dataclass(frozen=True)
class Theme:
    key: str
    zh: str
    en: str
    words: tuple[str, ...]


@cache
def themes() -> tuple[Theme, ...]:
    """The themes of ``data/themes.yaml``, in its order (the last one, ``other``, has no words)."""
    from plangraph._resources import read_data

    data = read_data("themes.yaml")
    return tuple(
        Theme(key, entry["label"]["zh"], entry["label"]["en"], tuple(entry.get("words") or ()))
        for key, entry in data["themes"].items()
    )


@cache
def _concept_labels() -> dict[str, tuple[str, str, str]]:
    """Indicator concept name → (Chinese label, English label, unit kind)."""
    from plangraph.vocab.indicators import indicators

    return {n: (c.label_zh, c.label_en, c.unit) for n, c in indicators().concepts.items()}


def _hits(text: str, words: tuple[str, ...]) -> int:
    return sum(1 for word in words if word in text)


def _fact_text(attrs: dict[str, Any]) -> str:
    text = attrs.get("label", "")
    concept = attrs.get("concept")
    if concept:
        text += " " + _concept_labels().get(concept, ("", "", ""))[0]
    return text


def keyword_themes(net: nx.DiGraph, home: dict[str, str | None] | None = None) -> dict[str, str]:
    """Each keyword's theme (its key in ``data/themes.yaml``; ``other`` when it shares no word).

    ``home`` is :func:`plangraph.view.clusters.clusters` of ``net`` (the documents' own regions
    skipped), when the caller has it already.
    """
    home = clusters(net, skip=hubs(net)) if home is None else home
    members: defaultdict[str, list[str]] = defaultdict(list)
    for node, kw in home.items():
        if kw is not None and net.nodes[node]["type"] in FACT_TYPES:
            members[kw].append(_fact_text(net.nodes[node]))
    chosen = {}
    worded = [t for t in themes() if t.words]
    fallback = next((t.key for t in themes() if not t.words), "other")
    for node, attrs in net.nodes(data=True):
        if attrs["type"] != "Keyword":
            continue
        facts = members.get(node, [])
        best, best_score = fallback, 0.0
        for theme in worded:
            score = _LABEL_WEIGHT * _hits(attrs["label"], theme.words)
            if facts:
                score += _MEMBER_WEIGHT * sum(_hits(t, theme.words) for t in facts) / len(facts)
            if score > best_score:
                best, best_score = theme.key, score
        chosen[node] = best
    return chosen


def _place(net: nx.DiGraph, region: str | None) -> tuple[str, str]:
    """A document's region: (sort key, short name)."""
    if not region:
        return ("~", "—")
    code = region.rsplit("/", 1)[-1]
    name = net.nodes[region]["label"] if region in net else code
    if code.isdigit():
        from plangraph.vocab.gazetteer import gazetteer

        place = gazetteer().get(code)
        if place is not None:
            name = place.short or place.name
    return (code, name)


def _columns(net: nx.DiGraph) -> list[dict[str, Any]]:
    docs = net.graph.get("documents", {})
    columns = []
    for doc, info in docs.items():
        key, place = _place(net, info.get("region"))
        columns.append(
            {
                "id": doc,
                "title": info.get("title") or doc,
                "year": info.get("year") or "",
                "place": place,
                "_key": (key, place, info.get("year") or "", doc),
            }
        )
    columns.sort(key=lambda c: c.pop("_key"))
    return columns


def matrix(net: nx.DiGraph) -> dict[str, Any]:
    """What the page's matrix draws (plain JSON values; nodes named by their ids)."""
    home = clusters(net, skip=hubs(net))
    theme_of = keyword_themes(net, home)
    columns = _columns(net)
    column = {c["id"]: i for i, c in enumerate(columns)}
    rows = list(themes())
    row = {t.key: i for i, t in enumerate(rows)}

    facts: Counter[str] = Counter()
    for node, kw in home.items():
        if kw is not None and net.nodes[node]["type"] in FACT_TYPES:
            facts[kw] += 1
    cells: dict[tuple[int, int], list[Any]] = {}
    shared: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for kw, key in sorted(theme_of.items()):
        attrs = net.nodes[kw]
        for doc in attrs.get("documents", ())[:1]:
            if doc not in column:
                continue
            cell = cells.setdefault((row[key], column[doc]), [row[key], column[doc], 0, []])
            cell[2] += facts[kw]
            cell[3].append(kw)
        theme = rows[row[key]]
        shared[key].update({w for w in theme.words if w in attrs["label"]})
    theme_rows = [
        {
            "key": t.key,
            "zh": t.zh,
            "en": t.en,
            "words": [w for w, _ in shared[t.key].most_common(5)],
            "keywords": sum(1 for k in theme_of.values() if k == t.key),
        }
        for t in rows
    ]

    by_concept: defaultdict[str, dict[int, list[str]]] = defaultdict(dict)
    for node, attrs in net.nodes(data=True):
        concept = attrs.get("concept")
        if attrs["type"] == "Target" and concept:
            for doc in attrs.get("documents", ())[:1]:
                if doc in column:
                    by_concept[concept].setdefault(column[doc], []).append(node)
    labels = _concept_labels()
    order = {name: i for i, name in enumerate(labels)}
    common = sorted(by_concept, key=lambda c: (-len(by_concept[c]), order.get(c, len(order)), c))
    concept_rows, concept_cells = [], []
    for i, concept in enumerate(c for c in common[:_MOST_CONCEPTS] if len(by_concept[c]) > 1):
        zh, en, unit = labels.get(concept, (concept, concept, ""))
        concept_rows.append({"key": concept, "zh": zh, "en": en, "unit": unit})
        for col, targets in sorted(by_concept[concept].items()):
            targets.sort(key=lambda n: _first_offset(net, n))
            concept_cells.append([i, col, len(targets), targets])
    return {
        "documents": columns,
        "themes": theme_rows,
        "cells": [cells[k] for k in sorted(cells)],
        "concepts": concept_rows,
        "targets": concept_cells,
    }


def _first_offset(net: nx.DiGraph, node: str) -> int:
    evidence = net.nodes[node].get("evidence") or []
    starts = [e["start"] for e in evidence if e.get("start") is not None]
    return min(starts, default=0)
