"""Dates drive the trainee year and every event (issue 25, item 2): attendance only for
events that have begun (both programmes, through mentorship.events), training days and
study visits within the cohort's year, and one status per cohort on every page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.app.trainees.test_trainee_events import _event
from tests.said import refused


def _event_models():
    """Every model of either programme that is a scheduled event."""
    import mentorship.models  # noqa: F401  (registers every feature's models)
    from mentorship.events.models import ScheduledEvent
    from mentorship.extensions import Model

    return sorted((cls for cls in Model.registry._class_registry.values()
                   if isinstance(cls, type) and issubclass(cls, ScheduledEvent)),
                  key=lambda cls: cls.__name__)


def test_every_kind_of_event_takes_attendance_only_once_it_has_begun(app):
    from mentorship.events.attendance import not_started_message, record_attendance
    from mentorship.refusals import ServiceError

    models = _event_models()
    assert {m.__name__ for m in models} >= {"Workshop", "TraineeEvent"}
    soon = datetime.now(UTC) + timedelta(hours=2)
    with app.test_request_context():
        for model in models:
            for starts_at in (None, soon):
                event = model(title="Kommande", starts_at=starts_at,
                              ends_at=starts_at and starts_at + timedelta(hours=3))
                with pytest.raises(ServiceError) as err:
                    record_attendance(event, [], [])
                assert err.value.field == "present"
                assert err.value.message == not_started_message(event)


def test_a_future_training_day_offers_no_attendance_and_refuses_it(client, auth, world, app):
    from mentorship.events.attendance import not_started_message
    from mentorship.extensions import db
    from mentorship.trainees.models import Attendance, TraineeEvent

    auth.login("boss@example.org")
    tomorrow = date.today() + timedelta(days=1)
    client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny",
                data=_event(tomorrow, kind="training_day", title="Ledarskap"))
    with app.test_request_context():
        event = db.session.scalar(select(TraineeEvent))
        event_id, why = event.id, str(escape(not_started_message(event)))
    page = client.get(f"/trainee/aktiviteter/{event_id}").get_data(as_text=True)
    assert f"<p>{why}</p>" in page  # why there is no form yet
    assert 'name="present"' not in page
    r = client.post(f"/trainee/aktiviteter/{event_id}", data={"present": [str(world.running)]})
    assert r.status_code == 200 and f"<p>{why}</p>" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Attendance.trainee_id)) is None


@pytest.mark.parametrize("kind", ["training_day", "study_visit"])
def test_events_lie_within_the_cohorts_year(client, auth, world, app, kind):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, TraineeEvent
    from tests.app.trainees.conftest import muni_id

    with app.app_context():
        cohort = db.session.get_one(Cohort, world.c18)
        start, end = cohort.start_date, cohort.end_date
        host = muni_id("Höganäs")
    auth.login("boss@example.org")
    url = f"/trainee/grupper/{world.c18}/aktiviteter/ny"
    for day in (start - timedelta(days=1), end, end + timedelta(days=40)):
        r = client.post(url, data=_event(day, kind=kind, host=host))
        assert r.status_code == 200 and refused(r) == {"day"}, day
    for day in (start, end - timedelta(days=1)):
        assert client.post(url, data=_event(day, kind=kind, host=host)).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count(TraineeEvent.id))) == 2
    # Editing an event keeps to the same rule.
    with app.app_context():
        event_id = db.session.scalars(select(TraineeEvent.id)).first()
    with app.app_context():
        before = db.session.get(TraineeEvent, event_id).starts_at
    r = client.post(f"/trainee/aktiviteter/{event_id}/andra",
                    data=_event(end + timedelta(days=1), kind=kind, host=host))
    assert r.status_code == 200 and refused(r) == {"day"}
    with app.app_context():
        assert db.session.get(TraineeEvent, event_id).starts_at == before


@pytest.mark.parametrize(("offset", "status"), [
    (timedelta(days=30), "not_started"),
    (timedelta(days=-30), "running"),
    (timedelta(days=-400), "finished"),
])
def test_a_cohort_has_one_status_on_the_list_and_its_page(client, auth, world, app, offset,
                                                          status):
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import CohortData, save_cohort
    from mentorship.trainees.labels import cohort_status_labels

    with app.test_request_context():
        cohort = save_cohort(None, CohortData(30, date.today() + offset, 12))
        db.session.commit()
        cohort_id = cohort.id
        assert cohort.status(date.today()) == status
        labels = cohort_status_labels()
    auth.login("boss@example.org")
    listing = client.get("/trainee/").get_data(as_text=True)
    row = next(r for r in listing.split("<tr") if f"/trainee/grupper/{cohort_id}\"" in r)
    page = client.get(f"/trainee/grupper/{cohort_id}").get_data(as_text=True)
    shown = page.split("Status</dt><dd>")[1].split("</dd>")[0]
    assert labels[status] in row and labels[status] in shown
    others = {labels[s] for s in labels} - {labels[status]}
    assert not any(o in shown or o in row for o in others)
