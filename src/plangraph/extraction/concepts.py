"""Which indicator concept (``data/indicators.yaml``) a figure measures.

:func:`concept_for` reads the indicator as written before the figure (``全省地区生产总值增长``,
or ``地区生产总值`` with ``growth``), the figure's unit and whether it is a change::

    concept_for("地区生产总值", unit="PERCENT", growth=True)        → "gdp-growth"
    concept_for("地区生产总值", unit="CCY_CNY", growth=False)       → "gdp"
    concept_for("城镇调查失业率控制在", unit="PERCENT", growth=False) → "unemployment-rate"
    concept_for("新建农村公路", unit="KiloM", growth=False)         → None

How: region words (全省, 我省…) and lead words (实现, 力争…) are taken off the start; then the
longest wording of a concept (its labels and the wordings met, ``skos:altLabel``) that opens the
indicator wins, provided that what follows it is empty, a figure, punctuation or a word such as
增长, 达到, 控制在 (``data/indicator-words.yaml``). A growth or cut concept is also found by its
wording without the change word (地区生产总值 for 地区生产总值增长) when the figure is a change
in percent. The unit must fit the concept: a percent change of an amount goes to the amount's
growth concept where there is one (一般公共预算收入 增长 3% → fiscal-revenue-growth), else stays
on the amount (农村低保标准提高 6%); a change of a share may be in percentage points.

One wording may name several concepts in turn (``城乡居民人均可支配收入分别增长 5% 和 7%``,
``城镇调查失业率、居民消费价格涨幅分别控制在 5% 和 3% 以内``): the figure's place in the list
is the number of figures between the wording and it, counted in ``indicator`` when it holds
them (``城乡居民人均可支配收入分别增长5%和``), else in ``context``, the sentence up to and
including the figure. ``context`` also supplies a change word the indicator lost
(``地区生产总值增长 7% 以上、力争达到 8%``: the 8 % is a growth too).

Anything else gives None: a figure with no concept, or one that no rule places surely.
:func:`tie_concepts` does this for every target and outcome of a document's records.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from plangraph._resources import read_data
from plangraph.extraction.words import LOOKBACK
from plangraph.records.model import Outcome, Records, Target
from plangraph.vocab.indicators import Indicator, IndicatorScheme, indicators

__all__ = ["concept_for", "tie_concepts"]

_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
# a figure, not a digit inside a name (PM2.5, R&D, 5G is skipped by the letter after it too)
_FIGURE = re.compile(r"(?<![A-Za-z_.\d])\d+(?:\.\d+)?(?:%?[-—–~至]\d+(?:\.\d+)?)?(?![\d.A-Za-z])")
_FOLLOW_CHARS = "0123456789一二三四五六七八九十两零百千万亿，,、。；;：:（(）)%-—"


@dataclass(frozen=True)
class _Matcher:
    scheme: IndicatorScheme
    regions: re.Pattern[str]  # region words at the start, any number of them
    opening: re.Pattern[str]  # region and lead words at the start, any number of them
    follows: re.Pattern[str]  # what may come after a wording
    change: re.Pattern[str]  # a change word at the start
    lists: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    exact: dict[str, str]  # normalised wording → concept
    stems: dict[str, str]  # a change concept's wording without its change word → concept
    longest: int


def _normal(text: str) -> str:
    """Width folded (％ → %, ＧＤＰ → GDP), spaces, line breaks and zero-width marks removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _matcher() -> _Matcher:
    raw: dict[str, Any] = read_data("indicator-words.yaml")
    scheme = indicators()
    change_words = [str(w) for w in raw["change"]]
    exact: dict[str, str] = {}
    stems: dict[str, str] = {}
    for concept in scheme:
        for wording in map(_normal, concept.wordings):
            exact[wording] = concept.name
            if concept.is_change:
                for word in change_words:
                    stem = wording.removesuffix(word)
                    if stem != wording and len(stem) >= 2:
                        stems.setdefault(stem, concept.name)
    lists = []
    for entry in raw["lists"]:
        names = tuple(str(n) for n in entry["concepts"])
        missing = [n for n in names if n not in scheme]
        assert not missing, f"indicator-words.yaml: unknown concepts {missing}"
        lists.append((re.compile(str(entry["pattern"])), names))
    follow_words = [*map(str, raw["follow"]), *change_words]
    return _Matcher(
        scheme=scheme,
        regions=re.compile(f"^(?:{_alternation(raw['regions'])})+"),
        opening=re.compile(f"^(?:{_alternation([*raw['regions'], *raw['lead']])})+"),
        follows=re.compile(f"(?:{_alternation(follow_words)}|[{re.escape(_FOLLOW_CHARS)}])"),
        change=re.compile(f"(?:{_alternation(change_words)})"),
        lists=tuple(lists),
        exact=exact,
        stems=stems,
        longest=max(map(len, [*exact, *stems])),
    )


def concept_for(indicator: str, *, unit: str, growth: bool, context: str = "") -> str | None:
    """The name of the indicator concept a figure measures, or None.

    ``indicator``: the words before the figure (region words may lead; earlier figures of a
    list may be in it); ``unit``: the figure's unit key (``PERCENT``, ``CCY_CNY``, ``NUM``…);
    ``growth``: the figure is a change; ``context``: the sentence up to and including the
    figure (optional, see the module's description).
    """
    return _concept_for(indicator, unit, bool(growth), context)


@lru_cache(maxsize=65536)
def _concept_for(indicator: str, unit: str, growth: bool, context: str) -> str | None:
    m = _matcher()
    text = m.regions.sub("", _normal(indicator), count=1)
    sentence = _normal(context)
    listed = _from_list(m, text, sentence, unit, growth)
    if listed is not None:
        return listed or None
    found = _resolve(m, text, unit, growth)
    if found is None and not growth and unit == "PERCENT" and _change_follows(m, text, sentence):
        found = _resolve(m, text, unit, True)
    if found is None and text and sentence:
        found = _list_around(m, text, sentence, unit, growth)
    return found


def _resolve(m: _Matcher, text: str, unit: str, growth: bool) -> str | None:
    """The concept of the longest wording that opens ``text`` and fits the unit; else the same
    once lead words are taken off (完成人工造林 is a wording, 实现城镇新增就业 is not)."""
    found = _longest(m, text, unit, growth)
    if found is None:
        opened = m.opening.sub("", text, count=1)
        if opened != text:
            found = _longest(m, opened, unit, growth)
    return found


def _longest(m: _Matcher, text: str, unit: str, growth: bool) -> str | None:
    for end in range(min(len(text), m.longest), 1, -1):
        prefix = text[:end]
        exact, stem = m.exact.get(prefix), m.stems.get(prefix)
        if exact is None and stem is None:
            continue
        rest = text[end:]
        if rest and not m.follows.match(rest):
            continue  # the wording runs on into a longer name: 城镇新增就业困难人员
        changed = growth or m.change.match(rest) is not None
        found = _fit(m, exact, stem, unit, changed)
        if found is not None:
            return found
    return None


def _fit(m: _Matcher, exact: str | None, stem: str | None, unit: str, changed: bool) -> str | None:
    scheme = m.scheme
    if stem is not None and unit == "PERCENT" and changed:
        return stem  # 地区生产总值 with a growth in percent: gdp-growth
    if exact is None:
        return None
    concept = scheme[exact]
    if concept.is_change:
        return exact if unit == "PERCENT" else None
    if unit in concept.units:
        return exact
    if changed and unit == "PERCENT":
        return _growth_of(scheme, concept)
    if changed and unit == "PercentagePoint" and concept.unit == "percent":
        return exact  # 城镇化率提升 1 个百分点
    return None


def _growth_of(scheme: IndicatorScheme, concept: Indicator) -> str:
    """Where a percent change of an amount goes: its growth concept (NAME-growth), else the
    amount itself (a change of it, as indicators.yaml's header says)."""
    sibling = scheme.get(f"{concept.name}-growth")
    return sibling.name if sibling is not None and sibling.is_change else concept.name


def _figures(text: str) -> int:
    return len(_FIGURE.findall(text))


def _place(text: str, split: int, sentence: str) -> int | None:
    """Which figure of a list this one is: the figures between the list's wording and it. None
    when nothing says the figures are given in turn (no 分别)."""
    after = text[split:]
    earlier = _figures(after)
    if "分别" in after and earlier:
        return earlier  # the indicator runs up to this figure: 城乡…分别增长5%和
    at = sentence.find(text[:split])
    if at >= 0 and "分别" in sentence[at + split :]:
        return max(_figures(sentence[at + split :]) - 1, 0)
    return 0 if "分别" in after else None


def _from_list(m: _Matcher, text: str, sentence: str, unit: str, growth: bool) -> str | None:
    """For a wording naming several concepts: the concept of this figure's place in it, or ""
    when its place or its unit does not fit; None when ``text`` names no list."""
    for pattern, names in m.lists:
        match = pattern.match(text)
        if match is None:
            continue
        place = _place(text, match.end(), sentence)
        if place is None or place >= len(names):
            return ""
        concept = m.scheme[names[place]]
        rest = text[match.end() :]
        changed = growth or m.change.search(rest) is not None
        if concept.is_change:
            return concept.name if unit == "PERCENT" and changed else ""
        return concept.name if unit in concept.units else ""
    split = text.find("分别")
    if split > 0 and "、" in text[:split]:
        parts = text[:split].split("、")
        place = _place(text, split, sentence)
        if place is None or place >= len(parts):
            return ""
        part = m.regions.sub("", parts[place], count=1)
        return _resolve(m, part + text[split:], unit, growth) or ""
    return None


def _list_around(m: _Matcher, text: str, sentence: str, unit: str, growth: bool) -> str | None:
    """An indicator cut out of a list's wording (一 of 一、二、三产增加值): the list in the
    sentence that holds it decides."""
    for pattern, _ in m.lists:
        for match in pattern.finditer(sentence):
            if text in match.group():
                tail = sentence[match.start() :]
                return _from_list(m, match.group(), tail, unit, growth) or None
    return None


def _change_follows(m: _Matcher, text: str, sentence: str) -> bool:
    """The sentence has a change word right after the indicator (地区生产总值增长…)."""
    if not text or not sentence:
        return False
    at = sentence.find(text)
    return at >= 0 and m.change.match(sentence, at + len(text)) is not None


_CLAUSE_BREAKS = "，。；;\n"


def tie_concepts(records: Records, text: str) -> int:
    """Give each target and outcome of ``records`` that has no concept the one
    :func:`concept_for` finds, from its indicator, unit and change, with the clause of ``text``
    up to the end of its first evidence span as the sentence. Returns how many got one."""
    tied = 0
    quantities: list[Target | Outcome] = [*records.targets, *records.outcomes]
    for q in quantities:
        if q.concept is not None or q.unit is None:
            continue
        context = ""
        if q.evidence:
            span = q.evidence[0]
            window = max(0, span.start - LOOKBACK)
            start = max(window, *(text.rfind(ch, window, span.start) + 1 for ch in _CLAUSE_BREAKS))
            context = text[start : span.end]
        q.concept = concept_for(q.indicator, unit=q.unit, growth=q.growth, context=context)
        tied += q.concept is not None
    return tied
