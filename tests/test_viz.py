"""The HTML page: self-contained, escaped, and drawing what the projection holds."""

from __future__ import annotations

import json
import re

import networkx as nx

from plangraph.viz import to_html

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def _net() -> nx.DiGraph:
    net = nx.DiGraph()
    net.add_node("k", type="Keyword", label=HOSTILE, evidence=[])
    net.add_node(
        "t",
        type="Target",
        label="新建农村公路 4300公里",
        value=4300.0,
        unit="KiloM",
        qualifier="Exact",
        year="2024",
        evidence=[{"quote": "新建农村公路 4300 公里", "document": "d", "start": 300, "end": 314}],
    )
    net.add_edge("k", "t", relation="target")
    return net


def test_page_is_self_contained() -> None:
    page = to_html(_net())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "vis.Network" in page and '<meta charset="utf-8">' in page


def test_hostile_labels_stay_text() -> None:
    page = to_html(_net(), title=HOSTILE)
    assert "<img" not in page
    assert "<script>alert(2)" not in page
    nodes_json = re.search(r"new vis\.DataSet\((\[.*?\])\);", page).group(1)  # type: ignore[union-attr]
    labels = {n["label"] for n in json.loads(nodes_json)}
    assert HOSTILE in labels  # decoded by the browser as the same text, shown as text


def test_node_count_matches_the_projection() -> None:
    page = to_html(_net())
    assert 'data-node-count="2"' in page
