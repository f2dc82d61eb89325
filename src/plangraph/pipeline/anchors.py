"""Anchors: the words two phrases of two documents share that name one thing.

A later report rarely repeats a plan's sentence, but it names the same thing:
``深入实施自贸试验区提升战略`` and ``自贸试验区提升战略扎实推进`` share ``自贸试验区提升战略``;
``加力落实消费品以旧换新政策`` and ``兑现以旧换新补贴169亿元`` share ``以旧换新``. Such a shared
stretch of characters is an *anchor* when it is specific: long enough once the words that name
nothing in particular are left out (``建设``, ``推进``, ``体系``, data/commitments.yaml), and rare
in both documents (a stretch that half the plan's pieces hold, such as ``营商环境`` in a report
that speaks of it everywhere, does not tell which piece a result answers).

Phrases are compared without punctuation, quote marks and spaces; digits never take part (``000
个`` is not a name). Linear in the text per candidate pair; candidates come from shared character
trigrams, so a pair of full reports compares in well under a second.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = [
    "Anchor",
    "AnchorIndex",
    "content_length",
    "has_edition",
    "items",
    "named_length",
    "normalise",
]

_NOT_WORD = re.compile(r"[^\w、.]+|_")
_NUMBER = re.compile(r"[0-9][0-9.]*")
_ITEMS = re.compile(r"[、.]+")


def _number_mark(match: re.Match[str]) -> str:
    """A number as one character of its own (private use area): ``第8.6代`` matches ``第8.6代``,
    but ``4000个`` never matches ``2000个`` by its last digits."""
    return chr(0xE000 + zlib.crc32(match.group().rstrip(".").encode()) % 0x1800)


def normalise(phrase: str, mark: str = "\x01") -> str:
    """The characters of ``phrase`` that can name a thing: punctuation, quote marks and blanks
    dropped, short forms read in full (通航: 通用航空, data/commitments.yaml), each number one
    character; each 、 between the items of a list one ``mark`` (give each side its own mark, so
    that no anchor runs from one item into the next)."""
    text = _NUMBER.sub(_number_mark, _NOT_WORD.sub("", phrase))
    return _ITEMS.sub(mark, _full_forms(text))


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    from plangraph.extraction.commitments import rules

    table: dict[str, str] = rules()["abbreviations"]
    words = sorted({*table, *table.values()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), table


def _full_forms(text: str) -> str:
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table.get(m.group(), m.group()), text)


@cache
def _generic() -> re.Pattern[str]:
    from plangraph.extraction.commitments import rules

    steps = [w for words in rules()["steps"].values() for w in words]
    words = sorted({*rules()["generic"], *steps}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def items(phrase: str) -> list[str]:
    """The items of a phrase that lists several things, normalised: split at 、, 和, 及, 与 and at
    numbers (``新建国家现代农业产业园2个、产业集群1个``: 新建国家现代农业产业园, 个, 产业集群,
    个)."""
    return [x for x in _SPLIT.split(_NOT_WORD.sub("", phrase)) if x]


_SPLIT = re.compile(r"[、.0-9和及与]+")


_ORDINAL = re.compile("第[一二三四五六七八九十百零〇\ue000-\uf7ff]+[届次批期轮]")


def has_edition(phrase: str) -> bool:
    """Whether ``phrase`` names an edition or a round (第四次, 第3轮, 第二十届)."""
    return _ORDINAL.search(normalise(phrase)) is not None


def named_length(stretch: str) -> int:
    """Characters of ``stretch`` outside the words that name nothing in particular (and the
    words of a step: 建成, 覆盖, 所有) and outside its editions and rounds (第二十届西博会: 西博会,
    3)."""
    return len(_generic().sub("", _ORDINAL.sub("", stretch)))


def content_length(stretch: str) -> int:
    """:func:`named_length`, with an edition or a round (第七届) counted when it stands beside a
    name of two characters or more (第四次全国文物普查, not 第七届 alone)."""
    named = named_length(stretch)
    return named + (len(stretch) - len(_ORDINAL.sub("", stretch)) if named >= 2 else 0)


@dataclass(frozen=True)
class Anchor:
    """A stretch both phrases hold, how specific it is, and where it lies in the later one."""

    text: str
    content: int  # characters outside the generic words
    plan_df: int  # how many of the earlier phrases hold it
    review_df: int  # how many of the later phrases hold it
    at: int  # its offset in the later phrase (normalised)
    standard: bool = False  # the later phrase's figure is the standard measure of the earlier

    @property
    def key(self) -> tuple[int, int, int]:
        """Better anchors sort higher: more content, then rarer."""
        return (self.content, -self.plan_df, -self.review_df)


def _common_stretches(a: str, b: str, shortest: int) -> list[tuple[str, int]]:
    """Maximal stretches of at least ``shortest`` characters that ``a`` and ``b`` share, each
    with its offset in ``b``."""
    n, m = len(a), len(b)
    prev = [0] * (m + 1)
    found: dict[str, int] = {}
    for i in range(1, n + 1):
        cur = [0] * (m + 1)
        ai = a[i - 1]
        for j in range(1, m + 1):
            if ai == b[j - 1]:
                run = prev[j - 1] + 1
                cur[j] = run
        for j in range(1, m + 1):
            run = cur[j]
            if run >= shortest and (i == n or j == m or a[i] != b[j]):
                found.setdefault(a[i - run : i], j - run)
        prev = cur
    return list(found.items())


class AnchorIndex:
    """The phrases of an earlier document (``plan``) and a later one (``review``), indexed to
    find, for a pair, the best anchor they share."""

    def __init__(self, plan: Sequence[str], review: Sequence[str]) -> None:
        self.plan = [normalise(p, "\x01") for p in plan]
        self.review = [normalise(r, "\x02") for r in review]
        self._df: dict[str, tuple[int, int]] = {}
        self._bigrams: defaultdict[str, set[int]] = defaultdict(set)
        for i, phrase in enumerate(self.plan):
            for k in range(len(phrase) - 1):
                self._bigrams[phrase[k : k + 2]].add(i)

    def df(self, stretch: str) -> tuple[int, int]:
        """How many phrases of each side hold ``stretch``."""
        if stretch not in self._df:
            self._df[stretch] = (
                sum(stretch in p for p in self.plan),
                sum(stretch in r for r in self.review),
            )
        return self._df[stretch]

    def candidates(self, j: int, most: int = 12) -> set[int]:
        """The earlier phrases that share with later phrase ``j`` two characters in a row that
        at most ``most`` earlier phrases hold (a pair sharing only common pairs of characters
        has no specific anchor)."""
        phrase = self.review[j]
        found: set[int] = set()
        for k in range(len(phrase) - 1):
            holders = self._bigrams.get(phrase[k : k + 2])
            if holders and len(holders) <= most:
                found |= holders
        return found

    def anchors(self, i: int, j: int, shortest: int = 2) -> list[Anchor]:
        """The stretches earlier phrase ``i`` and later phrase ``j`` share, as anchors."""
        out = []
        for text, at in _common_stretches(self.plan[i], self.review[j], shortest):
            plan_df, review_df = self.df(text)
            out.append(Anchor(text, content_length(text), plan_df, review_df, at))
        return out
