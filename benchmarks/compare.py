"""``plangraph compare --indicator gdp-growth`` on a built corpus, against a plain query of the
same graph in the same run.

Builds ../shared/reports/provinces-2026 once (24 reports; figures the extractor leaves without
an indicator concept get one from ``tie_concepts``, the extractor's own function), then times,
each as a fresh process (start-up, loading the graph and writing the table included):

- ``plangraph compare --indicator gdp-growth`` (the target: 24 rows in under 3 s);
- ``plangraph compare --indicator gdp-growth --format csv``;
- ``plangraph query`` counting the targets of the same graph: the baseline, which pays the same
  start-up and load;

and ``plangraph.compare`` in-process on an open store (the query and the tidying alone).

Run: ``python benchmarks/compare.py [--reports DIR] [--out DIR] [--repeat 5]``; with ``--out``
an existing build there is reused.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports" / "provinces-2026"
COUNT = "SELECT (COUNT(?t) AS ?targets) WHERE { ?t a pg:Target }"


def build(reports: Path, out: Path) -> Path:
    """The corpus's graph.trig, built from records with their concepts tied."""
    import plangraph
    from plangraph.extraction import ExtractOptions, extract
    from plangraph.extraction.concepts import tie_concepts
    from plangraph.sources.text import read_source

    trig = out / "graph.trig"
    if trig.is_file():
        return trig
    records_dir = out / "records"
    records_dir.mkdir(parents=True, exist_ok=True)
    tied = 0
    for text_path in sorted(reports.glob("*.txt")):
        year = int(text_path.stem.rsplit("-", 1)[-1])
        records = extract(text_path, ExtractOptions(year=year))
        tied += tie_concepts(records, read_source(text_path).text)
        path = records_dir / f"{records.document.id}.yaml"
        path.write_text(plangraph.dump_records(records), encoding="utf-8")
    print(f"extracted {len(list(records_dir.glob('*.yaml')))} reports, {tied} figures tied")
    plangraph.build_to([records_dir], out, source_dirs=[reports], html=False)
    return trig


def _median(argv: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(argv, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        out = done.stdout
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--out", type=Path, help="build folder (kept; reused when built)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.reports.is_dir():
        raise SystemExit(f"no reports in {args.reports}")
    out = args.out or Path(tempfile.mkdtemp(prefix="plangraph-compare-"))
    started = time.perf_counter()
    trig = build(args.reports, out)
    print(
        f"graph: {trig} ({trig.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s)"
    )

    cli = [sys.executable, "-m", "plangraph.cli"]
    compare = [*cli, "compare", "--indicator", "gdp-growth", "--data", str(trig)]
    t_table, table = _median(compare, args.repeat)
    t_csv, csv = _median([*compare, "--format", "csv"], args.repeat)
    t_query, _ = _median([*cli, "query", COUNT, "--data", str(trig)], args.repeat)

    import plangraph
    from plangraph.sparql.store import open_data

    store = open_data(trig)
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        frame = plangraph.compare(store, "gdp-growth")
        runs.append(time.perf_counter() - started)
    rows = len(csv.splitlines()) - 1
    print(f"rows: {rows} ({frame.region.nunique()} regions, years {sorted(set(frame.year))})")
    print(f"plangraph compare (table)   median {t_table:6.2f} s")
    print(f"plangraph compare (csv)     median {t_csv:6.2f} s")
    print(f"plangraph query (count)     median {t_query:6.2f} s   (baseline)")
    print(f"plangraph.compare on a store median {statistics.median(runs) * 1000:6.0f} ms")
    print(f"ratio compare / query: {t_table / t_query:.2f}x; under 3 s: {t_table < 3}")
    print(table.splitlines()[0] if table else "(no table)")


if __name__ == "__main__":
    main()
