"""Erased people's accounts: kept without personal data for the figures, out of the way of
the people list, and closed to every change that would move those figures."""

import pytest
from flask import url_for
from sqlalchemy import select

from mentorship.auth.models import ERASED_NAME, User
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from tests.said import flashed, form_refused, refused


def _erased(client, make_user, login_as, app):
    person = make_user("radera.mig@example.org", name="Radera Mig", municipality="Klippan")
    make_user("kvar@example.org", name="Kvar Här", municipality="Klippan")
    login_as("admin")
    assert client.post(f"/personer/{person.id}/radera").status_code == 302
    with app.app_context():
        assert db.session.get(User, person.id).is_erased
    return person


def test_the_people_list_shows_erased_accounts_only_when_asked_for(
    app, client, make_user, login_as
):
    person = _erased(client, make_user, login_as, app)
    listed = client.get("/personer/?q=&status=").get_data(as_text=True)
    assert "Kvar Här" in listed and ERASED_NAME not in listed
    for status in ("active", "inactive", "invited"):
        html = client.get(f"/personer/?status={status}").get_data(as_text=True)
        assert f"/personer/{person.id}\"" not in html, status
    erased = client.get("/personer/?status=erased").get_data(as_text=True)
    assert ERASED_NAME in erased and f"/personer/{person.id}\"" in erased
    assert "Kvar Här" not in erased and "Raderad" in erased


def _erased_by_service(app, make_user):
    """An admin and a person the admin erased (through the privacy service)."""
    from mentorship.privacy.services import erase_person

    admin = make_user("admin.radera@example.org", roles=("admin",))
    person = make_user("radera.mig@example.org", name="Radera Mig", municipality="Klippan")
    with app.test_request_context():
        erase_person(db.session.get(User, admin.id), db.session.get(User, person.id))
        db.session.commit()
    return admin, person


def _refusals(actor: User, user: User, bjuv: int) -> dict[str, ServiceError]:
    """What each change of an erased account raises."""
    from mentorship.people import services
    from mentorship.privacy.services import erase_person

    tries = {
        "update": lambda: services.update_user(actor, user, services.UserChange(
            "Nytt Namn", bjuv, ("admin",))),
        "reactivate": lambda: services.set_active(actor, user, True),
        "resend": lambda: services.resend_invitation(actor, user),
        "erase": lambda: erase_person(actor, user),
    }
    found = {}
    for name, attempt in tries.items():
        with pytest.raises(ServiceError) as err:
            attempt()
        found[name] = err.value
    return found


def test_an_erased_account_cannot_be_changed_reactivated_or_erased_again(app, make_user):
    admin, person = _erased_by_service(app, make_user)
    with app.test_request_context():
        bjuv = db.session.scalar(select(Municipality.id).where(Municipality.name == "Bjuv"))
        user = db.session.get(User, person.id)
        municipality_id, email = user.municipality_id, user.email
        refusals = _refusals(db.session.get(User, admin.id), user, bjuv)
        # One refusal for every change of the account (none of a form's fields); erasing
        # again is refused on its own ground.
        assert all(r.field is None for r in refusals.values())
        same = {refusals[n].message for n in ("update", "reactivate", "resend")}
        assert len(same) == 1 and refusals["erase"].message not in same
        assert (user.name, user.municipality_id, user.email) == (
            ERASED_NAME, municipality_id, email)
        assert not user.active and user.password_hash is None and not user.roles


def test_an_erased_persons_page_offers_no_change_and_refuses_every_post(
    app, client, make_user, login_as
):
    person = _erased(client, make_user, login_as, app)
    with app.app_context():
        bjuv = db.session.scalar(select(Municipality.id).where(Municipality.name == "Bjuv"))
        before = db.session.get(User, person.id)
        municipality_id, email = before.municipality_id, before.email
    with app.test_request_context():
        actions = [url_for(endpoint, user_id=person.id) for endpoint in (
            "people.reactivate", "people.deactivate", "people.resend", "privacy.erase")]
    page = client.get(f"/personer/{person.id}").get_data(as_text=True)
    assert ERASED_NAME in page
    assert not any(f'"{url}"' in page for url in actions)
    assert 'name="municipality_id"' not in page  # no form to change the details

    edit = client.post(f"/personer/{person.id}", data={
        "name": "Nytt Namn", "municipality_id": str(bjuv), "roles": ["admin"]})
    assert edit.status_code == 200 and form_refused(edit)
    for url in actions[0:1] + actions[2:]:
        answer = client.post(url)
        assert answer.headers["Location"] == f"/personer/{person.id}", url
        assert flashed(client.get(answer.headers["Location"])) == ["error"], url

    with app.app_context():
        user = db.session.get(User, person.id)
        assert (user.name, user.municipality_id, user.email) == (
            ERASED_NAME, municipality_id, email)
        assert not user.active and user.password_hash is None and not user.roles


@pytest.mark.wording
def test_an_erased_account_says_why_it_cannot_be_changed(app, client, make_user, login_as):
    admin, person = _erased_by_service(app, make_user)
    with app.test_request_context():
        refusals = _refusals(db.session.get(User, admin.id), db.session.get(User, person.id), 1)
    assert refusals["update"].message == (
        "Personens uppgifter är raderade. Kontot kan inte ändras.")
    assert refusals["erase"].message == "Personen är redan raderad."
    login_as("admin")
    page = client.get(f"/personer/{person.id}").get_data(as_text=True)
    assert "Personens uppgifter är raderade. Kontot finns kvar utan personuppgifter" in page


def test_nobody_can_be_invited_under_an_erased_address(app, client, login_as):
    login_as("admin")
    html = client.post("/personer/bjud-in", data={
        "email": "Raderad-7@invalid.example", "name": "Falsk", "municipality_id": 1,
        "roles": ["participant"]}).get_data(as_text=True)
    assert "<title>Fel:" in html and refused(html) == {"email"}
    with app.app_context():
        assert db.session.scalar(select(User).where(User.name == "Falsk")) is None
