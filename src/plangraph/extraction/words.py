"""The extractor's word lists (``data/extraction.yaml``), read once."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from plangraph._resources import data_file

__all__ = ["word_lists"]


@cache
def word_lists() -> dict[str, Any]:
    lists: dict[str, Any] = yaml.safe_load(data_file("extraction.yaml").read_text(encoding="utf-8"))
    return lists
