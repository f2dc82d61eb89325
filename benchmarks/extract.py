"""Extraction speed and memory against one jieba segmentation pass of the same texts.

For each corpus document (../shared/corpus), times ``plangraph.extract`` (reading, structure,
quantities, projects, regions, industries, measures, checks) and ``jieba.lcut`` of the same text,
in the same run, after one warm-up of each (dictionaries and tables loaded), the two in turn.
Prints medians of processor time over several runs, the ratio extract / jieba (aim: at most
2), and peak memory of extraction.

Run: ``python benchmarks/extract.py [CORPUS_DIR] [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _medians(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median processor times of two jobs run in turn (first, second, first, …), so that both
    meet the same conditions of a shared machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for job, out in ((first, times[0]), (second, times[1])):
            started = time.process_time()
            job()
            out.append(time.process_time() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import jieba

    from plangraph.extraction import extract
    from plangraph.sources.text import read_source

    jieba.setLogLevel(60)
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt documents in {args.corpus}")
    extract(paths[0])  # warm-up: gazetteer, vocabularies, regexes
    jieba.lcut(read_source(paths[0]).text)

    print(f"{'document':<28} {'chars':>7} {'extract ms':>11} {'jieba ms':>9} {'ratio':>6}")
    ratios, total_e, total_j = [], 0.0, 0.0
    for path in paths:
        text = read_source(path).text
        t_extract, t_jieba = _medians(
            lambda p=path: extract(p), lambda t=text: jieba.lcut(t), args.runs
        )
        ratios.append(t_extract / t_jieba)
        total_e += t_extract
        total_j += t_jieba
        print(
            f"{path.name:<28} {len(text):>7} {t_extract * 1000:>11.1f} {t_jieba * 1000:>9.1f}"
            f" {t_extract / t_jieba:>6.2f}"
        )
    print(
        f"{'all documents':<28} {'':>7} {total_e * 1000:>11.1f} {total_j * 1000:>9.1f}"
        f" {total_e / total_j:>6.2f}"
    )
    print(f"median ratio extract / jieba.lcut: {statistics.median(ratios):.2f} (aim: <= 2)")

    tracemalloc.start()
    for path in paths:
        extract(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory of extracting all documents (tracemalloc): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
