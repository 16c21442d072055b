"""Training days, study visits, attendance, visited municipalities, calendar, group project."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select


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
    r = client.post(
        f"/trainee/grupper/{world.c18}/aktiviteter/ny",
        data=_event(past, host=_muni(app, "Höganäs"), title="Studiebesök i Höganäs"),
    )
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
    assert "Projektledning" in page and "Studiebesök i Höganäs" in page
    visited = page.split("Besökta")[1].split("</dd>")[0]
    planned = page.split("Planerade")[1].split("</dd>")[0]
    remaining = page.split("Återstår")[1].split("</dd>")[0]
    assert "Höganäs" in visited and "Klippan" not in visited
    assert "Klippan" in planned
    assert "Bjuv" in remaining and "Höganäs" not in remaining and "(9)" in page


def test_study_visit_needs_host_and_end_after_start(client, auth, world):
    auth.login("boss@example.org")
    r = client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=_event(date.today()))
    assert "Välj vilken kommun studiebesöket görs hos." in r.get_data(as_text=True)
    data = _event(date.today(), kind="training_day") | {"ends": "08:00"}
    r = client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=data)
    html = r.get_data(as_text=True)
    assert "Sluttiden måste vara efter starttiden." in html
    assert 'value="Studiebesök"' in html  # nothing typed is lost


def test_attendance_calendar_and_delete_with_confirmation(client, auth, world, app):
    from mentorship.extensions import db
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
    assert "Utbildningsdag: Svåra samtal" in ics.get_data(as_text=True)
    assert "BEGIN:VEVENT" in client.get(f"/trainee/grupper/{world.c18}/kalender.ics").get_data(
        as_text=True
    )
    confirm = client.get(f"/trainee/aktiviteter/{event_id}/ta-bort")
    assert "Ja, ta bort" in confirm.get_data(as_text=True)
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
    assert "Ja, ta bort" in client.get(
        f"/trainee/grupper/{world.c17}/projekt/delmal/{mid}/ta-bort"
    ).get_data(as_text=True)
    client.post(f"/trainee/grupper/{world.c17}/projekt/delmal/{mid}/ta-bort")
    with app.app_context():
        assert db.session.scalar(select(ProjectMilestone.id)) is None
    r = client.post(
        f"/trainee/grupper/{world.c17}/projekt/delmal",
        data={"milestone-title": "", "milestone-due_on": ""},
    )
    assert "Fyll i delmålet." in r.get_data(as_text=True)


def test_hr_cannot_manage_events_or_project(client, auth, world):
    auth.login("hr.bjuv@example.org")
    assert client.get(f"/trainee/grupper/{world.c18}/aktiviteter/ny").status_code == 403
    assert client.get(f"/trainee/grupper/{world.c18}/projekt").status_code == 403
    assert client.get(f"/trainee/grupper/{world.c18}").status_code == 200
