"""Positions for the page, computed in Python rather than by the browser's physics.

Each keyword's cluster is laid out as a radial tree around the keyword, the clusters are packed
side by side in document order, and regions or industries shared by several clusters sit between
them. The browser's physics then only has to polish, so a page of thousands of nodes settles in
seconds. :func:`ring_layout` places the keyword overview.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from plangraph.view.clusters import clusters, hubs
from plangraph.view.kinds import NODE_TYPES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Points", "font_size", "layout", "ring_layout"]

_RING = 90.0  # distance between the rings of a cluster
_SPACING = 42.0  # least distance between neighbours on a ring
_GAP = 80.0  # between clusters
_ASPECT = 1.6  # width / height of the packed clusters, about a screen's


def _type_rank(kind: str) -> int:
    return NODE_TYPES.index(kind) if kind in NODE_TYPES else len(NODE_TYPES)


def _linked(net: nx.DiGraph, node: str, skip: set[str]) -> list[str]:
    """Neighbours over links other than ``within``, in a stable order."""
    out = [b for _, b, r in net.out_edges(node, data="relation") if r != "within"]
    inc = [a for a, _, r in net.in_edges(node, data="relation") if r != "within"]
    found = {n for n in out + inc if n not in skip}
    return sorted(found, key=lambda n: (_type_rank(net.nodes[n]["type"]), net.nodes[n]["label"], n))


Points = dict[str, tuple[float, float]]


def _radial(net: nx.DiGraph, root: str, members: set[str], skip: set[str]) -> Points:
    """A radial tree of ``members`` around ``root``.

    The root's children share the circle evenly, so that a keyword's own measures and projects
    spread all around it; below them each node gets a wedge of its parent's, wider (by the
    square root) for more leaves under it.
    """
    children: defaultdict[str, list[str]] = defaultdict(list)
    depth = {root: 0}
    order = [root]
    for node in order:  # grows while walking: breadth first
        for other in _linked(net, node, skip):
            if other in members and other not in depth:
                depth[other] = depth[node] + 1
                children[node].append(other)
                order.append(other)
    for node in sorted(members - set(depth)):  # reached only through a hub or a bridge
        depth[node] = 1
        children[root].append(node)
        order.append(node)
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    weight = {node: math.sqrt(count) for node, count in leaves.items()}
    weight.update({child: 1.0 for child in children[root]})
    deepest = max(depth.values())
    # the first ring clears the root's own box (a keyword's label) and holds its leaves
    first = max(_RING, leaves[root] * _SPACING / (2 * math.pi), 0.85 * _extent(net, root)[0] + 20)
    first = first if deepest else 0.0
    radii = [0.0] + [first + _RING * (d - 1) for d in range(1, deepest + 1)]
    pos: Points = {}
    stack: list[tuple[str, float, float]] = [(root, 0.0, 2 * math.pi)]
    while stack:
        node, start, end = stack.pop()
        angle, r = (start + end) / 2, radii[depth[node]]
        pos[node] = (r * math.cos(angle), r * math.sin(angle))
        total = sum(weight[c] for c in children[node])
        for child in children[node]:
            width = (end - start) * weight[child] / total
            stack.append((child, start, start + width))
            start += width
    return pos


def font_size(net: nx.DiGraph, node: str) -> int:
    """The size of a keyword's label: large enough to read when the whole network is in view,
    larger for keywords with more under them."""
    attrs = net.nodes[node]
    if "members" in attrs:  # the overview
        return round(22 + min(12.0, 1.4 * math.sqrt(attrs["members"])))
    return round(30 + min(12.0, 1.6 * math.sqrt(net.degree(node))))


def _extent(net: nx.DiGraph, node: str) -> tuple[float, float]:
    """About half the width and height a node takes (a keyword: its box, label inside)."""
    attrs = net.nodes[node]
    if attrs["type"] == "Keyword":
        size = font_size(net, node)
        chars = len(attrs["label"]) + (4 if "members" in attrs else 0)
        return size * chars / 2 + 14, size / 2 + 10
    return 16.0, 16.0


def _pack(net: nx.DiGraph, groups: list[Points], aspect: float = _ASPECT) -> Points:
    """The groups side by side in rows, in order, the whole about ``aspect`` wide, centred on 0."""
    if not groups:
        return {}
    boxes = []
    for points in groups:
        half = {n: _extent(net, n) for n in points}
        x0 = min(x - half[n][0] for n, (x, _) in points.items())
        x1 = max(x + half[n][0] for n, (x, _) in points.items())
        y0 = min(y - half[n][1] for n, (_, y) in points.items())
        y1 = max(y + half[n][1] for n, (_, y) in points.items())
        boxes.append((x0, y0, x1 - x0 + _GAP, y1 - y0 + _GAP))
    area = sum(w * h for _, _, w, h in boxes)
    width = max(math.sqrt(area * aspect), max((w for _, _, w, _ in boxes), default=0.0))
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, (_, _, w, _) in enumerate(boxes):
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += w
    pos: Points = {}
    top = 0.0
    for row in rows:
        height = max(boxes[i][3] for i in row)
        left = -sum(boxes[i][2] for i in row) / 2
        for i in row:
            x0, y0, w, h = boxes[i]
            dx = left + _GAP / 2 - x0
            dy = top + (height - h) / 2 + _GAP / 2 - y0
            for node, (x, y) in groups[i].items():
                pos[node] = (x + dx, y + dy)
            left += w
        top += height
    return {node: (x, y - top / 2) for node, (x, y) in pos.items()}


def _strays(net: nx.DiGraph, strays: set[str], skip: set[str]) -> list[Points]:
    """What no keyword reaches, one radial piece per connected part, larger pieces first."""
    pieces = []
    left = set(strays)
    # each piece grows from its best-linked node (ties: the first by name)
    for root in sorted(strays, key=lambda n: (-net.degree(n), n)):
        if root not in left:
            continue
        piece = {root}
        frontier = [root]
        while frontier:
            found = [o for n in frontier for o in _linked(net, n, skip) if o in left]
            frontier = [o for o in dict.fromkeys(found) if o not in piece]
            piece.update(frontier)
        left -= piece
        pieces.append(_radial(net, root, piece, skip))
    return pieces


def layout(net: nx.DiGraph, skip: Iterable[str] | None = None) -> dict[str, tuple[float, float]]:
    """Positions (in pixels) keeping each keyword's cluster together.

    ``skip`` (default: the documents' own provinces, see :func:`plangraph.view.clusters.hubs`) are
    set apart, each in a place of its own before its document's clusters, so that the links
    nearly every fact has to them do not pull everything into one knot.
    """
    hub_set = hubs(net) if skip is None else set(skip)
    home = clusters(net, skip=hub_set)
    bridges = set()
    for node, attrs in net.nodes(data=True):
        if attrs["type"] in ("Region", "Industry") and node not in hub_set:
            owners = {home[n] for n in _linked(net, node, hub_set) if home[n] is not None}
            if len(owners) > 1:
                bridges.add(node)
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for node, kw in home.items():
        if kw is not None and node not in bridges and node not in hub_set:
            groups[kw].add(node)
    strays = {n for n, kw in home.items() if kw is None and n not in hub_set and n not in bridges}
    hub_of_doc = {
        doc: info["region"]
        for doc, info in net.graph.get("documents", {}).items()
        if info.get("region") in hub_set
    }
    parts: list[tuple[str, set[str]]] = []  # (root, members), in packing order
    placed_hubs: set[str] = set()
    for kw in groups:  # clusters() gives keywords in document order
        for doc in net.nodes[kw].get("documents", ())[:1]:
            hub = hub_of_doc.get(doc)
            if hub is not None and hub not in placed_hubs:
                placed_hubs.add(hub)
                parts.append((hub, {hub}))
        parts.append((kw, groups[kw]))
    for hub in sorted(hub_set - placed_hubs):
        parts.append((hub, {hub}))
    local = [_radial(net, root, members, hub_set) for root, members in parts]
    if strays:
        # packed with the clusters, in the rows' gaps, not as a band of their own below them
        local.extend(_strays(net, strays, hub_set))
    pos = _pack(net, local)
    pos.update(_between(net, sorted(bridges), pos, hub_set))
    return {n: (round(pos[n][0], 1), round(pos[n][1], 1)) for n in net}


def ring_layout(summary: nx.DiGraph) -> Points:
    """Positions for the keyword overview (:func:`plangraph.view.clusters.overview`).

    Keywords sit on a ring in document order; a region or industry that one keyword alone
    reaches sits just outside it, one that several reach sits inside the ring, drawn towards
    each of them by the number of facts that link them; the documents' own regions sit above.
    """
    hub_set = hubs(summary)
    keywords = [n for n, a in summary.nodes(data=True) if a["type"] == "Keyword"]
    widths = [2 * _extent(summary, kw)[0] + _GAP / 2 for kw in keywords]
    radius = max(300.0, sum(widths) / (2 * math.pi))
    pos: Points = {}
    walked = 0.0
    for kw, width in zip(keywords, widths, strict=True):
        angle = 2 * math.pi * (walked + width / 2) / max(sum(widths), 1.0) - math.pi / 2
        pos[kw] = (radius * math.cos(angle), radius * math.sin(angle))
        walked += width
    outside: defaultdict[str, list[str]] = defaultdict(list)
    shared = []
    for node in summary:
        if node in pos or node in hub_set:
            continue
        owners = [a for a, _ in summary.in_edges(node) if a in pos]
        if len(owners) == 1:
            outside[owners[0]].append(node)
        else:
            shared.append(node)
    for kw, items in outside.items():
        x, y = pos[kw]
        angle = math.atan2(y, x)
        per_row = max(1, int(2 * _extent(summary, kw)[0] // _SPACING))
        for j, node in enumerate(sorted(items, key=lambda n: summary.nodes[n]["label"])):
            row, col = divmod(j, per_row)
            count = min(per_row, len(items) - row * per_row)
            r = radius + 2 * _extent(summary, kw)[1] + _RING * (row + 0.6)
            turn = (col - (count - 1) / 2) * _SPACING / r
            pos[node] = (r * math.cos(angle + turn), r * math.sin(angle + turn))
    for i, hub in enumerate(sorted(hub_set)):
        pos[hub] = ((i - (len(hub_set) - 1) / 2) * 3 * _SPACING, -radius - 3 * _RING)
    centre: Points = {}
    for node in shared:
        total = 0.0
        x = y = 0.0
        for a, _, weight in summary.in_edges(node, data="weight"):
            if a in pos and summary.nodes[a]["type"] == "Keyword":
                w = float(weight or 1)
                x, y, total = x + w * pos[a][0], y + w * pos[a][1], total + w
        centre[node] = (0.7 * x / total, 0.7 * y / total) if total else (0.0, 0.0)
    pos.update(_between(summary, shared, centre, hub_set, centres=centre))
    return {n: (round(pos[n][0], 1), round(pos[n][1], 1)) for n in summary}


def _between(
    net: nx.DiGraph,
    bridges: list[str],
    pos: Points,
    skip: set[str],
    centres: Points | None = None,
) -> Points:
    """Places for nodes shared by several clusters: each drawn to the middle of its neighbours
    (or to its given centre), all kept apart from one another (a soft push, in numpy)."""
    if not bridges:
        return {}
    import numpy as np

    centre = np.zeros((len(bridges), 2))
    for i, node in enumerate(bridges):
        if centres is not None:
            centre[i] = centres[node]
            continue
        around = [pos[n] for n in _linked(net, node, skip) if n in pos]
        centre[i] = np.mean(around, axis=0) if around else (0.0, 0.0)
    # a fixed, spread-out start: a sunflower around each one's centre
    k = np.arange(len(bridges))
    start = _SPACING * np.sqrt(k + 1)
    angle = k * math.pi * (3 - math.sqrt(5))
    points = centre + np.stack([start * np.cos(angle), start * np.sin(angle)], axis=1) * 0.2
    least = 2.2 * _SPACING
    for _ in range(80):
        delta = points[:, None, :] - points[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2)) + np.eye(len(bridges))
        push = np.clip(least - dist, 0.0, None) / dist
        np.fill_diagonal(push, 0.0)
        points += 0.5 * (delta * push[:, :, None]).sum(axis=1) + 0.05 * (centre - points)
    return {node: (float(x), float(y)) for node, (x, y) in zip(bridges, points, strict=True)}
