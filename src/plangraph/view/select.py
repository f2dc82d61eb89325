"""Parts of the network: what a filter (keyword, document, region, industry, types) selects.

The page's own filters select exactly the same nodes, so that Python and the page agree.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from plangraph.errors import InputError
from plangraph.view.kinds import NODE_TYPES, TYPE_NAMES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["below", "select"]


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


def below(net: nx.DiGraph, nodes: Iterable[str]) -> set[str]:
    """``nodes`` and everything under them (what ``select(net, keyword=...)`` keeps for a
    keyword), found without copying the graph."""
    return _reach(net, [n for n in nodes if n in net], forward=True)


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
