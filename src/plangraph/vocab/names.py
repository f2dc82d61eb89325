"""Deterministic IRIs: the same input always gets the same IRI, and one thing gets one IRI.

Regions are named by their code; projects, industries and measures by a slug of their
normalised name (toneless pinyin, syllables joined by ``-``, plus four hex digits of the
name's SHA-1 so that homophones such as 黎霍 and 离火 never share an IRI).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["BASE", "normalise_name", "project_name", "same_project", "slug"]

BASE = "https://w3id.org/plangraph/id/"

# Quote marks and brackets that surround names (“一泓清水入黄河”工程) carry no identity.
_DROP = re.compile(r"[\s\u3000“”‘’\"'「」『』《》〈〉()（）【】\[\]·•]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    """The identity-bearing form of a name: NFKC (full-width folded), no quotes or spaces."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name))


@lru_cache(maxsize=8192)
def project_name(name: str) -> str:
    """The name that identifies a project across documents (variants folded, see data)."""
    rules = _project_identity()
    key = normalise_name(name)
    key = rules["aliases"].get(key, key)
    for prefix in rules["strip_prefixes"]:
        if key.startswith(prefix) and len(key) - len(prefix) >= 6:
            key = key[len(prefix) :]
            break
    return key


def same_project(a: str, b: str) -> bool:
    """Whether two differing names of two documents name one project: a line named by the
    first characters of its ends (``伊阿铁路`` for ``伊宁至阿克苏铁路``, ``隆泸叙铁路`` for
    ``隆黄铁路隆昌至叙永段``), or the shorter name's characters all standing, in order, in the
    longer, from its first character to its kind (``沈海高速漳诏扩容工程`` in ``沈海高速漳诏段扩容
    工程``, ``长沙机场改扩建工程`` in ``长沙机场改扩建主体工程``). The shorter must name more than
    a place and its kind (``长海大桥``), and the longer adds no number or phase (``二期``, ``6号``):
    another unit of the same name is another project."""
    a, b = project_name(a), project_name(b)
    if a == b:
        return False
    for one, other in ((a, b), (b, a)):
        ends = _line_ends(one)
        if ends is not None and ends == _initials(other):
            return True
    short, long = sorted((a, b), key=len)
    kind = _kind(short)
    if not kind or not (_kind(long) == kind or {kind, _kind(long)} <= _LINES):
        return False
    own = short[: len(short) - len(kind)]
    if len(own) < 2 or _is_place(own) or short[0] != long[0]:
        return False
    rest = iter(long)
    if not all(ch in rest for ch in short):
        return False
    added = _added(short, long)
    return _NUMBERED.search(added) is None


_LINES = {"铁路", "高铁", "高速铁路", "城际铁路", "高速公路", "高速"}
_NUMBERED = re.compile(r"[0-9０-９]|[一二三四五六七八九十]期|号")
_ENDS = re.compile(
    r"(?:^|铁路|高铁|高速|公路|城际)([\u4e00-\u9fff])[\u4e00-\u9fff]{0,3}至([\u4e00-\u9fff])"
)
_INITIALS = re.compile(
    r"([\u4e00-\u9fff])[\u4e00-\u9fff]{0,2}?([\u4e00-\u9fff])(?:铁路|高铁|城际铁路)"
)


def _line_ends(name: str) -> tuple[str, str] | None:
    """The first characters of a line's two ends (``隆昌至叙永``: 隆, 叙), for a rail line."""
    if not any(line in name for line in _LINES):
        return None
    found = _ENDS.search(name)
    return (found.group(1), found.group(2)) if found else None


def _initials(name: str) -> tuple[str, str] | None:
    """A rail line's name of two to four characters read as its ends' first characters; a name
    that runs on from a programme (``…主通道重点工程隆泸叙铁路``) is read from its last part."""
    last = re.split("工程|通道|项目", name)[-1]
    found = _INITIALS.fullmatch(last)
    return (found.group(1), found.group(2)) if found else None


def _kind(name: str) -> str:
    return next((k for k in _project_identity()["kinds"] if name.endswith(k)), "")


def _added(short: str, long: str) -> str:
    """The characters ``long`` holds beyond ``short`` (read in order)."""
    out, k = [], 0
    for ch in long:
        if k < len(short) and ch == short[k]:
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def _is_place(name: str) -> bool:
    from plangraph.vocab.gazetteer import gazetteer

    return bool(gazetteer().lookup(name))


@lru_cache(maxsize=1)
def _project_identity() -> dict:

    from plangraph._resources import read_data

    lists = read_data("extraction.yaml")["projects"]
    return {
        "aliases": lists.get("aliases") or {},
        "strip_prefixes": lists.get("strip_prefixes") or [],
        "kinds": sorted({*lists["suffixes"], "项目"}, key=len, reverse=True),
    }


@lru_cache(maxsize=8192)
def slug(name: str) -> str:
    """``雄忻高铁`` → ``xiong-xin-gao-tie-`` + 4 hex digits. Stable across runs and machines."""
    from pypinyin import Style, lazy_pinyin

    key = normalise_name(name)
    syllables = lazy_pinyin(key, style=Style.NORMAL, errors="default")
    words = [_NON_SLUG.sub("-", s.lower().replace("ü", "v")).strip("-") for s in syllables]
    readable = "-".join(w for w in words if w)[:80].rstrip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:4]
    return f"{readable}-{digest}" if readable else digest
