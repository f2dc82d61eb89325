"""One indicator across the regions and years of a build: targets side by side, and what the
later reports say became of them.

:func:`compare` runs the named query ``compare`` (``sparql/queries/compare.rq``) once for each
indicator concept asked for and tidies its answer into one row per target: the region and year,
the target's numbers, qualifier and evidence, and, where a later report gives one, the outcome
and its status. The outcome is the one a tracking link names (``pg:reports``, ``match`` is
``link``, the status is the link's), else one of the same concept, region and year, of the same
kind, in a later document (``match`` is ``concept``, the status judged here by the concept's
direction). Rows come by concept, year and region: the provinces of one year side by side with
``year``, one region's time series with ``region``::

    plangraph.compare("out/graph.trig", "gdp-growth", year=2026)
    plangraph.compare("out/graph.trig", ["gdp-growth", "cpi-growth"], region="140000")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from rdflib import Dataset, Graph

    Data = pyoxigraph.Store | Dataset | Graph | str | Path

__all__ = ["COLUMNS", "NATIONAL", "compare", "format_table", "indicator_names"]

NATIONAL = "national"
"""The ``region`` that selects the documents no region issued (the State Council's)."""

COLUMNS = {
    "concept": "string",
    "region": "string",
    "region_name": "string",
    "year": "Int64",
    "document": "string",
    "value": "Float64",
    "min": "Float64",
    "max": "Float64",
    "unit": "string",
    "qualifier": "string",
    "aspirational": "boolean",
    "growth": "boolean",
    "period_start": "Int64",
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
    "outcome_value": "Float64",
    "outcome_min": "Float64",
    "outcome_max": "Float64",
    "outcome_document": "string",
    "outcome_quote": "string",
    "status": "string",
    "match": "string",
}
"""The columns of :func:`compare`'s table and their pandas types."""

_SHOWN = [
    "concept",
    "region",
    "region_name",
    "year",
    "value",
    "min",
    "max",
    "unit",
    "qualifier",
    "aspirational",
    "outcome_value",
    "status",
    "match",
]
_RENAME = {
    "regionCode": "region",
    "regionName": "region_name",
    "periodStart": "period_start",
    "outcomeValue": "outcome_value",
    "outcomeMin": "outcome_min",
    "outcomeMax": "outcome_max",
    "reportedIn": "outcome_document",
    "outcomeQuote": "outcome_quote",
}
_DOC_BASE = "https://w3id.org/plangraph/id/doc/"
_PG = "https://w3id.org/plangraph/ontology#"
_STATUS = {"Met": "met", "Exceeded": "exceeded", "NotMet": "not-met", "Reported": "reported"}


def indicator_names(indicator: str | Sequence[str]) -> list[str]:
    """The concept names asked for (``gdp-growth,cpi-growth`` or a list); an InputError that
    lists the known names when one is unknown."""
    from plangraph.vocab.indicators import indicators

    asked = indicator.split(",") if isinstance(indicator, str) else list(indicator)
    names = [name.strip() for name in asked if name.strip()]
    scheme = indicators()
    unknown = [name for name in names if name not in scheme]
    if unknown or not names:
        import difflib

        what = "no indicator concept given"
        if unknown:
            close = difflib.get_close_matches(unknown[0], scheme.names(), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            what = f"unknown indicator concept {', '.join(map(repr, unknown))}{hint}"
        raise InputError(f"{what}; the known ones are: " + ", ".join(scheme.names()))
    return list(dict.fromkeys(names))


def _region(region: str | None) -> str | None:
    if region is None or region == NATIONAL:
        return region
    if not re.fullmatch(r"[0-9]{6}", region):
        raise InputError(
            f"a region is a six-digit GB/T 2260 code (such as 140000) or {NATIONAL!r},"
            f" not {region!r}"
        )
    return region


def compare(
    data: Data,
    indicator: str | Sequence[str],
    *,
    year: int | None = None,
    region: str | None = None,
) -> pandas.DataFrame:
    """The targets of the indicator concept(s) ``indicator`` in ``data`` (a built graph file, a
    store folder, an rdflib Dataset or an open store), one row each, with the outcome a later
    report gives for each; only those of ``year``, and of ``region`` (a code, or
    ``"national"``), when given.

    Columns (:data:`COLUMNS`): ``concept``, ``region`` (code; ``<NA>`` for the State Council),
    ``region_name``, ``year``, ``document`` (id), ``value``, ``min``, ``max``, ``unit`` (key of
    data/units.yaml), ``qualifier``, ``aspirational``, ``growth``, ``period_start`` (for a
    figure of several years), ``quote``, ``start``, ``end`` (the target's first evidence span:
    character offsets into its document's text), ``outcome_value``,
    ``outcome_min``, ``outcome_max``, ``outcome_document``, ``outcome_quote``, ``status``
    (``met``, ``exceeded``, ``not-met``, ``reported``) and ``match`` (``link`` when a tracking
    link names the outcome, ``concept`` when it was found by concept, region and year).
    """
    import pandas as pd
    import pyoxigraph

    from plangraph.sparql.store import open_data
    from plangraph.vocab.indicators import indicators

    names = indicator_names(indicator)
    region = _region(region)
    store = open_data(data)
    scheme = indicators()
    frames = []
    for name in names:
        bindings: dict[str, object] = {"concept": pyoxigraph.NamedNode(scheme[name].iri)}
        if year is not None:
            bindings["year"] = int(year)
        if region is not None and region != NATIONAL:
            bindings["region"] = region
        frames.append(_select(store, bindings))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if region == NATIONAL:
        frame = frame[frame["regionCode"].isna()]
    return _tidy(frame, names)


def _select(store: pyoxigraph.Store, bindings: dict[str, object]) -> pandas.DataFrame:
    import pandas as pd

    from plangraph.sparql.execute import query

    frame = query(store, "compare", **bindings)
    assert isinstance(frame, pd.DataFrame)  # a SELECT always gives one
    return frame


def _tidy(frame: pandas.DataFrame, names: list[str]) -> pandas.DataFrame:
    """One row per target (its linked outcome first, else the nearest later report's), typed
    columns, statuses judged where no link gave one, rows by concept, year and region."""
    import pandas as pd

    from plangraph.vocab.indicators import INDICATOR_BASE

    frame = frame.rename(columns=_RENAME)
    if frame.empty:
        return pd.DataFrame({k: pd.Series(dtype=t) for k, t in COLUMNS.items()})
    frame["concept"] = frame["concept"].str.removeprefix(INDICATOR_BASE)
    for column in ("document", "outcome_document"):
        frame[column] = frame[column].str.removeprefix(_DOC_BASE)
    for column in ("qualifier", "status"):
        frame[column] = frame[column].str.replace(r"^.*#", "", regex=True)
    frame["status"] = frame["status"].map(_STATUS.get, na_action="ignore")
    frame["unit"] = frame["unit"].map(_unit_key, na_action="ignore")
    frame["outcomeUnit"] = frame["outcomeUnit"].map(_unit_key, na_action="ignore")
    frame["aspirational"] = frame["aspirational"].astype("boolean").fillna(False)
    frame["_order"] = frame["match"].map({"link": 0, "concept": 1}).fillna(2)
    frame = frame.sort_values(["_order", "outcome_document"], na_position="last", kind="stable")
    frame = frame.drop_duplicates("target")
    frame["status"] = [_status(row) for row in frame.to_dict("records")]
    frame["_concept"] = frame["concept"].map({n: i for i, n in enumerate(names)})
    frame = frame.sort_values(
        ["_concept", "year", "region", "aspirational", "document", "target"],
        na_position="last",
        kind="stable",
    )
    return frame.reindex(columns=list(COLUMNS)).astype(COLUMNS).reset_index(drop=True)


def _status(row: dict[str, Any]) -> str | None:
    """The link's status; for an outcome found by concept, judged here; none without one."""
    import pandas as pd

    from plangraph.vocab.indicators import indicators, judge_figure

    if pd.isna(row["match"]):
        return None
    if row["match"] == "link":
        return None if pd.isna(row["status"]) else str(row["status"])
    if row["outcomeUnit"] != row["unit"]:
        return "reported"  # 252 亿斤 against 1300 万吨: not compared here

    def number(key: str) -> Decimal | None:
        value = row[key]
        return None if pd.isna(value) else Decimal(str(value))

    got = number("outcome_value")
    if got is None:
        got = number("outcome_min")
    return judge_figure(
        indicators()[row["concept"]],
        str(row["qualifier"]),
        number("value"),
        number("min"),
        number("max"),
        got,
    )


def _unit_key(iri: str) -> str:
    """A unit IRI as its key in data/units.yaml (``PERCENT``), else the IRI's last part."""
    return _unit_keys().get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@cache
def _unit_keys() -> dict[str, str]:
    from plangraph.vocab.schemes import units

    return {unit.iri: unit.key for unit in units().values()}


def format_table(frame: pandas.DataFrame) -> str:
    """The table for a terminal: the main columns, aligned for CJK text, blanks for missing."""
    import pandas as pd

    options = ("display.unicode.east_asian_width", True, "display.width", 250)
    with pd.option_context(*options, "display.max_rows", None, "display.max_columns", None):
        shown = frame[_SHOWN].astype(object)
        return str(shown.where(shown.notna(), "").to_string(index=False))
