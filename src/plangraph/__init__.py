"""plangraph: Chinese planning documents to a traceable RDF knowledge graph.

No submodule shares its name with a function of this API (``plangraph.query`` is the function;
the module is ``plangraph.sparql``), since importing a submodule binds its name on the package.

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

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline",
    "build_to": "pipeline",
    "load_records": "records",
    "parse_records": "records",
    "dump_records": "records",
    "Records": "records",
    "rdfize": "rdf",
    "extract": "extraction",
    "ExtractOptions": "extraction",
    "evaluate": "scoring",
    "link_corpus": "track",
    "validate": "shacl",
    "ValidationReport": "shacl",
    "load_dataset": "io",
    "load": "io",
    "targets": "tables",
    "projects": "tables",
    "regions": "tables",
    "show": "notebook",
    "sample_path": "notebook",
    "to_networkx": "network",
    "to_html": "viz",
    "write_html": "viz",
    "draw": "viz",
    "select": "network",
    "query": "sparql",
    "named_queries": "sparql",
    "load_store": "store",
    "open_store": "store",
    "make_server": "serve",
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
    "sample_path",
    "to_networkx",
    "to_html",
    "write_html",
    "draw",
    "select",
    "query",
    "named_queries",
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
    from .errors import DataError, InputError, PlangraphError, RecordsError, SourceError
    from .extraction import ExtractOptions, extract
    from .io import load, load_dataset
    from .network import select, to_networkx
    from .notebook import sample_path, show
    from .pipeline import build, build_to
    from .rdf import rdfize
    from .records import Records, dump_records, load_records, parse_records
    from .scoring import evaluate
    from .serve import make_server
    from .shacl import ValidationReport, validate
    from .sparql import named_queries, query
    from .store import load_store, open_store
    from .tables import projects, regions, targets
    from .track import link_corpus
    from .viz import draw, to_html, write_html


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plangraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
