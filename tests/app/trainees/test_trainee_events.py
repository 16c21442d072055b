"""Training days, study visits, attendance, visited municipalities, calendar, group project."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import func, select

from tests.said import confirm_actions, refused


def _muni(app, name):
    from tests.app.trainees.conftest import muni_id

    with app.app_context():
        return muni_id(name)


def _event(day: date, kind="study_visit", host=None, title="Studiebesök"):
    return {
        "kind": kind,
        "title": title,
        "day": day.isoformat(),
        "starts": "09:00",
        "ends": "15:00",
        "place": "Kommunhuset",
        "host_municipality_id": str(host or 0),
    }


def test_admin_adds_events_and_cohort_page_shows_visited_and_remaining(client, auth, world, app):
    auth.login("boss@example.org")
    past = date.today() - timedelta(days=20)
    future = date.today() + timedelta(days=20)
    visit = _event(past, host=_muni(app, "Höganäs"), title="Studiebesök i Höganäs")
    r = client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=visit)
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    client.post(
        f"/trainee/grupper/{world.c18}/aktiviteter/ny",
        data=_event(future, host=_muni(app, "Klippan"), title="Studiebesök i Klippan"),
    )
    client.post(
        f"/trainee/grupper/{world.c18}/aktiviteter/ny",
        data=_event(past, kind="training_day", title="Projektledning"),
    )
    page = client.get(f"/trainee/grupper/{world.c18}").get_data(as_text=True)
    assert "Projektledning" in page and visit["title"] in page
    visited = page.split("Besökta")[1].split("</dd>")[0]
    planned = page.split("Planerade")[1].split("</dd>")[0]
    remaining = page.split("Återstår")[1].split("</dd>")[0]
    assert "Höganäs" in visited and "Klippan" not in visited
    assert "Klippan" in planned
    assert "Bjuv" in remaining and "Höganäs" not in remaining and "(9)" in page


def _events(app) -> int:
    from mentorship.extensions import db
    from mentorship.trainees.models import TraineeEvent

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(TraineeEvent))


def test_study_visit_needs_host_and_end_after_start(client, auth, world, app):
    auth.login("boss@example.org")
    r = client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=_event(date.today()))
    assert r.status_code == 200 and refused(r) == {"host_municipality_id"}
    data = _event(date.today(), kind="training_day") | {"ends": "08:00"}
    r = client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=data)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and refused(r) == {"ends"}
    assert 'value="Studiebesök"' in html  # nothing typed is lost
    assert _events(app) == 0


def test_the_services_refuse_a_visit_without_host_and_an_end_before_the_start(app, world):
    import pytest

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.refusals import ServiceError
    from mentorship.timezones import combine
    from mentorship.trainees.cohorts.services import get_cohort
    from mentorship.trainees.events.services import EventData, save_event
    from mentorship.trainees.models import STUDY_VISIT, TRAINING_DAY

    def data(kind: str, ends: time = time(15)) -> EventData:
        today = date.today()
        return EventData(kind, "Studiebesök", combine(today, time(9)), combine(today, ends),
                         "", None)

    with app.test_request_context():
        cohort = get_cohort(db.session.get(User, world.admin.id), world.c18)
        with pytest.raises(ServiceError) as err:
            save_event(None, cohort, data(STUDY_VISIT))
        assert err.value.field == "host_municipality_id"
        with pytest.raises(ServiceError) as err:
            save_event(None, cohort, data(TRAINING_DAY, ends=time(8)))
        assert err.value.field == "ends"
    assert _events(app) == 0


def test_attendance_calendar_and_delete_with_confirmation(client, auth, world, app):
    from icalendar import Calendar

    from mentorship.extensions import db
    from mentorship.trainees.labels import event_kind_labels
    from mentorship.trainees.models import Attendance, TraineeEvent

    auth.login("boss@example.org")
    client.post(
        f"/trainee/grupper/{world.c18}/aktiviteter/ny",
        # yesterday: attendance is marked for events that have begun
        data=_event(date.today() - timedelta(days=1), kind="training_day", title="Svåra samtal"),
    )
    with app.app_context():
        event_id = db.session.scalar(select(TraineeEvent.id))
    r = client.post(f"/trainee/aktiviteter/{event_id}", data={"present": [str(world.running)]})
    assert r.status_code == 302
    # a trainee from another cohort cannot be marked present
    r = client.post(f"/trainee/aktiviteter/{event_id}", data={"present": [str(world.bjuv1)]})
    assert r.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(Attendance.trainee_id)).all() == [world.running]
    ics = client.get(f"/trainee/aktiviteter/{event_id}/kalender.ics")
    assert ics.mimetype == "text/calendar"
    (entry,) = Calendar.from_ical(ics.data).walk("VEVENT")
    with app.test_request_context():
        kind = event_kind_labels()["training_day"]
    assert str(entry["SUMMARY"]) == f"{kind}: Svåra samtal"
    assert "BEGIN:VEVENT" in client.get(f"/trainee/grupper/{world.c18}/kalender.ics").get_data(
        as_text=True
    )
    confirm = client.get(f"/trainee/aktiviteter/{event_id}/ta-bort")
    assert confirm_actions(confirm) == [f"/trainee/aktiviteter/{event_id}/ta-bort"]
    with app.app_context():
        assert db.session.scalar(select(TraineeEvent.id)) == event_id  # not before the POST
    assert client.post(f"/trainee/aktiviteter/{event_id}/ta-bort").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(TraineeEvent.id)) is None
        assert db.session.scalar(select(Attendance.trainee_id)) is None


def test_trainee_sees_own_cohort_events_only(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import TraineeEvent

    auth.login("boss@example.org")
    client.post(
        f"/trainee/grupper/{world.c18}/aktiviteter/ny",
        data=_event(date.today(), kind="training_day", title="Ledarskap"),
    )
    client.post(
        f"/trainee/grupper/{world.c17}/aktiviteter/ny",
        # within cohort 17's year, which has ended
        data=_event(date.today() - timedelta(days=450), kind="training_day", title="Gammal dag"),
    )
    auth.logout()
    with app.app_context():
        ids = {e.title: e.id for e in db.session.scalars(select(TraineeEvent))}
    auth.login("selma@example.org")  # cohort 18
    page = client.get("/trainee/min-placering").get_data(as_text=True)
    assert "Ledarskap" in page and "Gammal dag" not in page
    assert client.get(f"/trainee/aktiviteter/{ids['Ledarskap']}").status_code == 200
    assert client.get(f"/trainee/aktiviteter/{ids['Gammal dag']}").status_code == 404
    assert client.get(f"/trainee/aktiviteter/{ids['Gammal dag']}/kalender.ics").status_code == 404
    assert client.get(f"/trainee/grupper/{world.c17}/kalender.ics").status_code == 404
    assert client.get(f"/trainee/grupper/{world.c18}/kalender.ics").status_code == 200
    assert client.get(f"/trainee/grupper/{world.c18}/aktiviteter/ny").status_code == 403


def test_group_project_with_milestones(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import ProjectMilestone

    auth.login("boss@example.org")
    r = client.post(
        f"/trainee/grupper/{world.c17}/projekt",
        data={
            "assignment": "Mer värde av direktupphandlingar",
            "given_by": "Styrgruppen",
            "result": "Företagskatalog",
            "presented_where": "Releaseevent",
            "presented_on": date.today().isoformat(),
        },
    )
    assert r.status_code == 302
    r = client.post(
        f"/trainee/grupper/{world.c17}/projekt/delmal",
        data={"milestone-title": "Nulägesanalys", "milestone-due_on": "2025-01-15"},
    )
    assert r.status_code == 302
    with app.app_context():
        mid = db.session.scalar(select(ProjectMilestone.id))
    client.post(f"/trainee/grupper/{world.c17}/projekt/delmal/{mid}/klar")
    page = client.get(f"/trainee/grupper/{world.c17}").get_data(as_text=True)
    assert "Företagskatalog" in page and "Releaseevent" in page and "Nulägesanalys" in page
    assert "Klart" in page
    delete = f"/trainee/grupper/{world.c17}/projekt/delmal/{mid}/ta-bort"
    assert confirm_actions(client.get(delete)) == [delete]
    client.post(delete)
    with app.app_context():
        assert db.session.scalar(select(ProjectMilestone.id)) is None
    r = client.post(
        f"/trainee/grupper/{world.c17}/projekt/delmal",
        data={"milestone-title": "", "milestone-due_on": ""},
    )
    assert r.status_code == 200 and refused(r) == {"milestone-title", "milestone-due_on"}
    with app.app_context():
        assert db.session.scalar(select(ProjectMilestone.id)) is None


def test_hr_cannot_manage_events_or_project(client, auth, world):
    auth.login("hr.bjuv@example.org")
    assert client.get(f"/trainee/grupper/{world.c18}/aktiviteter/ny").status_code == 403
    assert client.get(f"/trainee/grupper/{world.c18}/projekt").status_code == 403
    assert client.get(f"/trainee/grupper/{world.c18}").status_code == 200
