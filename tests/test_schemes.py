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
    assert len(scheme.concepts) > 300
    labels = Counter(lab for c in scheme.concepts.values() for lab in (c.label, *c.alt))
    assert [lab for lab, n in labels.items() if n > 1] == []
    for concept in scheme.concepts.values():  # every chain of broader links ends at a top concept
        seen = {concept.label}
        node = concept
        while node.broader is not None:
            node = scheme.concepts[node.broader]
            assert node.label not in seen, f"cycle through {node.label}"
            seen.add(node.label)
    # the tops: the sections of GB/T 4754, the strategic emerging industries, and a few
    # groupings reports use across sections (能源, 原材料, 数字经济, 工业, 服务业 …)
    tops = [c for c in scheme.concepts.values() if c.broader is None]
    sections = [c for c in tops if any(n.system == "GBT4754" for n in c.notations)]
    assert len(sections) == 20  # A–T
    assert len(tops) - len(sections) <= 16


# Sections of GB/T 4754-2017 and the divisions each holds (the published structure).
_SECTIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52),
    "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72),
    "M": (73, 75), "N": (76, 79), "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90),
    "S": (91, 96), "T": (97, 97),
}  # fmt: skip


def test_gbt4754_sections_and_divisions_keep_their_codes_and_tree() -> None:
    scheme = industries()
    for section, (first, last) in _SECTIONS.items():
        top = scheme.by_code("GBT4754", section)
        assert top is not None, section
        for number in range(first, last + 1):
            division = scheme.by_code("GBT4754", f"{number:02d}")
            if section == "S":
                continue  # party, state and mass organisations: no industry, not listed
            assert division is not None, number
            chain = {division.label}
            node = division
            while node.broader is not None:
                node = scheme.concepts[node.broader]
                chain.add(node.label)
            assert top.label in chain, f"{number:02d} {division.label} is not under {section}"
    assert scheme.by_code("GBT4754", "36").label == "汽车"  # type: ignore[union-attr]


def test_seic2018_sectors_and_sub_categories() -> None:
    scheme = industries()
    codes = sorted(n.code for c in scheme.concepts.values() for n in c.notations
                   if n.system == "SEIC2018")  # fmt: skip
    sectors = [c for c in codes if "." not in c]
    assert sectors == [str(n) for n in range(1, 10)]
    assert len(codes) - len(sectors) == 40
    for code in codes:
        if "." in code:
            concept = scheme.by_code("SEIC2018", code)
            parent = scheme.by_code("SEIC2018", code.rsplit(".", 1)[0])
            assert concept is not None and parent is not None
            assert concept.broader == parent.label, code
    assert scheme.by_code("SEIC2018", "1.5").label == "人工智能"  # type: ignore[union-attr]


def test_policy_terms_map_to_national_classes() -> None:
    scheme = industries()
    terms = "低空经济 人工智能+ 银发经济 数字经济 新型储能 钠离子电池 固态电池"
    terms += " 人形机器人 生物制造 商业航天"
    for term in terms.split():
        concept = scheme.resolve(term)
        assert concept is not None, term
        for other in (concept.broader, *concept.close):
            assert other is None or other in scheme.concepts
        assert concept.broader is not None or concept.close, term
    for concept in scheme.concepts.values():
        for other in concept.close:  # closeMatch points at a class of a national classification
            assert scheme.concepts[other].notations or scheme.concepts[other].close, other


def test_industries_resolve_by_alt_label() -> None:
    coal = industries().resolve("煤炭工业")
    assert coal is not None and coal.label == "煤炭"
    assert industries().resolve("不是产业") is None
