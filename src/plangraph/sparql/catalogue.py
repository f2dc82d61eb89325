"""The named queries: ``*.rq`` files shipped in ``plangraph/sparql/queries``.

Each starts with a header comment giving its title, description and parameters
(``# param: NAME KIND required|optional TEXT``, KIND one of iri, string, integer, decimal,
year); a parameter is a variable of the query, bound as if a ``VALUES`` block opened its WHERE
block (see :mod:`plangraph.sparql.prepare`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.errors import InputError

__all__ = [
    "NamedQuery",
    "Parameter",
    "describe_named_queries",
    "named_queries",
    "named_query",
]


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # iri | string | integer | decimal | year
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


_KINDS = ("iri", "string", "integer", "decimal", "year")
_PARAM = re.compile(r"(\w+)\s+(\w+)\s+(required|optional)\s+(.*)")


def _parse_named(name: str, text: str) -> NamedQuery:
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        match = re.match(r"(title|description|param):\s*(.*)", body)
        if match:
            key = match.group(1)
            fields[key].append(match.group(2))
        elif body and key in ("title", "description"):
            fields[key][-1] += " " + body  # a wrapped line continues the field
        elif body and key == "param":
            fields["param"][-1] += " " + body
    params = []
    for spec in fields["param"]:
        m = _PARAM.fullmatch(spec.strip())
        if not m or m.group(2) not in _KINDS:
            raise InputError(f"bad parameter line in named query {name!r}: {spec!r}")
        params.append(Parameter(m.group(1), m.group(2), m.group(3) == "required", m.group(4)))
    if not fields["title"]:
        raise InputError(f"named query {name!r} has no '# title:' header")
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        parameters=tuple(params),
        text=text,
    )


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped with plangraph, by name (the ``.rq`` file's stem)."""
    from importlib import resources

    folder = resources.files("plangraph.sparql") / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return found


def named_query(name: str) -> NamedQuery:
    """One named query; an InputError listing the close matches when there is none."""
    known = named_queries()
    if name in known:
        return known[name]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise InputError(
        f"unknown named query {name!r}; {hint}`plangraph query --list` shows all {len(known)}"
    )


def describe_named_queries() -> str:
    """The named queries for people: name, title, description and parameters of each."""
    blocks = []
    for nq in named_queries().values():
        lines = [f"{nq.name}: {nq.title}"]
        if nq.description:
            lines.append(f"    {nq.description}")
        for p in nq.parameters:
            need = "required" if p.required else "optional"
            lines.append(f"    --bind {p.name}=…  ({p.kind}, {need}) {p.description}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
