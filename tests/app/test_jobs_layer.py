"""Issue 28.1 (its jobs part): the jobs package names no feature.

Each feature registers its tasks and its large exports (`Feature.jobs`) as it registers its
menu entries and privacy provider; `mentorship/jobs/` imports no programme, no view module
of another package and not the app factory, at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "mentorship"
JOBS = PACKAGE / "jobs"


def feature_packages() -> set[str]:
    """Every package that describes itself to the core in a feature.py."""
    return {f"mentorship.{path.parent.name}" for path in PACKAGE.glob("*/feature.py")}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, inside functions too; a name imported
    from a package counts as the module `package.name`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def forbidden(module: str) -> str | None:
    if module == "mentorship.create_app":
        return "the app factory"
    for feature in feature_packages():
        if module == feature or module.startswith(feature + "."):
            return f"the feature {feature}"
    parts = module.split(".")
    if module.startswith("mentorship.") and not module.startswith("mentorship.jobs.") and any(
            part == "views" or part.endswith("_views") for part in parts):
        return "a view module"
    return None


def test_the_features_are_found():
    assert {"mentorship.mentoring", "mentorship.trainees",
            "mentorship.networks"} <= feature_packages()


def test_the_jobs_package_imports_no_feature_view_or_factory():
    problems = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module} ({why})"
        for path in sorted(JOBS.rglob("*.py"))
        for line, module in imports(path)
        if (why := forbidden(module))
    ]
    assert not problems, "\n".join(problems)


def test_the_scan_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from mentorship.mentoring.models import MentorRound\n"
                      "    from mentorship import create_app\n")
    assert [(line, m) for line, m in imports(sample) if forbidden(m)] == [
        (2, "mentorship.mentoring.models"), (2, "mentorship.mentoring.models.MentorRound"),
        (3, "mentorship.create_app")]
    assert forbidden("mentorship.create_app") != forbidden("mentorship.mentoring.models")
    assert forbidden("mentorship.db") is None


def test_every_registered_task_and_export_is_found(app):
    import importlib

    from mentorship.features import features
    from mentorship.jobs.registry import export_sources, tasks

    with app.app_context():
        expected_tasks, expected_exports = {"export_file"}, set()
        for feature in features():
            if feature.jobs:
                module = importlib.import_module(feature.jobs)
                expected_tasks |= set(module.TASKS)
                expected_exports |= set(getattr(module, "EXPORTS", {}))
        assert set(tasks()) == expected_tasks
        assert set(export_sources()) == expected_exports
        assert {"match_round", "publish_round", "import_enrolments",
                "import_trainee_history"} <= expected_tasks
