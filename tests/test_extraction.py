"""The extractor end to end: exact spans always, bad input refused, quality on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plangraph
from plangraph.cli import main
from plangraph.errors import SourceError
from plangraph.extraction import ExtractOptions, extract, extract_text
from plangraph.records.model import Records
from plangraph.records.reader import dump_records, parse_records

REPORT = (
    "2031年某某省政府工作报告\n二、2031年工作安排\n（一）扩大有效投资\n"
    "新建农村公路５００公里，加快建设甲乙高铁。\n"
)


def _all_spans_exact(records: Records, text: str) -> None:
    for where, span in records.spans():
        assert text[span.start : span.end] == span.quote, where


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_extracts_without_crash_and_spans_are_exact(text: str) -> None:
    records = extract_text(text, "any.txt", "0" * 64, ExtractOptions(year=2030, doc_id="any"))
    _all_spans_exact(records, text)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(list(REPORT) + ["％", "万", "亿", "、", "“", "”", "①"]), max_size=300)
)
def test_report_like_noise_keeps_spans_exact(chars: list[str]) -> None:
    text = REPORT + "".join(chars)
    _all_spans_exact(extract_text(text, "x.txt", "0" * 64, ExtractOptions(doc_id="x")), text)


def test_extract_full_width_and_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "report-2031.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode("gb18030"))
    records = extract(path)
    assert records.document.year == 2031 and records.document.id == "report-2031"
    (target,) = records.targets
    assert (target.value, target.unit, target.indicator) == (500, "KiloM", "新建农村公路")
    assert target.evidence[0].quote == "新建农村公路５００公里"  # the original characters
    assert [p.name for p in records.projects] == ["甲乙高铁"]
    assert parse_records(dump_records(records)) == records


def test_missing_year_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "noyear.txt"
    path.write_text("某某报告\n新建农村公路500公里。\n", encoding="utf-8")
    with pytest.raises(SourceError, match="--year"):
        extract(path)
    assert extract(path, year=2030).targets[0].year == 2030


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("报告".encode() + b"\xff\xfe\xfd", "encoding"),
    ],
)
def test_extract_cli_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    out = tmp_path / "out.yaml"
    assert main(["extract", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and message in err
    assert not out.exists()


def test_extract_cli_writes_records_that_build(tmp_path: Path) -> None:
    text = tmp_path / "report-2031.txt"
    text.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "r.yaml"
    assert main(["extract", str(text), "-o", str(out), "-q"]) == 0
    assert plangraph.validate(plangraph.build([out])).conforms


@pytest.mark.parametrize(
    "name", ["shanxi-2024-keywords.txt", "shanxi-2025.txt", "national-2024.txt", "beijing-2025.txt"]
)
def test_every_corpus_document_builds_a_conforming_graph(corpus: Path, name: str) -> None:
    records = extract(corpus / name)
    text = (corpus / name).read_bytes().decode("utf-8-sig")
    _all_spans_exact(records, text)
    assert records.targets or records.outcomes
    report = plangraph.validate(plangraph.build([corpus / name]))
    assert report.conforms, report.summary()


def test_conflicting_header_years_are_an_error_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "two-years.txt"
    path.write_text(
        "2031年某某省政府工作报告\n——2030年1月20日在某省第十四届人民代表大会第三次会议上\n"
        "各位代表：\n二、2031年工作安排\n新建农村公路500公里。\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"2031 at offset 0, 2030 at offset") as error:
        extract(path)
    assert str(path) in str(error.value)
    assert extract(path, year=2031).document.year == 2031  # --year settles it


def test_no_plan_year_is_exit_2_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "noyear.txt"
    path.write_text("某某报告\n各位代表：\n新建农村公路500公里。\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["extract", str(path), "-o", str(out)]) == 2
    assert "no plan year found" in capsys.readouterr().err and not out.exists()
    assert main(["build", str(path), "-o", str(tmp_path / "built")]) == 2
    assert not (tmp_path / "built" / "graph.trig").exists()


FIVE_YEARS = (
    "2031年某某省政府工作报告\n各位代表：\n一、2030年工作和“十五五”发展回顾\n"
    "过去一年，新建农村公路480公里。\n“十五五”时期，累计新建农村公路2000公里，"
    "地区生产总值年均增长5.2%。\n二、“十六五”时期主要目标任务\n到2035年，地区生产总值达到3万亿元，"
    "年均增长5%左右。到2033年，新建农村公路1500公里。\n三、2031年重点工作\n"
    "新建农村公路500公里。\n"
)


def test_a_figure_takes_the_time_of_its_part() -> None:
    records = extract_text(FIVE_YEARS, "report-2031.txt", "0" * 64)
    seen = {
        (q.evidence[0].quote, q.year, q.period_start, q.period_end, q.average, q.cumulative)
        for q in [*records.targets, *records.outcomes]
    }
    assert ("新建农村公路480公里", 2030, None, None, False, False) in seen
    assert ("累计新建农村公路2000公里", 2030, 2026, 2030, False, True) in seen
    assert ("地区生产总值年均增长5.2%", 2030, 2026, 2030, True, False) in seen
    assert ("地区生产总值达到3万亿元", 2035, 2031, 2035, False, False) in seen
    assert ("新建农村公路1500公里", 2033, None, None, False, False) in seen  # 到2033年
    assert ("新建农村公路500公里", 2031, None, None, False, False) in seen
    plan_year = [q for q in records.targets if q.year == 2031]
    assert [q.evidence[0].quote for q in plan_year] == ["新建农村公路500公里"]
    assert {q.evidence[0].quote for q in records.outcomes} >= {"新建农村公路480公里"}
    assert not {q.evidence[0].quote for q in records.targets} & {"新建农村公路480公里"}
