"""plangraph: Chinese planning documents to a traceable RDF knowledge graph.

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
    "rdfize": "rdfize",
    "validate": "shacl",
    "ValidationReport": "shacl",
    "load_dataset": "io",
    "to_networkx": "network",
    "to_html": "viz",
    "write_html": "viz",
    "draw": "viz",
    "select": "network",
    "query": "query",
    "named_queries": "query",
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
    "validate",
    "ValidationReport",
    "load_dataset",
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
    from .io import load_dataset
    from .network import select, to_networkx
    from .pipeline import build, build_to
    from .query import named_queries, query
    from .rdfize import rdfize
    from .records import Records, dump_records, load_records, parse_records
    from .serve import make_server
    from .shacl import ValidationReport, validate
    from .store import load_store, open_store
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


# ``plangraph.query`` names both a submodule and its main function, and importing a submodule
# binds it on the package, which would hide the lazy export. So the function is bound now, once
# and for good; the module is light (no rdflib, pandas or pyoxigraph until a query runs).
from .query import query  # noqa: E402
