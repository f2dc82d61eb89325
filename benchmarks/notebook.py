"""The notebook path: ``plangraph.load`` and ten named queries, against raw pyoxigraph and rdflib.

A notebook loads a built graph and asks it questions. This times that path end to end on a
corpus build, in one process, against two baselines doing the same work:

- **pyoxigraph**: ``Store()``, ``bulk_load`` of the TriG, each query's text run with the same
  prefixes, the named graphs' union as default graph and the same binding (a ``VALUES`` block
  opening the WHERE clause, as plangraph binds), every row read out;
- **plangraph**: ``plangraph.load(path)``, then ``plangraph.query(ds, NAME, **bindings)``, each
  answer a typed DataFrame;
- **rdflib**: ``Dataset(default_union=True).parse(path)``, ``ds.query(text, initNs=…)`` on
  the same texts with rdflib's own engine, every row read out.

The ten queries are the eight named queries (``plangraph query --list``) and two of them again
with a parameter bound; parameter values are taken from the data before timing. The rows each
engine returns are counted and compared. pyoxigraph and plangraph run ``--repeat`` times,
interleaved, and their medians are compared; rdflib runs ``--rdflib-repeat`` times (default
once: it is slow), each query stopped after ``--rdflib-timeout`` seconds (then the ratio is a
lower bound, printed with ``>``). Imports happen before any timing.

The data: ``../shared/reports/provinces-2026`` (24 provincial reports, about 230,000 quads)
built with ``plangraph build --no-html`` into a temporary folder, or ``--data FILE`` for a graph
already built.

Run: ``python benchmarks/notebook.py [--repeat 3] [--reports DIR | --data FILE]`` (about a
quarter of an hour, most of it rdflib's).
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEFAULT_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports" / "provinces-2026"
MIN_QUADS = 100_000

# (label, named query, parameter name or None): the value of a parameter comes from the data
QUERIES: list[tuple[str, str, str | None]] = [
    ("evidence of one target", "evidence", "node"),
    ("industries-by-keyword", "industries-by-keyword", None),
    ("keyword-cooccurrence", "keyword-cooccurrence", None),
    ("livelihood-tasks", "livelihood-tasks", None),
    ("projects-by-keyword", "projects-by-keyword", None),
    ("projects-by-keyword, one keyword", "projects-by-keyword", "keyword"),
    ("promises", "promises", None),
    ("region-projects", "region-projects", None),
    ("region-projects, one province", "region-projects", "code"),
    ("targets-by-unit, percent", "targets-by-unit", "unit"),
]


class _Timeout(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop the pure-Python code inside after ``seconds`` (rdflib's engine) with _Timeout."""

    def stop(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build_corpus(reports: Path, folder: Path) -> Path:
    command = [sys.executable, "-m", "plangraph.cli", "build", str(reports), "-o", str(folder)]
    subprocess.run([*command, "--no-html", "-q"], check=True)
    return folder / "graph.trig"


def parameters(path: Path, prefixes: dict[str, str]) -> dict[str, str]:
    """Values for the bound parameters, from the data (untimed): a target with evidence, the
    keyword label with the most projects, a province named as a document's issuer."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TRIG)

    def first(text: str) -> Any:
        rows = store.query(text, prefixes=prefixes, use_default_graph_as_union=True)
        return next(iter(rows))[0]  # type: ignore[call-overload]

    node = first("SELECT ?t WHERE { ?t a pg:Target ; pg:evidence ?e } ORDER BY ?t LIMIT 1")
    keyword = first(
        "SELECT ?l WHERE { ?p a pg:Project ; pg:keyword ?k . ?k rdfs:label ?l"
        " FILTER(lang(?l) = 'zh') } GROUP BY ?l ORDER BY DESC(COUNT(?p)) ?l LIMIT 1"
    )
    code = first(
        "SELECT ?c WHERE { ?d a pg:PlanDocument ; pg:issuedBy ?r . ?r pg:adcode ?c }"
        " ORDER BY ?c LIMIT 1"
    )
    return {
        "node": node.value,
        "keyword": keyword.value,
        "code": code.value,
        "unit": "unit:PERCENT",
    }


def with_values(text: str, name: str, term: str) -> str:
    """The query with ``VALUES ?name { term }`` opening its WHERE clause."""
    where = re.search(r"WHERE\s*\{", text)
    assert where is not None, text
    return f"{text[: where.end()]}\n  VALUES ?{name} {{ {term} }}{text[where.end() :]}"


Run = tuple[list[Any], list[Any]]  # seconds of each step (load, queries), rows of each query


def run_pyoxigraph(path: Path, texts: list[str], prefixes: dict[str, str]) -> Run:
    import pyoxigraph

    start = time.perf_counter()
    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TRIG)
    steps, counts = [time.perf_counter() - start], []
    for text in texts:
        began = time.perf_counter()
        answer = store.query(text, prefixes=prefixes, use_default_graph_as_union=True)
        rows = [[term.value if term is not None else None for term in row] for row in answer]  # type: ignore[union-attr]
        steps.append(time.perf_counter() - began)
        counts.append(len(rows))
    return steps, counts


def run_plangraph(path: Path, calls: list[tuple[str, dict[str, str]]]) -> Run:
    import plangraph

    start = time.perf_counter()
    ds = plangraph.load(path)
    steps, counts = [time.perf_counter() - start], []
    for name, bindings in calls:
        began = time.perf_counter()
        frame = plangraph.query(ds, name, **bindings)
        steps.append(time.perf_counter() - began)
        counts.append(len(frame))
    return steps, counts


def run_rdflib(path: Path, texts: list[str], prefixes: dict[str, str], timeout: float) -> Run:
    from rdflib import Dataset

    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(path), format="trig")
    steps: list[float | None] = [time.perf_counter() - start]
    counts: list[int | None] = []
    for text in texts:
        began = time.perf_counter()
        try:
            with _deadline(timeout):
                rows = [list(row) for row in ds.query(text, initNs=prefixes)]  # type: ignore[call-overload]
        except _Timeout:
            steps.append(None)
            counts.append(None)
            continue
        steps.append(time.perf_counter() - began)
        counts.append(len(rows))
    return steps, counts


def _median(runs: list[list[Any]], i: int) -> float | None:
    values = [run[i] for run in runs]
    if any(v is None for v in values):
        return None
    return statistics.median(values)


def _geo(values: list[float]) -> float:
    return statistics.geometric_mean(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--data", type=Path, help="a built graph.trig instead of building")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-repeat", type=int, default=1)
    parser.add_argument("--rdflib-timeout", type=float, default=600.0)
    args = parser.parse_args()

    import pandas  # noqa: F401  (every import before any timing)
    import pyoxigraph  # noqa: F401
    import rdflib.plugins.sparql  # noqa: F401

    import plangraph
    from plangraph.graph.namespace import PREFIXES
    from plangraph.sparql.store import open_data

    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        path = args.data or build_corpus(args.reports, Path(tmp) / "out")
        quads = len(open_data(path))
        print(f"data: {path} ({path.stat().st_size / 1e6:.1f} MB, {quads:,} quads)")
        if quads < MIN_QUADS:
            print(f"warning: fewer than {MIN_QUADS:,} quads; the ratios mean less")
        values = parameters(path, PREFIXES)
        named = plangraph.named_queries()
        calls, texts = [], []
        for _, name, param in QUERIES:
            text = named[name].text
            if param is None:
                calls.append((name, {}))
                texts.append(text)
                continue
            value = values[param]
            calls.append((name, {param: value}))
            kind = named[name].parameter(param).kind  # type: ignore[union-attr]
            term = f"<{value}>" if kind == "iri" and "://" in value else value
            texts.append(with_values(text, param, term if kind == "iri" else json.dumps(value)))
        plangraph.query(plangraph.load(path), "promises")  # warm: lazy imports, named queries

        ox_runs, pg_runs = [], []
        for _ in range(args.repeat):  # interleaved, so that a busy moment hits both
            ox_steps, ox_counts = run_pyoxigraph(path, texts, PREFIXES)
            pg_steps, pg_counts = run_plangraph(path, calls)
            ox_runs.append(ox_steps)
            pg_runs.append(pg_steps)
        rd_runs = []
        rd_counts: list[int | None] = []
        for _ in range(args.rdflib_repeat):
            rd_steps, rd_counts = run_rdflib(path, texts, PREFIXES, args.rdflib_timeout)
            rd_runs.append(rd_steps)

    labels = ["load", *(label for label, _, _ in QUERIES)]
    print(
        f"\nmedians of {args.repeat} runs (rdflib: {args.rdflib_repeat}), seconds; rows per engine"
    )
    head = f"{'step':34} {'pyoxigraph':>10} {'plangraph':>10} {'rdflib':>10} {'pg/ox':>7} {'rdflib/pg':>10}  rows"  # noqa: E501
    print(head)
    print("-" * len(head))
    totals = {"ox": 0.0, "pg": 0.0, "rd": 0.0}
    rd_complete = True
    ratios_ox: list[float] = []
    ratios_rd: list[float] = []
    for i, label in enumerate(labels):
        ox, pg, rd = _median(ox_runs, i), _median(pg_runs, i), _median(rd_runs, i)
        assert ox is not None and pg is not None
        totals["ox"] += ox
        totals["pg"] += pg
        if rd is None:
            rd_complete = False
            totals["rd"] += args.rdflib_timeout
        else:
            totals["rd"] += rd
        rows = ""
        if i:
            counts = (ox_counts[i - 1], pg_counts[i - 1], rd_counts[i - 1])
            rows = "/".join("–" if c is None else str(c) for c in counts)
            if counts[0] != counts[1] or (counts[2] is not None and counts[2] != counts[0]):
                rows += "  (differ)"
        ratios_ox.append(pg / ox)
        ratios_rd.append((rd if rd is not None else args.rdflib_timeout) / pg)
        rd_text = f"{rd:10.3f}" if rd is not None else f">{args.rdflib_timeout:9.0f}"
        rd_ratio = f"{rd / pg:9.1f}×" if rd is not None else f">{args.rdflib_timeout / pg:8.0f}×"
        print(f"{label:34} {ox:10.3f} {pg:10.3f} {rd_text} {pg / ox:6.2f}× {rd_ratio}  {rows}")
    more = "" if rd_complete else ">"
    print("-" * len(head))
    print(
        f"{'end to end':34} {totals['ox']:10.3f} {totals['pg']:10.3f} "
        f"{more}{totals['rd']:9.3f} {totals['pg'] / totals['ox']:6.2f}× "
        f"{more}{totals['rd'] / totals['pg']:8.1f}×"
    )
    print(
        f"\nplangraph / pyoxigraph end to end: {totals['pg'] / totals['ox']:.2f}× (aim ≤ 1.5×); "
        f"rdflib / plangraph: {more}{totals['rd'] / totals['pg']:.0f}× (aim ≥ 20×)"
    )
    print(
        f"geometric means of the steps' ratios: plangraph / pyoxigraph {_geo(ratios_ox):.2f}×,"
        f" rdflib / plangraph {more}{_geo(ratios_rd):.1f}×"
    )


if __name__ == "__main__":
    main()
