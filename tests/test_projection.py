"""The network projection: nodes, facts and links, from rdflib, a store or a file alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from plangraph import build, to_networkx
from plangraph.view.kinds import NODE_TYPES

ID = "https://w3id.org/plangraph/id/"


def test_the_sample_projects_every_kind_with_its_facts(sample_network: nx.DiGraph) -> None:
    kinds = Counter(a["type"] for _, a in sample_network.nodes(data=True))
    assert kinds["Keyword"] == 10 and kinds["Project"] == 27 and kinds["Target"] == 41
    assert set(kinds) <= set(NODE_TYPES)
    target = sample_network.nodes[ID + "target/shanxi-2024/xinjian-nongcun-gonglu"]
    assert (target["value"], target["unit"], target["qualifier"], target["year"]) == (
        4300.0,
        "KiloM",
        "Exact",
        "2024",
    )
    assert target["unit_label"] == "公里"
    assert target["evidence"] == [
        {"quote": "新建农村公路 4300 公里", "start": 300, "end": 314, "document": "shanxi-2024"}
    ]
    region = sample_network.nodes[ID + "region/140900"]
    assert (region["label"], region["adcode"], region["parent"]) == ("忻州市", "140900", "山西省")
    assert "忻州" in region["aliases"]  # the short name, for search
    keyword = sample_network.nodes[ID + "keyword/shanxi-2024/1"]
    assert keyword["aliases"] == ["Investment with returns"]
    assert sample_network.graph["documents"]["shanxi-2024"]["region"] == ID + "region/140000"
    relations = {r for *_, r in sample_network.edges(data="relation")}
    assert {"keyword", "locatedIn", "industry", "within"} <= relations


def test_facts_without_evidence_inherit_their_keywords_document(sample_network: nx.DiGraph) -> None:
    for _, attrs in sample_network.nodes(data=True):
        if attrs["type"] not in ("Region", "Industry"):
            assert attrs["documents"] == ["shanxi-2024"], attrs["label"]


@pytest.mark.slow
def test_the_projection_from_a_store_is_the_projection_from_rdflib(tmp_path: Path) -> None:
    """The page of a corpus build is projected straight from the Oxigraph store it assembles."""
    import pyoxigraph

    from plangraph.graph.terms import oxigraph_quads

    dataset = build()
    store = pyoxigraph.Store()
    store.extend(oxigraph_quads(dataset))
    from_store, from_rdflib = to_networkx(store), to_networkx(dataset)
    assert sorted(from_store.nodes(data=True)) == sorted(from_rdflib.nodes(data=True))
    assert sorted(from_store.edges(data=True)) == sorted(from_rdflib.edges(data=True))
    assert from_store.graph == from_rdflib.graph and len(from_store) > 200


@pytest.mark.slow
def test_a_file_is_projected_as_it_is_parsed_and_a_bad_one_names_its_line(tmp_path: Path) -> None:
    from plangraph import DataError
    from plangraph.graph.rdfio import serialize_trig

    dataset = build()
    good = tmp_path / "graph.trig"
    good.write_bytes(serialize_trig(dataset))
    from_file, in_memory = to_networkx(good), to_networkx(dataset)
    assert dict(from_file.nodes(data=True)) == dict(in_memory.nodes(data=True))
    assert list(from_file.edges(data=True)) == list(in_memory.edges(data=True))
    lines = good.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40].replace(" ;", " ; ;;; <broken")
    bad = tmp_path / "bad.trig"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        to_networkx(bad)
    assert "bad.trig" in str(caught.value) and ":41:" in str(caught.value)
