"""Erased people's accounts: kept without personal data for the figures, out of the way of
the people list, and closed to every change that would move those figures."""

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.reference.models import Municipality


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
    assert "Kvar Här" in listed and "Borttagen person" not in listed
    for status in ("active", "inactive", "invited"):
        html = client.get(f"/personer/?status={status}").get_data(as_text=True)
        assert f"/personer/{person.id}\"" not in html, status
    erased = client.get("/personer/?status=erased").get_data(as_text=True)
    assert "Borttagen person" in erased and f"/personer/{person.id}\"" in erased
    assert "Kvar Här" not in erased and "Raderad" in erased


def test_an_erased_account_cannot_be_changed_reactivated_or_erased_again(
    app, client, make_user, login_as
):
    person = _erased(client, make_user, login_as, app)
    with app.app_context():
        bjuv = db.session.scalar(select(Municipality.id).where(Municipality.name == "Bjuv"))
        before = db.session.get(User, person.id)
        municipality_id, email = before.municipality_id, before.email
    page = client.get(f"/personer/{person.id}").get_data(as_text=True)
    assert "Personens uppgifter är raderade" in page
    assert "Aktivera kontot igen" not in page and "Ändra uppgifter" not in page

    edit = client.post(f"/personer/{person.id}", data={
        "name": "Nytt Namn", "municipality_id": str(bjuv), "roles": ["admin"]})
    assert edit.status_code == 200
    assert "Kontot kan inte ändras" in edit.get_data(as_text=True)
    reactivate = client.post(f"/personer/{person.id}/aktivera", follow_redirects=True)
    assert "Kontot kan inte ändras" in reactivate.get_data(as_text=True)
    resend = client.post(f"/personer/{person.id}/skicka-inbjudan", follow_redirects=True)
    assert "Kontot kan inte ändras" in resend.get_data(as_text=True)
    again = client.post(f"/personer/{person.id}/radera", follow_redirects=True)
    assert "redan raderad" in again.get_data(as_text=True)

    with app.app_context():
        user = db.session.get(User, person.id)
        assert (user.name, user.municipality_id, user.email) == (
            "Borttagen person", municipality_id, email)
        assert not user.active and user.password_hash is None and not user.roles


def test_nobody_can_be_invited_under_an_erased_address(app, client, login_as):
    login_as("admin")
    html = client.post("/personer/bjud-in", data={
        "email": "Raderad-7@invalid.example", "name": "Falsk", "municipality_id": 1,
        "roles": ["participant"]}).get_data(as_text=True)
    assert "<title>Fel:" in html and "Skriv e-postadressen som namn@exempel.se." in html
    with app.app_context():
        assert db.session.scalar(select(User).where(User.name == "Falsk")) is None
