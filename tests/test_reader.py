"""The records loader (YAML): good files load and round-trip; each kind of bad file names where."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import TEXT, records_yaml

from plangraph.errors import RecordsError
from plangraph.records.reader import dump_records, load_records, parse_records


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_valid_records_load_with_defaults_filled(records_dir: Path) -> None:
    records = load_records(records_dir / "records.yaml")
    assert records.document.id == "test-2024"
    first, second = records.targets
    assert first.value == Decimal("4300") and first.unit == "KiloM"
    assert first.id == "xin-jian-nong-cun-gong-lu-" + first.id.rsplit("-", 1)[1]  # slug default
    assert first.year == 2024 and first.qualifier == "Exact"
    assert second.growth is True and second.qualifier == "About"
    for _, span in records.spans():
        assert TEXT[span.start : span.end] == span.quote


def test_records_round_trip_through_yaml(records_dir: Path) -> None:
    records = load_records(records_dir / "records.yaml")
    again = parse_records(dump_records(records))
    assert again == records


# (replace this, with that) → (field named, message fragment, line of the change)
BAD = [
    (
        "  label: 交通先行\n",
        "  label: 交通先行\n    colour: red\n",
        "keywords[0].colour",
        "unknown field",
    ),
    (
        "  - indicator: 新建农村公路\n    value: 4300\n",
        "  - value: 4300\n",
        "targets[0].indicator",
        "missing field",
    ),
    ("    value: 4300\n", "    value: lots\n", "targets[0].value", "expected a number"),
    (
        "    keyword: 1\n    measure: 推进",
        "    keyword: one\n    measure: 推进",
        "projects[0].keyword",
        "expected a whole number",
    ),
    ('  - code: "140900"\n', '  - code: "14090"\n', "regions[1].code", "six-digit"),
    (
        '  - code: "140900"\n',
        '  - code: "149999"\n',
        "regions[1].code",
        "not a code in the gazetteer",
    ),
    ('  - code: "140900"\n', "  - code: 140900\n", "regions[1].code", "quote it"),
    ("    name: 忻州市\n", "    name: 大同市\n", "regions[1].name", "not the name of 140900"),
    (
        "    keyword: 1\n    measure: 推进",
        "    keyword: 7\n    measure: 推进",
        "projects[0].keyword",
        "unknown keyword 7",
    ),
    (
        '    regions: ["140900"]\n',
        '    regions: ["140200"]\n',
        "projects[0].regions[0]",
        "unknown region",
    ),
    ("    unit: KiloM\n", "    unit: furlong\n", "targets[0].unit", "unknown unit"),
    (
        "    unit: KiloM\n",
        "    unit: KiloM\n    concept: road-length\n",
        "targets[0].concept",
        "unknown indicator concept 'road-length'",
    ),
    (
        "    qualifier: About\n",
        "    qualifier: Roughly\n",
        "targets[1].qualifier",
        "expected one of",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), BAD, ids=[b[2] for b in BAD])
def test_bad_records_name_file_line_and_field(
    records_dir: Path, old: str, new: str, field: str, message: str
) -> None:
    text = records_yaml()
    assert old in text
    bad = text.replace(old, new, 1)
    path = records_dir / "records.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError) as info:
        load_records(path)
    err = info.value
    assert err.path == str(path)
    assert err.field == field
    assert message in str(err)
    assert err.exit_code == 2
    assert err.line is not None and 1 <= err.line <= bad.count("\n") + 1
    if new:  # the error points at the changed line or the mapping that holds it
        changed = _line_of(bad, new.strip().splitlines()[0])
        assert changed - 12 <= err.line <= changed + 1


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: plangraph-records/1\ndocument: {id: x\nregions: []\n", encoding="utf-8"
    )
    with pytest.raises(RecordsError, match="YAML syntax error") as info:
        load_records(path)
    assert info.value.line == 3


@pytest.mark.parametrize("content", ["", "  \n\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RecordsError, match="empty"):
        load_records(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RecordsError, match="no such file"):
        load_records(tmp_path / "nowhere.yaml")


def test_wrong_format_version(records_dir: Path) -> None:
    bad = records_yaml().replace("plangraph-records/1", "plangraph-records/9")
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="expected 'plangraph-records/1'"):
        load_records(records_dir / "records.yaml")
