"""The project's own vocabularies, read from data files: units and industries."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from typing import Any

import yaml

from plangraph._resources import read_data
from plangraph.errors import PlangraphError

__all__ = [
    "Unit",
    "Industry",
    "IndustryDetection",
    "IndustryScheme",
    "Notation",
    "units",
    "industries",
]


@dataclass(frozen=True)
class Unit:
    key: str
    iri: str
    label_zh: str
    label_en: str
    count: bool
    surface: dict[str, Decimal]


@dataclass(frozen=True)
class Notation:
    """A code of a national classification: ``system`` is a key of the scheme's notations
    (``SEIC2018``, ``GBT4754``), ``code`` the code as published (``1.5``, ``C``, ``36``)."""

    system: str
    code: str


@dataclass(frozen=True)
class Industry:
    label: str
    label_en: str
    alt: tuple[str, ...] = ()
    broader: str | None = None
    notations: tuple[Notation, ...] = ()  # the national classes this concept is
    close: tuple[str, ...] = ()  # preferred labels of national classes it corresponds to
    field: bool = False  # public works, services or policy: files facts, is no industry mention


@dataclass(frozen=True)
class IndustryDetection:
    """How the extractor tells industry mentions from the same characters in other words,
    and which heads make an unknown term a proposed one (``detection:`` in industries.yaml)."""

    not_before: tuple[str, ...] = ()
    facts_only: frozenset[str] = frozenset()
    straddled: tuple[str, ...] = ()
    straddled_after: tuple[str, ...] = ()
    field_before: tuple[str, ...] = ()
    hub_before: tuple[str, ...] = ()
    field_words: tuple[str, ...] = ()
    not_words: tuple[str, ...] = ()
    field_lists: tuple[str, ...] = ()
    market_sectors: tuple[str, ...] = ()
    market_words: tuple[str, ...] = ()
    firm_words: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    generic: frozenset[str] = frozenset()


@dataclass
class IndustryScheme:
    label_zh: str
    label_en: str
    concepts: dict[str, Industry] = field(default_factory=dict)
    systems: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (zh, en) names
    detection: IndustryDetection = field(default_factory=IndustryDetection)
    _by_any_label: dict[str, str] = field(default_factory=dict)

    def resolve(self, label: str) -> Industry | None:
        """The concept whose preferred or alternative label is ``label``."""
        key = self._by_any_label.get(label)
        return self.concepts[key] if key is not None else None

    def names_industry(self, label: str, quote: str) -> bool:
        """Whether ``quote``, a mention of the concept ``label``, names an industry: not when
        the concept is a field (railways, schools) or the surface one that only files facts
        (景区 under 旅游). Terms the scheme lacks (proposed ones) do."""
        concept = self.resolve(label)
        if concept is None:
            return True
        return not concept.field and quote not in self.detection.facts_only

    def by_code(self, system: str, code: str) -> Industry | None:
        """The concept that is class ``code`` of the national classification ``system``."""
        wanted = Notation(system, code)
        return next((c for c in self.concepts.values() if wanted in c.notations), None)


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
    scheme = IndustryScheme(
        label_zh=table["scheme"]["zh"],
        label_en=table["scheme"]["en"],
        systems={k: (v["zh"], v["en"]) for k, v in (table.get("notations") or {}).items()},
    )
    for entry in table["concepts"]:
        concept = Industry(
            label=entry["label"],
            label_en=entry.get("en") or entry["label"],
            alt=tuple(entry.get("alt") or ()),
            broader=entry.get("broader"),
            notations=tuple(_notation(entry["label"], c, scheme) for c in _codes(entry)),
            close=tuple(entry.get("close") or ()),
            field=bool(entry.get("field", False)),
        )
        if concept.label in scheme.concepts:
            raise PlangraphError(f"industries.yaml: {concept.label} is listed twice")
        scheme.concepts[concept.label] = concept
    for concept in scheme.concepts.values():
        for label in (concept.label, *concept.alt):
            scheme._by_any_label.setdefault(label, concept.label)
        for other in (concept.broader, *concept.close):
            if other is not None and other not in scheme.concepts:
                raise PlangraphError(f"industries.yaml: {concept.label}: unknown concept {other}")
    scheme.detection = _detection(table.get("detection") or {})
    return scheme


def _detection(rules: dict[str, Any]) -> IndustryDetection:
    """The ``detection:`` word lists, each as its field of :class:`IndustryDetection` holds it
    (a set where the default is one; heads longest first); an unknown key is an error."""
    sets = {f.name: isinstance(f.default, frozenset) for f in fields(IndustryDetection)}
    unknown = sorted(set(rules) - set(sets))
    if unknown:
        raise PlangraphError(f"industries.yaml: detection: unknown key(s) {', '.join(unknown)}")
    lists: dict[str, Any] = {
        name: (frozenset if sets[name] else tuple)(words or ()) for name, words in rules.items()
    }
    if "heads" in lists:
        lists["heads"] = tuple(sorted(lists["heads"], key=len, reverse=True))
    return IndustryDetection(**lists)


def _codes(entry: dict[str, Any]) -> list[str]:
    codes = entry.get("code") or []
    return [codes] if isinstance(codes, str) else list(codes)


def _notation(label: str, text: str, scheme: IndustryScheme) -> Notation:
    system, _, code = str(text).partition(" ")
    if system not in scheme.systems or not code:
        raise PlangraphError(
            f"industries.yaml: {label}: code {text!r} is not 'SYSTEM CODE' with SYSTEM one of"
            f" {', '.join(scheme.systems)}"
        )
    return Notation(system, code)
