"""The public API: every exported name is what it says, whatever submodules were imported."""

from __future__ import annotations

import importlib
import pkgutil

import plangraph


def test_exports_are_not_shadowed_by_submodules() -> None:
    for info in pkgutil.walk_packages(plangraph.__path__, "plangraph."):
        importlib.import_module(info.name)
    for name in plangraph.__all__:
        value = getattr(plangraph, name)
        assert not isinstance(value, type(plangraph)), f"plangraph.{name} is a module"
    assert callable(plangraph.build) and callable(plangraph.query) and callable(plangraph.extract)
