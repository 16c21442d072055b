"""The core never names a feature: the start page, the menu and the privacy providers come
from what each feature registers (mentorship/features.py), so no import runs in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2] / "mentorship"
FEATURES = ("mentorship.mentoring", "mentorship.trainees", "mentorship.networks",
            "mentorship.feeds", "mentorship.reports")
CORE = ("main", "privacy", "events")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_core_imports_no_feature():
    for package in CORE:
        for path in (ROOT / package).glob("*.py"):
            named = {m for m in _imports(path) if m.startswith(FEATURES)}
            assert not named, f"{path.relative_to(ROOT)} imports {sorted(named)}"


def test_no_feature_imports_the_core_start_page():
    for feature in FEATURES:
        for path in (ROOT / feature.split(".")[1]).rglob("*.py"):
            assert "mentorship.main.start" not in _imports(path), path.relative_to(ROOT)


def test_every_feature_is_registered_once_in_order(app):
    from mentorship.features import features
    from mentorship.privacy.providers import providers

    with app.app_context():
        assert [f.name for f in features()] == ["mentoring", "trainees", "feeds", "networks",
                                                 "reports"]
        assert [p.__name__ for p in providers()] == [
            "mentorship.privacy.foundation", "mentorship.mentoring.privacy",
            "mentorship.trainees.privacy", "mentorship.feeds.privacy",
            "mentorship.networks.privacy",
        ]


def test_nothing_imports_the_year_report():
    """The year's report reads every programme; only the places that register a feature's
    blueprint, models and job functions name it."""
    allowed = {ROOT / "blueprints.py", ROOT / "models.py"}
    for path in ROOT.rglob("*.py"):
        if path in allowed or (ROOT / "reports") in path.parents:
            continue
        named = {m for m in _imports(path) if m.startswith("mentorship.reports")}
        assert not named, f"{path.relative_to(ROOT)} imports {sorted(named)}"
