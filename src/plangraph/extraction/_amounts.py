"""Numbers in Chinese planning text and what comes right after them: numerals (Arabic and
Chinese), magnitudes, units, 余/多, ranges, and the bound words after them (以上, 左右); amounts
written without digits (千亿, 一半, 持平, 1/3). What a number measures is the quantity finder's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from plangraph.extraction._quantity_words import NOT_COUNTED_UNITS, Cues, SurfaceUnit

__all__ = [
    "Amount",
    "CLAUSE_PUNCT",
    "CN_SMALL",
    "QUOTED",
    "RANGE_SEP",
    "YEAR_AFTER",
    "amount_at",
    "char_before",
    "fold_width",
    "fraction",
    "is_ascii_alnum",
    "is_cjk",
    "is_threshold",
    "numeral_at",
    "percent_in_words",
    "read_bound_after",
    "spaces_end",
    "tidy",
    "unit_at",
    "word_amount",
    "word_at",
]


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


# --- numbers ---------------------------------------------------------------------------------

_CN_DIGITS = "一二两三四五六七八九"
CN_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_ARABIC_AT = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
# A Chinese amount has at most 12 characters (九千九百九十九亿九千万): a longer run is read from its
# first 12 only, so trimming a run until it parses costs the same on any text
_MAX_CHINESE = 12
_CHINESE_AT = re.compile(
    rf"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]{{0,{_MAX_CHINESE - 1}}}"
)
RANGE_SEP = re.compile(r"[ \t]*(?:[-~—–]{1,2}|至|到)[ \t]*")
_SPACES = re.compile(r"[ \t]*")
_PER = re.compile(r"/(?:年|月|日|天|人|户|亩|次|小时)")
YEAR_AFTER = re.compile(r"[ \t]*(?:年|[-~—–]{1,2}[ \t]*[12][0-9]{3}[ \t]*年)")
QUOTED = re.compile(r"“[^“”\n]{0,80}”|《[^《》\n]{0,80}》|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\"")
_MAX_DIGITS = 15  # beyond this a digit string is a code or a phone number, not an amount
CLAUSE_PUNCT = frozenset(",，、;；。:：!！?？\n\r…")
_UNIT_CONTEXT = 40  # how far back a unit that needs company (P after 算力) looks


def spaces_end(text: str, pos: int) -> int:
    match = _SPACES.match(text, pos)
    return match.end() if match else pos


def is_cjk(char: str) -> bool:
    return len(char) == 1 and "\u4e00" <= char <= "\u9fff"


def is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


@lru_cache(maxsize=4096)  # bounded: a hostile text may hold any number of distinct numerals
def _chinese_value(numeral: str) -> Decimal | None:
    if numeral in CN_SMALL:
        return Decimal(CN_SMALL[numeral])
    if len(numeral) > _MAX_CHINESE or not any(c in "十百千万亿" for c in numeral):
        return None  # 二〇二四, 一二三: digits read one by one are dates and names, not amounts
    import cn2an  # slow to import (0.15 s): only once a Chinese numeral has shown up

    try:
        return Decimal(str(cn2an.cn2an(numeral.replace("两", "二"), "strict")))
    except Exception:  # cn2an signals a malformed numeral with assorted exception types
        return None


def numeral_at(text: str, pos: int) -> tuple[int, Decimal, bool] | None:
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


def tidy(value: Decimal) -> Decimal:
    try:
        return (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        )
    except InvalidOperation:
        return value


@dataclass
class Amount:
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
    unit: SurfaceUnit | None
    approximate: bool
    end: int
    has_magnitude: bool


def unit_at(text: str, pos: int, cues: Cues) -> tuple[str, SurfaceUnit] | None:
    for size in range(min(cues.surface_max, len(text) - pos), 0, -1):
        surface = text[pos : pos + size]
        unit = cues.surfaces.get(surface)
        follower = text[pos + size : pos + size + 1]
        if (
            unit is None
            or follower in cues.blocked_all
            or text.startswith(cues.blocked.get(surface, ()), pos + size)
            or surface.isascii()
            and is_ascii_alnum(follower)  # 5GW, but not 5G基站 or 5Pa
        ):
            continue
        context = cues.unit_context.get(unit.key)
        if context and not any(w in text[max(0, pos - _UNIT_CONTEXT) : pos] for w in context):
            continue  # 1080P is no computing power
        return surface, unit
    return None


def word_at(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` (in their order) that ``text`` has at ``pos``, or None."""
    match = _alternation(words).match(text, pos)
    return match.group() if match else None


@lru_cache(maxsize=256)  # the word lists are few and fixed; one pattern each
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


def _tail(text: str, pos: int, cues: Cues, magnitude_allowed: bool) -> _Tail:
    """余/多, magnitude and unit after a numeral, each optional: 160 余万人, 2 万多个, 万千瓦."""
    pos = spaces_end(text, pos)
    approximate = pos < len(text) and text[pos] in cues.approximate
    pos = spaces_end(text, pos + approximate)
    found = unit_at(text, pos, cues)
    if found is not None:
        return _Tail(Decimal(1), found[0], found[1], approximate, pos + len(found[0]), False)
    magnitude = word_at(text, pos, cues.magnitude_words) if magnitude_allowed else None
    if magnitude is None:
        return _Tail(Decimal(1), None, None, approximate, pos, False)
    multiplier = cues.magnitudes[magnitude]
    pos += len(magnitude)
    if pos < len(text) and text[pos] in cues.approximate:
        approximate, pos = True, pos + 1
    after = spaces_end(text, pos)
    found = unit_at(text, after, cues)
    if found is not None:
        return _Tail(multiplier, found[0], found[1], approximate, after + len(found[0]), True)
    return _Tail(multiplier, None, None, approximate, pos, True)


def amount_at(
    text: str, start: int, numeral_end: int, value: Decimal, chinese: bool, cues: Cues
) -> Amount | None:
    """The number (or range) at ``start`` with its magnitude, unit and the bound after it."""
    first = _tail(text, numeral_end, cues, not chinese or text[numeral_end - 1] not in "万亿")
    tail, high, number_end = first, None, numeral_end
    sep = None if first.approximate else RANGE_SEP.match(text, first.end)
    second = numeral_at(text, sep.end()) if sep else None
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
    cues: Cues,
) -> Amount:
    assert tail.unit is not None and tail.surface is not None
    end = tail.end + len(word_at(text, tail.end, cues.unit_tails) or "")  # 1000 亿元人民币
    rate = _PER.match(text, end)  # 740 元/月: the figure's unit is per month; the record has none
    end = rate.end() if rate else end
    classifier = tail.surface if tail.unit.count else None
    amount = Amount(value, high, tail.unit.key, classifier, None, start, number_end, end)
    if tail.approximate:
        amount.bound = "AtLeast"
    return read_bound_after(text, amount, cues)


def _cue_before(text: str, pos: int, cues: Cues) -> bool:
    """A word of ``before_number`` ends right before ``pos`` (spaces and an opening quote aside)."""
    while pos > 0 and text[pos - 1] in " \t“":
        pos -= 1
    for size in range(min(cues.before_max, pos), 0, -1):
        word = text[pos - size : pos]
        if word in cues.before:
            return cues.before[word][0] != "keep"
    return False


def word_amount(text: str, pos: int, word: str, cues: Cues) -> Amount | None:
    """An amount without digits: 持平, 一半, 千亿 (after 突破, 超, 达到…), 万亿元."""
    end = pos + len(word)
    if word in cues.flat:
        if text[pos - 1 : pos] in cues.flat_not_after or is_cjk(text[end : end + 1]):
            return None  # 保持平稳, 支持平台
        return Amount(Decimal(0), None, "PERCENT", None, None, pos, end, end, change=True)
    cued = _cue_before(text, pos, cues)
    if word in cues.shares:
        amount = Amount(cues.shares[word], None, "PERCENT", None, None, pos, end, end)
        read_bound_after(text, amount, cues)
        return amount if cued or amount.after_word else None
    if not cued:
        return None  # 千亿级, 千万工程, 打造千亿产业集群
    tail = _tail(text, pos, cues, True)  # reads the magnitude itself, then the unit
    if tail.unit is None:
        if word in cues.unit_needed:
            return None  # 成南达万: 万 alone is a number only with its unit (近万家)
        return _bare_count(text, pos, end, Decimal(1), tail, cues)
    return _with_unit(text, pos, end, tail.multiplier * tail.unit.factor, None, tail, cues)


def fraction(text: str, match: re.Match[str], cues: Cues) -> Amount | None:
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
    amount = read_bound_after(
        text, Amount(value, None, "PERCENT", None, None, start, end, end), cues
    )
    if amount.after_word or _cue_before(text, start, cues) or char_before(text, start) == "占":
        return amount
    return None


def read_bound_after(text: str, amount: Amount, cues: Cues) -> Amount:
    """The bound a word after the amount states (以上, 左右), which wins over 余/多."""
    gap = spaces_end(text, amount.end)
    for word, stated in cues.after:
        if text.startswith(word, gap) and not (
            len(word) == 1 and is_cjk(text[gap + 1 : gap + 2])
        ):  # 100 万千瓦内 ends a clause; 540 万千瓦内用煤电 goes on
            amount.bound, amount.end, amount.after_word = stated, gap + len(word), word
            break
    return amount


def percent_in_words(text: str, start: int, numeral_end: int, value: Decimal, cues: Cues) -> Amount:
    """百分之五十: the unit comes first."""
    amount = Amount(value, None, "PERCENT", None, None, start, numeral_end, numeral_end)
    return read_bound_after(text, amount, cues)


def _bare_count(
    text: str, start: int, numeral_end: int, value: Decimal, tail: _Tail, cues: Cues
) -> Amount | None:
    """``6600 多万纳税人``, ``务工规模超过 3300 万``: a large count with no measure word."""
    if not tail.has_magnitude or tail.multiplier < 10000:
        return None
    follower = text[tail.end : tail.end + 1]
    if follower in cues.blocked_all or not (
        follower in ("", "”") or follower in CLAUSE_PUNCT or is_cjk(follower)
    ):
        return None
    if is_cjk(follower) and word_at(text, tail.end, cues.noun_stop):
        return None
    bound = "AtLeast" if tail.approximate else None
    amount = Amount(
        value * tail.multiplier, None, "NUM", None, bound, start, numeral_end, tail.end, bare=True
    )
    read_bound_after(text, amount, cues)
    return None if is_threshold(text, amount, cues) else amount


def is_threshold(text: str, amount: Amount, cues: Cues) -> bool:
    """3000 万以上企业, 亿元以上项目, 单笔 50 万元以下欠款: a bound that describes a set; not a
    share (75% 以上的财力) or a sum (总投资 1000 亿元以上的新能源项目)."""
    start = amount.number_start
    return (
        amount.after_word in cues.threshold_words
        and amount.unit not in NOT_COUNTED_UNITS
        and is_cjk(text[amount.end : amount.end + 1])
        and not any(text.endswith(w, max(0, start - len(w)), start) for w in cues.sum_words)
    )


def char_before(text: str, pos: int) -> str:
    """The nearest character before ``pos`` that is not a space, or ""."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return text[pos - 1] if pos > 0 else ""
