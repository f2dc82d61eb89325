"""The structure the drawing follows: the documents' own regions (:func:`hubs`), each node's
keyword (:func:`clusters`) and the keyword-level summary of a large graph (:func:`overview`)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["clusters", "hubs", "overview"]


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
