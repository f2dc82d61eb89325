"""Every notebook in notebooks/ runs top to bottom in a fresh kernel, without an error.

Each runs on a copy in a temporary folder (whatever it writes lands there), in a kernel of this
very interpreter, so the installed plangraph is the one tested. Committed notebooks carry no
outputs. The comparison and indicator notebooks run twice: with the shared corpus (or reports),
and without it, as a fresh clone would.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS

REPORTS = CORPUS.parent / "reports"

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds; a hung cell fails the test instead of hanging CI

pytestmark = pytest.mark.notebooks


@pytest.fixture
def kernel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``python3`` kernel spec of this interpreter, found before any other the machine has."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (plangraph tests)",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # no migration notice from jupyter_core
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # On a fresh install matplotlib builds its font cache on first use, saying so on stderr;
    # build it here, where the kernel (same HOME, same MPLCONFIGDIR) will find it.
    import matplotlib.font_manager  # noqa: F401

    work = tmp_path / "work"
    work.mkdir()
    return work


def _run(notebook: Path, work: Path) -> Any:
    import nbformat
    from nbclient import NotebookClient

    copy = work / notebook.name
    shutil.copyfile(notebook, copy)
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        allow_errors=False,  # the first failing cell raises CellExecutionError
        resources={"metadata": {"path": str(work)}},  # the kernel's working folder
    )
    client.execute()
    nbformat.write(nb, copy)
    return nb


def _outputs(nb: Any, kind: str) -> list[Any]:
    return [
        data[kind]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        for data in [out.get("data", {})]
        if kind in data
    ]


def _printed(nb: Any) -> str:
    """Everything the cells printed or showed as text."""
    texts = [
        out.text if out.output_type == "stream" else out.get("data", {}).get("text/plain", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    ]
    return "\n".join(texts)


def _stderr(nb: Any) -> list[str]:
    return [
        out.text
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream" and out.name == "stderr"
    ]


def test_there_are_notebooks() -> None:
    assert [p.name for p in ALL] == [
        "01-explore.ipynb",
        "02-compare.ipynb",
        "03-indicators.ipynb",
    ]


@pytest.mark.parametrize("notebook", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(notebook: Path) -> None:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_explore_runs(kernel_env: Path) -> None:
    nb = _run(NOTEBOOKS / "01-explore.ipynb", kernel_env)
    assert _stderr(nb) == []  # no warning either: a missing font, a deprecated call
    assert len(_outputs(nb, "image/png")) == 1  # the keyword chart
    frames = _outputs(nb, "text/html")
    iframes = [html for html in frames if html.startswith('<iframe class="plangraph-network"')]
    assert len(iframes) == 2  # the whole sample, then one keyword
    assert "有效益的投资" in _printed(nb) and "忻州市" in _printed(nb)


@pytest.mark.corpus
def test_compare_runs_with_the_corpus(kernel_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (CORPUS / "shanxi-2025.txt").is_file():
        pytest.skip("../shared/corpus is not present")
    monkeypatch.setenv("PLANGRAPH_CORPUS", str(CORPUS))
    nb = _run(NOTEBOOKS / "02-compare.ipynb", kernel_env)
    assert _stderr(nb) == []
    printed = _printed(nb)
    assert "shanxi-2024 (2024) → shanxi-2025 (2025)" in printed
    assert "雄忻高铁" in printed  # a project named in both years
    assert "Exceeded" in printed  # outcomes judged against the 2024 commitments
    assert len(_outputs(nb, "text/html")) > 0


def test_compare_runs_without_the_corpus(
    kernel_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANGRAPH_CORPUS", str(tmp_path / "no-corpus-here"))
    nb = _run(NOTEBOOKS / "02-compare.ipynb", kernel_env)
    printed = _printed(nb)
    assert "re-labelled copy" in printed
    assert "shanxi-2024 (2024) → shanxi-2024-copy (2025)" in printed


def test_indicators_runs_with_the_reports(
    kernel_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (REPORTS / "provinces-2026").is_dir() or not (REPORTS / "national").is_dir():
        pytest.skip("../shared/reports is not present")
    monkeypatch.setenv("PLANGRAPH_REPORTS", str(REPORTS))
    nb = _run(NOTEBOOKS / "03-indicators.ipynb", kernel_env)
    assert _stderr(nb) == []
    printed = _printed(nb)
    assert "24 provinces" in printed  # every province's 2026 GDP target, side by side
    assert "安徽省" in printed and "5–5.5%" in printed
    assert "国内生产总值增长7.5%左右" in printed  # the 2014 target in the national series
    assert len(_outputs(nb, "image/png")) == 1  # the target-against-outcome chart


def test_indicators_runs_without_the_reports(
    kernel_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANGRAPH_REPORTS", str(tmp_path / "no-reports-here"))
    nb = _run(NOTEBOOKS / "03-indicators.ipynb", kernel_env)
    assert _stderr(nb) == []
    assert "not present, nothing to compare" in _printed(nb)
    assert _outputs(nb, "image/png") == []
