"""The floors of the house (docs/conventions.md, "Layers"): a module imports only from its
own floor or the floors below, the programmes never import each other, and no two parts
of one floor import each other, however roundabout.

Every import counts, the ones inside functions too: an import moved into a function to
dodge a cycle is still a dependency. An import inside a function is for start-up time and
says why on the line above it (`# deferred: ...`). A new package or top-level module of
`mentorship` must be given its floor here, or this test fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "mentorship"

#: Lowest first. Within a floor, modules may use each other.
FLOORS: tuple[tuple[str, ...], ...] = (
    # core helpers: no feature, no request flow of their own
    ("db", "extensions", "config", "refusals", "security", "urls", "labels", "pagination",
     "timezones", "numbers", "search", "once", "duplicates", "access", "static_files", "logs",
     "i18n", "widgets", "forms", "exports", "imports", "templating", "redis_store",
     "small_groups"),
    # who people are and where they work; e-mail (an invitation is sent from here)
    ("reference", "auth", "mail"),
    # what every programme builds on
    ("people", "jobs", "audit", "privacy", "events", "calendar", "features", "import_preview"),
    # the programmes: each on its own
    ("mentoring", "trainees", "networks"),
    # what reads across the programmes
    ("feeds", "reports"),
    # the application: pages of the core, registration, the factory and its commands
    ("main", "ops", "errors", "warmup", "demo", "cli", "blueprints", "models", "__init__"),
)
PROGRAMMES = set(FLOORS[3])
FLOOR = {name: level for level, names in enumerate(FLOORS) for name in names}


def _owner(path: Path) -> str:
    first = path.relative_to(ROOT).parts[0]
    return first.removesuffix(".py")


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "mentorship":
            names = [f"mentorship.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "mentorship" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def test_every_part_of_the_app_has_a_floor():
    parts = {_owner(p) for p in ROOT.rglob("*.py")}
    assert sorted(parts - set(FLOOR)) == []


def test_no_floor_imports_a_higher_one_and_no_programme_another():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        me = _owner(path)
        for line, other in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            if other not in FLOOR or other == me:
                continue
            upward = FLOOR[other] > FLOOR[me]
            sideways = me in PROGRAMMES and other in PROGRAMMES
            if upward or sideways:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line} {me} -> {other}")
    assert wrong == []


def test_the_check_sees_an_import_inside_a_function():
    tree = ast.parse("def f():\n    from mentorship.mentoring.models import Enrolment\n")
    assert _imported(tree) == [(2, "mentoring")]


def _part_graph() -> dict[str, dict[str, list[str]]]:
    """part -> part it imports -> where (path:line)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        me = _owner(path)
        for line, other in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            if other != me:
                where = f"{path.relative_to(ROOT.parent)}:{line}"
                graph.setdefault(me, {}).setdefault(other, []).append(where)
    return graph


def _cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Cycles between parts (the first part repeated at the end), at least one in every
    group of parts that reach each other; none when the graph has no cycle."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(part: str, path: list[str]) -> None:
        for other in sorted(graph.get(part, {})):
            if other in path:
                cycle = path[path.index(other):] + [other]
                if not any(set(cycle) <= set(seen) for seen in found):
                    found.append(cycle)
            elif other not in done:
                visit(other, path + [other])
        done.add(part)

    for part in sorted(graph):
        if part not in done:
            visit(part, [part])
    return found


def test_no_two_parts_import_each_other():
    """A cycle between parts (on one floor, as the floors forbid any other) means two parts
    that cannot be understood, tested or moved one without the other: what both need goes
    down a floor, or the lower part is told it when the app is created (as the features
    tell the core their menus and privacy providers through mentorship/features.py)."""
    graph = _part_graph()
    wrong = []
    for cycle in _cycles(graph):
        steps = zip(cycle, cycle[1:], strict=False)
        where = "; ".join(f"{a} -> {b}: {', '.join(graph[a][b])}" for a, b in steps)
        wrong.append(f"{' -> '.join(cycle)}  ({where})")
    assert wrong == []


def test_the_check_sees_a_cycle():
    graph = {"a": {"b": ["x"]}, "b": {"c": ["y"]}, "c": {"a": ["z"]}, "d": {"a": ["w"]}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b": ["x"]}, "b": {}}) == []


def _undeferred(source: str) -> list[int]:
    """The lines of imports inside a function without a `# deferred: <why>` comment directly
    above them (or above the run of imports they belong to), in the comment lines there."""
    lines = [line.strip() for line in source.splitlines()]
    wrong = []

    def said_why(line: int) -> bool:
        above = line - 2  # the comment lines directly above the import (0-based)
        while above >= 0 and lines[above].startswith("#"):
            if lines[above].startswith("# deferred:") and len(lines[above]) > 14:
                return True
            above -= 1
        return False

    def walk(node: ast.AST, in_function: bool) -> None:
        previous: ast.AST | None = None
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                if (isinstance(previous, ast.Import | ast.ImportFrom)
                        and previous.end_lineno == child.lineno - 1):  # a run: as its first
                    undocumented = previous.lineno in wrong
                else:
                    undocumented = not said_why(child.lineno)
                if undocumented:
                    wrong.append(child.lineno)
            walk(child, in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))
            previous = child

    walk(ast.parse(source), False)
    return wrong


def test_every_import_inside_a_function_says_why():
    """An import belongs at the top of its module. One that waits inside a function does so
    for start-up time (a heavy library only one job needs; the factory's parts, which load
    when an app is built and not whenever a submodule of the package is imported), and
    says so on the line above it: `# deferred: <why>`."""
    wrong = [f"{path.relative_to(ROOT.parent)}:{line}"
             for path in sorted(ROOT.rglob("*.py"))
             for line in _undeferred(path.read_text(encoding="utf-8"))]
    assert wrong == []


def test_the_check_sees_an_import_inside_a_function_without_a_why():
    source = (
        "import os\n"
        "def f():\n"
        "    from mentorship.mentoring.models import Enrolment\n"
        "def g():\n"
        "    # deferred: matplotlib takes 0.5 s to import; only the chart job needs it\n"
        "    from matplotlib.figure import Figure\n"
        "    from matplotlib import pyplot\n"
        "\n"
        "    import numpy\n"
        "class C:\n"
        "    def m(self):\n"
        "        x = 1\n"
        "        # deferred:\n"
        "        import json\n"
        "        import csv\n"
        "        # deferred: the mail sender loads for the mail commands, not with\n"
        "        # every app\n"
        "        import smtplib\n"
        "        # every app\n"
        "        import ssl\n"
        "        # DejaVu ships with matplotlib\n"
        "        # deferred: matplotlib takes 0.25 s to import\n"
        "        import matplotlib\n"
    )
    assert _undeferred(source) == [3, 9, 14, 15, 20]


def _is_view(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "views" or last.endswith("_views") or ".views." in module


def test_only_pages_import_pages():
    """A service, a job or a helper never reaches into a view module: what a page and
    something else share lives beside the services (as trainees/outcomes/exports.py)."""
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        page = (path.stem == "views" or path.stem.endswith("_views") or "views" in path.parts
                or path.name == "blueprints.py")
        if page:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mentorship"):
                named = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                if any(_is_view(m) for m in named):
                    wrong.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert wrong == []
