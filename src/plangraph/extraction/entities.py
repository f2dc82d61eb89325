"""Named things in a clause: concrete projects, regions (with codes) and industries.

Rules and word lists come from ``data/extraction.yaml`` and the vocabularies; the gazetteer gives
region names and codes. Everything works on folded text and returns spans into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from plangraph.extraction.words import word_lists
from plangraph.vocab.names import normalise_name

__all__ = ["Mention", "find_projects", "find_industries", "word_lists"]

_STOP = "，,；;。：:、！？!?\n（）()《》"
_QUOTED = re.compile(r"“([^“”\n]{1,24})”")
_CJK_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # normalised: what identifies the thing (quotes and spaces dropped)
    key: str = ""  # region code, or industry preferred label


@cache
def _project_rules() -> dict[str, Any]:
    rules = dict(word_lists()["projects"])
    rules["suffixes"] = sorted(rules["suffixes"], key=len, reverse=True)
    rules["left_cues"] = sorted(rules["left_cues"], key=len, reverse=True)
    rules["generic"] = set(rules["generic"])
    rules["suffix_re"] = re.compile("|".join(map(re.escape, rules["suffixes"])))
    heads = "|".join(map(re.escape, sorted(rules["list_heads"], key=len, reverse=True)))
    # 等 9 个在建项目 / 等重大项目 / 等项目建设
    rules["list_re"] = re.compile(
        rf"等\s*(?:\d+\s*个|[一二三四五六七八九十]+个)?\s*[\u4e00-\u9fff]{{0,6}}?(?:{heads})"
    )
    return rules


def _left_edge(text: str, lo: int, suffix_start: int, limit: int = 20) -> int:
    """Where a name ending at ``suffix_start`` begins: after punctuation or a cue word."""
    rules = _project_rules()
    start = suffix_start
    while start > lo and suffix_start - start < limit and _CJK_NAME.match(text[start - 1]):
        if text[start - 1] == "的":  # 期盼已久的古贤水利枢纽工程: a name never spans 的
            break
        start -= 1
    # cut after the last cue word inside the candidate (推进雄忻高铁 → 雄忻高铁)
    best = start
    for cue in rules["left_cues"]:
        pos = text.rfind(cue, start, suffix_start)
        while pos >= 0:
            edge = pos + len(cue)
            if edge < suffix_start and edge > best:
                best = edge
            pos = text.rfind(cue, start, pos)
    return best


def _counted(text: str, start: int) -> bool:
    """``50 个城镇社区养老工程``: a count of a kind of thing, not one named project."""
    before = text[max(0, start - 4) : start].rstrip()
    return bool(re.search(r"[\d一二三四五六七八九十百千万]\s*[个座家项条处所批]$", before)) or bool(
        re.search(r"[\d]\s*$", before)
    )


def _followed_well(text: str, end: int, hi: int) -> bool:
    if end >= hi or text[end] in _STOP or text[end] in ' \t“”"':
        return True
    return any(text.startswith(f, end) for f in _project_rules()["followers"])


def _is_generic(name: str, suffix: str) -> bool:
    rules = _project_rules()
    if name in rules["generic"] or len(name) <= len(suffix) + 1:
        return True
    if any(name.startswith(p) for p in rules["generic_prefixes"]):
        return True
    stem = name[: len(name) - len(suffix)]
    return stem in ("重点", "重大", "省级", "国家", "示范", "在建", "新建", "一批")


def _extend(text: str, end: int, hi: int) -> int:
    for ext in _project_rules()["extensions"]:
        if text.startswith(ext, end) and end + len(ext) <= hi:
            return _extend(text, end + len(ext), hi)
    return end


def find_projects(text: str, start: int, end: int) -> list[Mention]:
    """Concrete named projects in ``text[start:end]`` (one sentence)."""
    rules = _project_rules()
    found: dict[tuple[int, int], Mention] = {}
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, name: str) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found[(s, e)] = Mention(s, e, normalise_name(name))

    # “一泓清水入黄河”工程, “百亿工程”
    for m in _QUOTED.finditer(text, start, end):
        inner = m.group(1)
        after = text[m.end() : min(end, m.end() + 8)]
        suffix = next((x for x in rules["suffixes"] if after.startswith(x)), None)
        if suffix:
            add(m.start(), m.end() + len(suffix), inner + suffix)
        elif any(inner.endswith(x) for x in rules["quoted_suffixes"]) and len(inner) >= 3:
            if inner not in rules["generic"]:
                add(m.start(), m.end(), inner)
    # A、B、C 等 N 个…项目: every item of the enumeration is a project
    for m in rules["list_re"].finditer(text, start, end):
        clause_start = max(text.rfind(c, start, m.start()) for c in "，,；;。：:\n") + 1
        clause_start = max(clause_start, start)
        pos = clause_start
        items = re.split(r"、", text[clause_start : m.start()])
        for item in items:
            s, e = pos, pos + len(item)
            pos = e + 1
            while s < e and text[s] in " \t":
                s += 1
            s = _left_edge(text, s, e) if e - s > 2 else s
            name = text[s:e].strip()
            if 2 <= len(name) <= 20 and name not in rules["generic"]:
                add(s, e, name)
    # 雄忻高铁, 武宿机场三期改扩建, 黄河古贤水利枢纽工程; the longest of overlapping ones wins
    candidates: list[tuple[int, int]] = []
    for found_suffix in rules["suffix_re"].finditer(text, start, end):
        suffix, pos = found_suffix.group(), found_suffix.start()
        if suffix in ("行动", "计划"):
            continue  # unquoted 实施…行动 is a measure, not a project
        s = _left_edge(text, start, pos)
        if s < pos and text[s] in "个座家项条处所批" and _counted(text, s + 1):
            s += 1  # 3-5 家省实验室: the classifier belongs to the number
        e = _extend(text, pos + len(suffix), end)
        if s >= pos or _is_generic(text[s : pos + len(suffix)], suffix) or _counted(text, s):
            continue
        if re.match(r"[\d.]+\s*[个座家项条处所批]", text[s:pos]):
            continue  # 13个省级消费品特色园区: a count of a kind
        if s > 0 and text[s - 1] == "“" and "”" in text[pos : e + 1]:
            continue  # inside quotes: the quoted-name rule decides
        if any(re.search(p, text[s:e]) for p in rules["not_names"]):
            continue
        after_quote = s > 0 and text[s - 1] == "”"  # “建高地、兜网底、提能力”强医工程
        if suffix in rules["weak_suffixes"] and pos - s < (2 if after_quote else 3):
            continue
        if _followed_well(text, e, end):
            candidates.append((s, e))
    for s, e in sorted(candidates, key=lambda c: c[0] - c[1]):
        add(s, e, text[s:e])
    return sorted(found.values(), key=lambda x: x.start)


@cache
def _industry_index() -> tuple[re.Pattern[str], dict[str, str]]:
    from plangraph.vocab.schemes import industries

    scheme = industries()
    surface: dict[str, str] = {}
    for concept in scheme.concepts.values():
        for label in (concept.label, *concept.alt):
            if len(label) >= 2:
                surface.setdefault(label, concept.label)
    pattern = re.compile("|".join(map(re.escape, sorted(surface, key=len, reverse=True))))
    return pattern, surface


def find_industries(text: str, start: int, end: int) -> list[Mention]:
    """Industry vocabulary terms in ``text[start:end]`` (longest label wins)."""
    pattern, surface = _industry_index()
    return [
        Mention(m.start(), m.end(), m.group(), surface[m.group()])
        for m in pattern.finditer(text, start, end)
    ]
