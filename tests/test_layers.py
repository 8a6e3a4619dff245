"""The layer order of events/ holds: imports only go down, the core is pure, no cycles.

Every module of the app is placed in a layer (README, "Architecture"); a module may
import from its own layer or a lower one, never a higher one. Imports inside functions
count. ``events.core`` imports nothing but the standard library and itself.
"""

import ast
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.core

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "events"

# Lowest first. A module belongs to the layer of the longest prefix that names it.
LAYERS = [
    ("core", ["events.core"]),
    ("support", ["events.errors", "events.data"]),
    ("models", ["events.models", "events.enums", "events.fields", "events.addresses", "events.permissions"]),
    ("results", ["events.results"]),
    ("domain", ["events.selectors", "events.services", "events.importers"]),
    ("interfaces", ["events.interfaces", "events.templatetags"]),
    ("http", ["events.web"]),
    (
        "faces",
        ["events.site", "events.embeds", "events.api", "events.admin", "events.management", "events.demo"],
    ),
    # Wiring: the app config connects receivers; migrations are generated.
    ("wiring", ["events.apps", "events.migrations", "events"]),
]
RANK = {prefix: rank for rank, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes}
NAMES = [name for name, _ in LAYERS]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(APP.rglob("*.py")) if "__pycache__" not in path.parts}


def rank(module: str) -> int | None:
    if module == "events":
        return RANK["events"]
    parts = module.split(".")
    for end in range(len(parts), 1, -1):  # "events" itself places only the package's __init__
        found = RANK.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def imported(module: str, path: Path) -> set[str]:
    """Every module name this module imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


ALL = modules()
EDGES = {
    module: {name for name in imported(module, path) if name in ALL and name != module and not module.startswith(name)}
    for module, path in ALL.items()
}


def test_every_module_has_a_layer():
    assert [module for module in ALL if rank(module) is None] == []


def test_imports_only_go_down():
    upward = [
        f"{module} ({NAMES[rank(module)]}) imports {target} ({NAMES[rank(target)]})"
        for module, targets in EDGES.items()
        for target in sorted(targets)
        if rank(target) > rank(module)
    ]
    assert upward == []


def test_the_core_imports_only_the_standard_library_and_itself():
    impure = []
    for module, path in ALL.items():
        if not module.startswith("events.core"):
            continue
        for name in imported(module, path):
            top = name.split(".")[0]
            if name.startswith("events.") and not name.startswith("events.core"):
                impure.append(f"{module} imports {name}")
            elif top != "events" and top not in sys.stdlib_module_names and top != "__future__":
                impure.append(f"{module} imports {name}")
    assert impure == []


def test_no_import_cycle():
    """Depth-first search; a back edge is a cycle, reported with its path."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    cycles = []

    def visit(module, stack):
        state[module] = 1
        stack.append(module)
        for target in sorted(EDGES[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(stack[stack.index(target) :] + [target]))
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[module] = 2

    for module in sorted(ALL):
        if module not in state:
            visit(module, [])
    assert cycles == []
