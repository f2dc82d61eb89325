"""The indicator concept scheme (``data/indicators.yaml``): what a target or outcome measures.

Each concept has a fixed name (``gdp-growth``; its IRI is
``https://w3id.org/plangraph/indicator/NAME``), Chinese and English labels, the wordings met in
the reports, the unit kind its figures take, what kind of figure it is (its *measure*), whether
higher is better, and optionally a broader concept. The file is checked when it is loaded: an
unknown unit kind or measure, a ``broader`` that names no concept, a wording given to two
concepts, or a misspelt field stops with an error naming the line.

Also here, since it needs nothing but the scheme: :func:`judge_figure`, how a reported figure
compares with a target of the same concept (met, exceeded, not met).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal, get_args

import yaml

from plangraph._resources import data_file
from plangraph.errors import PlangraphError

__all__ = [
    "INDICATOR_BASE",
    "MEASURES",
    "UNIT_KINDS",
    "Indicator",
    "IndicatorScheme",
    "indicators",
    "judge_figure",
    "parse_indicators",
]

INDICATOR_BASE = "https://w3id.org/plangraph/indicator/"
"""Concept IRIs: this base and the concept's name."""

Measure = Literal["growth", "cut", "level", "count", "share", "rate"]
MEASURES: tuple[str, ...] = get_args(Measure)

# What each unit kind of the file allows, as keys of data/units.yaml (a test keeps them known).
UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "percent": ("PERCENT",),
    "yuan": ("CCY_CNY",),
    "money": ("CCY_CNY", "CCY_USD"),
    "people": ("NUM",),
    "count": ("NUM",),
    "mass": ("KiloGM", "TONNE"),
    "area": ("Mu", "HA", "KiloM2", "M2"),
    "length": ("KiloM", "M"),
    "power": ("KiloW", "MegaW", "GigaW"),
    "micrograms-per-m3": ("MicroGM-PER-M3",),
}

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = frozenset({"label", "alt", "unit", "measure", "higher_is_better", "broader"})
_ABOUT = Decimal("0.05")  # 左右: within 5 %


@dataclass(frozen=True)
class Indicator:
    name: str
    label_zh: str
    label_en: str
    alt: tuple[str, ...]
    unit: str  # a unit kind: a key of UNIT_KINDS
    measure: Measure
    higher_is_better: bool | None  # None: neither (a price level to hold)
    broader: str | None = None

    @property
    def iri(self) -> str:
        return INDICATOR_BASE + self.name

    @property
    def units(self) -> tuple[str, ...]:
        """The unit keys (data/units.yaml) its figures take."""
        return UNIT_KINDS[self.unit]

    @property
    def is_change(self) -> bool:
        """A growth or a cut: the change itself is the statistic (增长 5%, 降低 3%)."""
        return self.measure in ("growth", "cut")

    @property
    def wordings(self) -> tuple[str, ...]:
        return (self.label_zh, *self.alt)


@dataclass(frozen=True)
class IndicatorScheme:
    concepts: dict[str, Indicator]
    by_wording: dict[str, str]  # every label and alt → concept name

    def __contains__(self, name: object) -> bool:
        return name in self.concepts

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def __getitem__(self, name: str) -> Indicator:
        return self.concepts[name]

    def get(self, name: str | None) -> Indicator | None:
        return self.concepts.get(name) if name is not None else None

    def names(self) -> list[str]:
        return list(self.concepts)

    def with_broader(self, names: set[str] | list[str]) -> list[str]:
        """``names`` and every concept up their broader chains, in scheme order."""
        wanted: set[str] = set()
        for name in names:
            node = self.concepts.get(name)
            while node is not None and node.name not in wanted:
                wanted.add(node.name)
                node = self.concepts.get(node.broader) if node.broader else None
        return [name for name in self.concepts if name in wanted]


def _lines(text: str) -> dict[str, int]:
    """The line of each top-level key, for error messages."""
    node = yaml.compose(text, Loader=_LOADER)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


# libyaml when PyYAML has it: ten times faster than the pure-Python parser
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_indicators(text: str, source: str = "indicators.yaml") -> IndicatorScheme:
    """The scheme from the YAML ``text``; a :class:`PlangraphError` naming ``source`` and the
    line of the first concept that is not right."""
    try:
        table = yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
        lines = _lines(text)
    except yaml.YAMLError as exc:
        raise PlangraphError(f"{source}: not YAML: {exc}") from exc
    if not isinstance(table, dict) or not table:
        raise PlangraphError(f"{source}: expected a mapping of concept names to concepts")

    def fail(name: str, message: str) -> PlangraphError:
        return PlangraphError(f"{source}:{lines.get(name, '?')}: concept {name}: {message}")

    concepts: dict[str, Indicator] = {}
    for name, entry in table.items():
        concepts[str(name)] = _concept(str(name), entry, fail)
    by_wording: dict[str, str] = {}
    for concept in concepts.values():
        if concept.broader is not None and concept.broader not in concepts:
            raise fail(concept.name, f"broader names no concept: {concept.broader!r}")
        for wording in concept.wordings:
            other = by_wording.setdefault(wording, concept.name)
            if other != concept.name:
                raise fail(concept.name, f"the wording {wording!r} is also a wording of {other}")
    for concept in concepts.values():  # every broader chain ends
        seen, node = {concept.name}, concept
        while node.broader is not None:
            node = concepts[node.broader]
            if node.name in seen:
                raise fail(
                    concept.name, f"its broader concepts run in a circle through {node.name}"
                )
            seen.add(node.name)
    return IndicatorScheme(concepts, by_wording)


def _concept(name: str, entry: Any, fail: Any) -> Indicator:
    if not _NAME.match(name):
        raise fail(name, "a name is lowercase letters and digits joined by '-'")
    if not isinstance(entry, dict):
        raise fail(name, "expected a mapping with label, alt, unit, measure, higher_is_better")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise fail(name, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    label = entry.get("label")
    if not isinstance(label, dict) or not all(isinstance(label.get(k), str) for k in ("zh", "en")):
        raise fail(name, "label needs {zh: …, en: …}")
    alt = entry.get("alt") or []
    if not isinstance(alt, list) or not all(isinstance(a, str) and a for a in alt):
        raise fail(name, "alt is a list of wordings")
    unit = entry.get("unit")
    if unit not in UNIT_KINDS:
        raise fail(name, f"unknown unit kind {unit!r} (one of {', '.join(UNIT_KINDS)})")
    measure = entry.get("measure")
    if measure not in MEASURES:
        raise fail(name, f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")
    better = entry.get("higher_is_better")
    if better is not None and not isinstance(better, bool):
        raise fail(name, f"higher_is_better is true, false or null, not {better!r}")
    broader = entry.get("broader")
    if broader is not None and not isinstance(broader, str):
        raise fail(name, "broader is a concept name or null")
    return Indicator(
        name=name,
        label_zh=label["zh"],
        label_en=label["en"],
        alt=tuple(alt),
        unit=unit,
        measure=measure,
        higher_is_better=better,
        broader=broader,
    )


@cache
def indicators() -> IndicatorScheme:
    """The bundled indicator concept scheme (data/indicators.yaml), read once."""
    try:
        text = data_file("indicators.yaml").read_text(encoding="utf-8")
    except OSError as exc:
        raise PlangraphError(
            f"the bundled vocabulary indicators.yaml cannot be read: {exc}"
        ) from exc
    return parse_indicators(text)


def judge_figure(
    concept: Indicator,
    qualifier: str,
    value: Decimal | None,
    low: Decimal | None,
    high: Decimal | None,
    got: Decimal | None,
) -> str:
    """``met``, ``exceeded``, ``not-met`` for a reported figure ``got`` against a target of
    ``concept`` (its qualifier and numbers), ``reported`` when there is nothing to compare.

    The direction comes from the concept: a lower unemployment rate beats its target; a cut is
    the number (a bigger cut is better); where neither is better (prices), the target is a
    ceiling that anything up to it meets. ``About`` allows 5 % either way; a floor (AtLeast) is
    met when reached and exceeded by anything beyond it.
    """
    if got is None:
        return "reported"
    lo = low if qualifier in ("Range", "AtLeast") else value
    hi = high if qualifier in ("Range", "AtMost") else value
    if qualifier == "AtLeast":
        lo, hi = (lo if lo is not None else value), None
    if qualifier == "AtMost":
        lo, hi = None, (hi if hi is not None else value)
    if qualifier == "About" and value is not None:
        lo, hi = value * (1 - _ABOUT), value * (1 + _ABOUT)
    if lo is None and hi is None:
        return "reported"
    if concept.higher_is_better is None:  # a level to hold: the target is a ceiling
        bound = hi if hi is not None else lo
        assert bound is not None
        return "met" if got <= bound else "not-met"
    floor = lo
    if concept.higher_is_better is False:  # read the scale the other way round
        got, lo, hi = -got, (-hi if hi is not None else None), (-lo if lo is not None else None)
        floor = lo
    if lo is not None and got < lo:
        return "not-met"
    if hi is not None and got > hi:
        return "exceeded"
    if qualifier == "AtLeast" and floor is not None and got > floor:
        return "exceeded"  # anything beyond a floor (725 亿斤以上 → 732.5 亿斤)
    return "met"
