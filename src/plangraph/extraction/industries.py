"""Industry mentions in a clause: terms of the industry scheme, and terms it lacks (proposed).

Three passes over folded text, each giving spans into it:

1. the scheme's labels, longest first, unless the characters around them make them part of
   another word (农业转移人口, 服务业态) — ``detection`` rules of ``data/industries.yaml``;
2. open detection: a term ending in an industry head (X产业, X装备, X材料, X集群, X经济 …) whose
   X is a run of nouns (jieba's tags on a few characters before the head) becomes a proposed
   term, unless X only says which kind (重点产业, 特色产业);
3. lists: in an enumeration (A、B、C等) where at least half the members are industries, the
   other short members are proposed terms too (肉牛、茶叶、辣椒、食用菌).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from plangraph.errors import PlangraphError
from plangraph.extraction.words import any_word
from plangraph.vocab.schemes import IndustryDetection, IndustryScheme, industries

__all__ = ["IndustryMention", "find_industries"]

# where a list member or a term cannot run across
_BREAK = set('，,；;。：:！？!?\n（）()《》“”"‘’、')
_MEMBER_END = ("等", "和", "及", "与", "以及")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# jieba tags of the words a proposed term's first part may hold: nouns, names, abbreviations,
# distinguishing words and adjectives, verbal nouns (加工, 制造)
_NOUNISH = ("n", "vn", "b", "a", "an", "nz", "l", "eng", "ng")
# …but not places, people or organisations (长江经济带, 酒泉经济), nor numerals (十大产业)
_NOT_NOUNISH = ("ns", "nr", "nt", "m")
# a head followed by one of these is part of a longer word (经济带, 产业园, 材料费)
_HEAD_NOT_BEFORE = set("带圈区体园链费界工损效增运总指社")
_MAX_TERM = 8  # characters of a proposed term's first part


@dataclass(frozen=True)
class IndustryMention:
    start: int
    end: int
    label: str  # the concept's preferred label, or the proposed term itself
    proposed: bool = False  # the scheme lacks it: a term for review
    field: bool = False  # public works, services or policy: files facts, no industry mention
    # False when the words name a facility, right or public service of the sector (天然气管道,
    # 矿业权, 交通、能源等基础设施): they file facts, but are no evidence the text names it
    named: bool = True


@cache
def _industry_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every surface (longest first) and each surface's concept: a scheme label,
    a word with a label inside that names something else of its sector (``field_words``: the
    label inside), or one that names no industry at all (``not_words``: "")."""
    scheme = industries()
    rules = scheme.detection
    surface: dict[str, str] = {}
    for concept in scheme.concepts.values():
        for label in (concept.label, *concept.alt):
            if len(label) >= 2:
                surface.setdefault(label, concept.label)
    for word in rules.field_words:
        inside = max((w for w in surface if w in word), key=len, default=None)
        if inside is None:
            raise PlangraphError(f"industries.yaml: field word {word} holds no label")
        surface[word] = surface[inside]
    for word in rules.not_words:
        surface[word] = ""
    return re.compile(any_word(surface)), surface


@cache
def _head_pattern() -> re.Pattern[str]:
    heads = industries().detection.heads
    return re.compile("|".join(map(re.escape, heads)))


def find_industries(text: str, start: int, end: int) -> list[IndustryMention]:
    """Industry mentions in ``text[start:end]`` (one clause), in text order."""
    scheme = industries()
    found, blocked = _scheme_mentions(text, start, end, scheme)
    found += _proposed_by_head(text, start, end, scheme, found + blocked)
    found += _proposed_by_list(text, start, end, scheme, found + blocked)
    return sorted(found, key=lambda m: m.start)


def _scheme_mentions(
    text: str, start: int, end: int, scheme: IndustryScheme
) -> tuple[list[IndustryMention], list[IndustryMention]]:
    """The scheme's mentions, and the words that only look like one (非公有制经济, 水电气): no
    mention, but no proposed term either."""
    pattern, surface = _industry_index()
    rules = scheme.detection
    found: list[IndustryMention] = []
    blocked: list[IndustryMention] = []
    pos = start
    while (m := pattern.search(text, pos, end)) is not None:
        if text.startswith(rules.straddled_after, m.end() - 1, end):
            # 服务业态: 业 starts the next word; a shorter label may still end before it
            # (旅游业态: 旅游, not 旅游业)
            m = pattern.match(text, m.start(), m.end() - 1) or m
            if text.startswith(rules.straddled_after, m.end() - 1, end):
                pos = m.end() - 1
                continue
        pos = m.end()
        word = m.group()
        if not surface[word]:
            blocked.append(IndustryMention(m.start(), m.end(), word))
            continue
        if text.startswith(rules.not_before, m.end(), end):
            continue
        if _straddles(text, m.start(), rules.straddled):
            pos = m.start() + 1  # 强化工业: not 化工, but 工业 may start inside it
            continue  # 智能化工厂: the tail of one word and the head of the next
        if word in rules.firm_words and _after_place(text, m.start(), start):
            blocked.append(IndustryMention(m.start(), m.end(), word))
            continue  # 兰州石化: a firm's name
        concept = scheme.concepts[surface[word]]
        named = concept.field or not (
            word in rules.field_words
            or _field_before(text, m.start(), m.end(), end, rules)  # 天然气管道, 体育事业
            or _listed_before(text, m.end(), end, rules.field_lists)
            or (  # 电力现货交易: a piece of a market, not the power industry
                concept.label in _market_concepts()
                and text.startswith(rules.market_words, m.end(), end)
            )
        )
        field = concept.field or word in rules.facts_only or not named
        found.append(IndustryMention(m.start(), m.end(), concept.label, field=field, named=named))
    return found, blocked


@cache
def _market_concepts() -> frozenset[str]:
    """The concepts of the ``market_sectors`` and every concept under them."""
    scheme = industries()
    sectors = set(scheme.detection.market_sectors)
    unknown = sectors - scheme.concepts.keys()
    if unknown:
        raise PlangraphError(f"industries.yaml: unknown market sector {sorted(unknown)[0]}")

    def under(label: str | None) -> bool:
        while label is not None:
            if label in sectors:
                return True
            label = scheme.concepts[label].broader
        return False

    return frozenset(label for label in scheme.concepts if under(label))


def _after_place(text: str, at: int, start: int) -> bool:
    """Whether a place name (兰州, or 中国 of the state firms) ends right before ``at``, inside
    the clause."""
    places = _place_names()
    return any(
        text[at - size : at] in places or text[at - size : at] == "中国"
        for size in range(2, min(8, at - start) + 1)
    )


def _field_before(text: str, start: int, at: int, end: int, rules: IndustryDetection) -> bool:
    """Whether one of the ``field_before`` words (设施, 管道 …) follows the label at
    ``start``..``at`` and starts no label of its own (蔬菜设施种植: 设施种植 is an industry too),
    unless the label names what a hub is a hub of (国际航运中心)."""
    if not text.startswith(rules.field_before, at, end):
        return False
    if text.startswith("中心", at, end) and text.endswith(rules.hub_before, 0, start):
        return False
    pattern, surface = _industry_index()
    m = pattern.match(text, at, end)
    return m is None or not surface[m.group()]


_LIST_JOINS = set("、和及与")
_LIST_REACH = 30  # characters from a member to the 等 that closes its list


def _listed_before(text: str, at: int, end: int, heads: tuple[str, ...]) -> bool:
    """Whether the list member ending at ``at`` is in an enumeration closed by 等 and one of
    ``heads`` (交通、能源、水利等基础设施: the members name what is built, not industries)."""
    if not heads or at >= end or text[at] not in _LIST_JOINS | {"等"}:
        return False  # 旅游厕所、标识标牌等配套设施: 旅游 only modifies a member
    stop = min(end, at + _LIST_REACH)
    pos = at
    while pos < stop:
        ch = text[pos]
        if ch == "等":
            return text.startswith(heads, pos + 1, end)
        if ch in _BREAK and ch not in _LIST_JOINS:
            return False
        pos += 1
    return False


def _straddles(text: str, at: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` ends with the character at ``at``."""
    for size, group in _by_length(words):
        if text[max(0, at + 1 - size) : at + 1] in group:
            return True
    return False


@cache
def _by_length(words: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    sizes = sorted({len(w) for w in words})
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sizes)


def _covered(mentions: Iterable[IndustryMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


@cache
def _place_names() -> frozenset[str]:
    from plangraph.vocab.gazetteer import gazetteer

    return frozenset(
        name for p in gazetteer().places() for name in (p.name, p.short) if len(name) >= 2
    )


def _noun_run(text: str, lo: int, hi: int, generic: frozenset[str]) -> int | None:
    """Where the run of noun-like words ending at ``hi`` starts (no further left than ``lo``),
    or None when the word before ``hi`` is not noun-like or only names a kind."""
    from plangraph.extraction.lexicon import tag_words

    words = tag_words(text[lo:hi])
    pos = hi
    for word, flag in reversed(words):
        if word in generic or not flag.startswith(_NOUNISH) or flag.startswith(_NOT_NOUNISH):
            break
        if not _CJK.match(word) or word.endswith(("型", "类", "性", "化")):
            break  # 资源型产业, 鼓励类产业: a kind, not a name
        if word in _place_names():
            break  # 酒泉经济: a place's economy
        if hi - (pos - len(word)) > _MAX_TERM:
            break
        pos -= len(word)
    return pos if pos < hi else None


def _proposed_by_head(
    text: str, start: int, end: int, scheme: IndustryScheme, known: list[IndustryMention]
) -> list[IndustryMention]:
    """X产业, X装备, X材料, X集群, X经济 … the scheme lacks."""
    rules = scheme.detection
    found: list[IndustryMention] = []
    for m in _head_pattern().finditer(text, start, end):
        head_start, head_end = m.start(), m.end()
        if _covered(known, head_start, head_end) or _covered(found, head_start, head_end):
            continue
        if _covered(known, head_start - 1, head_start):
            continue  # 新能源电池产业: the scheme's term already names it
        if head_end < end and text[head_end] in _HEAD_NOT_BEFORE and m.group() != "产业链":
            continue
        lo = head_start
        while lo > max(start, head_start - 12) and text[lo - 1] not in _BREAK:
            lo -= 1
        first = _noun_run(text, lo, head_start, rules.generic)
        if first is None:
            continue
        # 产业集群 / 产业链 name a grouping of the industry before them: the term is that X
        term_end = head_start if m.group() in ("集群", "产业链") else head_end
        label = text[first:term_end]
        if head_start - first < 2 or _only_a_kind(label, scheme) or scheme.resolve(label):
            continue
        found.append(IndustryMention(first, term_end, label, proposed=True))
    return found


def _only_a_kind(label: str, scheme: IndustryScheme) -> bool:
    """特色产业, 重点产业链, 安全生产: words that say which kind, or name no industry."""
    rules = scheme.detection
    if label in rules.generic:
        return True
    for head in rules.heads:
        if label.endswith(head) and label[: -len(head)] in rules.generic | {""}:
            return True
    return False


_STRETCH_END = re.compile(r"[，,；;。：:！？!?\n（）()]")


def _members(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Enumerations in ``text[start:end]``: lists of member spans joined by 、 (the last one
    also by 和/及/与), each list inside one stretch between commas."""
    lists: list[list[tuple[int, int]]] = []
    if text.find("、", start, end) < 0:
        return lists
    seg = start
    while seg < end:
        stop = _STRETCH_END.search(text, seg, end)
        seg_end = stop.start() if stop else end
        if "、" in text[seg:seg_end]:
            pieces, pos = [], seg
            for piece in text[seg:seg_end].split("、"):
                pieces.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            lists.append(pieces)
        seg = seg_end + 1
    return lists


def _proposed_by_list(
    text: str, start: int, end: int, scheme: IndustryScheme, known: list[IndustryMention]
) -> list[IndustryMention]:
    """Members of an enumeration of industries that the scheme lacks (辣椒 in 肉牛、茶叶、辣椒)."""
    found: list[IndustryMention] = []
    # the sector's words count even where their context files facts only (微电网、新型储能)
    industries_only = [
        m for m in known if m.label in scheme.concepts and not scheme.concepts[m.label].field
    ]
    for pieces in _members(text, start, end):
        for i, (s, e) in enumerate(pieces):
            if text.find("等", s + 1, e) > s:  # 肉蛋奶、果蔬等农产品供应充足、价格稳定: 等
                pieces = pieces[: i + 1]  # closes the list; what follows is no member
                break
        spans: list[tuple[int, int]] = []
        for i, (s, e) in enumerate(pieces):
            if i == len(pieces) - 1:  # the last member ends at 等 / 和 …, or is a whole piece
                cut = min(
                    (text.find(w, s, e) for w in _MEMBER_END if text.find(w, s, e) > s), default=e
                )
                e = cut
            spans.append((s, e))
        inner = spans[1:-1]
        named = [sp for sp in spans if _covered(industries_only, *sp)]
        if len(named) < 2 or len(named) * 3 < len(spans) * 2:
            continue  # two thirds of the members at least are industries
        first = spans[0]
        if not _covered(known, *first):
            run = _noun_run(text, first[0], first[1], scheme.detection.generic)
            spans[0] = (run, first[1]) if run is not None else (first[1], first[1])
        for s, e in [spans[0], *inner, spans[-1]]:
            label = text[s:e]
            if _covered(known, s, e) or not 2 <= len(label) <= 6 or not _CJK.match(label):
                continue
            if _noun_run(text, s, e, scheme.detection.generic) != s:
                continue  # 规模扩大, 占比提升: a clause, not a name
            if _only_a_kind(label, scheme) or scheme.resolve(label):
                continue  # a kind of industry, or a scheme term its context refused
            found.append(IndustryMention(s, e, label, proposed=True))
    return found
