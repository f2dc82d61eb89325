"""Projects, regions and industries in sentences written for these tests, and on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plangraph._resources import data_file
from plangraph.extraction.entities import find_industries, find_projects
from plangraph.extraction.structure import clauses
from plangraph.sources.text import fold, read_source
from plangraph.vocab.names import normalise_name


def _projects(sentence: str) -> list[str]:
    return [m.name for m in find_projects(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("加快推进甲乙高铁建设，力争丙丁高铁年底建成通车。", ["甲乙高铁", "丙丁高铁"]),
        ("推动甲乙高速、戊己机场三期改扩建等项目建设。", ["甲乙高速", "戊己机场三期改扩建"]),
        ("着力推进庚辛高速公路等 9 个在建项目。", ["庚辛高速公路"]),
        ("全部开工“一湖清水”工程。", ["一湖清水工程"]),
        ("依托“千亿工程”，培育人才。", ["千亿工程"]),
        ("开工建设丙丁水利枢纽工程。", ["丙丁水利枢纽工程"]),
    ],
)
def test_named_projects(sentence: str, expected: list[str]) -> None:
    assert _projects(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "加强重点项目要素保障，实施一批省级标杆项目。",
        "建设 3-5 家省实验室，优化重组省重点实验室。",
        "新建改造 50 个城镇社区养老工程。",
        "实施晋菜晋味提升行动。",
        "年内甲县通高速公路。",
        "推进以县城为枢纽的城乡融合发展。",
    ],
)
def test_generic_phrases_are_not_projects(sentence: str) -> None:
    assert _projects(sentence) == []


def test_industries_by_alt_label() -> None:
    sentence = "推广绿色开采技术，发展煤炭工业和新能源汽车。"
    assert {m.key for m in find_industries(sentence, 0, len(sentence))} >= {"煤炭", "新能源汽车"}


def test_projects_on_the_sample_against_the_bundled_records(corpus: Path) -> None:
    text = fold(read_source(corpus / "shanxi-2024-keywords.txt").text)
    found = {m.name for s, e in clauses(text, 0, len(text)) for m in find_projects(text, s, e)}
    gold = yaml.safe_load(data_file("shanxi-2024.yaml").read_text(encoding="utf-8"))
    names = {normalise_name(p["name"]) for p in gold["projects"]}
    precision = len(found & names) / len(found)
    recall = len(found & names) / len(names)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.8, (
        f"P={precision:.2f} R={recall:.2f}\nmissed {names - found}\nextra {found - names}"
    )
