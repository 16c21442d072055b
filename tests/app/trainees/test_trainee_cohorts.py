"""Cohorts, trainees and placements through the test client, with municipality scoping."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.said import refused, summary


def test_admin_creates_cohort_with_default_length(client, login_as, app):
    login_as("admin")
    response = client.get("/trainee/grupper/ny")
    assert response.status_code == 200
    assert 'value="12"' in response.get_data(as_text=True)
    response = client.post(
        "/trainee/grupper/ny",
        data={"number": "19", "start_date": "2027-09-01", "length_months": "12"},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Traineegrupp 19" in page
    assert "1 sep. 2028" in page or "2028" in page  # the end date, twelve months later


def _cohorts(app) -> list[tuple[int, date]]:
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort

    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            select(Cohort.number, Cohort.start_date).order_by(Cohort.id))]


def test_cohort_number_is_unique_and_required_with_the_forms_own_messages(
    client, login_as, world, app
):
    from mentorship.trainees.forms import CohortForm

    login_as("admin")
    before = _cohorts(app)
    response = client.post(
        "/trainee/grupper/ny",
        data={"number": "17", "start_date": "2027-09-01", "length_months": "12"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Fel:" in html
    assert refused(response) == {"number"} and "17" in summary(response)[0]
    response = client.post("/trainee/grupper/ny", data={"number": "", "start_date": "x"})
    assert response.status_code == 200 and {"number", "start_date"} <= refused(response)
    # the form's messages, not WTForms' English defaults
    with app.test_request_context():
        required = str(CohortForm.number.kwargs["validators"][0].message)
    assert any(item.endswith(required) for item in summary(response))
    assert _cohorts(app) == before


def test_the_service_refuses_a_second_cohort_with_the_same_number(app, world):
    import pytest

    from mentorship.refusals import ServiceError
    from mentorship.trainees.cohorts.services import CohortData, save_cohort

    before = _cohorts(app)
    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            save_cohort(None, CohortData(17, date(2027, 9, 1), 12))
        assert err.value.field == "number"
    assert _cohorts(app) == before


def test_length_is_editable(client, login_as, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort

    login_as("admin")
    response = client.post(
        f"/trainee/grupper/{world.c18}/andra",
        data={"number": "18", "start_date": "2026-09-01", "length_months": "10"},
    )
    assert response.status_code == 302
    with app.app_context():
        cohort = db.session.get(Cohort, world.c18)
        assert cohort.length_months == 10
        assert cohort.end_date == date(2027, 7, 1)


def test_hr_registers_trainee_in_own_municipality_and_invitation_goes_out(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.trainees.models import Trainee

    auth.login("hr.bjuv@example.org")
    data = {
        "name": "Ny Trainee",
        "email": "ny.trainee@example.org",
        "host_municipality_id": "0",
        "business_area_id": "0",
        "position_title": "utredare",
        "supervisor_name": "Karin",
        "assignment": "Utreda.",
        "degree": "Kandidat",
        "field_of_study": "juridik",
        "graduation_year": "2024",
    }
    with app.app_context():
        from tests.app.trainees.conftest import muni_id

        data["host_municipality_id"] = str(muni_id("Bjuv"))
        hbg = str(muni_id("Helsingborg"))
    response = client.post(f"/trainee/grupper/{world.c18}/trainees/ny", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        trainee = db.session.scalar(select(Trainee).order_by(Trainee.id.desc()))
        assert trainee.user.email == "ny.trainee@example.org"
        assert "participant" in trainee.user.role_names
        assert db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == "ny.trainee@example.org")
        )
    # Another municipality: refused with a message on the field (not in the choices either)
    data.update(email="annan@example.org", host_municipality_id=hbg)
    response = client.post(f"/trainee/grupper/{world.c18}/trainees/ny", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Fel:" in html, html


def test_service_refuses_hr_placement_elsewhere(app, world):
    import pytest

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.refusals import ServiceError
    from mentorship.trainees.cohorts.services import NewTrainee, register_trainee
    from tests.app.trainees.conftest import placement

    with app.test_request_context():
        hr = db.session.get(User, world.hr_bjuv.id)
        with pytest.raises(ServiceError) as err:
            register_trainee(
                hr, NewTrainee(world.c18, "X", "x@example.org", placement("Helsingborg"))
            )
        assert err.value.field == "host_municipality_id"


def test_hr_sees_only_own_municipality(client, auth, world):
    auth.login("hr.bjuv@example.org")
    page = client.get(f"/trainee/grupper/{world.c17}").get_data(as_text=True)
    assert "Elsa Lund" in page and "Hugo Lind" in page
    assert "Nora Ibrahim" not in page
    assert client.get(f"/trainee/{world.hbg}").status_code == 404
    assert client.get(f"/trainee/{world.hbg}/placering").status_code == 404
    assert client.get(f"/trainee/{world.hbg}/utfall").status_code == 404
    assert client.get(f"/trainee/{world.bjuv1}").status_code == 200


def test_hr_edits_placement_and_admin_edits_anywhere(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee
    from tests.app.trainees.conftest import muni_id

    with app.app_context():
        bjuv = muni_id("Bjuv")
    auth.login("hr.bjuv@example.org")
    form = {
        "host_municipality_id": str(bjuv),
        "business_area_id": "0",
        "position_title": "utvecklingsstrateg",
        "supervisor_name": "Per",
        "supervisor_email": "per@bjuv.se",
        "assignment": "Nytt uppdrag.",
        "degree": "Master",
        "field_of_study": "ekonomi",
        "graduation_year": "2023",
    }
    assert client.post(f"/trainee/{world.bjuv1}/placering", data=form).status_code == 302
    with app.app_context():
        t = db.session.get(Trainee, world.bjuv1)
        assert t.position_title == "utvecklingsstrateg" and t.supervisor_email == "per@bjuv.se"
    auth.logout()
    auth.login("boss@example.org")
    assert client.post(f"/trainee/{world.hbg}/placering", data=form).status_code == 302


def test_trainee_sees_own_placement_only(client, auth, world):
    auth.login("elsa@example.org")
    page = client.get("/trainee/min-placering")
    assert page.status_code == 200
    assert "nämndsekreterare" in page.get_data(as_text=True)
    assert client.get(f"/trainee/{world.bjuv1}").status_code == 403  # staff page
    assert client.get(f"/trainee/grupper/{world.c17}").status_code == 403


def test_participant_without_trainee_record_gets_404(client, login_as, world):
    login_as("participant")
    assert client.get("/trainee/min-placering").status_code == 404


def test_cohort_list_and_page_queries_do_not_grow(client, login_as, world, app, count_queries):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import NewTrainee, register_trainee
    from tests.app.trainees.conftest import placement

    login_as("admin")
    client.get(f"/trainee/grupper/{world.c17}")  # warm up
    with count_queries() as few:
        assert client.get(f"/trainee/grupper/{world.c17}").status_code == 200
    with count_queries() as few_list:
        assert client.get("/trainee/").status_code == 200
    with app.test_request_context():
        admin = db.session.get(User, world.admin.id)
        for i in range(12):
            register_trainee(
                admin,
                NewTrainee(
                    world.c17,
                    f"T {i}",
                    f"t{i}@example.org",
                    placement("Höganäs" if i % 2 else "Klippan"),
                ),
            )
        db.session.commit()
    with count_queries() as many:
        assert client.get(f"/trainee/grupper/{world.c17}").status_code == 200
    with count_queries() as many_list:
        assert client.get("/trainee/").status_code == 200
    assert many.count == few.count, many.statements
    assert many_list.count == few_list.count
