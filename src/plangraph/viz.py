"""The interactive HTML network, drawn from the networkx projection with vis-network.

The page is one self-contained UTF-8 file: pyvis's bundled vis-network script and style are
inlined, nothing is fetched. Labels and tooltips travel as JSON inside the page with ``<``, ``>``
and ``&`` escaped, and vis-network shows string tooltips as text, so no label can run code.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["STYLE", "to_html", "write_html"]

# type → (colour, vis-network shape, Chinese name)
STYLE: dict[str, tuple[str, str, str]] = {
    "Keyword": ("#d62728", "star", "关键词"),
    "Measure": ("#ff7f0e", "dot", "举措"),
    "Project": ("#1f77b4", "square", "项目"),
    "Region": ("#2ca02c", "triangle", "地区"),
    "Industry": ("#9467bd", "diamond", "产业"),
    "Target": ("#8c564b", "triangleDown", "目标"),
    "Outcome": ("#17becf", "hexagon", "成果"),
    "LivelihoodTask": ("#e377c2", "ellipse", "民生实事"),
}


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _tooltip(attrs: dict[str, Any]) -> str:
    lines = [f"{STYLE[attrs['type']][2]} · {attrs['type']}", attrs["label"]]
    if attrs["type"] in ("Target", "Outcome"):
        if "value" in attrs:
            number = f"{attrs['value']:g}"
        else:
            number = f"{attrs.get('min', '')}–{attrs.get('max', '')}"
        lines.append(
            f"{number} {attrs.get('unit', '')} · {attrs.get('qualifier', '')}"
            f" · {attrs.get('year', '')}" + (" · growth" if attrs.get("growth") else "")
        )
    if attrs["type"] == "Region":
        lines.append(f"adcode {attrs.get('adcode') or '—'} · in {attrs.get('parent') or '—'}")
    for ev in attrs.get("evidence", [])[:5]:
        lines.append(f"“{ev['quote']}” [{ev['document']} {ev['start']}–{ev['end']}]")
    return "\n".join(lines)


def _vis_asset(name: str) -> str:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2" / name
    return lib.read_text(encoding="utf-8")


def to_html(net: nx.DiGraph, title: str = "plangraph") -> str:
    """A self-contained HTML page drawing ``net`` (from :func:`plangraph.to_networkx`)."""
    from pyvis.network import Network

    layout = nx.spring_layout(net, seed=7, k=None, iterations=100) if len(net) else {}
    vis = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in net.nodes(data=True):
        colour, shape, _ = STYLE[attrs["type"]]
        x, y = layout.get(node, (0.0, 0.0))
        vis.add_node(
            node,
            label=attrs["label"],
            title=_tooltip(attrs),
            color=colour,
            shape=shape,
            kind=attrs["type"],  # not "group": vis-network would recolour by group
            size=10 + 3 * min(net.degree(node), 10),
            x=float(x) * 1000,
            y=float(y) * 1000,
        )
    for a, b, attrs in net.edges(data=True):
        vis.add_edge(a, b, title=attrs.get("relation", ""), arrows="to")
    options = {
        "physics": {
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 150, "fit": True},
        },
        "interaction": {"hover": True, "navigationButtons": False},
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"}},
    }
    legend = "".join(
        f'<li><span style="color:{colour}">●</span> {html.escape(zh)} ({html.escape(kind)})</li>'
        for kind, (colour, _, zh) in STYLE.items()
    )
    template = resources.files("plangraph") / "templates" / "network.html"
    page = template.read_text(encoding="utf-8")
    replacements = {
        "{{title}}": html.escape(title),
        "{{legend}}": legend,
        "{{vis_css}}": _vis_asset("vis-network.css"),
        "{{vis_js}}": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "{{nodes}}": _json(vis.nodes),
        "{{edges}}": _json(vis.edges),
        "{{options}}": _json(options),
        "{{count}}": str(len(vis.nodes)),
    }
    for key, value in replacements.items():
        page = page.replace(key, value)
    return page


def write_html(net: nx.DiGraph, path: str | Path, title: str = "plangraph") -> None:
    """Write the page for ``net`` to ``path`` atomically, as UTF-8."""
    from .io import atomic_write

    atomic_write(path, to_html(net, title))
