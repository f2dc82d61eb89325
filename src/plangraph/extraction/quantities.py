"""Quantities stated in Chinese planning text: what is measured, the number, its unit and bound.

``新建农村公路 4300 公里`` gives the indicator 新建农村公路 with 4300 KiloM, Exact;
``数字经济规模增长 15% 左右`` gives 数字经济规模 with 15 PERCENT, About, as a growth;
``新建 30 个国家绿色工厂`` gives 新建国家绿色工厂 with 30 NUM (classifier 个).

Numbers are Arabic (decimals, thousands separators) or Chinese (十五件, 三千亿元, read with
cn2an); magnitudes (万, 亿) and unit factors (万千瓦 is 10 000 kW) are applied; amounts without
digits count after a bound or linking word (突破千亿, 一半以上, 近 1/3, 同比持平). 力争, 争取 and
努力 earlier in the clause make a figure aspirational and leave its qualifier alone; 从 A 提高到 B
gives B with the baseline A. Not quantities: dates and years, ordinals (十二届十次全会), list
numbers, numbers inside names and quotes (5G, “9+13”, 三个一号, 石化 120 万吨乙烯项目), ranks
(排名 53 位, 提升 3 位), tiers (千亿级), thresholds (亿元以上项目), counts that announce a list
(29 项主要指标), vague amounts (数十个), denominators (每 10 万人) and bare durations (提前 1 年).

Cue words come from ``data/quantities.yaml``, units from ``data/units.yaml`` (read by
:mod:`._quantity_words`); numbers with their magnitude, unit and the bound after them are read by
:mod:`._amounts`; this module decides what each one measures. Matching runs on a width-folded
copy of the text of the same length, so every offset is an offset into the text as given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from plangraph.extraction._amounts import (
    CLAUSE_PUNCT,
    CN_SMALL,
    QUOTED,
    RANGE_SEP,
    YEAR_AFTER,
    Amount,
    amount_at,
    char_before,
    fold_width,
    fraction,
    is_ascii_alnum,
    is_cjk,
    is_threshold,
    numeral_at,
    percent_in_words,
    read_bound_after,
    spaces_end,
    tidy,
    unit_at,
    word_amount,
    word_at,
)
from plangraph.extraction._quantity_words import (
    CHANGES,
    GROWTH_AT_START_UNITS,
    NOT_COUNTED_UNITS,
    VERBS,
    Cues,
    load_cues,
)

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


# --- the words around a number ---------------------------------------------------------------

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
        elif depth == 0 and char in CLAUSE_PUNCT:
            break
        i -= 1
    return i


@dataclass
class _Cue:
    role: str
    bound: str
    start: int
    end: int


def _strip_cues(text: str, lo: int, hi: int, cues: Cues) -> tuple[int, list[_Cue]]:
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


def _strip_leading(text: str, lo: int, hi: int, cues: Cues) -> int:
    """Drop list markers, years and connectives from the start of ``text[lo:hi]``."""
    while lo < hi:
        if text[lo] in " \t—-#*·•":
            lo += 1
            continue
        marker = _LIST_MARKER.match(text, lo, hi)
        word = marker.group() if marker else word_at(text, lo, cues.leading)
        if not word or lo + len(word) > hi:
            return lo
        if len(word) == 1 and lo + 1 < hi and text[lo + 1] not in " \t":
            if word_at(text, lo + 1, cues.lead_verbs) is None:
                return lo  # 要办好, 将新建: connectives; but 和美乡村, 对外贸易, 要素 are words
        lo += len(word)
    return lo


def _clean(words: str) -> str:
    return _DROP.sub("", _PAREN.sub("", words)).strip("，,、;；:：—-·的")


def _noun_after(text: str, pos: int, cues: Cues) -> tuple[int, int, str]:
    """The noun after a measure word (30 个 | 国家绿色工厂): start, end and why it ended."""
    pos = spaces_end(text, pos)
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
        elif not (is_cjk(char) or is_ascii_alnum(char) or char in _QUOTE_CHARS):
            return start, i, "punct"
        if word_at(text, i, cues.noun_stop) is not None:
            return start, i, "joiner"
        if i > start and cues.cue_then_number.match(text, i):
            return start, i, "predicate"
        verb = word_at(text, i, cues.noun_ends_before) if i > start else None
        after_verb = text[i + len(verb or "") : i + len(verb or "") + 1]
        if verb is not None and (is_cjk(after_verb) or after_verb in _QUOTE_CHARS):
            return start, i, "verb"  # 2 万名高危人群 | 开展内镜检查
        i += 1
    return start, i, "length"


def _threshold_at(text: str, pos: int, cues: Cues) -> int | None:
    """The end of a threshold starting at ``pos`` (50 户以上 | 村寨), or None."""
    numeral = numeral_at(text, pos)
    if numeral is None:
        return None
    amount = amount_at(text, pos, numeral[0], numeral[1], numeral[2], cues)
    return amount.end if amount is not None and is_threshold(text, amount, cues) else None


def _items_before(text: str, item_start: int, floor: int, cues: Cues) -> list[tuple[int, int]]:
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


def _neighbours_reject(text: str, start: int, numeral_end: int, chinese: bool, cues: Cues) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[numeral_end : numeral_end + 1]
    if before and (is_ascii_alnum(before) or before in "._" or before in _NAME_NEIGHBOURS):
        return True  # PM2.5, C919, 1+N
    if after and (after.isascii() and after.isalpha() or after in _NAME_NEIGHBOURS):
        return unit_at(text, numeral_end, cues) is None  # 5G, 4K, 9+13; but 38GWh
    if after == ":" and text[numeral_end + 1 : numeral_end + 2].isdigit():
        return True  # 1:3
    if chinese and before and before in "〇零一二两三四五六七八九十百千万亿":
        return True
    before = char_before(text, start)
    return before in cues.not_after or chinese and before in cues.vague_before  # 第三批, 数十个


def _leading_verb(words: str, cues: Cues) -> str:
    """The verb a 等-list opens with (着力推进黎霍高速公路等 → 推进), or nothing."""
    adverb = word_at(words, 0, cues.adverbs) or ""
    verb = word_at(words, len(adverb), cues.lead_verbs)
    return verb if verb is not None else (adverb if adverb in cues.lead_verbs else "")


def _without_adverb(words: str, cues: Cues) -> str:
    """整体提升 → 提升; but 加快 alone stays (加快 1600 个城市更新)."""
    adverb = word_at(words, 0, cues.adverbs) or ""
    return words[len(adverb) :] or words


def _starts_with_change(indicator: str, cues: Cues) -> bool:
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
    cues = load_cues()
    quoted = [m.span() for m in QUOTED.finditer(text)]
    quoted_starts = [s for s, _ in quoted]
    state = _State()
    consumed = 0
    for match in cues.candidate.finditer(text):
        phrase_first = match.start()
        if phrase_first < consumed:
            continue
        chinese = match.group("chinese")
        if (
            chinese is not None
            and len(chinese) == 1
            and chinese != "十"
            and not match.group("pct")
            and not text.endswith(cues.small_verbs, 0, phrase_first)
            and not RANGE_SEP.match(text, match.end())
        ):
            continue  # 一批, 三个一号: the common case, rejected before anything else
        number_start = match.start(next(g for g in _NUMBER_GROUPS if match.group(g)))
        i = bisect.bisect_right(quoted_starts, number_start) - 1
        if i >= 0 and quoted[i][0] < number_start < quoted[i][1]:
            if text[quoted[i][0] + 1 : quoted[i][1] - 1] != match.group("word"):
                continue  # “9+13”, 《2024 年…》: inside a name; but 过“万亿” is an amount
        if match.group("word"):
            amount = word_amount(text, phrase_first, match.group("word"), cues)
            if text[phrase_first - 1 : phrase_first] == "“":
                phrase_first -= 1  # 过“万亿”: the cue stands before the quote
        elif match.group("frac"):
            amount = None
            if not _neighbours_reject(text, phrase_first, match.end(), False, cues):
                amount = fraction(text, match, cues)
        else:
            amount, consumed = _number_amount(text, match, number_start, consumed, cues)
        if amount is None or amount.classifier is None and is_threshold(text, amount, cues):
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


def _capacity_in_name(text: str, amount: Amount) -> bool:
    """400 万吨/年煤制油: a yearly capacity that a name follows; not 740 元/月和 485 元/月."""
    follower = text[amount.end : amount.end + 1]
    return text.endswith("/年", 0, amount.end) and is_cjk(follower) and follower not in _JOINERS


def _number_amount(
    text: str, match: re.Match[str], number_start: int, consumed: int, cues: Cues
) -> tuple[Amount | None, int]:
    """The amount of a candidate written in numerals, and how far the text is now read."""
    chinese = match.group("arabic") is None
    numeral_text = match.group("chinese") or ""
    small = chinese and len(numeral_text) == 1 and numeral_text != "十"
    if small and not match.group("pct") and not RANGE_SEP.match(text, match.end()):
        # 一批, 三个一号: the common case, rejected before any parsing; but 打造两大…集群
        return _small_count(text, number_start, numeral_text, cues), consumed
    numeral = numeral_at(text, number_start)
    if numeral is None or _neighbours_reject(text, match.start(), numeral[0], chinese, cues):
        return None, consumed
    numeral_end, value, _ = numeral
    if match.group("pct"):
        return percent_in_words(text, number_start, numeral_end, value, cues), consumed
    if not chinese and _is_year(text, number_start, numeral_end):
        return None, numeral_end
    return amount_at(text, number_start, numeral_end, value, chinese, cues), consumed


def _small_count(text: str, start: int, numeral: str, cues: Cues) -> Amount | None:
    """建设两个实验室, 打造两大产业集群: a small Chinese numeral counts right after a verb of
    building; elsewhere it is part of a word (一批, 两个毫不动摇, 三个一号)."""
    pos = start + 1
    if numeral not in cues.small_numerals or not text.endswith(cues.small_verbs, 0, start):
        return None
    classifier = word_at(text, pos, tuple(cues.small_classifiers))
    if classifier is not None:
        noun_start, noun_end, _ = _noun_after(text, pos + len(classifier), cues)
        if not _clean(text[noun_start:noun_end]).endswith(cues.small_classifiers[classifier]):
            return None  # 三大运营商, 三大工程: a set with a name of its own
    else:
        found = unit_at(text, pos, cues)
        if found is None or not found[1].count:
            return None
        classifier = found[0]
    value = Decimal(CN_SMALL[numeral])
    end = pos + len(classifier)
    if text[end : end + 1] in CN_SMALL or text[end : end + 1].isdigit():
        return None  # 新建三个一号旅游公路: a name
    return read_bound_after(
        text, Amount(value, None, "NUM", classifier, None, start, pos, end), cues
    )


def _baseline(text: str, phrase_first: int, amount: Amount, state: _State, cues: Cues) -> Amount:
    """从 A 提高到 B: the amount B, with A as its baseline (A alone when no B follows)."""
    level_at = spaces_end(text, amount.end)
    level = word_at(text, level_at, cues.levels)
    if level is None or amount.high is not None:
        return amount
    lowest = max(0, phrase_first - 12)
    origin = max(text.rfind(w, lowest, phrase_first) for w in cues.baseline_from)
    if origin < 0 or any(c.isdigit() or c in CLAUSE_PUNCT for c in text[origin:phrase_first]):
        return amount
    start = spaces_end(text, level_at + len(level))
    bound = word_at(text, start, cues.bound_words)  # 增加到超过 100 万亿元
    start = spaces_end(text, start + len(bound or ""))
    numeral = numeral_at(text, start)
    if numeral is None or _neighbours_reject(text, start, numeral[0], numeral[2], cues):
        return amount
    target = amount_at(text, start, numeral[0], numeral[1], numeral[2], cues)
    if target is None or target.unit != amount.unit or target.high is not None:
        return amount
    target.baseline = amount.value
    state.cut = origin
    return target


def _is_year(text: str, start: int, end: int) -> bool:
    digits = text[start:end]
    return len(digits) == 4 and digits[0] in "12" and bool(YEAR_AFTER.match(text, end))


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


def _left_of(text: str, phrase_first: int, amount: Amount, state: _State, cues: Cues) -> _Left:
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
                and bool(left.roles & CHANGES)
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
    amount: Amount,
    previous: _Found,
    words: list[_Cue],
    cues: Cues,
) -> bool:
    """45 个重点开发区…比重达 84%, 8 个产业集群全产业链产值突破 6100 亿元: a count with no verb of
    its own, followed in its clause by a figure, says how many things that figure is about. Not
    a count of projects (1596 个重大项目完成投资 1.5 万亿元): plans set such counts as targets
    (安排重大项目 1000 个以上), so the review's count is a result of its own."""
    return (
        previous.counted_after
        and not previous.quantity.indicator.endswith(cues.counted_commitments)
        and not amount.bare  # 惠及 80 个乡镇近 300 万群众: two objects of one verb
        and previous.noun_stop != "joiner"  # 116 个国家和地区近 4000 名运动员
        and (bool(words) or previous.noun_stop == "verb")
        and not _leading_verb(previous.verb, cues)
        and phrase_first - previous.quantity.start <= _MAX_WINDOW
        and not any(c in CLAUSE_PUNCT for c in text[previous.quantity.number_start : phrase_first])
    )


def _rejected(
    text: str,
    phrase_first: int,
    amount: Amount,
    left: _Left,
    noun: tuple[int, int, str],
    cues: Cues,
) -> bool:
    """Numbers that a careful reader would not record, seen from the words around them."""
    linked = bool(left.roles & CHANGES)
    if amount.unit in cues.duration_units and not left.roles & {"predicate", "level", "up", "down"}:
        context = text[max(left.window, phrase_first - 8) : phrase_first]
        if amount.bound != "AtMost" and not any(c in context for c in cues.duration_cues):
            return True  # 提前 1 年, 连续 3 年
    if amount.classifier in cues.rank_units and (
        char_before(text, phrase_first) in cues.rank_after
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
        and not word_at(noun_text, 0, (*cues.lead_verbs, *cues.noun_ends_before))
        and is_cjk(before[-1:])
        and not before.endswith(("等", *cues.lead_verbs, *cues.keep_words))
    ):
        return True  # 兰州石化 120 万吨乙烯改造项目: a figure inside a name
    if amount.unit == "NUM" and word_at(text, noun_start, cues.not_counted):
        return True  # 3 个月, 从 4 个方面
    ordinal_nouns = cues.ordinal_counts.get(amount.classifier or "", ())
    if not text[amount.number_start].isdigit() and word_at(text, noun_start, ordinal_nouns):
        return True  # 十一次党代会; but 召开 20 次会议 counts meetings
    # 培育 1 个 400 亿级产业名镇: what is counted is named by another number
    return (
        bool(amount.classifier) and noun_start == noun_end and noun_stop == "number" and not linked
    )


def _bound_of(amount: Amount, left: _Left) -> str:
    """A word after the number wins over one before it."""
    if amount.high is not None:
        return "Range"
    return amount.bound or next((w.bound for w in left.words if w.bound), None) or "Exact"


def _aspired(text: str, phrase_first: int, cues: Cues) -> bool:
    """力争, 争取 or 努力 earlier in the number's clause (up to the last ，；。 before it)."""
    scope, lowest = phrase_first, max(0, phrase_first - 2 * _MAX_WINDOW)
    while scope > lowest and text[scope - 1] not in _ASPIRATION_SCOPE_END:
        scope -= 1
    return any(w in text[scope:phrase_first] for w in cues.aspiration)


def _describe(
    text: str, phrase_first: int, amount: Amount, state: _State, cues: Cues
) -> list[_Found]:
    """What ``amount`` measures, its bound and whether it is a change, from the words around."""
    left = _left_of(text, phrase_first, amount, state, cues)
    noun_start, noun_end, noun_stop = noun = _noun_after(text, amount.end, cues)
    if _rejected(text, phrase_first, amount, left, noun, cues):
        return []
    previous, words, roles = left.previous, left.words, left.roles
    if (
        amount.classifier is None
        and amount.unit not in NOT_COUNTED_UNITS
        and not amount.after_word
        and words
        and words[-1].bound in ("AtLeast", "AtMost")
        and (
            text.startswith("的", amount.end)
            or word_at(text, amount.end, cues.threshold_nouns) is not None
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
    linked = bool(roles & CHANGES)
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
    after = text[spaces_end(text, amount.end) : noun_start]
    counted = amount.unit not in NOT_COUNTED_UNITS or after.endswith("的")
    counted = counted and not (amount.bare and amount.unit == "CCY_CNY")
    count_verb = amount.classifier is not None and bool(roles & {"up", "verb"})
    if noun_end > noun_start and counted and (not linked or not indicator or count_verb):
        # 新建 30 个国家绿色工厂: the verb before the number and the noun after it
        verb_end = ind_end
        for word in words:  # a change verb before a count is its verb (提升 122 个劳务品牌)
            if word.role in VERBS and (not indicator or count_verb):
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
    elif amount.unit in GROWTH_AT_START_UNITS and not growth:
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
        phrases = _collective(text, span_start, ind_start, indicator, left.floor, cues) or [
            _with_modifiers(text, span_start, ind_start, indicator, left.floor, cues)
        ]
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


_MODIFIER = 6  # the longest item of a list of modifiers (燃气、排水、供水管网改造)
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]+")
_SPREAD = re.compile("分别|各|均")


def _with_modifiers(
    text: str, span_start: int, ind_start: int, indicator: str, floor: int, cues: Cues
) -> tuple[int, str]:
    """The indicator with the bare items listed before it, which share its head: 燃气、排水、
    供水管网改造 9436 公里 measures all three networks, not the water mains alone. Items with a
    figure of their own are quantities of their own (the floor stops before them)."""
    earlier = _items_before(text, ind_start, floor, cues)
    names = [text[s:e] for s, e in earlier]
    if (
        not names
        or any(len(n) > _MODIFIER or _BARE_NAME.fullmatch(n) is None for n in names)
        or _SPREAD.search(indicator)
    ):
        return span_start, indicator  # 交通、水利分别完成投资: each item has a figure of its own
    return min(span_start, earlier[0][0]), "、".join(names + [indicator])


_COLLECTIVE = re.compile(r"(?P<count>[两二三四五六七八九])(?P<kind>[市省区县地城])(?P<rest>.*)")


def _collective(
    text: str, span_start: int, ind_start: int, indicator: str, floor: int, cues: Cues
) -> list[tuple[int, str]]:
    """沈阳、大连两市经济规模: one figure for each place the list names, or nothing."""
    for at in range(len(indicator)):
        match = _COLLECTIVE.fullmatch(indicator, at)
        if match is None:
            continue
        earlier = _items_before(text, ind_start, floor, cues)
        names = [_clean(text[s:e]) for s, e in earlier] + [indicator[:at]]
        if len(names) != CN_SMALL[match.group("count")] or not all(names):
            return []
        starts = [s for s, _ in earlier] + [span_start]
        return [(s, name + match.group("rest")) for s, name in zip(starts, names, strict=True)]
    return []


def _list_items(
    text: str, ind_start: int, ind_end: int, indicator: str, floor: int, cues: Cues
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
    amount: Amount,
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
        value=None if ranged else tidy(amount.value),
        min=tidy(amount.value) if ranged else None,
        max=tidy(amount.high) if amount.high is not None else None,
        unit=amount.unit,
        classifier=amount.classifier,
        qualifier=bound,
        growth=growth,
        number_start=amount.number_start,
        number_end=amount.number_end,
        aspirational=aspirational,
        baseline=None if amount.baseline is None else tidy(amount.baseline),
    )
