"""SPARQL speed at about a million triples: plangraph's store against rdflib's in-memory store and
raw pyoxigraph, all in the same run.

The data is made by plangraph itself: the bundled sample's records copied under many document
ids, years and issuing regions (project names made distinct per copy), turned into one Dataset
by ``plangraph.rdfize`` and written as N-Quads. Then each engine loads that file and runs five
queries, three of them named queries. plangraph's store is timed as it is on disk and copied
into memory (``open_store(memory=True)``), each against raw pyoxigraph stored the same way, all
four in one process with their runs interleaved; rdflib in a process of its own, one run per
query, stopped after ``--rdflib-timeout`` seconds. Peak memory: a separate process per engine.

Run: ``python benchmarks/sparql.py`` (about fifteen minutes; ``--triples 200000`` for a look).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ID = "https://w3id.org/plangraph/id/"
REGIONS = ["140000", "130000", "150000", "410000", "610000", "370000"]

# (label, named query or SPARQL text); named queries are read from plangraph's own .rq files.
QUERIES: list[tuple[str, str]] = [
    ("projects-by-keyword (named)", "projects-by-keyword"),
    ("region-projects, pg:within* (named)", "region-projects"),
    ("industries-by-keyword (named)", "industries-by-keyword"),
    (
        "targets: filter, group by unit",
        "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
        "SELECT ?unit (COUNT(?t) AS ?targets) (SUM(?v) AS ?total) WHERE {\n"
        "  ?t a pg:Target ; pg:unit ?unit ; pg:value ?v . FILTER(?v > 100)\n"
        "} GROUP BY ?unit ORDER BY DESC(?targets)",
    ),
    (
        "one document: keywords, targets",
        "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label (COUNT(?t) AS ?targets) WHERE {\n"
        f"  <{ID}doc/bench-0007> pg:hasKeyword ?k . ?k rdfs:label ?label .\n"
        "  OPTIONAL { ?t pg:keyword ?k ; a pg:Target }\n"
        "} GROUP BY ?label ORDER BY ?label",
    ),
]
REPEATS = 5
LOAD_REPEATS = 3


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- making the data -------------------------------------------------------------------------


def _copy(records: Any, i: int) -> Any:
    year = 2015 + i % 10
    doc = dataclasses.replace(
        records.document,
        id=f"bench-{i:04d}",
        year=year,
        region=REGIONS[i % len(REGIONS)],
    )
    names = {p.name: f"{p.name}{i:04d}" for p in records.projects}
    projects = [dataclasses.replace(p, name=names[p.name]) for p in records.projects]
    targets = [
        dataclasses.replace(
            t, year=year, project=names.get(t.project) if t.project is not None else None
        )
        for t in records.targets
    ]
    return dataclasses.replace(records, document=doc, projects=projects, targets=targets)


def generate(triples: int, path: Path) -> dict[str, Any]:
    import pyoxigraph

    from plangraph import rdfize
    from plangraph.graph.terms import oxigraph_quads
    from plangraph.records.reader import load_records
    from plangraph.view.notebook import sample_path

    started = time.perf_counter()
    sample = load_records(sample_path())
    from plangraph.graph.rdfize import REFERENCE_GRAPH

    single = rdfize([sample])
    shared = len(single.graph(REFERENCE_GRAPH))  # the reference graph is shared by all
    per_document = sum(1 for _ in single.quads((None, None, None, None))) - shared
    documents = max(1, round((triples - shared) / per_document))
    dataset = rdfize([_copy(sample, i) for i in range(documents)])
    store = pyoxigraph.Store()
    store.bulk_extend(oxigraph_quads(dataset))
    store.dump(str(path), format=pyoxigraph.RdfFormat.N_QUADS)
    return {
        "documents": documents,
        "quads": len(store),
        "bytes": path.stat().st_size,
        "seconds": time.perf_counter() - started,
        "peak_mib": _peak_mib(),
    }


# --- the engines ---------------------------------------------------------------------------
#
# Timings of plangraph and raw pyoxigraph come from one process, runs interleaved, so that a
# busy machine slows both alike; peak memory comes from one process per engine.

ENGINES = ("plangraph", "pyoxigraph", "plangraph-memory", "pyoxigraph-memory")


def _text(query: str) -> str:
    from plangraph.sparql.catalogue import named_queries

    return named_queries()[query].text if query in named_queries() else query


class _Engine:
    """Get the N-Quads file into a store, then answer a query as rows (plangraph: a DataFrame).

    plangraph: ``load_store`` into a store folder, queried through ``open_store``; with
    ``-memory``, the time to load is that of ``open_store(memory=True)`` copying the store
    into memory. pyoxigraph: ``bulk_load`` into an on-disk store, or into an in-memory one.
    """

    def __init__(self, name: str, work: Path) -> None:
        self.name, self.work = name, work
        self.store: Any = None
        self.loads = 0

    def load(self, data: Path) -> float:
        import pyoxigraph

        import plangraph

        folder = self.work / f"{self.name}-{self.loads}"
        self.loads += 1
        if self.name == "plangraph-memory":
            if self.store is None:
                plangraph.load_store(folder, data)
                self.folder = folder
            self.store = None
            started = time.perf_counter()
            self.store = plangraph.open_store(self.folder, memory=True)
            return time.perf_counter() - started
        started = time.perf_counter()
        if self.name == "plangraph":
            plangraph.load_store(folder, data)
        elif self.name == "pyoxigraph":
            target = pyoxigraph.Store(str(folder))
            target.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)
            target.flush()
            del target
        else:
            self.store = None
            self.store = pyoxigraph.Store()
            self.store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)
        elapsed = time.perf_counter() - started
        if self.name == "plangraph":
            self.store = plangraph.open_store(folder)
        elif self.name == "pyoxigraph":
            self.store = pyoxigraph.Store.read_only(str(folder))
        return elapsed

    def run(self, query: str) -> int:
        import plangraph
        from plangraph.graph.namespace import PREFIXES

        if self.name.startswith("plangraph"):
            return len(plangraph.query(self.store, query))  # a typed DataFrame
        answer = self.store.query(_text(query), prefixes=PREFIXES, use_default_graph_as_union=True)
        return len([tuple(solution) for solution in answer])


def _oxigraph_timings(data: Path, work: Path) -> dict[str, Any]:
    engines = [_Engine(name, work) for name in ENGINES]
    loads: dict[str, list[float]] = {e.name: [] for e in engines}
    for _ in range(LOAD_REPEATS):
        for engine in engines:
            loads[engine.name].append(engine.load(data))
    queries: dict[str, dict[str, Any]] = {e.name: {} for e in engines}
    for label, query in QUERIES:
        times: dict[str, list[float]] = {e.name: [] for e in engines}
        rows = {e.name: e.run(query) for e in engines}  # warm-up
        for _ in range(REPEATS):
            for engine in engines:
                started = time.perf_counter()
                engine.run(query)
                times[engine.name].append(time.perf_counter() - started)
        for engine in engines:
            queries[engine.name][label] = (statistics.median(times[engine.name]), rows[engine.name])
    return {
        e.name: {"load": statistics.median(loads[e.name]), "queries": queries[e.name]}
        for e in engines
    }


def _memory(engine_name: str, data: Path, work: Path) -> dict[str, Any]:
    engine = _Engine(engine_name, work)
    engine.load(data)
    for _, query in QUERIES:
        engine.run(query)
    return {}


class _Stopped(Exception):
    pass


def _rdflib(data: Path, timeout: float) -> dict[str, Any]:
    from rdflib import Dataset

    from plangraph.graph.namespace import PREFIXES

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(data), format="nquads")
    load = time.perf_counter() - started

    def alarm(signum: int, frame: Any) -> None:
        raise _Stopped

    signal.signal(signal.SIGALRM, alarm)
    queries: dict[str, Any] = {}
    for label, query in QUERIES:
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            rows = len(list(dataset.query(_text(query), initNs=PREFIXES)))
            queries[label] = (time.perf_counter() - started, rows)
        except _Stopped:
            queries[label] = (None, None)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"load": load, "queries": queries}


def _child(task: str, data: Path, work: Path, args: argparse.Namespace) -> None:
    if task == "generate":
        result = generate(args.triples, data)
    elif task == "timings":
        result = _oxigraph_timings(data, work)
    elif task == "rdflib":
        result = _rdflib(data, args.rdflib_timeout)
    else:
        result = _memory(task, data, work)
    result["peak_mib"] = _peak_mib()
    print(json.dumps(result))


def _run_child(task: str, data: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    work.mkdir(exist_ok=True)
    started = time.perf_counter()
    command = [sys.executable, __file__, "--task", task, "--data", str(data), "--work", str(work)]
    command += ["--triples", str(args.triples), "--rdflib-timeout", str(args.rdflib_timeout)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{task} failed:\n{done.stderr}")
    print(f"  {task}: {time.perf_counter() - started:.0f} s", flush=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- the report --------------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    if value is None:
        return "stopped"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(slow: float | None, fast: float | None, cap: float) -> str:
    if fast is None or fast <= 0:
        return "-"
    if slow is None:
        return f"> {cap / fast:,.0f}x"
    return f"{slow / fast:,.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, metavar="S")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.task:
        _child(args.task, args.data, args.work, args)
        return

    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        folder = Path(tmp)
        data = folder / "data.nq"
        made = _run_child("generate", data, folder / "generate", args)
        print(
            f"data: {made['documents']} documents, {made['quads']:,} quads"
            f" ({made['bytes'] / 2**20:.0f} MiB of N-Quads), made by plangraph.rdfize in"
            f" {made['seconds']:.0f} s",
            flush=True,
        )
        timings = _run_child("timings", data, folder / "timings", args)
        peaks = {name: _run_child(name, data, folder / name, args) for name in ENGINES}
        timings["rdflib"] = peaks["rdflib"] = _run_child("rdflib", data, folder / "rdflib", args)
    _report(made, timings, peaks, args.rdflib_timeout)


def _report(
    made: dict[str, Any], timings: dict[str, Any], peaks: dict[str, Any], cap: float
) -> None:
    p, o, pm, om, r = (timings[name] for name in (*ENGINES, "rdflib"))
    print()
    print(
        f"{'':38} {'--- store on disk ---':>28} {'--- in memory ---':>28}"
        f" {'rdflib':>9} {'rdflib/pg':>10} {'rdflib/pg':>10}"
    )
    print(
        f"{'':38} {'plangraph':>10} {'pyoxigraph':>10} {'pg/oxi':>6}"
        f" {'plangraph':>10} {'pyoxigraph':>10} {'pg/oxi':>6} {'memory':>9} {'disk':>10}"
        f" {'memory':>10}"
    )

    def line(label: str, times: list[Any]) -> None:
        pt, ot, pmt, omt, rt = times
        print(
            f"{label:38} {_seconds(pt):>10} {_seconds(ot):>10} {_ratio(pt, ot, cap):>6}"
            f" {_seconds(pmt):>10} {_seconds(omt):>10} {_ratio(pmt, omt, cap):>6}"
            f" {_seconds(rt):>9} {_ratio(rt, pt, cap):>10} {_ratio(rt, pmt, cap):>10}"
        )

    engines = (p, o, pm, om, r)
    line("load", [e["load"] for e in engines])
    for label, _ in QUERIES:
        answers = [e["queries"][label] for e in engines]
        rows = {n for _, n in answers if n is not None}
        assert len(rows) == 1, f"{label}: row counts differ: {answers}"
        line(f"{label} ({rows.pop()})", [t for t, _ in answers])
    peak = ", ".join(f"{n} {peaks[n]['peak_mib']:,.0f}" for n in (*ENGINES, "rdflib"))
    print(f"peak RSS in MiB, a process per engine: {peak}")
    print(
        f"\n(rows) after each query. Load: median of {LOAD_REPEATS} (rdflib once); for plangraph"
        f" in memory, the copy of its store into memory (open_store(memory=True)). Queries:"
        f" median of {REPEATS} runs after a warm-up, the four Oxigraph variants interleaved in"
        f" one process; plangraph answers with a typed DataFrame, pyoxigraph with tuples; rdflib"
        f" (a Dataset in memory): one run, stopped after {cap:g} s. pg/oxi aims at <= 1.5x,"
        f" rdflib/pg at >= 50x. Data generation peak RSS: {made['peak_mib']:,.0f} MiB."
    )


if __name__ == "__main__":
    main()
