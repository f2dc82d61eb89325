"""Tidy tables (plangraph.sparql.tables): one row per fact, typed columns."""

from __future__ import annotations

import doctest
from pathlib import Path

import pandas as pd
import pytest
from conftest import TEXT, records_yaml
from rdflib import Dataset, Literal, URIRef

import plangraph
from plangraph import build, load_store, open_store, projects, regions, targets
from plangraph.sparql.tables import _PROJECT_COLUMNS, _REGION_COLUMNS, _TARGET_COLUMNS

PG = "https://w3id.org/plangraph/ontology#"
ID = "https://w3id.org/plangraph/id/"


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


@pytest.fixture
def dataset(records_dir: Path) -> Dataset:
    return build([records_dir / "records.yaml"])


@pytest.fixture
def two_years(records_dir: Path) -> Dataset:
    """The same report twice: 2024, and a 2025 one whose keyword has another name."""
    later = (
        records_yaml()
        .replace("id: test-2024", "id: test-2025")
        .replace("year: 2024", "year: 2025")
        .replace("label: 交通先行", "label: 交通强省")
    )
    (records_dir / "later.yaml").write_text(later, encoding="utf-8")
    return build([records_dir / "records.yaml", records_dir / "later.yaml"])


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


class _Part(dict):  # type: ignore[type-arg]
    """Compares equal to a dict holding the same values for its keys (more keys allowed)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and all(self.get(k, object()) == v for k, v in other.items())

    __hash__ = None  # type: ignore[assignment]


def _part(row: dict[str, object]) -> _Part:
    return _Part(row)


@pytest.mark.slow
def test_doctests_run() -> None:
    result = doctest.testmod(plangraph.sparql.tables, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_targets_one_row_each_with_typed_columns(dataset: Dataset) -> None:
    frame = targets(dataset)
    assert list(frame.columns) == list(_TARGET_COLUMNS)
    assert _dtypes(frame) == _TARGET_COLUMNS
    assert _TARGET_COLUMNS["value"] == "Float64" and _TARGET_COLUMNS["year"] == "Int64"
    assert len(frame) == 2
    roads, digital = frame.iloc[0].to_dict(), frame.iloc[1].to_dict()  # in text order
    start, end = _span("新建农村公路 4300 公里")
    assert roads["target"].startswith(ID + "target/test-2024/xin-jian-nong-cun-gong-lu-")
    assert _part(roads) == {
        "document": "test-2024",
        "indicator": "新建农村公路",
        "value": 4300.0,
        "unit": "KiloM",
        "unit_label": "公里",
        "qualifier": "Exact",
        "growth": False,
        "year": 2024,
        "keyword_number": 1,
        "keyword": "交通先行",
        "regions": "山西省",
        "quote": "新建农村公路 4300 公里",
        "start": start,
        "end": end,
    }
    assert pd.isna(roads["min"]) and pd.isna(roads["max"]) and pd.isna(roads["industries"])
    assert digital["target"] == ID + "target/test-2024/digital-growth"
    assert (digital["unit"], digital["qualifier"], digital["growth"]) == ("PERCENT", "About", True)
    assert pd.isna(digital["regions"])


def test_target_ids_follow_the_records(dataset: Dataset) -> None:
    # the first target has no id: its IRI ends in the slug of its indicator
    assert targets(dataset).target.str.startswith(ID + "target/test-2024/").all()


def test_projects_and_regions(dataset: Dataset) -> None:
    frame = projects(dataset)
    assert list(frame.columns) == list(_PROJECT_COLUMNS)
    (row,) = frame.to_dict("records")
    start, end = _span("雄忻高铁")
    assert _part(row) == {
        "document": "test-2024",
        "label": "雄忻高铁",
        "keyword": "交通先行",
        "keyword_number": 1,
        "measure": "推进雄忻高铁建设",
        "regions": "忻州市",
        "targets": 0,
        "quote": "雄忻高铁",
        "start": start,
        "end": end,
    }
    places = regions(dataset)
    assert list(places.columns) == list(_REGION_COLUMNS)
    by_code = places.set_index("adcode")
    assert _part(by_code.loc["140900"].to_dict()) == {
        "label": "忻州市",
        "level": "prefecture",
        "parent": "山西省",
        "city": "忻州市",
        "province": "山西省",
        "projects": 1,
        "targets": 0,
        "documents": "test-2024",
    }
    province = by_code.loc["140000"]
    assert (province.level, province.targets, province.projects) == ("province", 1, 0)
    assert pd.isna(province.city) and pd.isna(province.parent)


def test_the_same_project_in_two_documents_has_a_row_for_each(two_years: Dataset) -> None:
    frame = projects(two_years)
    assert frame.project.nunique() == 1
    assert frame[["document", "keyword"]].values.tolist() == [
        ["test-2024", "交通先行"],
        ["test-2025", "交通强省"],
    ]
    assert frame.groupby("document").measure.first().to_dict() == {
        "test-2024": "推进雄忻高铁建设",
        "test-2025": "推进雄忻高铁建设",
    }
    both = targets(two_years)
    assert both.groupby("document").size().to_dict() == {"test-2024": 2, "test-2025": 2}
    assert both.groupby("document").year.first().to_dict() == {"test-2024": 2024, "test-2025": 2025}
    assert both.groupby("document").keyword.first().to_dict() == {
        "test-2024": "交通先行",
        "test-2025": "交通强省",
    }
    xinzhou = regions(two_years).set_index("adcode").loc["140900"]
    assert xinzhou.documents == "test-2024、test-2025"


@pytest.mark.slow
def test_the_same_tables_from_a_file_a_store_folder_and_an_open_store(
    dataset: Dataset, tmp_path: Path
) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    load_store(tmp_path / "store", trig)
    for table in (targets, projects, regions):
        expected = table(dataset)
        for data in (trig, str(tmp_path / "store"), open_store(tmp_path / "store")):
            pd.testing.assert_frame_equal(table(data), expected)


def test_an_empty_dataset_gives_empty_typed_tables() -> None:
    for table, columns in ((targets, _TARGET_COLUMNS), (projects, _PROJECT_COLUMNS)):
        frame = table(Dataset())
        assert frame.empty and _dtypes(frame) == columns
    assert regions(Dataset()).empty


def test_a_unit_outside_the_vocabulary_keeps_its_name(dataset: Dataset) -> None:
    graph = dataset.graph(URIRef(ID + "doc/test-2024"))
    target = URIRef(ID + "target/test-2024/digital-growth")
    graph.remove((target, URIRef(PG + "unit"), None))
    graph.add((target, URIRef(PG + "unit"), URIRef("http://example.org/units#Furlong")))
    frame = targets(dataset).set_index("target")
    assert frame.loc[str(target), "unit"] == "Furlong"
    assert pd.isna(frame.loc[str(target), "unit_label"])


def test_a_second_value_does_not_make_a_second_row(dataset: Dataset) -> None:
    graph = dataset.graph(URIRef(ID + "doc/test-2024"))
    target = URIRef(ID + "target/test-2024/digital-growth")
    graph.add((target, URIRef(PG + "value"), Literal(16)))  # not plangraph's own output
    assert targets(dataset).target.is_unique
