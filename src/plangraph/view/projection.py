"""The network projection: the one place where the RDF graph becomes a networkx graph.

Nodes are the things an analyst looks at (keywords, measures, projects, regions, industries,
targets, outcomes, livelihood tasks), keyed by IRI, each carrying its type, its Chinese label and
its facts. Edges point from the broader thing to the narrower or related one: keyword → measure
→ project → region / industry / target. The HTML page, the notebooks and the exports all draw
from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.view.kinds import NODE_TYPES
from plangraph.view.quads import QuadIndex
from plangraph.view.select import select

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph
    from rdflib import Dataset, Graph, URIRef

__all__ = ["to_networkx"]

# (property name, reversed?, relation): an edge subject → object, or object → subject when
# reversed, so that edges always run from the broader thing to the narrower or related one
_EDGES: tuple[tuple[str, bool, str], ...] = (
    ("keyword", True, "keyword"),
    ("measure", True, "measure"),
    ("task", True, "task"),
    ("target", False, "target"),
    ("locatedIn", False, "locatedIn"),
    ("industry", False, "industry"),
    ("reports", False, "reports"),
    ("within", False, "within"),
)


def _label(graph: Graph, node: URIRef) -> str:
    from rdflib import RDFS, Literal

    labels = {
        lit.language: str(lit)
        for lit in graph.objects(node, RDFS.label)
        if isinstance(lit, Literal)
    }
    return labels.get("zh") or labels.get("en") or next(iter(labels.values()), str(node))


def _aliases(graph: Graph, node: URIRef, label: str) -> list[str]:
    """Every other name of a node (English label, short and alternative names), for search."""
    from rdflib import RDFS, SKOS

    names = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(node, p)}
    names.discard(label)
    return sorted(names)


def _py(node: object) -> Any:
    from rdflib import Literal

    return node.toPython() if isinstance(node, Literal) else node


def _local(node: object) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _unit_labels() -> dict[str, str]:
    from plangraph.vocab.schemes import units

    return {unit.iri: unit.label_zh for unit in units().values()}


def _facts(graph: Graph, node: URIRef, kind: str, unit_labels: dict[str, str]) -> dict[str, Any]:
    from rdflib import URIRef

    from plangraph.graph.namespace import PG

    facts: dict[str, Any] = {}
    one = graph.value
    if kind in ("Target", "Outcome"):
        for key, prop in (("value", PG.value), ("min", PG.minValue), ("max", PG.maxValue)):
            lit = one(node, prop)
            if lit is not None:
                facts[key] = float(_py(lit))
        for key, prop in (
            ("unit", PG.unit),
            ("qualifier", PG.qualifier),
            ("status", PG.status),
            ("concept", PG.indicatorConcept),
        ):
            obj = one(node, prop)
            if obj is not None:
                facts[key] = _local(obj)
        unit = one(node, PG.unit)
        if unit is not None:
            facts["unit_label"] = unit_labels.get(str(unit), _local(unit))
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


def _documents(graph: Graph) -> dict[str, dict[str, Any]]:
    from rdflib import RDF, URIRef

    from plangraph.graph.namespace import PG

    docs: dict[str, dict[str, Any]] = {}
    for doc in sorted(
        d for d in graph.subjects(RDF.type, PG.PlanDocument) if isinstance(d, URIRef)
    ):
        region = graph.value(doc, PG.issuedBy)
        year = graph.value(doc, PG.year)
        docs[_local(doc)] = {
            "iri": str(doc),
            "title": _label(graph, doc),
            "year": str(year) if year is not None else None,
            "region": str(region) if region is not None else None,
        }
    return docs


def to_networkx(
    data: Dataset | Graph | str | Path | pyoxigraph.Store | QuadIndex,
    *,
    keyword: str | Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    document: str | None = None,
    region: str | None = None,
    industry: str | None = None,
) -> nx.DiGraph:
    """Project a dataset (an RDF file, an Oxigraph store) onto a directed networkx graph.

    Each node has ``type``, ``label``, ``aliases``, ``documents`` and its facts (``value``,
    ``unit``, ``qualifier``, ``year`` and the indicator ``concept``'s name for targets;
    ``adcode`` and ``parent`` for regions;
    ``evidence`` quotes with offsets for all); each edge has a ``relation``. The graph's
    ``documents`` attribute maps each document id to its title, year and issuing region.
    Regions and industries that nothing links to are left out. The keyword arguments draw a part
    of the graph only, as :func:`select` does.
    """
    import networkx as nx
    from rdflib import RDF, Dataset, Graph, URIRef

    from plangraph.graph.namespace import PG
    from plangraph.graph.rdfio import union_graph
    from plangraph.graph.terms import oxigraph_store

    graph: Any
    backing = oxigraph_store(data)  # plangraph.load's Dataset: its store, not read through rdflib
    if isinstance(data, str | Path):
        # parsed straight into the index: a corpus's TriG is never loaded into rdflib
        from plangraph.sparql.dataset import built_kind
        from plangraph.sparql.store import open_store, read_quads

        quads = (
            open_store(data).quads_for_pattern(None, None, None, None)
            if built_kind(data) == "store"
            else read_quads(data)
        )
        graph = QuadIndex(quads)
    elif backing is not None:
        graph = QuadIndex(backing.quads_for_pattern(None, None, None, None))
    elif isinstance(data, Dataset | Graph):
        graph = union_graph(data)
    elif isinstance(data, QuadIndex):
        graph = data
    else:  # an Oxigraph store
        graph = QuadIndex(data.quads_for_pattern(None, None, None, None))
    kinds: dict[URIRef, str] = {}
    for kind in NODE_TYPES:
        for node in graph.subjects(RDF.type, PG[kind]):
            if isinstance(node, URIRef):
                kinds[node] = kind
    edges: dict[tuple[Any, Any], str] = {}
    for prop, reverse, relation in _EDGES:
        for s, o in graph.subject_objects(PG[prop]):
            if s in kinds and o in kinds:
                edges.setdefault((o, s) if reverse else (s, o), relation)
    linked: defaultdict[URIRef, int] = defaultdict(int)
    for (a, b), relation in edges.items():
        if relation != "within":
            linked[a] += 1
            linked[b] += 1
    keep = {n for n, k in kinds.items() if k not in ("Region", "Industry") or linked[n]}
    documents = _documents(graph)
    unit_labels = _unit_labels()
    net = nx.DiGraph(documents=documents)
    for node in sorted(keep):
        kind = kinds[node]
        label = _label(graph, node)
        net.add_node(
            str(node),
            type=kind,
            label=label,
            aliases=_aliases(graph, node, label),
            **_facts(graph, node, kind, unit_labels),
        )
    for (a, b), relation in sorted(edges.items()):
        if a in keep and b in keep:
            net.add_edge(str(a), str(b), relation=relation)
    _inherit_documents(net, graph, documents)
    if any(f is not None for f in (keyword, types, document, region, industry)):
        net = select(
            net, keyword=keyword, types=types, document=document, region=region, industry=industry
        )
    return net


def _inherit_documents(net: nx.DiGraph, graph: Graph, documents: dict[str, Any]) -> None:
    """Facts without evidence of their own belong to the documents of the keyword above them."""
    from rdflib import URIRef

    from plangraph.graph.namespace import PG

    for doc_id, doc in documents.items():
        for kw in graph.objects(URIRef(doc["iri"]), PG.hasKeyword):
            attrs = net.nodes.get(str(kw))
            if attrs is not None and doc_id not in attrs["documents"]:
                attrs["documents"] = sorted([*attrs["documents"], doc_id])
    for node, attrs in net.nodes(data=True):
        if attrs["documents"] or attrs["type"] in ("Region", "Industry", "Keyword"):
            continue
        inherited = {
            d
            for parent in net.predecessors(node)
            if net.nodes[parent]["type"] == "Keyword"
            for d in net.nodes[parent]["documents"]
        }
        attrs["documents"] = sorted(inherited)
