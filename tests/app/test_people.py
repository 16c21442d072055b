"""User administration and its scoping: admins everything, HR their municipality."""

import pytest
from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from tests.said import refused, statuses


def municipality_id(app, name):
    with app.app_context():
        return db.session.scalar(select(Municipality.id).where(Municipality.name == name))


def roles_of(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id).role_names


def test_admin_lists_searches_and_filters(app, client, make_user, login_as):
    make_user("anna@example.org", name="Anna Berg", municipality="Bjuv")
    make_user("bo@example.org", name="Bo Ek", municipality="Klippan", roles=("hr",))
    login_as("admin")
    html = client.get("/personer/").get_data(as_text=True)
    assert "Anna Berg" in html and "Bo Ek" in html
    html = client.get("/personer/?q=berg").get_data(as_text=True)
    assert "Anna Berg" in html and "Bo Ek" not in html
    klippan = municipality_id(app, "Klippan")
    html = client.get(f"/personer/?municipality={klippan}").get_data(as_text=True)
    assert "Bo Ek" in html and "Anna Berg" not in html
    html = client.get("/personer/?role=hr").get_data(as_text=True)
    assert "Bo Ek" in html and "Anna Berg" not in html
    html = client.get("/personer/?q=ingen-sadan").get_data(as_text=True)
    assert statuses(html)[0].startswith("0 ") and "<table>" not in html  # the empty state


def test_people_list_query_count_does_not_grow_with_rows(
    app, client, make_user, login_as, count_queries
):
    login_as("admin")
    for i in range(3):
        make_user(f"p{i}@example.org", municipality="Bjuv")
    with count_queries() as few:
        client.get("/personer/")
    for i in range(3, 30):
        make_user(
            f"p{i}@example.org",
            municipality=["Bjuv", "Perstorp", "Svalöv"][i % 3],
            roles=("participant", "hr") if i % 5 == 0 else ("participant",),
        )
    with count_queries() as many:
        client.get("/personer/")
    assert many.count == few.count, many.statements


def test_hr_sees_only_their_municipality(app, client, make_user, login_as):
    own = make_user("own@example.org", name="Egen Person", municipality="Bjuv")
    other = make_user("other@example.org", name="Annan Person", municipality="Klippan")
    login_as("hr", municipality="Bjuv")
    html = client.get("/personer/").get_data(as_text=True)
    assert "Egen Person" in html and "Annan Person" not in html
    # Filtering by another municipality does not widen the scope.
    klippan = municipality_id(app, "Klippan")
    assert "Annan Person" not in client.get(f"/personer/?municipality={klippan}").get_data(
        as_text=True
    )
    assert client.get(f"/personer/{own.id}").status_code == 200
    for path in (f"/personer/{other.id}", f"/personer/{other.id}/avaktivera"):
        assert client.get(path).status_code == 404
    assert (
        client.post(
            f"/personer/{other.id}",
            data={"name": "x", "municipality_id": klippan, "roles": ["participant"]},
        ).status_code
        == 404
    )
    assert client.post(f"/personer/{other.id}/skicka-inbjudan").status_code == 404


def test_participant_may_not_administer_people(client, make_user, login_as):
    someone = make_user("someone@example.org")
    login_as("participant")
    assert client.get("/personer/").status_code == 403
    assert client.get(f"/personer/{someone.id}").status_code == 403


def test_hr_invites_only_participants_in_their_own_municipality(app, client, login_as):
    login_as("hr", municipality="Bjuv")
    klippan = municipality_id(app, "Klippan")
    response = client.post(
        "/personer/bjud-in",
        data={
            "email": "ny@example.org",
            "name": "Ny",
            "municipality_id": klippan,
            "roles": ["participant"],
        },
    )
    # Klippan is not even offered; the person lands in Bjuv or the form refuses.
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ny@example.org"))
        assert user is None or user.municipality.name == "Bjuv"
    response = client.post(
        "/personer/bjud-in",
        data={
            "email": "boss@example.org",
            "name": "Boss",
            "municipality_id": municipality_id(app, "Bjuv"),
            "roles": ["admin"],
        },
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "boss@example.org")) is None


def _invite_no_address(client):
    return client.post(
        "/personer/bjud-in",
        data={
            "email": "inte-en-adress",
            "name": "Kvar Namn",
            "municipality_id": 1,
            "roles": ["participant"],
        },
    ).get_data(as_text=True)


def test_invite_errors_keep_typed_values(client, login_as):
    login_as("admin")
    html = _invite_no_address(client)
    assert refused(html) == {"email"}
    assert 'value="inte-en-adress"' in html and 'value="Kvar Namn"' in html
    assert "<title>Fel:" in html


def _invite_again(client):
    return client.post(
        "/personer/bjud-in",
        data={
            "email": "FINNS@example.org",
            "name": "X",
            "municipality_id": 1,
            "roles": ["participant"],
        },
    )


def test_invite_twice_is_refused_with_a_message(app, client, login_as, make_user):
    from mentorship.duplicates import messages

    make_user("finns@example.org")
    login_as("admin")
    response = _invite_again(client)
    assert response.status_code == 200 and refused(response) == {"email"}
    with app.test_request_context():
        taken = messages()["uq_user_account_email"]  # the words of the race's loser too
    assert taken in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User).where(
            func.lower(User.email) == "finns@example.org")) == 1


def test_admin_changes_roles_and_municipality(app, client, make_user, login_as):
    person = make_user("p@example.org", municipality="Bjuv")
    login_as("admin")
    klippan = municipality_id(app, "Klippan")
    response = client.post(
        f"/personer/{person.id}",
        data={"name": "Nytt Namn", "municipality_id": klippan, "roles": ["participant", "hr"]},
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.name == "Nytt Namn" and user.municipality.name == "Klippan"
        assert user.role_names == {"participant", "hr"}


def test_extra_fields_from_hr_change_nothing_they_may_not(app, client, make_user, login_as):
    person = make_user("p@example.org", municipality="Bjuv", roles=("participant", "admin"))
    login_as("hr", municipality="Bjuv")
    client.post(
        f"/personer/{person.id}",
        data={
            "name": "P",
            "municipality_id": municipality_id(app, "Klippan"),
            "roles": ["participant", "hr"],
            "user_id": 1,
            "role": "admin",
        },
    )
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.municipality.name == "Bjuv"
        assert "hr" not in user.role_names and "admin" in user.role_names


def test_admin_cannot_remove_own_admin_role_or_deactivate_self(app, client, login_as):
    me = login_as("admin")
    response = _drop_own_admin_role(client, me)
    assert response.status_code == 200 and refused(response) == {"roles"}
    assert roles_of(app, me.id) == {"admin"}
    client.post(f"/personer/{me.id}/avaktivera")
    assert roles_of(app, me.id) == {"admin"}
    assert client.get("/").status_code == 200


def _drop_own_admin_role(client, me):
    return client.post(
        f"/personer/{me.id}",
        data={"name": "Me", "municipality_id": me.municipality_id, "roles": ["participant"]},
    )


@pytest.mark.wording
def test_the_people_pages_read_as_written(client, login_as, make_user):
    make_user("finns@example.org")
    me = login_as("admin")
    assert "Ingen person matchar sökningen." in client.get("/personer/?q=ingen-sadan").get_data(
        as_text=True)
    assert "Skriv e-postadressen som namn@exempel.se." in _invite_no_address(client)
    assert "Det finns redan ett konto med den e-postadressen." in _invite_again(
        client).get_data(as_text=True)
    assert "Du kan inte ta bort din egen administratörsroll." in _drop_own_admin_role(
        client, me).get_data(as_text=True)


def test_deactivate_asks_first_then_acts(app, client, make_user, login_as):
    person = make_user("p@example.org")
    login_as("admin")
    confirm = client.get(f"/personer/{person.id}/avaktivera")
    assert "Avaktivera" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, person.id).active
    client.post(f"/personer/{person.id}/avaktivera")
    with app.app_context():
        assert not db.session.get(User, person.id).active
    client.post(f"/personer/{person.id}/aktivera")
    with app.app_context():
        assert db.session.get(User, person.id).active
