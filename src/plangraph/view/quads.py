"""Quads read once and indexed, answering the few reads the projection makes of an rdflib Graph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["QuadIndex"]


class QuadIndex:
    """The few reads the projection makes of an rdflib Graph, answered from quads read once
    (an Oxigraph store's, or a file's as it is parsed), so that a corpus's graph need not be
    loaded into rdflib for the page. Triples are indexed by subject and predicate, over the
    union of the graphs; terms become rdflib terms only when asked for.
    """

    def __init__(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        import pyoxigraph
        from rdflib import BNode

        self._bnode = BNode
        self._to_rdflib: dict[Any, Any] = {}
        index: dict[str, dict[str, list[Any]]] = {}
        named = pyoxigraph.NamedNode
        for quad in quads:
            subject = quad.subject
            key = subject.value if isinstance(subject, named) else str(subject)
            by_predicate = index.get(key)
            if by_predicate is None:
                by_predicate = index[key] = {}
            predicate = quad.predicate.value
            objects = by_predicate.get(predicate)
            if objects is None:
                by_predicate[predicate] = [quad.object]
            elif quad.object not in objects:  # the same triple in two documents' graphs
                objects.append(quad.object)
        self._index = index

    def _key(self, node: Any) -> str:
        return f"_:{node}" if isinstance(node, self._bnode) else str(node)

    def _rdflib(self, term: Any) -> Any:
        node = self._to_rdflib.get(term)
        if node is None:
            from plangraph.graph.terms import rdflib_term

            node = self._to_rdflib[term] = rdflib_term(term)
        return node

    def _subject(self, key: str) -> Any:
        from rdflib import URIRef

        return self._bnode(key[2:]) if key.startswith("_:") else URIRef(key)

    def objects(self, s: Any, p: Any) -> Iterator[Any]:
        found = self._index.get(self._key(s))
        return iter([self._rdflib(o) for o in found.get(str(p), ())] if found else [])

    def value(self, s: Any, p: Any) -> Any:
        return next(self.objects(s, p), None)

    def subjects(self, p: Any, o: Any) -> Iterator[Any]:
        from plangraph.graph.terms import oxigraph_term

        wanted, prop = oxigraph_term(o), str(p)
        for key, by_predicate in self._index.items():
            if wanted in by_predicate.get(prop, ()):
                yield self._subject(key)

    def subject_objects(self, p: Any) -> Iterator[tuple[Any, Any]]:
        prop = str(p)
        for key, by_predicate in self._index.items():
            for o in by_predicate.get(prop, ()):
                yield self._subject(key), self._rdflib(o)
