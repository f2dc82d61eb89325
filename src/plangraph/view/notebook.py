"""The network inside a notebook: the self-contained page in a sandboxed ``<iframe srcdoc>``.

The usual way of showing pyvis in Jupyter writes a file and points an iframe at it, or injects
the page's scripts into the notebook itself; depending on the front end (JupyterLab, classic
Notebook, VS Code) that comes out blank, or runs the page's script with the notebook's rights.
Here the whole page (:func:`plangraph.to_html`: vis-network inlined, nothing fetched) travels in
the iframe's ``srcdoc`` attribute, HTML-escaped, and the iframe is sandboxed to run scripts
only: no same origin, so the page cannot reach the notebook, its cookies or its kernel.

>>> import plangraph
>>> view = plangraph.show(plangraph.build(), keyword="数字经济", height=500)
>>> view
<plangraph network: 28 nodes, 43 links, 500px high>
>>> view._repr_html_()[:76]
'<iframe class="plangraph-network" sandbox="allow-scripts allow-downloads" sr'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError

if TYPE_CHECKING:
    import networkx as nx

    from plangraph.view.page import View

__all__ = ["Network", "show", "sample_path"]

_LENGTH = re.compile(r"\d+(?:\.\d+)?(?:px|em|rem|vh|%)")


@dataclass(frozen=True, eq=False)  # a view is itself, not its contents
class Network:
    """A drawn network, shown inline by Jupyter (``_repr_html_``).

    ``graph`` is the networkx graph drawn, ``page`` the self-contained HTML page (save it with
    ``Path("graph.html").write_text(view.page, encoding="utf-8")``), ``height`` the CSS height
    of the frame.
    """

    graph: nx.DiGraph
    page: str
    height: str

    def _repr_html_(self) -> str:
        # quote=True escapes " and ' as well as & < >: the page cannot end the attribute early
        return (
            '<iframe class="plangraph-network" sandbox="allow-scripts allow-downloads"'
            f' srcdoc="{html.escape(self.page, quote=True)}"'
            f' style="width: 100%; height: {self.height}; border: 1px solid #ddd;"'
            ' title="plangraph network" loading="eager"></iframe>'
        )

    def __repr__(self) -> str:
        return (
            f"<plangraph network: {self.graph.number_of_nodes()} nodes,"
            f" {self.graph.number_of_edges()} links, {self.height} high>"
        )


def _height(height: int | str) -> str:
    if isinstance(height, bool) or not isinstance(height, int | str):
        raise InputError(f"height must be pixels or a CSS length, not {height!r}")
    if isinstance(height, int):
        if height <= 0:
            raise InputError(f"height must be positive, not {height}")
        return f"{height}px"
    if not _LENGTH.fullmatch(height.strip()):
        raise InputError(f"height {height!r} is not a CSS length such as 600px, 80vh or 40em")
    return height.strip()


def show(
    data: Any,
    *,
    height: int | str = 600,
    keyword: str | Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    document: str | None = None,
    region: str | None = None,
    industry: str | None = None,
    view: View = "auto",
    title: str = "plangraph",
) -> Network:
    """The interactive network of ``data``, to show in a notebook cell.

    ``data`` is a networkx graph from :func:`plangraph.to_networkx`, or what that takes: an
    rdflib Dataset, an RDF file, a store folder (read with :func:`plangraph.load`) or an open
    store. The
    filters (``keyword``, ``types``, ``document``, ``region``, ``industry``) pick a part of it as
    :func:`plangraph.select` does; ``view`` is the page's opening view (``auto``, ``full``,
    ``overview``, ``matrix``); ``height`` is in pixels or a CSS length (``"80vh"``).

    >>> import plangraph
    >>> net = plangraph.to_networkx(plangraph.build())
    >>> plangraph.show(net, region="忻州市", types=["Keyword", "Project", "Region"])
    <plangraph network: 9 nodes, 10 links, 600px high>
    """
    import networkx as nx

    from plangraph.view.page import VIEWS, to_html
    from plangraph.view.projection import to_networkx
    from plangraph.view.select import select

    size = _height(height)
    if view not in VIEWS:
        raise InputError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    net = data if isinstance(data, nx.DiGraph) else to_networkx(data)
    if any(f is not None for f in (keyword, types, document, region, industry)):
        net = select(
            net, keyword=keyword, types=types, document=document, region=region, industry=industry
        )
    if not len(net):
        raise InputError("nothing to show: the graph (or the part the filters select) is empty")
    return Network(net, to_html(net, title, view=view), size)


def sample_path() -> Path:
    """The records file of the bundled sample (the Shanxi 2024 summary), to build with others.

    >>> import plangraph
    >>> plangraph.sample_path().name
    'shanxi-2024.yaml'
    """
    from plangraph._resources import SAMPLE, data_file

    return Path(str(data_file(SAMPLE)))
