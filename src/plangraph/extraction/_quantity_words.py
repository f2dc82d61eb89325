"""The words around a number in Chinese planning text, read from ``data/quantities.yaml`` and
``data/units.yaml``: cue words with their roles, units by their Chinese surface forms, and the
lists the quantity finder consults (see that file for what each list means)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from plangraph._resources import read_data
from plangraph.vocab.schemes import units

__all__ = [
    "CHANGES",
    "Cues",
    "GROWTH_AT_START_UNITS",
    "NOT_COUNTED_UNITS",
    "SurfaceUnit",
    "VERBS",
    "load_cues",
]

_BOUNDS = ("AtLeast", "AtMost", "About")
CHANGES = frozenset({"predicate", "verb", "level", "up", "down"})
VERBS = frozenset({"verb", "level", "up", "down"})  # may open a count: 提升 122 个劳务品牌
NOT_COUNTED_UNITS = frozenset({"PERCENT", "PercentagePoint", "TIMES"})
GROWTH_AT_START_UNITS = frozenset({"PERCENT", "PercentagePoint", "TIMES", "CCY_CNY"})


_NUMBER = (
    r"(?P<pct>百分之)?(?:(?P<arabic>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"|(?P<chinese>[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*))"
)

_FRACTION = (  # 1/3, 三分之一 (denominator first)
    r"(?P<frac>(?P<num>[0-9]{1,3})/(?P<den>[0-9]{1,3})(?![0-9/])"
    r"|(?P<cden>[二三四五六七八九十]{1,2})分之(?P<cnum>[一二三四五六七八九十]{1,2}))"
)


@dataclass(frozen=True)
class SurfaceUnit:
    key: str
    factor: Decimal
    count: bool


@dataclass(frozen=True)
class Cues:
    before: dict[str, tuple[str, str]]  # word → (role, bound or "")
    before_max: int
    after: tuple[tuple[str, str], ...]  # (word, bound), longest first
    approximate: str
    aspiration: tuple[str, ...]
    magnitudes: dict[str, Decimal]
    magnitude_words: tuple[str, ...]  # longest first, like every word tuple below
    leading: tuple[str, ...]
    noun_stop: tuple[str, ...]
    not_counted: tuple[str, ...]
    blocked: dict[str, tuple[str, ...]]
    blocked_all: frozenset[str]
    surfaces: dict[str, SurfaceUnit]
    surface_max: int
    unit_context: dict[str, tuple[str, ...]]
    duration_units: frozenset[str]
    duration_cues: tuple[str, ...]
    not_after: frozenset[str]
    vague_before: frozenset[str]
    ordinal_counts: dict[str, tuple[str, ...]]
    rank_after: frozenset[str]
    rank_units: frozenset[str]
    adverbs: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    noun_ends_before: tuple[str, ...]
    unit_tails: tuple[str, ...]
    shares: dict[str, Decimal]
    flat: tuple[str, ...]
    flat_not_after: str
    unit_needed: frozenset[str]
    money_words: tuple[str, ...]
    threshold_words: frozenset[str]
    sum_words: tuple[str, ...]
    threshold_nouns: tuple[str, ...]
    shared_heads: tuple[str, ...]
    rank_words: tuple[str, ...]
    rate_nouns: tuple[str, ...]
    change_nouns: tuple[str, ...]
    rank_moves: frozenset[str]
    list_nouns: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    keep_words: tuple[str, ...]
    set_verbs: tuple[str, ...]
    counted_commitments: tuple[str, ...]
    set_nouns: tuple[str, ...]
    levels: tuple[str, ...]
    bound_words: tuple[str, ...]
    small_numerals: str
    small_verbs: tuple[str, ...]
    small_classifiers: dict[str, tuple[str, ...]]
    baseline_from: tuple[str, ...]
    cue_then_number: re.Pattern[str] = field(repr=False)
    candidate: re.Pattern[str] = field(repr=False)


def _longest_first(words: Any) -> tuple[str, ...]:
    return tuple(sorted(map(str, words), key=len, reverse=True))


@cache
def load_cues() -> Cues:
    raw: dict[str, Any] = read_data("quantities.yaml")
    before = {
        str(word): (role, role if role in _BOUNDS else "")
        for role, words in raw["before_number"].items()
        for word in words
    }
    after = sorted(
        ((str(w), bound) for bound, words in raw["after_number"].items() for w in words),
        key=lambda pair: -len(pair[0]),
    )
    surfaces = {
        surface: SurfaceUnit(unit.key, factor, unit.count)
        for unit in units().values()
        for surface, factor in unit.surface.items()
    }
    blocked: dict[str, list[str]] = raw["unit_blocked_by"]
    cue_words = "|".join(
        map(re.escape, _longest_first(w for w, r in before.items() if r[0] != "keep"))
    )
    bare = raw["bare_magnitudes"]
    words = _longest_first([*bare["words"], *raw["shares"], *raw["flat"]["words"]])
    return Cues(
        before=before,
        before_max=max(map(len, before)),
        after=tuple(after),
        approximate="".join(raw["approximate"]),
        aspiration=tuple(raw["aspiration"]),
        magnitudes={str(k): Decimal(str(v)) for k, v in raw["magnitudes"].items()},
        magnitude_words=_longest_first(raw["magnitudes"]),
        leading=_longest_first(raw["leading_noise"]),
        noun_stop=_longest_first(raw["noun_stop"]),
        not_counted=_longest_first(raw["not_counted"]),
        blocked={k: tuple(map(str, v)) for k, v in blocked.items() if k != "all"},
        blocked_all=frozenset(blocked.get("all", ())),
        surfaces=surfaces,
        surface_max=max(map(len, surfaces)),
        unit_context={k: tuple(v) for k, v in (raw.get("unit_context") or {}).items()},
        duration_units=frozenset(raw["duration_units"]),
        duration_cues=tuple(raw["duration_cues"]),
        not_after=frozenset(raw["not_after"]),
        vague_before=frozenset(raw["vague_before"]),
        ordinal_counts={k: _longest_first(v) for k, v in raw["ordinal_counts"].items()},
        rank_after=frozenset(raw["rank_after"]),
        rank_units=frozenset(raw["rank_units"]),
        adverbs=_longest_first(raw["adverbs"]),
        lead_verbs=_longest_first(raw["lead_verbs"]),
        noun_ends_before=_longest_first(raw["noun_ends_before"]),
        unit_tails=_longest_first(raw["unit_tails"]),
        shares={str(k): Decimal(str(v)) for k, v in raw["shares"].items()},
        flat=tuple(raw["flat"]["words"]),
        flat_not_after="".join(raw["flat"]["not_after"]),
        unit_needed=frozenset(bare["unit_needed"]),
        money_words=tuple(raw["money_words"]),
        threshold_words=frozenset(raw["threshold_words"]["words"]),
        sum_words=tuple(raw["threshold_words"]["not_after"]),
        threshold_nouns=_longest_first(raw["threshold_words"]["nouns"]),
        shared_heads=_longest_first(raw["shared_heads"]),
        rank_words=tuple(raw["rank_words"]),
        rate_nouns=tuple(raw["rates_of_change"]),
        change_nouns=tuple(raw["not_changes"]),
        rank_moves=frozenset(raw["rank_moves"]),
        list_nouns=tuple(raw["list_nouns"]),
        name_suffixes=tuple(raw["name_suffixes"]),
        keep_words=tuple(w for w, (role, _) in before.items() if role == "keep"),
        set_verbs=_longest_first(raw["sized_sets"]["verbs"]),
        counted_commitments=tuple(raw["sized_sets"]["commitments"]),
        set_nouns=tuple(raw["sized_sets"]["nouns"]),
        levels=_longest_first(raw["before_number"]["level"]),
        bound_words=_longest_first(w for w, (_, bound) in before.items() if bound),
        small_numerals="".join(raw["small_counts"]["numerals"]),
        small_verbs=tuple(raw["small_counts"]["verbs"]),
        small_classifiers={str(k): tuple(v) for k, v in raw["small_counts"]["classifiers"].items()},
        baseline_from=tuple(raw["baseline_from"]),
        candidate=re.compile(rf"(?P<word>{'|'.join(map(re.escape, words))})|{_FRACTION}|{_NUMBER}"),
        # bounded repeats: tried at every character of a noun, it must not scan a run of cue words
        cue_then_number=re.compile(
            rf"(?:{cue_words}){{1,4}}[ \t]{{0,3}}[0-9一二两三四五六七八九十]"
        ),
    )
