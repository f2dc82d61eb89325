"""The network projection: the one place where the RDF graph becomes a networkx graph.

Nodes are the things an analyst looks at (keywords, measures, projects, regions, industries,
targets, outcomes, livelihood tasks), keyed by IRI, each carrying its type, its Chinese label and
its facts. Edges point from the broader thing to the narrower or related one: keyword → measure
→ project → region / industry / target. The HTML page and the notebooks both draw from here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from .namespace import PG

__all__ = ["NODE_TYPES", "to_networkx"]

NODE_TYPES = (
    "Keyword",
    "Measure",
    "Project",
    "Region",
    "Industry",
    "Target",
    "Outcome",
    "LivelihoodTask",
)

# (predicate, reversed?): an edge subject → object, or object → subject when reversed
_EDGES: tuple[tuple[URIRef, bool, str], ...] = (
    (PG.keyword, True, "keyword"),
    (PG.measure, True, "measure"),
    (PG.task, True, "task"),
    (PG.target, False, "target"),
    (PG.locatedIn, False, "locatedIn"),
    (PG.industry, False, "industry"),
    (PG.reports, False, "reports"),
    (PG.within, False, "within"),
)


def _label(graph: Graph, node: URIRef) -> str:
    labels = {
        lit.language: str(lit)
        for lit in graph.objects(node, RDFS.label)
        if isinstance(lit, Literal)
    }
    return labels.get("zh") or labels.get("en") or next(iter(labels.values()), str(node))


def _py(node: object) -> Any:
    return node.toPython() if isinstance(node, Literal) else node


def _local(node: object) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _facts(graph: Graph, node: URIRef, kind: str) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    one = graph.value
    if kind in ("Target", "Outcome"):
        for key, prop in (("value", PG.value), ("min", PG.minValue), ("max", PG.maxValue)):
            lit = one(node, prop)
            if lit is not None:
                facts[key] = float(_py(lit))
        for key, prop in (("unit", PG.unit), ("qualifier", PG.qualifier), ("status", PG.status)):
            obj = one(node, prop)
            if obj is not None:
                facts[key] = _local(obj)
        for key, prop in (
            ("indicator", PG.indicator),
            ("classifier", PG.classifier),
            ("year", PG.year),
        ):
            obj = one(node, prop)
            if obj is not None:
                facts[key] = str(obj)
        growth = one(node, PG.isGrowth)
        facts["growth"] = bool(_py(growth)) if growth is not None else False
    if kind == "Region":
        code = one(node, PG.adcode)
        facts["adcode"] = str(code) if code is not None else None
        parent = one(node, PG.within)
        facts["parent"] = _label(graph, parent) if isinstance(parent, URIRef) else None
    evidence = []
    for span in graph.objects(node, PG.evidence):
        start, end = one(span, PG.start), one(span, PG.end)
        source = one(span, PG.source)
        evidence.append(
            {
                "quote": str(one(span, PG.quote)),
                "start": int(_py(start)) if start is not None else None,
                "end": int(_py(end)) if end is not None else None,
                "document": _local(source) if source is not None else None,
            }
        )
    evidence.sort(key=lambda e: (e["document"] or "", e["start"] or 0))
    facts["evidence"] = evidence
    facts["documents"] = sorted({e["document"] for e in evidence if e["document"]})
    return facts


def to_networkx(data: Dataset | Graph | str | Path) -> nx.DiGraph:
    """Project a dataset (or an RDF file) onto a directed networkx graph.

    Each node has ``type``, ``label`` and its facts (``value``, ``unit``, ``qualifier``, ``year``
    for targets; ``adcode`` and ``parent`` for regions; ``evidence`` quotes with offsets for all);
    each edge has a ``relation``. Regions and industries that nothing links to are left out.
    """
    from .io import load_dataset, union_graph

    if isinstance(data, str | Path):
        data = load_dataset(data)
    graph = union_graph(data)
    kinds: dict[URIRef, str] = {}
    for kind in NODE_TYPES:
        for node in graph.subjects(RDF.type, PG[kind]):
            if isinstance(node, URIRef):
                kinds[node] = kind
    edges: dict[tuple[Any, Any], str] = {}
    for prop, reverse, relation in _EDGES:
        for s, o in graph.subject_objects(prop):
            if s in kinds and o in kinds:
                edges.setdefault((o, s) if reverse else (s, o), relation)
    linked: defaultdict[URIRef, int] = defaultdict(int)
    for (a, b), relation in edges.items():
        if relation != "within":
            linked[a] += 1
            linked[b] += 1
    keep = {n for n, k in kinds.items() if k not in ("Region", "Industry") or linked[n]}
    net = nx.DiGraph()
    for node in sorted(keep):
        kind = kinds[node]
        net.add_node(str(node), type=kind, label=_label(graph, node), **_facts(graph, node, kind))
    for (a, b), relation in sorted(edges.items()):
        if a in keep and b in keep:
            net.add_edge(str(a), str(b), relation=relation)
    return net
