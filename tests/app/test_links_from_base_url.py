"""Issue 11.5: every link in an e-mail comes from BASE_URL, never from the Host header."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from tests.conftest import DEMO_PASSWORD, make_test_config

HOST = {"Host": "evil.example"}
BASE = "https://mentor.example.org/mentorskap-app"


def _bodies(app) -> list[str]:
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [m.body for m in messages]


def _links(bodies: list[str]) -> list[str]:
    return [link for body in bodies for link in re.findall(r"https?://\S+", body)]


def test_password_reset_link_ignores_a_forged_host(app, client, make_user):
    app.config["BASE_URL"] = BASE
    make_user("kim@example.org")
    response = client.post(
        "/glomt-losenord", data={"email": "kim@example.org"},
        headers={**HOST, "X-Forwarded-Host": "evil.example"},
    )
    assert response.status_code == 302
    links = _links(_bodies(app))
    assert len(links) == 1 and links[0].startswith(BASE + "/nytt-losenord/"), links
    # The link works on the real site.
    path = links[0][len(BASE):]
    assert client.get(path).status_code == 200


def login_on_forged_host(client, email: str) -> None:
    response = client.post(
        "/logga-in", data={"email": email, "password": DEMO_PASSWORD}, headers=HOST
    )
    assert response.status_code == 302


def test_invitation_link_ignores_a_forged_host(app, client, make_user):
    app.config["BASE_URL"] = BASE
    make_user("chef@example.org", roles=("admin",))
    login_on_forged_host(client, "chef@example.org")
    client.post(
        "/personer/bjud-in",
        data={"email": "ny@example.org", "name": "Ny", "municipality_id": 1,
              "roles": ["participant"]},
        headers=HOST,
    )
    links = _links(_bodies(app))
    assert links and all(link.startswith(BASE + "/inbjudan/") for link in links), links


def test_production_refuses_to_start_without_a_base_url(tmp_path, monkeypatch):
    from mentorship import create_app

    monkeypatch.delenv("MENTORSHIP_BASE_URL", raising=False)
    monkeypatch.setenv("MENTORSHIP_ENV", "production")
    config = make_test_config("sqlite:///" + str(tmp_path / "x.sqlite"), str(tmp_path))
    config.pop("TESTING")
    config.pop("BASE_URL")
    config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379/0"
    with pytest.raises(RuntimeError, match="MENTORSHIP_BASE_URL"):
        create_app(config)
