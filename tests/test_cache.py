"""The records' JSON cache form: what goes in comes out."""

from __future__ import annotations

from pathlib import Path

from plangraph.records.cache import records_from_json, records_to_json
from plangraph.records.reader import load_records


def test_records_round_trip_through_the_cache_form(records_dir: Path) -> None:
    records = load_records(records_dir / "records.yaml")
    assert records_from_json(records_to_json(records)) == records
