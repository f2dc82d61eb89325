"""The flow's order holds in the code: a stage imports only earlier stages, and nothing imports
in a circle, counting every import statement (inside functions and ``TYPE_CHECKING`` blocks too).

Stages, earliest first: errors/_resources/_files/_version < sources, vocab < records <
extraction < graph < sparql < view < pipeline < cli and the package's ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import plangraph

ROOT = Path(plangraph.__file__).resolve().parent

STAGES: list[tuple[str, ...]] = [
    ("plangraph.errors", "plangraph._resources", "plangraph._files", "plangraph._version"),
    ("plangraph.sources", "plangraph.vocab"),
    ("plangraph.records",),
    ("plangraph.extraction",),
    ("plangraph.graph",),
    ("plangraph.sparql",),
    ("plangraph.view",),
    ("plangraph.pipeline",),
    ("plangraph.cli", "plangraph"),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _stage(module: str) -> int:
    best: tuple[int, int] | None = None  # (length of the matching prefix, stage)
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), rank)
    assert best is not None, f"{module} belongs to no stage; add it to STAGES"
    return best[1]


def _imports(module: str, source: str | None = None) -> list[tuple[str, int]]:
    """Every plangraph module ``module`` imports (its file, or ``source`` in its place), with the
    line, wherever the statement is."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    text = path.read_text(encoding="utf-8") if source is None else source
    found = []
    for node in ast.walk(ast.parse(text, str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # a submodule if it is one, else the module itself
                names.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
        for name in names:
            while name and name not in MODULES and name.startswith("plangraph"):
                name = name.rpartition(".")[0]
            if name in MODULES and name != module:
                found.append((name, node.lineno))
    return found


def test_the_walk_sees_imports_inside_functions() -> None:
    # to_networkx opens a store folder through the sparql stage, inside the function
    targets = {name for name, _ in _imports("plangraph.view.projection")}
    assert "plangraph.sparql.store" in targets and "plangraph.view.select" in targets
    assert _stage("plangraph.sparql.serve.server") == _stage("plangraph.sparql")
    assert _stage("plangraph") > _stage("plangraph.pipeline.builder")


def test_every_module_belongs_to_a_stage() -> None:
    for module in MODULES:
        _stage(module)


def test_no_stage_imports_a_later_one() -> None:
    wrong = [
        f"{MODULES[module].relative_to(ROOT.parent)}:{line}: {module} imports {target}"
        for module in MODULES
        for target, line in _imports(module)
        if _stage(target) > _stage(module)
    ]
    assert not wrong, "imports of a later stage:\n" + "\n".join(wrong)


def test_no_import_cycle() -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for module in MODULES:
        graph.add_edges_from((module, target) for target, _ in _imports(module))
    cycles = [sorted(part) for part in nx.strongly_connected_components(graph) if len(part) > 1]
    assert not cycles, "modules importing each other in a circle: " + "; ".join(
        " ↔ ".join(cycle) for cycle in cycles
    )


@pytest.mark.parametrize("statement", ["from plangraph.cli import main", "from ..cli import main"])
def test_a_late_import_inside_a_function_would_be_caught(statement: str) -> None:
    module = "plangraph.view.page"
    source = MODULES[module].read_text(encoding="utf-8")
    reaching = source + f"\n\ndef _reach_up() -> None:\n    {statement}\n"
    line = reaching.count("\n")
    assert ("plangraph.cli", line) in _imports(module, reaching)
    assert ("plangraph.cli", line) not in _imports(module)
