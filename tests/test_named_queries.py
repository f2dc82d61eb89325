"""Every named query on a multi-document build (the texts of ../shared/corpus), each against
the same count made another way: plain Python over the quads of graph.trig."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyoxigraph
import pytest
from conftest import CORPUS

from plangraph import query
from plangraph.cli import main
from plangraph.graph.namespace import PREFIXES
from plangraph.sparql.catalogue import named_queries

PG = PREFIXES["pg"]
RDFS_LABEL = PREFIXES["rdfs"] + "label"
RDF_TYPE = PREFIXES["rdf"] + "type"
SKOS_PREF = PREFIXES["skos"] + "prefLabel"


pytestmark = pytest.mark.corpus  # reads ../shared


class Quads:
    """The quads of a built file, indexed: each graph's triples, and their merge."""

    def __init__(self, path: Path) -> None:
        self.graphs: dict[str, set[tuple[Any, Any, Any]]] = defaultdict(set)
        for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG):
            name = quad.graph_name
            key = name.value if isinstance(name, pyoxigraph.NamedNode) else ""
            self.graphs[key].add((quad.subject, quad.predicate, quad.object))
        self.union = set().union(*self.graphs.values())
        self._indexes: dict[str | None, dict[tuple[str, str], set[Any]]] = {}

    @staticmethod
    def _index(triples: Iterable[tuple[Any, Any, Any]]) -> dict[tuple[str, str], set[Any]]:
        out: dict[tuple[str, str], set[Any]] = defaultdict(set)
        for s, p, o in triples:
            out[(_key(s), p.value)].add(o)
        return out

    def objects(self, graph: str | None = None) -> dict[tuple[str, str], set[Any]]:
        if graph not in self._indexes:
            self._indexes[graph] = self._index(self.union if graph is None else self.graphs[graph])
        return self._indexes[graph]

    def subjects(self, predicate: str, graph: str | None = None) -> Iterator[tuple[Any, Any]]:
        for s, p, o in self.union if graph is None else self.graphs[graph]:
            if p.value == predicate:
                yield s, o


def _key(term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def _zh(terms: Iterable[Any]) -> set[str]:
    return {t.value for t in terms if isinstance(t, pyoxigraph.Literal) and t.language == "zh"}


def _of_type(quads: Quads, kind: str, graph: str | None = None) -> set[str]:
    return {_key(s) for s, o in quads.subjects(RDF_TYPE, graph) if o.value == PG + kind}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    out = tmp_path_factory.mktemp("corpus-build")
    assert main(["build", str(CORPUS), "-o", str(out), "--no-html", "-q"]) == 0
    return out / "graph.trig"


@pytest.fixture(scope="module")
def quads(built: Path) -> Quads:
    quads = Quads(built)
    documents = [g for g in quads.graphs if "/doc/" in g]
    assert len(documents) >= 3  # a multi-document build
    return quads


def _rows(df: pd.DataFrame, columns: list[str]) -> list[tuple[Any, ...]]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in df[columns].values.tolist()]


def test_every_named_query_is_checked_here() -> None:
    checked = {
        name.removeprefix("test_").replace("_", "-")
        for name in globals()
        if name.startswith("test_") and name != "test_every_named_query_is_checked_here"
    }
    assert set(named_queries()) <= checked


def test_region_projects(built: Path, quads: Quads) -> None:
    facts = quads.objects()
    within: dict[str, set[str]] = defaultdict(set)
    for s, o in quads.subjects(PG + "within"):
        within[_key(s)].add(o.value)

    def above(place: str) -> set[str]:  # pg:within*: the place itself and all above it
        seen, todo = {place}, [place]
        while todo:
            for up in within[todo.pop()] - seen:
                seen.add(up)
                todo.append(up)
        return seen

    regions = {r for r in _of_type(quads, "Region") if _zh(facts[(r, RDFS_LABEL)])}
    total: dict[str, set[str]] = defaultdict(set)
    direct: dict[str, set[str]] = defaultdict(set)
    for project in _of_type(quads, "Project"):
        if not _zh(facts[(project, RDFS_LABEL)]):
            continue
        for place in facts[(project, PG + "locatedIn")]:
            direct[place.value].add(project)
            for region in above(place.value) & regions:
                total[region].add(project)
    df = query(built, "region-projects")
    got = {r.region: (r.projects, r.direct) for r in df.itertuples()}
    assert got == {r: (len(total[r]), len(direct[r] & total[r])) for r in total}
    assert all(d <= n for n, d in got.values())  # a direct count never exceeds the total
    assert len(got) > 10


def test_projects_by_keyword(built: Path, quads: Quads) -> None:
    facts = quads.objects()
    projects = _of_type(quads, "Project")
    under: dict[str, set[str]] = defaultdict(set)
    for project, keyword in quads.subjects(PG + "keyword"):
        if _key(project) in projects:
            under[_key(keyword)].add(_key(project))
    expected = set()
    for document, keyword in quads.subjects(PG + "hasKeyword"):
        kw = _key(keyword)
        for number in facts[(kw, PG + "number")]:
            for label in _zh(facts[(kw, RDFS_LABEL)]):
                for p in under[kw]:
                    regions = {
                        name
                        for place in facts[(p, PG + "locatedIn")]
                        for name in _zh(facts[(place.value, RDFS_LABEL)])
                    }
                    for project_label in _zh(facts[(p, RDFS_LABEL)]):
                        joined = "、".join(sorted(regions)) or None
                        expected.add(
                            (document.value, int(number.value), label, p, project_label, joined)
                        )
    df = query(built, "projects-by-keyword")
    got = {
        (d, n, k, p, pl, "、".join(sorted(r.split("、"))) if r else None)
        for d, n, k, p, pl, r in _rows(
            df, ["document", "keywordNumber", "keywordLabel", "project", "projectLabel", "regions"]
        )
    }
    assert got == expected and len(got) > 20


def test_targets_by_unit(built: Path, quads: Quads) -> None:
    expected = set()
    for graph in quads.graphs:
        facts = quads.objects(graph)
        for target in _of_type(quads, "Target", graph):
            needed = [facts[(target, PG + p)] for p in ("unit", "qualifier", "indicator", "year")]
            if all(needed):
                for unit in needed[0]:
                    for qualifier in needed[1]:
                        expected.add((unit.value, qualifier.value, target, graph))
    df = query(built, "targets-by-unit")
    got = set(_rows(df, ["unit", "qualifier", "target", "document"]))
    assert got == expected and len(got) > 50


def test_industries_by_keyword(built: Path, quads: Quads) -> None:
    facts = quads.objects()
    keyword_of: dict[str, set[str]] = defaultdict(set)
    for fact, keyword in quads.subjects(PG + "keyword"):
        keyword_of[_key(keyword)].add(_key(fact))
    counts: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for document, keyword in quads.subjects(PG + "hasKeyword"):
        kw = _key(keyword)
        for number in facts[(kw, PG + "number")]:
            for label in _zh(facts[(kw, RDFS_LABEL)]):
                for fact in keyword_of[kw]:
                    for industry in facts[(fact, PG + "industry")]:
                        for name in _zh(facts[(industry.value, SKOS_PREF)]):
                            key = (document.value, int(number.value), label, industry.value, name)
                            counts[key].add(fact)
    df = query(built, "industries-by-keyword")
    columns = ["document", "keywordNumber", "keywordLabel", "industry", "industryLabel", "facts"]
    got = {row[:-1]: row[-1] for row in _rows(df, columns)}
    assert got == {key: len(facts_) for key, facts_ in counts.items()} and got


def test_livelihood_tasks(built: Path, quads: Quads) -> None:
    union = quads.objects()
    targets, projects = _of_type(quads, "Target"), _of_type(quads, "Project")
    of_task: dict[str, set[str]] = defaultdict(set)
    for fact, task in quads.subjects(PG + "task"):
        of_task[task.value].add(_key(fact))
    expected = set()
    for graph in quads.graphs:
        facts = quads.objects(graph)
        for task in _of_type(quads, "LivelihoodTask", graph):
            keywords = {
                label
                for kw in union[(task, PG + "keyword")]
                for label in _zh(union[(kw.value, RDFS_LABEL)])
            } or {None}
            for number in facts[(task, PG + "number")]:
                for label in _zh(facts[(task, RDFS_LABEL)]):
                    for keyword in keywords:
                        expected.add(
                            (
                                graph,
                                int(number.value),
                                task,
                                label,
                                keyword,
                                len(of_task[task] & targets),
                                len(of_task[task] & projects),
                            )
                        )
    df = query(built, "livelihood-tasks")
    columns = ["document", "number", "task", "label", "keywordLabel", "targets", "projects"]
    assert set(_rows(df, columns)) == expected and expected


def test_keyword_cooccurrence(built: Path, quads: Quads) -> None:
    union = quads.objects()
    shared: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for graph in quads.graphs:
        facts = quads.objects(graph)
        keywords = {
            k.value for d, k in quads.subjects(PG + "hasKeyword", graph) if d.value == graph
        }
        by_keyword: dict[str, set[str]] = defaultdict(set)
        for fact, keyword in quads.subjects(PG + "keyword", graph):
            if keyword.value in keywords:
                for p in ("locatedIn", "industry"):
                    by_keyword[keyword.value] |= {o.value for o in facts[(_key(fact), PG + p)]}
        for k1 in keywords:
            for k2 in keywords:
                if k1 < k2:
                    both = {
                        s for s in by_keyword[k1] & by_keyword[k2] if _zh(union[(s, RDFS_LABEL)])
                    }
                    if both and _zh(union[(k1, RDFS_LABEL)]) and _zh(union[(k2, RDFS_LABEL)]):
                        shared[(graph, k1, k2)] = both
    df = query(built, "keyword-cooccurrence")
    got = {
        (d, k1, k2): n for d, k1, k2, n in _rows(df, ["document", "keyword1", "keyword2", "count"])
    }
    assert got == {key: len(both) for key, both in shared.items()} and got


def test_evidence(built: Path, quads: Quads) -> None:
    facts = quads.objects()
    in_documents: dict[str, set[str]] = defaultdict(set)
    for graph, triples in quads.graphs.items():
        for s, _, _ in triples:
            if isinstance(s, pyoxigraph.NamedNode) and "/project/" in s.value:
                in_documents[s.value].add(graph)
    shared = sorted(p for p, docs in in_documents.items() if len(docs) > 1)
    assert shared  # a project that two documents state
    for node in shared[:5]:
        expected = set()
        for span in facts[(node, PG + "evidence")]:
            s = _key(span)
            for doc in facts[(s, PG + "source")]:
                for start in facts[(s, PG + "start")]:
                    for end in facts[(s, PG + "end")]:
                        for quote in facts[(s, PG + "quote")]:
                            expected.add((doc.value, int(start.value), int(end.value), quote.value))
        df = query(built, "evidence", node=pyoxigraph.NamedNode(node))
        assert set(_rows(df, ["document", "start", "end", "quote"])) == expected and expected


def _year(quads: Quads, document: str) -> str:
    years = quads.objects(document)[(document, PG + "year")]
    return next(iter(years)).value if years else ""


def test_promises(built: Path, quads: Quads) -> None:
    """Outcomes and events of a document reporting on what an earlier document states."""
    expected = set()
    for reported_in in quads.graphs:
        facts = quads.objects(reported_in)
        answers = _of_type(quads, "Outcome", reported_in) | _of_type(quads, "Event", reported_in)
        for outcome in answers:
            if not facts[(outcome, RDFS_LABEL)]:
                continue
            for commitment in facts[(outcome, PG + "reports")]:
                for committed_in in quads.graphs:
                    labels = quads.objects(committed_in)[(commitment.value, RDFS_LABEL)]
                    later = _year(quads, committed_in) < _year(quads, reported_in)
                    if committed_in != reported_in and _zh(labels) and later:
                        expected.add((commitment.value, committed_in, outcome, reported_in))
    df = query(built, "promises")
    got = set(_rows(df, ["commitment", "committedIn", "outcome", "reportedIn"]))
    assert got == expected
    assert any("/event/" in row[2] for row in got)  # qualitative commitments answered too


def test_unreported(built: Path, quads: Quads) -> None:
    """Concrete commitments of a plan that nothing of the next year's report of its region
    reports on or mentions."""
    documents = {g for g in quads.graphs if "/doc/" in g}
    region = {d: quads.objects(d)[(d, PG + "issuedBy")] for d in documents}
    expected = set()
    for document in documents:
        facts = quads.objects(document)
        later = [
            g
            for g in documents
            if _year(quads, g).isdigit()
            and _year(quads, document).isdigit()
            and int(_year(quads, g)) == int(_year(quads, document)) + 1
            and {r.value for r in region[g]} == {r.value for r in region[document]}
        ]
        for commitment in _of_type(quads, "Commitment", document):
            about = {o.value for o in facts[(commitment, PG + "commitsTo")]}
            quotes = {
                q.value
                for span in facts[(commitment, PG + "evidence")]
                for q in facts[(span.value, PG + "quote")]
            }
            for quote in quotes:
                edition = re.search("第[一二三四五六七八九十百零〇0-9]+[届次批期轮]", quote)
                if not about and "“" not in quote and not edition:
                    continue
                for g in later:
                    answered = {
                        o.value
                        for term in ("reports", "mentions")
                        for _, o in quads.subjects(PG + term, g)
                    }
                    if commitment not in answered and not about & answered:
                        expected.add((document, commitment, quote, g))
    df = query(built, "unreported")
    got = set(_rows(df, ["document", "commitment", "quote", "later"]))
    assert got == expected
    assert got  # the Shanxi 2024 plan has commitments the 2025 report does not speak of


def test_compare(built: Path, quads: Quads) -> None:
    """The targets of one concept, each once, against the targets the quads tie to it."""
    concept = "https://w3id.org/plangraph/indicator/gdp-growth"
    want = {
        _key(s)
        for s, o in quads.subjects(PG + "indicatorConcept")
        if o.value == concept
        and PG + "Target" in {t.value for t in quads.objects()[(_key(s), RDF_TYPE)]}
    }
    assert want  # the corpus's reports state a GDP growth target
    table = query(built, "compare", concept=f"<{concept}>")
    assert set(table["target"].map(str)) == want
