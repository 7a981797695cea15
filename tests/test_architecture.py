"""The package's shape: folders that show the pipeline, small modules, no import cycles."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
#: "No module over ~300 lines": a little slack for a docstring, never a second module's worth.
MAX_LINES = 320
#: Stages, in pipeline order: a stage may import from its own or an earlier one, never a later one.
STAGES = ["codes", "diagnostics", "clock", "parallel", "reading", "deriving", "outputs", "pipeline", "renderers", "editor", "cli"]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports never run
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("build_tools"))
    return found


def test_no_module_is_too_long() -> None:
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_no_two_modules_share_a_name() -> None:
    names = Counter(path.stem for path in PACKAGE.rglob("*.py") if path.stem != "__init__")
    assert not [n for n, count in names.items() if count > 1]


def test_no_import_cycles_at_import_time() -> None:
    known = modules()
    graph = {name: {m for m in imports_of(path, top_level_only=True) if m in known and m != name}
             for name, path in known.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for name in graph:
        if state.get(name) is None and visit(name, []):
            break
    assert not cycle, " → ".join(cycle)


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_only_look_back() -> None:
    """reading never imports deriving, outputs never import a renderer, and so on."""
    wrong = []
    for name, path in modules().items():
        mine = _stage(name)
        if mine is None:
            continue
        for imported in imports_of(path, top_level_only=False):
            theirs = _stage(imported)
            if theirs is not None and theirs > mine and not imported.startswith(name):
                wrong.append(f"{name} imports {imported}")
    assert not wrong, sorted(set(wrong))
