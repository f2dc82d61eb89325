"""The project's own vocabularies, read from data files: units and industries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import yaml

from plangraph._resources import read_data
from plangraph.errors import PlangraphError

__all__ = ["Unit", "Industry", "IndustryScheme", "units", "industries"]


@dataclass(frozen=True)
class Unit:
    key: str
    iri: str
    label_zh: str
    label_en: str
    count: bool
    surface: dict[str, Decimal]


@dataclass(frozen=True)
class Industry:
    label: str
    label_en: str
    alt: tuple[str, ...] = ()
    broader: str | None = None


@dataclass
class IndustryScheme:
    label_zh: str
    label_en: str
    concepts: dict[str, Industry] = field(default_factory=dict)
    _by_any_label: dict[str, str] = field(default_factory=dict)

    def resolve(self, label: str) -> Industry | None:
        """The concept whose preferred or alternative label is ``label``."""
        key = self._by_any_label.get(label)
        return self.concepts[key] if key is not None else None


def _read(name: str) -> Any:
    try:
        return read_data(name)
    except (OSError, yaml.YAMLError) as exc:
        raise PlangraphError(f"the bundled vocabulary {name} cannot be read: {exc}") from exc


@cache
def units() -> dict[str, Unit]:
    """Unit key (as records write it) → unit."""
    table = _read("units.yaml")
    return {
        key: Unit(
            key=key,
            iri=entry["iri"],
            label_zh=entry["label"]["zh"],
            label_en=entry["label"]["en"],
            count=bool(entry.get("count", False)),
            surface={s: Decimal(str(f)) for s, f in entry.get("surface", {}).items()},
        )
        for key, entry in table.items()
    }


@cache
def industries() -> IndustryScheme:
    """The industry concept scheme (data/industries.yaml)."""
    table = _read("industries.yaml")
    scheme = IndustryScheme(label_zh=table["scheme"]["zh"], label_en=table["scheme"]["en"])
    for entry in table["concepts"]:
        concept = Industry(
            label=entry["label"],
            label_en=entry.get("en") or entry["label"],
            alt=tuple(entry.get("alt") or ()),
            broader=entry.get("broader"),
        )
        scheme.concepts[concept.label] = concept
    for concept in scheme.concepts.values():
        for label in (concept.label, *concept.alt):
            scheme._by_any_label.setdefault(label, concept.label)
        if concept.broader is not None and concept.broader not in scheme.concepts:
            raise PlangraphError(
                f"industries.yaml: {concept.label}: unknown broader {concept.broader}"
            )
    return scheme
