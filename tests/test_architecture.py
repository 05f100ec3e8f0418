"""The package's shape: data flows one way, modules stay small enough to read.

A module may import only the modules below it in LAYERS (the order of the data
flow: files and caches, cleaning, loading, mentions, checks, networks, drawing,
widgets, the command line). A new module must be placed in LAYERS, so this
test names it until someone decides where it belongs.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "krcn_lab"

#: Bottom first. Modules on one line sit side by side and may not import each other.
LAYERS = [
    {"files", "cache", "cells", "data", "patterns"},
    {"cleaning_rules"},
    {"cleaning_steps"},
    {"corpus"},
    {"periods", "tables", "inputs"},
    {"userdata"},
    {"dataset"},
    {"quotes"},
    {"mentions", "candidates"},
    {"korean"},
    {"mention_tables"},
    {"words", "analysis"},
    {"validation_rules"},
    {"validation_coding"},
    {"validation"},
    {"store_files"},
    {"store"},
    {"builders"},
    {"networks"},
    {"centrality"},
    {"comparison"},
    {"summaries"},
    {"drawing", "export"},
    {"widgets", "batch"},
    {"exercises"},
    {"grading"},
    {"doctor"},
    {"cli"},
]
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 60


def modules():
    """Every module of the package, as (dotted name below krcn_lab, path)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) == 1:
            continue
        yield ".".join(p for p in parts if p != "__init__"), path


def layer_of(name: str) -> int:
    top = name.split(".")[0]
    for number, layer in enumerate(LAYERS):
        if top in layer:
            return number
    raise AssertionError(f"krcn_lab/{name} is in no layer of LAYERS: decide where it belongs")


def imports_of(name: str, path: Path) -> set[str]:
    """The package modules that *name* imports (relative or absolute), by top-level name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = name.split(".")
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.add((base + node.module.split("."))[0])
            else:
                found |= {(base + [alias.name])[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("krcn_lab."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("krcn_lab.")}
    return found - {parts[0]}


def test_every_module_has_a_layer():
    for name, _ in modules():
        layer_of(name)


def test_no_module_imports_one_above_it_or_beside_it():
    upward = []
    for name, path in modules():
        for target in imports_of(name, path):
            if layer_of(target) >= layer_of(name):
                upward.append(f"krcn_lab/{name} imports {target}")
    assert upward == []


def test_there_is_no_import_cycle():
    graph = {name.split(".")[0]: set() for name, _ in modules()}
    for name, path in modules():
        graph[name.split(".")[0]] |= imports_of(name, path)
    seen, on_path = set(), []

    def visit(node):
        if node in on_path:
            raise AssertionError("import cycle: " + " -> ".join(on_path[on_path.index(node):] + [node]))
        if node in seen:
            return
        on_path.append(node)
        for target in sorted(graph.get(node, ())):
            visit(target)
        on_path.pop()
        seen.add(node)

    for node in sorted(graph):
        visit(node)


def test_the_checker_sees_a_planted_upward_import(tmp_path):
    planted = tmp_path / "dataset.py"
    planted.write_text("from .networks import meeting_network\nfrom . import mentions\n"
                       "import krcn_lab.drawing\nfrom krcn_lab.cli import main\nimport pandas\n", encoding="utf-8")
    assert imports_of("dataset", planted) == {"networks", "mentions", "drawing", "cli"}
    nested = tmp_path / "reader.py"
    nested.write_text("from ..dataset import load_articles\nfrom .common import PALETTE\nfrom .. import corpus\n",
                      encoding="utf-8")
    assert imports_of("widgets.reader", nested) == {"dataset", "corpus"}


@pytest.mark.parametrize("name,path", list(modules()), ids=[n for n, _ in modules()])
def test_modules_and_functions_are_short(name, path):
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    assert lines <= MAX_MODULE_LINES, f"krcn_lab/{name} has {lines} lines, over {MAX_MODULE_LINES}"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"krcn_lab/{name}: functions over {MAX_FUNCTION_LINES} lines"
