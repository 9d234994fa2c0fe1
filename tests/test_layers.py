"""The package's layers hold by test: data flows one way, and no package imports one above it.

    model ← load, rules ← site ← feeds ← exports ← render ← build ← cli

`deploy`, `workbook`, `synth` and `mail` are edges beside the flow: each names what it may use.
A new package must be placed here before it can import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

FLOW = ("model", "load", "rules", "site", "feeds", "exports", "render", "build")
MAY_IMPORT = {
    "model": set(),
    "load": {"model"},
    "rules": {"model"},
    "site": {"model", "rules"},
    "feeds": {"model", "rules", "site"},
    "exports": {"model", "rules", "site", "feeds"},
    "render": {"model", "rules", "site", "feeds", "exports"},
    "build": {"model", "load", "rules", "site", "feeds", "exports", "render"},
    "deploy": {"model", "load", "site"},
    "workbook": {"model", "load", "rules", "exports"},
    "mail": {"model", "load", "rules", "site", "feeds", "exports", "render"},
    "synth": {"model", "load"},
    "cli": {"model", "load", "rules", "site", "feeds", "exports", "render", "build", "deploy", "workbook", "mail",
            "synth"},
    "__main__": {"cli"},
    "__init__": set(),
}


def package_of(module: Path) -> str:
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_packages(module: Path) -> set[str]:
    """The generator's packages a module imports, relative or absolute, TYPE_CHECKING imports included."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    here = module.relative_to(PACKAGE.parent).with_suffix("").parts   # ("generator", "render", "pages")
    if module.name == "__init__.py":
        here = here[:-1] + ("__init__",)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level]
                target = base + tuple((node.module or "").split(".")) if node.module else base
                names = [target + (alias.name,) for alias in node.names] if not node.module else [target]
            else:
                names = [tuple((node.module or "").split("."))]
            for name in names:
                if len(name) > 1 and name[0] == "generator":
                    found.add(name[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name.split(".")
                if name[0] == "generator" and len(name) > 1:
                    found.add(name[1])
    return found


def dependencies() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for module in sorted(PACKAGE.rglob("*.py")):
        package = package_of(module)
        found.setdefault(package, set()).update(imported_packages(module) - {package})
    return found


def test_every_package_of_the_generator_has_its_place_in_the_layers():
    assert set(dependencies()) - set(MAY_IMPORT) == set()


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_a_package_imports_only_the_layers_below_it(package):
    against = dependencies().get(package, set()) - MAY_IMPORT[package]
    assert against == set(), f"{package} imports against the flow: {sorted(against)}"


def test_no_two_packages_import_each_other_even_through_others():
    graph = dependencies()
    cycles = []

    def reach(start: str) -> set[str]:
        seen, todo = set(), list(graph.get(start, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo += graph.get(node, ())
        return seen

    for package in graph:
        if package in reach(package):
            cycles.append(package)
    assert cycles == []


def test_the_flow_is_the_order_the_table_allows():
    """Each package of the flow may use every package before it and none after it (edges aside)."""
    for n, package in enumerate(FLOW):
        assert MAY_IMPORT[package] <= set(FLOW[:n]), package
