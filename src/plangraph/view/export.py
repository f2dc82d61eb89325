"""The graph for other tools: the network as GraphML, GEXF or CSV, the dataset as JSON-LD.

GraphML and GEXF carry only plain values, so :func:`flat_network` flattens the projection's
attributes: a list of names (``aliases``, ``documents``) becomes one text joined by ``"; "``,
structured values (``evidence``, the graph's ``documents``) become JSON text, missing values and
empty lists are left out, and each node gets the page's position as ``x`` and ``y`` (in GEXF
also as ``viz:position``, with the page's colour). CSV is the same flat network as two tables in
one folder: ``nodes.csv`` (``id``, ``label``, ``type``, ``x``, ``y`` and the other attributes)
and ``edges.csv`` (``source``, ``target``, ``relation``). JSON-LD is the RDF dataset itself,
compacted with plangraph's context (:mod:`plangraph.graph.jsonld`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from plangraph.errors import InputError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "export", "flat_network"]

Format = Literal["graphml", "gexf", "csv", "jsonld"]
FORMATS: tuple[Format, ...] = ("graphml", "gexf", "csv", "jsonld")
_SUFFIXES: dict[str, Format] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
_JOIN = "; "


def _flat(value: Any) -> Any:
    """One attribute value as GraphML and GEXF can carry it (None: leave it out)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if not items:
            return None
        if all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in items):
            return _JOIN.join(str(v) for v in items)
        return json.dumps(items, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def flat_network(net: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``net`` (from :func:`plangraph.to_networkx`) with only plain attribute values
    and each node's position as ``x`` and ``y``, ready for ``networkx.write_graphml`` or
    ``write_gexf``."""
    import networkx as nx

    from plangraph.view.layout import layout

    pos = layout(net) if len(net) else {}
    flat = nx.DiGraph()
    flat.graph.update(
        {k: v for k, v in ((k, _flat(v)) for k, v in net.graph.items()) if v is not None}
    )
    for node, attrs in net.nodes(data=True):
        values = {k: _flat(v) for k, v in attrs.items()}
        x, y = pos[node]
        flat.add_node(node, **{k: v for k, v in values.items() if v is not None}, x=x, y=y)
    for a, b, attrs in net.edges(data=True):
        values = {k: _flat(v) for k, v in attrs.items()}
        flat.add_edge(a, b, **{k: v for k, v in values.items() if v is not None})
    return flat


def _graphml(flat: nx.DiGraph) -> bytes:
    import networkx as nx

    return ("\n".join(nx.generate_graphml(flat)) + "\n").encode("utf-8")


def _gexf(flat: nx.DiGraph) -> bytes:
    import networkx as nx

    from plangraph.view.page import STYLE

    drawn = flat.copy()
    for _, attrs in drawn.nodes(data=True):
        colour = STYLE.get(attrs.get("type", ""), ("#777777", "", ""))[0]
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        attrs["viz"] = {
            "position": {"x": attrs["x"], "y": attrs["y"], "z": 0.0},
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
        }
    return ("\n".join(nx.generate_gexf(drawn)) + "\n").encode("utf-8")


def _csv(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = first + sorted({k for row in rows for k in row} - set(first))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _tables(flat: nx.DiGraph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv`` of the flat network."""
    nodes = [{"id": n, **attrs} for n, attrs in flat.nodes(data=True)]
    edges = [{"source": a, "target": b, **attrs} for a, b, attrs in flat.edges(data=True)]
    return (
        _csv(nodes, ["id", "label", "type", "x", "y"]),
        _csv(edges, ["source", "target", "relation"]),
    )


def _format(path: Path, format: str | None) -> Format:
    if format is None:
        found = _SUFFIXES.get(path.suffix.lower())
        if found is None:
            raise InputError(
                f"cannot tell the format from the name; give one of {', '.join(FORMATS)}",
                path=path,
            )
        return found
    if format not in FORMATS:
        raise InputError(f"unknown export format {format!r} (expected one of {', '.join(FORMATS)})")
    return format


def export(data: Any, path: str | Path, format: str | None = None) -> list[Path]:
    """Write ``data`` for other tools and return the files written (each replaced atomically).

    ``data`` is what :func:`plangraph.to_networkx` takes (a Dataset, an RDF file, a store folder
    or an open store) or, for the network formats, a networkx graph from it (a part chosen with
    :func:`plangraph.select`, say). ``format`` is ``graphml``, ``gexf``, ``csv`` or ``jsonld``
    (default: from the suffix of ``path``). For ``csv``, ``path`` is a folder that receives
    ``nodes.csv`` and ``edges.csv``.
    """
    import networkx as nx

    from plangraph._files import atomic_write

    path = Path(path)
    chosen = _format(path, format)
    if chosen == "jsonld":
        if isinstance(data, nx.Graph):
            raise InputError("JSON-LD is written from the RDF dataset, not from a network")
        from plangraph.graph.jsonld import to_jsonld
        from plangraph.sparql.store import open_data

        store = open_data(data)
        atomic_write(path, to_jsonld(store.quads_for_pattern(None, None, None, None)))
        return [path]
    from plangraph.view.projection import to_networkx

    net = data if isinstance(data, nx.DiGraph) else to_networkx(data)
    flat = flat_network(net)
    if chosen == "graphml":
        atomic_write(path, _graphml(flat))
        return [path]
    if chosen == "gexf":
        atomic_write(path, _gexf(flat))
        return [path]
    if path.exists() and not path.is_dir():
        raise InputError("CSV export writes nodes.csv and edges.csv into a folder", path=path)
    nodes, edges = _tables(flat)
    written = [path / "nodes.csv", path / "edges.csv"]
    atomic_write(written[0], nodes)
    atomic_write(written[1], edges)
    return written
