"""Start-up time of ``plangraph --help`` against a bare ``python -c pass`` in the same run.

Prints the median of several runs of each and the ratio. Run: ``python benchmarks/cli_startup.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def _median(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    baseline = _median([sys.executable, "-c", "pass"])
    help_time = _median([sys.executable, "-m", "plangraph.cli", "--help"])
    import_rdflib = _median([sys.executable, "-c", "import rdflib"])
    print(f"python -c pass        median {baseline * 1000:7.1f} ms")
    print(f"import rdflib         median {import_rdflib * 1000:7.1f} ms")
    print(f"plangraph --help      median {help_time * 1000:7.1f} ms")
    print(f"ratio --help / bare python: {help_time / baseline:.2f}x")
    print(f"ratio --help / import rdflib: {help_time / import_rdflib:.2f}x")


if __name__ == "__main__":
    main()
