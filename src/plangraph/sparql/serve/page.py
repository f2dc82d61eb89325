"""The query page at ``/``: ``templates/query.html`` with the prefixes and named queries filled
in. It loads nothing from elsewhere (its Content-Security-Policy says so)."""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

from plangraph.graph.namespace import PREFIXES
from plangraph.sparql.catalogue import named_queries

__all__ = ["CONTENT_SECURITY_POLICY", "query_page"]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'"
)


@lru_cache(maxsize=1)
def query_page() -> bytes:
    template = (resources.files("plangraph.sparql.serve") / "templates" / "query.html").read_text(
        encoding="utf-8"
    )
    named = [{"name": q.name, "title": q.title, "text": q.text} for q in named_queries().values()]
    # JSON inside <script>: "<" escaped so that no text can close the element
    data = json.dumps(named, ensure_ascii=False).replace("<", "\\u003c")
    prefixes = ", ".join(f"<code>{html.escape(p)}:</code>" for p in PREFIXES)
    return template.replace("__PREFIXES__", prefixes).replace("__NAMED__", data).encode("utf-8")
