"""The parts of a report, typed: the review of the last year, a five-year review, five-year goals,
the year's plan, the government's own work, appendices.

Top-level headings are found by their form (``一、…`` in sequence, or a short line of its own
that names a part) and typed from their words (``2025年工作回顾``, ``“十五五”时期主要目标任务``,
``加强政府自身建设``); a heading whose words say nothing (``一年接着一年干…``) is typed from the
opening of its part, else it continues the part before. A heading naming two kinds
(``2025年工作和“十四五”发展回顾``) splits at the first paragraph that opens the second. A run of
``一、`` headings that starts again at one after the body is a list (an appendix), not parts.

A part's kind decides the time of the facts in it (:mod:`plangraph.extraction`): plan-year
targets, outcomes of the reviewed year, or figures of a five-year period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from plangraph.extraction.words import word_lists

__all__ = ["PART_KINDS", "Part", "find_parts", "five_year_period", "plan_year_from_headings"]

PART_KINDS = (
    "opening",
    "review",
    "five-year-review",
    "five-year-goals",
    "plan",
    "government",
    "appendix",
)

_CN = "一二三四五六七八九十"
_ORDINAL = re.compile(
    rf"^[ \t\u3000]*([{_CN}]{{1,3}})[、．][ \t\u3000]*([^\n]{{1,60}}?)[ \t\u3000]*$", re.M
)
_LINE = re.compile(r"^[ \t\u3000]*([^\n]{2,30}?)[ \t\u3000]*$", re.M)
_PERIOD = re.compile(r"十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年")
_YEAR = re.compile(r"((?:19|20)\d\d)[ \t]*年")
_END_PUNCT = "。：:；;，,！!？?、"


@dataclass
class Part:
    kind: str  # one of PART_KINDS
    start: int
    end: int
    heading: tuple[int, int] | None  # span of the heading's title, when the part has one
    period: tuple[int, int] | None = None  # first and last year, for the five-year kinds


def _cn_small(text: str) -> int:
    digits = {c: i + 1 for i, c in enumerate(_CN[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 0) * 10 + digits.get(ones, 0)
    return digits.get(text, 0)


def five_year_period(number: int) -> tuple[int, int]:
    """The years of the ``number``-th five-year plan (十四五 = 14 → 2021–2025)."""
    start = 2006 + 5 * (number - 11)
    return start, start + 4


@cache
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = word_lists()["structure"]
    return rules


def _has(words: list[str], text: str, year: int | None) -> int:
    """Position of the first of ``words`` in ``text`` (YEAR, LAST filled in), or -1."""
    best = -1
    for word in words:
        if "YEAR" in word or "LAST" in word:
            if year is None:
                continue
            word = word.replace("YEAR", str(year)).replace("LAST", str(year - 1))
        pos = text.find(word)
        if pos >= 0 and (best < 0 or pos < best):
            best = pos
    return best


def _fill(word: str, year: int | None, number: int | None) -> str | None:
    """A cue word with YEAR, LAST and N filled in, or None when it needs what is unknown."""
    if "N" in word:
        if number is None or not 11 <= number <= 19:
            return None
        word = word.replace("N", _CN[number - 11])
    if "YEAR" in word or "LAST" in word:
        if year is None:
            return None
        word = word.replace("YEAR", str(year)).replace("LAST", str(year - 1))
    return word


def _find(word: str, text: str) -> int:
    if "[" in word:
        match = re.search(word, text)
        return match.start() if match else -1
    return text.find(word)


def _paragraph_cue(kind: str, line: str, year: int | None, number: int | None) -> bool:
    """Whether a paragraph starting with ``line`` opens a part of ``kind`` (``number``: the
    five-year period it would be about)."""
    rules = _rules()
    head = line[:16]
    for raw in rules["paragraph"][kind.replace("-", "_")]:
        word = _fill(raw, year, number)
        if word is not None and _find(word, head) == 0:
            return True
    if kind == "five-year-goals" and number is not None:
        window = line[: rules["period_window"]]
        for raw in rules["period_mentions"]:
            word = _fill(raw, year, number)
            if word is not None and _find(word, window) >= 0:
                return True
    return False


def heading_kinds(title: str, year: int | None) -> list[tuple[str, int | None]]:
    """The part kinds a heading's words name, in the order they are named, each with its
    five-year period number (十四五 → 14) where it has one."""
    rules = _rules()["heading"]
    found: list[tuple[int, str, int | None]] = []
    for m in _PERIOD.finditer(title):
        number = 10 + _cn_small(m.group(1) or m.group(2))
        first, last = five_year_period(number)
        rest = title[m.end() :]
        review = _has(rules["achievements"] + rules["review"], rest, year) >= 0
        goals = (
            _has(rules["five_year_goals"], rest, year) >= 0
            or "规划" in title[m.end() : m.end() + 6]
        )
        if year is not None and last < year and review:
            found.append((m.start(), "five-year-review", number))
        elif year is not None and first >= year and goals:
            found.append((m.start(), "five-year-goals", number))
        elif year is None and (review or goals):
            found.append((m.start(), "five-year-review" if review else "five-year-goals", number))
    if "过去五年" in title:
        found.append((title.index("过去五年"), "five-year-review", None))
    for m in _YEAR.finditer(title):
        stated = int(m.group(1))
        if year is not None and stated == year:
            found.append((m.start(), "plan", None))
        elif year is not None and stated == year - 1:
            found.append((m.start(), "review", None))
    if not found:
        for kind, words in (
            ("appendix", rules["appendix"]),
            ("government", rules["government"]),
            ("review", rules["review"] + rules["achievements"]),
            ("plan", rules["plan"]),
        ):
            pos = _has(words, title, year)
            if pos >= 0:
                found.append((pos, kind, None))
                break
    elif _has(rules["government"], title, year) >= 0:
        found = [(0, "government", None)]
    kinds: list[tuple[str, int | None]] = []
    for _, kind, period in sorted(found):
        if not kinds or kinds[-1][0] != kind:
            kinds.append((kind, period))
    return kinds


def plan_year_from_headings(text: str, start: int) -> int | None:
    """The plan year as the body gives it: a plan heading's year, else the year after a review
    heading's (``一、2024年工作回顾`` → 2025), else the year after the one the review opens
    with (``刚刚过去的2024年``)."""
    rules = _rules()["heading"]
    plan_years, review_years = [], []
    heads, _ = _headings(text, start)
    for _, ts, te in heads:
        title = text[ts:te]
        for y in _YEAR.finditer(title):
            rest = title[y.end() :]
            if _has(rules["review"] + rules["achievements"], rest, None) >= 0:
                review_years.append(int(y.group(1)))
            elif _has(rules["plan"], rest, None) >= 0 or "工作" in rest:
                plan_years.append(int(y.group(1)))
    if plan_years:
        return plan_years[0]
    if review_years:
        return review_years[0] + 1
    opening = re.search(
        r"(?:刚刚过去的|过去的)((?:19|20)\d\d)年|^((?:19|20)\d\d)年是", text[start:], re.M
    )
    if opening:
        return int(opening.group(1) or opening.group(2)) + 1
    return None


def _headings(text: str, start: int) -> tuple[list[tuple[int, int, int]], int | None]:
    """Top-level headings after ``start`` as (line start, title start, title end), and where a
    numbered list that restarts at one begins (an appendix), if one does."""
    found: list[tuple[int, int, int]] = []
    expected, restart = 1, None
    for m in _ORDINAL.finditer(text, start):
        number = _cn_small(m.group(1))
        if not found and 1 < number <= 3:
            expected = number  # a text that starts inside a report (its review has no 一、)
        if number == expected:
            found.append(
                (
                    m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000")),
                    m.start(2),
                    m.end(2),
                )
            )
            expected += 1
        elif number == 1 and expected > 2:
            restart = m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000"))
            break
    rules = _rules()["heading"]
    cues = (
        rules["appendix"]
        if len(found) >= 2
        else [
            *rules["appendix"],
            *rules["review"],
            *rules["plan"],
            *rules["government"],
            "十四五",
            "十五五",
            "十三五",
        ]
    )
    # lines already taken as numbered headings (their title starts a character or two in)
    numbered_titles = {title_start for _, title_start, _ in found}

    def numbered_line(at: int) -> bool:
        return any(at + d in numbered_titles for d in range(-3, 4))

    for m in _LINE.finditer(text, start):
        line = m.group(1)
        if line[-1] in _END_PUNCT or line[0] in "（(一二三四五六七八九十①":
            continue
        if re.match(r"\d{1,2}[.、．]", line):
            continue
        if restart is not None and m.start() >= restart:
            break
        plain = [c for c in cues if "YEAR" not in c and "LAST" not in c]
        if any(c in line for c in plain) and not numbered_line(m.start(1)):
            found.append((m.start(1), m.start(1), m.end(1)))
    return sorted(found), restart


def _opening_kind(text: str, start: int, end: int, year: int | None) -> str | None:
    """A part's kind from its first paragraphs, when its heading's words say nothing."""
    rules = _rules()
    window = text[start : min(end, start + 400)]
    number = _period_number(year) if year is not None else None
    kinds = ["review", "plan"]
    if year is not None and _opens_period(year):
        kinds.insert(1, "five_year_goals")
    best: tuple[int, str] | None = None
    for kind in kinds:
        for raw in rules["paragraph"][kind]:
            word = _fill(raw, year, number)
            pos = -1 if word is None else _find(word, window)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, kind.replace("_", "-"))
    if year is not None and _opens_period(year):  # “十五五”时期是…: the coming period's goals
        for raw in rules["period_mentions"]:
            word = _fill(raw, year, number)
            pos = -1 if word is None else _find(word, window[: rules["period_window"]])
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, "five-year-goals")
    government = _has(rules["heading"]["government"], window, year)
    if government >= 0 and (best is None or government < best[0]):
        return "government"
    return best[1] if best else None


def _paragraph_starts(text: str, start: int, end: int) -> list[int]:
    starts = []
    for m in re.finditer(r"(?:^|\n)[ \t\u3000]*(?=\S)", text[start:end]):
        starts.append(start + m.end())
    return starts


def _split(text: str, part: Part, second: str, year: int | None, number: int | None) -> list[Part]:
    """``part`` cut where the first paragraph opening a part of kind ``second`` begins."""
    starts = _paragraph_starts(text, part.start, part.end)
    # the heading's own line and the paragraph under it are of the heading's kind
    for pos in starts[2 if part.heading else 1 :]:
        line = text[pos : text.find("\n", pos) if "\n" in text[pos : part.end] else part.end]
        if _paragraph_cue(second, line, year, number):
            return [
                Part(part.kind, part.start, pos, part.heading, part.period),
                Part(second, pos, part.end, None),
            ]
    return [part]


def find_parts(text: str, body_start: int, year: int | None) -> list[Part]:
    """The parts of a report body, in text order, covering ``text[body_start:]``."""
    heads, restart = _headings(text, body_start)
    end_of_body = restart if restart is not None else len(text)
    parts: list[Part] = []
    first = heads[0][0] if heads else end_of_body
    if first > body_start:
        parts.append(Part("opening", body_start, first, None))
    previous: str | None = None
    for i, (line_start, ts, te) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else end_of_body
        title = text[ts:te]
        kinds = heading_kinds(title, year)
        if not kinds:
            kind = _opening_kind(text, te, end, year) or (
                "plan"
                if previous in (None, "review", "five-year-review", "five-year-goals") and i > 0
                else previous or "review"
            )
            kinds = [(kind, None)]
        pieces = [Part(kinds[0][0], line_start, end, (ts, te))]
        for kind, number in kinds[1:]:
            pieces[-1:] = _split(text, pieces[-1], kind, year, number)
            if pieces[-1].kind == kind:
                pieces[-1].period = None
        parts.extend(pieces)
        previous = pieces[-1].kind
    if restart is not None:
        parts.append(Part("appendix", restart, len(text), None))
    # an opening long enough to hold the review (a review with no heading of its own)
    if parts and parts[0].kind == "opening":
        opening = parts[0]
        for pos in _paragraph_starts(text, opening.start, opening.end):
            line = text[pos : text.find("\n", pos)]
            if _paragraph_cue("review", line, year, None):
                parts[0:1] = [
                    Part("opening", opening.start, pos, None),
                    Part("review", pos, opening.end, None),
                ]
                break
    # reviews that turn between the last year and the five years, and goals that look back
    out: list[Part] = []
    for part in parts:
        out.extend(_switches(text, part, year))
    for i, part in enumerate(out):
        part.period = _part_period(text, part, year)
        if i and part.heading is None:  # a bare 各位代表！ line opens the part after it
            line_start = text.rfind("\n", 0, max(part.start - 1, 0)) + 1
            if line_start > out[i - 1].start and _ADDRESS.fullmatch(
                text[line_start : part.start].strip()
            ):
                out[i - 1].end = part.start = line_start
    return [p for p in out if p.end > p.start]


_ADDRESS = re.compile(r"^各位代表[！!，,：:]?[ \t\u3000]*")


def _review_kind(line: str, year: int | None) -> str | None:
    """Whether a paragraph of a review speaks of the last year or of the five years, by its
    first words and its first sentence; none when it only continues."""
    rules = _rules()["paragraph"]
    line = _ADDRESS.sub("", line)
    if not line:
        return None
    if any(line.startswith(w) for w in rules["review_first"]):
        return "review"
    sentence = re.split(r"[。！？]", line[:80], maxsplit=1)[0]
    if year is not None and re.search(
        rf"(五年|十[一二三四五六七八九]五)[^，,]{{0,20}}(特别是|尤其是)"
        rf"({year - 1}年|去年|过去一年)",
        sentence,
    ):
        return None  # 过去五年特别是2025年…: both at once, a closing word on the whole review
    if any(line.startswith(w) for w in ("五年来", "过去五年", "回顾“十", "回顾十")):
        return "five-year-review"
    if year is not None and _opens_period(year):
        number = _period_number(year - 1)
        marks = [f"十{_CN[number - 11]}五", "五年来", "过去五年", "这五年", "过去的五年", "的五年"]
        if any(m in sentence for m in marks):
            return "five-year-review"
    for raw in rules["review"]:
        word = _fill(raw, year, None)
        if word is not None and line.startswith(word):
            return "review"
    return None


def _switches(text: str, part: Part, year: int | None) -> list[Part]:
    """``part`` cut where its paragraphs turn from one review kind to the other (and, in
    five-year goals, where a paragraph looks back on the period before)."""
    if part.kind not in ("review", "five-year-review", "five-year-goals"):
        return [part]
    pieces = [part]
    current = part.kind
    pending: int | None = None  # a bare 各位代表！ line opens what follows it
    starts = _paragraph_starts(text, part.start, part.end)
    # the heading's own line and the paragraph under it are of the heading's kind
    for pos in starts[2 if part.heading else 1 :]:
        stop = text.find("\n", pos, part.end)
        line = text[pos : part.end if stop < 0 else stop].strip()
        if _ADDRESS.fullmatch(line):
            pending = pos
            continue
        at = pending if pending is not None else pos
        pending = None
        if current == "five-year-goals":
            kind = None
            if year is not None and _opens_period(year):
                number = _period_number(year - 1)
                if _ADDRESS.sub("", line).startswith(
                    (f"“十{_CN[number - 11]}五”时期", f"十{_CN[number - 11]}五时期")
                ):
                    kind = "five-year-review"
            if kind is None and pieces[-1].kind == "five-year-review":
                kind = (
                    "five-year-goals"
                    if _paragraph_cue(
                        "five-year-goals",
                        _ADDRESS.sub("", line),
                        year,
                        _period_number(year) if year else None,
                    )
                    or _ADDRESS.sub("", line).startswith(("“十", "十"))
                    else None
                )
        else:
            kind = _review_kind(line, year)
        if kind is not None and kind != pieces[-1].kind:
            last = pieces[-1]
            pieces[-1] = Part(last.kind, last.start, at, last.heading, last.period)
            pieces.append(Part(kind, at, last.end, None))
    return pieces


def _period_number(year: int) -> int:
    """The number of the five-year plan a year falls in (2025 → 14)."""
    return 11 + (year - 2006) // 5


def _opens_period(year: int) -> bool:
    return (year - 2006) % 5 == 0


def _part_period(text: str, part: Part, year: int | None) -> tuple[int, int] | None:
    if part.kind not in ("five-year-review", "five-year-goals"):
        return None
    title = text[part.heading[0] : part.heading[1]] if part.heading else ""
    window = title + text[part.start : min(part.end, part.start + 300)]
    numbers = [10 + _cn_small(m.group(1) or m.group(2)) for m in _PERIOD.finditer(window)]
    if year is None:
        return five_year_period(numbers[0]) if numbers else None
    review = part.kind == "five-year-review"
    if review and any(w in title for w in ("过去五年", "五年来")) and not _PERIOD.search(title):
        return year - 5, year - 1  # a government's term, not a plan period
    wanted = [n for n in numbers if (five_year_period(n)[1] < year) == review]
    if wanted:
        return five_year_period(wanted[0])
    return five_year_period(_period_number(year - 1 if review else year))
