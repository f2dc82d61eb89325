"""Positions: each keyword's cluster apart from the others, shared places between them."""

from __future__ import annotations

import networkx as nx

from plangraph.view.clusters import clusters, hubs, overview
from plangraph.view.layout import layout, ring_layout


def test_layout_keeps_each_keywords_cluster_apart(sample_network: nx.DiGraph) -> None:
    pos = layout(sample_network)
    assert pos == layout(sample_network)  # the same graph, the same picture
    hub_set = hubs(sample_network)
    home = clusters(sample_network, skip=hub_set)
    shared = {
        n
        for n, a in sample_network.nodes(data=True)
        if a["type"] in ("Region", "Industry")
        and len(
            {home[m] for m in nx.all_neighbors(sample_network, n) if home[m] and m not in hub_set}
        )
        > 1
    }
    boxes = {}
    for kw in {k for k in home.values() if k is not None}:
        members = [pos[n] for n, k in home.items() if k == kw and n not in shared]
        xs, ys = [p[0] for p in members], [p[1] for p in members]
        boxes[kw] = (min(xs), min(ys), max(xs), max(ys))
        assert min(xs) <= pos[kw][0] <= max(xs) and min(ys) <= pos[kw][1] <= max(ys)
    for a, (ax0, ay0, ax1, ay1) in boxes.items():
        for b, (bx0, by0, bx1, by1) in boxes.items():
            if a < b:
                assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0, (a, b)
    spread = {(round(x), round(y)) for x, y in pos.values()}
    assert len(spread) == len(pos)  # no two nodes on one spot


def test_ring_layout_puts_shared_places_inside(sample_network: nx.DiGraph) -> None:
    summary = overview(sample_network)
    pos = ring_layout(summary)
    keywords = [n for n, a in summary.nodes(data=True) if a["type"] == "Keyword"]
    ring = min(sum(c * c for c in pos[k]) ** 0.5 for k in keywords)
    for node in summary:
        owners = {a for a, _ in summary.in_edges(node)}
        if len(owners) > 1 and node not in hubs(summary):
            assert sum(c * c for c in pos[node]) ** 0.5 < ring, summary.nodes[node]["label"]
