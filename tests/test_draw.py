"""Drawing what a user names (``plangraph.draw``, ``plangraph viz``): a file, records, a part."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import embedded_data as _data

from plangraph import to_networkx
from plangraph.cli import main


@pytest.mark.slow
def test_viz_command_draws_a_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "-q", "-o", str(out)]) == 0
    page = tmp_path / "digital.html"
    code = main(["viz", str(out / "graph.trig"), "-o", str(page), "--keyword", "数字经济"])
    assert code == 0
    assert "nodes" in capsys.readouterr().err
    data = _data(page.read_text(encoding="utf-8"))
    expected = to_networkx(out / "graph.trig", keyword="数字经济")
    assert {n["id"] for n in data["full"]["nodes"]} == set(expected)
    assert "数字经济" in data["title"]
    code = main(
        ["viz", str(out / "graph.trig"), "-o", str(page), "--types", "Keyword", "项目", "-q"]
    )
    assert code == 0
    kinds = {n["type"] for n in _data(page.read_text(encoding="utf-8"))["full"]["nodes"]}
    assert kinds == {"Keyword", "Project"}
    assert main(["viz", str(out / "graph.trig"), "-o", str(page), "--view", "overview"]) == 0
    assert _data(page.read_text(encoding="utf-8"))["view"] == "overview"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--keyword", "不存在"], "no keyword '不存在'"),
        (["--region", "大同市", "--industry", "农业"], "the filters select no node"),
        (["--types", "Bogus"], "unknown node type 'Bogus'"),
    ],
)
def test_viz_command_bad_filters_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    page = tmp_path / "page.html"
    from plangraph._resources import data_file

    sample = str(data_file("shanxi-2024.yaml"))
    assert main(["viz", sample, "-o", str(page), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not page.exists()
