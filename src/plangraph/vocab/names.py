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

__all__ = ["BASE", "normalise_name", "project_name", "slug"]

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


@lru_cache(maxsize=1)
def _project_identity() -> dict:

    from plangraph._resources import read_data

    lists = read_data("extraction.yaml")["projects"]
    return {
        "aliases": lists.get("aliases") or {},
        "strip_prefixes": lists.get("strip_prefixes") or [],
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
