"""Issue 11.1: nobody reads or changes a person holding a role they do not hold."""

from __future__ import annotations

from mentorship.auth.models import User
from mentorship.extensions import db
from tests.conftest import DEMO_PASSWORD

PEOPLE_ENDPOINTS_WITH_A_PERSON = {
    "people.show",
    "people.deactivate",
    "people.reactivate",
    "people.resend",
    "privacy.erase",
}


def _person_routes(app, user_id: int) -> list[tuple[str, str, set[str]]]:
    from flask import url_for

    routes = []
    for rule in app.url_map.iter_rules():
        if "user_id" not in rule.arguments:
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, user_id=user_id)
        routes.append((rule.endpoint, url, set(rule.methods) & {"GET", "POST"}))
    return sorted(routes)


def _state(app, user_id: int) -> tuple:
    with app.app_context():
        user = db.session.get(User, user_id)
        return (user.name, user.email, user.municipality_id, user.active,
                user.password_hash, sorted(user.role_names))


def test_hr_contact_cannot_reach_an_admin_of_their_municipality(app, client, make_user, login_as):
    admin = make_user("chef.admin@example.org", roles=("admin",), name="Ada Admin")
    both = make_user("hr.admin@example.org", roles=("hr", "admin"), name="Bo Båda")
    peer = make_user("participant@example.org", name="Per Deltagare")
    login_as("hr", municipality="Helsingborg")

    routes = _person_routes(app, admin.id)
    assert {endpoint for endpoint, _url, _m in routes} == PEOPLE_ENDPOINTS_WITH_A_PERSON, (
        "a new route takes a person: add it to this walk"
    )
    before = {u.id: _state(app, u.id) for u in (admin, both)}
    for target in (admin, both):
        for endpoint, url, methods in _person_routes(app, target.id):
            expected = 403 if endpoint == "privacy.erase" else 404  # erasure is for admins
            for method in sorted(methods):
                data = {"name": "Kapad", "municipality_id": admin.municipality_id,
                        "roles": ["participant", "hr"]}
                response = client.open(url, method=method, data=data)
                assert response.status_code == expected, f"{method} {url}"
                body = response.get_data(as_text=True)
                assert target.name not in body and target.email not in body
    assert {u.id: _state(app, u.id) for u in (admin, both)} == before

    listing = client.get("/personer/").get_data(as_text=True)
    assert "Per Deltagare" in listing
    assert "Ada Admin" not in listing and "Bo Båda" not in listing
    for flt in ("?role=admin", "?q=admin", "?status=active", "?status=invited"):
        html = client.get("/personer/" + flt).get_data(as_text=True)
        assert "Ada Admin" not in html and "Bo Båda" not in html, flt
    # Their own page and their peers' stay theirs.
    assert client.get(f"/personer/{peer.id}").status_code == 200


def test_the_admin_session_survives_an_hr_contacts_attempt(app, make_user):
    make_user("chef.admin@example.org", roles=("admin",))
    hr = make_user("hr@example.org", roles=("hr",))
    admin_client, hr_client = app.test_client(), app.test_client()
    for c, email in ((admin_client, "chef.admin@example.org"), (hr_client, hr.email)):
        assert c.post("/logga-in", data={"email": email,
                                          "password": DEMO_PASSWORD}).status_code == 302
    with app.app_context():
        admin_id = db.session.scalar(
            db.select(User.id).where(User.email == "chef.admin@example.org")
        )
    hr_client.post(f"/personer/{admin_id}/avaktivera")
    assert admin_client.get("/personer/").status_code == 200


def test_services_refuse_too_when_a_person_is_loaded_another_way(app, make_user):
    import pytest

    from mentorship.people import services
    from mentorship.refusals import ServiceError

    admin = make_user("chef.admin@example.org", roles=("admin",))
    hr = make_user("hr@example.org", roles=("hr",))
    with app.app_context():
        actor, target = db.session.get(User, hr.id), db.session.get(User, admin.id)
        assert services.get_user(actor, admin.id) is None
        assert not services.may_manage(actor, target)
        with pytest.raises(ServiceError):
            services.set_active(actor, target, False)
        with pytest.raises(ServiceError):
            services.update_user(actor, target, services.UserChange("X", target.municipality_id,
                                                                    ("participant",)))
        with pytest.raises(ServiceError):
            services.resend_invitation(actor, target)
        db.session.rollback()
    assert _state(app, admin.id)[3] is True
