"""The store: load whole or not at all, read beside a writer, refuse what is not a store."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph
import pytest
from conftest import stop_process
from rdflib import Dataset

from plangraph import DataError, build, load_store, open_store, query
from plangraph.cli import main
from plangraph.sparql.store import MARKER, is_store, open_data, store_info

REFERENCE = "https://w3id.org/plangraph/id/graph/reference"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build()


def _quads(data: Dataset) -> int:
    return sum(1 for _ in data.quads((None, None, None, None)))


def _snapshots(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("data-"))


def _wait_for(predicate: object, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def test_load_then_read(tmp_path: Path, sample: Dataset) -> None:
    folder = tmp_path / "store"
    info = load_store(folder, sample)
    assert info.quads == _quads(sample)
    assert set(info.graphs) == {str(g.identifier) for g in sample.graphs() if len(g)}
    assert is_store(folder) and (folder / MARKER).is_file()
    store = open_store(folder)
    assert len(store) == info.quads
    assert store_info(folder) == info
    n = query(folder, "SELECT (COUNT(*) AS ?n) WHERE { ?p a pg:Project }")["n"][0]
    assert n == query(sample, "SELECT (COUNT(*) AS ?n) WHERE { ?p a pg:Project }")["n"][0]


def test_a_store_copied_into_memory(tmp_path: Path, sample: Dataset) -> None:
    folder = tmp_path / "store"
    info = load_store(folder, sample)
    copy = open_store(folder, memory=True)
    assert len(copy) == info.quads
    text = "SELECT ?t ?v WHERE { ?t pg:value ?v } ORDER BY ?t"
    assert query(copy, text).equals(query(folder, text))
    copy.clear()  # the copy is the caller's own: the store on disk is untouched
    assert len(open_store(folder)) == info.quads


def test_reload_replaces_the_contents(tmp_path: Path, sample: Dataset, records_dir: Path) -> None:
    folder = tmp_path / "store"
    load_store(folder, sample)
    other = build([records_dir / "records.yaml"])
    info = load_store(folder, other)
    assert info.quads == _quads(other)
    graphs = {g.value for g in open_store(folder).named_graphs()}
    assert graphs == {"https://w3id.org/plangraph/id/doc/test-2024", REFERENCE}
    assert _snapshots(folder) == [info.snapshot]  # the old snapshot is gone


def test_load_from_a_file_and_from_bytes(tmp_path: Path, sample: Dataset) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text(sample.serialize(format="trig"), encoding="utf-8")
    from_file = load_store(tmp_path / "a", trig)
    from_bytes = load_store(tmp_path / "b", trig.read_bytes(), rdf_format="trig")
    assert from_file.quads == from_bytes.quads == _quads(sample)


def test_bad_data_leaves_the_previous_contents(tmp_path: Path, sample: Dataset) -> None:
    folder = tmp_path / "store"
    before = load_store(folder, sample)
    broken = tmp_path / "broken.nq"
    broken.write_text(
        "<http://x.org/a> <http://x.org/b> <http://x.org/c> <http://x.org/g> .\n"
        '<http://x.org/a> <http://x.org/b> "unterminated <http://x.org/g> .\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_store(folder, broken)
    assert caught.value.path == str(broken) and caught.value.line == 2
    assert store_info(folder) == before
    assert len(open_store(folder)) == before.quads
    assert _snapshots(folder) == [before.snapshot]


@pytest.mark.slow  # processes started and stopped, or waited for
def test_a_killed_load_leaves_the_previous_contents(tmp_path: Path, sample: Dataset) -> None:
    folder = tmp_path / "store"
    before = load_store(folder, sample)
    trig = tmp_path / "graph.trig"
    trig.write_text(sample.serialize(format="trig"), encoding="utf-8")
    # The child loads for real, then hangs before the switch, so it is killed mid-load.
    child = textwrap.dedent(
        f"""
        import sys, time
        import plangraph.sparql.store as store
        real = store._bulk_load
        def stalled(target, **kw):
            real(target, **kw)
            print("loading", flush=True)
            time.sleep(120)
        store._bulk_load = stalled
        store.load_store({str(folder)!r}, {str(trig)!r})
        """
    )
    process = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "loading"
        assert len(_snapshots(folder)) == 2  # the old one and the half-made one
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        stop_process(process)
    assert store_info(folder) == before
    assert len(open_store(folder)) == before.quads
    after = load_store(folder, sample)  # the next load sweeps the leftover away
    assert _snapshots(folder) == [after.snapshot]


def test_a_second_writer_gets_a_clear_message(tmp_path: Path, sample: Dataset) -> None:
    folder = tmp_path / "store"
    before = load_store(folder, sample)
    child = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from plangraph.sparql.store import _writer_lock
        with _writer_lock(Path({str(folder)!r})):
            print("holding", flush=True)
            time.sleep(120)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "holding"
        with pytest.raises(DataError) as caught:
            load_store(folder, sample)
        message = str(caught.value)
        assert "written by another process" in message and f"pid {process.pid}" in message
        assert len(open_store(folder)) == before.quads  # reading is not blocked
    finally:
        process.kill()
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()
    assert load_store(folder, sample).quads == before.quads  # free again once it is gone


def test_what_is_not_a_store_is_refused(tmp_path: Path, sample: Dataset) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DataError, match="not a plangraph store"):
        open_store(foreign)
    with pytest.raises(DataError, match="refusing to write"):
        load_store(foreign, sample)
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]
    with pytest.raises(DataError, match="no such store"):
        open_store(tmp_path / "missing")
    afile = tmp_path / "file.trig"
    afile.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="is a file"):
        open_store(afile)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / MARKER).write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=f"cannot read {MARKER}"):
        open_store(broken)


def test_a_plain_oxigraph_folder_can_be_read(tmp_path: Path) -> None:
    raw = pyoxigraph.Store(str(tmp_path / "raw"))
    raw.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://x.org/a"),
            pyoxigraph.NamedNode("http://x.org/b"),
            pyoxigraph.Literal("c"),
            pyoxigraph.NamedNode("http://x.org/g"),
        )
    )
    raw.flush()
    del raw
    assert is_store(tmp_path / "raw")
    assert len(open_data(tmp_path / "raw")) == 1


def test_build_writes_the_store_and_query_reads_it(
    tmp_path: Path, records_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "store"
    argv = ["build", str(records_dir / "records.yaml"), "-o", str(tmp_path / "out"), "--no-html"]
    assert main([*argv, "--store", str(folder)]) == 0
    assert "into the store" in capsys.readouterr().err
    assert main(["query", "projects-by-keyword", "--store", str(folder), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "雄忻高铁" in out and out.startswith("document,keywordNumber")
    assert main(["query", "ASK {}", "--store", str(tmp_path / "out")]) == 2
    assert "not a plangraph store" in capsys.readouterr().err


def test_build_into_a_foreign_folder_writes_nothing(
    tmp_path: Path, records_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["build", str(records_dir / "records.yaml"), "-o", str(out), "--no-html", "-q"]
    assert main([*argv, "--store", str(foreign)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "refusing to write" in err
    assert not out.exists()


def test_terms_survive_the_store(tmp_path: Path, sample: Dataset) -> None:
    load_store(tmp_path / "store", sample)
    stored = open_store(tmp_path / "store")
    for graph in sample.graphs():
        if len(graph):
            name = pyoxigraph.NamedNode(str(graph.identifier))
            assert len(list(stored.quads_for_pattern(None, None, None, name))) == len(graph)
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    original = {
        (str(s), str(o), o.language)
        for s, p, o, _ in sample.quads((None, None, None, None))
        if str(p) == label
    }
    back = {
        (q.subject.value, q.object.value, q.object.language)
        for q in stored.quads_for_pattern(None, pyoxigraph.NamedNode(label), None, None)
    }
    assert back == original
