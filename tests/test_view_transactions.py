"""One way for a page to call a service (docs/conventions.md, "Views"): `carry_out` in
mentorship/forms.py rolls back and shows a refusal on its field, or commits and flashes.
No page catches `ServiceError` or ends the transaction by hand, so the boundary of every
request's transaction is in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from mentorship.extensions import db
from mentorship.forms import carry_out
from mentorship.refusals import ServiceError

ROOT = Path(__file__).resolve().parents[1] / "mentorship"
ENDS_A_TRANSACTION = {"commit", "rollback"}

#: (module, function) -> why it ends a transaction by hand: none is a use case's.
NOT_A_USE_CASE = {
    ("mentorship/ops.py", "ready"): "the readiness probe recovers from a failed connection",
    ("mentorship/auth/sso/flow.py", "_refused"): "a login the app refuses keeps nothing the "
    "provider sent (the provider's refusal is not a ServiceError; its page is its own)",
}


def _defines_routes(tree: ast.AST) -> bool:
    return any(isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "route"
               for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
               for d in node.decorator_list)


def _pages() -> list[Path]:
    """Every module that serves pages: named for its views, or defining routes itself."""
    return sorted(p for p in ROOT.rglob("*.py")
                  if p.stem == "views" or p.stem.endswith("_views") or "views" in p.parts
                  or _defines_routes(ast.parse(p.read_text(encoding="utf-8"))))


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []
        self._function = ""

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self._function = self._function, node.name
        self.generic_visit(node)
        self._function = outer

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            names |= {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
            if "ServiceError" in names:
                self.found.append((node.lineno, self._function, "except ServiceError"))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ENDS_A_TRANSACTION:
            self.found.append((node.lineno, self._function, f"{name}()"))
        self.generic_visit(node)


def _by_hand(path: Path, root: Path = ROOT) -> list[str]:
    finder = _Finder()
    finder.visit(ast.parse(path.read_text(encoding="utf-8")))
    module = path.relative_to(root.parent).as_posix()
    return [f"{module}:{line}: {what}" for line, function, what in sorted(finder.found)
            if (module, function) not in NOT_A_USE_CASE]


def test_the_check_finds_pages():
    pages = {p.relative_to(ROOT.parent).as_posix() for p in _pages()}
    assert len(pages) > 30
    assert {"mentorship/auth/sso/flow.py", "mentorship/ops.py"} <= pages  # routes, not views


def test_no_page_catches_a_refusal_or_ends_the_transaction_by_hand():
    found = [line for path in _pages() for line in _by_hand(path)]
    assert found == []


def test_the_exceptions_are_still_there():
    """An entry goes when its function no longer ends a transaction by hand."""
    still = set()
    for path in _pages():
        finder = _Finder()
        finder.visit(ast.parse(path.read_text(encoding="utf-8")))
        still |= {(path.relative_to(ROOT.parent).as_posix(), f) for _l, f, _w in finder.found}
    assert set(NOT_A_USE_CASE) <= still


def test_the_check_sees_a_hand_written_transaction(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def v():\n    try:\n        s()\n    except ServiceError:\n"
                      "        db.session.rollback()\n    commit()\n", encoding="utf-8")
    assert [line.split(":", 1)[1] for line in _by_hand(sample, tmp_path / "m")] == [
        "4: except ServiceError", "5: rollback()", "6: commit()"]
    routes = tmp_path / "flow.py"
    routes.write_text("@bp.route('/x')\ndef x():\n    pass\n", encoding="utf-8")
    assert _defines_routes(ast.parse(routes.read_text(encoding="utf-8")))


class _Form(FlaskForm):
    class Meta:
        csrf = False

    name = StringField()


@pytest.fixture
def request_ctx(app):
    with app.test_request_context("/", method="POST"):
        yield


def _refuse(field=None):
    raise ServiceError("nej", field=field)


def test_a_refusal_is_rolled_back_and_shown_on_its_field(request_ctx, monkeypatch):
    calls = []
    monkeypatch.setattr(db.session, "rollback", lambda: calls.append("rollback"))
    monkeypatch.setattr(db.session, "commit", lambda: calls.append("commit"))
    form = _Form()
    with carry_out(form, "ja") as done:
        _refuse("name")
    assert not done and done.error is not None and calls == ["rollback"]
    assert form.name.errors == ["nej"] and get_flashed_messages() == []


def test_a_refusal_without_a_field_goes_above_the_form(request_ctx, monkeypatch):
    monkeypatch.setattr(db.session, "rollback", lambda: None)
    form = _Form()
    with carry_out(form) as done:
        _refuse("missing")
    assert not done and form.form_errors == ["nej"]


def test_a_refusal_without_a_form_is_flashed_as_an_error(request_ctx, monkeypatch):
    monkeypatch.setattr(db.session, "rollback", lambda: None)
    with carry_out(success="ja") as done:
        _refuse()
    assert not done
    assert get_flashed_messages(with_categories=True) == [("error", "nej")]


def test_success_commits_then_flashes_what_the_block_says(request_ctx, monkeypatch):
    calls = []
    monkeypatch.setattr(db.session, "commit", lambda: calls.append("commit"))
    with carry_out(success="först") as done:
        done.value = 7
        done.success = "sedan"
    assert done and done.value == 7 and calls == ["commit"]
    assert get_flashed_messages(with_categories=True) == [("success", "sedan")]


def test_other_errors_are_not_swallowed(request_ctx):
    with pytest.raises(KeyError), carry_out():
        raise KeyError("x")


def test_a_check_neither_commits_nor_rolls_back(request_ctx, monkeypatch):
    calls = []
    monkeypatch.setattr(db.session, "rollback", lambda: calls.append("rollback"))
    monkeypatch.setattr(db.session, "commit", lambda: calls.append("commit"))
    with carry_out(saves=False) as done:
        pass
    assert done and calls == []
    form = _Form()
    with carry_out(form, saves=False) as done:
        _refuse("name")
    assert not done and form.name.errors == ["nej"] and calls == []
