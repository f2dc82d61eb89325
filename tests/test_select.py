"""What the filters select: a keyword and what is under it, a region, an industry, types."""

from __future__ import annotations

import networkx as nx
import pytest

from plangraph import InputError, build, select, to_networkx
from plangraph.view.clusters import hubs

ID = "https://w3id.org/plangraph/id/"


def _labels(net: nx.DiGraph, kind: str | None = None) -> set[str]:
    return {a["label"] for _, a in net.nodes(data=True) if kind is None or a["type"] == kind}


def test_keyword_selects_it_and_everything_under_it(sample_network: nx.DiGraph) -> None:
    part = select(sample_network, keyword="数字经济")
    keyword = ID + "keyword/shanxi-2024/5"
    assert sample_network.nodes[keyword]["label"] == "数字经济"
    assert set(part) == {keyword} | nx.descendants(
        sample_network.edge_subgraph(
            (a, b) for a, b, r in sample_network.edges(data="relation") if r != "within"
        ),
        keyword,
    )
    assert _labels(part, "Keyword") == {"数字经济"}
    # by IRI, by its end, and through to_networkx: the same part
    assert set(select(sample_network, keyword=keyword)) == set(part)
    assert set(select(sample_network, keyword="shanxi-2024/5")) == set(part)
    assert set(to_networkx(build(), keyword="数字经济")) == set(part)


def test_region_selects_facts_inside_it_and_what_is_above_them(sample_network: nx.DiGraph) -> None:
    part = select(sample_network, region="忻州市")
    assert {"忻州市", "忻府区", "原平市", "雄忻高铁", "有效益的投资"} <= _labels(part)
    assert "大同市" not in _labels(part)
    for node, attrs in part.nodes(data=True):
        if attrs["type"] in ("Project", "Target", "Measure") and node not in hubs(sample_network):
            above = nx.ancestors(part, node)
            assert any(part.nodes[a]["type"] == "Keyword" for a in above) or any(
                r == "locatedIn" for *_, r in part.out_edges(node, data="relation")
            )
    assert set(select(sample_network, region="140900")) == set(part)  # by adcode
    assert set(select(sample_network, region="忻州")) == set(part)  # by short name


def test_industry_types_document_and_combinations(sample_network: nx.DiGraph) -> None:
    part = select(sample_network, industry="5G")
    assert _labels(part, "Industry") == {"5G"}
    assert _labels(part, "Keyword") == {"数字经济", "有效益的投资"}
    only = select(sample_network, types=["Keyword", "项目"])
    assert {a["type"] for _, a in only.nodes(data=True)} == {"Keyword", "Project"}
    assert set(select(sample_network, types="Keyword,Project")) == set(only)
    assert len(select(sample_network, document="shanxi-2024")) == len(sample_network)
    both = select(sample_network, keyword="数字经济", industry="5G")
    assert set(both) == set(part) & set(select(sample_network, keyword="数字经济"))


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
    sample_network: nx.DiGraph, filters: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        select(sample_network, **filters)  # type: ignore[arg-type]
