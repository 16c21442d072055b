"""Issue 23.1: one gate for "may this person touch that account", everywhere.

The attacks of the issue on the HR contact's pages (enrolling, inviting or importing an
admin into a round, registering an admin as a trainee or reading their outcome, inviting
them as a person) and the same words for an account one may not touch as for an unknown
one. Consent before an account is linked to a network is in
networks/test_network_invitation_gate.py; the walk over the source that finds accounts
looked up without the gate, in test_account_gate_walk.py.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db
from tests.app.conftest import ADMIN_EMAIL


def _muni(name: str) -> int:
    from mentorship.reference.models import Municipality

    return db.session.scalar(select(Municipality.id).where(Municipality.name == name))


def _state(app, user_id: int) -> tuple:
    with app.app_context():
        user = db.session.get(User, user_id)
        return (user.name, user.municipality_id, sorted(user.role_names))


@pytest.fixture
def open_round(app, admin):
    from mentorship.mentoring.rounds import services as rounds

    with app.test_request_context():
        actor = db.session.get(User, admin.id)
        round_ = rounds.create_round(actor, rounds.RoundSettings(
            "Grindomgången", date(2026, 9, 1), date(2027, 6, 30), 0.0, {}))
        rounds.record_transition(actor, round_, "open")
        db.session.commit()
        return round_.id


def _trainee_form(host: int, email: str) -> dict:
    return {"name": "Ny Person", "email": email, "host_municipality_id": str(host),
            "business_area_id": "0", "position_title": "utredare", "supervisor_name": "K",
            "assignment": "Utreda.", "degree": "Kandidat", "field_of_study": "juridik",
            "graduation_year": "2024"}


def test_hr_cannot_register_an_admin_as_trainee(app, client, admin, login_as):
    from mentorship.trainees.cohorts.services import CohortData, save_cohort
    from mentorship.trainees.models import Trainee

    with app.test_request_context():
        cohort = save_cohort(None, CohortData(30, date.today() - timedelta(days=30), 12))
        db.session.commit()
        cohort_id, hbg = cohort.id, _muni("Helsingborg")
    before = _state(app, admin.id)
    login_as("hr", municipality="Helsingborg")
    url = f"/trainee/grupper/{cohort_id}/trainees/ny"
    refused = client.post(url, data=_trainee_form(hbg, ADMIN_EMAIL)).get_data(as_text=True)
    unknown_elsewhere = client.post(url, data=_trainee_form(hbg, "x@example.org"))
    assert unknown_elsewhere.status_code == 302  # an unknown address gets a new account
    with app.app_context():
        from mentorship.people.gate import refusal

        assert refusal() in refused
        assert db.session.scalar(select(func.count()).select_from(Trainee).where(
            Trainee.user_id == admin.id)) == 0
    assert _state(app, admin.id) == before


def test_hr_cannot_invite_or_import_an_admin_into_a_round(app, client, admin, open_round,
                                                          login_as):
    from mentorship.mentoring.models import Enrolment
    from mentorship.people.gate import refusal

    login_as("hr", municipality="Helsingborg")
    response = client.post(f"/mentorskap/omgangar/{open_round}/bjud-in",
                           data={"email": ADMIN_EMAIL, "name": "X"})
    html = response.get_data(as_text=True)
    with app.test_request_context():
        assert refusal() in html
    header = ("id;role;name;municipality;business_area;level;years_as_manager;goals;"
              "languages;meeting_mode;capacity;exclude;lock;email")
    row = f"m1;mentor;Ada;Helsingborg;Socialtjänst;2;12;Svåra samtal;sv;either;1;;;{ADMIN_EMAIL}"
    data = ("\ufeff" + header + "\n" + row + "\n").encode()
    page = client.post(f"/mentorskap/omgangar/{open_round}/importera",
                       data={"file": (io.BytesIO(data), "people.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    with app.test_request_context():
        assert refusal() in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0


def test_hr_neither_sees_nor_withdraws_an_admin_that_an_admin_enrolled(app, client, admin,
                                                                       open_round, login_as):
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        enrolment = enrol_user(None, db.session.get(MentorRound, open_round),
                               db.session.get(User, admin.id))
        db.session.commit()
        enrolment_id = enrolment.id
    login_as("hr", municipality="Helsingborg")
    listing = client.get(f"/mentorskap/omgangar/{open_round}/deltagare")
    assert "Ada Admin" not in listing.get_data(as_text=True)
    assert client.post(f"/mentorskap/deltagare/{enrolment_id}/ta-bort").status_code == 404


def test_refusal_has_the_words_of_an_unknown_account(app, admin, make_user):
    from mentorship.people import gate
    from mentorship.refusals import ServiceError

    hr = make_user("hr@example.org", roles=("hr",))
    other = make_user("annan@example.org", municipality="Bjuv")
    with app.test_request_context():
        actor = db.session.get(User, hr.id)
        words = set()
        for email in ("finns.inte@example.org", ADMIN_EMAIL, other.email):
            with pytest.raises(ServiceError) as err:
                gate.existing_account(actor, email)
            words.add(err.value.message)
        assert words == {gate.refusal()}


def test_hr_cannot_see_or_report_the_outcome_of_an_admin_trainee(app, client, admin, login_as):
    from mentorship.trainees.cohorts.services import (
        CohortData,
        NewTrainee,
        PlacementData,
        register_trainee,
        save_cohort,
    )

    with app.test_request_context():
        actor = db.session.get(User, admin.id)
        cohort = save_cohort(actor, CohortData(31, date.today() - timedelta(days=500), 12))
        trainee = register_trainee(actor, NewTrainee(cohort.id, "Ada Admin", ADMIN_EMAIL,
                                   PlacementData(_muni("Helsingborg"), None, "utredare", "K",
                                                 None, "Utreda.", "Kandidat", "juridik", 2024)))
        db.session.commit()
        trainee_id = trainee.id
    login_as("hr", municipality="Helsingborg")
    assert client.get(f"/trainee/{trainee_id}").status_code == 404
    assert client.post(f"/trainee/{trainee_id}/utfall",
                       data={"category": "unknown", "version": 0}).status_code == 404
    assert "Ada Admin" not in client.get("/trainee/utfall").get_data(as_text=True)


def test_people_invite_refuses_an_admins_address_in_the_gates_words(app, client, admin,
                                                                    login_as):
    from mentorship.people.gate import refusal

    login_as("hr", municipality="Helsingborg")
    with app.app_context():
        hbg = _muni("Helsingborg")
    response = client.post("/personer/bjud-in", data={
        "email": ADMIN_EMAIL, "name": "X", "municipality_id": hbg, "roles": ["participant"]})
    with app.test_request_context():
        assert refusal() in response.get_data(as_text=True)
