"""The graph for other tools: GraphML and GEXF that networkx reads back, CSV tables, JSON-LD."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest

from plangraph import InputError, build, export
from plangraph.cli import main
from plangraph.graph.rdfio import serialize_trig
from plangraph.view.export import flat_network
from plangraph.view.layout import layout

ID = "https://w3id.org/plangraph/id/"
TARGET = ID + "target/shanxi-2024/xinjian-nongcun-gonglu"


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "graph.trig"
    path.write_bytes(serialize_trig(build()))
    return path


def test_the_projection_fails_networkx_writers_and_its_flat_copy_does_not(
    sample_network: nx.DiGraph, tmp_path: Path
) -> None:
    with pytest.raises((nx.NetworkXError, TypeError, ValueError)):
        nx.write_graphml(sample_network, tmp_path / "raw.graphml")  # lists, dicts, None
    flat = flat_network(sample_network)
    nx.write_graphml(flat, tmp_path / "flat.graphml")
    nx.write_gexf(flat, tmp_path / "flat.gexf")
    assert set(flat) == set(sample_network)
    target = flat.nodes[TARGET]
    assert target["evidence"].startswith("[{") and json.loads(target["evidence"])[0]["start"] == 300
    assert target["documents"] == "shanxi-2024"
    assert (target["x"], target["y"]) == layout(sample_network)[TARGET]
    region = flat.nodes[ID + "region/140900"]
    assert "忻州" in region["aliases"].split("; ")
    assert "adcode" not in flat.nodes[TARGET]  # None is left out, not written as "None"
    assert json.loads(flat.graph["documents"])["shanxi-2024"]["region"] == ID + "region/140000"


def test_graphml_round_trips_through_networkx(
    sample_network: nx.DiGraph, trig: Path, tmp_path: Path
) -> None:
    (path,) = export(trig, tmp_path / "graph.graphml")  # format from the suffix
    back = nx.read_graphml(path)
    flat = flat_network(sample_network)
    assert isinstance(back, nx.DiGraph)
    assert set(back) == set(flat)
    assert set(back.edges(data="relation")) == set(flat.edges(data="relation"))
    for node, attrs in flat.nodes(data=True):
        assert back.nodes[node] == attrs, node  # types too: value float, growth bool, x/y float
    assert back.graph["documents"] == flat.graph["documents"]


def test_gexf_round_trips_with_positions_and_colours(
    sample_network: nx.DiGraph, trig: Path, tmp_path: Path
) -> None:
    (path,) = export(trig, tmp_path / "graph.xml", format="gexf")
    back = nx.read_gexf(path)
    flat = flat_network(sample_network)
    assert set(back) == set(flat)
    assert set(back.edges(data="relation")) == set(flat.edges(data="relation"))
    target = back.nodes[TARGET]
    assert target["label"] == "新建农村公路 4300公里" and target["value"] == 4300.0
    assert target["viz"]["position"] == {
        "x": flat.nodes[TARGET]["x"],
        "y": flat.nodes[TARGET]["y"],
        "z": 0.0,
    }
    assert target["viz"]["color"] == {"r": 0x8C, "g": 0x56, "b": 0x4B, "a": 1.0}  # Target's


def test_csv_writes_a_nodes_and_an_edges_table(
    sample_network: nx.DiGraph, trig: Path, tmp_path: Path
) -> None:
    written = export(trig, tmp_path / "tables", format="csv")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    with written[0].open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with written[1].open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:5] == ["id", "label", "type", "x", "y"]
    assert {row["id"] for row in nodes} == set(sample_network)
    row = next(r for r in nodes if r["id"] == TARGET)
    assert (row["value"], row["unit"], row["adcode"]) == ("4300.0", "KiloM", "")
    assert {(r["source"], r["target"], r["relation"]) for r in edges} == set(
        sample_network.edges(data="relation")
    )
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="into a folder"):
        export(trig, tmp_path / "file", format="csv")


def test_jsonld_is_the_dataset_and_a_network_cannot_give_it(
    sample_network: nx.DiGraph, trig: Path, tmp_path: Path
) -> None:
    (path,) = export(trig, tmp_path / "graph.jsonld")
    # through stores on both sides: Oxigraph's store keeps decimals canonical (4300.0 → 4300)
    back, built = pyoxigraph.Store(), pyoxigraph.Store()
    back.load(path=str(path), format=pyoxigraph.RdfFormat.JSON_LD)
    built.load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    everything = (None, None, None, None)
    assert set(back.quads_for_pattern(*everything)) == set(built.quads_for_pattern(*everything))
    with pytest.raises(InputError, match="from the RDF dataset"):
        export(sample_network, tmp_path / "net.jsonld")


def test_a_part_exports_and_bad_names_say_what_is_expected(
    sample_network: nx.DiGraph, tmp_path: Path
) -> None:
    from plangraph import select

    part = select(sample_network, keyword="数字经济")
    (path,) = export(part, tmp_path / "part.graphml")
    assert set(nx.read_graphml(path)) == set(part)
    with pytest.raises(InputError, match="cannot tell the format"):
        export(part, tmp_path / "part.txt")
    with pytest.raises(InputError, match="unknown export format 'dot'"):
        export(part, tmp_path / "part.dot", format="dot")


def test_the_export_command(trig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "graph.gexf"
    assert main(["export", "--format", "gexf", "--data", str(trig), "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    assert len(nx.read_gexf(out)) > 300
    assert main(["export", "--format", "csv", "--data", str(trig), "-o", str(out)]) == 2
    assert "into a folder" in capsys.readouterr().err
    assert main(["export", "--format", "svg", "--data", str(trig), "-o", str(out)]) == 2
    missing = tmp_path / "none.trig"
    assert main(["export", "--format", "jsonld", "--data", str(missing), "-o", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
