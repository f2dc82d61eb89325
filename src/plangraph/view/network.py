"""The network projection: the one place where the RDF graph becomes a networkx graph.

Nodes are the things an analyst looks at (keywords, measures, projects, regions, industries,
targets, outcomes, livelihood tasks), keyed by IRI, each carrying its type, its Chinese label and
its facts. Edges point from the broader thing to the narrower or related one: keyword → measure
→ project → region / industry / target. The HTML page and the notebooks both draw from here.

Besides the projection itself this module answers the questions the page asks of it, so that the
page and Python agree: which part of the graph a filter selects (:func:`select`), which keyword's
cluster a node belongs to (:func:`clusters`), which regions are the documents' own provinces
(:func:`hubs`), and the keyword-level summary of a large graph (:func:`overview`).
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph
    from rdflib import Dataset, Graph, URIRef

__all__ = ["NODE_TYPES", "TYPE_NAMES", "to_networkx", "select", "clusters", "hubs", "overview"]

# type → its Chinese name; the order is the legend's
TYPE_NAMES = {
    "Keyword": "关键词",
    "Measure": "举措",
    "Project": "项目",
    "Region": "地区",
    "Industry": "产业",
    "Target": "目标",
    "Outcome": "成果",
    "LivelihoodTask": "民生实事",
}
NODE_TYPES = tuple(TYPE_NAMES)

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
        for key, prop in (("unit", PG.unit), ("qualifier", PG.qualifier), ("status", PG.status)):
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


class QuadIndex:
    """The few reads the projection makes of an rdflib Graph, answered from quads read once
    (an Oxigraph store's, or a file's as it is parsed), so that a corpus's graph need not be
    loaded into rdflib for the page. Triples are indexed by subject and predicate, over the
    union of the graphs; terms become rdflib terms only when asked for.
    """

    def __init__(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        import pyoxigraph
        from rdflib import BNode

        self._bnode = BNode
        self._to_rdflib: dict[Any, Any] = {}
        index: dict[str, dict[str, list[Any]]] = {}
        named = pyoxigraph.NamedNode
        for quad in quads:
            subject = quad.subject
            key = subject.value if isinstance(subject, named) else str(subject)
            by_predicate = index.get(key)
            if by_predicate is None:
                by_predicate = index[key] = {}
            predicate = quad.predicate.value
            objects = by_predicate.get(predicate)
            if objects is None:
                by_predicate[predicate] = [quad.object]
            elif quad.object not in objects:  # the same triple in two documents' graphs
                objects.append(quad.object)
        self._index = index

    def _key(self, node: Any) -> str:
        return f"_:{node}" if isinstance(node, self._bnode) else str(node)

    def _rdflib(self, term: Any) -> Any:
        node = self._to_rdflib.get(term)
        if node is None:
            import pyoxigraph
            from rdflib import BNode, Literal, URIRef

            if isinstance(term, pyoxigraph.NamedNode):
                node = URIRef(term.value)
            elif isinstance(term, pyoxigraph.BlankNode):
                node = BNode(term.value)
            elif term.language:
                node = Literal(term.value, lang=term.language)
            else:
                node = Literal(term.value, datatype=URIRef(term.datatype.value))
            self._to_rdflib[term] = node
        return node

    def _subject(self, key: str) -> Any:
        from rdflib import URIRef

        return self._bnode(key[2:]) if key.startswith("_:") else URIRef(key)

    def objects(self, s: Any, p: Any) -> Iterator[Any]:
        found = self._index.get(self._key(s))
        return iter([self._rdflib(o) for o in found.get(str(p), ())] if found else [])

    def value(self, s: Any, p: Any) -> Any:
        return next(self.objects(s, p), None)

    def subjects(self, p: Any, o: Any) -> Iterator[Any]:
        from plangraph.graph.terms import oxigraph_term

        wanted, prop = oxigraph_term(o), str(p)
        for key, by_predicate in self._index.items():
            if wanted in by_predicate.get(prop, ()):
                yield self._subject(key)

    def subject_objects(self, p: Any) -> Iterator[tuple[Any, Any]]:
        prop = str(p)
        for key, by_predicate in self._index.items():
            for o in by_predicate.get(prop, ()):
                yield self._subject(key), self._rdflib(o)


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
    ``unit``, ``qualifier``, ``year`` for targets; ``adcode`` and ``parent`` for regions;
    ``evidence`` quotes with offsets for all); each edge has a ``relation``. The graph's
    ``documents`` attribute maps each document id to its title, year and issuing region.
    Regions and industries that nothing links to are left out. The keyword arguments draw a part
    of the graph only, as :func:`select` does.
    """
    import networkx as nx
    from rdflib import RDF, Dataset, Graph, URIRef

    from plangraph.graph.namespace import PG
    from plangraph.graph.rdfio import union_graph

    if isinstance(data, str | Path):
        # parsed straight into the index: a corpus's TriG is never loaded into rdflib
        from plangraph.sparql.dataset import built_kind
        from plangraph.sparql.store import open_store, read_quads

        quads = (
            open_store(data).quads_for_pattern(None, None, None, None)
            if built_kind(data) == "store"
            else read_quads(data)
        )
        data = QuadIndex(quads)
    graph: Any
    if isinstance(data, Dataset | Graph):
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


# -- parts of the graph ---------------------------------------------------------------------


def _find(net: nx.DiGraph, query: str, kinds: tuple[str, ...], what: str) -> set[str]:
    """Nodes of ``kinds`` named by ``query``: IRI, IRI ending, label, other name or adcode."""
    q = query.strip()
    found = {
        n
        for n, a in net.nodes(data=True)
        if a["type"] in kinds
        and (
            n == q
            or n.endswith("/" + q)
            or a["label"] == q
            or q in a.get("aliases", ())
            or (a.get("adcode") is not None and a["adcode"] == q)
        )
    }
    if not found:
        names = sorted({a["label"] for _, a in net.nodes(data=True) if a["type"] in kinds})
        known = "、".join(names[:12]) + ("…" if len(names) > 12 else "")
        raise InputError(f"no {what} {query!r} in the graph (known: {known or 'none'})")
    return found


def _reach(net: nx.DiGraph, start: Iterable[str], *, forward: bool) -> set[str]:
    """``start`` and everything below it (forward) or above it, not following ``within``."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        steps = net.out_edges(node, data="relation") if forward else net.in_edges(node, "relation")
        for a, b, relation in steps:
            nxt = b if forward else a
            if relation != "within" and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _within(net: nx.DiGraph, regions: set[str]) -> set[str]:
    """The regions and every region inside them."""
    seen = set(regions)
    queue = deque(regions)
    while queue:
        for child, _, relation in net.in_edges(queue.popleft(), data="relation"):
            if relation == "within" and child not in seen:
                seen.add(child)
                queue.append(child)
    return seen


def _linked_part(net: nx.DiGraph, targets: set[str], relation: str) -> set[str]:
    facts = {a for t in targets for a, _, r in net.in_edges(t, "relation") if r == relation}
    return targets | _reach(net, facts, forward=False)


def _normalise_types(types: Iterable[str]) -> set[str]:
    by_name = {k.lower(): k for k in NODE_TYPES}
    by_name.update({zh: k for k, zh in TYPE_NAMES.items()})
    chosen = set()
    for name in types:
        for part in str(name).split(","):
            part = part.strip()
            if not part:
                continue
            kind = by_name.get(part.lower()) or by_name.get(part)
            if kind is None:
                raise InputError(
                    f"unknown node type {part!r} (expected one of: {', '.join(NODE_TYPES)})"
                )
            chosen.add(kind)
    return chosen


def select(
    net: nx.DiGraph,
    *,
    keyword: str | Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    document: str | None = None,
    region: str | None = None,
    industry: str | None = None,
) -> nx.DiGraph:
    """The part of ``net`` that the filters select; all given filters must hold.

    - ``keyword``: the keyword (label or IRI; several documents may share a label) and
      everything below it: its measures, projects, tasks, targets and what they link to.
    - ``document``: the facts the document states (id, IRI or title), and the regions and
      industries they link to.
    - ``region`` (name, adcode or IRI): the region, the regions inside it, the facts located in
      any of them and the measures and keywords above those facts. ``industry`` likewise.
    - ``types``: only nodes of these types (``Project`` or ``项目``; a comma list is fine).

    The page's own filters select exactly the same nodes. Raises :class:`InputError` naming
    what exists when a name matches nothing.
    """
    keep = set(net)
    if document is not None:
        docs = net.graph.get("documents", {})
        ids = {d for d, info in docs.items() if document in (d, info.get("iri"), info.get("title"))}
        if not ids:
            raise InputError(
                f"no document {document!r} in the graph (known: {', '.join(docs) or 'none'})"
            )
        stated = {n for n, a in net.nodes(data=True) if ids & set(a.get("documents", ()))}
        linked = {
            b
            for n in stated
            for b in net.successors(n)
            if net.nodes[b]["type"] in ("Region", "Industry")
        }
        keep &= stated | linked
    if keyword is not None:
        names = [keyword] if isinstance(keyword, str) else list(keyword)
        found = set().union(*(_find(net, k, ("Keyword",), "keyword") for k in names))
        keep &= _reach(net, found, forward=True)
    if region is not None:
        places = _within(net, _find(net, region, ("Region",), "region"))
        keep &= _linked_part(net, places, "locatedIn")
    if industry is not None:
        found = _find(net, industry, ("Industry",), "industry")
        keep &= _linked_part(net, found, "industry")
    if types is not None:
        kinds = _normalise_types([types] if isinstance(types, str) else types)
        keep = {n for n in keep if net.nodes[n]["type"] in kinds}
    return net.subgraph(n for n in net if n in keep).copy()


# -- structure for drawing ------------------------------------------------------------------


def hubs(net: nx.DiGraph) -> set[str]:
    """The documents' own regions (a report's province): nearly every fact links to them."""
    docs = net.graph.get("documents", {})
    return {info["region"] for info in docs.values() if info.get("region") in net}


def _keyword_order(net: nx.DiGraph) -> list[str]:
    """Keywords by document, then by their number in the document (the IRI's last part)."""

    def key(node: str) -> tuple[str, int, str]:
        attrs = net.nodes[node]
        doc = attrs["documents"][0] if attrs.get("documents") else ""
        last = node.rsplit("/", 1)[-1]
        return (doc, int(last) if last.isdigit() else 0, node)

    return sorted((n for n, a in net.nodes(data=True) if a["type"] == "Keyword"), key=key)


def clusters(net: nx.DiGraph, skip: Iterable[str] = ()) -> dict[str, str | None]:
    """Each node's keyword: the nearest one above it, over links other than ``within``.

    A node belongs to a keyword it stands under (what :func:`select` with that keyword
    selects); a region or industry that facts of several keywords link to goes to the nearest,
    ties to the keyword first by document and number. Nodes in ``skip`` (e.g. :func:`hubs`) are
    neither assigned nor walked through; nodes under no keyword map to ``None``.
    """
    skipped = set(skip)
    home: dict[str, str | None] = {}
    queue: deque[str] = deque()
    for kw in _keyword_order(net):
        if kw not in skipped:
            home[kw] = kw
            queue.append(kw)
    while queue:
        node = queue.popleft()
        for _, other, relation in sorted(net.out_edges(node, data="relation")):
            if relation != "within" and other not in home and other not in skipped:
                home[other] = home[node]
                queue.append(other)
    for node in net:
        home.setdefault(node, None)
    return home


def overview(net: nx.DiGraph) -> nx.DiGraph:
    """The keyword-level summary: keywords, and the regions and industries their facts link to.

    Keywords of the same label (the same theme in several documents) become one node, keyed by
    the first one's IRI, with ``keywords`` listing them all and ``documents`` joined. Its
    ``members`` counts the nodes of their clusters and ``counts`` them by type; an edge's
    ``weight`` is how many facts of those clusters link to that region or industry. The
    documents' own regions are kept (drawn like the other regions).
    """
    import networkx as nx

    home = clusters(net, skip=hubs(net))
    summary = nx.DiGraph(**net.graph)
    theme: dict[str, str] = {}  # keyword → the node standing for its label
    by_label: dict[str, str] = {}
    for kw in _keyword_order(net):
        attrs = net.nodes[kw]
        first = by_label.setdefault(attrs["label"], kw)
        if first == kw:
            summary.add_node(kw, **{**attrs, "keywords": [kw], "members": 0, "counts": {}})
        else:
            merged = summary.nodes[first]
            merged["keywords"].append(kw)
            merged["documents"] = sorted({*merged["documents"], *attrs["documents"]})
            merged["evidence"] = merged["evidence"] + attrs["evidence"]
        theme[kw] = first
    for node, owner in home.items():
        if owner is not None:
            counts = summary.nodes[theme[owner]]["counts"]
            kind = net.nodes[node]["type"]
            counts[kind] = counts.get(kind, 0) + 1
            summary.nodes[theme[owner]]["members"] += 1
    weights: Counter[tuple[str, str, str]] = Counter()
    for a, b, relation in net.edges(data="relation"):
        owner = home.get(a)
        if relation in ("locatedIn", "industry") and owner is not None:
            weights[(theme[owner], b, relation)] += 1
    for (first, b, relation), weight in sorted(weights.items()):
        if b not in summary:
            summary.add_node(b, **net.nodes[b])
        summary.add_edge(first, b, relation=relation, weight=weight)
    return summary
