"""The import graph runs one way: orchestration (wiring) on top, source slices on plumbing.

Read from the source (AST), every import statement, wherever it stands in a module:

- nothing under assets/ or expectations/ imports orchestration; nothing outside tests/ imports tests;
- plumbing (warehouse/, hub_api/, sample/, partitions.py) imports no source slice;
- the packages of assets/ import each other without cycles;
- assets/ and expectations/ import the project's modules at the top of a module, not in functions;
- parsers and landing code import no Dagster (pure: bytes or rows in, rows out).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PROJECT = ("assets", "orchestration", "expectations", "bench", "tests")
PLUMBING = ("assets.warehouse", "assets.hub_api", "assets.sample", "assets.partitions")
PURE = (
    "assets.leaderboard.columns", "assets.leaderboard.errors", "assets.leaderboard.ids",
    "assets.leaderboard.shapes", "assets.leaderboard.table", "assets.leaderboard.typed_columns",
    "assets.leaderboard.row_checks", "assets.leaderboard.drop_folder", "assets.leaderboard.landing",
    "assets.hub.cards", "assets.hub.card_refresh", "assets.hub_api.client",
    "assets.hub_api.fetching", "assets.warehouse.raw_tables", "assets.warehouse.quality_log",
)  # fmt: skip


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for top in PROJECT
        for path in sorted((REPO_ROOT / top).rglob("*.py"))
        if ".venv" not in path.parts
    }


def _resolve(module: str, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".")[: -node.level or None]
        base = ".".join([*package, node.module] if node.module else package)
    names = [f"{base}.{alias.name}" for alias in node.names]
    return [name if name in modules() else base for name in names]


@cache
def imports(module: str) -> tuple[tuple[str, bool], ...]:
    """(imported module, at the top of the module) for every import of ``module``."""
    tree = ast.parse(modules()[module].read_text())
    top = {id(node) for node in tree.body} | {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If | ast.Try)
        for child in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found += [(name, id(node) in top) for name in _resolve(module, node)]
    return tuple(found)


def project_imports(module: str) -> set[str]:
    return {name for name, _ in imports(module) if name.split(".")[0] in PROJECT}


def within(name: str, packages: tuple[str, ...] | str) -> bool:
    packages = (packages,) if isinstance(packages, str) else packages
    return any(name == p or name.startswith(f"{p}.") for p in packages)


def slice_of(name: str) -> str:
    """The package of assets/ a module belongs to (assets.leaderboard, assets.warehouse, ...)."""
    return ".".join(name.split(".")[:2])


def edges(where) -> list[tuple[str, str]]:
    return sorted((m, i) for m in modules() if where(m) for i in project_imports(m))


def test_the_graph_is_read_from_every_module():
    assert {"assets.leaderboard.assets", "orchestration.definitions", "bench.run"} <= set(modules())
    assert ("orchestration.definitions", "assets") in edges(within_orchestration)


def within_orchestration(name: str) -> bool:
    return within(name, "orchestration")


def test_nothing_below_the_wiring_imports_it():
    upward = [
        (m, i)
        for m, i in edges(lambda m: within(m, ("assets", "expectations")))
        if within(i, "orchestration")
    ]
    assert upward == []


@pytest.mark.parametrize("top", ["assets", "orchestration", "expectations", "bench"])
def test_only_tests_import_tests(top):
    assert [(m, i) for m, i in edges(lambda m: within(m, top)) if within(i, "tests")] == []


def test_plumbing_imports_no_source_slice():
    into_slices = [
        (m, i)
        for m, i in edges(lambda m: within(m, PLUMBING))
        if within(i, "assets") and not within(i, PLUMBING)
    ]
    assert into_slices == []


def test_the_packages_of_assets_import_each_other_without_cycles():
    graph: dict[str, set[str]] = {}
    for m, i in edges(lambda m: within(m, "assets") and m != "assets"):
        if within(i, "assets") and i != "assets" and slice_of(i) != slice_of(m):
            graph.setdefault(slice_of(m), set()).add(slice_of(i))
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"import cycle: {' -> '.join((*path, node))}"
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, (*path, node))
        done.add(node)

    for node in sorted(graph):
        visit(node, ())
    assert graph["assets.hub"] >= {"assets.leaderboard", "assets.warehouse", "assets.hub_api"}


def test_assets_and_expectations_import_the_project_at_the_top():
    hidden = [
        (m, name)
        for m in modules()
        if within(m, ("assets", "expectations"))
        for name, at_top in imports(m)
        if not at_top and name.split(".")[0] in PROJECT
    ]
    assert hidden == []


def reachable(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        for name in project_imports(current):
            if name in modules() and name not in seen:
                seen.add(name)
                todo.append(name)
    return seen | {module}


@pytest.mark.parametrize("module", PURE)
def test_parsers_and_landing_import_no_dagster(module):
    assert module in modules()
    dagster = [m for m in reachable(module) if any(n.startswith("dagster") for n, _ in imports(m))]
    assert dagster == []
