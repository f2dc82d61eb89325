"""The interactive HTML page, drawn from the networkx projection with vis-network.

The page is one self-contained UTF-8 file: the vendored vis-network script is inlined and
nothing is fetched (a Content-Security-Policy allows only the page's own scripts, by hash, and no
request at all). The graph travels as JSON inside a non-executable ``<script
type="application/json">`` with ``<``, ``>`` and ``&`` escaped; the page's script builds every
label, tooltip and panel with ``textContent``, never as HTML, so no label can run code. Positions
come from :mod:`plangraph.view.layout`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from plangraph.view.clusters import hubs, overview
from plangraph.view.kinds import NODE_TYPES, TYPE_NAMES
from plangraph.view.layout import font_size, layout, ring_layout
from plangraph.view.matrix import matrix
from plangraph.view.select import below, select

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "STYLE",
    "MATRIX_THRESHOLD",
    "OVERVIEW_THRESHOLD",
    "View",
    "page_data",
    "to_html",
    "write_html",
]

# type → (colour, vis-network shape, Chinese name); shapes draw the label below the node,
# except the keyword's box, which holds its label
STYLE: dict[str, tuple[str, str, str]] = {
    kind: (colour, shape, TYPE_NAMES[kind])
    for kind, colour, shape in (
        ("Keyword", "#d62728", "box"),
        ("Measure", "#ff7f0e", "dot"),
        ("Project", "#1f77b4", "square"),
        ("Region", "#2ca02c", "triangle"),
        ("Industry", "#9467bd", "diamond"),
        ("Target", "#8c564b", "triangleDown"),
        ("Outcome", "#17becf", "hexagon"),
        ("LivelihoodTask", "#e377c2", "star"),
    )
}

OVERVIEW_THRESHOLD = 1500
"""Above this many nodes the page opens on the keyword-level overview (the full network is a
click away)."""

MATRIX_THRESHOLD = 3
"""From this many documents on the page opens on the matrix of themes × documents (it is offered
from two documents on)."""

View = Literal["auto", "full", "overview", "matrix"]
VIEWS: tuple[str, ...] = ("auto", "full", "overview", "matrix")


def _json(value: Any) -> str:
    """JSON that is inert inside a ``<script>`` element, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _plain(value: Any) -> Any:
    """Attribute values as JSON can carry them."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def _part(net: nx.DiGraph, weighted: bool = False) -> dict[str, Any]:
    """Nodes (attributes, position, degree) and edges (as node indexes) of one view."""
    hub_set = hubs(net)
    pos = ring_layout(net) if weighted else layout(net, hub_set)
    index = {node: i for i, node in enumerate(net)}
    nodes = []
    for node, attrs in net.nodes(data=True):
        item = {k: _plain(v) for k, v in attrs.items() if k != "type"}
        x, y = pos[node]
        item.update(id=node, type=attrs["type"], x=x, y=y, degree=net.degree(node))
        if attrs["type"] == "Keyword":
            item["font"] = font_size(net, node)
        if node in hub_set:
            item["hub"] = True
        nodes.append(item)
    edges = []
    for a, b, attrs in net.edges(data=True):
        edge: list[Any] = [index[a], index[b], attrs.get("relation", "")]
        if weighted:
            edge.append(int(attrs.get("weight", 1)))
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def _document_layouts(net: nx.DiGraph, table: dict[str, Any]) -> dict[str, list[float]]:
    """Where the matrix opens a part: each document's network laid out alone (key: the
    document's id) and each theme of it (key: ``document|row``, the keywords of a cell and what
    stands under them), as flat ``[node index, x, y, …]`` lists. Laid out alone, a part's
    regions and industries sit beside its facts, not where the whole network has them."""
    index = {node: i for i, node in enumerate(net)}
    docs = net.graph.get("documents", {})
    cells: dict[str, list[tuple[int, list[str]]]] = {}
    for row, column, _, keywords in table["cells"]:
        cells.setdefault(table["documents"][column]["id"], []).append((row, keywords))

    def flat(part: nx.DiGraph) -> list[float]:
        out: list[float] = []
        for node, (x, y) in (layout(part) if len(part) else {}).items():
            out += [index[node], x, y]
        return out

    layouts: dict[str, list[float]] = {}
    for doc, info in docs.items():
        own = select(net, document=doc)
        own.graph["documents"] = {doc: info}  # its own region is its one hub
        layouts[doc] = flat(own)
        for row, keywords in cells.get(doc, []):
            layouts[f"{doc}|{row}"] = flat(own.subgraph(below(own, keywords)))
    return layouts


def _english(kind: str) -> str:
    """``LivelihoodTask`` → ``Livelihood task``."""
    return "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(kind))


def _asset(name: str) -> str:
    return (resources.files("plangraph.view") / "templates" / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    """vis-network, vendored with its licence in ``view/vendor/`` (see the README there)."""
    lib = resources.files("plangraph.view") / "vendor" / "vis-network.min.js"
    return lib.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_data(net: nx.DiGraph, title: str = "plangraph", view: View = "auto") -> dict[str, Any]:
    """What the page's script receives: both views, the types' styles and the documents."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    unknown = {a.get("type") for _, a in net.nodes(data=True)} - set(STYLE)
    if unknown:
        raise ValueError(
            f"nodes of unknown type {sorted(map(str, unknown))}; expected {NODE_TYPES}"
        )
    large = len(net) > OVERVIEW_THRESHOLD
    with_overview = large or view == "overview"
    documents = len(net.graph.get("documents", {}))
    with_matrix = documents >= 2 or view == "matrix"
    if view != "auto":
        start = view
    elif documents >= MATRIX_THRESHOLD or (large and documents >= 2):
        start = "matrix"
    else:
        start = "overview" if large else "full"
    table = matrix(net) if with_matrix else None
    return {
        "title": title,
        "count": len(net),
        "threshold": OVERVIEW_THRESHOLD,
        "view": start,
        "types": [
            {"key": kind, "zh": zh, "en": _english(kind), "color": colour, "shape": shape}
            for kind, (colour, shape, zh) in STYLE.items()
        ],
        "documents": _plain(net.graph.get("documents", {})),
        "full": _part(net),
        "overview": _part(overview(net), weighted=True) if with_overview else None,
        "matrix": table,
        "layouts": _document_layouts(net, table) if table is not None else None,
    }


def to_html(
    net: nx.DiGraph, title: str = "plangraph", *, view: View = "auto", embed_font: bool = True
) -> str:
    """A self-contained HTML page drawing ``net`` (from :func:`plangraph.to_networkx`).

    ``view`` chooses what the page opens on: ``"matrix"`` (themes and indicators × documents,
    see :mod:`plangraph.view.matrix`), ``"full"`` (every node), ``"overview"`` (keywords and
    the regions and industries they reach) or ``"auto"``: the matrix from
    :data:`MATRIX_THRESHOLD` documents on (or from two above :data:`OVERVIEW_THRESHOLD` nodes),
    else the overview above :data:`OVERVIEW_THRESHOLD` nodes, else the full network. Buttons
    switch between the views the page holds.

    With ``embed_font`` (the default) the page carries the glyphs of the characters it uses,
    cut from the CJK font plangraph ships (:mod:`plangraph.view.font`), so that Chinese reads
    on a machine without a CJK font; without it the page relies on the system's fonts.
    """
    from plangraph.view.font import page_font

    data = _json(page_data(net, title, view))
    vis_js, app_js = _vis_js(), _asset("network.js")
    matrix_js, download_js = _asset("matrix.js"), _asset("download.js")
    css = _asset("network.css")
    template = _asset("network.html")
    font_css = ""
    if embed_font:
        texts = (data, title, template, css, matrix_js, download_js, app_js)
        font = page_font(itertools.chain(*texts))
        font_css = font.css()
    policy = "; ".join(
        (
            "default-src 'none'",
            "script-src "
            + " ".join(_sha256(js) for js in (vis_js, matrix_js, download_js, app_js)),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    replacements = {
        "{{csp}}": html.escape(policy),
        "{{title}}": html.escape(title),
        "{{count}}": str(len(net)),
        "{{css}}": font_css + "\n" + css,
        "{{data}}": data,
        "{{vis_js}}": vis_js,
        "{{matrix_js}}": matrix_js,
        "{{download_js}}": download_js,
        "{{app_js}}": app_js,
    }
    page = template
    # one pass, so that nothing substituted is ever searched for placeholders again
    pieces = page.split("{{")
    out = [pieces[0]]
    for piece in pieces[1:]:
        key, sep, rest = piece.partition("}}")
        out.append(replacements["{{" + key + "}}"] + rest if sep else "{{" + piece)
    return "".join(out)


def write_html(
    net: nx.DiGraph,
    path: str | Path,
    title: str = "plangraph",
    *,
    view: View = "auto",
    embed_font: bool = True,
) -> None:
    """Write the page for ``net`` to ``path`` atomically, as UTF-8."""
    from plangraph._files import atomic_write

    atomic_write(path, to_html(net, title, view=view, embed_font=embed_font))
