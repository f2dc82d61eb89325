"""The data vocabularies: units map to QUDT or defined pg: terms; industries form one scheme."""

from __future__ import annotations

from collections import Counter

from plangraph.graph.namespace import PG
from plangraph.vocab.schemes import industries, units


def test_units_are_qudt_or_defined_plangraph_terms() -> None:
    for unit in units().values():
        if unit.iri.startswith(str(PG._NS)):
            getattr(PG, unit.iri.removeprefix(str(PG._NS)))  # closed namespace: raises if undefined
        else:
            assert unit.iri.startswith("http://qudt.org/vocab/unit/"), unit.key
        assert unit.surface, f"{unit.key} has no Chinese surface forms"
    assert units()["NUM"].count and not units()["KiloM"].count


def test_no_surface_form_means_two_units() -> None:
    counts = Counter(s for u in units().values() for s in u.surface)
    assert [s for s, n in counts.items() if n > 1] == []


def test_industry_scheme_is_one_tree_with_unambiguous_labels() -> None:
    scheme = industries()
    assert len(scheme.concepts) > 60
    tops = [c for c in scheme.concepts.values() if c.broader is None]
    assert 5 <= len(tops) <= 20
    labels = Counter(lab for c in scheme.concepts.values() for lab in (c.label, *c.alt))
    assert [lab for lab, n in labels.items() if n > 1] == []
    for concept in scheme.concepts.values():  # every chain of broader links ends at a top concept
        seen = {concept.label}
        node = concept
        while node.broader is not None:
            node = scheme.concepts[node.broader]
            assert node.label not in seen, f"cycle through {node.label}"
            seen.add(node.label)


def test_industries_resolve_by_alt_label() -> None:
    coal = industries().resolve("煤炭工业")
    assert coal is not None and coal.label == "煤炭"
    assert industries().resolve("不是产业") is None
