"""Drawing what a user names: a built graph, or records and texts built first."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.view.page import View, write_html

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["draw"]


def draw(
    data: Any,
    output: str | Path,
    *,
    keyword: str | Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    document: str | None = None,
    region: str | None = None,
    industry: str | None = None,
    view: View = "auto",
    title: str | None = None,
    embed_font: bool = True,
) -> nx.DiGraph:
    """Draw a dataset, or the part the filters select, into the page ``output``.

    ``data`` is an rdflib Dataset or Graph, an RDF file (``graph.trig``), a store folder, or
    what ``build`` reads (records ``.yaml``, reports, folders of them), built first. The filters
    are those of :func:`plangraph.view.select.select`; ``embed_font=False`` leaves the CJK font
    out of the page (the system's fonts draw its Chinese). Returns the networkx graph drawn; raises
    :class:`~plangraph.errors.InputError` when the filters select nothing.
    """
    from plangraph.errors import InputError
    from plangraph.pipeline.corpus import RECORD_SUFFIXES, REPORT_SUFFIXES
    from plangraph.sparql.store import is_store
    from plangraph.view.projection import to_networkx

    if isinstance(data, str | Path) and (
        (Path(data).is_dir() and not is_store(data))
        or Path(data).suffix.lower() in RECORD_SUFFIXES + REPORT_SUFFIXES
    ):
        from plangraph.pipeline.builder import build

        data = build([data])
    if types is not None:
        types = [types] if isinstance(types, str) else list(types)
    if keyword is not None and not isinstance(keyword, str):
        keyword = list(keyword)
    net = to_networkx(
        data, keyword=keyword, types=types, document=document, region=region, industry=industry
    )
    if not len(net):
        raise InputError("the filters select no node; loosen them")
    if title is None:
        docs = net.graph.get("documents", {})
        names = [info["title"] for info in docs.values()][:3]
        chosen = [
            v if isinstance(v, str) else ",".join(v)
            for v in (keyword, document, region, industry, types)
            if v
        ]
        title = " · ".join(["plangraph", *names, *chosen])
    write_html(net, output, title, view=view, embed_font=embed_font)
    return net
