"""Industries named in a clause, and the mention type other finders share.

Places are found by :mod:`plangraph.extraction.places`, projects by
:mod:`plangraph.extraction.projects`.

Rules and word lists come from ``data/extraction.yaml`` and the vocabularies; the gazetteer gives
region names and codes. Everything works on folded text and returns spans into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plangraph.extraction.words import word_lists

__all__ = ["Mention", "word_lists"]

_STOP = "，,；;。：:、！？!?\n（）()《》"
_QUOTED = re.compile(r"“([^“”\n]{1,24})”")
_CJK_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # normalised: what identifies the thing (quotes and spaces dropped)
    key: str = ""  # region code, or industry preferred label
