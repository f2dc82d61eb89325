"""Results for people: an aligned text table (the command line's ``--format table``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from plangraph.graph.namespace import PREFIXES, WRITTEN_PREFIXES
from plangraph.sparql.frames import term_text
from plangraph.sparql.results import Results

__all__ = ["format_table"]


def _turtle(triples: Sequence[Any]) -> str:
    import pyoxigraph

    written = pyoxigraph.serialize(
        triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=WRITTEN_PREFIXES
    )
    return (written or b"").decode("utf-8")


def _short(term: Any) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        best = max(
            ((p, ns) for p, ns in PREFIXES.items() if term.value.startswith(ns)),
            key=lambda pair: len(pair[1]),
            default=None,
        )
        return f"{best[0]}:{term.value[len(best[1]) :]}" if best else f"<{term.value}>"
    return term_text(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= width:
        return text
    out = ""
    for char in text:
        if _width(out + char) > width - 1:
            break
        out += char
    return out + "…"


def format_table(results: Results, *, max_width: int = 48) -> str:
    """SELECT results as an aligned text table (IRIs shortened with the predeclared prefixes)."""
    if results.kind == "ask":
        return "true" if results.boolean else "false"
    if results.kind == "graph":
        return _turtle(results.triples)
    header = list(results.variables)
    body = [
        [_fit(_short(v), max_width) if v is not None else "" for v in row] for row in results.rows
    ]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]
    count = len(results.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines)
