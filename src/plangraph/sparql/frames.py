"""Gathered query results as Python objects: a typed pandas DataFrame, an rdflib Graph.

pandas and rdflib are imported when a DataFrame or a Graph is asked for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError
from plangraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    import pandas
    from rdflib import Graph

    from plangraph.sparql.results import Results

__all__ = ["term_text", "to_dataframe", "to_graph"]

_XSD = PREFIXES["xsd"]
_INTEGER_TYPES = frozenset(
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "gYear",
    )
)
_NUMBER_TYPES = _INTEGER_TYPES | {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_TIME_TYPES = frozenset({_XSD + "date", _XSD + "dateTime", _XSD + "dateTimeStamp"})


def term_text(term: Any) -> str:
    """A term's plain text: an IRI, a literal's lexical form, ``_:id`` for a blank node."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return str(term.value)
    return str(term)  # a quoted triple


def _column(values: list[Any]) -> Any:
    """One column, typed by its literals' datatypes; text when they are mixed or not numbers."""
    import pandas as pd
    import pyoxigraph

    literal = pyoxigraph.Literal
    types: set[str | None] = set()
    for value in values:  # stops at the first IRI, blank node or tagged label: a text column
        if value is not None:
            plain = type(value) is literal and not value.language
            types.add(value.datatype.value if plain else None)
            if not plain:
                break
    try:
        if types and types <= _INTEGER_TYPES:
            ints = [_integer(v) if v is not None else None for v in values]
            return pd.array(ints, dtype="Int64")
        if types and types <= _NUMBER_TYPES:
            floats = [float(v.value) if v is not None else None for v in values]
            return pd.array(floats, dtype="Float64")
        if types == {_XSD + "boolean"}:
            flags = [v.value in ("true", "1") if v is not None else None for v in values]
            return pd.array(flags, dtype="boolean")
        if types and types <= _TIME_TYPES:
            times = [v.value if v is not None else None for v in values]
            return pd.to_datetime(pd.Series(times, dtype="object"), format="ISO8601").array
    except (ValueError, TypeError):  # ill-typed literals: keep them as text
        pass
    simple = (pyoxigraph.NamedNode, literal)
    texts = [None if v is None else v.value if type(v) in simple else term_text(v) for v in values]
    return pd.array(texts, dtype="string")


def _integer(term: Any) -> int:
    if term.datatype.value == _XSD + "gYear":
        m = re.match(r"-?\d+", term.value)
        if not m:
            raise ValueError(term.value)
        return int(m.group())
    return int(term.value)


def to_dataframe(results: Results) -> pandas.DataFrame:
    """SELECT results as a typed DataFrame; ASK as one row with a boolean column ``ask``."""
    import pandas as pd

    if results.kind == "ask":
        return pd.DataFrame({"ask": pd.array([results.boolean], dtype="boolean")})
    if results.kind != "select":
        raise InputError("a CONSTRUCT or DESCRIBE query gives a graph, not a table")
    columns = list(zip(*results.rows, strict=True)) if results.rows else []
    frame = {}
    for i, name in enumerate(results.variables):
        frame[name] = _column(list(columns[i]) if columns else [])
    return pd.DataFrame(frame, columns=results.variables)


def to_graph(results: Results) -> Graph:
    """CONSTRUCT or DESCRIBE results as an rdflib Graph, with plangraph's prefixes bound."""
    from rdflib import Graph

    from plangraph.graph.terms import rdflib_term

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for triple in results.triples:
        graph.add(
            (rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object))
        )
    return graph
