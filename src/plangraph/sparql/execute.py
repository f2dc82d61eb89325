"""SPARQL over a plangraph dataset: results as a typed pandas DataFrame or in the W3C formats.

Queries run on Oxigraph (pyoxigraph): a store folder is opened read-only, an RDF file or an
rdflib Dataset is loaded into memory first. The default graph of a query is the union of all
named graphs (a document's facts and the shared reference graph together); ``GRAPH ?g`` still
reaches each named graph on its own.

- Prefixes ``pg``, ``id``, ``rdf``, ``rdfs``, ``owl``, ``xsd``, ``skos``, ``qudt``, ``unit``,
  ``dcterms`` and ``prov`` are predeclared; a query's own ``PREFIX`` lines take precedence.
- Bindings (``query(ds, text, keyword="数字经济")``) act as if ``VALUES`` opened the query's
  WHERE block, so they are standard SPARQL and work inside FILTERs and aggregates.
- Named queries are ``*.rq`` files shipped in ``plangraph/queries``; each starts with a header
  comment giving its title, description and parameters (``# param: NAME KIND required|optional
  TEXT``, KIND one of iri, string, integer, decimal, year).
- SELECT and ASK serialise to SPARQL 1.1 JSON, XML, CSV and TSV; CONSTRUCT and DESCRIBE to
  Turtle, N-Triples, RDF/XML or JSON-LD.

Only ``pyoxigraph`` is needed to run a query and serialise its results; pandas and rdflib are
imported when a DataFrame or a Graph is asked for.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from plangraph.errors import InputError

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from rdflib import Dataset, Graph

__all__ = [
    "PREFIXES",
    "GRAPH_FORMATS",
    "describe_named_queries",
    "RESULT_FORMATS",
    "NamedQuery",
    "Parameter",
    "Prepared",
    "Results",
    "execute",
    "format_table",
    "is_update",
    "named_queries",
    "named_query",
    "prepare",
    "query",
    "query_form",
    "serialize",
    "to_dataframe",
    "to_graph",
    "uses_service",
]

PREFIXES: dict[str, str] = {
    "pg": "https://w3id.org/plangraph/ontology#",
    "id": "https://w3id.org/plangraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

# name → media type; the first of each table is the default.
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_FORMATS: dict[str, str] = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "xml": "application/rdf+xml",
    "json": "application/ld+json",
}
_GRAPH_OX_FORMATS = {
    "turtle": "TURTLE",
    "ntriples": "N_TRIPLES",
    "xml": "RDF_XML",
    "json": "JSON_LD",
}

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

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
# Enough of the SPARQL grammar to find keywords and braces outside strings, IRIs and comments.
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<open>\{)|(?P<close>\})
    |(?P<word>[A-Za-z_][A-Za-z_0-9]*)
    |(?P<other>\S)""",
    re.VERBOSE | re.DOTALL,
)


# --- named queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # iri | string | integer | decimal | year
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


_KINDS = ("iri", "string", "integer", "decimal", "year")
_PARAM = re.compile(r"(\w+)\s+(\w+)\s+(required|optional)\s+(.*)")


def _parse_named(name: str, text: str) -> NamedQuery:
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        match = re.match(r"(title|description|param):\s*(.*)", body)
        if match:
            key = match.group(1)
            fields[key].append(match.group(2))
        elif body and key in ("title", "description"):
            fields[key][-1] += " " + body  # a wrapped line continues the field
        elif body and key == "param":
            fields["param"][-1] += " " + body
    params = []
    for spec in fields["param"]:
        m = _PARAM.fullmatch(spec.strip())
        if not m or m.group(2) not in _KINDS:
            raise InputError(f"bad parameter line in named query {name!r}: {spec!r}")
        params.append(Parameter(m.group(1), m.group(2), m.group(3) == "required", m.group(4)))
    if not fields["title"]:
        raise InputError(f"named query {name!r} has no '# title:' header")
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        parameters=tuple(params),
        text=text,
    )


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped with plangraph, by name (the ``.rq`` file's stem)."""
    from importlib import resources

    folder = resources.files("plangraph.sparql") / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return found


def named_query(name: str) -> NamedQuery:
    """One named query; an InputError listing the close matches when there is none."""
    known = named_queries()
    if name in known:
        return known[name]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise InputError(
        f"unknown named query {name!r}; {hint}`plangraph query --list` shows all {len(known)}"
    )


def describe_named_queries() -> str:
    """The named queries for people: name, title, description and parameters of each."""
    blocks = []
    for nq in named_queries().values():
        lines = [f"{nq.name}: {nq.title}"]
        if nq.description:
            lines.append(f"    {nq.description}")
        for p in nq.parameters:
            need = "required" if p.required else "optional"
            lines.append(f"    --bind {p.name}=…  ({p.kind}, {need}) {p.description}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


# --- preparing a query -------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """A query ready to run: its text, where it came from (for error messages), its bindings."""

    text: str
    origin: str  # a file path, ``<query>``, or the name of a named query
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


def _expand_iri(text: str) -> str:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:\S+$", text):
        return text
    raise InputError(f"{text!r} is not an IRI (write <…>, a full IRI or prefix:name)")


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
            return pyoxigraph.NamedNode(_expand_iri(value))
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


def parse_term(text: str) -> Any:
    """A value as written on the command line, in SPARQL syntax: ``<iri>``, ``pg:Exact``,
    ``"数字经济"@zh``, ``"5"^^xsd:integer``, ``42``, ``4.5``, ``true``; else a string."""
    import pyoxigraph

    text = text.strip()
    lit = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?', text)
    if lit:
        value = re.sub(r"\\(.)", r"\1", lit.group(1))
        if lit.group(2):
            return pyoxigraph.Literal(value, language=lit.group(2))
        if lit.group(3):
            return pyoxigraph.Literal(
                value, datatype=pyoxigraph.NamedNode(_expand_iri(lit.group(3)))
            )
        return pyoxigraph.Literal(value)
    if re.fullmatch(r"[+-]?\d+", text):
        return _typed(text, "integer")
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return _typed(text, "decimal")
    if text in ("true", "false"):
        return _typed(text, "boolean")
    if text.startswith("<") and text.endswith(">"):
        return pyoxigraph.NamedNode(text[1:-1])
    prefix, colon, _ = text.partition(":")
    if colon and prefix in PREFIXES:
        return pyoxigraph.NamedNode(_expand_iri(text))
    return pyoxigraph.Literal(text)


def prepare(
    sparql: str,
    bindings: Mapping[str, object] | None = None,
    *,
    text_bindings: bool = False,
) -> Prepared:
    """Resolve ``sparql`` (query text, a ``.rq`` file or a named query) and check ``bindings``.

    With ``text_bindings`` (the command line's ``--bind name=value``), string values of
    variables that no named-query parameter declares are read in SPARQL syntax (``parse_term``).
    """
    text, origin, named = _source(sparql)
    terms: dict[str, Any] = {}
    for name, value in (bindings or {}).items():
        name = name.lstrip("?$")
        param = named.parameter(name) if named else None
        if named and param is None:
            takes = ", ".join(p.name for p in named.parameters) or "none"
            raise InputError(
                f"named query {named.name!r} has no parameter {name!r} (its parameters: {takes})"
            )
        if not named and not re.search(rf"[?$]{re.escape(name)}\b", text):
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
    return Prepared(text, origin, named, terms)


def _tokens(text: str) -> Iterable[re.Match[str]]:
    """Tokens outside comments (strings and IRIs come whole, so their insides never count)."""
    return (m for m in _TOKEN.finditer(text) if m.lastgroup != "comment")


def _words(text: str) -> list[tuple[str, str]]:
    """Keywords outside strings, IRIs and comments, each with the character before it."""
    found = []
    previous = ""
    for m in _tokens(text):
        if m.lastgroup == "word":
            found.append((m.group().upper(), previous))
        previous = m.group()[-1]
    return found


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request rather than a query."""
    for word, before in _words(text):
        if before in ("?", "$", ":"):
            continue
        if word in ("PREFIX", "BASE"):
            continue
        if word in _QUERY_FORMS:
            return False
        if word in _UPDATE_WORDS:
            return True
    return False


def query_form(text: str) -> str | None:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE) from the query's keyword, if any."""
    for word, before in _words(text):
        if before not in ("?", "$", ":") and word in _QUERY_FORMS:
            return {"SELECT": "select", "ASK": "ask"}.get(word, "graph")
    return None


def uses_service(text: str) -> bool:
    """Whether the query calls out to another endpoint (``SERVICE``)."""
    return any(w == "SERVICE" and before not in ("?", "$", ":") for w, before in _words(text))


def _where_position(text: str) -> int | None:
    """The offset just inside the query's WHERE block, where bindings go as a VALUES block."""
    depth = closed = 0
    form = None
    saw_where = False
    previous = ""
    for m in _tokens(text):
        kind, token = m.lastgroup, m.group()
        if kind == "word" and depth == 0 and previous not in ("?", "$", ":"):
            word = token.upper()
            if form is None and word in _QUERY_FORMS:
                form = word
            elif form is not None and word == "WHERE":
                saw_where = True
        elif kind == "open":
            if depth == 0 and form is not None:
                if form != "CONSTRUCT" or closed:
                    return m.end()
                if saw_where:  # CONSTRUCT WHERE { … }: the block is also the template
                    return None
            depth += 1
        elif kind == "close":
            depth -= 1
            closed += depth == 0
        previous = token[-1]
    return None


def _with_values(prepared: Prepared) -> str:
    if not prepared.bindings:
        return prepared.text
    at = _where_position(prepared.text)
    if at is None:
        raise InputError(
            "cannot bind variables here: bindings need a query with a WHERE block"
            " (and CONSTRUCT with a template of its own)",
            path=prepared.origin,
        )
    names = " ".join(f"?{n}" for n in prepared.bindings)
    values = " ".join(str(t) for t in prepared.bindings.values())
    return f"{prepared.text[:at]} VALUES ({names}) {{ ({values}) }} {prepared.text[at:]}"


# --- running a query ---------------------------------------------------------------------------


@dataclass
class Results:
    """The answer to a query: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` hold pyoxigraph terms (``None`` where unbound); ``complete`` is false when the
    row limit cut the answer short (``rows`` then hold one row more than the limit).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)
    complete: bool = True

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)


def _syntax_error(exc: SyntaxError, text: str, origin: str) -> InputError:
    message = " ".join(str(exc.msg or exc).split())
    line = column = None
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if m:
        line, column, message = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in message:
        message = (
            "unknown prefix (declare it with PREFIX; predeclared: " + ", ".join(PREFIXES) + ")"
        )
    elif len(message) > 100:
        message = message[:100].rsplit(",", 1)[0] + ", …"
    near = ""
    if line is not None and column is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines):
            snippet = lines[line - 1][max(column - 20, 0) : column + 10].strip()
            near = f" near {snippet!r}" if snippet else ""
    return InputError(
        f"SPARQL syntax error: {message}{near}", path=origin, line=line, column=column
    )


def execute(
    store: pyoxigraph.Store,
    prepared: Prepared,
    *,
    max_rows: int | None = None,
    default_graph: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
) -> Results:
    """Run a prepared query on a pyoxigraph store and gather its answer.

    ``max_rows`` stops gathering one row (or triple) past the limit and marks the results
    incomplete; ``default_graph`` and ``named_graphs`` are the SPARQL Protocol's
    ``default-graph-uri`` and ``named-graph-uri`` (by default: all graphs as the default one).
    """
    import pyoxigraph

    if is_update(prepared.text):
        raise InputError(
            "SPARQL Update is not accepted: plangraph queries only read"
            " (load data with `plangraph build --store DIR`)",
            path=prepared.origin,
        )
    text = _with_values(prepared)
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if default_graph:
        options["default_graph"] = [pyoxigraph.NamedNode(g) for g in default_graph]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [pyoxigraph.NamedNode(g) for g in named_graphs]
    try:
        answer = store.query(text, **options)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return Results("ask", boolean=bool(answer))
        if isinstance(answer, pyoxigraph.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = []
            for solution in answer:
                rows.append(tuple(solution))  # the values in the order of the variables
                if max_rows is not None and len(rows) > max_rows:
                    return Results("select", variables, rows, complete=False)
            return Results("select", variables, rows)
        triples = []
        for triple in answer:
            triples.append(triple)
            if max_rows is not None and len(triples) > max_rows:
                return Results("graph", triples=triples, complete=False)
        return Results("graph", triples=triples)
    except SyntaxError as error:
        exc = error
        if text != prepared.text:  # point into the text as written, without the VALUES block
            try:
                pyoxigraph.Store().query(prepared.text, prefixes=PREFIXES)
            except SyntaxError as original:
                exc = original
                text = prepared.text
        raise _syntax_error(exc, text, prepared.origin) from None
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors, a failing SERVICE
        raise InputError(f"the query failed: {' '.join(str(exc).split())[:300]}") from None


def query(
    data: pyoxigraph.Store | Dataset | Graph | str | Path,
    sparql: str,
    /,
    **bindings: object,
) -> pandas.DataFrame | Graph:
    """Run ``sparql`` (query text, a ``.rq`` file or the name of a named query) on ``data``.

    ``data`` is a store folder, an RDF file, an rdflib Dataset or Graph, or a pyoxigraph Store.
    SELECT gives a DataFrame with one column per variable, typed: integers and years as
    ``Int64``, decimals and doubles as ``Float64``, booleans as ``boolean``, dates as datetimes,
    everything else (IRIs, labels) as text; ASK gives one row with a boolean column ``ask``;
    CONSTRUCT and DESCRIBE give an rdflib Graph. Keyword arguments bind variables::

        plangraph.query("out/graph.trig", "projects-by-keyword", keyword="数字经济")
    """
    from plangraph.sparql.store import open_data

    prepared = prepare(sparql, bindings)
    results = execute(open_data(data), prepared)
    if results.kind == "graph":
        return to_graph(results)
    return to_dataframe(results)


# --- results as Python objects -----------------------------------------------------------------


def _text(term: Any) -> str:
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
    texts = [None if v is None else v.value if type(v) in simple else _text(v) for v in values]
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
    import pyoxigraph
    from rdflib import BNode, Graph, Literal, URIRef

    def node(term: Any) -> Any:
        if isinstance(term, pyoxigraph.NamedNode):
            return URIRef(term.value)
        if isinstance(term, pyoxigraph.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for triple in results.triples:
        graph.add((node(triple.subject), node(triple.predicate), node(triple.object)))
    return graph


# --- results in the W3C formats ----------------------------------------------------------------


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {  # a quoted triple (SPARQL-star)
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_term(term: Any) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, pyoxigraph.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD + "string":
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _results_json(results: Results) -> bytes:
    if results.kind == "ask":
        return json.dumps({"head": {}, "boolean": results.boolean}).encode()
    names = results.variables
    bindings = [
        {
            name: _json_term(value)
            for name, value in zip(names, row, strict=True)
            if value is not None
        }
        for row in results.rows
    ]
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _results_xml(results: Results) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    if results.kind == "ask":
        out.append(f"</head><boolean>{'true' if results.boolean else 'false'}</boolean></sparql>\n")
        return "".join(out).encode("utf-8")
    out.extend(f"<variable name={quoteattr(n)}/>" for n in results.variables)
    out.append("</head><results>")
    for row in results.rows:
        out.append("<result>")
        for name, value in zip(results.variables, row, strict=True):
            if value is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _results_csv(results: Results) -> bytes:
    if results.kind == "ask":
        return b"true" if results.boolean else b"false"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow([_text(v) if v is not None else "" for v in row])
    return buffer.getvalue().encode("utf-8")


def _results_tsv(results: Results) -> bytes:
    if results.kind == "ask":
        return b"true" if results.boolean else b"false"
    lines = ["\t".join(f"?{n}" for n in results.variables)]
    for row in results.rows:
        lines.append("\t".join(str(v) if v is not None else "" for v in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _used_prefixes(triples: Sequence[Any]) -> dict[str, str]:
    """The predeclared prefixes the triples use (not ``id``: its names would need escapes)."""
    import pyoxigraph

    iris = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, pyoxigraph.NamedNode):
                iris.add(term.value)
            elif isinstance(term, pyoxigraph.Literal) and not term.language:
                iris.add(term.datatype.value)
    used = {}
    for prefix, namespace in PREFIXES.items():
        if prefix != "id" and any(iri.startswith(namespace) for iri in iris):
            used[prefix] = namespace
    return used


def serialize(results: Results, fmt: str) -> bytes:
    """Results as bytes: SELECT/ASK in ``json``, ``xml``, ``csv`` or ``tsv`` (SPARQL 1.1 results
    formats); CONSTRUCT/DESCRIBE in ``turtle``, ``ntriples``, ``xml`` (RDF/XML) or ``json``
    (JSON-LD)."""
    import pyoxigraph

    if results.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise InputError(
                f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}"
                f" (expected one of {', '.join(GRAPH_FORMATS)})"
            )
        rdf_format = getattr(pyoxigraph.RdfFormat, _GRAPH_OX_FORMATS[fmt])
        prefixes = _used_prefixes(results.triples) if fmt == "turtle" else None
        out = pyoxigraph.serialize(results.triples, format=rdf_format, prefixes=prefixes)
        return out if out is not None else b""
    writers = {"json": _results_json, "xml": _results_xml, "csv": _results_csv, "tsv": _results_tsv}
    if fmt not in writers:
        raise InputError(
            f"a SELECT or ASK result cannot be written as {fmt!r}"
            f" (expected one of {', '.join(RESULT_FORMATS)})"
        )
    return writers[fmt](results)


# --- results as a table for people -------------------------------------------------------------


def _short(term: Any) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        best = max(
            ((p, ns) for p, ns in PREFIXES.items() if term.value.startswith(ns)),
            key=lambda pair: len(pair[1]),
            default=None,
        )
        return f"{best[0]}:{term.value[len(best[1]) :]}" if best else f"<{term.value}>"
    return _text(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= width:
        return text
    out = ""
    for char in text:
        if _width(out + char) > width - 1:
            break
        out += char
    return out + "…"


def format_table(results: Results, *, max_width: int = 48) -> str:
    """SELECT results as an aligned text table (IRIs shortened with the predeclared prefixes)."""
    if results.kind == "ask":
        return "true" if results.boolean else "false"
    if results.kind == "graph":
        return serialize(results, "turtle").decode("utf-8")
    header = list(results.variables)
    body = [
        [_fit(_short(v), max_width) if v is not None else "" for v in row] for row in results.rows
    ]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]
    count = len(results.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines)
