"""Named projects in a clause, typed: works, company projects, programmes and zones.

A name ends with a head word of its kind (铁路, 水库, 医院, 数据中心; 经开区, 产业园; 行动, 工程)
and may run on (三期, 改扩建, 兰武段); it starts after punctuation, a verb or a function word.
Names in a list that share their head each get it whole (兰合、平庆和西成铁路 → 兰合铁路,
平庆铁路, 西成铁路; A、B等高速公路), and so do names in quotes before a head (“千万工程”).
Generic categories (重大工程, 新能源基地), counts of a kind (50个城镇社区养老工程) and clauses
are not names, and neither is a work named only by common words (综合货运枢纽, 能源大数据中心:
jieba's word list decides), nor a list's item of common words before a shared head
(算力、城市更新等…项目), unless the head is that of a work named after its place (观音、宣威等水库).
Some names are common words all the same: a coined name the word list splits into
characters (六横佛渡…泊位群), a part of the country's or the province's one facility of a
field (西部商业航天港, 省民族博物馆), a campaign named by a place (川种振兴三年攻坚行动).
A zone named only by industries, fields and kinds of zone is a kind (化工、汽车零配件等产业集群,
国际合作园区), and a campaign of two fields joined by 和 is one (城市更新和安全韧性提升行动).
Word lists: ``data/projects.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from plangraph._resources import read_data
from plangraph.extraction.words import any_word
from plangraph.vocab.names import normalise_name
from plangraph.vocab.schemes import industries

__all__ = ["ProjectMention", "find_projects", "project_words"]

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·（）()]")
_QUOTED = re.compile(r"“([^“”\n]{1,24})”")
# a plant's yearly capacity at the start of its name (400万吨/年煤制油)
_CAPACITY = re.compile(r"(?<![0-9.])[0-9][0-9.×]*[万亿]?[\u4e00-\u9fff]{1,3}/年")
# …and a count after a name of projects: 承接京津冀项目232个 counts projects of a kind
_COUNT_AFTER = re.compile(r"[0-9]+(?:\.[0-9]+)?[个项]")
_STOP = "，,；;。：:！？!?\n《》"
_LIST = "、和及与"
# 等 (N个) and a few words right before a head: the items before 等 share it
_SHARED = re.compile(
    r"(?:等\s*(?:[0-9一二三四五六七八九十]+\s*[个条座项处])?|(?<=[\u4e00-\u9fff])[0-9一二三四五六七八九十]+"
    r"\s*[个条座项处])\s*“?([\u4e00-\u9fff]{0,8})$"
)
# …unless those words name who or what, not the kind of project (等龙头企业贵州项目)
_NOT_SHARED = re.compile(r"企业|单位|机构|主体|行业|领域|群体|人员|地区|城市|活动|资金|的")


@dataclass(frozen=True)
class ProjectMention:
    start: int  # the span in the text (for a list's item, the item alone)
    end: int
    name: str  # the whole name, normalised (a list's item with the shared head)
    kind: str  # works | company | programme | zone


@cache
def project_words() -> dict[str, Any]:
    words: dict[str, Any] = read_data("projects.yaml")
    return words


@cache
def _rules() -> dict[str, Any]:
    words = project_words()
    kind_of = {}
    for kind in ("programme", "company", "zone", "works"):  # works last: it wins a tie
        for head in words["heads"][kind]:
            kind_of[head] = kind
    heads = sorted(kind_of, key=len, reverse=True)
    extensions = sorted(words["extensions"], key=len, reverse=True)
    return {
        "kind_of": kind_of,
        "head_re": re.compile(any_word(heads)),
        "extension_re": re.compile(any_word(extensions)),
        "cues": tuple(sorted(words["left_cues"], key=len, reverse=True)),
        "cue_re": re.compile(any_word(words["left_cues"])),
        "generic": set(words["generic"]),
        "generic_prefixes": tuple(words["generic_prefixes"]),
        "weak": set(words["weak"]),
        "built": tuple(words["built_words"]),
        "not_names": [re.compile(p) for p in words["not_names"]],
        "segment_max": int(words["segment_max"]),
        "weak_stem": int(words["weak_stem"]),
        "followers": tuple(words["followers"]),
        "tail_verbs": tuple(words["tail_verbs"]),
        "local_heads": frozenset(words["local_name_heads"]),
        "common_words": frozenset(words["common_words"]),
        "zone_words": frozenset(words["zone_words"]),
        "designation_heads": frozenset(words["designation_heads"]),
        "pilot_heads": frozenset(words["pilot_heads"]),
        "programme_words": tuple(words["programme_words"]),
        "toponym_chars": str(words["toponym_chars"]),
        "field_heads": frozenset(words["field_heads"]),
        "own_heads": tuple(words["own_heads"]),
        "breakers": tuple(words["list_breakers"]),
        "level_heads": frozenset(words["level_heads"]),
        "level_only": frozenset(words["level_only_heads"]),
        "diversion_re": re.compile(f"引[{words['diversion_rivers']}]"),
        "tail_re": re.compile(rf"[\u4e00-\u9fff]{{1,{int(words['tail_max'])}}}?(?:工程|项目)"),
    }


def _extend(text: str, end: int, hi: int) -> int:
    """Past what may follow a head within a name: 三期, 改扩建, 兰武段 …"""
    rules = _rules()
    while end < hi:
        ext = rules["extension_re"].match(text, end, hi)
        if ext is not None:
            end = ext.end()
            continue
        line = re.match(r"[0-9A-Z]{1,3}号?线", text[end:hi])
        if line is not None:  # 地铁2号线, 轨道交通S1线
            end += line.end()
            continue
        named = _NAMED_LINE.match(text, end, hi)
        if named is not None and text.endswith(_NETWORKS, 0, end) and named.group() not in _NO_LINE:
            end = named.end()  # 轨道交通资阳线: a line of the network, named by its places
            continue
        segment = re.match(
            rf"[\u4e00-\u9fff]{{1,{rules['segment_max']}}}?(?:段|分院|院区|校区)", text[end:hi]
        )
        if (
            segment is not None
            and not any(c in segment.group() for c in _LIST + "等")
            and not rules["cue_re"].search(segment.group())
        ):
            end += segment.end()
            continue
        paren = re.match(r"（[^（）]{1,8}段）", text[end:hi])
        if paren is not None:
            end += paren.end()
            continue
        break
    return end


def _tail(text: str, end: int, hi: int) -> int:
    """A work's name may run on to a 工程 or 项目 a few words later (…枢纽优化提升工程)."""
    rules = _rules()
    tail = rules["tail_re"].match(text, end, hi)
    if tail is None:
        return end
    words = tail.group()
    for verb in rules["tail_verbs"]:
        words = words.replace(verb, "")
    if "等" in tail.group() or rules["cue_re"].search(words):
        return end  # …机场等项目: a list's head, no name's tail
    return _extend(text, tail.end(), hi)


@cache
def _proper_names() -> tuple[frozenset[str], frozenset[str]]:
    """Names of places (two characters or more) and provinces' one-character names."""
    from plangraph.extraction.places import place_words
    from plangraph.extraction.words import word_lists
    from plangraph.vocab.gazetteer import gazetteer

    names = frozenset(n for p in gazetteer().places() for n in (p.name, p.short) if len(n) >= 2)
    ambiguous = set(place_words()["ambiguous_abbreviations"])
    chars = frozenset(c for c in word_lists()["header"]["abbreviations"] if c not in ambiguous)
    return names, chars


def _has_proper_name(stem: str) -> bool:
    """Whether ``stem`` holds a place's name, a province's one-character name, or Latin letters
    or digits: a name holding one is specific (陇电入鲁工程, 衡阳绿色盐碱基地)."""
    names, chars = _proper_names()
    if any(c in chars or c.isascii() and c.isalnum() for c in stem):
        return True
    return any(
        stem[i : i + size] in names for size in (2, 3, 4, 5) for i in range(len(stem) - size + 1)
    )


def _names_place(stem: str) -> bool:
    """Whether a word of ``stem`` is a place's name as the word list reads it (川种振兴, 杭州湾
    海域, 人才兴陇), not a common word that is also a county's (兴边富民, 提质惠民)."""
    from plangraph.extraction.lexicon import tag_words

    names, chars = _proper_names()
    for word, tag in tag_words(normalise_name(stem)):
        if tag not in ("ns", "j"):
            continue
        if word in chars or any(word[:size] in names for size in (2, 3, 4)):
            return True
    return False


_CONCRETE = ("works", "company")
# what a quoted formula or slogan holds and a name does not: numbered parts (四纵三横, 一干两支),
# figures alone (1313), a list or a sum (甲乙、丙丁; 产业集群+物流枢纽), a count (六个…)
_FORMULA = re.compile(
    r"^[一二三四五六七八九十两][\u4e00-\u9fff]{1,2}[一二三四五六七八九十两]|^[0-9]+$|[、+＋]"
    r"|^[一二三四五六七八九十两0-9]+[个座家条项批所]"
)
_FIRST = re.compile("首[个座家条批]")
_NAMED_LINE = re.compile("[\u4e00-\u9fff]{1,3}?线")
_NETWORKS = ("轨道交通", "地铁", "轻轨", "城际铁路", "市域铁路", "市郊铁路", "（郊）铁路")
_NO_LINE = frozenset({"沿线", "干线", "专线", "全线", "一线", "二线", "支线", "主线", "生产线"})
_NUMERAL = re.compile("[一二三四五六七八九十两百千]")
# a part of the country named by its quarters (中西部, 东北部, 西部): no place of one work
_PART = re.compile("[东南西北中]{1,3}部")
# …and such a part before a field: the one facility of that part of the country for the field
_REGION_FIELD = re.compile("[东南西北中]{1,2}部(?=[\u4e00-\u9fff]{2})")
# the tags of characters that join or qualify words and start no name (与, 的, 各, 上)
# the province's own (省, 自治区, 全省), not its cities' and counties' nor a rank (省级, 省市县)
_LEVEL = re.compile("^(?:全省|省|自治区)(?![市县内会际级外直属域])")
_CJK = re.compile("[\u4e00-\u9fff]+")
_FUNCTION_TAGS = frozenset({"p", "c", "u", "d", "r", "f", "q", "uj", "ul", "ad", "a"})
_FIRM_AFTER = ("集团", "公司", "有限", "股份", "号")
_NOT_NOUN = ("v", "vn", "a", "ad", "b", "d", "m")
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng", "x"})
_PROPER_CHAR_TAGS = frozenset({"ns", "nr", "nrt", "ng", "zg", "j", "x"})
_VERBAL = frozenset({"v", "vn", "vd", "d", "p", "ad", "a"})
_CLAUSE_TAGS = frozenset({"v", "vd", "d", "p", "ad", "a"})


def _plain(stem: str) -> bool:
    """Whether ``stem`` is only common words (综合货运, 能源大数据, 省创新): what comes before a
    work's head then names a kind of facility, not one facility. A stem of two or three
    characters that holds no word is an abbreviation of names (中老, 兰合, 永清广), not plain."""
    from plangraph.extraction.lexicon import tag_words

    if not stem or any(not ("\u4e00" <= c <= "\u9fff") for c in stem):
        return False
    stem = re.sub("(?:大中|中小|大|中|小)型$", "", stem)  # 景腊大型灌区: the name is 景腊
    if not stem or stem.endswith("型") or stem in _rules()["common_words"]:
        return True  # 大中型灌区, 链主型、基地型项目, 港航枢纽: sizes and kinds of projects
    if _PART.fullmatch(stem) or industries().resolve(stem) is not None:
        return True  # 中西部铁路, 煤电机组, 房地产项目: parts of the country and industries
    if _has_proper_name(stem):
        return False
    national = stem.find("国家")
    if national > 0:  # 稀土国家技术创新中心: one national facility of its field
        rest = re.sub("国家|技术|重点|级|综合|物流|骨干", "", stem)
        if len(rest) >= 2:
            return False
    if _rules()["diversion_re"].search(stem):
        return False  # 中部引黄: a water diversion, named by its river
    tokens = tag_words(stem)
    if all(tag == "m" for _, tag in tokens) and _NUMERAL.search(stem):
        return False  # 三个一号旅游公路: a numbered name (not 更多…, 三大…, 全年…)
    if len(stem) >= 3 and len(tokens[-1][0]) == 1 and stem[-1] in _rules()["toponym_chars"]:
        return False  # 橄榄坝, 茨哈峡: a place named by a landform
    if _coined(tokens, 3):
        return False  # 六横佛渡千万级集装箱泊位群: a name no word list knows, then its field
    region = _REGION_FIELD.match(stem)
    if region is not None and _field(stem[region.end() :]):
        return False  # 西部商业航天港: the one facility of a part of the country for a field
    if len(tokens) > 1 and tokens[0][1] == "v" and _plain(stem[len(tokens[0][0]) :]):
        return True  # 强化房地产项目: a verb and a kind of project
    heads = _name_heads()
    if len(tokens) > 2 and all(
        len(w) == 1 and w in heads and t not in ("n", "v", "vn") for w, t in tokens[:2]
    ):
        return False  # 中越准轨铁路: a name abbreviated from two places'
    if len(stem) <= 3 and all(len(word) == 1 for word, _ in tokens):
        # characters that are no verb, or start a place's name: 兰合, 中老, 本桓 (not 大抓)
        if all(tag != "v" or word in _name_heads() for word, tag in tokens):
            return False
    common = _rules()["common_words"]
    return all(
        word in common or tag not in (_PROPER_TAGS if len(word) > 1 else _PROPER_CHAR_TAGS)
        for word, tag in tokens
    )


def _field(words: str) -> bool:
    """Whether ``words`` name a field of work (商业航天), not a kind of land (山区, 沿海地区)."""
    from plangraph.extraction.lexicon import tag_words

    common = _rules()["common_words"]
    return "地区" not in words and not any(w in common for w, _ in tag_words(words))


def _named_item(item: str) -> bool:
    """Whether a list's item is a name by its own words, its head set aside (温福高铁: 温福;
    衢州先导智能), not a kind (绿色智算中心) nor a numbered line (18号线)."""
    heads = [h for h in _rules()["head_re"].finditer(item) if h.end() == len(item)]
    stem = item[: heads[0].start()] if heads else item
    return _CJK.fullmatch(stem) is not None and not _plain(stem)


def _coined(tokens: list[tuple[str, str]], least: int) -> bool:
    """Whether a stem opens with ``least`` or more characters that the word list splits one by
    one and that are no function words, then goes on with words (六横佛渡 千万 级 集装箱; 追觅
    机器人): a coined name, a firm's or a small place's, before the field it names."""
    run = 0
    while run < len(tokens) and len(tokens[run][0]) == 1:
        run += 1
    if run < least or run == len(tokens) or not any(len(w) > 1 for w, _ in tokens[run:]):
        return False
    lead = tokens[:run]
    if any(tag in _FUNCTION_TAGS or not _CJK.fullmatch(w) for w, tag in lead):
        return False
    return sum(1 for _, tag in lead if tag == "m") < 2  # 三横, 一轴: numbered parts


def _verbs_before_place(stem: str) -> int:
    """How many characters of verbs lead ``stem`` before a place's name (投用临沂费县 → 2),
    0 when none do, or a water diversion is named so (引黄济宁)."""
    from plangraph.extraction.lexicon import tag_words

    names, _ = _proper_names()
    if _rules()["diversion_re"].match(stem):
        return 0
    for pos in range(2, min(len(stem) - 1, 5)):
        if any(stem[pos : pos + size] in names for size in (2, 3)):
            lead = tag_words(stem[:pos])
            if lead and lead[0][1] in ("v", "vn") and all(t in _VERBAL for _, t in lead):
                return pos
            return 0
    return 0


def _verb_last(stem: str) -> bool:
    from plangraph.extraction.lexicon import tag_words

    tokens = tag_words(stem)
    return bool(tokens) and tokens[-1][1] == "v"


def _plain_item(item: str, head: str) -> bool:
    """Whether a list's item is only common words (算力, 5G, 城市更新): it then names a kind,
    and sharing a work's head does not make it a name. Before the head of a work named after
    its locality (水库, 水电站), one word is a name (观音、宣威等水库, 长征、长江国家文化公园)."""
    from plangraph.extraction.lexicon import tag_words

    chinese = re.sub(r"[^\u4e00-\u9fff]", "", item)
    if not chinese:
        return True
    if not _plain(chinese):
        return False
    tokens = tag_words(chinese)
    return head not in _rules()["local_heads"] or len(tokens) > 1 or tokens[0][1] in _NOT_NOUN


# tags of words that qualify or act and name nothing (融合, 高端, 夜间, 沿边, 一体化)
_QUALIFYING = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "m", "b", "f", "t", "s", "q"})


def _kind_of_zone(stem: str) -> bool:
    """Whether the words before a zone's head name a kind of zone, not one zone: industries,
    fields and qualifiers (汽车零配件, 银发经济, 国际合作, 美丽, 升级一批星级), with no place's
    name (as the word list reads it), no coined name, no Latin letters or digits (天府中央,
    海丝中央, 湘琼 and 中德 name one)."""
    from plangraph.extraction.industries import find_industries
    from plangraph.extraction.lexicon import tag_words

    if _CJK.fullmatch(stem) is None or _names_place(stem):
        return False
    covered = [False] * len(stem)
    for m in find_industries(stem, 0, len(stem)):
        covered[m.start : m.end] = [True] * (m.end - m.start)
    tokens = tag_words(stem)
    if len(stem) <= 3 and all(len(w) == 1 for w, _ in tokens):
        return False  # 湘琼, 中德: names abbreviated from two places'
    if _coined(tokens, 3):
        return False
    words = _rules()["zone_words"] | _rules()["common_words"]
    at, kinds = 0, 0
    for word, tag in tokens:
        industry = all(covered[at : at + len(word)])
        at += len(word)
        kinds += industry or word in words
        if not (industry or word in words or tag in _QUALIFYING or tag in _FUNCTION_TAGS):
            return False
    return kinds > 0  # qualifiers alone say no kind (安大二期, 两岸融合发展)


def _zone_kind_item(item: str, head: str) -> bool:
    """Whether a list's item before a zone's head names a kind: an industry or field
    (化工、汽车零配件等产业集群: common words, :func:`_plain_item`, holding an industry) or a
    kind of zone (:func:`_kind_of_zone`)."""
    from plangraph.extraction.industries import find_industries
    from plangraph.extraction.lexicon import tag_words

    if _kind_of_zone(normalise_name(item)):
        return True
    if not _plain_item(item, head):
        return False
    # one common noun (零部件) or words holding an industry (汽车零配件), not 安大二期
    return len(tag_words(normalise_name(item))) == 1 or bool(find_industries(item, 0, len(item)))


@cache
def _name_heads() -> frozenset[str]:
    """First characters of places' names and provinces' one-character names: what the
    characters of an abbreviated name (兰合, 中老, 本桓) are."""
    from plangraph.vocab.gazetteer import gazetteer

    names, chars = _proper_names()
    return frozenset(p.short[0] for p in gazetteer().places() if p.short) | chars


def _runs_on(text: str, stop: int, hi: int) -> bool:
    """Whether the name's last character and what follows make one word (高速飞车 has no
    such word, but 铁路局 has): the head is then part of a longer word."""
    from plangraph.extraction.lexicon import words as common_words

    words = common_words()
    return any(text[stop - 1 : stop + size] in words for size in (1, 2) if stop + size <= hi)


@cache
def _cues_by_first() -> dict[str, tuple[str, ...]]:
    """The cue words that end a name's left edge, by their first character."""
    found: dict[str, list[str]] = {}
    for cue in _rules()["cues"]:
        if cue:
            found.setdefault(cue[0], []).append(cue)
    return {first: tuple(cues) for first, cues in found.items()}


_LONGEST = 16  # the most characters of a name before its head


def _long_run_edge(text: str, lo: int, left: int, head_start: int) -> int:
    """Where a name set by the length limit really starts: ``left`` when punctuation, a
    separator, a cue or a word ends right before it; the end of a cue that runs over it
    (获批|国家…); the end of the last head inside the run (…重点工程|隆泸叙铁路); else -1
    (新一轮|土地…, 实施|大湘西…: the run is cut inside a word)."""
    if head_start - left < _LONGEST or left <= lo:
        return left
    before = text[left - 1]
    if before in _STOP + _LIST + "、“”\"'的" or not _NAME_CHAR.match(before):
        return left
    cues = _rules()["cues"]
    if text.endswith(cues, lo, left):
        return left
    for cue in cues:  # longest first
        at = text.rfind(cue, max(lo, left - len(cue) + 1), left + len(cue) - 1)
        if 0 <= at < left < at + len(cue) < head_start:
            return at + len(cue)
    # …or when words meet there: one ends right before it and another starts at it, and no
    # word runs over it (纳入|国家, not 全域|纳入 read from 域 nor 新一轮|土地 from 轮)
    words = _words()
    ends = any(text[left - k : left] in words for k in (2, 3, 4) if left - k >= lo)
    starts = any(text[left : left + k] in words for k in (2, 3, 4))
    spans = ((left - 1, left + 1), (left - 2, left + 1), (left - 1, left + 2))
    over = any(text[a:b] in words for a, b in spans if a >= lo)
    if ends and starts and not over:
        return left
    # …or after a work's head inside the run, when a line named by its places' first characters
    # follows (西线主通道重点工程|隆泸叙铁路)
    rules = _rules()
    inner = [
        h.end() for h in rules["head_re"].finditer(text, left, head_start) if len(h.group()) > 1
    ]
    if not inner or head_start - inner[-1] < 2:
        return -1
    stem = text[inner[-1] : head_start]
    return inner[-1] if _initials(stem) else -1


def _initials(stem: str) -> bool:
    """Whether ``stem`` is a line's name made of its places' first characters (隆泸叙, 成达万):
    two to four characters the word list knows only one by one."""
    from plangraph.extraction.lexicon import tag_words

    tokens = tag_words(stem)
    return (
        2 <= len(stem) <= 4
        and _CJK.fullmatch(stem) is not None
        and all(len(w) == 1 and tag not in _FUNCTION_TAGS for w, tag in tokens)
    )


def _left_edge(text: str, lo: int, head_start: int, limit: int = _LONGEST) -> int:
    """Where a name ending at ``head_start`` begins: after punctuation, a list separator, 的,
    or the last cue word inside the run."""
    rules = _rules()
    start = head_start
    while start > lo and head_start - start < limit:
        char = text[start - 1]
        if char in _STOP or char in "、“”\"'的" or not _NAME_CHAR.match(char):
            dash = char == "—" and text[start - 2 : start - 1] not in ("—", "")
            if not dash or text[start : start + 1] == "—":
                break  # A—B铁路 runs on over a dash (not over ——)
        start -= 1
    best = start
    cues = _cues_by_first()
    covered = start  # where the last cue ended
    for pos in range(start, head_start):
        for cue in cues.get(text[pos], ()):
            edge = pos + len(cue)
            if edge > head_start or not text.startswith(cue, pos):
                continue
            if pos < covered and _splits_place(text, covered, edge):
                continue  # 创建成都: 建成 inside 创建 would cut 成都 (not so 持续建好)
            covered = max(covered, edge)
            # a cue right before the head counts only when it opens the run (完善铁路: the head
            # alone, no name); inside a name it is part of it (保险保障工程)
            if best < edge < head_start or (edge == head_start and pos == start):
                best = edge
    # a conjunction before the name ends the name before it (A和B铁路: B's name is B铁路),
    # unless it is part of a word (协和医院) or what follows it starts with a head (…和医院)
    from plangraph.extraction.lexicon import words as common_words

    words = common_words()
    for joint in "和及与":
        pos = text.rfind(joint, best, head_start)
        if pos < 0 or pos + 1 > head_start:
            continue
        if pos + 1 == head_start and not rules["head_re"].fullmatch(
            text, head_start, head_start + 3
        ):
            continue  # 协和医院: 和 before a short head may be a name's; 战略和综保区 is a list
        if text[pos - 1 : pos + 1] in words or text[pos : pos + 2] in words:
            continue
        if rules["head_re"].match(text, pos + 1, head_start):
            continue
        best = max(best, pos + 1)
    return best


def _splits_place(text: str, at: int, cut: int) -> bool:
    """Whether a place's name starts at ``at`` and runs past ``cut``."""
    names, _ = _proper_names()
    return any(text[at : at + size] in names for size in (2, 3, 4) if at + size > cut)


def _ends_well(text: str, end: int, hi: int) -> bool:
    if end >= hi or text[end] in _STOP + ' \t“”"、（(［[':  # ［6］: a note's number
        return True
    return text.startswith(_rules()["followers"], end)


def _kind(name: str, head: str) -> str:
    rules = _rules()
    kind: str = rules["kind_of"][head]
    if kind in ("programme", "company") and head in ("工程", "项目"):
        stem = name[: len(name) - len(head)]
        if any(w in stem for w in rules["programme_words"]):
            return "programme"  # 中职学校提质培优工程: a programme for schools
        if any(w in stem for w in rules["built"]):
            return "works"
    return kind


def _generic(name: str, head: str) -> bool:
    rules = _rules()
    capacity = _CAPACITY.match(name)
    if capacity is not None:
        name = name[capacity.end() :]
    if name in rules["generic"] or len(name) <= len(head) + 1:
        return True
    if name.startswith(rules["generic_prefixes"]) and not _provinces_own(name, head):
        return True
    return any(p.search(name) for p in rules["not_names"])


def _provinces_own(name: str, head: str) -> bool:
    """Whether ``name`` is the province's one facility of a field (省民族博物馆, 全省一体化数据
    平台): its level, a field and a head a province has one of per field."""
    level = _LEVEL.match(name)
    if level is None or head not in _rules()["level_heads"] or head not in name:
        return False
    field = name[level.end() : name.find(head)]
    generic = field.startswith(_rules()["generic_prefixes"])  # 全省公共图书馆: every one
    return len(field) >= 2 and _field(field) and not generic


def _ends_with_head(item: str) -> bool:
    """Whether a list's item is a name with a head of its own (兰合铁路, 隆黄铁路…段扩能改造)
    or starts with a bare head (铁路和威宁), not one that only holds a head inside
    (北海铁山港20万吨级散货泊位)."""
    rules = _rules()
    if item.startswith(tuple(rules["kind_of"])):
        return True
    return any(
        _extend(item, head.end(), len(item)) == len(item)
        for head in rules["head_re"].finditer(item)
    )


def _generic_item(item: str) -> bool:
    """A list's item that is no name whatever head it shares: 一批…, 我区首个…."""
    rules = _rules()
    return item.startswith(rules["generic_prefixes"]) or bool(_FIRST.search(item))


def _counted(text: str, start: int) -> bool:
    """``50 个城镇社区养老工程``: a count of a kind of thing, not one named project."""
    before = text[max(0, start - 4) : start].rstrip()
    return bool(
        re.search(r"[\d一二三四五六七八九十百千万两]\s*[个座家项条处所批]$", before)
    ) or bool(re.search(r"[\d]\s*$", before))


def _list_items(text: str, lo: int, name_start: int) -> list[tuple[int, int]]:
    """The items of a list that ends with the name at ``name_start`` (A、B和C铁路 → A, B),
    each short and without a verb; none when the list is no list of names."""
    rules = _rules()
    items: list[tuple[int, int]] = []
    pos = name_start
    while pos > lo and text[pos - 1] in _LIST:
        end = pos - 1
        start = end
        while start > lo and text[start - 1] not in _STOP + _LIST + "“”" and end - start < 10:
            start -= 1
        cut = max(
            (
                text.rfind(c, start, end) + len(c)
                for c in rules["cues"]
                if text.rfind(c, start, end) >= 0
            ),
            default=start,
        )
        if cut > start:  # 加快兰合、平庆…: the first item starts after the clause's verb
            if end - cut >= 2:
                items.append((cut, end))
            break
        item = text[start:end]
        if not item or len(item) > 9:
            break
        items.append((start, end))
        pos = start
    return list(reversed(items))


def find_projects(text: str, start: int, end: int) -> list[ProjectMention]:
    """Named projects in ``text[start:end]`` (one sentence), in text order."""
    from plangraph.extraction.lexicon import tag_words

    rules = _rules()
    found: list[ProjectMention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, name: str, kind: str) -> None:
        if e - s < 2 or any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(ProjectMention(s, e, normalise_name(name), kind))

    # “一泓清水入黄河”工程, “千万工程”: the quoted name, with the head that follows it
    for m in _QUOTED.finditer(text, start, end):
        inner = m.group(1)
        if _counted(text, m.start()):
            continue  # 建成102个“美丽街区”: a count of a kind
        formula = _FORMULA.search(inner) is not None  # 四纵三横, 1313, A+B: no work's name
        head = rules["head_re"].match(text, m.end(), min(end, m.end() + 8))
        if head is not None and head.group() in rules["level_only"]:
            head = None  # “某某”平台: a platform is named only as a province's own
        if head is not None and head.start() == m.end():
            if len(head.group()) == 1 and _verb_last(inner):
                continue  # “爱国者治港”: a verb and its object
            name = inner + head.group()
            slogan = re.fullmatch(r"[一二三四五六七八九十两百千万]+[\u4e00-\u9fff]{1,2}", inner)
            if inner not in rules["generic"] and len(inner) >= 2 and slogan is None:
                # a quoted name before 工程 or 项目 names a programme (“一泓清水入黄河”工程)
                quoted_generic = head.group() in ("项目", "工程")
                kind = "programme" if quoted_generic else _kind(name, head.group())
                if kind in _CONCRETE:
                    # a work's name runs on over its extensions and further works' heads
                    # (“甲电入乙”特高压输电通道) and must end there
                    stop = _extend(text, head.end(), end)
                    while (more := rules["head_re"].match(text, stop, end)) is not None:
                        if rules["kind_of"][more.group()] != "works":
                            break
                        stop = _extend(text, more.end(), end)
                    if formula or not _ends_well(text, stop, end):
                        taken.append((m.start(1), m.end(1)))
                        continue  # “四纵三横”高速公路网, “某某”医院试点: no work's name
                    name = inner + text[m.end() : stop]
                add(m.start(1), m.end(1), name, kind)
        else:
            inner_head = rules["head_re"].search(inner)
            if inner_head is not None and len(inner_head.group()) == 1:
                if _verb_last(inner[: inner_head.start()]):
                    continue  # “爱国者治港”: a verb and its object
            if inner_head is not None and inner_head.end() == len(inner) and len(inner) >= 3:
                if inner not in rules["generic"] and not _generic(inner, inner_head.group()):
                    word = inner_head.group()
                    # “某某工程”, “某某项目” inside quotes name programmes, like those after them
                    kind = "programme" if word in ("项目", "工程") else _kind(inner, word)
                    stem = normalise_name(inner[: inner_head.start()])
                    if kind in _CONCRETE and (formula or _plain(stem)):
                        taken.append((m.start(1), m.end(1)))
                        continue  # “口袋公园”, “六个现代化灌区”: kinds of facility, quoted
                    add(m.start(1), m.end(1), inner, kind)
    candidates: list[tuple[int, int, str, str, list[tuple[int, int]], int]] = []
    for head in rules["head_re"].finditer(text, start, end):
        word, pos = head.group(), head.start()
        if word in rules["level_only"]:
            left = _left_edge(text, start, pos)
            if not _provinces_own(text[left : head.end()], word):
                continue  # 中试平台, 开放平台: platforms of a kind
        stop = _extend(text, head.end(), end)
        if rules["kind_of"][word] == "works":
            stop = _tail(text, stop, end)
        shared = _SHARED.search(text[start:pos])
        listed = shared is not None and (
            text[start + shared.start()] == "等"
            or _counted_list(text, start, start + shared.start())
        )
        if shared is not None and listed and not _NOT_SHARED.search(shared.group(1)):
            # A、B等(N个)重大产业项目 / A、B等高速公路 / A、B、C 3条高速公路: the items before
            # 等 or the count share the head, unless a one-character head runs on into a word
            # or is followed by more than a follower (等7个港航项目), or what stands between
            # opens another phrase (等向南港集聚)
            one_char = len(word) == 1 and (
                _runs_on(text, head.end(), end) or not _ends_well(text, head.end(), end)
            )  # 等7个港航项目: 港 begins a word the word list lacks
            if _opens_clause(shared.group(1)) or one_char:
                continue
            deng = start + shared.start()
            listed_items = [
                (s + _verbs_before_place(text[s:e]), e) for s, e in _before_deng(text, start, deng)
            ]
            # a list that names works or places (温福高铁、衢州先导智能、…等项目) names its
            # other items too, even those the word list reads as common words (追觅机器人)
            of_names = any(_named_item(normalise_name(text[s:e])) for s, e in listed_items)
            for s, e in listed_items:
                item = text[s:e]
                platform_of = normalise_name(item[: -len("平台")])  # 中试平台: a kind
                platform = item.endswith(tuple(rules["level_only"])) and len(platform_of) >= 4
                platform = platform and (
                    "“" in item  # 一体化大融合“海上福建”平台
                    or _has_proper_name(platform_of)
                    or _coined(tag_words(platform_of), 2)  # 南繁硅谷重大科创平台
                )
                if platform and word in ("项目", "工程") and not shared.group(1):
                    add(s, e, item, "works")  # 某某“甲乙”平台等项目: the platform is one
                    continue
                if not _ends_with_head(item) and item not in rules["generic"]:
                    kind = _kind(item + shared.group(1) + word, word)  # 等港航项目: works
                    coined = of_names and _coined(tag_words(normalise_name(item)), 2)
                    if kind in _CONCRETE and _plain_item(item, word) and not coined:
                        continue  # 算力、城市更新等新型基础设施项目: kinds of things
                    if kind == "zone" and _zone_kind_item(item, word) and not coined:
                        continue  # 化工、汽车零配件等产业集群: industries, no zones
                    if _generic_item(normalise_name(item)):
                        continue  # 一批基础设施领域REITs等项目, 我区首个…
                    add(s, e, item + word, kind)
            continue
        left = _left_edge(text, start, pos)
        if left >= pos and len(word) < 4:
            continue  # the head alone: a kind of thing (机场), no name
        left = _long_run_edge(text, start, left, pos)
        if left < 0:
            continue  # …施大湘西地区…行动: the run is longer than a name, cut in a word
        if _counted(text, left):
            continue
        if text[left:pos] and text[left] in "个座家项条处所批" and _counted(text, left + 1):
            left += 1
        capacity = _CAPACITY.search(text, max(start, left - 12), left + 1)
        if capacity is not None and capacity.end() == left + 1:
            # 国能准东20亿立方米/年煤制天然气项目: the capacity and the firm before it
            left = _left_edge(text, start, capacity.start())
        items = _list_items(text, start, left)
        candidates.append((left, stop, word, text[left:stop], items, pos))
    places, _ = _proper_names()
    for left, stop, word, name, items, pos in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        designation = next((p for p in rules["generic_prefixes"] if name.startswith(p)), "")
        rest = name[len(designation) :]
        if designation and any(rest.startswith(p) for p in (rest[:2], rest[:3]) if p in places):
            left, name = left + len(designation), rest  # 国家级江西省知识产权保护中心
        normal = normalise_name(name)
        if normal in places or any(text[pos - k : pos + len(word)] in places for k in (1, 2)):
            continue  # 连云港, 南宁至贵港: a city's name
        if _generic(normal, word):
            continue
        quoted = left > 0 and text[left - 1] == "”"
        stem = name[: max(0, name.find(word))] if word in name else name
        joint = len(items) == 1 and text[items[0][1] : items[0][1] + 1] in "和及与"
        joint = joint and text.endswith(rules["cues"], start, items[0][0])  # not “两新”政策和…
        joint = joint and _ends_well(text, stop, end)
        if joint and word in rules["weak"] and rules["kind_of"][word] == "programme":
            first = normalise_name(text[items[0][0] : items[0][1]])
            tokens = tag_words(first)
            verb = len(tokens) == 1 and tokens[0][1] in ("v", "vn")  # 贯通培养和…: a clause's
            field = not verb and not _ends_with_head(first)  # 计划和…计划: no field
            if field and _plain(first) and _plain(normalise_name(stem)):
                # 城市更新和安全韧性提升行动: one campaign of two fields, not two campaigns
                add(items[0][0], stop, text[items[0][0] : stop], "programme")
                continue
        if word in ("行动", "计划", "行动计划", "专项行动", "三年行动"):
            # 实施…行动 is usually a measure, unless a place's name makes it one place's
            specific = bool(items) or quoted or _names_place(stem)
        else:  # a place in it, or a long enough name before 工程 or 基地, makes it a name
            specific = bool(items) or quoted or _has_proper_name(stem)
            specific = specific or len(normalise_name(stem)) >= rules["weak_stem"]
            if rules["kind_of"][word] == "works" and len(normalise_name(stem)) >= 3:
                specific = specific or not _plain(normalise_name(stem))  # 万峰林景区
        if word in rules["weak"] and not specific:
            continue
        kind = _kind(name, word)
        lead = _verbs_before_place(stem) if kind in _CONCRETE else 0
        if lead:  # 投用临沂费县…项目: the verb is no name's
            left, name, stem = left + lead, name[lead:], stem[lead:]
        plain = _plain(normalise_name(stem))
        national_field = stem.startswith("国家") and len(stem) >= 4
        national_field = national_field and not stem[2:].startswith(("重点", "级", "区域", "综合"))
        if plain and national_field and word in rules["field_heads"]:
            plain = False  # 国家风力发电技术创新中心: the one national centre of its field
        if plain and _provinces_own(name, word):
            plain = False  # 省工业技术研究院: the province's one institute of its field
        words_of_stem = tag_words(normalise_name(stem))
        if plain and word in rules["local_heads"] and len(words_of_stem) == 1:
            # 英武水库, 玉龙水库: named after a place that is a word too (not 投产煤矿)
            word_of_stem, tag = words_of_stem[0]
            plain = tag in _NOT_NOUN or word_of_stem in rules["common_words"]
        concrete = kind in _CONCRETE
        named_items = [(s, e) for s, e in items if not (concrete and _plain_item(text[s:e], word))]
        opening = text.rfind("“", max(0, left - 12), left) if quoted else -1
        numbered = opening >= 0 and any(c.isdigit() for c in text[opening:left])
        if kind == "zone" and not quoted:
            named_items = [(s, e) for s, e in items if not _zone_kind_item(text[s:e], word)]
            national = stem.startswith("国家") and word in rules["designation_heads"]
            designation = national or word in rules["pilot_heads"]
            # …and the items before it too, unless they hold a place's name (甲市、乙市国际合作区)
            placed = any(_has_proper_name(normalise_name(text[s:e])) for s, e in named_items)
            if not (placed or designation) and _kind_of_zone(normalise_name(stem)):
                continue  # 国际合作园区, 银发经济产业园区: a kind of zone, no zone's name
            if items and not named_items and _plain(normalise_name(stem)):
                continue  # 绿氢生产和应用基地: the items are kinds, and so is the last
        if concrete and plain and not (named_items or numbered):
            # 综合货运枢纽, 能源大数据中心: a kind of facility, no name; a quoted word before it
            # does not name it either (“某某”联合实验室, “某某”民生项目), but a quoted count of
            # the places meant does (“9+13”龙头景区)
            continue
        if word in ("项目", "工程") and _COUNT_AFTER.match(text, stop, end):
            continue  # 承接京津冀项目232个: a count of projects of a kind
        if concrete and text.startswith(_FIRM_AFTER, stop):
            continue  # 河北港口集团: a firm; 昆明陆港号: a train's name
        verb_last = stem.endswith(rules["cues"])
        verb_last = verb_last or (len(word) == 1 and _verb_last(stem))  # 获得供港: no port
        if len(word) == 1 and text[stop : stop + 1] == "通":
            continue  # 浙江e港通: an app's name
        if concrete and verb_last and word not in ("项目", "工程"):
            continue  # 西宁与兰州实现高铁…互达: a clause, no name
        if name.count("（") != name.count("）") or name.count("(") != name.count(")"):
            continue  # 百场（项目: a bracket cut in two
        if concrete and "企业" in name:
            continue  # 龙头企业贵州项目: firms' projects, no one project
        items = named_items
        # a named work ends where its name does; a one-character head (港) only before a
        # follower (合肥陆港保税物流中心 is no port)
        lenient = concrete and stem and not plain and len(word) > 1
        if not _ends_well(text, stop, end) and (not lenient or _runs_on(text, stop, end)):
            continue  # 高速飞车: the head runs on into another word
        add(left, stop, name, kind)
        network, lines = _lines_after(text, left, stop, end)
        for s, e in lines:
            add(s, e, network + text[s:e], kind)  # …铁路成德线、成眉线: 成眉线 of the same network
        shared_words = _shared_words(stem, places) if concrete else ""
        # an item that is a work of another kind (雅下水电和川藏铁路) shares no head, and
        # neither do the items before it (甲乙F2和F3线、丙港1号泊位: no 甲乙F2泊位)
        own = [i for i, (s, e) in enumerate(items) if text[s:e].endswith(rules["breakers"])]
        for s, e in items[own[-1] + 1 :] if own else items:
            s += _verbs_before_place(text[s:e]) if kind in _CONCRETE else 0
            item = text[s:e]
            plain = not _ends_with_head(item) and item not in rules["generic"]
            if len(item) >= 2 and plain and not _generic_item(normalise_name(item)):
                if item.endswith(rules["own_heads"]):
                    continue  # 雅下水电和川藏铁路: the item is a work of another kind
                if shared_words and normalise_name(item) in places:
                    item += shared_words  # 甲市、乙市国家物流枢纽: 甲市国家物流枢纽
                add(s, e, item + word, _kind(item + word, word))
    return sorted(found, key=lambda m: m.start)


_LINE = re.compile("[0-9A-Z]{1,3}号?线|[\u4e00-\u9fff]{1,3}?线")


def _lines_after(text: str, left: int, stop: int, hi: int) -> tuple[str, list[tuple[int, int]]]:
    """Further lines listed after the name of a network's line (市域铁路成德线、成眉线; 地铁2号线
    和5号线): the network's words before the first line, and the span of each further line."""
    name = text[left:stop]
    ends = [name.rfind(n) + len(n) for n in _NETWORKS if n in name]
    if not ends:
        return "", []
    at = max(ends)
    if _LINE.fullmatch(name, at) is None or name[at:] in _NO_LINE:
        return "", []
    spans: list[tuple[int, int]] = []
    pos = stop
    while pos < hi and text[pos] in _LIST:
        line = _LINE.match(text, pos + 1, hi)
        if line is None or line.group() in _NO_LINE or not _ends_well(text, line.end(), hi):
            break
        spans.append(line.span())
        pos = line.end()
    return name[:at], spans


def _shared_words(stem: str, places: frozenset[str]) -> str:
    """The common words between a place's name and the head of a list's last name, which the
    places listed before it share (乙市国家物流枢纽 → 国家物流); empty when there are none."""
    from plangraph.extraction.lexicon import tag_words

    stem = normalise_name(stem)
    for size in (5, 4, 3, 2):
        if stem[:size] in places:
            rest = stem[size:]
            if len(rest) < 2 or not _plain(rest):
                return ""
            # words, not a clause (乙市结束不通高铁)
            clause = any(len(w) > 1 and t in _CLAUSE_TAGS for w, t in tag_words(rest))
            return "" if clause else rest
    return ""


def _opens_clause(words: str) -> bool:
    """Whether the words between a list's 等 (or count) and a head hold a preposition or a
    conjunction (等向南港, 等创新政策向国家级经开区, 个省区市和港澳台): the head then belongs to
    another phrase, no kind the items share."""
    from plangraph.extraction.lexicon import tag_words

    if not words:
        return False
    if any(joint in words for joint in "和及与"):
        return True
    return any(tag == "p" for _, tag in tag_words(words))


def _counted_list(text: str, lo: int, count: int) -> bool:
    """Whether a list of names ends right before the count at ``count`` (本桓、凌绥、台黑4条
    高速公路), not a clause (深入实施三个“一号工程”)."""
    comma = text.rfind("、", lo, count)
    if comma < 0:
        return False
    last = text[comma + 1 : count]
    return 2 <= len(last) <= 12 and not any(cue in last for cue in _rules()["cues"])


def _before_deng(text: str, lo: int, deng: int) -> list[tuple[int, int]]:
    """The items of A、B、C等…: from ``deng`` (the 等) back to the clause's start."""
    start = max([lo, *(text.rfind(c, lo, deng) + 1 for c in _STOP)])
    rules = _rules()
    items = []
    pos = start
    for piece in text[start:deng].split("、"):
        s, e = pos, pos + len(piece)
        pos = e + 1
        # the first item starts after the clause's verb (建成A、B等: A)
        best = s
        for cue in rules["cues"]:
            at = text.rfind(cue, s, e)
            if at >= 0 and s <= at and at + len(cue) < e:
                best = max(best, at + len(cue))
        if text[best : best + 1] in ("与", "和", "同") and text[best : best + 2] not in _words():
            best += 1  # 深化与苏州、崖州湾等国家实验室: the conjunction is no name's
        joint = next(
            (
                p
                for p in range(best + 2, e - 2)
                if text[p] in "和及与"
                and text[p - 1 : p + 1] not in _words()
                and text[p : p + 2] not in _words()
            ),
            None,
        )
        if joint is not None and joint - best <= 6 and e - joint - 1 <= 8:
            items.extend([(best, joint), (joint + 1, e)])  # 京港澳和沪昆扩容、张官等高速公路
        elif 2 <= e - best <= 16:
            items.append((best, e))
    return items


def _words() -> frozenset[str]:
    from plangraph.extraction.lexicon import words

    return words()
