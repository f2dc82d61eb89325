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
    "PlangraphError",
    "InputError",
    "RecordsError",
    "SourceError",
    "DataError",
]

if TYPE_CHECKING:
    from .errors import DataError, InputError, PlangraphError, RecordsError, SourceError
    from .io import load_dataset
    from .network import to_networkx
    from .pipeline import build, build_to
    from .rdfize import rdfize
    from .records import Records, dump_records, load_records, parse_records
    from .shacl import ValidationReport, validate
    from .viz import to_html, write_html


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plangraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
