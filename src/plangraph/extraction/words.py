"""The extractor's word lists (``data/extraction.yaml``), read once."""

from __future__ import annotations

from functools import cache
from typing import Any

from plangraph._resources import read_data

__all__ = ["word_lists"]


@cache
def word_lists() -> dict[str, Any]:
    lists: dict[str, Any] = read_data("extraction.yaml")
    return lists
