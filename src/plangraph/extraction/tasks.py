"""Livelihood tasks (民生实事): the numbered promises a report lists for the plan year.

Reports write them in many forms: ``①…②…``, ``一是…二是…``, ``（1）…（2）…``, lines ``1.…``
or ``一、…`` (often in an appendix), a list after a colon (``包括：A；B；C``, ``10件民生实事：A，
B，C``), a list before the words (``A、B、C等十件民生实事``), sentences after a short lead
(``扎实办好民生实事。A。B。``) or sentences that open alike (``筹措…实施A。筹措…实施B。``).
The list is found next to a sentence that announces it (``办好10件民生实事``); when that
sentence gives the number, an enumeration with that many items wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from plangraph.extraction.words import word_lists

__all__ = ["TaskItem", "find_tasks"]

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
_NUMBER = rf"[0-9]{{1,3}}|[{_CN}两]{{1,3}}"


@dataclass
class TaskItem:
    n: int
    start: int  # the whole item, marker excluded
    end: int
    short_start: int  # a short phrase naming it
    short_end: int


@cache
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = word_lists()["tasks"]
    return rules


def _cn_number(text: str) -> int:
    digits = {c: i + 1 for i, c in enumerate(_CN[:9])} | {"两": 2}
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + digits.get(ones, 0)


def _short(text: str, start: int, end: int, limit: int = 20) -> tuple[int, int]:
    while start < end and text[start] in ' \t“”"':
        start += 1
    stop = _CLAUSE_END.search(text, start, end)
    short_end = min(stop.start() if stop else end, start + limit)
    while short_end > start and text[short_end - 1] in " \t。，；、":
        short_end -= 1
    return start, short_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\n\u3000。；;，,、":
        end -= 1
    return start, end


def _item(text: str, n: int, start: int, end: int) -> TaskItem | None:
    s, e = _trim(text, start, end)
    if e <= s:
        return None
    ss, se = _short(text, s, e)
    return TaskItem(n, s, e, ss, se)


def _items(text: str, bounds: Sequence[tuple[int, int]]) -> list[TaskItem]:
    out: list[TaskItem] = []
    for start, end in bounds:
        item = _item(text, len(out) + 1, start, end)
        if item is not None:
            out.append(item)
    return out


def _marked(text: str, marks: Sequence[tuple[int, int]], end: int) -> list[TaskItem]:
    """Items from markers (start, end of each marker) up to ``end``."""
    bounds = [
        (m_end, marks[i + 1][0] if i + 1 < len(marks) else end)
        for i, (_, m_end) in enumerate(marks)
    ]
    return _items(text, bounds)


def _sequence(found: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The run 1, 2, 3 … from the first 1 among (number, start, end) markers."""
    chosen: list[tuple[int, int]] = []
    expected = 1
    for number, start, end in found:
        if number == expected:
            chosen.append((start, end))
            expected += 1
    return chosen


def _paragraph_end(text: str, pos: int, limit: int) -> int:
    stop = text.find("\n", pos, limit)
    return limit if stop < 0 else stop


def _split_list(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """text[start:end] cut at the first of ``separators`` it holds."""
    body = text[start:end]
    for separator in separators:
        if separator in body:
            bounds, pos = [], start
            for piece in body.split(separator):
                bounds.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            return bounds
    return []


def _enumerations(
    text: str, sentence: int, at: int, lead_end: int, limit: int
) -> list[tuple[list[TaskItem], int]]:
    """Enumerations near an announcing phrase at ``at`` (its sentence: ``sentence``..
    ``lead_end``), each with a strength: numbered forms are surer than lists and sentences."""
    out: list[tuple[list[TaskItem], int]] = []
    para_end = _paragraph_end(text, lead_end, limit)
    # ①②…, 一是二是…, （1）（2）… within the paragraph or over the following ones
    inline = [
        ("circled", rf"([{_CIRCLED}])"),
        ("shi", rf"(?:(?<=[。；;：:！!\n ])|^)([{_CN}]{{1,3}})是"),
        ("paren", r"[（(](\d{1,2})[）)]"),
    ]
    for kind, pattern in inline:
        found = []
        for m in re.finditer(pattern, text[lead_end:limit], re.M):
            mark = m.group(1)
            number = _CIRCLED.index(mark) + 1 if kind == "circled" else _cn_number(mark)
            found.append((number, lead_end + m.start(), lead_end + m.end()))
        marks = _sequence(found)
        if len(marks) >= 3:
            out.append((_marked(text, marks, _paragraph_end(text, marks[-1][1], limit)), 3))
    # lines 1. / 1、 / 一、
    for pattern in (r"^[ \t\u3000]*(\d{1,2})[.．、](?!\d)", rf"^[ \t\u3000]*([{_CN}]{{1,3}})、"):
        found = [
            (_cn_number(m.group(1)), lead_end + m.start(), lead_end + m.end())
            for m in re.finditer(pattern, text[lead_end:limit], re.M)
        ]
        marks = _sequence(found)
        if len(marks) >= 3:
            out.append((_marked(text, marks, _paragraph_end(text, marks[-1][1], limit)), 3))
    # a list after a colon or 包括 in the announcing sentence: …：A；B；C。 / 包括A、B等项目
    opener = re.compile(r"[：:]|包括[：:]?")
    colon = opener.search(text, sentence, para_end)
    if colon:
        stop = text.find("。", colon.end(), para_end)
        body_end = para_end if stop < 0 else stop
        closing = re.search(r"等(?![^。]{0,4}、)", text[colon.end() : body_end])
        if closing:  # 包括A、B等项目，…: an open list ends at 等
            body_end = colon.end() + closing.start()
        bounds = _split_list(text, colon.end(), body_end, "；、，")
        if len(bounds) >= 2:
            out.append((_items(text, bounds), 2))
    # a list before the words: A、B、C等十件民生实事
    before = re.search(r"等(?:" + _NUMBER + r")", text[max(0, at - 12) : at])
    if before:
        list_end = max(0, at - 12) + before.start()
        clause_start = max(text.rfind(c, 0, list_end) for c in "。；：\n") + 1
        bounds = _split_list(text, clause_start, list_end, "、")
        if len(bounds) >= 3:
            first_start, first_end = bounds[0]
            lead = max(
                text.rfind(w, first_start, first_end) for w in ("的", "开展", "实施", "推进")
            )
            if lead >= 0 and first_end - lead > 3:
                cut = lead + (1 if text[lead] == "的" else 2)
                bounds[0] = (cut, first_end)
            out.append((_items(text, bounds), 2))
    # sentences after the announcing sentence, in its paragraph
    sentences = []
    pos = lead_end
    while pos < para_end:
        stop = text.find("。", pos, para_end)
        end = para_end if stop < 0 else stop + 1
        if text[pos:end].strip(" \t\n。"):
            sentences.append((pos, end))
        pos = end
    if sentences:
        # sentences that open alike (筹措…实施A。筹措…实施B。): one task each
        openers = Counter(text[s : s + 2] for s, _ in sentences)
        common, count = openers.most_common(1)[0]
        if count >= 3:
            alike = [(s, e) for s, e in sentences if text[s : s + 2] == common]
            out.append((_items(text, alike), 0))
        # a short lead sentence at the head of its paragraph (扎实办好民生实事。), then tasks
        # stated with their figures, one a sentence
        para_start = text.rfind("\n", 0, at) + 1
        counted = sum(
            bool(re.search(rf"[0-9]|[{_CN}两][个万千百项家所座条]", text[s:e]))
            for s, e in sentences
        )
        if (
            lead_end - para_start <= _rules()["max_lead"]
            and len(sentences) >= 3
            and 2 * counted >= len(sentences)
        ):
            out.append((_items(text, sentences), 1))
    return out


def find_tasks(
    text: str,
    scopes: Sequence[tuple[int, int]],
    appendices: Sequence[tuple[int, int]] = (),
    *,
    loose: bool = False,
) -> list[TaskItem]:
    """The livelihood tasks listed in ``scopes`` (the plan parts), or in one of ``appendices``
    as a numbered list of the length the plan announces; ``loose`` (a news summary): a
    numbered list with no words announcing it."""
    rules = _rules()
    anchors = re.compile("|".join(rules["anchors"]))
    count_re = re.compile(
        rf"({_NUMBER})(?:大类|类)?({_NUMBER})?(?:件|项|个|方面|大)[^。；\n]{{0,8}}$"
    )
    best: list[TaskItem] = []
    best_score = (-1, -1)
    announced_any: set[int] = set()
    for scope_start, scope_end in [*scopes, *appendices]:
        for anchor in anchors.finditer(text, scope_start, scope_end):
            at = anchor.start()
            stops = [text.rfind(c, scope_start, at) for c in "。！\n；"]
            sentence_start = max(scope_start, max(stops) + 1)
            lead_stop = re.search(r"[。！\n]", text[anchor.end() : scope_end])
            tail = len(text[anchor.end() : scope_end])
            lead_end = anchor.end() + (lead_stop.end() if lead_stop else tail)
            announced = None
            counted = count_re.search(text[sentence_start:at])
            if counted:
                announced = _cn_number(counted.group(2) or counted.group(1))
                announced_any.add(announced)
            limit = min(scope_end, at + rules["window"])
            for items, strength in _enumerations(text, sentence_start, at, lead_end, limit):
                if not items or items[0].start - anchor.end() > rules["max_gap"]:
                    continue
                matches = announced is not None and len(items) == announced
                if strength == 0 and not matches:
                    continue  # sentences that open alike are tasks only when they add up
                score = (int(matches), strength)
                if score > best_score or (score == best_score and len(items) > len(best)):
                    best, best_score = items, score
    if not best and loose:  # a news summary's list: ①…③ with no words announcing it
        for start, end in scopes:
            for items, strength in _enumerations(text, start, start, start, end):
                if strength == 3 and len(items) > len(best):
                    best = items
    if best_score[0] < 1:
        for start, end in appendices:  # 附件 with 一、…十、 and 办好10件惠民实事 in the plan
            for items, strength in _enumerations(text, start, start, start, end):
                if strength == 3 and len(items) in announced_any:
                    return items
    return best
