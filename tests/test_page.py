"""The HTML page: self-contained, escaped, laid out by keyword, and the ``viz`` command.

What the page does in a browser is tested in ``test_browser.py``; here, what it is made of.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from plangraph import build, to_networkx
from plangraph.cli import main
from plangraph.view.network import clusters, hubs
from plangraph.view.page import OVERVIEW_THRESHOLD, STYLE, layout, page_data, ring_layout, to_html

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def sample() -> nx.DiGraph:
    return to_networkx(build())


def _net() -> nx.DiGraph:
    net = nx.DiGraph(
        documents={"d": {"iri": "d", "title": HOSTILE, "year": "2024", "region": None}}
    )
    net.add_node(
        "k", type="Keyword", label=HOSTILE, aliases=[HOSTILE], evidence=[], documents=["d"]
    )
    net.add_node(
        "t",
        type="Target",
        label="新建农村公路 4300公里",
        aliases=[],
        value=4300.0,
        unit="KiloM",
        qualifier="Exact",
        year="2024",
        evidence=[{"quote": HOSTILE, "document": "d", "start": 300, "end": 314}],
        documents=["d"],
    )
    net.add_edge("k", "t", relation="target")
    return net


def _data(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="plangraph-data" type="application/json">(.*?)</script>', page)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_page_is_self_contained_and_declares_utf8() -> None:
    page = to_html(_net())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"""<[a-z]+[^>]*\s(src|href)\s*=""", page)  # nothing loaded at all
    assert "vis.Network" in page and '<meta charset="utf-8">' in page
    # the data (JSON, not run), vis-network, the page's own script
    assert re.findall(r"^<script[^>]*>", page, flags=re.M) == [
        '<script id="plangraph-data" type="application/json">',
        "<script>",
        "<script>",
    ]


def test_policy_allows_exactly_the_pages_own_scripts() -> None:
    page = to_html(_net())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert "default-src &#x27;none&#x27;" in policy.group(1)
    scripts = re.findall(r"^<script>(.*?)</script>$", page, flags=re.S | re.M)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"sha256-{digest}" in policy.group(1)
    assert "unsafe-inline&#x27; " not in policy.group(1).split("style-src")[0]


def test_hostile_labels_stay_text() -> None:
    page = to_html(_net(), title=HOSTILE)
    assert "<img" not in page
    assert "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the title, escaped
    data = _data(page)
    labels = {n["label"] for n in data["full"]["nodes"]}
    assert HOSTILE in labels  # decoded by the browser as the same text, shown as text
    assert data["full"]["nodes"][1]["evidence"][0]["quote"] == HOSTILE
    assert data["documents"]["d"]["title"] == HOSTILE
    script = (Path(__file__).parents[1] / "src/plangraph/view/templates/network.js").read_text(
        "utf-8"
    )
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "new Function" not in script


def test_node_count_and_links_match_the_projection(sample: nx.DiGraph) -> None:
    page = to_html(sample)
    assert f'data-node-count="{len(sample)}"' in page
    data = _data(page)
    assert data["count"] == len(data["full"]["nodes"]) == len(sample)
    assert len(data["full"]["edges"]) == sample.number_of_edges()
    assert {n["id"] for n in data["full"]["nodes"]} == set(sample)
    assert [t["key"] for t in data["types"]] == list(STYLE)
    assert len({(t["color"], t["shape"]) for t in data["types"]}) == len(STYLE)
    assert len({t["shape"] for t in data["types"]}) == len(STYLE)  # each type its own shape
    (hub,) = [n for n in data["full"]["nodes"] if n.get("hub")]
    assert hub["label"] == "山西省"


def test_layout_keeps_each_keywords_cluster_apart(sample: nx.DiGraph) -> None:
    pos = layout(sample)
    assert pos == layout(sample)  # the same graph, the same picture
    hub_set = hubs(sample)
    home = clusters(sample, skip=hub_set)
    shared = {
        n
        for n, a in sample.nodes(data=True)
        if a["type"] in ("Region", "Industry")
        and len({home[m] for m in nx.all_neighbors(sample, n) if home[m] and m not in hub_set}) > 1
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


def test_overview_is_offered_above_the_threshold(sample: nx.DiGraph) -> None:
    small = page_data(sample)
    assert small["view"] == "full" and small["overview"] is None
    chosen = page_data(sample, view="overview")
    assert chosen["view"] == "overview"
    keywords = [n for n in chosen["overview"]["nodes"] if n["type"] == "Keyword"]
    assert len(keywords) == 10 and all(n["members"] > 0 for n in keywords)
    assert all(len(e) == 4 for e in chosen["overview"]["edges"])  # with their weights
    big = nx.DiGraph(sample)
    for i in range(OVERVIEW_THRESHOLD + 1 - len(sample)):
        big.add_node(f"x{i}", type="Measure", label=f"举措{i}", evidence=[], documents=[])
    assert page_data(big)["view"] == "overview"
    assert page_data(big, view="full")["view"] == "full"
    with pytest.raises(ValueError):
        page_data(sample, view="sideways")  # type: ignore[arg-type]


def test_ring_layout_puts_shared_places_inside(sample: nx.DiGraph) -> None:
    from plangraph.view.network import overview

    summary = overview(sample)
    pos = ring_layout(summary)
    keywords = [n for n, a in summary.nodes(data=True) if a["type"] == "Keyword"]
    ring = min(sum(c * c for c in pos[k]) ** 0.5 for k in keywords)
    for node in summary:
        owners = {a for a, _ in summary.in_edges(node)}
        if len(owners) > 1 and node not in hubs(summary):
            assert sum(c * c for c in pos[node]) ** 0.5 < ring, summary.nodes[node]["label"]


def test_empty_and_foreign_graphs() -> None:
    assert _data(to_html(nx.DiGraph()))["full"] == {"nodes": [], "edges": []}
    foreign = nx.DiGraph()
    foreign.add_node("a", type="Person", label="某人")
    with pytest.raises(ValueError, match="unknown type"):
        to_html(foreign)


def test_viz_command_draws_a_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "-q", "-o", str(out)]) == 0
    page = tmp_path / "digital.html"
    code = main(["viz", str(out / "graph.trig"), "-o", str(page), "--keyword", "数字经济"])
    assert code == 0
    assert "nodes" in capsys.readouterr().err
    data = _data(page.read_text(encoding="utf-8"))
    expected = to_networkx(out / "graph.trig", keyword="数字经济")
    assert {n["id"] for n in data["full"]["nodes"]} == set(expected)
    assert "数字经济" in data["title"]
    code = main(
        ["viz", str(out / "graph.trig"), "-o", str(page), "--types", "Keyword", "项目", "-q"]
    )
    assert code == 0
    kinds = {n["type"] for n in _data(page.read_text(encoding="utf-8"))["full"]["nodes"]}
    assert kinds == {"Keyword", "Project"}
    assert main(["viz", str(out / "graph.trig"), "-o", str(page), "--view", "overview"]) == 0
    assert _data(page.read_text(encoding="utf-8"))["view"] == "overview"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--keyword", "不存在"], "no keyword '不存在'"),
        (["--region", "大同市", "--industry", "农业"], "the filters select no node"),
        (["--types", "Bogus"], "unknown node type 'Bogus'"),
    ],
)
def test_viz_command_bad_filters_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    page = tmp_path / "page.html"
    from plangraph._resources import data_file

    sample = str(data_file("shanxi-2024.yaml"))
    assert main(["viz", sample, "-o", str(page), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not page.exists()
