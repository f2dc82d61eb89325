"""Industries in sentences written for these tests, and projects on the bundled sample."""

from __future__ import annotations

from pathlib import Path

from plangraph._resources import data_file


def test_projects_on_the_sample_against_the_bundled_records(corpus: Path) -> None:
    from plangraph.extraction import extract
    from plangraph.extraction.scoring import evaluate
    from plangraph.records.reader import load_records

    gold = load_records(data_file("shanxi-2024.yaml"), source_dirs=[corpus])
    score = evaluate(extract(corpus / "shanxi-2024-keywords.txt"), gold).score("projects")
    assert score.f1 >= 0.9, (
        f"P={score.precision:.2f} R={score.recall:.2f}\n{score.misses}\n{score.extras}"
    )
