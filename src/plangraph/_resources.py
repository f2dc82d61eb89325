"""Locate the files shipped with plangraph: the ontology and the data vocabularies.

An installed wheel carries them inside the package (``plangraph/ontology``,
``plangraph/data``); an editable install of a source checkout reads them from the
repository's top-level ``ontology/`` and ``data/`` folders, which are the single source.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = ["SAMPLE", "data_file", "ontology_file", "read_data"]

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _folder(name: str) -> Traversable:
    packaged = resources.files("plangraph") / name
    if packaged.is_dir():
        return packaged
    return _SOURCE_ROOT / name


def ontology_file(name: str) -> Traversable:
    """A file under ``ontology/`` (``plangraph.ttl``, ``shapes.ttl``, ``examples/...``)."""
    return _folder("ontology").joinpath(*name.split("/"))


def data_file(name: str) -> Traversable:
    """A file under ``data/`` (``units.yaml``, ``industries.yaml``, the sample records)."""
    return _folder("data").joinpath(*name.split("/"))


SAMPLE = "shanxi-2024.yaml"
"""The bundled sample records under ``data/``: what ``plangraph build`` builds with no input."""


def read_data(name: str) -> Any:
    """A YAML file under ``data/``, parsed with libyaml when PyYAML has it (ten times faster
    than the pure-Python parser on the vocabularies: it matters to a command's start)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_file(name).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
