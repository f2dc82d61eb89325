"""The checks on loaded records: spans against the source text, its digest, ranges, ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEXT, records_yaml

from plangraph.errors import RecordsError
from plangraph.records.reader import load_records


def test_span_outside_the_source_text(records_dir: Path) -> None:
    (records_dir / "source.txt").unlink()  # only the recorded length bounds the spans
    bad = records_yaml().replace(f"chars: {len(TEXT)}", "chars: 20")
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="lies outside the source text"):
        load_records(records_dir / "records.yaml", source_dirs=[])


def test_quote_that_differs_from_the_text(records_dir: Path) -> None:
    bad = records_yaml().replace("quote: 雄忻高铁}", "quote: 雄安高铁}")
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="is '雄忻高铁', not '雄安高铁'") as info:
        load_records(records_dir / "records.yaml")
    assert info.value.field == "projects[0].evidence"


def test_quote_of_the_wrong_length(records_dir: Path) -> None:
    bad = records_yaml().replace("quote: 雄忻高铁}", "quote: 雄忻高铁线}")
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="not 4 characters long"):
        load_records(records_dir / "records.yaml")


def test_source_whose_sha256_does_not_match(records_dir: Path) -> None:
    (records_dir / "records.yaml").write_text(records_yaml(sha256="a" * 64), encoding="utf-8")
    with pytest.raises(RecordsError, match="has sha256") as info:
        load_records(records_dir / "records.yaml")
    assert info.value.field == "document.source.sha256"


def test_missing_source_is_an_error_only_when_strict(records_dir: Path) -> None:
    (records_dir / "source.txt").unlink()
    load_records(records_dir / "records.yaml")  # spans still checked against chars
    with pytest.raises(RecordsError, match="source.txt not found"):
        load_records(records_dir / "records.yaml", strict_source=True)


def test_range_needs_min_not_above_max(records_dir: Path) -> None:
    bad = records_yaml().replace(
        "    value: 15\n    unit: PERCENT\n    qualifier: About\n",
        "    min: 5\n    max: 3\n    unit: PERCENT\n    qualifier: Range\n",
    )
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="min 5 is greater than max 3"):
        load_records(records_dir / "records.yaml")


def test_duplicate_target_ids(records_dir: Path) -> None:
    bad = records_yaml().replace("  - id: digital-growth\n", "  - id: digital-growth\n", 1)
    bad = bad.replace(
        "  - indicator: 新建农村公路\n", "  - id: digital-growth\n    indicator: 新建农村公路\n"
    )
    (records_dir / "records.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RecordsError, match="appears twice in targets"):
        load_records(records_dir / "records.yaml")
