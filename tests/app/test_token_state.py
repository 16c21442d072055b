"""Issue 11.6: invitation and reset links die with the account state they were issued for."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from tests.app.test_invitations import invite, last_link
from tests.conftest import DEMO_PASSWORD


def _reset_link(app, client, email: str) -> str:
    assert client.post("/glomt-losenord", data={"email": email}).status_code == 302
    return last_link(app, "nytt-losenord")


def test_links_issued_before_a_deactivation_stay_dead_after_reactivation(
    app, client, make_user, login_as, auth
):
    person = make_user("kim@example.org")
    reset = _reset_link(app, client, "kim@example.org")
    login_as("admin")
    invite(client, email="ny@example.org")
    invitation = last_link(app, "inbjudan")
    with app.app_context():
        invited = db.session.scalar(select(User.id).where(User.email == "ny@example.org"))
    for user_id in (person.id, invited):
        assert client.post(f"/personer/{user_id}/avaktivera").status_code == 302
        assert client.post(f"/personer/{user_id}/aktivera").status_code == 302
    auth.logout()
    for link in (reset, invitation):
        assert client.get(link).status_code == 404, link
        done = client.post(link, data={"password": "ett-nytt-losenord", "confirm":
                                       "ett-nytt-losenord"})
        assert done.status_code == 404, link
    assert auth.login("kim@example.org").status_code == 302  # the old password still holds


def test_a_new_password_kills_an_outstanding_reset_link(app, client, make_user, auth):
    make_user("kim@example.org")
    link = _reset_link(app, client, "kim@example.org")
    auth.login("kim@example.org")
    assert client.post(
        "/konto/losenord",
        data={"current_password": DEMO_PASSWORD, "password": "ett-nytt-losenord",
              "confirm": "ett-nytt-losenord"},
    ).status_code == 302
    auth.logout()
    assert client.get(link).status_code == 404


def test_a_changed_address_kills_an_outstanding_link(app, client, make_user):
    person = make_user("kim@example.org")
    link = _reset_link(app, client, "kim@example.org")
    assert client.get(link).status_code == 200
    with app.app_context():
        user = db.session.get(User, person.id)
        user.email = "kim.annan@example.org"
        db.session.commit()
    assert client.get(link).status_code == 404
