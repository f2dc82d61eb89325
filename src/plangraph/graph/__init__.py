"""The graph: records → RDF under plangraph's ontology, its namespace, SHACL and RDF files.

Knows nothing of parsing text (:mod:`plangraph.extraction` does that).
"""
