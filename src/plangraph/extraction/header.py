"""Who issued a report, for which year, when and by whom: read from its header lines only.

A report's header is what comes before ``各位代表`` (or before its first part heading): a title
(``2026年安徽省政府工作报告``, or a bare ``政府工作报告``), a session line (``——2026年1月27日在
贵州省第十四届人民代表大会第四次会议上``, dates also in Chinese numerals), a speaker line
(``省长 李炳军``), and lines that are not the report's own (``来源：XX日报``, ``时间：…``, photo
captions), which are left out: a newspaper's name is not the issuer.

Each field found comes with the span it was read from, so that ``plangraph inspect`` can show
why. Places named in the body are never the issuer; when the header names none, the speech's own
self-references are used (``我代表北京市人民政府``, the thanks to ``驻晋部队`` and to those
``关心支持山西…建设``), and otherwise the report is national.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from plangraph.extraction.words import word_lists

__all__ = ["Field", "Header", "Issuer", "issuing_region", "read_header", "self_identification"]

_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_CN_SMALL = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
_DATE_ARABIC = re.compile(r"((?:19|20)\d\d)[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日")
_DATE_CHINESE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([十一二三四五六七八九]{1,3})月([十一二三四五六七八九]{1,4})日"
)
_YEAR = re.compile(r"((?:19|20)\d\d)[ \t]*年")
_SESSION = re.compile(
    r"在?(?P<where>[\u4e00-\u9fff]{0,16}?)(?P<session>第?[十一二三四五六七八九]{1,3}届"
    r"(?:全国)?人民代表大会(?:常务委员会)?第[十一二三四五六七八九]{1,3}次(?:全体)?会议)"
)
_SPEAKER_AFTER = re.compile(
    r"(?P<role>(?:代理|代)?(?:省长|市长|主席|总理|区长|州长|盟长|县长))"
    r"[ \t\u3000]*(?P<name>[\u4e00-\u9fff·][ \t\u3000]?[\u4e00-\u9fff·]{1,10}?)"
    r"(?=同志|作|在|的|[ \t\u3000]*$|[，。\n])",
    re.M,
)
_SPEAKER_BEFORE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,3})(?P<role>(?:代理|代)?(?:省长|市长|主席|总理))在"
)
_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@dataclass(frozen=True)
class Field:
    """A value read from the text, with the span (offsets into the text) it was read from."""

    value: str
    start: int
    end: int


@dataclass
class Header:
    end: int  # where the body starts (the 各 of 各位代表, or the first body line)
    title: Field | None = None
    kind: str = "report"  # report | summary | plan
    year: Field | None = None  # the plan year, from the title or the delivery date
    years: list[Field] = field(default_factory=list)  # every year the header states
    region: Field | None = None  # the issuer's name as the header gives it (resolved later)
    session: Field | None = None
    speaker: Field | None = None
    delivered: Field | None = None  # ISO date the report was delivered


@cache
def _header_words() -> dict[str, Any]:
    words: dict[str, Any] = word_lists()["header"]
    return words


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:end] as (start, end), stripped of spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s] in " \t\u3000#*—-―":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def header_end(text: str) -> int:
    """Where the body starts: the line ``各位代表``, else the first top-level part heading, else
    after the short lines that open the text."""
    words = _header_words()
    limit = min(len(text), 4000)
    for m in re.finditer(r"^[ \t\u3000]*各位代表[：:！!，,]?", text[:limit], re.M):
        return m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000"))
    pos = 0
    for s, e in _lines(text, 0, limit):
        if s > 0 and re.match(
            r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]", text[s:e]
        ):
            return s  # the first part or theme heading
        if e - s > words["max_line"]:
            return s if s > 0 else 0
        line = text[s:e]
        if s > 0 and line[-1] in "。！；" and not re.search(r"会议上|代表大会|工作报告", line):
            return s  # a sentence: the body has begun
        pos = e
    return pos


def _cn_small(part: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十七 → 27 (months and days)."""
    if "十" not in part:
        return _CN_SMALL.get(part, 0)
    tens, _, ones = part.partition("十")
    return (_CN_SMALL.get(tens, 0) if tens else 1) * 10 + _CN_SMALL.get(ones, 0)


def _chinese_date(match: re.Match[str]) -> tuple[int, int, int]:
    year = int("".join(_CN_YEAR_DIGITS[c] for c in match.group(1)))
    return year, _cn_small(match.group(2)), _cn_small(match.group(3))


def _is_foreign(line: str) -> bool:
    """A line that is not the report's own: a source, a time stamp, a byline, a caption."""
    words = _header_words()
    if any(line.startswith(w) for w in words["foreign_prefixes"]):
        return True
    if any(w in line for w in words["foreign_words"]):
        return True
    return bool(re.fullmatch(r"[\d\-:/ .]+", line))


def read_header(text: str) -> Header:
    """The header fields of a (folded) report text; every field optional, none guessed."""
    end = header_end(text)
    header = Header(end=end)
    lines = []
    for s, e in _lines(text, 0, end):
        if not _is_foreign(text[s:e]):
            lines.append((s, e))
        elif (date := _DATE_ARABIC.search(text, s, e)) is not None:
            lines.append((date.start(), e))  # 来源：…2025年1月17日在…会议上: the date on is ours
    if not lines:
        return header
    words = _header_words()
    # The title: the line naming the report; a title broken over two lines is joined.
    title_at = None
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        joined = line + (text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else "")
        if any(w in line for w in words["report_titles"]) and e - s <= words["max_title"]:
            title_at = (s, e)
            break
        if any(w in joined for w in words["report_titles"]) and e - s <= 8:
            title_at = (s, lines[i + 1][1])
            break
    if title_at is None:
        title_at = lines[0]
    ts, te = title_at
    title = text[ts:te]
    header.title = Field(title, ts, te)
    flat = re.sub(r"\s", "", title)
    if any(w in flat for w in words["plan_titles"]) and "工作报告" not in flat:
        header.kind = "plan"
    elif any(w in flat for w in words["report_titles"]):
        header.kind = "report"
    else:
        header.kind = "summary"
    # Years: the title's, and the delivery date's.
    title_year = _YEAR.search(text, ts, te)
    if title_year:
        header.years.append(Field(title_year.group(1), title_year.start(1), title_year.end(1)))
    for s, e in lines:
        date = _DATE_ARABIC.search(text, s, e)
        if date:
            y, mo, d = int(date.group(1)), int(date.group(2)), int(date.group(3))
        else:
            date = _DATE_CHINESE.search(text, s, e)
            if date is None:
                continue
            y, mo, d = _chinese_date(date)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            header.delivered = Field(f"{y:04d}-{mo:02d}-{d:02d}", date.start(), date.end())
            header.years.append(Field(str(y), date.start(), date.start() + 4))
            break
    if not header.years and header.kind == "summary":
        for s, e in lines[:4]:
            bare = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[s:e])
            if bare:
                header.years.append(Field(bare.group(1), s + bare.start(1), s + bare.end(1)))
                break
    if header.years:
        header.year = header.years[0]
    # The issuer: the title's place, else the session line's, else the speaker line's.
    header.region = _title_region(text, ts, te)
    for s, e in lines:
        session = _SESSION.search(text, s, e)
        if session:
            header.session = Field(
                session.group("session"), session.start("session"), session.end("session")
            )
            where = session.group("where")
            if "全国" in session.group("session"):
                where = "全国"
            where_start = session.start("where")
            cut = max(where.rfind("在"), where.rfind("日"))
            if cut >= 0:
                where, where_start = where[cut + 1 :], where_start + cut + 1
            if header.region is None and where:
                header.region = Field(where, where_start, where_start + len(where))
            break
    for s, e in lines:
        line = text[s:e]
        if header.delivered is not None and s <= header.delivered.start < e:
            a, b = header.delivered.start - s, header.delivered.end - s
            line = line[:a] + " " * (b - a) + line[b:]  # 15日龚正市长在: the name is not 日龚正
        speaker = _SPEAKER_AFTER.search(line) or _SPEAKER_BEFORE.search(line)
        if speaker:
            name = re.sub(r"[ \t\u3000]", "", speaker.group("name"))
            if name.endswith("作") or name.endswith("同志"):
                name = name.rstrip("作").removesuffix("同志")
            header.speaker = Field(name, s + speaker.start("name"), s + speaker.end("name"))
            if header.region is None:
                role_at = s + speaker.start("role")
                before = text[s:role_at]
                place = re.search(r"([\u4e00-\u9fff]{2,12}?)(?:人民政府)?$", before)
                if place and place.group(1) not in ("国务院",):
                    header.region = Field(place.group(1), s + place.start(1), s + place.end(1))
            break
    if header.speaker is None:  # 国务院总理 / 李　强: the role on a line, the name on the next
        for i, (s, e) in enumerate(lines):
            if re.search(r"(?:省长|市长|主席|总理)$", text[s:e]) and i + 1 < len(lines):
                ns, ne = lines[i + 1]
                name = re.sub(r"[ \t\u3000]", "", text[ns:ne])
                if _NAME_ONLY.match(name):
                    header.speaker = Field(name, ns, ne)
                    break
    if header.speaker is None:
        for s, e in lines:
            if (s, e) != title_at and _NAME_ONLY.match(text[s:e]):
                header.speaker = Field(text[s:e], s, e)
                break
    if header.region is None and header.kind == "summary":  # a news summary names its region
        header.region = _named_place(text, lines)
    return header


def _named_place(text: str, lines: list[tuple[int, int]]) -> Field | None:
    """The first province or prefecture named in a summary's opening lines."""
    from plangraph.vocab.gazetteer import gazetteer

    names = sorted(
        {
            n
            for p in gazetteer().places()
            if p.level != "county"
            for n in (p.name, p.short)
            if len(n) >= 2
        },
        key=len,
        reverse=True,
    )
    pattern = re.compile("|".join(map(re.escape, names)))
    for s, e in lines[:4]:
        found = pattern.search(text, s, e)
        if found:
            return Field(found.group(), found.start(), found.end())
    return None


def _title_region(text: str, start: int, end: int) -> Field | None:
    """``2026年广西壮族自治区政府工作报告`` → 广西壮族自治区; ``政府工作报告`` → none."""
    match = re.search(
        r"(?:(?:19|20)\d\d[ \t]*年)?[ \t]*([\u4e00-\u9fff]{2,16}?)(?:人民)?政府工作报告",
        text[start:end],
    )
    if match is None:
        return None
    name = match.group(1)
    return Field(name, start + match.start(1), start + match.end(1))


def self_identification(text: str, start: int, end: int) -> list[Field]:
    """Where the speech names its own government: ``我代表北京市人民政府``, ``我代表国务院``, and
    the thanks paragraph's ``驻晋部队`` / ``关心支持山西…建设``, in text order."""
    words = _header_words()
    found: list[Field] = []
    for m in re.finditer(
        r"我(?:谨)?代表([\u4e00-\u9fff]{2,16}?)(?:人民政府|政府|国务院)", text[start:end]
    ):
        found.append(Field(m.group(1), start + m.start(1), start + m.end(1)))
    for m in re.finditer(r"我(?:谨)?代表国务院", text[start:end]):
        found.append(Field("全国", start + m.start(), start + m.end()))
    for m in re.finditer(
        r"关心(?:和)?支持([\u4e00-\u9fff]{2,8}?)(?:现代化|高质量|经济社会|全面)?(?:发展|建设|振兴)"
        r"|为([\u4e00-\u9fff]{2,8}?)(?:建设|发展)(?:和(?:建设|发展))?作出(?:了)?贡献",
        text[start:end],
    ):
        group = 1 if m.group(1) else 2
        found.append(Field(m.group(group), start + m.start(group), start + m.end(group)))
    stations = "".join(words["abbreviations"])
    for m in re.finditer(
        rf"驻([{stations}])(?:部队|单位|官兵|人民解放军|解放军|中央单位|武警|中直单位)",
        text[start:end],
    ):
        found.append(Field(m.group(1), start + m.start(1), start + m.end(1)))
    return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class Issuer:
    """The issuing region as decided: its code (none: national), the span it was read from
    (none: nothing named it) and where that span is (title, session, speaker, speech)."""

    code: str | None
    evidence: Field | None
    source: str


def _resolve(name: str) -> str | None:
    """The code of a province or prefecture named ``name`` (full or short name), or of the one
    county-level division of that full name, else none."""
    from plangraph.vocab.gazetteer import gazetteer

    name = re.sub(r"(?:人民政府|人民|政府)$", "", name)
    if len(name) == 1:
        code = _header_words()["abbreviations"].get(name)
        return str(code) if code else None
    found = gazetteer().lookup(name)
    candidates = [p for p in found if p.level != "county"]
    provinces = [p for p in candidates if p.level == "province"]
    if len(provinces) == 1:
        return provinces[0].code
    if len(candidates) == 1:
        return candidates[0].code
    counties = [p for p in found if p.level == "county"]
    if not candidates and len(counties) == 1 and name.endswith(("市", "县", "区", "旗")):
        return counties[0].code  # a county's own report, by its full and only name (昆山市)
    return None


def issuing_region(text: str, header: Header) -> Issuer:
    """Who issued the report: the header's place (title, session line, speaker line); with
    none, the speech's own words of whom it speaks for (``我代表北京市人民政府``, in the thanks
    sentence ``驻晋部队``); otherwise national."""
    named = header.region
    if named is not None:
        if named.value == "全国":
            return Issuer(None, named, "header")
        code = _resolve(named.value)
        if code is not None:
            return Issuer(code, named, "header")
    if header.session is not None and "全国" in header.session.value:
        return Issuer(None, header.session, "header")
    # the sentence in which the speaker says whom they speak for, and the two after it (the
    # thanks often run on: …致以崇高的敬意！向驻黔人民解放军…)
    for sentence in re.finditer(
        r"[^。！？\n]*我(?:谨)?代表(?:[^。！？\n]*[。！？]){1,3}", text[header.end :]
    ):
        start = header.end + sentence.start()
        for found in self_identification(text, start, header.end + sentence.end()):
            if found.value == "全国":
                return Issuer(None, found, "speech")
            code = _resolve(found.value)
            if code is not None:
                return Issuer(code, found, "speech")
    return Issuer(None, None, "none")
