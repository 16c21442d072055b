"""Invitations and password resets: single-use, expiring links delivered via the outbox."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from mentorship.auth.models import UserToken
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from tests.said import flashed, flashes, refused, summary


def last_link(app, kind: str) -> str:
    with app.app_context():
        message = db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id.desc())
        ).first()
        return re.search(rf"http://localhost(/{kind}/\S+)", message.body).group(1)


def invite(client, **data):
    payload = {
        "email": "ny@example.org",
        "name": "Ny Person",
        "municipality_id": 1,
        "roles": ["participant"],
    }
    payload.update(data)
    return client.post("/personer/bjud-in", data=payload)


def test_invitation_link_sets_password_once(app, client, login_as, auth):
    login_as("admin")
    assert invite(client).status_code == 302
    link = last_link(app, "inbjudan")
    auth.logout()
    assert client.get(link).status_code == 200
    done = client.post(link, data={"password": "ett-bra-losenord", "confirm": "ett-bra-losenord"})
    assert done.status_code == 302
    assert auth.login("ny@example.org", "ett-bra-losenord").status_code == 302
    auth.logout()
    again = client.get(link)
    assert again.status_code == 404
    _assert_the_link_page_says_it_does_not_work(app, again)


def _assert_the_link_page_says_it_does_not_work(app, response):
    """The link's own page (no password form, a way to ask for a new link), not a bare 404."""
    from flask import url_for

    with app.test_request_context():
        ask_again = url_for("auth.forgot_password")
    html = response.get_data(as_text=True)
    assert f'href="{ask_again}"' in html and 'name="password"' not in html


def test_expired_invitation_is_refused(app, client, login_as, auth):
    login_as("admin")
    invite(client)
    link = last_link(app, "inbjudan")
    with app.app_context():
        from mentorship.db import utcnow

        db.session.execute(update(UserToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    auth.logout()
    expired = client.get(link)
    assert expired.status_code == 404
    _assert_the_link_page_says_it_does_not_work(app, expired)
    post = client.post(link, data={"password": "ett-bra-losenord", "confirm": "ett-bra-losenord"})
    assert post.status_code == 404


def _short_and_unequal(app, client, login_as, auth):
    login_as("admin")
    invite(client)
    link = last_link(app, "inbjudan")
    auth.logout()
    return link, client.post(link, data={"password": "kort", "confirm": "annat"})


def test_short_password_keeps_the_form_and_says_why(app, client, login_as, auth):
    from mentorship.auth.forms import NewPasswordForm
    from mentorship.auth.models import User

    link, response = _short_and_unequal(app, client, login_as, auth)
    assert response.status_code == 200
    assert refused(response) == {"password", "confirm"}
    with app.test_request_context():
        too_short = str(NewPasswordForm.password.kwargs["validators"][1].message)
        unequal = str(NewPasswordForm.confirm.kwargs["validators"][1].message)
    shown = " ".join(summary(response))
    assert too_short in shown and unequal in shown
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ny@example.org"))
        assert user.password_hash is None
    assert client.get(link).status_code == 200  # the link still works


@pytest.mark.wording
def test_the_password_and_link_pages_read_as_written(app, client, login_as, auth):
    _link, response = _short_and_unequal(app, client, login_as, auth)
    html = response.get_data(as_text=True)
    assert "Lösenordet måste ha minst 10 tecken." in html
    assert "Lösenorden är inte lika." in html
    assert "<h1>Länken fungerar inte</h1>" in client.get("/inbjudan/ingen-sadan").get_data(
        as_text=True)
    reset = client.post("/glomt-losenord", data={"email": "x@example.org"},
                        follow_redirects=True)
    assert flashes(reset)[0][1].startswith("Om adressen finns hos oss skickar vi en länk")


def test_a_new_invitation_replaces_the_old_link(app, client, login_as):
    admin = login_as("admin")
    assert admin
    invite(client)
    first = last_link(app, "inbjudan")
    with app.app_context():
        from mentorship.auth.models import User

        user_id = db.session.scalar(select(User.id).where(User.email == "ny@example.org"))
    assert client.post(f"/personer/{user_id}/skicka-inbjudan").status_code == 302
    second = last_link(app, "inbjudan")
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_reset_says_the_same_whether_or_not_the_account_exists(app, client, make_user):
    make_user("kim@example.org")
    known = client.post("/glomt-losenord", data={"email": "kim@example.org"}, follow_redirects=True)
    unknown = client.post("/glomt-losenord", data={"email": "x@example.org"}, follow_redirects=True)
    assert known.request.path == unknown.request.path == "/logga-in"
    assert flashed(known) == ["info"] and flashes(known) == flashes(unknown)
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert recipients == ["kim@example.org"]


def test_reset_link_works_once_and_ends_sessions(app, client, make_user, auth):
    make_user("kim@example.org")
    other = app.test_client()
    other.post("/logga-in", data={"email": "kim@example.org", "password": "correct horse battery"})
    client.post("/glomt-losenord", data={"email": "kim@example.org"})
    link = last_link(app, "nytt-losenord")
    assert (
        client.post(
            link, data={"password": "nytt-losenord-1", "confirm": "nytt-losenord-1"}
        ).status_code
        == 302
    )
    assert other.get("/").status_code == 302
    assert auth.login("kim@example.org", "nytt-losenord-1").status_code == 302
    assert client.get(link).status_code == 404


def test_tokens_are_stored_hashed(app, client, login_as):
    login_as("admin")
    invite(client)
    link = last_link(app, "inbjudan")
    raw = link.rsplit("/", 1)[1]
    with app.app_context():
        hashes = db.session.scalars(select(UserToken.token_hash)).all()
    assert raw not in hashes and len(hashes) == 1


def test_the_worker_delivers_and_forgets_the_link(app, client, login_as):
    app.config.update(MAIL_SERVER="smtp.example.org", MAIL_BACKEND="locmem")
    login_as("admin")
    invite(client)
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.sent_at is None  # the request only queued it
    result = app.test_cli_runner().invoke(args=["mail", "deliver"])
    assert "Skickade: 1" in result.output, result.output
    assert [m["To"] for m in app.extensions["sent_mail"]][-1] == "ny@example.org"
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.sent_at is not None and message.body == "" and message.attempts == 1
