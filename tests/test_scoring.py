"""Scoring extraction against reviewed records (plangraph.evaluate, plangraph eval)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.extraction import extract
from plangraph.extraction.scoring import evaluate


def test_quality_on_the_founding_sample(corpus: Path) -> None:
    from plangraph._resources import data_file
    from plangraph.records.reader import load_records

    predicted = extract(corpus / "shanxi-2024-keywords.txt", doc_id="shanxi-2024")
    gold = load_records(Path(str(data_file("shanxi-2024.yaml"))))
    report = evaluate(predicted, gold)
    table = report.table(errors=True)
    for kind in ("targets", "tasks"):
        score = report.score(kind)
        assert score.precision >= 0.9 and score.recall >= 0.9, table
    assert report.score("projects").f1 >= 0.8, table
    assert report.score("region-codes").precision >= 0.95, table


def test_eval_cli_prints_the_table(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from plangraph._resources import data_file

    gold = str(data_file("shanxi-2024.yaml"))
    assert main(["eval", str(corpus / "shanxi-2024-keywords.txt"), gold]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["kind", "gold", "pred"]
    assert "targets" in out and "projects" in out
