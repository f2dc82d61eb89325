"""SPARQL queries: typed DataFrames, named queries against the records they come from, formats,
bindings, and errors that say where."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pyoxigraph
import pytest
from rdflib import Dataset, Graph, URIRef

from plangraph import InputError, build, query
from plangraph.cli import main
from plangraph.graph.namespace import PREFIXES
from plangraph.records.model import Records
from plangraph.records.reader import load_records
from plangraph.sparql.catalogue import named_queries
from plangraph.sparql.execute import execute, run
from plangraph.sparql.prepare import parse_term, prepare
from plangraph.sparql.store import open_data
from plangraph.sparql.syntax import shape
from plangraph.sparql.terminal import format_table
from plangraph.sparql.writers import write
from plangraph.view.notebook import sample_path
from plangraph.vocab.gazetteer import gazetteer
from plangraph.vocab.names import project_name, slug
from plangraph.vocab.schemes import industries, units

ID = PREFIXES["id"]
PG = PREFIXES["pg"]


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build()


@pytest.fixture(scope="module")
def records() -> Records:
    records = load_records(sample_path())
    return records


@pytest.fixture(scope="module")
def trig(sample: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "graph.trig"
    path.write_text(sample.serialize(format="trig"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(trig: Path) -> pyoxigraph.Store:
    return open_data(trig)


def _region_name(key: str) -> str:
    place = gazetteer().get(key)
    return place.name if place else key


def _industry(label: str) -> str:
    concept = industries().resolve(label)
    assert concept is not None
    return concept.label


# --- Python API: typed columns ----------------------------------------------------------------


def test_select_gives_typed_columns(trig: Path, records: Records) -> None:
    df = query(
        trig,
        "SELECT ?target ?indicator ?value ?year ?growth WHERE {"
        " ?target a pg:Target ; pg:indicator ?indicator ; pg:year ?year ; pg:isGrowth ?growth"
        " OPTIONAL { ?target pg:value ?value } }",
    )
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["target", "indicator", "value", "year", "growth"]
    assert str(df["value"].dtype) == "Float64"
    assert str(df["year"].dtype) == "Int64"
    assert str(df["growth"].dtype) == "boolean"
    assert pd.api.types.is_string_dtype(df["indicator"])
    expected = {
        f"{ID}target/{records.document.id}/{t.id}": (
            t.indicator,
            float(t.value) if t.value is not None else None,
            t.year or records.document.year,
            t.growth,
        )
        for t in records.targets
    }
    got = {
        row.target: (row.indicator, None if pd.isna(row.value) else row.value, row.year, row.growth)
        for row in df.itertuples()
    }
    assert got == expected


def test_ask_construct_and_an_rdflib_dataset(sample: Dataset, records: Records) -> None:
    ask = query(sample, "ASK { ?p a pg:Project }")
    assert isinstance(ask, pd.DataFrame) and bool(ask["ask"][0]) is True
    assert bool(query(sample, "ASK { ?p a pg:Outcome }")["ask"][0]) is bool(records.outcomes)
    graph = query(
        sample, "CONSTRUCT { ?k rdfs:label ?l } WHERE { ?k a pg:Keyword ; rdfs:label ?l }"
    )
    assert isinstance(graph, Graph)
    labels = {str(o) for o in graph.objects()}
    assert {k.label for k in records.keywords} <= labels
    assert len(graph) == sum(1 + bool(k.label_en) for k in records.keywords)


def test_default_graph_is_the_union_and_graphs_stay_apart(store: pyoxigraph.Store) -> None:
    doc = f"{ID}doc/shanxi-2024"
    reference = f"{ID}graph/reference"
    union = execute(store, prepare("SELECT ?r WHERE { ?x pg:locatedIn ?r . ?r pg:adcode ?c }"))
    assert union.rows  # located-in (document graph) joined with codes (reference graph)
    per_graph = execute(store, prepare("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert {row[0].value for row in per_graph.rows} == {doc, reference}
    only_doc = execute(store, prepare("SELECT ?c WHERE { ?r pg:adcode ?c }"), default_graph=[doc])
    assert only_doc.rows == []


def test_prefixes_are_predeclared_and_a_query_may_redeclare_them(trig: Path) -> None:
    for prefix in ("pg", "rdfs", "skos", "qudt", "unit", "xsd", "id"):
        assert prefix in PREFIXES
    n = query(trig, "SELECT (COUNT(*) AS ?n) WHERE { ?t pg:unit unit:KiloM }")["n"][0]
    assert n > 0
    other = "PREFIX pg: <http://example.org/other#> SELECT ?t WHERE { ?t a pg:Target }"
    assert len(query(trig, other)) == 0


def test_bindings_work_inside_filters_and_aggregates(trig: Path, records: Records) -> None:
    text = (
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t a pg:Target ; pg:unit ?u ; pg:qualifier ?q ."
        " FILTER(!BOUND(?want) || ?q = ?want) }"
    )
    counts = Counter(t.qualifier for t in records.targets)
    assert query(trig, text)["n"][0] == len(records.targets)
    for name, n in counts.items():
        assert query(trig, text, want=URIRef(PG + name))["n"][0] == n
    with pytest.raises(InputError, match=r"no variable \?wnat"):
        query(trig, text, wnat=1)


def test_parse_term_reads_sparql_syntax() -> None:
    assert parse_term("<http://x.org/a>") == pyoxigraph.NamedNode("http://x.org/a")
    assert parse_term("pg:Exact") == pyoxigraph.NamedNode(PG + "Exact")
    assert parse_term('"数字经济"@zh') == pyoxigraph.Literal("数字经济", language="zh")
    assert parse_term("42").datatype.value.endswith("#integer")
    assert parse_term("4.5").datatype.value.endswith("#decimal")
    assert parse_term("数字经济") == pyoxigraph.Literal("数字经济")


def test_update_detection_ignores_strings_comments_and_names() -> None:
    assert shape("PREFIX pg: <x:> INSERT DATA { <a:b> <a:b> <a:b> }").update
    assert shape("# a comment\nDROP GRAPH <a:b>").update
    assert not shape('SELECT ?insert WHERE { ?s pg:drop "DELETE" } # INSERT').update
    assert shape("PREFIX x: <a:> CONSTRUCT WHERE { ?s ?p ?o }").form == "graph"
    assert shape("select * {}").form == "select"


# --- named queries, each against what the records say ---------------------------------------


def test_every_named_query_has_a_header_and_runs(store: pyoxigraph.Store) -> None:
    assert set(named_queries()) >= {
        "projects-by-keyword",
        "targets-by-unit",
        "region-projects",
        "industries-by-keyword",
        "livelihood-tasks",
        "evidence",
        "keyword-cooccurrence",
    }
    for nq in named_queries().values():
        assert nq.title and nq.description
        bindings = {p.name: "id:keyword/shanxi-2024/1" for p in nq.parameters if p.required}
        rows = execute(store, prepare(nq.name, bindings)).rows
        # one document reports on nothing earlier: promises and unreported are tested in
        # tests/test_named_queries.py; the sample names no indicator concept: compare is tested
        # in tests/test_compare.py
        assert rows or nq.name in ("promises", "compare", "unreported"), nq.name


def test_projects_by_keyword(trig: Path, records: Records) -> None:
    labels = {k.n: k.label for k in records.keywords}
    expected = {
        (
            p.keyword,
            labels[p.keyword],
            project_name(p.name),  # a project's label is the name that identifies it
            frozenset(_region_name(r) for r in p.regions),
        )
        for p in records.projects
        if p.keyword is not None
    }
    df = query(trig, "projects-by-keyword")
    got = {
        (
            row.keywordNumber,
            row.keywordLabel,
            row.projectLabel,
            frozenset(row.regions.split("、")) if row.regions else frozenset(),
        )
        for row in df.itertuples()
    }
    assert got == expected
    theme = records.keywords[4]
    only = query(trig, "projects-by-keyword", keyword=theme.label_en or theme.label)
    assert set(only["projectLabel"]) == {p.name for p in records.projects if p.keyword == theme.n}


def test_targets_by_unit_and_qualifier(trig: Path, records: Records) -> None:
    unit_iri = {key: u.iri for key, u in units().items()}
    df = query(trig, "targets-by-unit")
    assert [(r.unit, r.qualifier) for r in df.itertuples()] == sorted(
        (r.unit, r.qualifier) for r in df.itertuples()
    )
    expected = Counter((unit_iri[t.unit], PG + t.qualifier) for t in records.targets)
    assert Counter(zip(df["unit"], df["qualifier"], strict=True)) == expected
    percent = query(trig, "targets-by-unit", unit="unit:PERCENT", qualifier="pg:AtLeast")
    wanted = {
        t.indicator for t in records.targets if t.unit == "PERCENT" and t.qualifier == "AtLeast"
    }
    assert set(percent["indicator"]) == wanted and len(percent) == len(wanted)
    ranges = query(trig, "targets-by-unit", qualifier="pg:Range")
    for row in ranges.itertuples():
        assert pd.isna(row.value) and row.minValue <= row.maxValue


def test_region_projects_rolls_up_the_hierarchy(trig: Path, records: Records) -> None:
    gz = gazetteer()
    areas = {r.key: r.within for r in records.regions if not r.code}

    def up(key: str) -> list[str]:
        if key in areas:
            parent = areas[key]
            return [key, *(up(parent) if parent else [])]
        return [key, *(p.code for p in gz.ancestors(key))]

    total: defaultdict[str, set[str]] = defaultdict(set)
    direct: Counter[str] = Counter()
    for project in records.projects:
        for key in project.regions:
            direct[key] += 1
            for region in up(key):
                total[region].add(project_name(project.name))
    df = query(trig, "region-projects")
    got = {
        row.region.rsplit("/", 1)[-1]: (
            row.projects,
            row.direct,
            set(row.projectLabels.split("、")),
        )
        for row in df.itertuples()
    }
    expected = {
        key if key.isdigit() else slug(key): (len(projects), direct[key], projects)
        for key, projects in total.items()
    }
    assert got == expected
    province = query(trig, "region-projects", code=records.document.region)
    assert province["projects"][0] == len(total[records.document.region or ""])


def test_industries_by_keyword(trig: Path, records: Records) -> None:
    expected: Counter[tuple[int, str]] = Counter()
    facts = [*records.measures, *records.projects, *records.targets, *records.tasks]
    for fact in facts:
        if fact.keyword is not None:
            for label in {_industry(i) for i in fact.industries}:
                expected[(fact.keyword, label)] += 1
    df = query(trig, "industries-by-keyword")
    got = {(r.keywordNumber, r.industryLabel): r.facts for r in df.itertuples()}
    assert got == dict(expected)


def test_livelihood_tasks(trig: Path, records: Records) -> None:
    df = query(trig, "livelihood-tasks")
    assert list(df["number"]) == sorted(t.n for t in records.tasks)
    for row in df.itertuples():
        assert row.targets == sum(1 for t in records.targets if t.task == row.number)
        assert row.projects == sum(1 for p in records.projects if p.task == row.number)
    other = query(trig, "livelihood-tasks", document="id:doc/no-such-document")
    assert len(other) == 0


def test_evidence_for_a_node(trig: Path, records: Records) -> None:
    doc = records.document.id
    for target in records.targets[:5]:
        df = query(trig, "evidence", node=f"id:target/{doc}/{target.id}")
        spans = [(s.start, s.end, s.quote) for s in sorted(target.evidence, key=lambda s: s.start)]
        assert list(zip(df["start"], df["end"], df["quote"], strict=True)) == spans
        assert str(df["start"].dtype) == "Int64"


def test_keyword_cooccurrence(trig: Path, records: Records) -> None:
    doc = records.document.id
    things: defaultdict[int, set[str]] = defaultdict(set)
    facts = [*records.measures, *records.projects, *records.targets, *records.tasks]
    for fact in facts:
        if fact.keyword is not None:
            things[fact.keyword] |= {f"region:{r}" for r in fact.regions}
            things[fact.keyword] |= {f"industry:{_industry(i)}" for i in fact.industries}
    expected = {}
    for a in things:
        for b in things:
            iri_a, iri_b = f"{ID}keyword/{doc}/{a}", f"{ID}keyword/{doc}/{b}"
            shared = things[a] & things[b]
            if iri_a < iri_b and shared:
                expected[(iri_a, iri_b)] = len(shared)
    df = query(trig, "keyword-cooccurrence")
    got = {(r.keyword1, r.keyword2): r.count for r in df.itertuples()}
    assert got == expected
    assert list(df["count"]) == sorted(df["count"], reverse=True)


# --- formats --------------------------------------------------------------------------------


def _written(store: pyoxigraph.Store, text: str, fmt: str) -> bytes:
    buffer = io.BytesIO()
    write(run(store, prepare(text)), fmt, buffer)
    return buffer.getvalue()


def test_results_formats_follow_the_w3c_specs(store: pyoxigraph.Store) -> None:
    text = (
        "SELECT ?t ?label ?value ?missing WHERE { ?t a pg:Target ; rdfs:label ?label ;"
        " pg:value ?value } ORDER BY ?t LIMIT 5"
    )
    native = list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True))
    for fmt, ox_format in (
        ("json", pyoxigraph.QueryResultsFormat.JSON),
        ("xml", pyoxigraph.QueryResultsFormat.XML),
        ("tsv", pyoxigraph.QueryResultsFormat.TSV),
    ):
        parsed = pyoxigraph.parse_query_results(_written(store, text, fmt), ox_format)
        assert [v.value for v in parsed.variables] == ["t", "label", "value", "missing"]
        rows = [tuple(s[i] for i in range(4)) for s in parsed]
        assert rows == [tuple(s[i] for i in range(4)) for s in native], fmt
    doc = json.loads(_written(store, text, "json"))
    first = doc["results"]["bindings"][0]
    assert first["label"]["xml:lang"] == "zh" and "missing" not in first
    assert first["value"]["datatype"].endswith("#decimal")
    root = ET.fromstring(_written(store, text, "xml"))
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    table = list(csv.reader(io.StringIO(_written(store, text, "csv").decode("utf-8"))))
    assert table[0] == ["t", "label", "value", "missing"] and len(table) == 6
    assert table[1][0].startswith("https://") and table[1][3] == ""
    ask = _written(store, "ASK { ?t a pg:Target }", "json")
    assert json.loads(ask) == {"head": {}, "boolean": True}
    with pytest.raises(InputError, match="cannot be written as 'turtle'"):
        _written(store, text, "turtle")


def test_construct_serialises_as_turtle_and_more(store: pyoxigraph.Store) -> None:
    text = "CONSTRUCT WHERE { ?k a pg:Keyword ; rdfs:label ?l }"
    results = execute(store, prepare(text))
    turtle = _written(store, text, "turtle").decode("utf-8")
    assert "@prefix pg:" in turtle and "@prefix id:" not in turtle
    for fmt, rdflib_format in (("turtle", "turtle"), ("ntriples", "nt"), ("xml", "xml")):
        graph = Graph().parse(data=_written(store, text, fmt), format=rdflib_format)
        assert len(graph) == len(results)


def test_table_shortens_iris_and_counts_rows(store: pyoxigraph.Store) -> None:
    results = execute(store, prepare("SELECT ?u WHERE { ?t pg:unit ?u } LIMIT 3"))
    table = format_table(results)
    assert "unit:" in table and "http://qudt.org" not in table
    assert table.endswith("(3 rows)")


# --- errors -----------------------------------------------------------------------------------


def test_syntax_error_names_line_and_column(store: pyoxigraph.Store) -> None:
    with pytest.raises(InputError) as caught:
        execute(store, prepare("SELECT ?x\nWHERE {\n  ?x foo:bar ?y }"))
    error = caught.value
    assert error.path == "<query>" and error.line == 3 and error.column is not None
    assert "unknown prefix" in str(error) and str(error).startswith("<query>:3:")
    with pytest.raises(InputError) as caught:
        execute(store, prepare("SELECT ?x WHERE { ?x ?y }", {"x": 1}))
    assert caught.value.line == 1  # reported on the text as written, not the bound one


def test_bad_requests_say_what_is_wrong(tmp_path: Path, trig: Path) -> None:
    with pytest.raises(InputError, match="did you mean projects-by-keyword"):
        prepare("projects-by-keywrd")
    with pytest.raises(InputError, match="needs a value for node"):
        prepare("evidence")
    with pytest.raises(InputError, match="has no parameter 'kw'"):
        prepare("projects-by-keyword", {"kw": "x"})
    with pytest.raises(InputError, match="'not an iri' is not an IRI"):
        prepare("evidence", {"node": "not an iri"})
    with pytest.raises(InputError, match="SPARQL Update is not accepted"):
        query(trig, "DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="no such file"):
        query(tmp_path / "missing.trig", "ASK {}")
    with pytest.raises(InputError, match="no such query file"):
        prepare(str(tmp_path / "missing.rq"))
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?x WHERE {\n  ?x pg:value ?v .\n  ?x no:thing ?v\n}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        query(trig, str(rq))
    assert caught.value.path == str(rq) and caught.value.line == 3


def test_a_query_file_runs(tmp_path: Path, trig: Path, records: Records) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a pg:Project }\n", encoding="utf-8")
    assert query(trig, str(rq))["n"][0] == len(records.projects)


# --- command line -----------------------------------------------------------------------------


def test_cli_query_formats_and_bindings(
    trig: Path, records: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = records.keywords[0]
    assert (
        main(
            [
                "query",
                "projects-by-keyword",
                "--data",
                str(trig),
                "--bind",
                f"keyword={theme.label}",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    names = [project_name(p.name) for p in records.projects if p.keyword == theme.n]
    assert all(name in out for name in names) and f"({len(names)} rows)" in out
    assert (
        main(
            [
                "query",
                "SELECT ?n WHERE { ?k pg:number ?n ; a pg:Keyword } ORDER BY ?n",
                "--data",
                str(trig),
                "--format",
                "json",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert [int(b["n"]["value"]) for b in doc["results"]["bindings"]] == sorted(
        k.n for k in records.keywords
    )
    assert (
        main(
            [
                "query",
                "targets-by-unit",
                "--data",
                str(trig),
                "--format",
                "tsv",
                "--bind",
                "unit=unit:KiloM",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("?unit\t") and len(lines) == 1 + sum(
        1 for t in records.targets if t.unit == "KiloM"
    )
    assert main(["query", "CONSTRUCT WHERE { ?k a pg:Keyword }", "--data", str(trig)]) == 0
    graph = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(graph) == len(records.keywords)


def test_cli_list_shows_every_named_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name, nq in named_queries().items():
        assert f"{name}: {nq.title}" in out
    assert "--bind node=" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no-such-query"], "unknown named query 'no-such-query'"),
        (["SELECT ?x WHERE { ?x ?y }"], "<query>:1:"),
        (["evidence"], "needs a value for node"),
        (["ASK {}", "--data", "missing.trig"], "missing.trig: no such file"),
        (["ASK {}", "--bind", "novalue"], "--bind expects name=value"),
        (["SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"], "cannot be written"),
        (["INSERT DATA { <a:b> <a:b> <a:b> }"], "not accepted"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    trig: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    if "--data" not in argv:
        argv = [*argv, "--data", str(trig)]
    assert main(["query", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_cli_without_a_built_graph_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["query", "ASK {}"]) == 2
    err = capsys.readouterr().err
    assert "out/graph.trig" in err and "plangraph build" in err


def test_prepared_text_is_used_as_is_by_the_endpoint(store: pyoxigraph.Store) -> None:
    # a query that looks like a name is still SPARQL text when handed over directly
    with pytest.raises(InputError, match="syntax error"):
        execute(store, prepare("evidence", as_text=True))
