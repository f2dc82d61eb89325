"""The drawing's structure: the documents' provinces, each fact's keyword, the overview."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from conftest import records_yaml

from plangraph import build, select, to_networkx
from plangraph.view.clusters import clusters, hubs, overview

ID = "https://w3id.org/plangraph/id/"


def test_the_documents_province_is_the_hub(sample_network: nx.DiGraph) -> None:
    assert hubs(sample_network) == {ID + "region/140000"}
    degree = dict(sample_network.degree())
    assert max(degree, key=lambda n: degree[n]) == ID + "region/140000"


def test_clusters_give_each_fact_its_nearest_keyword(sample_network: nx.DiGraph) -> None:
    hub_set = hubs(sample_network)
    home = clusters(sample_network, skip=hub_set)
    keywords = {n for n, a in sample_network.nodes(data=True) if a["type"] == "Keyword"}
    assert all(home[k] == k for k in keywords)
    for node, kw in home.items():
        if kw is not None and node not in keywords:
            assert node in select(sample_network, keyword=kw)
    assert all(home[h] is None for h in hub_set)


def test_overview_merges_one_theme_across_documents(records_dir: Path) -> None:
    second = records_dir / "second.yaml"
    second.write_text(
        records_yaml()
        .replace("id: test-2024", "id: test-2025")
        .replace("year: 2024", "year: 2025"),
        encoding="utf-8",
    )
    net = to_networkx(build([records_dir / "records.yaml", second]))
    assert len([n for n, a in net.nodes(data=True) if a["type"] == "Keyword"]) == 2
    summary = overview(net)
    (theme,) = [n for n, a in summary.nodes(data=True) if a["type"] == "Keyword"]
    attrs = summary.nodes[theme]
    assert attrs["label"] == "交通先行" and len(attrs["keywords"]) == 2
    assert attrs["documents"] == ["test-2024", "test-2025"]
    assert attrs["members"] == sum(attrs["counts"].values())
    assert {summary.nodes[n]["type"] for n in summary} <= {"Keyword", "Region"}
    weights = {summary.nodes[b]["label"]: w for _, b, w in summary.edges(data="weight")}
    assert weights["忻州市"] == 1  # 雄忻高铁 is one project, whichever documents name it
    assert weights["山西省"] == 2  # a target of each document is located there
    # the filters pick the theme in both documents, as the page's keyword filter does
    assert len(select(net, keyword="交通先行", types=["Keyword"])) == 2
