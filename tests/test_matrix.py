"""The many-documents view's tables: keywords under themes, columns by region and year, cells
counting facts, indicator concepts set by several documents."""

from __future__ import annotations

import networkx as nx
import pytest

from plangraph.view.matrix import FACT_TYPES, keyword_themes, matrix, themes
from plangraph.view.page import MATRIX_THRESHOLD, page_data

ID = "https://w3id.org/plangraph/id/"


def _net() -> nx.DiGraph:
    docs = {
        "shanxi-2024": ("140000", "2024"),
        "shanxi-2025": ("140000", "2025"),
        "hebei-2025": ("130000", "2025"),
    }
    net = nx.DiGraph(
        documents={
            d: {
                "iri": ID + "doc/" + d,
                "title": f"{d} 报告",
                "year": y,
                "region": ID + "region/" + c,
            }
            for d, (c, y) in docs.items()
        }
    )
    for code, name in (("140000", "山西省"), ("130000", "河北省")):
        net.add_node(ID + "region/" + code, type="Region", label=name, documents=[], adcode=code)

    def add(node: str, kind: str, label: str, doc: str, **facts: object) -> str:
        net.add_node(node, type=kind, label=label, documents=[doc], evidence=[], **facts)
        return node

    k1 = add("k1", "Keyword", "扎实推进乡村全面振兴", "shanxi-2024")
    k2 = add("k2", "Keyword", "加快建设现代化产业体系", "shanxi-2025")
    k3 = add("k3", "Keyword", "稳住基本盘", "hebei-2025")  # no theme word of its own
    add("k4", "Keyword", "攻坚克难", "hebei-2025")  # none anywhere
    for i, (kw, label, doc) in enumerate(
        [
            (k1, "建设高标准农田", "shanxi-2024"),
            (k1, "发展乡村特色产业", "shanxi-2024"),
            (k2, "推动制造业数字化转型", "shanxi-2025"),
            (k3, "扩大有效投资", "hebei-2025"),
            (k3, "促进消费提质升级", "hebei-2025"),
        ]
    ):
        net.add_edge(kw, add(f"m{i}", "Measure", label, doc), relation="measure")
    for i, (kw, doc, concept) in enumerate(
        [
            (k1, "shanxi-2024", "gdp-growth"),
            (k2, "shanxi-2025", "gdp-growth"),
            (k3, "hebei-2025", "gdp-growth"),
            (k1, "shanxi-2024", "grain-output"),
        ]
    ):
        target = add(f"t{i}", "Target", f"指标 {i}", doc, concept=concept, value=5.0)
        net.add_edge(kw, target, relation="target")
        net.add_edge(target, ID + "region/" + docs[doc][0], relation="locatedIn")
    return net


def test_themes_come_from_the_data_file_with_other_last() -> None:
    found = themes()
    assert len({t.key for t in found}) == len(found) >= 10
    assert found[-1].key == "other" and not found[-1].words
    assert all(t.zh and t.en and t.words for t in found[:-1])


def test_keywords_go_under_the_theme_they_share_words_with() -> None:
    chosen = keyword_themes(_net())
    assert chosen == {"k1": "countryside", "k2": "industry", "k3": "demand", "k4": "other"}


def test_columns_are_grouped_by_region_then_year_and_cells_count_facts() -> None:
    net = _net()
    table = matrix(net)
    docs = [(d["id"], d["place"], d["year"]) for d in table["documents"]]
    assert docs == [
        ("hebei-2025", "河北", "2025"),
        ("shanxi-2024", "山西", "2024"),
        ("shanxi-2025", "山西", "2025"),
    ]
    rows = [t["key"] for t in table["themes"]]
    cells = {(rows[r], table["documents"][c]["id"]): (n, ids) for r, c, n, ids in table["cells"]}
    # k1: two measures, two targets; k3: two measures, one target; k4: nothing under it
    assert cells[("countryside", "shanxi-2024")] == (4, ["k1"])
    assert cells[("industry", "shanxi-2025")] == (2, ["k2"])
    assert cells[("demand", "hebei-2025")] == (3, ["k3"])
    assert cells[("other", "hebei-2025")] == (0, ["k4"])
    facts = sum(1 for _, a in net.nodes(data=True) if a["type"] in FACT_TYPES)
    assert sum(n for n, _ in cells.values()) == facts
    by_key = {t["key"]: t for t in table["themes"]}
    assert by_key["countryside"]["words"] == ["乡村"] and by_key["countryside"]["keywords"] == 1
    # a concept that one document alone sets is not a row
    assert [c["key"] for c in table["concepts"]] == ["gdp-growth"]
    assert table["concepts"][0]["zh"] == "地区生产总值增长"
    assert sorted((c, ids) for _, c, _, ids in table["targets"]) == [
        (0, ["t2"]),
        (1, ["t0"]),
        (2, ["t1"]),
    ]


def test_the_page_opens_on_the_matrix_from_three_documents(sample_network: nx.DiGraph) -> None:
    net = _net()
    assert MATRIX_THRESHOLD == 3
    data = page_data(net)
    assert data["view"] == "matrix" and data["matrix"]["documents"]
    layouts = data["layouts"]
    index = {n["id"]: i for i, n in enumerate(data["full"]["nodes"])}
    placed = {int(i) for i in layouts["hebei-2025"][::3]}
    assert placed == {index[n] for n in ("k3", "k4", "m3", "m4", "t2", ID + "region/130000")}
    demand = [t["key"] for t in data["matrix"]["themes"]].index("demand")
    theme_part = {int(i) for i in layouts[f"hebei-2025|{demand}"][::3]}
    assert theme_part == {index[n] for n in ("k3", "m3", "m4", "t2", ID + "region/130000")}
    assert page_data(net, view="full")["view"] == "full"
    two = net.copy()
    two.graph["documents"] = dict(list(net.graph["documents"].items())[:2])
    assert page_data(two)["view"] == "full" and page_data(two)["matrix"] is not None
    one = page_data(sample_network)
    assert one["matrix"] is None and one["layouts"] is None and one["view"] == "full"
    with pytest.raises(ValueError, match="matrix"):
        page_data(net, view="grid")  # type: ignore[arg-type]
