"""Places in a clause: coded divisions (from the gazetteer) and named areas, decided as words.

A gazetteer name found in the text is a place only when it stands as a word of its own: not
inside an organisation's name (宁德时代, 白银集团, 四川大学), not the head of a smaller place's or a
street's name (清水驿, 平凉路), not split across two words (均衡水平 holds 衡水). Names that run on
into a named area make that area instead (沈阳都市圈, 陇东地区, 鄱阳湖, 赣东北); named areas with
no division code (京津冀, 河西走廊, 东南亚) and the functional zones the statistical tables code
like divisions (兰州新区) are areas of their own kind. Neither is a name glued to a local product
(兰州百合), a train service or a heritage site (中亚图定班列, 三叠纪化石群) a place; a river with
its section in brackets is one (赤水河（云南省段）), and so are two places of the province named
nearby by their first characters (兰白一体化). Short names resolve within the document's province
first. Word lists: ``data/places.yaml`` (and the gazetteer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from plangraph._resources import read_data
from plangraph.extraction.words import word_lists
from plangraph.vocab.gazetteer import Place, gazetteer

__all__ = ["PlaceMatcher", "PlaceMention", "place_words"]

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    name: str  # the place's name: a division's full name, or the area's name as written
    code: str = ""  # the division's code; empty for a named area
    within: str | None = None  # a named area's enclosing division, when known


@cache
def place_words() -> dict[str, Any]:
    words: dict[str, Any] = read_data("places.yaml")
    return words


@cache
def _abbreviations() -> dict[str, str]:
    return {k: str(v) for k, v in word_lists()["header"]["abbreviations"].items()}


def _is_zone(place: Place) -> bool:
    """A functional zone the statistical tables code like a county (620171 兰州新区)."""
    return place.level == "county" and place.code[4] == "7"


class PlaceMatcher:
    """Place mentions by full or short name, resolved within the document's province."""

    def __init__(self, province: str | None) -> None:
        # the tables depend on the province only: built once per province (a tenth of the
        # extraction of a report otherwise)
        self.__dict__.update(_matcher_state(province))

    def _build(self, province: str | None) -> None:
        gz = gazetteer()
        lists = word_lists()["regions"]
        words = place_words()
        ambiguous = set(lists["ambiguous_short"])
        full_only = tuple(lists["full_name_only"])
        self.province = province
        self.areas: dict[str, str | None] = dict(words["named_areas"])
        self.abroad = set(words["abroad"])
        self.literary = {k: str(v) for k, v in words["literary_names"].items()}
        self.surfaces: dict[str, list[Place]] = {}
        for place in gz.places():
            in_province = province is not None and (
                place.code == province or any(a.code == province for a in gz.ancestors(place.code))
            )
            if place.level == "county" and not in_province:
                continue  # 平和县 in …水平和县城…: counties are matched in their own province only
            if _is_zone(place):
                self.areas.setdefault(place.name, place.parent)
                continue
            names = {place.name}
            # short names where they cannot be mistaken for words or for a namesake elsewhere
            if len(place.short) >= 2 and place.short not in ambiguous:
                if not any(w in place.name for w in full_only):
                    names.add(place.short)
            for name in names:
                if name in ambiguous and name != place.name:
                    continue
                self.surfaces.setdefault(name, []).append(place)
        if province is not None:
            self._prefecture_short_forms(province)
        self.collocations = set(words["collocations"])
        self.names = set(self.surfaces) | set(self.areas) | self.abroad | set(self.literary)
        self.names |= self.collocations
        self._prefixes = {name[:k] for name in self.names for k in range(1, len(name) + 1)}
        first_chars = sorted({name[0] for name in self.names})
        self._first = re.compile("[" + "".join(map(re.escape, first_chars)) + "]")
        abbr = "".join(_abbreviations())
        compass = "|".join(sorted(words["compass"], key=len, reverse=True))
        self._compass = re.compile(rf"(大?)([{abbr}])({compass})(?:部)?")
        self._area_suffix = re.compile(
            "|".join(map(re.escape, sorted(words["area_suffixes"], key=len, reverse=True)))
        )
        self._feature = re.compile(
            "|".join(map(re.escape, sorted(words["feature_suffixes"], key=len, reverse=True)))
        )
        organisations = "|".join(map(re.escape, words["organisation_suffixes"]))
        reach = int(words["organisation_reach"])
        self._organisation = re.compile(rf"[\u4e00-\u9fff]{{0,{reach}}}?(?:{organisations})")
        clear = "".join(c for c in abbr if c not in words["ambiguous_abbreviations"])
        verbs = "".join(words["abbreviation_verbs"])
        self._pair = re.compile(rf"[{abbr}台澳港]{{2,4}}")
        self._after_verb = re.compile(rf"(?<=[{verbs}])[{clear}](?![\u4e00-\u9fff]?[州市县区])")
        self._aid = re.compile(rf"援([{abbr}])援([{abbr}])")
        chains = "|".join(map(re.escape, sorted(words["chain_suffixes"], key=len, reverse=True)))
        self._chain = re.compile(rf"[{abbr}]{{2,5}}(?:{chains})")
        heads = {p.short[0] for p in gz.places() if p.level != "county"} | set(abbr)
        opens = "|".join(map(re.escape, sorted(words["open_area_suffixes"], key=len, reverse=True)))
        self._open_area = re.compile(rf"[{''.join(sorted(heads))}]{{2,4}}(?:{opens})")
        provinces = "|".join(p.short for p in gz.places() if p.level == "province")
        self._province_part = re.compile(rf"(?:{provinces})(?:东|西|南|北|中)部")
        products = "|".join(sorted(words["product_words"], key=len, reverse=True))
        self._product = re.compile(
            rf"(?:{products})|[{words['product_chars']}](?=[、，,。；;等和及与”）)]|$)"
        )
        nouns = "".join(words["abbreviation_nouns"])
        self._abbr_noun = re.compile(rf"[{clear}](?=[{nouns}])")
        rivers = "".join(words["section_heads"])
        self._section = re.compile(
            rf"(?:(?<=^)|(?<=[、，,；;。：:“\n]))[\u4e00-\u9fff]{{1,4}}?[{rivers}]"
            r"[（(][^（）()]{1,8}段[）)]"
        )
        self._pair_heads = self._city_heads(province)
        chars = re.escape("".join(sorted(self._pair_heads))) or "^$"
        self._pair_run = re.compile(rf"(?=[{chars}][{chars}])" if self._pair_heads else "(?!)")

    def _prefecture_short_forms(self, province: str) -> None:
        """An autonomous prefecture of the province by its first character and 州 (博州 for
        博尔塔拉蒙古自治州), when that is no other name and no common word."""
        gz = gazetteer()
        tags = _word_tags()
        for place in gz.places():
            if place.level != "prefecture" or place.parent != province:
                continue
            if "自治州" not in place.name:
                continue
            short = place.name[0] + "州"
            if short in self.surfaces or tags.get(short, "ns") != "ns":
                continue
            self.surfaces[short] = [place]

    @staticmethod
    def _city_heads(province: str | None) -> dict[str, tuple[str, ...]]:
        """First character → the province's prefectures and counties named with it (for pairs
        of first characters naming two places as one area: 兰白, 沈大)."""
        if province is None:
            return {}
        gz = gazetteer()
        heads: dict[str, set[str]] = {}
        for place in gz.places():
            if place.level == "province" or len(place.short) < 2:
                continue
            if not any(a.code == province for a in gz.ancestors(place.code)):
                continue
            heads.setdefault(place.short[0], set()).add(place.short)
        return {c: tuple(sorted(names)) for c, names in heads.items()}

    def resolve(self, name: str) -> Place | None:
        candidates = self.surfaces.get(name) or []
        if len(candidates) == 1:
            return candidates[0]
        if self.province:
            gz = gazetteer()
            inside = [
                p
                for p in candidates
                if p.code == self.province
                or any(a.code == self.province for a in gz.ancestors(p.code))
            ]
            if len(inside) == 1:
                return inside[0]
        higher = [p for p in candidates if p.level != "county"]
        return higher[0] if len(higher) == 1 else None

    def find(self, text: str, start: int, end: int) -> list[PlaceMention]:
        """Place mentions in ``text[start:end]``, longest match first, left to right."""
        found: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []

        def add(mention: PlaceMention) -> None:
            if not any(mention.start < e and s < mention.end for s, e in taken):
                taken.append((mention.start, mention.end))
                found.append(mention)

        sections = self._sections(text, start, end)
        for run in [
            *sections,
            *self._runs(text, start, end),
            *self._compass_areas(text, start, end),
        ]:
            add(run)
        pos = start
        while pos < end:
            first = self._first.search(text, pos, end)  # the next character a name starts with
            if first is None:
                break
            pos = first.start()
            if any(s <= pos < e for s, e in taken):
                pos += 1
                continue
            mention = self._at(text, pos, end)
            if mention is None:
                pos += 1
                continue
            if mention.name:
                add(mention)
            else:  # a name here that is no place: skip past it
                taken.append((mention.start, mention.end))
            pos = max(pos + 1, mention.end)
        for mention in self._pairs(text, start, end):
            add(mention)
        for mention in self._abbreviated(text, start, end, taken):
            add(mention)
        return sorted(found, key=lambda m: m.start)

    def _sections(self, text: str, start: int, end: int) -> list[PlaceMention]:
        """A river or lake with its section in brackets (赤水河（云南省段）): one named place,
        the division in the brackets only says which part."""
        return [
            PlaceMention(m.start(), m.end(), m.group())
            for m in self._section.finditer(text, start, end)
        ]

    def _pairs(self, text: str, start: int, end: int) -> list[PlaceMention]:
        """Two places of the province named as one area by their first characters (兰白一体化,
        沈大“双核”): both places are named nearby, and the pair is no word and part of none."""
        heads = self._pair_heads
        out: list[PlaceMention] = []
        if not heads:
            return out
        words = _dictionary_words()
        for m in self._pair_run.finditer(text, start, end):
            i = m.start()
            a, b = text[i], text[i + 1]
            if a == b or a not in heads or b not in heads:
                continue
            if text[i - 1 : i] in heads or text[i + 2 : i + 3] in heads:
                continue  # 荆襄宜十: a longer run of names, not a pair
            pair = a + b
            if pair in self.names or pair in words or text[i - 1 : i + 1] in words:
                continue
            if text[i + 1 : i + 3] in words or self._split_word(text, i, i + 2):
                continue
            around = text[max(0, i - 200) : i] + "|" + text[i + 2 : i + 200]
            named_a = [n for n in heads[a] if n in around and n[1] != b]
            named_b = [n for n in heads[b] if n in around]
            if named_a and named_b:
                out.append(PlaceMention(i, i + 2, pair))
        return out

    def _at(self, text: str, pos: int, end: int) -> PlaceMention | None:
        """The longest name starting at ``pos``, decided in its context (an empty mention:
        a name here that is no place, skip past it)."""
        words = place_words()
        for size in self._sizes(text, pos, end):
            name = text[pos : pos + size]
            stop = pos + size
            after = text[stop:end]
            if name in self.collocations:
                return PlaceMention(pos, stop, "")  # 真金白银, 宁德时代
            if _in_slogan(text, pos, stop):
                return PlaceMention(pos, stop, "")  # “多彩贵州欢乐购”, “云南礼物”: a brand
            if any(after.startswith(w) for w in words["not_followed_by"].get(name, ())):
                return PlaceMention(pos, stop, "")  # a name, no place
            needs = words["needs_after"].get(name)
            if needs is not None and not any(after.startswith(w) for w in needs):
                return PlaceMention(pos, stop, "")  # 西部 alone: a direction, no region
            if pos > 0 and text[pos - 1] in "".join(words["not_after"].get(name, ())):
                return PlaceMention(pos, stop, "")  # 东西部协作
            if self._organisation.match(after) and not self._area_suffix.match(after):
                return PlaceMention(pos, stop, "")  # 宁德时代, 四川大学: an organisation
            if name not in self.areas and self._product.match(after):
                return PlaceMention(pos, stop, "")  # 兰州百合, 鞍山岫玉: a local product
            grown = self._grow(text, pos, stop, end)
            if grown is not None:
                return grown
            if name in self.literary:
                return PlaceMention(pos, stop, name, self.literary[name])
            if name in self.areas or name in self.abroad:
                return PlaceMention(pos, stop, name, within=self.areas.get(name))
            place = self.resolve(name)
            if place is None:
                continue
            if after[:1] == "州" and place.name.endswith("州") and name != place.name:
                return PlaceMention(pos, stop + 1, place.name, place.code)  # 大理州
            town = after[:1] and after[0] in words["smaller_place_chars"]
            if town and place.level == "province" and after[0] in "乡村镇":
                town = False  # 台湾乡建团队, 贵州乡村: no town is named after a province
            if name != place.name and town:
                return PlaceMention(pos, stop, "")  # 清水驿, 平凉路: a smaller place's name
            if self._split_word(text, pos, stop):
                continue
            return PlaceMention(pos, stop, place.name, place.code)
        return None

    def _grow(self, text: str, pos: int, stop: int, end: int) -> PlaceMention | None:
        """A name running on into a named area (沈阳都市圈) or a natural feature (鄱阳湖); a
        division followed by 地区 stays the division (台湾地区)."""
        suffix = self._area_suffix.match(text, stop, end) or self._feature.match(text, stop, end)
        if suffix is None:
            return None
        if suffix.group() in ("地区", "片区") and self.resolve(text[pos:stop]) is not None:
            return None
        if suffix.group() in place_words()["feature_suffixes"] and text[pos:stop] in self.areas:
            return None  # 长江 is a named area already; 长江流域 is matched whole
        return PlaceMention(pos, suffix.end(), text[pos : suffix.end()])

    def _split_word(self, text: str, pos: int, stop: int) -> bool:
        """A name that straddles two words (均衡水平: 均衡 + 水平 hold 衡水) or lies inside a
        longer word that does not start with it (金白银 holds 白银)."""
        words = _dictionary_words()
        if stop - pos == 2 and 0 < pos and stop < len(text):
            if text[pos - 1 : pos + 1] in words and text[pos + 1 : stop + 1] in words:
                return True
        for begin in range(max(0, pos - 2), pos):
            for finish in range(stop, min(len(text), begin + 4) + 1):
                if finish - begin >= 3 and text[begin:finish] in words:
                    return True
        return False

    def _compass_areas(self, text: str, start: int, end: int) -> list[PlaceMention]:
        """湘南, 赣东北, 辽西地区, 大湘西: a part of a province by its one-character name."""
        ambiguous = set(place_words()["ambiguous_abbreviations"])
        out = []
        for m in self._compass.finditer(text, start, end):
            if m.group(2) in ambiguous:
                continue
            if self._inside_name(text, m.start()):
                continue  # 南京北站: 京北 is read out of 南京
            stop = m.end()
            suffix = self._area_suffix.match(text, stop, end)
            if suffix is not None:
                stop = suffix.end()
            name = text[m.start() : stop]
            whole = text[m.start() : m.end()]
            paired = bool(self._compass.match(text, stop, min(end, stop + 3)))
            previous = m.start() > start and self._compass.match(text, max(start, m.start() - 2))
            context = bool(m.group(1) or suffix or len(m.group(3)) > 1 or paired or previous)
            if whole in self.collocations or (whole in self.names and not context):
                continue  # 京东; 陕西, 晋中, 湘西 alone: names the main scan reads
            out.append(PlaceMention(m.start(), stop, name, within=_abbreviations()[m.group(2)]))
        return out

    def _inside_name(self, text: str, pos: int) -> bool:
        """Whether a place's name of two or three characters runs across ``pos``."""
        return any(
            text[pos - back : pos - back + size] in self.surfaces
            for size in (2, 3)
            for back in range(1, size)
            if pos - back >= 0
        )

    def _runs(self, text: str, start: int, end: int) -> list[PlaceMention]:
        """Areas named by a run of names: 厦漳泉都市圈, 湘鄂渝黔毗邻地区, 江西南部."""
        out: list[PlaceMention] = []
        for pattern in (self._chain, self._open_area, self._province_part):
            for m in pattern.finditer(text, start, end):
                if any(m.start() < o.end and o.start < m.end() for o in out):
                    continue
                head = self._longest_name(text, m.start(), m.end())
                if head is not None and head.end == m.end():
                    continue  # a known name as a whole (长江经济带): the main scan has it
                later = (
                    self._longest_name(text, i, m.end()) for i in range(m.start() + 1, m.end())
                )
                if any(n is not None and n.end == m.end() for n in later):
                    continue  # 和长江经济带: a known name after a word, not a run of names
                out.append(PlaceMention(m.start(), m.end(), m.group()))
        return out

    def _sizes(self, text: str, pos: int, end: int) -> list[int]:
        """The lengths of the names (two characters or more) that start at ``pos`` and end by
        ``end``, longest first: read along the text while it is the start of some name."""
        sizes = []
        size = 1
        while pos + size <= end:
            piece = text[pos : pos + size]
            if piece not in self._prefixes:
                break
            if size >= 2 and piece in self.names:
                sizes.append(size)
            size += 1
        return sizes[::-1]

    def _longest_name(self, text: str, pos: int, end: int) -> PlaceMention | None:
        sizes = self._sizes(text, pos, end)
        if not sizes:
            return None
        return PlaceMention(pos, pos + sizes[0], text[pos : pos + sizes[0]])

    def _abbreviated(
        self, text: str, start: int, end: int, taken: list[tuple[int, int]]
    ) -> list[PlaceMention]:
        """One-character names: 闽台, 援藏援疆, 入黔. ``taken``: the longer names found."""
        abbr = _abbreviations()
        out = []
        for m in self._aid.finditer(text, start, end):
            for group in (1, 2):
                out.append(
                    PlaceMention(m.start(group), m.end(group), m.group(group), abbr[m.group(group)])
                )
        lists = place_words()
        ambiguous = set(lists["ambiguous_abbreviations"])
        own_only = set(lists["own_report_abbreviations"])
        codes = {**abbr, "台": "710000", "港": "810000", "澳": "820000"}
        for m in self._pair.finditer(text, start, end):
            chars = m.group()
            if chars in self.names or any(c not in abbr and c not in "台澳港" for c in chars):
                continue
            if all(c in ambiguous for c in chars):
                continue  # 新青: two common characters, no names
            # a character of a longer name (江苏 of 江苏新实践) pairs with nothing
            free = [
                i for i in range(len(chars)) if not any(s <= m.start() + i < e for s, e in taken)
            ]
            for i in free:
                c = chars[i]
                if c in ambiguous or c in own_only:
                    # a common character (新 new, 宁, 青) is its province in a pair only in a
                    # report of that province or, unless it is 新, of its partner's (闽宁, 闽台;
                    # not 沪宁, 在津新设, 创新浙江)
                    partners = {codes[chars[j]] for j in free if j != i}
                    if c in own_only:
                        partners = set()
                    if self.province not in {codes[c], *partners}:
                        continue
                out.append(PlaceMention(m.start() + i, m.start() + i + 1, c, codes[c]))
        words = _dictionary_words()
        for m in self._abbr_noun.finditer(text, start, end):
            if (
                text[max(0, m.start() - 1) : m.end()] in words
                or text[m.end() + 1 : m.end() + 2] == "通"
            ):
                continue  # 皖企通: an app's name
            if not self._organisation.match(text, m.end() + 1):  # 闽企出海; not 闽商大会
                out.append(PlaceMention(m.start(), m.end(), m.group(), abbr[m.group()]))
        for m in self._after_verb.finditer(text, start, end):
            if not _in_slogan(text, m.start(), m.end()):  # “甘味出陇”: a slogan
                out.append(PlaceMention(m.start(), m.end(), m.group(), abbr[m.group()]))
        return out


@cache
def _matcher_state(province: str | None) -> dict[str, Any]:
    matcher = PlaceMatcher.__new__(PlaceMatcher)
    matcher._build(province)
    return dict(matcher.__dict__)


def _in_slogan(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits inside “…” together with other words (a slogan, a
    brand, an event: “投资福建”, “云南方案”), not quoted alone (“兰州”)."""
    opening = text.rfind("“", max(0, start - 12), start + 1)
    if opening < 0 or "”" in text[opening:start]:
        return False
    closing = text.find("”", end, end + 12)
    return closing >= 0 and (opening + 1, closing) != (start, end)


def _dictionary_words() -> frozenset[str]:
    from plangraph.extraction.lexicon import words

    return words()


def _word_tags() -> dict[str, str]:
    from plangraph.extraction.lexicon import word_tags

    return word_tags()
