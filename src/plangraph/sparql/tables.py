"""Tidy tables of a dataset for analysis: targets, projects and regions as pandas DataFrames.

Each table has one row per fact and typed columns (numbers as ``Float64``, years and offsets as
``Int64``, flags as ``boolean``, text as ``string``; missing values are ``<NA>``). The tables are
read with SPARQL through :func:`plangraph.query`, so ``data`` may be anything a query takes: an
rdflib Dataset (``plangraph.build()``, ``plangraph.load(...)``), an RDF file, a store folder or
an open store (``plangraph.open_store(DIR)``).

Values that a fact has several of (its regions, its industries) are joined with ``、`` in one
cell, as the named queries do; split them with ``df.regions.str.split("、")`` and
``DataFrame.explode`` to get one row per region. ``document`` is the document's id (the last
part of its IRI, ``shanxi-2024``); ``quote``, ``start`` and ``end`` are the first text span that
supports the fact in that document (character offsets, end exclusive).

>>> import plangraph
>>> ds = plangraph.build()                        # the bundled Shanxi 2024 sample
>>> t = plangraph.targets(ds)
>>> len(t), t.value.dtype, t.year.dtype
(41, Float64Dtype(), Int64Dtype())
>>> t.groupby("unit").size().to_dict()
{'CCY_CNY': 2, 'KiloM': 2, 'NUM': 31, 'PERCENT': 6}
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from rdflib import Dataset, Graph

    Data = pyoxigraph.Store | Dataset | Graph | str | Path

__all__ = ["targets", "projects", "regions"]

_DOC_BASE = PREFIXES["id"] + "doc/"

# Region labels and industry labels of a fact, joined; a subquery each, so that a fact with
# several regions and several industries does not multiply rows before the grouping.
_TARGETS = """
SELECT ?target ?document ?indicator ?label ?value ?min ?max ?unit ?classifier ?qualifier
       ?growth ?year ?keywordNumber ?keyword ?measure ?project ?task ?regions ?industries
WHERE {
  ?target a pg:Target .
  OPTIONAL { ?target pg:indicator ?indicator }
  OPTIONAL { ?target rdfs:label ?label FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?target pg:value ?value }
  OPTIONAL { ?target pg:minValue ?min }
  OPTIONAL { ?target pg:maxValue ?max }
  OPTIONAL { ?target pg:unit ?unit }
  OPTIONAL { ?target pg:classifier ?classifier }
  OPTIONAL { ?target pg:qualifier ?qualifier }
  OPTIONAL { ?target pg:isGrowth ?growth }
  OPTIONAL { ?target pg:year ?year }
  OPTIONAL {
    ?target pg:keyword ?kw .
    OPTIONAL { ?kw pg:number ?keywordNumber }
    OPTIONAL { ?kw rdfs:label ?keyword FILTER(LANG(?keyword) = "zh") }
    OPTIONAL { ?kwDocument pg:hasKeyword ?kw }
  }
  OPTIONAL {  # a path gives one solution per span: take one document
    SELECT ?target (SAMPLE(?source) AS ?spanDocument) WHERE {
      ?target a pg:Target ; pg:evidence/pg:source ?source .
    } GROUP BY ?target
  }
  BIND(COALESCE(?kwDocument, ?spanDocument) AS ?document)
  OPTIONAL {
    SELECT ?target (SAMPLE(?measureLabel) AS ?measure) WHERE {
      ?target pg:measure ?m . ?m rdfs:label ?measureLabel FILTER(LANG(?measureLabel) = "zh")
    } GROUP BY ?target
  }
  OPTIONAL {
    SELECT ?target (GROUP_CONCAT(DISTINCT ?projectLabel; separator="、") AS ?project) WHERE {
      ?p pg:target ?target ; a pg:Project ; rdfs:label ?projectLabel .
      FILTER(LANG(?projectLabel) = "zh")
    } GROUP BY ?target
  }
  OPTIONAL {
    SELECT ?target (MIN(?taskNumber) AS ?task) WHERE {
      ?target pg:task ?t . ?t pg:number ?taskNumber
    } GROUP BY ?target
  }
  OPTIONAL {
    SELECT ?target (GROUP_CONCAT(DISTINCT ?regionLabel; separator="、") AS ?regions) WHERE {
      ?target a pg:Target ; pg:locatedIn ?r . ?r rdfs:label ?regionLabel .
      FILTER(LANG(?regionLabel) = "zh")
    } GROUP BY ?target
  }
  OPTIONAL {
    SELECT ?target (GROUP_CONCAT(DISTINCT ?industryLabel; separator="、") AS ?industries) WHERE {
      ?target a pg:Target ; pg:industry ?i . ?i rdfs:label ?industryLabel .
      FILTER(LANG(?industryLabel) = "zh")
    } GROUP BY ?target
  }
}
"""

# A project is one node across documents; each document that states it gives a row, with the
# keyword it stands under in that document.
_PROJECTS = """
SELECT ?project ?document ?label ?labelEn ?keywordNumber ?keyword ?measure ?task
       ?targets ?regions ?industries
WHERE {
  {
    SELECT DISTINCT ?project ?document WHERE {
      ?project a pg:Project .
      { ?project pg:evidence/pg:source ?document }
      UNION { ?project pg:keyword ?kw . ?document pg:hasKeyword ?kw }
    }
  }
  # the name as this document gives it (variants of one project differ); else the first one
  OPTIONAL { GRAPH ?document { ?project rdfs:label ?ownLabel FILTER(LANG(?ownLabel) = "zh") } }
  OPTIONAL {
    SELECT ?project (MIN(?anyLabel) AS ?firstLabel) WHERE {
      ?project a pg:Project ; rdfs:label ?anyLabel FILTER(LANG(?anyLabel) = "zh")
    } GROUP BY ?project
  }
  BIND(COALESCE(?ownLabel, ?firstLabel) AS ?label)
  OPTIONAL {
    SELECT ?project (MIN(?anyLabelEn) AS ?labelEn) WHERE {
      ?project a pg:Project ; rdfs:label ?anyLabelEn FILTER(LANG(?anyLabelEn) = "en")
    } GROUP BY ?project
  }
  OPTIONAL {  # in one group, so that an unbound number cannot pick any keyword
    {
      SELECT ?project ?document (MIN(?number) AS ?keywordNumber) WHERE {
        ?project a pg:Project ; pg:keyword ?kw . ?document pg:hasKeyword ?kw .
        ?kw pg:number ?number .
      } GROUP BY ?project ?document
    }
    ?document pg:hasKeyword ?kwNode .
    ?kwNode pg:number ?keywordNumber ; rdfs:label ?keyword .
    FILTER(LANG(?keyword) = "zh")
  }
  OPTIONAL {  # measures and tasks are the document's own: their evidence says which
    SELECT ?project ?document (SAMPLE(?measureLabel) AS ?measure) WHERE {
      ?project a pg:Project ; pg:measure ?m .
      ?m pg:evidence/pg:source ?document ; rdfs:label ?measureLabel .
      FILTER(LANG(?measureLabel) = "zh")
    } GROUP BY ?project ?document
  }
  OPTIONAL {
    SELECT ?project ?document (MIN(?taskNumber) AS ?task) WHERE {
      ?project a pg:Project ; pg:task ?t .
      ?t pg:evidence/pg:source ?document ; pg:number ?taskNumber .
    } GROUP BY ?project ?document
  }
  OPTIONAL {
    SELECT ?project (COUNT(DISTINCT ?target) AS ?targets) WHERE {
      ?project a pg:Project ; pg:target ?target .
    } GROUP BY ?project
  }
  OPTIONAL {
    SELECT ?project (GROUP_CONCAT(DISTINCT ?regionLabel; separator="、") AS ?regions) WHERE {
      ?project a pg:Project ; pg:locatedIn ?r . ?r rdfs:label ?regionLabel .
      FILTER(LANG(?regionLabel) = "zh")
    } GROUP BY ?project
  }
  OPTIONAL {
    SELECT ?project (GROUP_CONCAT(DISTINCT ?industryLabel; separator="、") AS ?industries) WHERE {
      ?project a pg:Project ; pg:industry ?i . ?i rdfs:label ?industryLabel .
      FILTER(LANG(?industryLabel) = "zh")
    } GROUP BY ?project
  }
}
"""

# Levels follow the GB/T 2260 code: NN0000 a province, NNNN00 a prefecture, else a county.
_REGIONS = """
SELECT ?region ?label ?adcode ?parent ?city ?province ?measures ?projects ?targets ?documents
WHERE {
  ?region a pg:Region .
  OPTIONAL { ?region rdfs:label ?label FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?region pg:adcode ?adcode }
  OPTIONAL {
    SELECT ?region (SAMPLE(?parentLabel) AS ?parent) WHERE {
      ?region pg:within ?up . ?up rdfs:label ?parentLabel FILTER(LANG(?parentLabel) = "zh")
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (SAMPLE(?cityLabel) AS ?city) WHERE {
      ?region a pg:Region ; pg:within* ?c .
      ?c pg:adcode ?cityCode ; rdfs:label ?cityLabel .
      FILTER(LANG(?cityLabel) = "zh")
      FILTER(REGEX(STR(?cityCode), "^[0-9]{4}00$") && !REGEX(STR(?cityCode), "0000$"))
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (SAMPLE(?provinceLabel) AS ?province) WHERE {
      ?region a pg:Region ; pg:within* ?p .
      ?p pg:adcode ?provinceCode ; rdfs:label ?provinceLabel .
      FILTER(LANG(?provinceLabel) = "zh")
      FILTER(REGEX(STR(?provinceCode), "^[0-9]{2}0000$"))
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (COUNT(DISTINCT ?m) AS ?measures) WHERE {
      ?m a pg:Measure ; pg:locatedIn ?region .
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (COUNT(DISTINCT ?p) AS ?projects) WHERE {
      ?p a pg:Project ; pg:locatedIn ?region .
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (COUNT(DISTINCT ?t) AS ?targets) WHERE {
      ?t a pg:Target ; pg:locatedIn ?region .
    } GROUP BY ?region
  }
  OPTIONAL {
    SELECT ?region (GROUP_CONCAT(DISTINCT ?docId; separator="、") AS ?documents) WHERE {
      ?region a pg:Region .
      { ?fact pg:locatedIn ?region ; pg:evidence/pg:source ?doc }
      UNION { ?region pg:evidence/pg:source ?doc }
      UNION { ?doc pg:issuedBy ?region }
      BIND(STRAFTER(STR(?doc), "/id/doc/") AS ?docId)
    } GROUP BY ?region
  }
}
"""

_EVIDENCE = """
SELECT ?node ?document ?start ?end ?quote
WHERE {
  ?node a ?type ; pg:evidence ?span .
  ?span pg:start ?start ; pg:end ?end ; pg:quote ?quote .
  OPTIONAL { ?span pg:source ?document }
}
"""

_TARGET_COLUMNS = {
    "target": "string",
    "document": "string",
    "indicator": "string",
    "label": "string",
    "value": "Float64",
    "min": "Float64",
    "max": "Float64",
    "unit": "string",
    "unit_label": "string",
    "classifier": "string",
    "qualifier": "string",
    "growth": "boolean",
    "year": "Int64",
    "keyword_number": "Int64",
    "keyword": "string",
    "measure": "string",
    "project": "string",
    "task": "Int64",
    "regions": "string",
    "industries": "string",
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
}
_PROJECT_COLUMNS = {
    "project": "string",
    "document": "string",
    "label": "string",
    "label_en": "string",
    "keyword_number": "Int64",
    "keyword": "string",
    "measure": "string",
    "task": "Int64",
    "targets": "Int64",
    "regions": "string",
    "industries": "string",
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
}
_REGION_COLUMNS = {
    "region": "string",
    "label": "string",
    "adcode": "string",
    "level": "string",
    "parent": "string",
    "city": "string",
    "province": "string",
    "measures": "Int64",
    "projects": "Int64",
    "targets": "Int64",
    "documents": "string",
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
}


def _open(data: Data) -> pyoxigraph.Store:
    from plangraph.sparql.store import open_data

    return open_data(data)


def _select(store: pyoxigraph.Store, sparql: str, **bindings: object) -> pandas.DataFrame:
    import pandas as pd

    from plangraph.sparql.execute import query

    frame = query(store, sparql, **bindings)
    assert isinstance(frame, pd.DataFrame)  # a SELECT always gives one
    return frame


def _document_id(column: pandas.Series) -> pandas.Series:
    """``https://w3id.org/plangraph/id/doc/shanxi-2024`` → ``shanxi-2024`` (others unchanged)."""
    return column.str.removeprefix(_DOC_BASE)


def _local(column: pandas.Series) -> pandas.Series:
    return column.str.replace(r"^.*[#/]", "", regex=True)


def _joined(frame: pandas.DataFrame, columns: list[str]) -> None:
    """GROUP_CONCAT cells in a stable order (the engine's is its own); empty ones ``<NA>``."""

    def tidy(cell: str) -> str | None:
        return "、".join(sorted(set(cell.split("、")))) if cell else None

    for name in columns:
        frame[name] = frame[name].map(tidy, na_action="ignore").astype("string")


def _counts(frame: pandas.DataFrame, columns: list[str]) -> None:
    """A count that no fact gave is zero (a column no row has comes back as text: cast first)."""
    for name in columns:
        frame[name] = frame[name].astype("Int64").fillna(0)


def _with_evidence(
    frame: pandas.DataFrame, store: pyoxigraph.Store, key: str, kind: str, *, by_document: bool
) -> pandas.DataFrame:
    """Add the first supporting span (``quote``, ``start``, ``end``) of each row's node."""
    import pyoxigraph

    spans = _select(store, _EVIDENCE, type=pyoxigraph.NamedNode(PREFIXES["pg"] + kind))
    spans["document"] = _document_id(spans["document"])
    spans = spans.sort_values(["node", "document", "start", "end"], na_position="last")
    on = ["node", "document"] if by_document else ["node"]
    first = spans.drop_duplicates(on)[[*on, "quote", "start", "end"]]
    first = first.rename(columns={"node": key})
    return frame.merge(first, how="left", on=[key, "document"] if by_document else [key])


def _typed(frame: pandas.DataFrame, columns: dict[str, str], key: str) -> pandas.DataFrame:
    # one row per fact even where a one-valued property has two values (not in plangraph's
    # own output, but a hand-edited graph may): the first row wins
    frame = frame.drop_duplicates([key, "document"] if "document" in frame else [key])
    return frame.reindex(columns=list(columns)).astype(columns).reset_index(drop=True)


def targets(data: Data) -> pandas.DataFrame:
    """The quantified targets, one row each, in document and text order.

    Columns: ``target`` (IRI), ``document``, ``indicator``, ``label``, ``value``, ``min``,
    ``max`` (magnitudes applied), ``unit`` (the unit's key: ``KiloM``, ``PERCENT``, ``NUM``,
    ``CCY_CNY``…), ``unit_label`` (公里), ``classifier`` (the measure word of counted things),
    ``qualifier`` (``Exact``, ``About``, ``AtLeast``, ``AtMost``, ``Range``), ``growth`` (the
    number is a change), ``year``, ``keyword_number`` and ``keyword`` (the theme it stands
    under), ``measure``, ``project``, ``task`` (livelihood task number), ``regions``,
    ``industries``, and the evidence ``quote``, ``start``, ``end``. Write ``t["min"]`` and
    ``t["max"]``: ``t.min`` is the DataFrame's method.

    >>> import plangraph
    >>> t = plangraph.targets(plangraph.build())
    >>> row = t[t.indicator == "新建农村公路"].iloc[0].to_dict()
    >>> [row[k] for k in ("value", "unit", "qualifier", "year", "keyword", "regions")]
    [4300.0, 'KiloM', 'Exact', 2024, '有效益的投资', '山西省']
    >>> row["quote"], row["start"], row["end"]
    ('新建农村公路 4300 公里', 300, 314)
    >>> t[t.qualifier == "Range"][["indicator", "min", "max", "classifier"]].values.tolist()
    [['建设省实验室', 3.0, 5.0, '家'], ['布局建设省级基础学科研究中心、培育基地', 2.0, 3.0, '家']]
    """
    store = _open(data)
    frame = _select(store, _TARGETS).rename(columns={"keywordNumber": "keyword_number"})
    frame["document"] = _document_id(frame["document"])
    labels, keys = _unit_labels(), _unit_keys()
    frame["unit_label"] = frame["unit"].map(labels.get, na_action="ignore")
    frame["unit"] = frame["unit"].map(  # a unit from outside the vocabulary: its IRI's end
        lambda iri: keys.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1], na_action="ignore"
    )
    frame["qualifier"] = _local(frame["qualifier"])
    _joined(frame, ["project", "regions", "industries"])
    frame = _with_evidence(frame, store, "target", "Target", by_document=True)
    frame = _typed(frame, _TARGET_COLUMNS, "target")
    return _in_text_order(frame, "target")


def projects(data: Data) -> pandas.DataFrame:
    """The named projects, one row for each document that states a project.

    A project is one node across documents (``黄河古贤水利枢纽工程`` and ``古贤水利枢纽工程`` are
    the same), so a project carried from one year's report into the next has a row for each.
    Columns: ``project`` (IRI), ``document``, ``label``, ``label_en``, ``keyword_number`` and
    ``keyword`` (its theme in that document), ``measure``, ``task``, ``targets`` (how many
    targets belong to it), ``regions``, ``industries``, and the evidence ``quote``, ``start``,
    ``end`` of its first mention in that document.

    >>> import plangraph
    >>> p = plangraph.projects(plangraph.build())
    >>> len(p), p.project.is_unique
    (27, True)
    >>> row = p[p.label == "雄忻高铁"].iloc[0].to_dict()
    >>> [row[k] for k in ("keyword", "regions", "quote", "start", "end")]
    ['有效益的投资', '忻州市、雄安新区', '雄忻高铁', 221, 225]
    """
    store = _open(data)
    frame = _select(store, _PROJECTS).rename(
        columns={"labelEn": "label_en", "keywordNumber": "keyword_number"}
    )
    frame["document"] = _document_id(frame["document"])
    _counts(frame, ["targets"])
    _joined(frame, ["regions", "industries"])
    frame = _with_evidence(frame, store, "project", "Project", by_document=True)
    frame = _typed(frame, _PROJECT_COLUMNS, "project")
    return _in_text_order(frame, "project")


def regions(data: Data) -> pandas.DataFrame:
    """The regions the facts refer to, and the regions above them, one row each.

    Columns: ``region`` (IRI), ``label``, ``adcode`` (GB/T 2260, ``<NA>`` for a named area such
    as 黄河流域), ``level`` (``province``, ``prefecture``, ``county`` or ``area``), ``parent``,
    ``city`` (the prefecture-level division it lies in, or itself) and ``province``, then how
    many ``measures``, ``projects`` and ``targets`` are located in it directly, the
    ``documents`` that name it, and the evidence ``quote``, ``start``, ``end`` of its first
    mention. Roll facts up to cities with ``groupby("city")`` (or the named query
    ``region-projects``, which counts each project once).

    >>> import plangraph
    >>> r = plangraph.regions(plangraph.build())
    >>> r[r.adcode == "140900"][["label", "level", "parent", "city", "projects"]].iloc[0].to_dict()
    {'label': '忻州市', 'level': 'prefecture', 'parent': '山西省', 'city': '忻州市', 'projects': 2}
    >>> r.groupby("level").size().to_dict()
    {'area': 2, 'county': 10, 'prefecture': 11, 'province': 5}
    """
    import pandas as pd

    store = _open(data)
    frame = _select(store, _REGIONS)
    _counts(frame, ["measures", "projects", "targets"])
    code = frame["adcode"]
    frame["level"] = pd.Series(
        [
            "area"
            if pd.isna(c)
            else "province"
            if c.endswith("0000")
            else "prefecture"
            if c.endswith("00")
            else "county"
            for c in code
        ],
        index=frame.index,
        dtype="string",
    )
    _joined(frame, ["documents"])
    frame = _with_evidence(frame, store, "region", "Region", by_document=False)
    frame = _typed(frame, _REGION_COLUMNS, "region")
    order = frame.assign(_named=frame.adcode.isna()).sort_values(["_named", "adcode", "label"])
    return order.drop(columns="_named").reset_index(drop=True)


def _in_text_order(frame: pandas.DataFrame, key: str) -> pandas.DataFrame:
    return frame.sort_values(["document", "start", key], na_position="last").reset_index(drop=True)


def _unit_keys() -> dict[str, str]:
    from plangraph.vocab.schemes import units

    return {unit.iri: unit.key for unit in units().values()}


def _unit_labels() -> dict[str, str]:
    from plangraph.vocab.schemes import units

    return {unit.iri: unit.label_zh for unit in units().values()}
