"""Write ``ontology/context.jsonld``, the JSON-LD context of ``plangraph export --format jsonld``,
from the ontology: one term per ``pg:`` property (an object property's values as IRIs, a typed
datatype property's as that type, language-tagged ones as a language map), after the prefixes
and the SKOS, RDFS and Dublin Core terms the data uses.

The ontology is the single source: ``tests/test_jsonld.py`` fails when the context falls behind
it, and running this script brings the context up to date.
Run: ``python scripts/jsonld_context.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph

ROOT = Path(__file__).resolve().parents[1]
PG = "https://w3id.org/plangraph/ontology#"

FIXED: list[tuple[str, object]] = [
    ("pg", PG),
    ("id", "https://w3id.org/plangraph/id/"),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("xsd", str(XSD)),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("label", {"@id": "rdfs:label", "@container": "@language"}),
    ("title", {"@id": "dcterms:title", "@container": "@language"}),
    ("prefLabel", {"@id": "skos:prefLabel", "@container": "@language"}),
    ("altLabel", {"@id": "skos:altLabel", "@container": "@language"}),
    ("broader", {"@id": "skos:broader", "@type": "@id"}),
    ("inScheme", {"@id": "skos:inScheme", "@type": "@id"}),
    ("hasTopConcept", {"@id": "skos:hasTopConcept", "@type": "@id"}),
    ("topConceptOf", {"@id": "skos:topConceptOf", "@type": "@id"}),
    ("notation", {"@id": "skos:notation"}),
]


def terms(ontology: Graph) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if not str(prop).startswith(PG):
                continue
            name = str(prop)[len(PG) :]
            rng = ontology.value(prop, RDFS.range)
            definition = {"@id": f"pg:{name}"}
            if kind == OWL.ObjectProperty:
                definition["@type"] = "@id"
            elif rng == RDF.langString:
                definition["@container"] = "@language"
            elif rng is not None and str(rng).startswith(str(XSD)) and rng != XSD.string:
                definition["@type"] = f"xsd:{str(rng)[len(str(XSD)) :]}"
            found[name] = definition
    return dict(sorted(found.items()))


def main() -> None:
    ontology = Graph().parse(ROOT / "ontology" / "plangraph.ttl", format="turtle")
    entries = [*FIXED, *terms(ontology).items()]
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in entries]
    text = '{\n  "@context": {\n' + ",\n".join(lines) + "\n  }\n}\n"
    path = ROOT / "ontology" / "context.jsonld"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(entries)} entries")


if __name__ == "__main__":
    main()
