"""SHACL validation: a report, not an exception.

Shapes come from ``ontology/shapes.ttl``. They are checked against the union of all named
graphs of a dataset, since a document's facts refer to regions and industries kept in the
shared reference graph.

SPARQL-based constraints (``sh:sparql``) are evaluated here in one query per constraint over all
focus nodes, with the same results as pySHACL's one query per focus node (the tests compare the
two on every example). pySHACL parses the query anew for each focus node, which made validating
the bundled sample take 13 s instead of well under one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

__all__ = ["ValidationReport", "ValidationResult", "validate"]


@dataclass(frozen=True)
class ValidationResult:
    """One finding. ``focus``, ``path`` and ``shape`` are full IRIs; ``text`` is for people."""

    focus: str
    path: str | None
    value: str | None
    severity: str  # Violation | Warning | Info
    message: str
    shape: str  # the named node shape the finding comes from
    text: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.text or f"[{self.severity}] {self.focus}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    triples: int = 0

    def summary(self) -> str:
        violations = [r for r in self.results if r.severity == "Violation"]
        if self.conforms:
            extra = f"; {len(self.results)} warning(s)" if self.results else ""
            head = f"conforms: {self.triples} triples checked against the plangraph shapes{extra}"
        else:
            head = f"does not conform: {len(violations)} violation(s) in {self.triples} triples"
        return "\n".join([head, *(f"  {r}" for r in self.results)])


@dataclass(frozen=True)
class _SparqlCheck:
    shape: URIRef
    query: Query  # parsed once: rdflib's parser takes a tenth of a second per query
    message: str
    severity: URIRef


def _shapes() -> Graph:
    from plangraph._resources import ontology_file

    graph = Graph()
    graph.parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _split_sparql(shapes: Graph) -> tuple[Graph, list[_SparqlCheck]]:
    """The shapes without their SPARQL constraints, and those constraints as batched queries."""
    core = Graph()
    for triple in shapes:
        core.add(triple)
    checks = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        core.remove((shape, SH.sparql, constraint))
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        select = str(shapes.value(constraint, SH.select))
        query = _prefixes(shapes, constraint) + "\n" + re.sub(r"\$this\b", "?this", select)
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        checks.append(
            _SparqlCheck(shape, prepareQuery(query), str(message or ""), severity)  # type: ignore[arg-type]
        )
    return core, checks


@cache
def _prepared() -> tuple[Graph, Graph, list[_SparqlCheck]]:
    """The shapes, the shapes without SPARQL constraints, and those constraints: read once."""
    shapes = _shapes()
    core, checks = _split_sparql(shapes)
    return shapes, core, checks


def _focus_nodes(shapes: Graph, shape: URIRef, data: Graph) -> set[Node]:
    nodes: set[Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        nodes.update(data.subjects(RDF.type, cls))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        nodes.update(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        nodes.update(data.objects(None, prop))
    return nodes


def _run_sparql(shapes: Graph, checks: list[_SparqlCheck], data: Graph) -> Iterator[dict]:
    for check in checks:
        if shapes.value(check.shape, SH.deactivated) == Literal(True):
            continue
        focus = _focus_nodes(shapes, check.shape, data)
        for row in data.query(check.query):
            bindings = row.asdict()  # type: ignore[union-attr]
            if bindings.get("this") not in focus:
                continue

            def fill(match: re.Match[str], bindings: dict = bindings) -> str:
                value = bindings.get(match.group(1))
                return str(value) if value is not None else match.group(0)

            yield {
                "focus": bindings["this"],
                "path": bindings.get("path"),
                "value": bindings.get("value"),
                "severity": check.severity,
                "message": re.sub(r"\{[?$](\w+)\}", fill, check.message),
                "shape": check.shape,
            }


def _short(graph: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # an IRI no prefix fits
            return f"<{node}>"
    return str(node)


def _result(data: Graph, shapes: Graph, raw: dict) -> ValidationResult:
    shape = raw["shape"]
    if not isinstance(shape, URIRef):  # a property shape: report the node shape holding it
        shape = shapes.value(predicate=SH.property, object=shape) or shape
    severity = str(raw["severity"]).rsplit("#", 1)[-1]
    path = _short(data, raw["path"]) if raw["path"] is not None else None
    value = _short(data, raw["value"]) if raw["value"] is not None else None
    where = f" {path}" if path else ""
    shown = f" = {value}" if value is not None else ""
    return ValidationResult(
        focus=str(raw["focus"]),
        path=str(raw["path"]) if raw["path"] is not None else None,
        value=str(raw["value"]) if raw["value"] is not None else None,
        severity=severity,
        message=raw["message"],
        shape=str(shape),
        text=f"[{severity}] {_short(data, raw['focus'])}{where}{shown}: {raw['message']}",
    )


def validate(data: Dataset | Graph | str | Path) -> ValidationReport:
    """Check ``data`` (a dataset, a graph or an RDF file) against the plangraph shapes."""
    import pyshacl

    from plangraph.graph.rdfio import load_dataset, union_graph

    if isinstance(data, str | Path):
        data = load_dataset(data)
    union = union_graph(data)
    shapes, core, checks = _prepared()
    _, report_graph, _ = pyshacl.validate(union, shacl_graph=core, inference="none")
    raw = []
    for result in report_graph.subjects(SH.resultSeverity, None):
        get = report_graph.value
        raw.append(
            {
                "focus": get(result, SH.focusNode),
                "path": get(result, SH.resultPath),
                "value": get(result, SH.value),
                "severity": get(result, SH.resultSeverity),
                "message": str(get(result, SH.resultMessage) or ""),
                "shape": get(result, SH.sourceShape),
            }
        )
    raw.extend(_run_sparql(shapes, checks, union))
    results = [_result(union, shapes, r) for r in raw]
    results.sort(key=lambda r: (r.severity != "Violation", r.focus, r.path or "", r.message))
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms=conforms, results=results, triples=len(union))
