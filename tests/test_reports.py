"""Every report of ../shared/reports/ read against the hand-checked truth of
``tests/truth/structure.yaml``: year, issuer, speaker, date, parts, keywords, tasks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plangraph.extraction import prepare
from plangraph.extraction.header import issuing_region
from plangraph.extraction.structure import Structure, parse_structure

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
TRUTH = Path(__file__).parent / "truth" / "structure.yaml"

pytestmark = [
    pytest.mark.skipif(not REPORTS.is_dir(), reason="../shared/reports is not present"),
    pytest.mark.corpus,
]


def _truth() -> dict[str, Any]:
    truth: dict[str, Any] = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    return truth


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[str, Structure]]:
    out = {}
    for name in _truth():
        text = prepare((REPORTS / name).read_text(encoding="utf-8-sig"))
        out[name] = (text, parse_structure(text))
    return out


def _merged(parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Parts with adjacent ones of one kind joined (二、总体要求 and 三、重点工作 are one plan)."""
    out: list[tuple[str, int]] = []
    for kind, start in parts:
        if kind != "opening" and not (out and out[-1][0] == kind):
            out.append((kind, start))
    return out


def _value(field: Any) -> str | None:
    return None if field is None else str(field.value)


def test_header_fields_of_every_report(read: dict[str, tuple[str, Structure]]) -> None:
    wrong = []
    for name, truth in _truth().items():
        text, s = read[name]
        got = {
            "year": s.year,
            "region": issuing_region(text, s.header).code,
            "speaker": _value(s.header.speaker),
            "delivered": _value(s.header.delivered),
            "header_end": s.header.end,
        }
        want = {k: truth[k] for k in got}
        want["delivered"] = str(want["delivered"]) if want["delivered"] else None
        wrong += [f"{name} {k}: {got[k]!r}, truth {want[k]!r}" for k in got if got[k] != want[k]]
    assert not wrong, "\n".join(wrong)


def test_parts_of_every_report(read: dict[str, tuple[str, Structure]]) -> None:
    wrong = []
    for name, truth in _truth().items():
        _, s = read[name]
        got = _merged([(p.kind, p.start) for p in s.parts])
        want = _merged([(p["type"], p["start"]) for p in truth["parts"]])
        if got != want:
            wrong.append(f"{name}: {got} != {want}")
    assert not wrong, "\n".join(wrong)


def test_keywords_and_tasks_of_every_report(read: dict[str, tuple[str, Structure]]) -> None:
    wrong = []
    for name, truth in _truth().items():
        _, s = read[name]
        if [k.body_start for k in s.keywords] != truth["keywords"]:
            wrong.append(f"{name} keywords: {[k.body_start for k in s.keywords]}")
        if len(s.tasks) != truth["tasks"]:
            wrong.append(f"{name} tasks: {len(s.tasks)}, truth {truth['tasks']}")
        elif s.tasks and not 0 <= s.tasks[0].start - truth["tasks_at"] <= 4:  # marker: 一是, ①
            wrong.append(f"{name} first task at {s.tasks[0].start}, truth {truth['tasks_at']}")
    assert not wrong, "\n".join(wrong)


def test_no_header_gives_the_same_year_and_never_another_region(
    read: dict[str, tuple[str, Structure]],
) -> None:
    """Cut above 各位代表, a report keeps its year; its issuer is the same when the speech names
    it (我代表北京市人民政府, 驻黔人民解放军) and national otherwise, never another place."""
    wrong, named = [], 0
    for name, (text, s) in read.items():
        start = text.find("各位代表")
        if start <= 0:
            continue
        cut = parse_structure(text[start:])
        region = issuing_region(text, s.header).code
        got = issuing_region(text[start:], cut.header).code
        named += got is not None
        if cut.year != s.year or got not in (region, None):
            wrong.append(f"{name}: {cut.year}, {got} headless; {s.year}, {region} with its header")
    assert not wrong, "\n".join(wrong)
    assert named >= 40  # most reports name themselves in the thanks
