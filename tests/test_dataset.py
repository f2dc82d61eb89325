"""Loading a built dataset back (plangraph.load): an rdflib Dataset kept in Oxigraph."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest
from rdflib import XSD, Dataset, Literal, URIRef

import plangraph
import plangraph.sparql.dataset
from plangraph import DataError, build, load, load_store
from plangraph.graph.terms import oxigraph_store
from plangraph.sparql.store import open_data

PG = "https://w3id.org/plangraph/ontology#"


@pytest.fixture
def dataset(records_dir: Path) -> Dataset:
    return build([records_dir / "records.yaml"])


@pytest.fixture
def trig(dataset: Dataset, tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    return path


def _quads(data: Dataset) -> set[tuple[str, str, object, str]]:
    """The quads, literals by value: Oxigraph keeps decimals canonical (4300.0 → 4300) and gives
    simple literals their RDF 1.1 datatype, xsd:string."""

    def term(o: object) -> object:
        if isinstance(o, Literal) and o.datatype not in (None, XSD.string):
            return (o.datatype, o.toPython())
        return str(o) if isinstance(o, Literal) and not o.language else o

    return {
        (str(s), str(p), term(o), str(g)) for s, p, o, g in data.quads((None, None, None, None))
    }


def test_doctests_run() -> None:
    result = doctest.testmod(plangraph.sparql.dataset, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.slow
def test_load_a_file_and_a_store_folder(dataset: Dataset, trig: Path, tmp_path: Path) -> None:
    load_store(tmp_path / "store", trig)
    expected = _quads(dataset)
    from_file, from_store = load(trig), load(tmp_path / "store")
    assert isinstance(from_file, Dataset) and isinstance(from_store, Dataset)
    assert _quads(from_file) == expected
    assert _quads(from_store) == expected  # named graphs kept
    assert plangraph.validate(from_store).conforms
    assert len(plangraph.to_networkx(from_store)) == len(plangraph.to_networkx(dataset))


def test_queries_tables_and_the_network_use_the_loaded_store_itself(trig: Path) -> None:
    ds = load(trig)
    store = oxigraph_store(ds)
    assert store is not None and open_data(ds) is store  # nothing copied for plangraph.query
    assert oxigraph_store(ds.graph(URIRef("urn:x:one"))) is None  # one graph is not the store
    frame = plangraph.query(ds, "SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Target }")
    assert frame["n"][0] == 2
    assert list(plangraph.targets(ds)["indicator"]) == ["新建农村公路", "数字经济规模"]
    assert plangraph.to_networkx(ds).nodes == plangraph.to_networkx(trig).nodes
    view = plangraph.show(ds)
    assert len(view.graph) == len(plangraph.to_networkx(trig))


def test_the_rdflib_api_works_on_it_and_queries_the_union(dataset: Dataset, trig: Path) -> None:
    ds = load(trig)
    # rdflib's own query goes to Oxigraph, with every named graph in the default graph
    rows = list(ds.query("SELECT ?l WHERE { ?p a pg:Project ; rdfs:label ?l }"))
    assert [str(row[0]) for row in rows] == ["雄忻高铁"]  # type: ignore[index]
    assert sum(1 for _ in ds) == len(list(dataset.quads((None, None, None, None))))
    assert len(ds) == len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))})
    target = next(ds.subjects(URIRef(PG + "unit"), URIRef("http://qudt.org/vocab/unit/KiloM")))
    assert ds.value(target, URIRef(PG + "indicator")) == Literal("新建农村公路", lang="zh")
    assert {str(g.identifier) for g in ds.graphs()} >= {
        "https://w3id.org/plangraph/id/doc/test-2024",
        "https://w3id.org/plangraph/id/graph/reference",
    }
    assert dict(ds.namespaces())["pg"] == URIRef(PG)


def test_a_store_folder_is_read_only(trig: Path, tmp_path: Path) -> None:
    load_store(tmp_path / "store", trig)
    ds = load(tmp_path / "store")
    with pytest.raises(RuntimeError):  # Oxigraph refuses to write into a read-only store
        ds.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    in_memory = load(trig)  # a file's dataset is in memory and can be changed
    in_memory.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    assert plangraph.query(in_memory, "ASK { <urn:x:s> <urn:x:p> <urn:x:o> }")["ask"][0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.trig", None, "no such file"),
        ("empty.ttl", "", "the file is empty"),
        ("broken.ttl", "<a> <b> .\n", "not valid Turtle"),
        ("page.html", "<html></html>", "unknown RDF file type '.html'"),
        ("records.yaml", "format: plangraph-records/1\n", "records, not RDF"),
        ("report.txt", "政府工作报告", "a text, not RDF"),
        ("binary.nt", b"\xff\xfe\x00<", "Invalid UTF-8"),
    ],
)
def test_load_bad_input_names_the_path_and_the_reason(
    tmp_path: Path, name: str, content: str | bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.path == str(path)
    assert reason in str(caught.value)
    error = caught.value  # no parser traceback chained to it
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_a_syntax_error_names_its_line(trig: Path) -> None:
    lines = trig.read_text(encoding="utf-8").splitlines()
    lines[20] += " ;;; <broken"
    trig.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(trig)
    assert caught.value.line is not None and caught.value.line >= 21


def test_load_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="not a plangraph store"):
        load(tmp_path)


def test_load_an_unreadable_file(trig: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.access

    def denied(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        # as a file without read permission is (root reads everything, so it is simulated)
        return False if Path(str(path)) == trig else real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", denied)
    with pytest.raises(DataError, match="cannot be read") as caught:
        load(trig)
    assert caught.value.path == str(trig)


def test_a_dataset_made_in_memory_is_copied_into_oxigraph_once(dataset: Dataset) -> None:
    ds = load(dataset)
    store = oxigraph_store(ds)
    assert store is not None and len(store) == len(list(dataset.quads((None, None, None, None))))
    assert _quads(ds) == _quads(dataset)
    again = load(ds)  # already in Oxigraph: the same store, nothing copied
    assert oxigraph_store(again) is store
    assert list(plangraph.targets(ds)["indicator"]) == list(plangraph.targets(dataset)["indicator"])


def test_its_quads_come_straight_from_the_store(trig: Path, tmp_path: Path) -> None:
    from plangraph.graph.terms import oxigraph_quads

    ds = load(trig)
    store = oxigraph_store(ds)
    assert store is not None
    everything = set(store.quads_for_pattern(None, None, None, None))
    assert set(oxigraph_quads(ds)) == everything
    info = load_store(tmp_path / "copy", ds)  # a store folder from it: the same quads
    assert info.quads == len(everything)
