"""Sessions end after an idle period as well as their lifetime (issue 23, item 4, ASVS
5.0 7.3.1/7.3.2): enforced on the server's session record; the page is told how long is
left (without that question counting as activity) and can ask to stay logged in."""

from __future__ import annotations

import html as html_text
import re
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select, update

from tests.said import flashed


def _session(app, **changes):
    """Move the only session's times (minutes ago) and return them as stored."""
    from mentorship.auth.models import UserSession
    from mentorship.db import utcnow
    from mentorship.extensions import db

    with app.app_context():
        now = utcnow()
        values = {k: now - timedelta(minutes=m) for k, m in changes.items()}
        if values:
            db.session.execute(update(UserSession).values(**values))
            db.session.commit()
        record = db.session.scalars(select(UserSession)).one()
        return now, record.last_seen_at, record.expires_at


def test_a_session_idle_past_the_limit_has_ended(app, client, login_as):
    login_as("participant")
    assert client.get("/").status_code == 200
    _session(app, last_seen_at=31)
    response = client.get("/")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]


@pytest.mark.committed  # the touch is written in a transaction of its own
def test_a_request_in_time_keeps_the_session_and_starts_the_period_again(app, client,
                                                                          login_as):
    login_as("participant")
    _session(app, last_seen_at=29)
    assert client.get("/").status_code == 200
    now, seen, _expires = _session(app)
    assert now - seen < timedelta(seconds=5)


def test_the_lifetime_still_ends_an_active_session(app, client, login_as):
    login_as("participant")
    _session(app, expires_at=1)  # expired a minute ago, used just now
    assert client.get("/").status_code == 302


def test_the_idle_period_is_configurable(app, client, login_as):
    app.config["SESSION_IDLE_MINUTES"] = 5
    login_as("participant")
    _session(app, last_seen_at=6)
    assert client.get("/").status_code == 302


def test_asking_the_time_left_does_not_count_as_activity(app, client, login_as):
    login_as("participant")
    _now, seen, _expires = _session(app, last_seen_at=20)
    response = client.get("/konto/session")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert 9 * 60 <= response.get_json()["seconds_left"] <= 10 * 60
    assert _session(app)[1] == seen  # untouched
    # The lifetime bounds it as well.
    _session(app, expires_at=-3)
    assert response.get_json()["seconds_left"] >= client.get("/konto/session").get_json()[
        "seconds_left"] >= 2 * 60


def test_staying_logged_in_starts_the_period_again(app, client, login_as):
    login_as("participant")
    _session(app, last_seen_at=28)
    response = client.post("/konto/fortsatt", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json()["seconds_left"] >= 29 * 60
    now, seen, _expires = _session(app)
    assert now - seen < timedelta(seconds=5)
    # Without the script: back to the page, with a message.
    response = client.post("/konto/fortsatt", data={"next": "/konto/losenord"})
    assert response.status_code == 302 and response.headers["Location"] == "/konto/losenord"
    assert flashed(client.get("/konto/losenord")) == ["success"]


def test_an_ended_session_cannot_be_kept(app, client, login_as):
    login_as("participant")
    _session(app, last_seen_at=31)
    response = client.post("/konto/fortsatt", headers={"Accept": "application/json"})
    assert response.status_code == 302
    assert client.get("/konto/session").status_code == 302


def test_every_logged_in_page_carries_the_warning(app, client, login_as):
    app.config["SESSION_IDLE_MINUTES"] = 15
    login_as("hr")
    html = client.get("/").get_data(as_text=True)
    assert 'data-idle-seconds="900"' in html and "session.js" in html
    assert 'role="alert" data-session-message' in html
    with app.test_request_context():
        keep = url_for("auth.keep_alive")
    assert f'action="{keep}" data-session-keep' in html  # the way to stay logged in
    assert " 15 " in _attribute(html, "data-warn-text")  # the period, in minutes


def _attribute(html: str, name: str) -> str:
    return html_text.unescape(re.search(rf'{name}="([^"]*)"', html).group(1))


@pytest.mark.wording
def test_the_warning_reads_as_written(app, client, login_as):
    app.config["SESSION_IDLE_MINUTES"] = 15
    login_as("hr")
    html = client.get("/").get_data(as_text=True)
    assert "efter 15 minuter utan aktivitet" in _attribute(html, "data-warn-text")
    assert _attribute(html, "data-kept-text") == "Du är fortfarande inloggad."
    assert "Fortsätt vara inloggad" in html


def test_a_login_page_has_no_warning(client):
    assert "data-session" not in client.get("/logga-in").get_data(as_text=True)
