"""The network projection and the parts of it that filters, clusters and the overview select."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from conftest import records_yaml

from plangraph import InputError, build, to_networkx
from plangraph.view.network import NODE_TYPES, clusters, hubs, overview, select

ID = "https://w3id.org/plangraph/id/"


@pytest.fixture(scope="module")
def sample() -> nx.DiGraph:
    return to_networkx(build())


def _labels(net: nx.DiGraph, kind: str | None = None) -> set[str]:
    return {a["label"] for _, a in net.nodes(data=True) if kind is None or a["type"] == kind}


def test_the_sample_projects_every_kind_with_its_facts(sample: nx.DiGraph) -> None:
    kinds = Counter(a["type"] for _, a in sample.nodes(data=True))
    assert kinds["Keyword"] == 10 and kinds["Project"] == 27 and kinds["Target"] == 41
    assert set(kinds) <= set(NODE_TYPES)
    target = sample.nodes[ID + "target/shanxi-2024/xinjian-nongcun-gonglu"]
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
    region = sample.nodes[ID + "region/140900"]
    assert (region["label"], region["adcode"], region["parent"]) == ("忻州市", "140900", "山西省")
    assert "忻州" in region["aliases"]  # the short name, for search
    keyword = sample.nodes[ID + "keyword/shanxi-2024/1"]
    assert keyword["aliases"] == ["Investment with returns"]
    assert sample.graph["documents"]["shanxi-2024"]["region"] == ID + "region/140000"
    relations = {r for *_, r in sample.edges(data="relation")}
    assert {"keyword", "locatedIn", "industry", "within"} <= relations


def test_facts_without_evidence_inherit_their_keywords_document(sample: nx.DiGraph) -> None:
    for _, attrs in sample.nodes(data=True):
        if attrs["type"] not in ("Region", "Industry"):
            assert attrs["documents"] == ["shanxi-2024"], attrs["label"]


def test_the_documents_province_is_the_hub(sample: nx.DiGraph) -> None:
    assert hubs(sample) == {ID + "region/140000"}
    degree = dict(sample.degree())
    assert max(degree, key=lambda n: degree[n]) == ID + "region/140000"


def test_keyword_selects_it_and_everything_under_it(sample: nx.DiGraph) -> None:
    part = select(sample, keyword="数字经济")
    keyword = ID + "keyword/shanxi-2024/5"
    assert sample.nodes[keyword]["label"] == "数字经济"
    assert set(part) == {keyword} | nx.descendants(
        sample.edge_subgraph((a, b) for a, b, r in sample.edges(data="relation") if r != "within"),
        keyword,
    )
    assert _labels(part, "Keyword") == {"数字经济"}
    # by IRI, by its end, and through to_networkx: the same part
    assert set(select(sample, keyword=keyword)) == set(part)
    assert set(select(sample, keyword="shanxi-2024/5")) == set(part)
    assert set(to_networkx(build(), keyword="数字经济")) == set(part)


def test_region_selects_facts_inside_it_and_what_is_above_them(sample: nx.DiGraph) -> None:
    part = select(sample, region="忻州市")
    assert {"忻州市", "忻府区", "原平市", "雄忻高铁", "有效益的投资"} <= _labels(part)
    assert "大同市" not in _labels(part)
    for node, attrs in part.nodes(data=True):
        if attrs["type"] in ("Project", "Target", "Measure") and node not in hubs(sample):
            above = nx.ancestors(part, node)
            assert any(part.nodes[a]["type"] == "Keyword" for a in above) or any(
                r == "locatedIn" for *_, r in part.out_edges(node, data="relation")
            )
    assert set(select(sample, region="140900")) == set(part)  # by adcode
    assert set(select(sample, region="忻州")) == set(part)  # by short name


def test_industry_types_document_and_combinations(sample: nx.DiGraph) -> None:
    part = select(sample, industry="5G")
    assert _labels(part, "Industry") == {"5G"}
    assert _labels(part, "Keyword") == {"数字经济", "有效益的投资"}
    only = select(sample, types=["Keyword", "项目"])
    assert {a["type"] for _, a in only.nodes(data=True)} == {"Keyword", "Project"}
    assert set(select(sample, types="Keyword,Project")) == set(only)
    assert len(select(sample, document="shanxi-2024")) == len(sample)
    both = select(sample, keyword="数字经济", industry="5G")
    assert set(both) == set(part) & set(select(sample, keyword="数字经济"))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"keyword": "不存在"}, "no keyword '不存在' in the graph (known: "),
        ({"region": "火星"}, "no region '火星'"),
        ({"industry": "炼金"}, "no industry '炼金'"),
        ({"document": "nope"}, "no document 'nope' in the graph (known: shanxi-2024)"),
        ({"types": ["Bogus"]}, "unknown node type 'Bogus'"),
    ],
)
def test_unknown_names_say_what_exists(
    sample: nx.DiGraph, filters: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        select(sample, **filters)  # type: ignore[arg-type]


def test_clusters_give_each_fact_its_nearest_keyword(sample: nx.DiGraph) -> None:
    hub_set = hubs(sample)
    home = clusters(sample, skip=hub_set)
    keywords = {n for n, a in sample.nodes(data=True) if a["type"] == "Keyword"}
    assert all(home[k] == k for k in keywords)
    for node, kw in home.items():
        if kw is not None and node not in keywords:
            assert node in select(sample, keyword=kw)
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
