"""Scoring against a check set of mentions (plangraph-gold/1)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.errors import InputError
from plangraph.extraction import extract
from plangraph.extraction.goldset import evaluate_gold, load_gold

# Written for these tests; not from any real report.
TEXT = (
    "2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n"
    "推进太原至大同铁路建设，均衡水平稳步提高，新建农村公路500公里。\n"
)


def _gold(tmp_path: Path, body: str) -> Path:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    start = TEXT.index("推进")
    path = tmp_path / "r.gold.yaml"
    path.write_text(
        f"format: plangraph-gold/1\nsource: r.txt\nsha256: {digest}\nchars: {len(TEXT)}\n"
        f"passages:\n  - {{start: {start}, end: {len(TEXT)}, what: work}}\n{body}",
        encoding="utf-8",
    )
    return path


def _at(quote: str) -> str:
    start = TEXT.index(quote)
    return f"start: {start}, end: {start + len(quote)}, quote: {quote}"


def test_each_class_is_scored_on_the_passages(tmp_path: Path) -> None:
    gold_file = _gold(
        tmp_path,
        f"places:\n  - {{{_at('太原')}, code: '140100'}}\n  - {{{_at('大同')}, code: '140200'}}\n"
        f"projects:\n  - {{{_at('太原至大同铁路')}, kind: works}}\n"
        "industries: []\n"
        "quantities:\n"
        f"  - {{{_at('新建农村公路500公里')}, kind: target, indicator: 新建农村公路, value: 500,"
        " unit: KiloM, qualifier: Exact, growth: false}\n",
    )
    report = evaluate_gold(extract(tmp_path / "r.txt"), load_gold(gold_file))
    targets = report.score("targets")
    assert (targets.gold, targets.matched) == (1, 1)
    places = report.score("places")
    assert places.gold == 2
    # 均衡水平 holds 衡水: a place read out of a word is a wrong place, never a right one
    assert not any("衡水" in extra for extra in places.extras) or places.precision < 1


def test_a_check_set_for_another_text_is_refused(tmp_path: Path) -> None:
    gold_file = _gold(tmp_path, "places: []\n")
    other = tmp_path / "other.txt"
    other.write_text(TEXT + "甲。\n", encoding="utf-8")
    with pytest.raises(InputError, match="check set is for r.txt"):
        evaluate_gold(extract(other), load_gold(gold_file))


def test_the_command_scores_a_folder_of_check_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _gold(tmp_path, "places: []\nprojects: []\nindustries: []\nquantities: []\n")
    assert main(["eval", str(tmp_path), str(tmp_path / "r.gold.yaml")]) == 0
    out = capsys.readouterr().out
    assert "places" in out and "targets" in out
