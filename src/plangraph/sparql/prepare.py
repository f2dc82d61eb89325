"""A query made ready to run: its text found (SPARQL, a ``.rq`` file or a named query), its
shape read (:mod:`plangraph.sparql.syntax`), its bindings checked and made terms.

Bindings act as if a ``VALUES`` block opened the query's WHERE block, so they are standard
SPARQL and hold inside FILTERs, ``BOUND`` and aggregates. (pyoxigraph's own
``Store.query(substitutions=…)`` does not fit here: it takes only variables the SELECT
projects, no CONSTRUCT, ASK or DESCRIBE, and leaves ``BOUND(?v)`` false for a substituted
variable, so every named query's optional parameter, ``FILTER(!BOUND(?p) || …)``, would
silently match everything.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from plangraph.errors import InputError
from plangraph.graph.namespace import PREFIXES
from plangraph.sparql.catalogue import NamedQuery, named_query
from plangraph.sparql.syntax import QueryShape, check_depth, shape

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["BASE_IRI", "Prepared", "parse_term", "prepare", "with_values"]

BASE_IRI = PREFIXES["id"]
"""The base of relative IRIs in queries and bindings: ``<doc/shanxi-2024>`` is a document."""

_XSD = PREFIXES["xsd"]
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Prepared:
    """A query ready to run: its text, where it came from (for error messages), its bindings."""

    text: str
    origin: str  # a file path, ``<query>``, or the name of a named query
    shape: QueryShape
    named: NamedQuery | None = None
    bindings: dict[str, Any] = field(default_factory=dict)  # variable → pyoxigraph term


def _read_query_file(path: Path) -> str:
    if not path.is_file():
        raise InputError("no such query file" if not path.exists() else "not a file", path=path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 at byte {exc.start}", path=path, offset=exc.start) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", path=path) from None


def _source(sparql: str) -> tuple[str, str, NamedQuery | None]:
    """Query text, origin and named query for a SPARQL string, a .rq file or a query name."""
    stripped = sparql.strip()
    if _NAME.fullmatch(stripped):
        named = named_query(stripped)
        return named.text, named.name, named
    if "\n" not in stripped and stripped.lower().endswith((".rq", ".sparql")):
        path = Path(stripped)
        return _read_query_file(path), str(path), None
    if not stripped:
        raise InputError("the query is empty")
    return sparql, "<query>", None


def _iri(text: str) -> pyoxigraph.NamedNode:
    """An IRI as written in a binding: ``<…>`` (relative ones against :data:`BASE_IRI`), a full
    IRI, or ``prefix:name`` with a predeclared prefix; an InputError for anything else."""
    import pyoxigraph

    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = urljoin(BASE_IRI, text[1:-1])
    else:
        prefix, colon, local = text.partition(":")
        if colon and prefix in PREFIXES and not local.startswith("//"):
            iri = PREFIXES[prefix] + local
        elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*:\S+$", text):
            iri = text
        else:
            raise InputError(f"{text!r} is not an IRI (write <…>, a full IRI or prefix:name)")
    try:
        return pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"{text!r} is not a valid IRI: {exc}") from None


def _typed(value: str, datatype: str) -> pyoxigraph.Literal:
    import pyoxigraph

    return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(_XSD + datatype))


def _term_of(name: str, value: object, kind: str | None) -> Any:
    """A pyoxigraph term for a Python value (``kind`` from a named query's parameter)."""
    import pyoxigraph

    if isinstance(value, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return value
    if isinstance(value, pyoxigraph.BlankNode):
        raise InputError(f"parameter {name!r}: blank nodes cannot be bound")
    if type(value).__module__.startswith("rdflib"):
        from rdflib import Literal, URIRef

        from plangraph.graph.terms import oxigraph_term

        if isinstance(value, URIRef | Literal):
            return oxigraph_term(value)
    if isinstance(value, bool):
        return _typed("true" if value else "false", "boolean")
    if isinstance(value, int):
        return _typed(str(value), "gYear" if kind == "year" else "integer")
    if isinstance(value, float):
        return _typed(repr(value), "double")
    if isinstance(value, Decimal):
        return _typed(format(value, "f"), "decimal")
    if isinstance(value, datetime):
        return _typed(value.isoformat(), "dateTime")
    if isinstance(value, date):
        return _typed(value.isoformat(), "date")
    if not isinstance(value, str):
        raise InputError(f"parameter {name!r}: cannot bind a {type(value).__name__}")
    try:
        if kind == "iri":
            return _iri(value)
        if kind == "integer":
            return _typed(str(int(value)), "integer")
        if kind == "year":
            return _typed(str(int(value)), "gYear")
        if kind == "decimal":
            return _typed(format(Decimal(value), "f"), "decimal")
    except (ValueError, InvalidOperation):
        raise InputError(f"parameter {name!r}: {value!r} is not a valid {kind}") from None
    except InputError as exc:
        raise InputError(f"parameter {name!r}: {exc.message}") from None
    return pyoxigraph.Literal(value)


_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?')


def parse_term(text: str) -> Any:
    """A value as written on the command line, in SPARQL syntax: ``<iri>``, ``pg:Exact``,
    ``"数字经济"@zh``, ``"5"^^xsd:integer``, ``42``, ``4.5``, ``true``; else a string. An IRI
    or literal that is not valid is an InputError."""
    import pyoxigraph

    text = text.strip()
    lit = _LITERAL.fullmatch(text)
    try:
        if lit:
            value = re.sub(r"\\(.)", r"\1", lit.group(1))
            if lit.group(2):
                return pyoxigraph.Literal(value, language=lit.group(2))
            if lit.group(3):
                return pyoxigraph.Literal(value, datatype=_iri(lit.group(3)))
            return pyoxigraph.Literal(value)
        if re.fullmatch(r"[+-]?\d+", text):
            return _typed(text, "integer")
        if re.fullmatch(r"[+-]?\d*\.\d+", text):
            return _typed(text, "decimal")
        if text in ("true", "false"):
            return _typed(text, "boolean")
        if text.startswith("<") and text.endswith(">"):
            return _iri(text)
        prefix, colon, _ = text.partition(":")
        if colon and prefix in PREFIXES:
            return _iri(text)
        return pyoxigraph.Literal(text)
    except ValueError as exc:
        raise InputError(f"{text!r} is not a valid RDF term: {exc}") from None


def prepare(
    sparql: str,
    bindings: Mapping[str, object] | None = None,
    *,
    text_bindings: bool = False,
    as_text: bool = False,
) -> Prepared:
    """Resolve ``sparql`` (query text, a ``.rq`` file or a named query) and check ``bindings``.

    With ``text_bindings`` (the command line's ``--bind name=value``), string values of
    variables that no named-query parameter declares are read in SPARQL syntax (``parse_term``).
    With ``as_text`` the query is taken as it came (the endpoint: no named queries, no files
    on the server's disk). A query nested deeper than :data:`~plangraph.sparql.syntax.MAX_DEPTH`
    is refused here, before anything parses it.
    """
    if as_text:
        if not sparql.strip():
            raise InputError("the query is empty")
        text, origin, named = sparql, "<query>", None
    else:
        text, origin, named = _source(sparql)
    check_depth(text, origin)
    try:
        form = shape(text, prefixes=PREFIXES, base=BASE_IRI)
    except InputError as exc:
        raise InputError(exc.message, path=origin) from None
    terms: dict[str, Any] = {}
    for name, value in (bindings or {}).items():
        name = name.lstrip("?$")
        param = named.parameter(name) if named else None
        if named and param is None:
            takes = ", ".join(p.name for p in named.parameters) or "none"
            raise InputError(
                f"named query {named.name!r} has no parameter {name!r} (its parameters: {takes})"
            )
        if not named and name not in form.variables:
            raise InputError(f"the query has no variable ?{name} to bind")
        if param is None and text_bindings and isinstance(value, str):
            terms[name] = parse_term(value)
        else:
            terms[name] = _term_of(name, value, param.kind if param else None)
    if named:
        missing = [p.name for p in named.parameters if p.required and p.name not in terms]
        if missing:
            raise InputError(
                f"named query {named.name!r} needs a value for {', '.join(missing)}"
                f" (--bind {missing[0]}=…)"
            )
    return Prepared(text, origin, form, named, terms)


def with_values(prepared: Prepared) -> str:
    """The query's text with its bindings as a ``VALUES`` block opening its WHERE block."""
    if not prepared.bindings:
        return prepared.text
    at = prepared.shape.where
    if at is None:
        raise InputError(
            "cannot bind variables here: bindings need a query with a WHERE block"
            " (and CONSTRUCT with a template of its own)",
            path=prepared.origin,
        )
    names = " ".join(f"?{n}" for n in prepared.bindings)
    values = " ".join(str(t) for t in prepared.bindings.values())
    return f"{prepared.text[:at]} VALUES ({names}) {{ ({values}) }} {prepared.text[at:]}"
