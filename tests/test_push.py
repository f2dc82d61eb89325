"""Pushing named graphs into a real Virtuoso (Debian package ``virtuoso-opensource``), started
here on 127.0.0.1 with a database folder and ports of its own. Skipped where Virtuoso is not
installed, except in CI (``CI=true``), where its absence is a failure."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import records_yaml
from rdflib import RDF, RDFS, Dataset, Literal

from plangraph import InputError, build
from plangraph.cli import main
from plangraph.graph.namespace import PG
from plangraph.sparql.push import REFERENCE_GRAPH, push

DOC = "https://w3id.org/plangraph/id/doc/"
UNRELATED = "http://example.org/graph/not-ours"


@dataclass(frozen=True)
class Virtuoso:
    base: str

    @property
    def gsp(self) -> str:
        return self.base + "/sparql-graph-crud-auth"

    @property
    def update(self) -> str:
        return self.base + "/sparql-auth"

    def select(self, text: str) -> list[dict[str, str]]:
        url = self.base + "/sparql?" + urllib.parse.urlencode({"query": text})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            doc = json.loads(response.read().decode("utf-8"))
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        reason = "Virtuoso is not installed (Debian package virtuoso-opensource)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; .ci/run installs it")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(
        f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
""",
        encoding="utf-8",
    )
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "-f", "-c", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    probe = base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        deadline = time.monotonic() + 120
        while not _answers(probe):
            if process.poll() is not None or time.monotonic() > deadline:
                output = (folder / "stdout.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"Virtuoso did not start (exit {process.poll()}):\n{output}")
            time.sleep(0.25)
        yield Virtuoso(base)
    finally:
        process.terminate()
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)
        log.close()


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build()


def _graph_sizes(data: Dataset) -> dict[str, int]:
    return {str(g.identifier): len(g) for g in data.graphs() if len(g)}


def _test_records(folder: Path, text: str) -> Dataset:
    folder.mkdir(exist_ok=True)
    (folder / "records.yaml").write_text(text, encoding="utf-8")
    return build([folder / "records.yaml"])


def test_push_replaces_each_document_graph_and_nothing_else(
    virtuoso: Virtuoso, sample: Dataset, tmp_path: Path
) -> None:
    # a graph that is not ours, already in the store
    unrelated = urllib.request.Request(
        virtuoso.gsp + "?" + urllib.parse.urlencode({"graph": UNRELATED}),
        data=b'<http://example.org/a> <http://example.org/b> "kept" .\n',
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, virtuoso.base, "dba", "dba")
    opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
    with opener.open(unrelated, timeout=60):
        pass

    results = push(sample, virtuoso.gsp, user="dba", password="dba")
    sizes = _graph_sizes(sample)
    assert {r.graph: r.triples for r in results} == sizes
    for graph, size in sizes.items():
        assert virtuoso.count(graph) == size
    labels = virtuoso.select(
        "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT ?label WHERE {{ GRAPH <{DOC}shanxi-2024> {{ ?k a pg:Keyword ; rdfs:label ?label"
        ' FILTER(LANG(?label) = "zh") } }'
    )
    document = sample.graph(f"{DOC}shanxi-2024")
    keywords = {
        str(label)
        for node in document.subjects(RDF.type, PG.Keyword)
        for label in document.objects(node, RDFS.label)
        if isinstance(label, Literal) and label.language == "zh"
    }
    assert sorted(row["label"] for row in labels) == sorted(keywords)  # Chinese text intact

    # a second document by SPARQL Update, then the same document changed
    first = _test_records(tmp_path / "a", records_yaml())
    push(first, virtuoso.update, protocol="update", user="dba", password="dba")
    test_graph = f"{DOC}test-2024"
    assert virtuoso.count(test_graph) == _graph_sizes(first)[test_graph]
    changed_text = records_yaml().replace("  - id: digital-growth", "  - id: digital-growth-2")
    changed = _test_records(tmp_path / "b", changed_text)
    push(changed, virtuoso.update, protocol="update", user="dba", password="dba", batch=7)
    assert virtuoso.count(test_graph) == _graph_sizes(changed)[test_graph]
    targets = {
        row["t"]
        for row in virtuoso.select(
            "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
            f"SELECT ?t WHERE {{ GRAPH <{test_graph}> {{ ?t a pg:Target }} }}"
        )
    }
    assert any(t.endswith("/digital-growth-2") for t in targets)
    assert not any(t.endswith("/digital-growth") for t in targets)  # the old fact is gone

    # the other document and the graph that is not ours are untouched
    assert virtuoso.count(f"{DOC}shanxi-2024") == sizes[f"{DOC}shanxi-2024"]
    assert virtuoso.count(UNRELATED) == 1
    # the reference graph was merged: regions of both pushes are there
    regions = {
        row["r"]
        for row in virtuoso.select(
            "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
            f"SELECT ?r WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ ?r a pg:Region }} }}"
        )
    }
    expected = {
        str(s)
        for data in (sample, changed)
        for s, p, o in data.graph(REFERENCE_GRAPH)
        if str(o).endswith("#Region")
    }
    assert regions == expected

    # the Graph Store Protocol replaces too
    push(first, virtuoso.gsp, user="dba", password="dba")
    assert virtuoso.count(test_graph) == _graph_sizes(first)[test_graph]


def test_bad_credentials_and_unreachable_stores_say_so(virtuoso: Virtuoso, sample: Dataset) -> None:
    with pytest.raises(InputError, match="HTTP 401"):
        push(sample, virtuoso.gsp, user="dba", password="wrong")
    with pytest.raises(InputError, match="cannot reach"):
        push(sample, f"http://127.0.0.1:{_free_port()}/sparql-graph-crud", timeout=5)


def test_cli_push(
    virtuoso: Virtuoso,
    sample: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "graph.trig"
    data.write_text(sample.serialize(format="trig"), encoding="utf-8")
    argv = ["push", "--endpoint", virtuoso.gsp, "--data", str(data), "--user", "dba"]
    monkeypatch.delenv("PLANGRAPH_PUSH_PASSWORD", raising=False)
    assert main(argv) == 2
    assert "PLANGRAPH_PUSH_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("PLANGRAPH_PUSH_PASSWORD", "dba")
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"replaced <{DOC}shanxi-2024>" in err and f"merged <{REFERENCE_GRAPH}>" in err
    assert main([*argv, "--graph", "http://example.org/none"]) == 2
    assert "no named graph" in capsys.readouterr().err


def test_push_checks_its_arguments(sample: Dataset) -> None:
    with pytest.raises(InputError, match="must be an http"):
        push(sample, "ftp://example.org/store")
    with pytest.raises(InputError, match="unknown protocol"):
        push(sample, "http://127.0.0.1:1/store", protocol="carrier-pigeon")
