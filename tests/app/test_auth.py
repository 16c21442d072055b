"""Log in, sessions, throttling and safe redirects."""

import pytest
from sqlalchemy import select

from tests.conftest import DEMO_PASSWORD
from tests.said import form_refused, refused, summary

COOKIE = "mentorship_session"


def copy_cookie(app, client):
    """A second browser holding a copy of the first one's session cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return other


def test_unknown_user_and_wrong_password_get_the_same_message(client, make_user, auth):
    make_user("kim@example.org")
    wrong = auth.login("kim@example.org", "not the password")
    unknown = auth.login("nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    # One message of the form's, no field singled out: nothing tells the two apart.
    assert form_refused(wrong) and form_refused(unknown)
    assert len(summary(wrong)) == 1 and summary(wrong) == summary(unknown)
    assert refused(wrong) == refused(unknown) == set()
    # The typed e-mail is kept, the password is not.
    assert 'value="kim@example.org"' in wrong.get_data(as_text=True)
    assert "<title>Fel:" in wrong.get_data(as_text=True)


def test_login_with_empty_fields_shows_the_forms_errors_tied_to_fields(app, client):
    from mentorship.auth.forms import LoginForm

    html = client.post("/logga-in", data={"email": "", "password": ""}).get_data(as_text=True)
    with app.test_request_context():
        label = str(LoginForm.email.args[0])
        required = str(LoginForm.email.kwargs["validators"][0].message)
    assert refused(html) == {"email"}
    assert summary(html) == [f"{label}: {required}"]
    assert 'aria-describedby="email-error"' in html
    assert 'href="#email"' in html


def test_deactivated_user_cannot_log_in(app, client, make_user, auth):
    user = make_user("gone@example.org")
    from mentorship.auth.models import User
    from mentorship.extensions import db

    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert auth.login("gone@example.org").status_code == 200


def test_session_changes_at_login(app, client, make_user, auth):
    make_user("kim@example.org")
    client.get("/logga-in")
    before = client.get_cookie(COOKIE)
    assert auth.login("kim@example.org").status_code == 302
    after = client.get_cookie(COOKIE)
    assert before is None or before.value != after.value
    if before is not None:
        # The pre-login cookie does not carry the login.
        stale = app.test_client()
        stale.set_cookie(COOKIE, before.value)
        assert stale.get("/").status_code == 302


def test_logout_ends_a_copied_cookie(app, client, make_user, auth):
    make_user("kim@example.org")
    auth.login("kim@example.org")
    thief = copy_cookie(app, client)
    assert thief.get("/").status_code == 200
    auth.logout()
    assert thief.get("/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, make_user, auth):
    make_user("kim@example.org")
    auth.login("kim@example.org")
    copy = copy_cookie(app, client)
    response = client.post(
        "/konto/losenord",
        data={
            "current_password": DEMO_PASSWORD,
            "password": "a-brand-new-password",
            "confirm": "a-brand-new-password",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert copy.get("/").status_code == 302
    assert auth.logout().status_code == 302
    assert auth.login("kim@example.org", "a-brand-new-password").status_code == 302


def test_password_change_with_wrong_current_password_is_refused_on_that_field(
        app, client, login_as):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    user = login_as("participant")
    with app.app_context():
        before = db.session.get(User, user.id).password_hash
    response = client.post(
        "/konto/losenord",
        data={"current_password": "nope", "password": "x" * 12, "confirm": "x" * 12},
    )
    assert response.status_code == 200
    assert refused(response) == {"current_password"}
    with app.app_context():
        assert db.session.get(User, user.id).password_hash == before
    assert client.get("/").status_code == 200  # still logged in


def test_deactivation_ends_every_session(app, client, make_user, auth, login_as):
    target = make_user("kim@example.org")
    other = app.test_client()
    other.post("/logga-in", data={"email": "kim@example.org", "password": DEMO_PASSWORD})
    assert other.get("/").status_code == 200
    login_as("admin")
    assert client.post(f"/personer/{target.id}/avaktivera").status_code == 302
    assert other.get("/").status_code == 302


def test_wrong_passwords_are_throttled_per_account(app, client, make_user, auth):
    from mentorship.errors import _messages

    make_user("kim@example.org")
    make_user("colleague@example.org")
    for _ in range(5):
        assert auth.login("kim@example.org", "wrong").status_code == 200
    throttled = auth.login("kim@example.org", DEMO_PASSWORD)
    assert throttled.status_code == 429
    with app.test_request_context():
        title, _text = _messages()[429]
    assert f"<h1>{title}</h1>" in throttled.get_data(as_text=True)  # the error page
    assert client.get("/").status_code == 302  # not logged in
    # A colleague behind the same address is not locked out.
    assert auth.login("colleague@example.org").status_code == 302


@pytest.mark.wording
def test_the_login_refusals_read_as_written(app, client, make_user, auth, login_as):
    make_user("kim@example.org")
    assert summary(auth.login("kim@example.org", "wrong")) == ["Fel e-postadress eller lösenord."]
    empty = client.post("/logga-in", data={"email": "", "password": ""})
    assert summary(empty) == ["E-postadress: Fyll i din e-postadress."]
    for _ in range(4):
        auth.login("kim@example.org", "wrong")
    assert "För många försök" in auth.login("kim@example.org").get_data(as_text=True)
    login_as("participant")
    wrong_current = client.post(
        "/konto/losenord",
        data={"current_password": "nope", "password": "x" * 12, "confirm": "x" * 12})
    assert "Nuvarande lösenord stämmer inte." in " ".join(summary(wrong_current))


def test_the_address_limit_is_far_above_one_persons_limit(app):
    from limits import parse

    per_account = parse(app.config["LOGIN_LIMIT_PER_ACCOUNT"])
    per_address = parse(app.config["LOGIN_LIMIT_PER_ADDRESS"])
    assert per_address.amount >= 10 * per_account.amount


def test_next_must_stay_on_the_site(client, make_user, auth):
    make_user("kim@example.org")
    for target in ("https://evil.example", "//evil.example", "/\\evil.example", "javascript:x"):
        client.get(f"/logga-in?next={target}")
        response = client.post(
            "/logga-in",
            data={"email": "kim@example.org", "password": DEMO_PASSWORD, "next": target},
        )
        assert response.headers["Location"] == "/", target
        auth.logout()
    response = client.post(
        "/logga-in",
        data={"email": "kim@example.org", "password": DEMO_PASSWORD, "next": "/personer/"},
    )
    assert response.headers["Location"] == "/personer/"


def test_login_records_a_server_side_session(app, make_user, auth):
    from mentorship.auth.models import UserSession
    from mentorship.extensions import db

    user = make_user("kim@example.org")
    auth.login("kim@example.org")
    with app.app_context():
        sessions = db.session.scalars(
            select(UserSession).where(UserSession.user_id == user.id)
        ).all()
        assert len(sessions) == 1 and sessions[0].ended_at is None


@pytest.mark.parametrize(
    "old_params, expected",
    [
        ({"time_cost": 3, "memory_cost": 8192}, "m=1024,t=1,p=1$"),  # another cost
        # argon2-cffi's default of four lanes (hashes made before) becomes OWASP's one.
        ({"time_cost": 1, "memory_cost": 1024, "parallelism": 4}, "m=1024,t=1,p=1$"),
    ],
)
def test_an_old_hash_is_upgraded_at_login(app, make_user, auth, old_params, expected):
    from argon2 import PasswordHasher

    from mentorship.auth.models import User
    from mentorship.extensions import db

    user = make_user("kim@example.org")
    old = PasswordHasher(**old_params).hash(DEMO_PASSWORD)
    with app.app_context():
        db.session.get(User, user.id).password_hash = old
        db.session.commit()
    assert auth.login("kim@example.org").status_code == 302
    with app.app_context():
        new = db.session.get(User, user.id).password_hash
    assert new != old and expected in new
