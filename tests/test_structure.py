"""Document structure on texts written for these tests, and on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.extraction.structure import clauses, parse_structure
from plangraph.sources.text import fold, read_source

REPORT = """2031年某某省政府工作报告
各位代表：
一、2030年工作回顾
（一）稳住经济大盘。全年新建公路100公里。
二、2031年工作安排
（一）扩大有效投资
加快建设甲乙高铁。
（二）办好民生实事。今年办好十件民生实事。一是新建养老中心50个。二是免费送戏下乡1万场。三是改造电梯500部。
"""


def test_header_parts_keywords_and_tasks() -> None:
    s = parse_structure(REPORT)
    assert (s.header.title, s.header.year, s.header.kind) == (
        "2031年某某省政府工作报告",
        2031,
        "report",
    )
    assert [k.label for k in s.keywords] == ["稳住经济大盘", "扩大有效投资", "办好民生实事"]
    assert [k.part for k in s.keywords] == ["review", "plan", "plan"]
    assert s.part_at(REPORT.index("新建公路")) == "review"
    assert s.part_at(REPORT.index("甲乙高铁")) == "plan"
    assert [t.n for t in s.tasks] == [1, 2, 3]
    first = s.tasks[0]
    assert REPORT[first.label_start : first.label_end] == "新建养老中心50个"


def test_keyword_spans_are_exact() -> None:
    s = parse_structure(REPORT)
    for k in s.keywords:
        assert REPORT[k.start : k.end] == k.label
        assert s.keyword_at(k.start) is k


def test_summary_form_with_numbered_keywords_and_circled_tasks() -> None:
    text = (
        "# 2030，几个关键词\n\n关键词 1\n\n## 开放\n\n正文。\n\n关键词 2\n\n## 绿色\n\n"
        "正文。\n\n- ① 甲。\n- ② 乙。\n- ③ 丙。\n"
    )
    s = parse_structure(text)
    assert s.header.kind == "summary" and s.header.year == 2030
    assert [k.label for k in s.keywords] == ["开放", "绿色"]
    assert [t.n for t in s.tasks] == [1, 2, 3]


def test_clauses_cover_the_text_without_leading_space() -> None:
    text = "甲。 乙；丙\n丁"
    pieces = [text[s:e] for s, e in clauses(text, 0, len(text))]
    assert pieces == ["甲。", "乙；", "丙\n", "丁"]


@pytest.mark.parametrize(
    ("name", "keywords", "tasks", "year"),
    [
        ("shanxi-2024-keywords.txt", 10, 15, 2024),
        ("shanxi-2025.txt", 12, 15, 2025),
        ("national-2024.txt", 10, 0, 2024),
        ("beijing-2025.txt", 11, 0, 2025),
    ],
)
def test_corpus_structure(corpus: Path, name: str, keywords: int, tasks: int, year: int) -> None:
    text = fold(read_source(corpus / name).text)
    s = parse_structure(text)
    assert s.header.year == year
    assert len(s.keywords) == keywords
    assert len(s.tasks) == tasks
