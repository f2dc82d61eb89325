"""Asking the graph: the Oxigraph store, SPARQL and the named queries, tables as DataFrames,
pushing to other stores, and the HTTP endpoint (:mod:`plangraph.sparql.serve`).

(Named ``sparql`` rather than ``query`` so that no subpackage hides the API's
:func:`plangraph.query`.)
"""
