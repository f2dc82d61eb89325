"""Quantities stated in Chinese planning text: what is measured, the number, its unit and bound.

``新建农村公路 4300 公里`` gives the indicator 新建农村公路 with 4300 KiloM, Exact;
``数字经济规模增长 15% 左右`` gives 数字经济规模 with 15 PERCENT, About, as a growth;
``新建 30 个国家绿色工厂`` gives 新建国家绿色工厂 with 30 NUM (classifier 个).

Numbers are Arabic (decimals, thousands separators) or Chinese (十五件, 三千亿元, read with
cn2an); magnitudes (万, 亿) and unit factors (万千瓦 is 10 000 kW) are applied. Not quantities:
dates and years, ordinals, list numbers, numbers inside names and quotes (5G, “9+13”, 三个一号),
ranks, tiers (千亿级), vague amounts (数十个), denominators (每 10 万人) and bare durations
(提前 1 年).

Cue words come from ``data/quantities.yaml``, units from ``data/units.yaml``. Matching runs on a
width-folded copy of the text of the same length, so every offset is an offset into the text as
given.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from plangraph._resources import read_data
from plangraph.vocab.schemes import units

__all__ = ["Quantity", "find_quantities", "fold_width"]


@dataclass(frozen=True)
class Quantity:
    start: int  # the whole phrase: from the indicator (or the number, when the indicator
    end: int  # follows) to the end of the unit, qualifier or counted noun; end exclusive
    indicator: str  # what is measured, in the text's words, trimmed
    value: Decimal | None  # magnitudes and unit factors applied
    min: Decimal | None
    max: Decimal | None
    unit: str  # a key of data/units.yaml
    classifier: str | None  # the measure word when unit is NUM
    qualifier: str  # Exact | About | AtLeast | AtMost | Range
    growth: bool  # the number is a change (增长 15%, 增加 30 元, 下降 3%)
    number_start: int
    number_end: int
    aspirational: bool = False  # 力争, 争取, 努力 in its clause: a goal striven for
    baseline: Decimal | None = None  # 从 A 提高到 B: the value is B, the baseline A


@cache
def _width_table() -> dict[int, str]:
    table = {0x3000: " "}
    for code in range(0xFF01, 0xFFEF):
        char = chr(code)
        if unicodedata.decomposition(char).startswith(("<wide>", "<narrow>")):
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1:
                table[code] = folded
    return table


def fold_width(text: str) -> str:
    """``text`` with full- and half-width forms folded one char for one char (１２％ → 12%).

    Only width variants (and the ideographic space) fold, not every NFKC compatibility
    character: ① stays ①, so a list marker never turns into a number.
    """
    if text.isascii() or _FOLDABLE.search(text) is None:
        return text  # already folded (the extractor folds once, then reads clause by clause)
    return text.translate(_width_table())


_FOLDABLE = re.compile("[\u3000\uff01-\uffee]")


# --- cue words -------------------------------------------------------------------------------

_BOUNDS = ("AtLeast", "AtMost", "About")
_CHANGES = frozenset({"predicate", "verb", "level", "up", "down"})
_VERBS = frozenset({"verb", "level", "up", "down"})  # may open a count: 提升 122 个劳务品牌
_NOT_COUNTED_UNITS = frozenset({"PERCENT", "PercentagePoint", "TIMES"})
_GROWTH_AT_START_UNITS = frozenset({"PERCENT", "PercentagePoint", "TIMES", "CCY_CNY"})


@dataclass(frozen=True)
class _Unit:
    key: str
    factor: Decimal
    count: bool


@dataclass(frozen=True)
class _Cues:
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
    surfaces: dict[str, _Unit]
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
def _cues() -> _Cues:
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
        surface: _Unit(unit.key, factor, unit.count)
        for unit in units().values()
        for surface, factor in unit.surface.items()
    }
    blocked: dict[str, list[str]] = raw["unit_blocked_by"]
    cue_words = "|".join(
        map(re.escape, _longest_first(w for w, r in before.items() if r[0] != "keep"))
    )
    bare = raw["bare_magnitudes"]
    words = _longest_first([*bare["words"], *raw["shares"], *raw["flat"]["words"]])
    return _Cues(
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


# --- numbers ---------------------------------------------------------------------------------

_CN_DIGITS = "一二两三四五六七八九"
_CN_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_NUMBER = (
    r"(?P<pct>百分之)?(?:(?P<arabic>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"|(?P<chinese>[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*))"
)
_FRACTION = (  # 1/3, 三分之一 (denominator first)
    r"(?P<frac>(?P<num>[0-9]{1,3})/(?P<den>[0-9]{1,3})(?![0-9/])"
    r"|(?P<cden>[二三四五六七八九十]{1,2})分之(?P<cnum>[一二三四五六七八九十]{1,2}))"
)
_ARABIC_AT = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
# A Chinese amount has at most 12 characters (九千九百九十九亿九千万): a longer run is read from its
# first 12 only, so trimming a run until it parses costs the same on any text
_MAX_CHINESE = 12
_CHINESE_AT = re.compile(
    rf"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]{{0,{_MAX_CHINESE - 1}}}"
)
_RANGE_SEP = re.compile(r"[ \t]*(?:[-~—–]{1,2}|至|到)[ \t]*")
_SPACES = re.compile(r"[ \t]*")
_YEAR_AFTER = re.compile(r"[ \t]*(?:年|[-~—–]{1,2}[ \t]*[12][0-9]{3}[ \t]*年)")
_QUOTED = re.compile(r"“[^“”\n]{0,80}”|《[^《》\n]{0,80}》|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\"")
_MAX_DIGITS = 15  # beyond this a digit string is a code or a phone number, not an amount


def _spaces_end(text: str, pos: int) -> int:
    match = _SPACES.match(text, pos)
    return match.end() if match else pos


def _is_cjk(char: str) -> bool:
    return len(char) == 1 and "\u4e00" <= char <= "\u9fff"


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


@lru_cache(maxsize=4096)  # bounded: a hostile text may hold any number of distinct numerals
def _chinese_value(numeral: str) -> Decimal | None:
    if numeral in _CN_SMALL:
        return Decimal(_CN_SMALL[numeral])
    if len(numeral) > _MAX_CHINESE or not any(c in "十百千万亿" for c in numeral):
        return None  # 二〇二四, 一二三: digits read one by one are dates and names, not amounts
    import cn2an  # slow to import (0.15 s): only once a Chinese numeral has shown up

    try:
        return Decimal(str(cn2an.cn2an(numeral.replace("两", "二"), "strict")))
    except Exception:  # cn2an signals a malformed numeral with assorted exception types
        return None


def _numeral_at(text: str, pos: int) -> tuple[int, Decimal, bool] | None:
    """(end, value, is Chinese) of the numeral at ``pos``; Chinese ones are cut until they parse."""
    match = _ARABIC_AT.match(text, pos)
    if match:
        whole = match.group().replace(",", "").split(".")[0]
        if len(whole) > _MAX_DIGITS or len(match.group()) > _MAX_DIGITS + 8:
            return None
        return match.end(), Decimal(match.group().replace(",", "")), False
    match = _CHINESE_AT.match(text, pos)
    numeral = match.group() if match else ""
    while numeral:
        value = _chinese_value(numeral)
        if value is not None:
            return pos + len(numeral), value, True
        numeral = numeral[:-1]
    return None


def _tidy(value: Decimal) -> Decimal:
    try:
        return (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        )
    except InvalidOperation:
        return value


@dataclass
class _Amount:
    value: Decimal
    high: Decimal | None  # the upper end of a range
    unit: str
    classifier: str | None
    bound: str | None  # stated by 余/多 or by a word after the unit
    number_start: int
    number_end: int
    end: int
    baseline: Decimal | None = None  # A of 从 A 提高到 B, in the same unit
    bare: bool = False  # a magnitude with no unit (突破千亿, 3300 万): a count, or money by context
    after_word: str = ""  # the word after it that states its bound (以上, 左右)
    change: bool = False  # the amount is itself a change (持平: no change)


@dataclass
class _Tail:
    multiplier: Decimal
    surface: str | None
    unit: _Unit | None
    approximate: bool
    end: int
    has_magnitude: bool


def _unit_at(text: str, pos: int, cues: _Cues) -> tuple[str, _Unit] | None:
    for size in range(min(cues.surface_max, len(text) - pos), 0, -1):
        surface = text[pos : pos + size]
        unit = cues.surfaces.get(surface)
        follower = text[pos + size : pos + size + 1]
        if (
            unit is None
            or follower in cues.blocked_all
            or text.startswith(cues.blocked.get(surface, ()), pos + size)
            or surface.isascii()
            and _is_ascii_alnum(follower)  # 5GW, but not 5G基站 or 5Pa
        ):
            continue
        context = cues.unit_context.get(unit.key)
        if context and not any(w in text[max(0, pos - _MAX_WINDOW) : pos] for w in context):
            continue  # 1080P is no computing power
        return surface, unit
    return None


def _word_at(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word, pos):
            return word
    return None


def _tail(text: str, pos: int, cues: _Cues, magnitude_allowed: bool) -> _Tail:
    """余/多, magnitude and unit after a numeral, each optional: 160 余万人, 2 万多个, 万千瓦."""
    pos = _spaces_end(text, pos)
    approximate = pos < len(text) and text[pos] in cues.approximate
    pos = _spaces_end(text, pos + approximate)
    found = _unit_at(text, pos, cues)
    if found is not None:
        return _Tail(Decimal(1), found[0], found[1], approximate, pos + len(found[0]), False)
    magnitude = _word_at(text, pos, cues.magnitude_words) if magnitude_allowed else None
    if magnitude is None:
        return _Tail(Decimal(1), None, None, approximate, pos, False)
    multiplier = cues.magnitudes[magnitude]
    pos += len(magnitude)
    if pos < len(text) and text[pos] in cues.approximate:
        approximate, pos = True, pos + 1
    after = _spaces_end(text, pos)
    found = _unit_at(text, after, cues)
    if found is not None:
        return _Tail(multiplier, found[0], found[1], approximate, after + len(found[0]), True)
    return _Tail(multiplier, None, None, approximate, pos, True)


def _amount_at(
    text: str, start: int, numeral_end: int, value: Decimal, chinese: bool, cues: _Cues
) -> _Amount | None:
    """The number (or range) at ``start`` with its magnitude, unit and the bound after it."""
    first = _tail(text, numeral_end, cues, not chinese or text[numeral_end - 1] not in "万亿")
    tail, high, number_end = first, None, numeral_end
    sep = None if first.approximate else _RANGE_SEP.match(text, first.end)
    second = _numeral_at(text, sep.end()) if sep else None
    if second is not None and second[2] == chinese:
        other = _tail(text, second[0], cues, not chinese or text[second[0] - 1] not in "万亿")
        if other.unit is not None and (first.unit is None or first.unit.key == other.unit.key):
            low_unit = first.unit or other.unit
            low_multiplier = first.multiplier if first.has_magnitude else other.multiplier
            low = value * low_multiplier * low_unit.factor
            top = second[1] * other.multiplier * other.unit.factor
            if low <= top:  # 2025-2024 is no range
                value, high, tail, number_end = low, top, other, second[0]
    if high is None:
        numeral = text[start:numeral_end]
        if chinese and len(numeral) == 1 and numeral in _CN_DIGITS and not first.has_magnitude:
            return None  # 三个一号, 两个毫不动摇, 一批: a small Chinese numeral is a word
        if first.unit is None:
            return _bare_count(text, start, numeral_end, value, first, cues)
        value = value * first.multiplier * first.unit.factor
    return _with_unit(text, start, number_end, value, high, tail, cues)


def _with_unit(
    text: str,
    start: int,
    number_end: int,
    value: Decimal,
    high: Decimal | None,
    tail: _Tail,
    cues: _Cues,
) -> _Amount:
    assert tail.unit is not None and tail.surface is not None
    end = tail.end + len(_word_at(text, tail.end, cues.unit_tails) or "")  # 1000 亿元人民币
    rate = _PER.match(text, end)  # 740 元/月: the figure's unit is per month; the record has none
    end = rate.end() if rate else end
    classifier = tail.surface if tail.unit.count else None
    amount = _Amount(value, high, tail.unit.key, classifier, None, start, number_end, end)
    if tail.approximate:
        amount.bound = "AtLeast"
    return _read_bound_after(text, amount, cues)


def _cue_before(text: str, pos: int, cues: _Cues) -> bool:
    """A word of ``before_number`` ends right before ``pos`` (spaces and an opening quote aside)."""
    while pos > 0 and text[pos - 1] in " \t“":
        pos -= 1
    for size in range(min(cues.before_max, pos), 0, -1):
        word = text[pos - size : pos]
        if word in cues.before:
            return cues.before[word][0] != "keep"
    return False


def _word_amount(text: str, pos: int, word: str, cues: _Cues) -> _Amount | None:
    """An amount without digits: 持平, 一半, 千亿 (after 突破, 超, 达到…), 万亿元."""
    end = pos + len(word)
    if word in cues.flat:
        if text[pos - 1 : pos] in cues.flat_not_after or _is_cjk(text[end : end + 1]):
            return None  # 保持平稳, 支持平台
        return _Amount(Decimal(0), None, "PERCENT", None, None, pos, end, end, change=True)
    cued = _cue_before(text, pos, cues)
    if word in cues.shares:
        amount = _Amount(cues.shares[word], None, "PERCENT", None, None, pos, end, end)
        _read_bound_after(text, amount, cues)
        return amount if cued or amount.after_word else None
    if not cued:
        return None  # 千亿级, 千万工程, 打造千亿产业集群
    tail = _tail(text, pos, cues, True)  # reads the magnitude itself, then the unit
    if tail.unit is None:
        if word in cues.unit_needed:
            return None  # 成南达万: 万 alone is a number only with its unit (近万家)
        return _bare_count(text, pos, end, Decimal(1), tail, cues)
    return _with_unit(text, pos, end, tail.multiplier * tail.unit.factor, None, tail, cues)


def _fraction(text: str, match: re.Match[str], cues: _Cues) -> _Amount | None:
    """近 1/3, 三分之二 (in percent), after a word of before_number or 占, or before 以上."""
    if match.group("num"):
        part, whole = Decimal(match.group("num")), Decimal(match.group("den"))
    else:
        part_cn, whole_cn = _chinese_value(match.group("cnum")), _chinese_value(match.group("cden"))
        if part_cn is None or whole_cn is None:
            return None
        part, whole = part_cn, whole_cn
    if not 0 < part < whole:
        return None
    value = (100 * part / whole).quantize(Decimal("0.01"))
    start, end = match.start(), match.end()
    amount = _read_bound_after(
        text, _Amount(value, None, "PERCENT", None, None, start, end, end), cues
    )
    if amount.after_word or _cue_before(text, start, cues) or _char_before(text, start) == "占":
        return amount
    return None


def _read_bound_after(text: str, amount: _Amount, cues: _Cues) -> _Amount:
    """The bound a word after the amount states (以上, 左右), which wins over 余/多."""
    gap = _spaces_end(text, amount.end)
    for word, stated in cues.after:
        if text.startswith(word, gap) and not (
            len(word) == 1 and _is_cjk(text[gap + 1 : gap + 2])
        ):  # 100 万千瓦内 ends a clause; 540 万千瓦内用煤电 goes on
            amount.bound, amount.end, amount.after_word = stated, gap + len(word), word
            break
    return amount


def _percent_in_words(
    text: str, start: int, numeral_end: int, value: Decimal, cues: _Cues
) -> _Amount:
    """百分之五十: the unit comes first."""
    amount = _Amount(value, None, "PERCENT", None, None, start, numeral_end, numeral_end)
    return _read_bound_after(text, amount, cues)


def _bare_count(
    text: str, start: int, numeral_end: int, value: Decimal, tail: _Tail, cues: _Cues
) -> _Amount | None:
    """``6600 多万纳税人``, ``务工规模超过 3300 万``: a large count with no measure word."""
    if not tail.has_magnitude or tail.multiplier < 10000:
        return None
    follower = text[tail.end : tail.end + 1]
    if follower in cues.blocked_all or not (
        follower in ("", "”") or follower in _CLAUSE_PUNCT or _is_cjk(follower)
    ):
        return None
    if _is_cjk(follower) and _word_at(text, tail.end, cues.noun_stop):
        return None
    bound = "AtLeast" if tail.approximate else None
    amount = _Amount(
        value * tail.multiplier, None, "NUM", None, bound, start, numeral_end, tail.end, bare=True
    )
    _read_bound_after(text, amount, cues)
    return None if _is_threshold(text, amount, cues) else amount


def _is_threshold(text: str, amount: _Amount, cues: _Cues) -> bool:
    """3000 万以上企业, 亿元以上项目, 单笔 50 万元以下欠款: a bound that describes a set; not a
    share (75% 以上的财力) or a sum (总投资 1000 亿元以上的新能源项目)."""
    start = amount.number_start
    return (
        amount.after_word in cues.threshold_words
        and amount.unit not in _NOT_COUNTED_UNITS
        and _is_cjk(text[amount.end : amount.end + 1])
        and not any(text.endswith(w, max(0, start - len(w)), start) for w in cues.sum_words)
    )


# --- the words around a number ---------------------------------------------------------------

_CLAUSE_PUNCT = frozenset(",，、;；。:：!！?？\n\r…")
_ASPIRATION_SCOPE_END = frozenset(",，;；。:：!！?？\n\r")
_NAME_NEIGHBOURS = frozenset("+∶_/×")
_QUOTE_CHARS = "“”‘’\"'「」『』《》"
_JOINERS = ("以及", "、", "和", "及", "与", "并", ",", "，")
_BASE_OF_CHANGE = ("比", "较", "同比")
_LIST_MARKER = re.compile(
    r"[①-⑳]|[(（][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}是|"
    r"[0-9]{1,2}[.、](?![0-9])|到?[12][0-9]{3}[ \t]*年(?:底|内|前|初)?"
)
_PAREN = re.compile(r"[(（][^()（）]*[)）]")
_DROP = re.compile(rf"[\s{_QUOTE_CHARS}]")
_MAX_WINDOW = 40
_MAX_NOUN = 16


@dataclass
class _Found:
    quantity: Quantity
    floor: int  # how far left its indicator was allowed to reach
    verb: str  # for a count named after its measure word: the words before the number
    counted_after: bool  # the indicator names the noun after the measure word
    noun_stop: str  # why that noun ended
    bound_before: str | None = None  # the bound a word before it states (超 500 亿、1000 亿)
    own_bound: bool = False  # a bound of its own, before or after the number
    group: int = -1  # the figures of one 分别 list share a group (the first one's number start)
    after_bound: str | None = None  # the bound a word after it states (7%左右)


@dataclass
class _State:
    found: list[_Found] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # list items left for the numbers after 分别
    items: list[str] = field(default_factory=list)  # the items of the last 分别 list, in order
    cut: int | None = None  # where the indicator of the next number ends (before 从 A 提高到 B)


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at ``pos``; a parenthesised group is skipped whole."""
    lowest, i, depth = max(floor, pos - _MAX_WINDOW), pos, 0
    while i > lowest:
        char = text[i - 1]
        if char in ")）":
            depth += 1
        elif char in "(（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and char in _CLAUSE_PUNCT:
            break
        i -= 1
    return i


@dataclass
class _Cue:
    role: str
    bound: str
    start: int
    end: int


def _strip_cues(text: str, lo: int, hi: int, cues: _Cues) -> tuple[int, list[_Cue]]:
    """Peel bound, linking and change words off the end of ``text[lo:hi]``, nearest first."""
    found: list[_Cue] = []
    while True:
        while hi > lo and text[hi - 1] in " \t":
            hi -= 1
        word = next(
            (
                text[hi - size : hi]
                for size in range(min(cues.before_max, hi - lo), 0, -1)
                if text[hi - size : hi] in cues.before
            ),
            None,
        )
        if word is None:
            return hi, found
        role, bound = cues.before[word]
        if role == "keep":
            return hi, found
        found.append(_Cue(role, bound, hi - len(word), hi))
        hi -= len(word)


def _strip_leading(text: str, lo: int, hi: int, cues: _Cues) -> int:
    """Drop list markers, years and connectives from the start of ``text[lo:hi]``."""
    while lo < hi:
        if text[lo] in " \t—-#*·•":
            lo += 1
            continue
        marker = _LIST_MARKER.match(text, lo, hi)
        word = marker.group() if marker else _word_at(text, lo, cues.leading)
        if not word or lo + len(word) > hi:
            return lo
        if len(word) == 1 and lo + 1 < hi and text[lo + 1] not in " \t":
            if _word_at(text, lo + 1, cues.lead_verbs) is None:
                return lo  # 要办好, 将新建: connectives; but 和美乡村, 对外贸易, 要素 are words
        lo += len(word)
    return lo


def _clean(words: str) -> str:
    return _DROP.sub("", _PAREN.sub("", words)).strip("，,、;；:：—-·的")


def _noun_after(text: str, pos: int, cues: _Cues) -> tuple[int, int, str]:
    """The noun after a measure word (30 个 | 国家绿色工厂): start, end and why it ended."""
    pos = _spaces_end(text, pos)
    if text.startswith("的", pos):
        pos += 1
    start = i = pos
    while i < len(text) and i - start < _MAX_NOUN:
        char = text[i]
        if char.isdigit():
            threshold = _threshold_at(text, i, cues)
            if threshold is not None:
                i = threshold  # 957 个 | 50 户以上农村木质房屋
                continue
            if not (text[i + 1 : i + 2].isascii() and text[i + 1 : i + 2].isalpha()):
                return start, i, "number"  # 5G 基站 goes on, 14.2 万名 stops
        elif not (_is_cjk(char) or _is_ascii_alnum(char) or char in _QUOTE_CHARS):
            return start, i, "punct"
        if _word_at(text, i, cues.noun_stop) is not None:
            return start, i, "joiner"
        if i > start and cues.cue_then_number.match(text, i):
            return start, i, "predicate"
        verb = _word_at(text, i, cues.noun_ends_before) if i > start else None
        after_verb = text[i + len(verb or "") : i + len(verb or "") + 1]
        if verb is not None and (_is_cjk(after_verb) or after_verb in _QUOTE_CHARS):
            return start, i, "verb"  # 2 万名高危人群 | 开展内镜检查
        i += 1
    return start, i, "length"


def _threshold_at(text: str, pos: int, cues: _Cues) -> int | None:
    """The end of a threshold starting at ``pos`` (50 户以上 | 村寨), or None."""
    numeral = _numeral_at(text, pos)
    if numeral is None:
        return None
    amount = _amount_at(text, pos, numeral[0], numeral[1], numeral[2], cues)
    return amount.end if amount is not None and _is_threshold(text, amount, cues) else None


def _items_before(text: str, item_start: int, floor: int, cues: _Cues) -> list[tuple[int, int]]:
    """The earlier items of a 、-list whose last item starts at ``item_start``."""
    items: list[tuple[int, int]] = []
    pos = item_start
    while pos - 1 > floor and text[pos - 1] == "、":
        start = _strip_leading(text, _clause_start(text, pos - 1, floor), pos - 1, cues)
        if start >= pos - 1:
            break
        items.append((start, pos - 1))
        pos = start
    return items[::-1]


def _joined(text: str, lo: int, hi: int) -> bool:
    """Only a list joiner (、 和 及 , …) between two quantities."""
    if hi - lo > 3:
        return False
    gap = text[lo:hi].strip(" \t")
    for joiner in _JOINERS:
        gap = gap.replace(joiner, "", 1)
    return gap == ""


def _neighbours_reject(text: str, start: int, numeral_end: int, chinese: bool, cues: _Cues) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[numeral_end : numeral_end + 1]
    if before and (_is_ascii_alnum(before) or before in "._" or before in _NAME_NEIGHBOURS):
        return True  # PM2.5, C919, 1+N
    if after and (after.isascii() and after.isalpha() or after in _NAME_NEIGHBOURS):
        return _unit_at(text, numeral_end, cues) is None  # 5G, 4K, 9+13; but 38GWh
    if after == ":" and text[numeral_end + 1 : numeral_end + 2].isdigit():
        return True  # 1:3
    if chinese and before and before in "〇零一二两三四五六七八九十百千万亿":
        return True
    before = _char_before(text, start)
    return before in cues.not_after or chinese and before in cues.vague_before  # 第三批, 数十个


def _char_before(text: str, pos: int) -> str:
    """The nearest character before ``pos`` that is not a space, or ""."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _leading_verb(words: str, cues: _Cues) -> str:
    """The verb a 等-list opens with (着力推进黎霍高速公路等 → 推进), or nothing."""
    adverb = _word_at(words, 0, cues.adverbs) or ""
    verb = _word_at(words, len(adverb), cues.lead_verbs)
    return verb if verb is not None else (adverb if adverb in cues.lead_verbs else "")


def _without_adverb(words: str, cues: _Cues) -> str:
    """整体提升 → 提升; but 加快 alone stays (加快 1600 个城市更新)."""
    adverb = _word_at(words, 0, cues.adverbs) or ""
    return words[len(adverb) :] or words


def _starts_with_change(indicator: str, cues: _Cues) -> bool:
    """提高城乡居民基础养老金最低标准 20 元: a change verb opens the clause; 年均增速 5.7%,
    居民消费价格涨幅 2%: the indicator names a rate of change. 增加值 is neither."""
    if indicator.endswith(cues.rate_nouns):
        return True
    if indicator.startswith(cues.change_nouns):
        return False
    role = cues.before.get(indicator[:2], ("", ""))[0]  # not 增/降 alone: 增速, 降幅 are nouns
    return role in ("up", "down") and len(indicator) > 2


# --- the finder ------------------------------------------------------------------------------


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities stated in text[start:end], in order of position. Never raises on any str."""
    if not isinstance(text, str):
        return []
    begin, stop, _ = slice(start, end).indices(len(text))
    if stop <= begin:
        return []
    return [
        replace(
            q,
            start=q.start + begin,
            end=q.end + begin,
            number_start=q.number_start + begin,
            number_end=q.number_end + begin,
        )
        for q in _find(fold_width(text[begin:stop]))
    ]


def _find(text: str) -> list[Quantity]:
    cues = _cues()
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    quoted_starts = [s for s, _ in quoted]
    state = _State()
    consumed = 0
    for match in cues.candidate.finditer(text):
        phrase_first = match.start()
        if phrase_first < consumed:
            continue
        number_start = match.start(next(g for g in _NUMBER_GROUPS if match.group(g)))
        i = bisect.bisect_right(quoted_starts, number_start) - 1
        if i >= 0 and quoted[i][0] < number_start < quoted[i][1]:
            if text[quoted[i][0] + 1 : quoted[i][1] - 1] != match.group("word"):
                continue  # “9+13”, 《2024 年…》: inside a name; but 过“万亿” is an amount
        if match.group("word"):
            amount = _word_amount(text, phrase_first, match.group("word"), cues)
            if text[phrase_first - 1 : phrase_first] == "“":
                phrase_first -= 1  # 过“万亿”: the cue stands before the quote
        elif match.group("frac"):
            amount = None
            if not _neighbours_reject(text, phrase_first, match.end(), False, cues):
                amount = _fraction(text, match, cues)
        else:
            amount, consumed = _number_amount(text, match, number_start, consumed, cues)
        if amount is None or amount.classifier is None and _is_threshold(text, amount, cues):
            continue  # 亿元以上项目: a threshold that describes a set
        if _capacity_in_name(text, amount):
            continue  # 400 万吨/年煤制油: a capacity in a name
        if text.startswith("”", amount.end) and text[phrase_first] == "“":
            amount.end += 1
        amount = _baseline(text, phrase_first, amount, state, cues)
        if amount.baseline is not None:
            phrase_first = amount.number_start
        consumed = amount.end
        found = _describe(text, phrase_first, amount, state, cues)
        state.found.extend(found)
        # a count's noun may hold a threshold (957 个 50 户以上村寨): not a figure of its own
        consumed = max([consumed] + [f.quantity.end for f in found if f.counted_after])
    _share_trailing_bounds(state.found)
    state.found.sort(key=lambda f: (f.quantity.start, f.quantity.number_start))
    return [f.quantity for f in state.found]


def _share_trailing_bounds(found: list[_Found]) -> None:
    """分别增长 5% 和 7% 左右, 分别增长 4.5%、5.5% 左右: a bound after the last figure of a 分别
    list holds for the earlier figures that state none of their own."""
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(found):
        if f.group >= 0:
            groups.setdefault(f.group, []).append(i)
    for members in groups.values():
        bound = found[members[-1]].after_bound
        if bound is None:
            continue
        for i in members[:-1]:
            f = found[i]
            if not f.own_bound and f.quantity.qualifier == "Exact":
                f.quantity = replace(f.quantity, qualifier=bound)


_NUMBER_GROUPS = ("word", "frac", "arabic", "chinese")
_PER = re.compile(r"/(?:年|月|日|天|人|户|亩|次|小时)")


def _capacity_in_name(text: str, amount: _Amount) -> bool:
    """400 万吨/年煤制油: a yearly capacity that a name follows; not 740 元/月和 485 元/月."""
    follower = text[amount.end : amount.end + 1]
    return text.endswith("/年", 0, amount.end) and _is_cjk(follower) and follower not in _JOINERS


def _number_amount(
    text: str, match: re.Match[str], number_start: int, consumed: int, cues: _Cues
) -> tuple[_Amount | None, int]:
    """The amount of a candidate written in numerals, and how far the text is now read."""
    chinese = match.group("arabic") is None
    numeral_text = match.group("chinese") or ""
    small = chinese and len(numeral_text) == 1 and numeral_text != "十"
    if small and not match.group("pct") and not _RANGE_SEP.match(text, match.end()):
        # 一批, 三个一号: the common case, rejected before any parsing; but 打造两大…集群
        return _small_count(text, number_start, numeral_text, cues), consumed
    numeral = _numeral_at(text, number_start)
    if numeral is None or _neighbours_reject(text, match.start(), numeral[0], chinese, cues):
        return None, consumed
    numeral_end, value, _ = numeral
    if match.group("pct"):
        return _percent_in_words(text, number_start, numeral_end, value, cues), consumed
    if not chinese and _is_year(text, number_start, numeral_end):
        return None, numeral_end
    return _amount_at(text, number_start, numeral_end, value, chinese, cues), consumed


def _small_count(text: str, start: int, numeral: str, cues: _Cues) -> _Amount | None:
    """建设两个实验室, 打造两大产业集群: a small Chinese numeral counts right after a verb of
    building; elsewhere it is part of a word (一批, 两个毫不动摇, 三个一号)."""
    pos = start + 1
    if numeral not in cues.small_numerals or not text.endswith(cues.small_verbs, 0, start):
        return None
    classifier = _word_at(text, pos, tuple(cues.small_classifiers))
    if classifier is not None:
        noun_start, noun_end, _ = _noun_after(text, pos + len(classifier), cues)
        if not _clean(text[noun_start:noun_end]).endswith(cues.small_classifiers[classifier]):
            return None  # 三大运营商, 三大工程: a set with a name of its own
    else:
        found = _unit_at(text, pos, cues)
        if found is None or not found[1].count:
            return None
        classifier = found[0]
    value = Decimal(_CN_SMALL[numeral])
    end = pos + len(classifier)
    if text[end : end + 1] in _CN_SMALL or text[end : end + 1].isdigit():
        return None  # 新建三个一号旅游公路: a name
    return _read_bound_after(
        text, _Amount(value, None, "NUM", classifier, None, start, pos, end), cues
    )


def _baseline(text: str, phrase_first: int, amount: _Amount, state: _State, cues: _Cues) -> _Amount:
    """从 A 提高到 B: the amount B, with A as its baseline (A alone when no B follows)."""
    level_at = _spaces_end(text, amount.end)
    level = _word_at(text, level_at, cues.levels)
    if level is None or amount.high is not None:
        return amount
    lowest = max(0, phrase_first - 12)
    origin = max(text.rfind(w, lowest, phrase_first) for w in cues.baseline_from)
    if origin < 0 or any(c.isdigit() or c in _CLAUSE_PUNCT for c in text[origin:phrase_first]):
        return amount
    start = _spaces_end(text, level_at + len(level))
    bound = _word_at(text, start, cues.bound_words)  # 增加到超过 100 万亿元
    start = _spaces_end(text, start + len(bound or ""))
    numeral = _numeral_at(text, start)
    if numeral is None or _neighbours_reject(text, start, numeral[0], numeral[2], cues):
        return amount
    target = _amount_at(text, start, numeral[0], numeral[1], numeral[2], cues)
    if target is None or target.unit != amount.unit or target.high is not None:
        return amount
    target.baseline = amount.value
    state.cut = origin
    return target


def _is_year(text: str, start: int, end: int) -> bool:
    digits = text[start:end]
    return len(digits) == 4 and digits[0] in "12" and bool(_YEAR_AFTER.match(text, end))


@dataclass
class _Left:
    """The words before a number: its clause window, cue words and indicator span."""

    floor: int
    window: int
    words: list[_Cue]
    ind_start: int
    ind_end: int
    previous: _Found | None

    @property
    def cue_start(self) -> int:
        return self.words[-1].start if self.words else self.ind_end

    @property
    def roles(self) -> set[str]:
        return {w.role for w in self.words}


def _left_of(text: str, phrase_first: int, amount: _Amount, state: _State, cues: _Cues) -> _Left:
    previous = state.found[-1] if state.found else None
    floor = previous.quantity.end if previous and previous.quantity.end <= phrase_first else 0
    window = _clause_start(text, phrase_first, floor)
    ind_end, words = _strip_cues(text, window, phrase_first, cues)
    if state.cut is not None:  # 森林覆盖率 | 从 35% 提高到 38%
        ind_end, state.cut = min(ind_end, state.cut), None
    left = _Left(
        floor, window, words, _strip_leading(text, window, ind_end, cues), ind_end, previous
    )
    # 16 条省级重点产业链营业收入达到 7000 亿元, 10 亿元以上项目 500 个: the first number is part
    # of what the second one measures
    if previous is not None and (
        (
            left.ind_start >= ind_end
            and phrase_first - previous.quantity.start <= _MAX_WINDOW  # no chain of merges
            and previous.counted_after
            and previous.quantity.end == (words[-1].start if words else phrase_first)
            and (
                previous.noun_stop == "number"
                or previous.noun_stop == "predicate"
                and bool(left.roles & _CHANGES)
            )
        )
        or _sizes_the_subject(text, phrase_first, amount, previous, words, cues)
    ):
        state.found.pop()
        left.floor = previous.floor
        left.window = _clause_start(text, previous.quantity.start, left.floor)
        left.ind_start = _strip_leading(text, left.window, ind_end, cues)
        left.previous = state.found[-1] if state.found else None
    return left


def _sizes_the_subject(
    text: str,
    phrase_first: int,
    amount: _Amount,
    previous: _Found,
    words: list[_Cue],
    cues: _Cues,
) -> bool:
    """300 个省列重大项目累计完成投资 2393 亿元, 45 个重点开发区…比重达 84%: a count with no verb
    of its own, followed in its clause by a figure, says how many things that figure is about."""
    return (
        previous.counted_after
        and not amount.bare  # 惠及 80 个乡镇近 300 万群众: two objects of one verb
        and previous.noun_stop != "joiner"  # 116 个国家和地区近 4000 名运动员
        and (bool(words) or previous.noun_stop == "verb")
        and not _leading_verb(previous.verb, cues)
        and phrase_first - previous.quantity.start <= _MAX_WINDOW
        and not any(c in _CLAUSE_PUNCT for c in text[previous.quantity.number_start : phrase_first])
    )


def _rejected(
    text: str,
    phrase_first: int,
    amount: _Amount,
    left: _Left,
    noun: tuple[int, int, str],
    cues: _Cues,
) -> bool:
    """Numbers that a careful reader would not record, seen from the words around them."""
    linked = bool(left.roles & _CHANGES)
    if amount.unit in cues.duration_units and not left.roles & {"predicate", "level", "up", "down"}:
        context = text[max(left.window, phrase_first - 8) : phrase_first]
        if amount.bound != "AtMost" and not any(c in context for c in cues.duration_cues):
            return True  # 提前 1 年, 连续 3 年
    if amount.classifier in cues.rank_units and (
        _char_before(text, phrase_first) in cues.rank_after
        or any(text[w.start : w.end] in cues.rank_moves for w in left.words)
        or any(w in text[left.window : phrase_first] for w in cues.rank_words)
    ):
        return True  # 前 10 名, 全国排名 53 位, 提升 3 位
    noun_start, noun_end, noun_stop = noun
    noun_text = _clean(text[noun_start:noun_end])
    before = text[left.ind_start : left.ind_end]
    if (
        amount.classifier is None
        and not left.words
        and noun_text.endswith(cues.name_suffixes)
        and not _word_at(noun_text, 0, (*cues.lead_verbs, *cues.noun_ends_before))
        and _is_cjk(before[-1:])
        and not before.endswith(("等", *cues.lead_verbs, *cues.keep_words))
    ):
        return True  # 兰州石化 120 万吨乙烯改造项目: a figure inside a name
    if amount.unit == "NUM" and _word_at(text, noun_start, cues.not_counted):
        return True  # 3 个月, 从 4 个方面
    ordinal_nouns = cues.ordinal_counts.get(amount.classifier or "", ())
    if not text[amount.number_start].isdigit() and _word_at(text, noun_start, ordinal_nouns):
        return True  # 十一次党代会; but 召开 20 次会议 counts meetings
    # 培育 1 个 400 亿级产业名镇: what is counted is named by another number
    return (
        bool(amount.classifier) and noun_start == noun_end and noun_stop == "number" and not linked
    )


def _bound_of(amount: _Amount, left: _Left) -> str:
    """A word after the number wins over one before it."""
    if amount.high is not None:
        return "Range"
    return amount.bound or next((w.bound for w in left.words if w.bound), None) or "Exact"


def _aspired(text: str, phrase_first: int, cues: _Cues) -> bool:
    """力争, 争取 or 努力 earlier in the number's clause (up to the last ，；。 before it)."""
    scope, lowest = phrase_first, max(0, phrase_first - 2 * _MAX_WINDOW)
    while scope > lowest and text[scope - 1] not in _ASPIRATION_SCOPE_END:
        scope -= 1
    return any(w in text[scope:phrase_first] for w in cues.aspiration)


def _describe(
    text: str, phrase_first: int, amount: _Amount, state: _State, cues: _Cues
) -> list[_Found]:
    """What ``amount`` measures, its bound and whether it is a change, from the words around."""
    left = _left_of(text, phrase_first, amount, state, cues)
    noun_start, noun_end, noun_stop = noun = _noun_after(text, amount.end, cues)
    if _rejected(text, phrase_first, amount, left, noun, cues):
        return []
    previous, words, roles = left.previous, left.words, left.roles
    if (
        amount.classifier is None
        and amount.unit not in _NOT_COUNTED_UNITS
        and not amount.after_word
        and words
        and words[-1].bound in ("AtLeast", "AtMost")
        and (
            text.startswith("的", amount.end)
            or _word_at(text, amount.end, cues.threshold_nouns) is not None
        )
    ):
        return []  # 超 10 亿元项目, 过 2000 万元的工业新增长点: a threshold that describes a set
    if amount.classifier and _clean(text[noun_start:noun_end]).endswith(cues.list_nouns):
        # 设置 29 项主要指标, 相继出台 43 条、16 条具体举措: numbers that announce a list
        if (
            previous is not None
            and previous.quantity.classifier == amount.classifier
            and previous.quantity.end == phrase_first - 1
            and text[phrase_first - 1] == "、"
        ):
            state.found.pop()
        return []
    ind_start, ind_end = left.ind_start, left.ind_end
    linked = bool(roles & _CHANGES)
    growth = amount.change or bool(roles & {"up", "down"}) and "level" not in roles
    decrease = next((text[w.start : w.end] for w in words if w.role == "down"), "")
    indicator = _clean(text[ind_start:ind_end])
    gap_end = min(left.cue_start, phrase_first)
    lead_start = words[-1].start if words else phrase_first  # when the indicator is not in front
    if indicator.startswith(_BASE_OF_CHANGE):
        indicator = ""  # 赤字规模…, 比上年增加 1800 亿元: a base, not a name
        gap_end = lead_start = ind_start
    joined = previous is not None and _joined(text, previous.quantity.end, gap_end)
    if amount.bare and (
        any(w in indicator for w in cues.money_words)
        or not indicator
        and joined
        and previous is not None
        and previous.quantity.unit == "CCY_CNY"
    ):
        amount.unit = "CCY_CNY"  # 经济总量突破千亿, 产值超 500 亿、1000 亿
    span_start = ind_start if indicator else gap_end
    span_end, verb, counted_after, own = amount.end, "", False, True
    bound_before = next((w.bound for w in words if w.bound), None)
    # a count names its noun; so does a share of it (覆盖 97% 的门诊量); not an amount of money
    # without its unit, which sizes what follows (1000 亿优势特色产业集群)
    after = text[_spaces_end(text, amount.end) : noun_start]
    counted = amount.unit not in _NOT_COUNTED_UNITS or after.endswith("的")
    counted = counted and not (amount.bare and amount.unit == "CCY_CNY")
    count_verb = amount.classifier is not None and bool(roles & {"up", "verb"})
    if noun_end > noun_start and counted and (not linked or not indicator or count_verb):
        # 新建 30 个国家绿色工厂: the verb before the number and the noun after it
        verb_end = ind_end
        for word in words:  # a change verb before a count is its verb (提升 122 个劳务品牌)
            if word.role in _VERBS and (not indicator or count_verb):
                verb_end, growth, decrease = max(verb_end, word.end), False, ""
        verb = _clean(text[ind_start:verb_end])
        verb = _without_adverb(verb, cues)  # 整体提升 100 所学校
        opening = verb
        if text[ind_end - 1 : ind_end] == "等" and verb:  # 推进黎霍高速公路等 9 个在建项目
            first = _items_before(text, ind_start, left.floor, cues)[:1]
            opening = _clean(text[first[0][0] : first[0][1]]) if first else verb
            verb = _leading_verb(opening, cues)
        elif not verb and not words and joined and previous and previous.counted_after:
            if _leading_verb(previous.verb, cues) and not any(c.isdigit() for c in previous.verb):
                verb = previous.verb  # 新建改造 50 个…、100 个…
        noun_words = _clean(text[noun_start:noun_end])
        opening = _without_adverb(opening, cues)
        if opening.startswith(cues.set_verbs) and noun_words.endswith(cues.set_nouns):
            return []  # 壮大 13 条重点产业链: the size of a set that exists
        indicator = verb + noun_words
        counted_after, span_end = True, noun_end
        span_start = ind_start if verb and ind_start < ind_end else lead_start
    elif not indicator:
        if "respectively" in roles and state.items and not state.pending:
            indicator, state.pending = state.items[0], state.items[1:]  # …，分别增长 5%、6%
        elif state.pending and joined:
            indicator = state.pending.pop(0)
        elif previous is not None and joined:
            indicator = previous.quantity.indicator  # 国内生产总值超过 126 万亿元, 增长 5.2%
        else:
            return []
        own, span_start = False, lead_start
        if not words and previous is not None:
            growth = previous.quantity.growth  # 分别增长 40.9%、24.8%
            bound_before = previous.bound_before  # 产值超 500 亿、1000 亿
    elif amount.unit in _GROWTH_AT_START_UNITS and not growth:
        growth = _starts_with_change(indicator, cues)
    if indicator.startswith("占") and previous and _joined(text, previous.quantity.end, ind_start):
        indicator = previous.quantity.indicator + indicator  # 获评奖励 58 项, 占全国 28.7%
    if not indicator:
        return []
    if own:
        state.pending.clear()
    group = -1 if own or previous is None else previous.group
    phrases = [(span_start, indicator)]
    if not counted_after and roles & {"each", "respectively"}:
        items = _list_items(text, ind_start, ind_end, indicator, left.floor, cues)
        if "each" in roles:  # A、B 均达到 60%: one quantity for each item
            phrases = items[:-1] + phrases
        elif "respectively" in roles and len(items) > 1:
            # A、B 分别增长 5%、6%: the next numbers take the next items
            state.items = [w for _, w in items]
            state.pending = state.items[1:]
            phrases, group = items[:1], amount.number_start
        elif "respectively" in roles:  # 城乡居民收入分别增长 5% 和 7% 左右
            group = amount.number_start
    elif not counted_after and own:
        phrases = _collective(text, span_start, ind_start, indicator, left.floor, cues) or phrases
    if decrease and not counted_after:  # 能耗降低 2.5%: the sign lives in the indicator
        phrases = [(s, w if w.endswith(decrease) else w + decrease) for s, w in phrases]
        state.pending = [w if w.endswith(decrease) else w + decrease for w in state.pending]
    bound = _bound_of(amount, left)
    if bound == "Exact" and bound_before and amount.high is None:
        bound = bound_before
    own_bound = amount.bound is not None or bool(left.words and any(w.bound for w in words))
    aspirational = _aspired(text, phrase_first, cues)
    return [
        _Found(
            _quantity(amount, start, span_end, words_, bound, growth, aspirational),
            left.floor,
            verb,
            counted_after,
            noun_stop,
            bound_before,
            own_bound,
            group,
            amount.bound if amount.after_word else None,
        )
        for start, words_ in phrases
        if words_
    ]


_COLLECTIVE = re.compile(r"(?P<count>[两二三四五六七八九])(?P<kind>[市省区县地城])(?P<rest>.*)")


def _collective(
    text: str, span_start: int, ind_start: int, indicator: str, floor: int, cues: _Cues
) -> list[tuple[int, str]]:
    """沈阳、大连两市经济规模: one figure for each place the list names, or nothing."""
    for at in range(len(indicator)):
        match = _COLLECTIVE.fullmatch(indicator, at)
        if match is None:
            continue
        earlier = _items_before(text, ind_start, floor, cues)
        names = [_clean(text[s:e]) for s, e in earlier] + [indicator[:at]]
        if len(names) != _CN_SMALL[match.group("count")] or not all(names):
            return []
        starts = [s for s, _ in earlier] + [span_start]
        return [(s, name + match.group("rest")) for s, name in zip(starts, names, strict=True)]
    return []


def _list_items(
    text: str, ind_start: int, ind_end: int, indicator: str, floor: int, cues: _Cues
) -> list[tuple[int, str]]:
    """The items of a list that ends with ``indicator`` (A、B、C产量 or A和B), with their
    starts; an earlier item takes the head of the last one (城镇、农村居民收入 → 城镇居民收入)."""
    spans = _items_before(text, ind_start, floor, cues)
    items = [(s, _clean(text[s:e])) for s, e in spans] + [(ind_start, indicator)]
    if len(items) == 1:
        for joiner in ("和", "与", "及"):
            at = indicator.find(joiner)
            if 0 < at < len(indicator) - 1:
                items = [(ind_start, indicator[:at]), (ind_start, indicator[at + 1 :])]
                break
    head = next((h for h in cues.shared_heads if items[-1][1].endswith(h)), "")
    if not head or len(head) == len(items[-1][1]):
        return items
    return [(s, w if w.endswith(cues.shared_heads) else w + head) for s, w in items[:-1]] + items[
        -1:
    ]


def _quantity(
    amount: _Amount,
    start: int,
    end: int,
    indicator: str,
    bound: str,
    growth: bool,
    aspirational: bool,
) -> Quantity:
    ranged = amount.high is not None
    return Quantity(
        start=min(start, amount.number_start),
        end=max(end, amount.end),
        indicator=indicator,
        value=None if ranged else _tidy(amount.value),
        min=_tidy(amount.value) if ranged else None,
        max=_tidy(amount.high) if amount.high is not None else None,
        unit=amount.unit,
        classifier=amount.classifier,
        qualifier=bound,
        growth=growth,
        number_start=amount.number_start,
        number_end=amount.number_end,
        aspirational=aspirational,
        baseline=None if amount.baseline is None else _tidy(amount.baseline),
    )
