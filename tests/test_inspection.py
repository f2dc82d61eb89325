"""``plangraph inspect``: what plangraph took a document to be, with the evidence of each field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.extraction.inspection import inspect_document

# Written for these tests; not from any real report.
TEXT = (
    "政府工作报告\n——2031年1月20日在某省第十四届人民代表大会第三次会议上\n来源：某某日报\n"
    "省长 张三\n各位代表：\n一、2030年工作和“十五五”发展回顾\n过去一年，新建农村公路480公里。\n"
    "“十五五”时期，累计新建农村公路2000公里。\n二、2031年重点工作\n（一）扩大有效投资\n"
    "新建农村公路500公里，加快建设甲乙高铁。\n（二）办好民生实事\n今年办好3件民生实事。"
    "一是新建养老中心50个。二是改造电梯500部。三是新增学位1万个。\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report-2031.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_fields_carry_the_characters_they_were_read_from(report: Path) -> None:
    found = inspect_document(report)
    fields = {f.name: f for f in found.header}
    assert fields["year"].value == "2031" and fields["year"].quote == "2031"
    assert fields["delivered"].value == "2031-01-20"
    assert fields["speaker"].value == "张三"
    for f in found.header:
        if f.start is not None and f.end is not None:
            assert TEXT[f.start : f.end] == f.quote, f.name
    # 某省 is no real division: the report is national, and the inspection says why
    assert fields["region"].value is not None and fields["region"].value.startswith("national")


def test_parts_ranges_and_counts(report: Path) -> None:
    found = inspect_document(report)
    kinds = [(p.kind, p.period) for p in found.parts]
    assert kinds == [
        ("opening", None),
        ("review", None),
        ("five-year-review", "2026–2030"),
        ("plan", None),
    ]
    assert [p.start for p in found.parts[1:]] == [p.end for p in found.parts[:-1]]
    plan = found.parts[-1]
    assert plan.counts["targets"] >= 4 and plan.counts["tasks"] == 3
    assert found.parts[1].counts["outcomes"] == 1 and found.parts[2].counts["outcomes"] == 1
    assert found.keywords == ["扩大有效投资", "办好民生实事"]
    assert len(found.tasks) == 3


def test_the_command_prints_a_table_or_json(
    report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(report)]) == 0
    table = capsys.readouterr().out
    for words in ("year", "2031", "five-year-review", "2026–2030", "扩大有效投资", "[0–"):
        assert words in table
    assert main(["inspect", str(report), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["kind"] for p in data["parts"]][-1] == "plan"
    assert data["counts"]["tasks"] == 3


def test_a_bad_document_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "noyear.txt"
    path.write_text("某某报告\n各位代表：\n新建农村公路500公里。\n", encoding="utf-8")
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "no plan year" in err
