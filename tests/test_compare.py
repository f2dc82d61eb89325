"""plangraph compare: targets of an indicator concept side by side, with their outcomes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from indicator_records import figure, write_document
from rdflib import Dataset, Literal, URIRef

import plangraph
from plangraph.cli import main
from plangraph.errors import InputError
from plangraph.graph.namespace import PG
from plangraph.graph.rdfize import rdfize
from plangraph.records.reader import load_records
from plangraph.sparql.compare import COLUMNS


def _gdp(quote: str, **numbers: object) -> dict[str, object]:
    return figure(quote, "地区生产总值", "gdp-growth", growth=True, **numbers)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two provinces and the State Council, 2025–2027, some outcomes linked, some not."""
    write_document(
        tmp_path,
        "anhui-2025",
        2025,
        "340000",
        targets=[
            _gdp("地区生产总值增长5.5%左右", id="gdp", value=5.5, qualifier="About"),
            figure(
                "城镇调查失业率5.5%左右",
                "城镇调查失业率",
                "unemployment-rate",
                value=5.5,
                qualifier="About",
            ),
            figure("常住人口城镇化率达到62%", "常住人口城镇化率", "urbanisation-rate", value=62),
            figure("新建农村公路800公里", "新建农村公路", None, value=800, unit="KiloM"),
        ],
    )
    write_document(
        tmp_path,
        "anhui-2026",
        2026,
        "340000",
        targets=[_gdp("地区生产总值增长5%—5.5%", min=5, max=5.5, qualifier="Range")],
        outcomes=[
            # linked by hand, with the status the link gives
            _gdp(
                "地区生产总值增长5.4%",
                value=5.4,
                year=2025,
                reports="target/anhui-2025/gdp",
                status="met",
            ),
            # not linked: found by concept, region and year
            figure(
                "城镇调查失业率5.1%", "城镇调查失业率", "unemployment-rate", value=5.1, year=2025
            ),
            # a change of a share does not answer a level
            figure(
                "常住人口城镇化率提高1个百分点",
                "常住人口城镇化率",
                "urbanisation-rate",
                value=1,
                unit="PercentagePoint",
                growth=True,
                year=2025,
            ),
        ],
    )
    write_document(
        tmp_path,
        "zhejiang-2026",
        2026,
        "330000",
        targets=[
            _gdp("生产总值增长5%—5.5%", min=5, max=5.5, qualifier="Range"),
            figure(
                "居民消费价格涨幅2%左右",
                "居民消费价格涨幅",
                "cpi-growth",
                value=2,
                qualifier="About",
                growth=True,
            ),
        ],
    )
    write_document(
        tmp_path,
        "zhejiang-2027",
        2027,
        "330000",
        outcomes=[_gdp("生产总值增长4.8%", value=4.8, year=2026)],
    )
    write_document(
        tmp_path,
        "national-2021",
        2021,
        None,
        targets=[
            figure(
                "国内生产总值增长6%以上",
                "国内生产总值",
                "gdp-growth",
                value=6,
                qualifier="AtLeast",
                growth=True,
            )
        ],
    )
    write_document(
        tmp_path,
        "national-2022",
        2022,
        None,
        targets=[
            figure(
                "国内生产总值增长5.5%左右",
                "国内生产总值",
                "gdp-growth",
                value=5.5,
                qualifier="About",
                growth=True,
            )
        ],
        outcomes=[
            figure(
                "国内生产总值增长8.1%",
                "国内生产总值",
                "gdp-growth",
                value=8.1,
                growth=True,
                year=2021,
            )
        ],
    )
    return tmp_path


@pytest.fixture
def dataset(folder: Path) -> Dataset:
    """The records made into a graph as they are: no tracking run, so only the hand link."""
    return rdfize(load_records(path) for path in sorted(folder.glob("*.yaml")))


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame[list(columns)].values]


def test_one_year_side_by_side(dataset: Dataset, folder: Path) -> None:
    table = plangraph.compare(dataset, "gdp-growth", year=2026)
    assert _rows(table, "region", "region_name", "min", "max", "qualifier") == [
        ("330000", "浙江省", 5.0, 5.5, "Range"),
        ("340000", "安徽省", 5.0, 5.5, "Range"),
    ]
    zhejiang = table.iloc[0]
    assert (zhejiang.outcome_value, zhejiang.outcome_document) == (4.8, "zhejiang-2027")
    assert (zhejiang.status, zhejiang.match) == ("not-met", "concept")  # 4.8 below 5–5.5
    assert pd.isna(table.iloc[1].outcome_value)  # anhui has no 2027 report
    assert zhejiang.quote == "生产总值增长5%—5.5%" and zhejiang.document == "zhejiang-2026"
    text = (folder / "zhejiang-2026.txt").read_text(encoding="utf-8")
    assert text[zhejiang.start : zhejiang.end] == zhejiang.quote


def test_one_region_over_the_years(dataset: Dataset) -> None:
    table = plangraph.compare(dataset, "gdp-growth", region="340000")
    assert _rows(table, "year", "value", "outcome_value", "status", "match") == [
        (2025, 5.5, 5.4, "met", "link"),  # the hand link and its status
        (2026, None, None, None, None),
    ]


def test_an_outcome_found_by_concept_is_judged_by_the_concepts_direction(
    dataset: Dataset,
) -> None:
    table = plangraph.compare(dataset, "unemployment-rate,urbanisation-rate", region="340000")
    assert _rows(table, "concept", "value", "outcome_value", "status", "match") == [
        ("unemployment-rate", 5.5, 5.1, "exceeded", "concept"),  # lower is better
        ("urbanisation-rate", 62.0, None, None, None),  # a change in points answers no level
    ]


def test_the_national_series(dataset: Dataset) -> None:
    table = plangraph.compare(dataset, ["gdp-growth"], region="national")
    assert _rows(table, "year", "region", "value", "qualifier", "outcome_value", "status") == [
        (2021, None, 6.0, "AtLeast", 8.1, "exceeded"),
        (2022, None, 5.5, "About", None, None),
    ]


def test_concepts_in_the_order_asked_and_typed_columns(dataset: Dataset) -> None:
    table = plangraph.compare(dataset, "cpi-growth,gdp-growth", year=2026)
    assert list(table.concept) == ["cpi-growth", "gdp-growth", "gdp-growth"]
    assert str(table.year.dtype) == "Int64" and str(table.value.dtype) == "Float64"
    assert str(table.aspirational.dtype) == "boolean" and not table.aspirational.any()
    assert list(table.columns) == list(COLUMNS)


def test_an_aspirational_target_says_so(dataset: Dataset, folder: Path) -> None:
    target = URIRef("https://w3id.org/plangraph/id/target/anhui-2025/gdp")
    graph = dataset.graph(URIRef("https://w3id.org/plangraph/id/doc/anhui-2025"))
    graph.add((target, URIRef(str(PG._NS) + "aspirational"), Literal(True)))
    table = plangraph.compare(dataset, "gdp-growth", year=2025)
    assert list(table.aspirational) == [True]


def test_the_named_query_gives_the_same_targets(dataset: Dataset) -> None:
    raw = plangraph.query(
        dataset,
        "compare",
        concept=URIRef("https://w3id.org/plangraph/indicator/gdp-growth"),
        year=2026,
    )
    assert isinstance(raw, pd.DataFrame)
    assert sorted(raw.document.str.rsplit("/", n=1).str[-1].unique()) == [
        "anhui-2026",
        "zhejiang-2026",
    ]
    assert set(raw.match.dropna()) == {"concept"}


def test_tracking_links_come_first(folder: Path) -> None:
    """Built with tracking, the 2022 report's GDP growth is linked to the 2021 target: the
    link gives the outcome and its status (match "link"), not the concept matching."""
    built = plangraph.build(sorted(folder.glob("*.yaml")))
    table = plangraph.compare(built, "gdp-growth", region="national")
    assert _rows(table, "year", "outcome_value", "status", "match") == [
        (2021, 8.1, "exceeded", "link"),
        (2022, None, None, None),
    ]


def test_unknown_concepts_and_bad_regions_are_input_errors(dataset: Dataset) -> None:
    with pytest.raises(InputError, match="unknown indicator concept 'gdp-grwoth'.*gdp-growth"):
        plangraph.compare(dataset, "gdp-grwoth")
    with pytest.raises(InputError, match="six-digit"):
        plangraph.compare(dataset, "gdp-growth", region="Anhui")


@pytest.fixture
def trig(dataset: Dataset, tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    return path


def test_cli_unknown_concept_exits_2_listing_the_known_ones(
    trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", "--indicator", "gdp", "--data", str(trig)]) == 0
    assert main(["compare", "--indicator", "gdpgrowth", "--data", str(trig)]) == 2
    err = capsys.readouterr().err
    assert "unknown indicator concept 'gdpgrowth'" in err
    assert "gdp-growth" in err and "unemployment-rate" in err and "pm25" in err


def test_cli_csv_loads_in_pandas_with_typed_columns(
    trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["compare", "--indicator", "gdp-growth", "--data", str(trig), "--format", "csv"]) == 0
    )
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"region": "string"})
    assert len(table) == 5
    assert table.year.dtype == "int64"
    assert table.value.dtype == "float64" and table["min"].dtype == "float64"
    assert table.aspirational.dtype == "bool"
    assert table.outcome_value.dtype == "float64"
    assert sorted(table.region.dropna()) == ["330000", "340000", "340000"]


def test_cli_table_and_json(trig: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["compare", "--indicator", "gdp-growth", "--region", "340000", "--data", str(trig)])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "安徽省" in lines[1] and "link" in lines[1]
    assert (
        main(
            [
                "compare",
                "--indicator",
                "gdp-growth",
                "--year",
                "2026",
                "--data",
                str(trig),
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [(r["region"], r["min"], r["max"]) for r in rows] == [
        ("330000", 5.0, 5.5),
        ("340000", 5.0, 5.5),
    ]


# --- the national series of ../shared/reports ------------------------------------------------

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
TRUTH = Path(__file__).parent / "truth" / "headline-targets.yaml"
# what each year's report says of the year before, against that year's target (read by hand)
NATIONAL_STATUS = {
    2014: "met",
    2015: "met",
    2016: "met",
    2017: "exceeded",
    2018: "met",
    2021: "exceeded",
}


def _national_pairs() -> dict[int, tuple[dict[str, object], dict[str, object]]]:
    """Year → (the GDP growth target, the growth the next report gives), from the truth: the
    2019 target has no pair (there is no 2020 report), nor has 2022's."""
    import yaml

    truth = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    national = {p: d for p, d in truth.items() if p.startswith("national/")}
    targets = {int(p[-8:-4]): d["targets"][0] for p, d in national.items()}
    outcomes = {o["year"]: o for d in national.values() for o in d["outcomes"]}
    return {y: (t, outcomes[y]) for y, t in targets.items() if y in outcomes}


def test_the_truth_has_six_national_pairs() -> None:
    assert sorted(_national_pairs()) == sorted(NATIONAL_STATUS)


@pytest.mark.corpus  # reads ../shared
def test_national_gdp_targets_against_the_next_reports(tmp_path: Path) -> None:
    folder = REPORTS / "national"
    if not (folder / "national-2022.txt").is_file():
        pytest.skip("../shared/reports/national is not present")
    result = plangraph.build_to([folder], tmp_path / "out", html=False, keep_going=True)
    table = plangraph.compare(result.outputs[0], "gdp-growth", region="national")
    found = {}
    for year, (target, _) in _national_pairs().items():
        quote = str(target["quote"])  # the extractor's span may hold a word more or less
        same = [quote in str(q) or str(q) in quote for q in table.quote.fillna("")]
        rows = table[(table.year == year) & pd.Series(same, index=table.index)]
        assert len(rows) == 1, f"{year}: the target {target['quote']} is not in the table"
        row = rows.iloc[0]
        numbers = [None if pd.isna(row[k]) else row[k] for k in ("value", "min", "max")]
        assert numbers == [target.get(k) for k in ("value", "min", "max")], year
        found[year] = (row.outcome_value, row.status, row.match)
    assert found == {
        year: (outcome["value"], NATIONAL_STATUS[year], "link")
        for year, (_, outcome) in _national_pairs().items()
    }
