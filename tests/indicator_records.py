"""Small records files with indicator concepts, written for the tests (not from any report).

:func:`write_document` writes a source text made of the figures' quotes and the records that
describe it (YAML, spans checked against the text), so that tests of comparing and tracking
need no extractor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml


def figure(quote: str, indicator: str, concept: str | None, **fields: Any) -> dict[str, Any]:
    """A target or outcome: its quote in the text, indicator, concept and any records field
    (value, min, max, unit (default PERCENT), qualifier, growth, year, reports, status…)."""
    return {"quote": quote, "indicator": indicator, "concept": concept, **fields}


def write_document(
    folder: Path,
    doc_id: str,
    year: int,
    region: str | None,
    targets: Sequence[dict[str, Any]] = (),
    outcomes: Sequence[dict[str, Any]] = (),
) -> Path:
    """``folder/DOC.txt`` and ``folder/DOC.yaml``; the path of the records."""
    items = [*targets, *outcomes]
    text = f"{year}年某地政府工作报告\n" + "，".join(item["quote"] for item in items) + "。\n"
    at = 0
    entries = []
    for item in items:
        start = text.index(item["quote"], at)
        at = start + len(item["quote"])
        entry = {k: v for k, v in item.items() if k != "quote" and v is not None}
        entry.setdefault("unit", "PERCENT")
        entry["evidence"] = [{"start": start, "end": at, "quote": item["quote"]}]
        entries.append(entry)
    document: dict[str, Any] = {
        "id": doc_id,
        "title": f"{year}年政府工作报告",
        "kind": "report",
        "year": year,
        "source": {
            "file": f"{doc_id}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "chars": len(text),
        },
    }
    if region is not None:
        document["region"] = region
    records = {
        "format": "plangraph-records/1",
        "document": document,
        "targets": entries[: len(targets)],
        "outcomes": entries[len(targets) :],
    }
    (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{doc_id}.yaml"
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")
    return path
