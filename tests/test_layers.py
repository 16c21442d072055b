"""The floors of the house (docs/conventions.md, "Layers"): a module imports only from its
own floor or the floors below, and the programmes never import each other.

Every import counts, the ones inside functions too: an import moved into a function to
dodge a cycle is still a dependency. A new package or top-level module of `mentorship`
must be given its floor here, or this test fails.
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
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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
