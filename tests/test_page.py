"""The HTML page: self-contained, escaped, both views.

What the page does in a browser is tested in ``test_browser.py``; here, what it is made of.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from conftest import embedded_data as _data

from plangraph.view.page import OVERVIEW_THRESHOLD, STYLE, page_data, to_html

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


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


def test_page_is_self_contained_and_declares_utf8() -> None:
    page = to_html(_net())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"""<[a-z]+[^>]*\s(src|href)\s*=""", page)  # nothing loaded at all
    assert "vis.Network" in page and '<meta charset="utf-8">' in page
    # the data (JSON, not run), vis-network, the matrix's, the saving and the page's own script
    assert re.findall(r"^<script[^>]*>", page, flags=re.M) == [
        '<script id="plangraph-data" type="application/json">',
        "<script>",
        "<script>",
        "<script>",
        "<script>",
    ]


def test_policy_allows_exactly_the_pages_own_scripts() -> None:
    page = to_html(_net())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert "default-src &#x27;none&#x27;" in policy.group(1)
    scripts = re.findall(r"^<script>(.*?)</script>$", page, flags=re.S | re.M)
    assert len(scripts) == 4  # vis-network, the matrix, saving files, the page's own
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


def test_node_count_and_links_match_the_projection(sample_network: nx.DiGraph) -> None:
    page = to_html(sample_network)
    assert f'data-node-count="{len(sample_network)}"' in page
    data = _data(page)
    assert data["count"] == len(data["full"]["nodes"]) == len(sample_network)
    assert len(data["full"]["edges"]) == sample_network.number_of_edges()
    assert {n["id"] for n in data["full"]["nodes"]} == set(sample_network)
    assert [t["key"] for t in data["types"]] == list(STYLE)
    assert len({(t["color"], t["shape"]) for t in data["types"]}) == len(STYLE)
    assert len({t["shape"] for t in data["types"]}) == len(STYLE)  # each type its own shape
    (hub,) = [n for n in data["full"]["nodes"] if n.get("hub")]
    assert hub["label"] == "山西省"


def test_overview_is_offered_above_the_threshold(sample_network: nx.DiGraph) -> None:
    small = page_data(sample_network)
    assert small["view"] == "full" and small["overview"] is None
    chosen = page_data(sample_network, view="overview")
    assert chosen["view"] == "overview"
    keywords = [n for n in chosen["overview"]["nodes"] if n["type"] == "Keyword"]
    assert len(keywords) == 10 and all(n["members"] > 0 for n in keywords)
    assert all(len(e) == 4 for e in chosen["overview"]["edges"])  # with their weights
    big = nx.DiGraph(sample_network)
    for i in range(OVERVIEW_THRESHOLD + 1 - len(sample_network)):
        big.add_node(f"x{i}", type="Measure", label=f"举措{i}", evidence=[], documents=[])
    assert page_data(big)["view"] == "overview"
    assert page_data(big, view="full")["view"] == "full"
    with pytest.raises(ValueError):
        page_data(sample_network, view="sideways")  # type: ignore[arg-type]


def test_empty_and_foreign_graphs() -> None:
    assert _data(to_html(nx.DiGraph()))["full"] == {"nodes": [], "edges": []}
    foreign = nx.DiGraph()
    foreign.add_node("a", type="Person", label="某人")
    with pytest.raises(ValueError, match="unknown type"):
        to_html(foreign)


def test_vis_network_is_vendored_with_its_licences() -> None:
    vendor = resources.files("plangraph.view") / "vendor"
    script = (vendor / "vis-network.min.js").read_bytes()
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(script).hexdigest() in readme  # the file is the one the README names
    assert b"@version 9.1.2" in script[:400]
    assert "MIT License" in (vendor / "LICENSE-MIT").read_text(encoding="utf-8")
    assert "Apache License" in (vendor / "LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert script.decode("utf-8")[-2000:] in to_html(_net())  # inlined in the page


def test_page_embeds_the_glyphs_it_uses(sample_network: nx.DiGraph) -> None:
    import io

    from fontTools.ttLib import TTFont

    page = to_html(sample_network, title="山西 2024")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None and "font-src data:" in policy.group(1)
    found = re.findall(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", page)
    assert len(found) == 1
    codes = set(TTFont(io.BytesIO(base64.b64decode(found[0]))).getBestCmap())
    data = _data(page)
    shown = "".join(n["label"] for n in data["full"]["nodes"]) + "山西"
    shown += "".join(e["quote"] for n in data["full"]["nodes"] for e in n["evidence"])
    assert {ord(c) for c in shown if ord(c) > 0x7E} <= codes  # every glyph the page shows
    assert len(codes) < 2500  # the page's own characters, not the whole font
    plain = to_html(sample_network, title="山西 2024", embed_font=False)
    assert "url(data:font/woff2" not in plain
    assert len(page) - len(plain) < 350_000  # what the font adds to the sample's page


def test_export_keeps_the_positions_the_page_draws(sample_network: nx.DiGraph) -> None:
    from plangraph.view.export import flat_network

    flat = flat_network(sample_network)
    for node in page_data(sample_network)["full"]["nodes"]:
        assert (flat.nodes[node["id"]]["x"], flat.nodes[node["id"]]["y"]) == (node["x"], node["y"])


def test_every_script_sets_text_never_markup() -> None:
    folder = Path(__file__).parents[1] / "src/plangraph/view/templates"
    for name in ("network.js", "matrix.js", "download.js"):
        script = (folder / name).read_text("utf-8")
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script, name
        assert "outerHTML" not in script and "document.write" not in script, name
        assert "eval(" not in script and "new Function" not in script, name
