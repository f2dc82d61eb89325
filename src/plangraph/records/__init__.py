"""Records: the plain data between getting facts (extraction, or an analyst) and the graph.

:mod:`~plangraph.records.model` holds the dataclasses, :mod:`~plangraph.records.reader` their
YAML form, :mod:`~plangraph.records.checks` the checks a records file must pass and
:mod:`~plangraph.records.cache` the JSON form of the build cache.
"""

from plangraph.records.model import (
    FORMAT,
    Document,
    Keyword,
    Measure,
    Outcome,
    Project,
    Records,
    Region,
    Source,
    Span,
    Target,
    Task,
    line_of,
)
from plangraph.records.reader import dump_records, load_records, parse_records

__all__ = [
    "FORMAT",
    "Document",
    "Keyword",
    "Measure",
    "Outcome",
    "Project",
    "Records",
    "Region",
    "Source",
    "Span",
    "Target",
    "Task",
    "dump_records",
    "line_of",
    "load_records",
    "parse_records",
]
