"""Records as compact JSON, for plangraph's own cache (the YAML form is for people)."""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from decimal import Decimal
from typing import Any, get_args, get_origin

from plangraph.records.model import Records, type_hints

__all__ = ["records_from_json", "records_to_json"]


def _to_json_value(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return {"$decimal": str(obj)}
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _to_json_value(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [_to_json_value(v) for v in obj]
    return obj


def _from_json_value(value: Any, hint: Any) -> Any:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in get_args(hint) if a is not type(None)]
        return _from_json_value(value, options[0])
    if origin is list:
        (item,) = get_args(hint)
        return [_from_json_value(v, item) for v in value]
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        hints = type_hints(hint)
        return hint(**{k: _from_json_value(v, hints[k]) for k, v in value.items()})
    if isinstance(value, dict) and "$decimal" in value:
        return Decimal(value["$decimal"])
    return value


def records_to_json(records: Records) -> str:
    """A compact, fast form for plangraph's own cache (the YAML form is for people)."""
    import json

    return json.dumps(_to_json_value(records), ensure_ascii=False, separators=(",", ":"))


def records_from_json(text: str) -> Records:
    """Records written by :func:`records_to_json` (no checks: the cache holds checked records)."""
    import json

    records: Records = _from_json_value(json.loads(text), Records)
    return records
