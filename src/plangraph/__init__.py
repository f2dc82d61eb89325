"""plangraph: Chinese planning documents to a traceable RDF knowledge graph.

The code is a package per stage of the flow: ``sources`` (reading files), ``vocab`` (gazetteer,
schemes, names), ``records``, ``extraction``, ``graph`` (RDF, SHACL), ``sparql`` (store, queries,
tables, endpoint), ``view`` (network, page, notebook) and ``pipeline`` (build, corpus,
tracking); a stage imports only the stages before it. No subpackage shares its name with a
function of this API (``plangraph.query`` is the function; the package is ``plangraph.sparql``),
since importing a submodule binds its name on the package.

The public API is imported lazily, so that ``import plangraph`` (and the command line's
``--help``) stays fast; rdflib, pyshacl and friends load when a function first needs them.

>>> import plangraph
>>> ds = plangraph.build()            # the bundled Shanxi 2024 sample, as an rdflib Dataset
>>> plangraph.validate(ds).conforms
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from plangraph._version import __version__

_EXPORTS = {
    "build": "pipeline.builder",
    "build_to": "pipeline.builder",
    "load_records": "records.reader",
    "parse_records": "records.reader",
    "dump_records": "records.reader",
    "Records": "records.model",
    "rdfize": "graph.rdfize",
    "extract": "extraction",
    "ExtractOptions": "extraction",
    "evaluate": "extraction.scoring",
    "link_corpus": "pipeline.track",
    "validate": "graph.shacl",
    "ValidationReport": "graph.shacl",
    "load_dataset": "graph.rdfio",
    "load": "sparql.dataset",
    "targets": "sparql.tables",
    "projects": "sparql.tables",
    "regions": "sparql.tables",
    "show": "view.notebook",
    "matplotlib_family": "view.font",
    "sample_path": "view.notebook",
    "to_networkx": "view.projection",
    "to_html": "view.page",
    "write_html": "view.page",
    "draw": "pipeline.draw",
    "export": "view.export",
    "select": "view.select",
    "query": "sparql.execute",
    "named_queries": "sparql.catalogue",
    "compare": "sparql.compare",
    "load_store": "sparql.store",
    "open_store": "sparql.store",
    "make_server": "sparql.serve.server",
    "PlangraphError": "errors",
    "InputError": "errors",
    "RecordsError": "errors",
    "SourceError": "errors",
    "DataError": "errors",
}

__all__ = [
    "__version__",
    "build",
    "build_to",
    "load_records",
    "parse_records",
    "dump_records",
    "Records",
    "rdfize",
    "extract",
    "ExtractOptions",
    "evaluate",
    "link_corpus",
    "validate",
    "ValidationReport",
    "load_dataset",
    "load",
    "targets",
    "projects",
    "regions",
    "show",
    "matplotlib_family",
    "sample_path",
    "to_networkx",
    "to_html",
    "write_html",
    "draw",
    "export",
    "select",
    "query",
    "named_queries",
    "compare",
    "load_store",
    "open_store",
    "make_server",
    "PlangraphError",
    "InputError",
    "RecordsError",
    "SourceError",
    "DataError",
]

if TYPE_CHECKING:
    from plangraph.errors import DataError, InputError, PlangraphError, RecordsError, SourceError
    from plangraph.extraction import ExtractOptions, extract
    from plangraph.extraction.scoring import evaluate
    from plangraph.graph.rdfio import load_dataset
    from plangraph.graph.rdfize import rdfize
    from plangraph.graph.shacl import ValidationReport, validate
    from plangraph.pipeline.builder import build, build_to
    from plangraph.pipeline.draw import draw
    from plangraph.pipeline.track import link_corpus
    from plangraph.records.model import Records
    from plangraph.records.reader import dump_records, load_records, parse_records
    from plangraph.sparql.catalogue import named_queries
    from plangraph.sparql.compare import compare
    from plangraph.sparql.dataset import load
    from plangraph.sparql.execute import query
    from plangraph.sparql.serve.server import make_server
    from plangraph.sparql.store import load_store, open_store
    from plangraph.sparql.tables import projects, regions, targets
    from plangraph.view.export import export
    from plangraph.view.notebook import sample_path, show
    from plangraph.view.page import to_html, write_html
    from plangraph.view.projection import to_networkx
    from plangraph.view.select import select


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plangraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
