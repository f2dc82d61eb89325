"""The extractor's word lists (``data/extraction.yaml``), read once."""

from __future__ import annotations

from functools import cache
from typing import Any

from plangraph._resources import read_data

__all__ = ["LOOKBACK", "word_lists"]

# How far before a figure its words are read for what the figure is of, when and in which list
# (a clause's year, 五年来, the list around an indicator): a report's sentences are shorter, and
# a bound keeps a text with no punctuation at all linear (10x the text, 10x the time).
LOOKBACK = 400


@cache
def word_lists() -> dict[str, Any]:
    lists: dict[str, Any] = read_data("extraction.yaml")
    return lists
