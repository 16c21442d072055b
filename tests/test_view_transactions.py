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


def _pages() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py")
                  if p.stem == "views" or p.stem.endswith("_views") or "views" in p.parts)


def _by_hand(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            names |= {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
            if "ServiceError" in names:
                found.append((node.lineno, "except ServiceError"))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ENDS_A_TRANSACTION:
                found.append((node.lineno, f"{name}()"))
    return [f"{path.relative_to(root.parent)}:{line}: {what}" for line, what in sorted(found)]


def test_the_check_finds_pages():
    assert len(_pages()) > 30


def test_no_page_catches_a_refusal_or_ends_the_transaction_by_hand():
    found = [line for path in _pages() for line in _by_hand(path)]
    assert found == []


def test_the_check_sees_a_hand_written_transaction(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def v():\n    try:\n        s()\n    except ServiceError:\n"
                      "        db.session.rollback()\n    commit()\n", encoding="utf-8")
    assert [line.split(":", 1)[1] for line in _by_hand(sample, tmp_path / "m")] == [
        "4: except ServiceError", "5: rollback()", "6: commit()"]


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
