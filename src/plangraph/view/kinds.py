"""The kinds of node the network draws, in the legend's order, with their Chinese names."""

from __future__ import annotations

__all__ = ["NODE_TYPES", "TYPE_NAMES"]

# type → its Chinese name; the order is the legend's
TYPE_NAMES = {
    "Keyword": "关键词",
    "Measure": "举措",
    "Project": "项目",
    "Region": "地区",
    "Industry": "产业",
    "Target": "目标",
    "Outcome": "成果",
    "LivelihoodTask": "民生实事",
}
NODE_TYPES = tuple(TYPE_NAMES)
