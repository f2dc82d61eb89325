"""Extraction time and memory grow in step with the text: 10× the input takes at most 12× the time.

For each kind of input, times the quantity pass (``find_quantities``) and the whole extraction
(``extract_text``) on a text of N characters and on one of 10 N, in the same run (processor time,
the best of a few runs: other work on a shared machine adds noise, never speed), and prints the
ratio of the two times (aim: at most 12) and the peak memory of the larger one:

- ``numerals``: one run of Chinese numerals (一二三…亿 repeated), the input that once needed
  gigabytes: every prefix of the run was cached while it was trimmed one character at a time;
- ``ordinary``: report text, the corpus documents (../shared/corpus) one after another under one
  header;
- ``cue-runs``: cue words and numbers with no punctuation (达到5万达到5万…), where one figure's
  words used to reach back over all the figures before it (one clause of N characters, so
  every pass that looks at a figure's whole clause or sentence shows here).

Run: ``python benchmarks/linear.py [--chars N] [--runs R] [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HEADER = "2031年某某省政府工作报告\n各位代表：\n一、2030年工作回顾\n"


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _ordinary(corpus: Path, chars: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt documents in {corpus}")
    body = "\n".join(texts)
    return _repeat(body, chars)


def _best_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return min(times)


def _peak_mb(func: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000, help="N, the smaller input")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()

    from plangraph.extraction import ExtractOptions, extract_text
    from plangraph.extraction.quantities import find_quantities

    options = ExtractOptions(year=2031, region="140000")
    # (text of n characters, share of N it is run at): a numeral run is read in well under a
    # millisecond at N, where the processor's caches decide the time, so it runs at 10 N; a cue
    # run is dense with figures, so it runs at a fifth of N to keep the benchmark within minutes
    inputs: dict[str, tuple[Callable[[int], str], float]] = {
        "numerals": (lambda n: _repeat("一二三四五六七八九十百千万亿", n), 10),
        "ordinary": (lambda n: _ordinary(args.corpus, n), 1),
        "cue-runs": (lambda n: _repeat("达到5万", n), 0.2),
    }
    passes: dict[str, Callable[[str], object]] = {
        "quantities": find_quantities,
        "extract": lambda t: extract_text(HEADER + t + "\n", "bench.txt", "0" * 64, options),
    }
    extract_text(HEADER + _ordinary(args.corpus, 2000), "warm.txt", "0" * 64, options)  # tables

    head = f"{'input':<10} {'pass':<11} {'N':>7} {'N ms':>9} {'10N ms':>10}"
    print(f"{head} {'ratio':>6} {'peak MB':>8}")
    over = []
    for name, (make, share) in inputs.items():
        chars = int(args.chars * share)
        small, large = make(chars), make(10 * chars)
        for pass_name, run in passes.items():
            t_small = _best_time(lambda t=small, r=run: r(t), args.runs)  # type: ignore[misc]
            t_large = _best_time(lambda t=large, r=run: r(t), args.runs)  # type: ignore[misc]
            peak = _peak_mb(lambda t=large, r=run: r(t))  # type: ignore[misc]
            ratio = t_large / t_small
            if ratio > 12:
                over.append(f"{name}/{pass_name}")
            row = f"{name:<10} {pass_name:<11} {chars:>7} {t_small * 1000:>9.1f}"
            print(f"{row} {t_large * 1000:>10.1f} {ratio:>6.1f} {peak:>8.1f}")
    print("10N / N above 12 (aim: none): " + (", ".join(over) or "none"))


if __name__ == "__main__":
    main()
