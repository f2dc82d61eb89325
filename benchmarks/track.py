"""``plangraph track`` on pairs of full reports, against ``plangraph extract`` of the same two
reports in the same run (tracking reads both texts too; what it adds is the linking).

Prints the median of several runs of each, the ratio, and the linking alone (in process, on
records already extracted). The goal of issue 14: a pair of full reports tracked in under 5 s.
Run: ``python benchmarks/track.py [EARLIER LATER]`` (default: the Sichuan and Zhejiang 2025 →
2026 pairs of ../shared/reports).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
PAIRS = [
    (
        REPORTS / "provinces-2025" / f"{name}-2025.txt",
        REPORTS / "provinces-2026" / f"{name}-2026.txt",
    )
    for name in ("sichuan", "zhejiang")
]


def _median(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _linking(earlier: Path, later: Path) -> float:
    import copy

    from plangraph.extraction import extract
    from plangraph.pipeline.track import link_documents

    plan, report = extract(earlier), extract(later)
    times = []
    for _ in range(RUNS):
        a, b = copy.deepcopy(plan), copy.deepcopy(report)
        started = time.perf_counter()
        link_documents(a, b)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    pairs = [(Path(sys.argv[1]), Path(sys.argv[2]))] if len(sys.argv) == 3 else PAIRS
    cli = [sys.executable, "-m", "plangraph.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        for earlier, later in pairs:
            if not earlier.is_file() or not later.is_file():
                print(f"skipped: {earlier} or {later} is not there")
                continue
            extract = sum(
                _median([*cli, "extract", str(path), "-o", str(Path(tmp) / "out.yaml")])
                for path in (earlier, later)
            )
            track = _median([*cli, "track", str(earlier), str(later)])
            linking = _linking(earlier, later)
            print(f"{earlier.name} → {later.name}")
            print(f"  plangraph extract of both  median {extract:6.2f} s")
            print(f"  plangraph track            median {track:6.2f} s (goal: under 5 s)")
            print(f"  linking alone              median {linking:6.2f} s")
            print(f"  ratio track / extract of both: {track / extract:.2f}x")


if __name__ == "__main__":
    main()
