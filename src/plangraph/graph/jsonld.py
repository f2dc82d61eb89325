"""JSON-LD of a dataset, compacted with plangraph's own context (``ontology/context.jsonld``).

The context ships with plangraph and is embedded in every document written here, so a file reads
on its own: properties by their short names (``label``, ``keyword``, ``value``), IRIs as compact
IRIs (``id:target/…``, ``pg:Exact``), labels as language maps (``{"zh": "…", "en": "…"}``), and
numbers, booleans and years under typed terms in exactly the lexical form of the graph (``"4300.0"``
stays ``4300.0``; a JSON number would come back as another literal). A value that fits no term
(another datatype, a literal where an IRI is expected) is written in full under the property's
compact IRI. Each named graph is one ``{"@id": GRAPH, "@graph": [...]}`` entry; triples in the
default graph are top-level nodes. Expanded by any JSON-LD processor, the document gives back
the same quads.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["context", "to_jsonld"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@cache
def _context_text() -> str:
    from plangraph._resources import ontology_file

    return ontology_file("context.jsonld").read_text(encoding="utf-8")


def context() -> dict[str, Any]:
    """The shipped ``@context`` (a fresh copy): prefixes and one term per property."""
    loaded: dict[str, Any] = json.loads(_context_text())["@context"]
    return loaded


class _Compactor:
    """IRIs and values in the short forms the context defines."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        prefixes = {name: iri for name, iri in ctx.items() if isinstance(iri, str)}
        # the longest namespace first, so that a more specific prefix wins
        self._prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self._terms: dict[str, tuple[str, dict[str, str]]] = {}
        self._types: dict[str, str] = {}  # term → the datatype it coerces its values to
        for name, definition in ctx.items():
            if isinstance(definition, dict):
                self._terms[self._expand(definition["@id"], prefixes)] = (name, definition)
                if definition.get("@type") not in (None, "@id"):
                    self._types[name] = self._expand(definition["@type"], prefixes)

    @staticmethod
    def _expand(value: str, prefixes: dict[str, str]) -> str:
        prefix, sep, rest = value.partition(":")
        return prefixes[prefix] + rest if sep and prefix in prefixes else value

    def iri(self, value: str) -> str:
        for prefix, namespace in self._prefixes:
            rest = value[len(namespace) :]
            if value.startswith(namespace) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return value

    def node_id(self, term: Any) -> str:
        import pyoxigraph

        if isinstance(term, pyoxigraph.BlankNode):
            return f"_:{term.value}"
        return self.iri(term.value)

    def _full(self, term: Any) -> Any:
        """A value with no term's help: an ``@id`` or a value object."""
        import pyoxigraph

        if not isinstance(term, pyoxigraph.Literal):
            return {"@id": self.node_id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.iri(term.datatype.value)}

    def add(self, node: dict[str, Any], predicate: str, term: Any) -> None:
        """Put the value ``term`` of ``predicate`` into ``node``, as short as the context allows."""
        import pyoxigraph

        literal = isinstance(term, pyoxigraph.Literal)
        if predicate == _RDF_TYPE and not literal:
            node.setdefault("@type", []).append(self.iri(term.value))
            return
        found = self._terms.get(predicate)
        if found is not None:
            name, definition = found
            kind, container = definition.get("@type"), definition.get("@container")
            if container == "@language":
                if literal and term.language:
                    node.setdefault(name, {}).setdefault(term.language, []).append(term.value)
                    return
            elif kind == "@id":
                if not literal:
                    node.setdefault(name, []).append(self.node_id(term))
                    return
            elif kind is not None:
                if literal and not term.language and term.datatype.value == self._types[name]:
                    node.setdefault(name, []).append(term.value)
                    return
            else:
                node.setdefault(name, []).append(self._full(term))
                return
        node.setdefault(self.iri(predicate), []).append(self._full(term))


def _tidy(node: dict[str, Any]) -> dict[str, Any]:
    """Keys in order (``@id``, ``@type``, then by name), values sorted, single values bare."""

    def order(values: list[Any]) -> Any:
        values = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        return values[0] if len(values) == 1 else values

    tidy: dict[str, Any] = {"@id": node["@id"]}
    if "@type" in node:
        tidy["@type"] = order(node["@type"])
    for key in sorted(k for k in node if not k.startswith("@")):
        value = node[key]
        tidy[key] = (
            {lang: order(texts) for lang, texts in sorted(value.items())}
            if isinstance(value, dict)
            else order(value)
        )
    return tidy


def to_jsonld(quads: Iterable[pyoxigraph.Quad]) -> bytes:
    """The quads as one compacted JSON-LD document (UTF-8), the context embedded."""
    import pyoxigraph

    ctx = context()
    compact = _Compactor(ctx)
    graphs: defaultdict[str | None, dict[str, dict[str, Any]]] = defaultdict(dict)
    for quad in quads:
        graph = quad.graph_name
        key = None if isinstance(graph, pyoxigraph.DefaultGraph) else compact.node_id(graph)
        subject = compact.node_id(quad.subject)
        node = graphs[key].setdefault(subject, {"@id": subject})
        compact.add(node, quad.predicate.value, quad.object)
    top: list[dict[str, Any]] = [_tidy(n) for _, n in sorted(graphs.pop(None, {}).items())]
    for name in sorted(graphs, key=str):
        nodes = [_tidy(n) for _, n in sorted(graphs[name].items())]
        top.append({"@id": name, "@graph": nodes})
    document = {"@context": ctx, "@graph": top}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
