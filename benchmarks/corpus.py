"""Building many documents: throughput on all cores, speed-up, rebuild time, memory.

Makes N documents from the corpus texts (../shared/corpus), each relabelled as another
province and year in its header so that every one is a distinct document, then times in the
same run:

- ``plangraph build`` of all N with one process (``-j 1``) and with every core;
- the rebuild when nothing changed (every text from the cache), against the first build;
- the rebuild when one text changed;
- peak memory (max RSS of any process of the build) at N/4, N/2 and N documents;
- the page (graph.html) of all N, built from the cache, apart: it draws every node.

Run: ``python benchmarks/corpus.py [--docs 200] [--repeat 1] [--corpus DIR]``. Each build is a
fresh ``plangraph build --no-html`` process, so the times include start-up and writing the graph.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PROVINCES = [
    "山西",
    "河北",
    "河南",
    "湖北",
    "湖南",
    "江西",
    "安徽",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
]


def make_documents(corpus: Path, folder: Path, count: int) -> list[Path]:
    sources = sorted(corpus.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no corpus texts in {corpus}")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        province = PROVINCES[(i // len(texts)) % len(PROVINCES)]
        year = 2001 + i // (len(texts) * len(PROVINCES))
        header, _, body = text.partition("\n")
        header = header.replace("山西", province).replace("北京", province)
        for old in ("2025", "2024"):
            header = header.replace(old, str(year))
        if not any(ch.isdigit() for ch in header):
            header = f"{year}年{header}"
        path = folder / f"doc-{i:03d}.txt"
        # a line of its own makes every document distinct, even where the header has no place
        path.write_text(f"{header}\n（第{i + 1}份）\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def timed_build(
    inputs: list[Path], out: Path, jobs: int, *, fresh: bool, html: bool = False
) -> tuple[float, float]:
    """(seconds, peak RSS in MB of any of its processes) of one ``plangraph build`` process.

    Each build runs under a small parent of its own: a process's ``RUSAGE_CHILDREN`` is a
    high-water mark over all its children, so each measure needs a fresh parent.
    """
    if fresh and out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "plangraph.cli", "build", *map(str, inputs)]
    command += ["-o", str(out), "-j", str(jobs), "-q"] + ([] if html else ["--no-html"])
    parent = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", parent, *command], check=True, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(run.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each timed build; medians are printed"
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = make_documents(args.corpus, folder, args.docs)
        out = folder / "out"
        runs: dict[str, list[float]] = {"one": [], "many": [], "again": [], "changed": []}
        peak = 0.0
        for run in range(args.repeat):
            runs["one"].append(timed_build(docs, out, 1, fresh=True)[0])
            seconds, peak = timed_build(docs, out, cores, fresh=True)
            runs["many"].append(seconds)
            runs["again"].append(timed_build(docs, out, cores, fresh=False)[0])
            with docs[0].open("a", encoding="utf-8") as handle:
                handle.write(f"新建农村公路{100 + run}公里。\n")
            runs["changed"].append(timed_build(docs, out, cores, fresh=False)[0])
        one, many, again, changed = (statistics.median(runs[k]) for k in runs)
        if args.repeat > 1:
            print(f"medians of {args.repeat} runs")
        print(f"documents: {len(docs)}, cores: {cores}")
        print(f"first build, 1 process:   {one:7.1f} s  ({len(docs) / one:5.1f} documents/s)")
        print(
            f"first build, {cores} processes: {many:7.1f} s  ({len(docs) / many:5.1f} documents/s)"
        )
        print(f"speed-up over one process: {one / many:.2f}x")
        print(f"rebuild, nothing changed: {again:7.1f} s  = {again / many:.1%} of the first build")
        print(f"rebuild, one text changed: {changed:6.1f} s  = {changed / many:.1%} of the first")
        sizes = (len(docs) // 4, len(docs) // 2)
        peaks = [timed_build(docs[:n], folder / f"m{n}", cores, fresh=True)[1] for n in sizes]
        for n, mb in zip((*sizes, len(docs)), (*peaks, peak), strict=True):
            print(f"peak memory, {n:4d} documents: {mb:7.0f} MB")
        print(f"memory at {len(docs)} against {sizes[0]} documents: {peak / peaks[0]:.2f}x")
        # the page draws every node, so it is measured apart (records and graphs are cached)
        page, page_peak = timed_build(docs, out, cores, fresh=False, html=True)
        print(
            f"the page of {len(docs)} documents (from the cache): {page:.1f} s, {page_peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
