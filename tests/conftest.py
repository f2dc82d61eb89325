"""Shared fixtures (a tiny source text of our own and valid records describing it, the sample's
network, Chromium, the corpus) and the markers derived from them.

Markers: a test that uses the ``chromium`` fixture is ``browser``, one that uses ``corpus`` is
``corpus``, one that uses ``virtuoso`` (tests/test_push.py) is ``virtuoso``; tests/test_notebooks.py
is ``notebooks``. All of these are also ``slow``, so that ``pytest -m "not slow"`` is the quick
loop; CI runs everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import networkx as nx
import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"

# Written for these tests; not from any real report.
TEXT = (
    "关键词 1\n## 交通先行\n新建农村公路 4300 公里，推进雄忻高铁建设，数字经济规模增长 15% 左右。\n"
)


def _span(quote: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(quote, start + 1)
    return f"{{start: {start}, end: {start + len(quote)}, quote: {quote}}}"


def records_yaml(sha256: str | None = None) -> str:
    digest = sha256 or hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    return f"""\
format: plangraph-records/1
document:
  id: test-2024
  title: 测试报告
  kind: report
  region: "140000"
  year: 2024
  source: {{file: source.txt, sha256: {digest}, chars: {len(TEXT)}}}
regions:
  - code: "140000"
  - code: "140900"
    name: 忻州市
keywords:
  - n: 1
    label: 交通先行
    label_en: Transport first
    evidence: [{_span("交通先行")}]
measures:
  - label: 推进雄忻高铁建设
    keyword: 1
    evidence: [{_span("推进雄忻高铁建设")}]
projects:
  - name: 雄忻高铁
    keyword: 1
    measure: 推进雄忻高铁建设
    regions: ["140900"]
    evidence: [{_span("雄忻高铁")}]
targets:
  - indicator: 新建农村公路
    value: 4300
    unit: KiloM
    keyword: 1
    regions: ["140000"]
    evidence: [{_span("新建农村公路 4300 公里")}]
  - id: digital-growth
    indicator: 数字经济规模
    value: 15
    unit: PERCENT
    qualifier: About
    growth: true
    keyword: 1
    evidence: [{_span("数字经济规模增长 15% 左右")}]
"""


@pytest.fixture
def records_dir(tmp_path: Path) -> Path:
    """A folder with ``source.txt`` and ``records.yaml`` that load cleanly."""
    (tmp_path / "source.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "records.yaml").write_text(records_yaml(), encoding="utf-8")
    return tmp_path


def chromium_executable() -> str:
    """Chromium for the browser tests (with Playwright); a skip saying why there is none, or a
    failure under CI, which must run them. The one place that decides; tests take it through
    the ``chromium`` fixture."""

    def missing(reason: str) -> NoReturn:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("playwright is not installed (pip install -e '.[dev]')")
    executable = (
        os.environ.get("PLANGRAPH_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not executable:
        missing("no Chromium found (apt-get install chromium, or set PLANGRAPH_CHROMIUM)")
    return executable


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's executable: every browser test asks for this fixture, which marks it
    ``browser`` (see :func:`pytest_collection_modifyitems`)."""
    return chromium_executable()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def stop_process(process: subprocess.Popen[str]) -> None:
    """Kill a test's child process if it still runs, and close its pipes."""
    if process.poll() is None:
        process.kill()
        process.wait(30)
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The texts of ../shared/reports/ built once for the whole run (no page): the result of
    ``build_to`` and its output folder. Skips when the folder is absent."""
    if not REPORTS.is_dir():
        pytest.skip("../shared/reports is not present")
    from plangraph.pipeline.builder import build_to

    out = tmp_path_factory.mktemp("reports") / "out"
    texts = sorted(REPORTS.glob("*/*.txt"))
    result = build_to(texts, out, html=False, keep_going=True)
    return result, out


@pytest.fixture(scope="session")
def provinces_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 48 provincial reports of ../shared/reports (24 provinces, 2025 and 2026) built once
    for the whole run, with the page: the output folder (``graph.html``, ``graph.trig``)."""
    if not REPORTS.is_dir():
        pytest.skip("../shared/reports is not present")
    from plangraph.pipeline.builder import build_to

    out = tmp_path_factory.mktemp("provinces") / "out"
    texts = sorted(REPORTS.glob("provinces-*/*.txt"))
    build_to(texts, out, keep_going=True)
    return out


def start_serve(data: Path, *flags: str) -> tuple[subprocess.Popen[str], str]:
    """``plangraph serve --data DATA --port 0 FLAGS`` in a process of its own, and the URL it
    says it serves (read from its stderr within 60 s); stop it with :func:`stop_process`."""
    import re
    import sys
    import time

    command = [sys.executable, "-m", "plangraph.cli", "serve", "--data", str(data), "--port", "0"]
    process = subprocess.Popen(
        [*command, *flags], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        found = re.search(r"serving (http://127\.0\.0\.1:\d+/sparql)", line)
        if found:
            return process, found.group(1)
    stop_process(process)
    raise AssertionError("plangraph serve did not say where it listens")


@pytest.fixture(scope="session")
def sample_network() -> nx.DiGraph:
    """The bundled sample's network, projected once for every test that only reads it."""
    from plangraph import build, to_networkx

    return to_networkx(build())


def embedded_data(page: str) -> dict[str, Any]:
    """The graph a page carries (its ``plangraph-data`` JSON)."""
    found = re.search(r'<script id="plangraph-data" type="application/json">(.*?)</script>', page)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


_MARK_BY_FIXTURE = {
    "chromium": "browser",
    "corpus": "corpus",
    "reports_build": "corpus",
    "provinces_build": "corpus",
    "virtuoso": "virtuoso",
}
_SLOW_KINDS = ("browser", "notebooks", "virtuoso", "corpus")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _MARK_BY_FIXTURE.items():
            if fixture in used:
                item.add_marker(marker)
        if any(item.get_closest_marker(kind) for kind in _SLOW_KINDS):
            item.add_marker("slow")
