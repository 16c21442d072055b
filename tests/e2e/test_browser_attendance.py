"""The coordinator marks attendance in both programmes with the one shared form
(mentorship.events): a workshop's sign-ups as a table, a training day's trainees as a list
of checkboxes. Both pages pass axe, and what was ticked is ticked when the page comes back."""

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login


def _ids(app):
    """The first workshop of the demo's closed round, and a past event of a cohort."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound, Workshop
    from mentorship.timezones import day_start
    from mentorship.trainees.cohorts.services import today
    from mentorship.trainees.models import TraineeEvent

    with app.app_context():
        closed = db.session.scalar(select(MentorRound).where(MentorRound.state == "closed"))
        workshop_id = db.session.scalar(
            select(Workshop.id).where(Workshop.round_id == closed.id, Workshop.number == 1))
        event_id = db.session.scalar(
            select(TraineeEvent.id).where(TraineeEvent.starts_at < day_start(today()))
            .order_by(TraineeEvent.starts_at.desc()))
        return workshop_id, event_id


def _present(app, model_name: str, event_id: int) -> set[int]:
    """The ids of the people recorded present at the event (the boxes' values)."""
    from mentorship.events.attendance import present_ids
    from mentorship.mentoring.models import Workshop
    from mentorship.trainees.models import TraineeEvent

    model = {"workshop": Workshop, "event": TraineeEvent}[model_name]
    return from_db(app, lambda session: present_ids(session.get(model, event_id)))


def test_coordinator_marks_attendance_in_both_programmes(live_server, page):
    workshop_id, event_id = _ids(live_server.app)
    base = live_server.url
    login(page, base, "admin@example.org", then=f"/mentorskap/workshop/{workshop_id}/narvaro")
    axe_check(page, "närvaro på en programworkshop")
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader", name="Närvarade").is_visible()
    assert table.get_by_role("columnheader", name="Kommun").is_visible()
    boxes = table.get_by_role("checkbox")
    first = boxes.first
    was = first.is_checked()
    person = int(first.get_attribute("value"))
    assert (person in _present(live_server.app, "workshop", workshop_id)) is was
    first.set_checked(not was)
    follow(page.get_by_role("button", name="Spara närvaron"))
    assert flash_kinds(page) == ["success"]
    assert (person in _present(live_server.app, "workshop", workshop_id)) is not was
    assert page.get_by_role("table").get_by_role("checkbox").first.is_checked() is not was

    page.goto(f"{base}/trainee/aktiviteter/{event_id}")
    axe_check(page, "närvaro på en utbildningsdag")
    group = page.get_by_role("group", name="Närvarande")
    first = group.get_by_role("checkbox").first
    was = first.is_checked()
    trainee = int(first.get_attribute("value"))
    first.set_checked(not was)
    follow(page.get_by_role("button", name="Spara närvaro"))
    assert flash_kinds(page) == ["success"]
    assert (trainee in _present(live_server.app, "event", event_id)) is not was
    again = page.get_by_role("group", name="Närvarande").get_by_role("checkbox").first
    assert again.is_checked() is not was
    axe_check(page, "utbildningsdag efter sparad närvaro")
