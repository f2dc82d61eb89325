"""Reading a text's structure (and extracting it whole) stays linear in the text, however many
headings it has: a text with 10x the headings takes about 10x the time (aim: at most 12x).

Three shapes of hostile or merely long input, each at n and 10n repeats, medians of --repeat runs:
numbered headings (（一）… in a plan part), keyword headings (关键词 N / ## …), and top-level
headings (一、… that restart). Prints seconds and the ratio of 10n to n.

    python benchmarks/structure.py [--n 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

from plangraph.extraction import ExtractOptions, extract_text, prepare
from plangraph.extraction.structure import parse_structure

_CN = "一二三四五六七八九"


def numbered(n: int) -> str:
    body = "".join(f"（{_CN[i % 9]}）推进第{i}项工作。新建公路{i}公里。\n" for i in range(n))
    return f"2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n{body}"


def keywords(n: int) -> str:
    body = "".join(f"关键词 {i % 999 + 1}\n## 主题{i}\n正文{i}。\n" for i in range(n))
    return f"# 2031，关键词\n{body}"


def top_level(n: int) -> str:
    body = "".join(f"{_CN[i % 9]}、2031年工作安排\n新建公路{i}公里。\n" for i in range(n))
    return f"2031年某某省政府工作报告\n各位代表：\n{body}"


def _time(work: Callable[[], object], repeat: int) -> float:
    """The median processor time: other work on a shared machine moves wall time, not this."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def _run(stage: str, text: str, options: ExtractOptions) -> object:
    if stage == "structure":
        return parse_structure(prepare(text), 2031)
    return extract_text(text, "bench.txt", "0" * 64, options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    options = ExtractOptions(year=2031, doc_id="bench")
    print(f"{'input':<14}{'stage':<10}{'n':>10}{'10n':>10}{'ratio':>8}")
    for name, make in (("numbered", numbered), ("keywords", keywords), ("top-level", top_level)):
        small, large = make(args.n), make(10 * args.n)
        for stage in ("structure", "extract"):
            a = _time(partial(_run, stage, small, options), args.repeat)
            b = _time(partial(_run, stage, large, options), args.repeat)
            print(f"{name:<14}{stage:<10}{a:>9.2f}s{b:>9.2f}s{b / a:>8.1f}")


if __name__ == "__main__":
    main()
