"""Content negotiation: the format to answer in, from ``Accept`` or a ``format`` parameter.

The formats and their media types are pyoxigraph's (:mod:`plangraph.sparql.writers`); a media
type that names one of them, aliases included (``application/json``, ``text/xml``,
``text/plain``), matches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plangraph.sparql.writers import find_format, formats

if TYPE_CHECKING:
    from plangraph.sparql.writers import Format

__all__ = ["negotiate", "offered"]


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(kind: str, offer: Format, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``offer`` (0 when none does)."""
    best, best_specificity = 0.0, -1
    family = offer.media_type.split("/")[0]
    for media, q in ranges:
        if "*" not in media and find_format(kind, media) == offer:
            specificity = 2
        elif media == f"{family}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = q, specificity
    return best


def negotiate(kind: str, accept: str | None, names: list[str] | None = None) -> Format | None:
    """The format to answer a ``kind`` (select, ask, graph) query in, or None (406).

    ``names`` are the values of ``format``/``output`` parameters (``json``, ``ttl``,
    ``turtle``, or media types); when given they win over ``Accept``.
    """
    if kind == "ask":
        kind = "select"
    if names:
        return next((f for f in map(lambda n: find_format(kind, n), names) if f), None)
    ranges = _accept_ranges(accept or "")
    offers = formats(kind)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(kind, offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def offered(kind: str) -> str:
    """The media types offered for ``kind``, for a 406's message."""
    return ", ".join(f.media_type for f in formats("select" if kind == "ask" else kind))
