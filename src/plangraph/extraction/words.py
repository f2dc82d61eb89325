"""The extractor's word lists (``data/extraction.yaml``), read once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from plangraph._resources import read_data

__all__ = ["LOOKBACK", "any_word", "word_lists"]

# How far before a figure its words are read for what the figure is of, when and in which list
# (a clause's year, 五年来, the list around an indicator): a report's sentences are shorter, and
# a bound keeps a text with no punctuation at all linear (10x the text, 10x the time).
LOOKBACK = 400


@cache
def word_lists() -> dict[str, Any]:
    lists: dict[str, Any] = read_data("extraction.yaml")
    return lists


def any_word(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, the longest one where several start at a position
    (as an alternation sorted longest first would), written as a trie of their characters: each
    position of a text costs a test of one character, not one per word."""
    trie: dict[str, Any] = {}
    for word in words:
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # where a word ends, a longer one is tried first (the group is greedy)
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
