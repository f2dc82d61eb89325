"""What plangraph took a document to be, in one screen: header fields with the characters each
was read from, the typed parts with their ranges, the keywords, and the facts of each part.

``plangraph inspect DOC`` prints it; ``--format json`` gives the same for scripts.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from plangraph.extraction import ExtractOptions, extract_text, prepare
from plangraph.extraction.header import Field, issuing_region
from plangraph.extraction.structure import parse_structure
from plangraph.records.model import Records

__all__ = ["Inspection", "inspect_document"]

_FACTS = ("targets", "outcomes", "projects", "measures", "tasks")


@dataclass
class HeaderField:
    name: str
    value: str | None
    source: str  # where it was read: title, session line, speaker line, speech, headings, given
    start: int | None = None
    end: int | None = None
    quote: str | None = None


@dataclass
class PartRow:
    n: int
    kind: str
    start: int
    end: int
    heading: str | None
    period: str | None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Inspection:
    file: str
    chars: int
    sha256: str
    header: list[HeaderField]
    parts: list[PartRow]
    keywords: list[str]
    sections: int
    tasks: list[str]
    counts: dict[str, int]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def table(self) -> str:
        """The inspection as text for a terminal."""
        out = [f"{self.file}  ({self.chars:,} characters, sha256 {self.sha256[:12]}…)", ""]
        for f in self.header:
            where = f"  [{f.start}–{f.end}]「{f.quote}」" if f.start is not None else ""
            out.append(f"  {f.name:<10}{_pad(f.value or '—', 26)} {f.source}{where}")
        out += ["", "parts"]
        heads = ["#", "kind", "characters", "period", *(k[:8] for k in _FACTS), "heading"]
        rows = [
            [
                str(p.n),
                p.kind,
                f"{p.start}–{p.end}",
                p.period or "",
                *(str(p.counts.get(k, 0)) for k in _FACTS),
                p.heading or "",
            ]
            for p in self.parts
        ]
        widths = [max(_width(r[i]) for r in [heads, *rows]) for i in range(len(heads) - 1)]
        for row in [heads, *rows]:
            cells = [_pad(c, w) for c, w in zip(row, widths, strict=False)]
            out.append("  " + "  ".join([*cells, row[-1]]).rstrip())
        out += ["", f"keywords ({len(self.keywords)}), the themes of the year's work"]
        out += [f"  {i}. {k}" for i, k in enumerate(self.keywords, 1)]
        out += ["", f"livelihood tasks ({len(self.tasks)})"]
        out += [f"  {i}. {t}" for i, t in enumerate(self.tasks, 1)]
        counts = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        out += ["", f"sections outside the plan: {self.sections}", f"facts: {counts}"]
        return "\n".join(out)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _field(name: str, found: Field | None, source: str, text: str) -> HeaderField:
    if found is None:
        return HeaderField(name, None, "not found")
    return HeaderField(
        name, found.value, source, found.start, found.end, text[found.start : found.end]
    )


def inspect_document(
    path: str | Path, options: ExtractOptions | None = None, **kwargs: object
) -> Inspection:
    """Read the report at ``path`` as ``extract`` does and say what was found where."""
    from plangraph.sources.text import read_source

    if options is None:
        options = ExtractOptions(**kwargs)  # type: ignore[arg-type]
    source = read_source(path, encoding=options.encoding)
    text = source.text
    records = extract_text(text, str(path), source.sha256, options)
    folded = prepare(text)
    structure = parse_structure(folded, options.year)
    header = structure.header
    issuer = issuing_region(folded, header)
    doc = records.document
    year_source = {"header": "header", "headings": "part headings", "given": "given"}.get(
        structure.year_source, "?"
    )
    fields = [
        _field("title", header.title, "header", text),
        HeaderField("kind", doc.kind, "header"),
        _field("year", header.year, year_source, text)
        if structure.year_source == "header"
        else HeaderField("year", str(doc.year), year_source),
        HeaderField("region", doc.region or "national", "given")
        if options.region
        else _field("region", issuer.evidence, issuer.source, text),
        _field("delivered", header.delivered, "header", text),
        _field("session", header.session, "header", text),
        _field("speaker", header.speaker, "header", text),
    ]
    for f in fields:
        if f.name == "region" and f.value is not None and not options.region:
            f.value = f"{doc.region or 'national'} ({f.value})"
        if f.name == "region" and f.value is None:
            f.value, f.source = "national", "nothing names one"
    return Inspection(
        file=str(path),
        chars=len(text),
        sha256=source.sha256,
        header=fields,
        parts=_parts(records),
        keywords=[k.label for k in records.keywords],
        sections=len(records.sections),
        tasks=[t.short or t.label for t in records.tasks],
        counts={k: len(getattr(records, k)) for k in ("keywords", *_FACTS, "regions")},
    )


def _parts(records: Records) -> list[PartRow]:
    rows = []
    for part in records.parts:
        period = f"{part.period_start}–{part.period_end}" if part.period_start is not None else None
        rows.append(PartRow(part.n, part.kind, part.start, part.end, part.label, period))

    def row_of(offset: int) -> PartRow | None:
        return next((r for r in rows if r.start <= offset < r.end), None)

    for kind in _FACTS:
        for item in getattr(records, kind):
            row = row_of(item.evidence[0].start) if item.evidence else None
            if row is not None:
                row.counts[kind] = row.counts.get(kind, 0) + 1
    return rows


def as_dict(inspection: Inspection) -> dict[str, Any]:
    return asdict(inspection)
