"""Document structure: the header, the typed parts, the themes of the year's work (keywords),
the other headings (sections), the livelihood tasks, and clauses.

Works on the folded text (same length as the original, see :func:`plangraph.sources.text.fold`),
so every offset found here is an offset into the decoded source. Every pass is a regular
expression scan or a walk over the lines: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plangraph.extraction.header import Header, read_header
from plangraph.extraction.parts import Part, find_parts, plan_year_from_headings
from plangraph.extraction.tasks import TaskItem, find_tasks
from plangraph.extraction.words import word_lists

__all__ = [
    "Heading",
    "Part",
    "Structure",
    "TaskItem",
    "clauses",
    "parse_structure",
]

_CN_DIGITS = "一二三四五六七八九十"

# （一）… — a numbered theme, a heading line or the lead sentence of a paragraph
_SUB = re.compile(rf"^[ \t#*\-\u3000]*[（(]([{_CN_DIGITS}]{{1,3}})[）)][ \t]*(.+)$", re.M)
# 关键词 1 / ## 有效益的投资 — the news-summary form
_KEYWORD_N = re.compile(r"^[ \t#*]*关键词[ \t]*(\d{1,3})[ \t]*$", re.M)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*(.+?)[ \t]*$", re.M)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_MAX_LABEL = 36

# the kinds of part whose headings are the themes of the year's work
PLAN_KINDS = ("plan",)


@dataclass
class Heading:
    """A numbered heading inside a part: a theme of the plan (keyword) or a section elsewhere."""

    n: int
    label: str
    start: int  # span of the label in the text
    end: int
    body_start: int  # the text the heading governs
    body_end: int
    part: int  # index of its part in Structure.parts


@dataclass
class Structure:
    header: Header
    year: int | None  # the plan year: the header's, else from the part headings
    year_source: str  # "header", "headings" or "" (not found)
    parts: list[Part]
    keywords: list[Heading]  # themes of the year's work
    sections: list[Heading]  # headings of the other parts
    tasks: list[TaskItem]
    _starts: list[int] = field(default_factory=list, repr=False)
    _keyword_starts: list[int] = field(default_factory=list, repr=False)
    _task_starts: list[int] = field(default_factory=list, repr=False)

    def part_index(self, offset: int) -> int | None:
        """Index of the part holding ``offset`` (none in the header)."""
        import bisect

        if not self._starts:
            self._starts = [p.start for p in self.parts]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.parts[i].end:
            return i
        return None

    def part_at(self, offset: int) -> Part | None:
        i = self.part_index(offset)
        return None if i is None else self.parts[i]

    def keyword_at(self, offset: int) -> Heading | None:
        """The keyword whose body holds ``offset`` (bodies do not overlap; found by bisection,
        so a text with many headings stays linear)."""
        import bisect

        if len(self._keyword_starts) != len(self.keywords):
            self._keyword_starts = [kw.body_start for kw in self.keywords]
        i = bisect.bisect_right(self._keyword_starts, offset) - 1
        while i >= 0:
            kw = self.keywords[i]
            if kw.body_start <= offset < kw.body_end:
                return kw
            if kw.body_end <= offset:
                return None
            i -= 1
        return None

    def task_at(self, offset: int) -> TaskItem | None:
        """The livelihood task whose text holds ``offset``."""
        import bisect

        if len(self._task_starts) != len(self.tasks):
            self._task_starts = [t.start for t in self.tasks]
        i = bisect.bisect_right(self._task_starts, offset) - 1
        if i >= 0 and offset < self.tasks[i].end:
            return self.tasks[i]
        return None


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _label(text: str, start: int, line_end: int) -> tuple[int, int]:
    """The label of a numbered heading: the heading line, or the lead sentence up to 。."""
    stop = text.find("。", start, line_end)
    end = line_end if stop < 0 else stop
    if end - start > _MAX_LABEL:  # a long lead sentence: its first clause names the theme
        comma = text.find("，", start, end)
        end = comma if 0 < comma - start <= _MAX_LABEL else start + _MAX_LABEL
    while end > start and text[end - 1] in " \t。，；：":
        end -= 1
    return start, end


_SHI_LINE = re.compile(rf"^[ \t\u3000]*([{_CN_DIGITS}]{{1,3}})是([^。\n]{{2,40}})$", re.M)


def _requirements(text: str, part: Part) -> bool:
    """A plan part that states the year's requirements and targets, not its work."""
    if part.heading is None:
        return False
    title = text[part.heading[0] : part.heading[1]]
    words = word_lists()["structure"]
    return any(w in title for w in words["requirements"]) and not any(
        w in title for w in words["work"]
    )


def _numbered(text: str, part: Part) -> list[tuple[int, int, int]]:
    """（一）… headings of a part (label start, end, anchor); else 一是… heading lines."""
    found = []
    for m in _SUB.finditer(text, part.start, part.end):
        start, end = _label(text, m.start(2), _line_end(text, m.start(2)))
        if end > start:
            found.append((start, end, m.start()))
    if not found and part.kind in PLAN_KINDS:
        for m in _SHI_LINE.finditer(text, part.start, part.end):
            found.append(
                (m.start(2), m.end(2), m.start() + len(m.group()) - len(m.group().lstrip()))
            )
    return found


def _headings(text: str, parts: list[Part]) -> tuple[list[Heading], list[Heading]]:
    """Numbered headings of each part: keywords (the themes of the year's work) in the plan
    parts that hold the work, sections in the others."""
    keywords: list[Heading] = []
    sections: list[Heading] = []
    numbered = {
        i: _numbered(text, p) for i, p in enumerate(parts) if p.kind not in ("opening", "appendix")
    }
    work = [i for i, p in enumerate(parts) if p.kind in PLAN_KINDS and not _requirements(text, p)]
    themed = [i for i in work if numbered.get(i)]
    for index, found in numbered.items():
        part = parts[index]
        is_theme = index in themed or (not themed and part.kind in PLAN_KINDS)
        for i, (start, end, anchor) in enumerate(found):
            body_end = found[i + 1][2] if i + 1 < len(found) else part.end
            target = keywords if is_theme else sections
            target.append(
                Heading(len(target) + 1, text[start:end], start, end, anchor, body_end, index)
            )
    if not keywords and len(work) > 1:  # 三、…四、…五、: the year's work as top-level headings
        for index in work:
            part = parts[index]
            if part.heading is not None:
                start, end = part.heading
                keywords.append(
                    Heading(
                        len(keywords) + 1, text[start:end], start, end, part.start, part.end, index
                    )
                )
    keywords.sort(key=lambda k: k.start)
    for n, keyword in enumerate(keywords, 1):
        keyword.n = n
    return keywords, sections


def _summary_keywords(text: str, parts: list[Part]) -> list[Heading]:
    found = []
    for m in _KEYWORD_N.finditer(text):
        heading = _MD_HEADING.search(text, m.end())
        if heading is not None:
            found.append((heading.start(1), heading.end(1), m.start()))
    keywords = []
    for i, (start, end, anchor) in enumerate(found):
        body_end = found[i + 1][2] if i + 1 < len(found) else len(text)
        keywords.append(Heading(i + 1, text[start:end], start, end, anchor, body_end, 0))
    return keywords


def parse_structure(text: str, year: int | None = None) -> Structure:
    """Structure of a folded report text; ``year`` overrides the plan year read from it."""
    header = read_header(text)
    source = "given" if year is not None else ""
    if year is None and header.year is not None:
        year, source = int(header.year.value), "header"
    if year is None:
        year = plan_year_from_headings(text, header.end)
        source = "headings" if year is not None else ""
    if _KEYWORD_N.search(text):  # a news summary of the year's keywords: all of it is plan
        parts = [Part("plan", header.end, len(text), None)]
        keywords, sections = _summary_keywords(text, parts), list[Heading]()
    else:
        parts = find_parts(text, header.end, year)
        if not any(p.kind != "opening" for p in parts):
            parts = [Part("plan", header.end, len(text), None)]
        keywords, sections = _headings(text, parts)
    scopes = [(p.start, p.end) for p in parts if p.kind in ("plan", "government")]
    appendices = [(p.start, p.end) for p in parts if p.kind == "appendix"]
    tasks = find_tasks(text, scopes, appendices, loose=header.kind == "summary")
    return Structure(header, year, source, parts, keywords, sections, tasks)


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
