"""Document structure: header, parts (review / plan), keywords, livelihood tasks, clauses.

Works on the folded text (same length as the original, see :func:`plangraph.sources.text.fold`), so
every offset found here is an offset into the decoded source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Header", "Keyword", "TaskItem", "Part", "Structure", "parse_structure", "clauses"]

_CN_DIGITS = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 一、2024年工作回顾 — a top-level heading, alone on its line
_TOP = re.compile(rf"^[ \t]*([{_CN_DIGITS}]{{1,3}})、(.{{1,60}}?)[ \t]*$", re.M)
# （一）… — a numbered theme, a heading line or the lead sentence of a paragraph
_SUB = re.compile(rf"^[ \t#*-]*[（(]([{_CN_DIGITS}]{{1,3}})[）)][ \t]*(.+)$", re.M)
# 关键词 1 / ## 有效益的投资 — the news-summary form
_KEYWORD_N = re.compile(r"^[ \t#*]*关键词[ \t]*(\d{1,3})[ \t]*$", re.M)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*(.+?)[ \t]*$", re.M)
_CIRCLED_ITEM = re.compile(rf"^[ \t\-*]*([{_CIRCLED}])[ \t]*", re.M)
_SHI_ITEM = re.compile(rf"([{_CN_DIGITS}]{{1,3}})是")
_YEAR = re.compile(r"(20\d\d|19\d\d)[ \t]*年")
_YEAR_BARE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")

_REVIEW_WORDS = ("回顾", "过去一年", "过去五年", "工作总结")
_PLAN_WORDS = ("工作安排", "工作任务", "总体要求", "主要目标", "重点任务", "政策取向", "目标任务")


@dataclass
class Header:
    title: str
    title_start: int
    title_end: int
    year: int | None
    kind: str  # report | summary | plan
    region_names: list[str] = field(default_factory=list)  # names seen in the header lines


@dataclass
class Keyword:
    n: int
    label: str
    start: int  # span of the label in the text
    end: int
    body_start: int  # the text the keyword governs
    body_end: int
    part: str  # review | plan


@dataclass
class TaskItem:
    n: int
    start: int  # span of the whole item
    end: int
    label_start: int  # a short phrase naming it
    label_end: int


@dataclass
class Part:
    kind: str  # preamble | review | plan
    start: int
    end: int


@dataclass
class Structure:
    header: Header
    parts: list[Part]
    keywords: list[Keyword]
    tasks: list[TaskItem]

    def part_at(self, offset: int) -> str:
        for part in self.parts:
            if part.start <= offset < part.end:
                return part.kind
        return "plan"

    def keyword_at(self, offset: int) -> Keyword | None:
        best = None
        for kw in self.keywords:
            if kw.body_start <= offset < kw.body_end:
                best = kw
        return best


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十五 → 15, 二十 → 20 (enough for list numbers)."""
    digits = {c: i + 1 for i, c in enumerate(_CN_DIGITS[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 0) * 10 + digits.get(ones, 0)
    return digits.get(text, 0)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _header(text: str) -> Header:
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    nonblank = [(s, ln) for s, ln in lines if ln.strip().lstrip("#").strip()]
    if not nonblank:
        return Header("", 0, 0, None, "report")
    start, line = nonblank[0]
    stripped = line.strip().lstrip("#").strip()
    title_start = start + line.index(stripped)
    head = "\n".join(ln for _, ln in nonblank[:4])
    year_match = _YEAR.search(head) or _YEAR_BARE.search(head)
    year = int(year_match.group(1)) if year_match else None
    if "规划" in stripped and "工作报告" not in stripped:
        kind = "plan"
    elif stripped.endswith("政府工作报告") or stripped.startswith("政府工作报告"):
        kind = "report"
    else:
        kind = "summary"
    return Header(stripped, title_start, title_start + len(stripped), year, kind, [head])


def _parts(text: str) -> list[Part]:
    heads = list(_TOP.finditer(text))
    if not heads:
        return [Part("plan", 0, len(text))]
    parts = [Part("preamble", 0, heads[0].start())]
    seen_review = False
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        title = m.group(2)
        if any(w in title for w in _REVIEW_WORDS) and not seen_review:
            kind = "review"
            seen_review = True
        elif any(w in title for w in _PLAN_WORDS):
            kind = "plan"
        else:
            kind = "plan" if seen_review or i > 0 else "review"
        parts.append(Part(kind, m.start(), end))
    return parts


def _keyword_label(text: str, start: int, line_end: int) -> tuple[int, int]:
    """The label of a numbered theme: the heading line, or the lead sentence up to 。."""
    stop = text.find("。", start, line_end)
    end = line_end if stop < 0 else stop
    if end - start > 36:  # a long lead sentence: its first clause names the theme
        comma = text.find("，", start, end)
        if 0 < comma - start <= 36:
            end = comma
        else:
            end = start + 36
    while end > start and text[end - 1] in " \t。，；：":
        end -= 1
    return start, end


def _keywords(text: str, parts: list[Part]) -> list[Keyword]:
    found: list[tuple[int, int, int, str]] = []  # (label start, label end, anchor, kind)
    numbered = list(_KEYWORD_N.finditer(text))
    if numbered:
        for m in numbered:
            heading = _MD_HEADING.search(text, m.end())
            if heading is None:
                continue
            found.append((heading.start(1), heading.end(1), m.start(), "keyword"))
    else:
        for m in _SUB.finditer(text):
            _, line_end = _line_bounds(text, m.start())
            start, end = _keyword_label(text, m.start(2), line_end)
            if end > start:
                found.append((start, end, m.start(), "sub"))
        if not found:
            for m in _TOP.finditer(text):
                found.append((m.start(2), m.end(2), m.start(), "top"))
    keywords: list[Keyword] = []
    for i, (start, end, anchor, _) in enumerate(found):
        body_end = found[i + 1][2] if i + 1 < len(found) else len(text)
        # a theme ends where the next top-level part begins
        for part in parts:
            if anchor < part.start < body_end:
                body_end = part.start
        part_kind = next((p.kind for p in parts if p.start <= anchor < p.end), "plan")
        keywords.append(
            Keyword(
                n=i + 1,
                label=text[start:end],
                start=start,
                end=end,
                body_start=anchor,
                body_end=body_end,
                part="review" if part_kind == "review" else "plan",
            )
        )
    return keywords


def _short_label(text: str, start: int, end: int, limit: int = 20) -> tuple[int, int]:
    while start < end and text[start] in ' \t“”"':
        start += 1
    stop = _CLAUSE_END.search(text, start, end)
    label_end = stop.start() if stop else end
    label_end = min(label_end, start + limit)
    while label_end > start and text[label_end - 1] in " \t。，；、":
        label_end -= 1
    return start, label_end


def _tasks(text: str) -> list[TaskItem]:
    items: list[TaskItem] = []
    circled = list(_CIRCLED_ITEM.finditer(text))
    if len(circled) >= 3:
        for i, m in enumerate(circled):
            _, line_end = _line_bounds(text, m.start())
            end = circled[i + 1].start() if i + 1 < len(circled) else line_end
            end = min(end, line_end)
            label_start, label_end = _short_label(text, m.end(), end)
            items.append(
                TaskItem(_CIRCLED.index(m.group(1)) + 1, m.end(), end, label_start, label_end)
            )
        return items
    # 一是……二是…… in the paragraph that announces the livelihood tasks (民生实事)
    for anchor in re.finditer(r"民生实事", text):
        para_start, para_end = _line_bounds(text, anchor.start())
        markers = [
            m
            for m in _SHI_ITEM.finditer(text, anchor.end(), para_end)
            if m.start() == 0 or text[m.start() - 1] in "。；;：: \n"
        ]
        expected, chosen = 1, []
        for m in markers:
            if _cn_number(m.group(1)) == expected:
                chosen.append(m)
                expected += 1
        if len(chosen) >= 3:
            for i, m in enumerate(chosen):
                end = chosen[i + 1].start() if i + 1 < len(chosen) else para_end
                stop = text.find("。", m.end(), end)
                end = stop + 1 if stop >= 0 else end
                label_start, label_end = _short_label(text, m.end(), end)
                items.append(TaskItem(i + 1, m.start(), end, label_start, label_end))
            return items
    return items


def parse_structure(text: str) -> Structure:
    """Structure of a folded report text."""
    parts = _parts(text)
    return Structure(_header(text), parts, _keywords(text, parts), _tasks(text))


def clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence-level pieces of ``text[start:end]`` (split at 。；！？ and line breaks)."""
    pos = start
    while pos < end:
        m = _SENTENCE_END.search(text, pos, end)
        stop = m.end() if m else end
        piece_start, piece_end = pos, stop
        while piece_start < piece_end and text[piece_start] in " \t\r\n":
            piece_start += 1
        if piece_end > piece_start:
            yield piece_start, piece_end
        pos = stop
