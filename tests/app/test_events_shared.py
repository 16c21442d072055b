"""mentorship.events and mentorship.timezones, shared by both programmes: a scheduled
event's properties and calendar entry, one attendance service and form, and time-zone
conversion through Flask-Babel inside and outside a request."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

SWEDEN = ZoneInfo("Europe/Stockholm")
SUMMER = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)  # 09:30 in Sweden
WINTER = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)  # 09:30 in Sweden


# --- time zones -----------------------------------------------------------------------


def _conversions():
    from mentorship import timezones

    return SimpleNamespace(
        local=[timezones.to_local(m) for m in (SUMMER, WINTER)],
        naive=[timezones.to_local_naive(m) for m in (SUMMER, WINTER, None)],
        back=[timezones.from_local(datetime(2026, 6, 1, 9, 30)),
              timezones.from_local(datetime(2026, 1, 15, 9, 30)),
              timezones.from_local(None)],
        combined=timezones.combine(date(2026, 6, 1), time(9, 30)),
        day=timezones.local_date(datetime(2026, 6, 1, 22, 30, tzinfo=UTC)),
        start=timezones.day_start(date(2026, 1, 15)),
        zone=timezones.zone_name(),
    )


def _check(c) -> None:
    assert c.local == [SUMMER.astimezone(SWEDEN), WINTER.astimezone(SWEDEN)]
    assert [m.utcoffset() for m in c.local] == [timedelta(hours=2), timedelta(hours=1)]
    assert c.naive == [datetime(2026, 6, 1, 9, 30), datetime(2026, 1, 15, 9, 30), None]
    assert c.back == [SUMMER, WINTER, None]
    assert all(m is None or m.tzinfo == UTC for m in c.back)
    assert c.combined == SUMMER
    assert c.day == date(2026, 6, 2)  # half past midnight in Sweden
    assert c.start == datetime(2026, 1, 14, 23, 0, tzinfo=UTC)
    assert c.zone == "Europe/Stockholm"


def test_time_zone_helpers_in_a_request_in_an_app_context_and_without_an_app(app):
    with app.test_request_context():
        _check(_conversions())
    with app.app_context():  # a CLI command or an RQ job
        assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Stockholm"
        _check(_conversions())
    _check(_conversions())  # no app at all: the configured default zone


def test_an_aware_time_typed_in_is_only_converted_and_a_naive_stored_one_is_utc(app):
    from mentorship import timezones

    with app.app_context():
        assert timezones.from_local(SUMMER.astimezone(SWEDEN)) == SUMMER
        assert timezones.to_local(SUMMER.replace(tzinfo=None)) == SUMMER


# --- the scheduled event ----------------------------------------------------------------


def test_scheduled_event_properties_for_both_programmes():
    from mentorship.mentoring.models import Workshop
    from mentorship.trainees.models import TraineeEvent

    draft = Workshop(id=3, title="Utkast")
    assert not draft.scheduled and draft.duration is None and draft.minutes is None
    assert not draft.has_started() and not draft.is_past()
    assert draft.calendar_uid == "mentor-workshop-3"
    event = TraineeEvent(id=7, title="Projektledning", starts_at=WINTER,
                         ends_at=WINTER + timedelta(hours=6, minutes=30))
    assert event.scheduled and event.duration == timedelta(hours=6, minutes=30)
    assert event.minutes == 390 and event.calendar_uid == "trainee-event-7"
    during = WINTER + timedelta(hours=1)
    assert event.has_started(during) and not event.is_past(during)
    assert event.is_past(WINTER + timedelta(hours=7)) and event.has_started(WINTER)
    assert not event.has_started(WINTER - timedelta(seconds=1))
    assert Workshop.attendance_model().__tablename__ == "mentor_workshop_attendance"
    assert TraineeEvent.attendance_model().__tablename__ == "trainee_attendance"


def test_one_calendar_entry_for_an_event_of_either_programme(app):
    from icalendar import Calendar

    from mentorship.calendar import entry_for, ics_bytes
    from mentorship.mentoring.models import Workshop
    from mentorship.trainees.models import TraineeEvent

    workshop = Workshop(id=1, title="Leda förändring", starts_at=WINTER,
                        ends_at=WINTER + timedelta(minutes=180), calendar_sequence=2)
    visit = TraineeEvent(id=4, title="Bjuv", starts_at=SUMMER,
                         ends_at=SUMMER + timedelta(hours=5))
    entries = [entry_for(workshop, "Leda förändring", "Stadshuset"),
               entry_for(visit, "Studiebesök: Bjuv", "Kommunhuset", "Traineegrupp 18")]
    assert [e.uid for e in entries] == ["mentor-workshop-1", "trainee-event-4"]
    assert entries[0].sequence == 2 and entries[0].end == WINTER + timedelta(minutes=180)
    with pytest.raises(ValueError):
        entry_for(Workshop(id=2, title="Utkast"), "Utkast")
    app.config["BASE_URL"] = "https://mentor.example.org"
    with app.app_context():
        calendar = Calendar.from_ical(ics_bytes(entries))
    first, second = calendar.walk("VEVENT")
    assert first.decoded("DTSTART") == datetime(2026, 1, 15, 9, 30, tzinfo=SWEDEN)
    assert first.decoded("DTEND") == datetime(2026, 1, 15, 12, 30, tzinfo=SWEDEN)
    assert "TZID=Europe/Stockholm:20260601T093000" in second.to_ical().decode()
    assert str(second["UID"]) == "trainee-event-4@mentor.example.org"


# --- attendance -----------------------------------------------------------------------


@pytest.fixture
def events(app, make_user):
    """A trainee cohort with two trainees and a training day; a running mentor round with a
    timed workshop and two sign-ups."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound, Workshop, WorkshopSignup
    from mentorship.reference.models import Municipality
    from mentorship.trainees.models import Cohort, Trainee, TraineeEvent

    people = [make_user(f"p{n}@example.org") for n in range(3)]
    with app.app_context():
        bjuv = db.session.scalar(select(Municipality.id).where(Municipality.name == "Bjuv"))
        cohort = Cohort(number=18, start_date=date(2026, 1, 1))
        other = Cohort(number=19, start_date=date(2027, 1, 1))
        db.session.add_all([cohort, other])
        db.session.flush()
        trainees = [Trainee(cohort_id=c.id, imported_name=f"T{n}", host_municipality_id=bjuv)
                    for n, c in enumerate((cohort, cohort, other))]
        day = TraineeEvent(cohort_id=cohort.id, kind="training_day", title="Projektledning",
                           starts_at=WINTER, ends_at=WINTER + timedelta(hours=7))
        round_ = MentorRound(name="Hösten", starts_on=date(2025, 9, 1),
                             ends_on=date(2026, 6, 30), state="running")
        db.session.add_all([*trainees, day, round_])
        db.session.flush()
        enrolments = [Enrolment(round_id=round_.id, user_id=p.id, external_id=f"p{p.id}",
                                role="adept") for p in people]
        workshop = Workshop(round_id=round_.id, number=1, title="Leda förändring",
                            starts_at=WINTER, ends_at=WINTER + timedelta(minutes=180),
                            place="Stadshuset")
        db.session.add_all([*enrolments, workshop])
        db.session.flush()
        signups = [WorkshopSignup(workshop_id=workshop.id, enrolment_id=e.id)
                   for e in enrolments[:2]]
        db.session.add_all(signups)
        db.session.commit()
        return SimpleNamespace(
            event=day.id, trainees=[t.id for t in trainees], workshop=workshop.id,
            enrolments=[e.id for e in enrolments], signups=[s.id for s in signups],
        )


def test_record_attendance_says_what_changed_and_keeps_to_the_events_people(app, events):
    from mentorship.events.attendance import present_counts, present_ids, record_attendance
    from mentorship.extensions import db
    from mentorship.refusals import ServiceError
    from mentorship.trainees.models import Attendance, TraineeEvent

    first, second, outsider = events.trainees
    people = [first, second]
    with app.test_request_context():
        event = db.session.get_one(TraineeEvent, events.event)
        assert event.attendance == []
        change = record_attendance(event, {first}, people)
        assert (change.present, change.added, change.removed) == ({first}, {first}, set())
        assert change.count == 1 and change.changed
        assert [a.trainee_id for a in event.attendance] == [first]
        change = record_attendance(event, [second], people)
        assert (change.added, change.removed, change.count) == ({second}, {first}, 1)
        assert [a.trainee_id for a in event.attendance] == [second]  # not a stale list
        assert not record_attendance(event, [second], people).changed
        with pytest.raises(ServiceError) as refused:
            record_attendance(event, [second, outsider], people, not_eligible="Nej.")
        assert (refused.value.message, refused.value.field) == ("Nej.", "present")
        assert present_ids(event) == {second}
        assert present_counts(Attendance, [event.id, 999]) == {event.id: 1}
        assert present_counts(Attendance, []) == {}
        db.session.commit()


def test_workshop_attendance_is_a_row_beside_the_sign_up(app, events):
    from mentorship.events.attendance import present_ids
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop, WorkshopAttendance, WorkshopSignup
    from mentorship.mentoring.workshops import services as workshops

    with app.test_request_context():
        workshop = db.session.get_one(Workshop, events.workshop)
        # Sign-up ids, as the page posts them; another workshop's sign-up id is ignored.
        assert workshops.mark_attendance(None, workshop, {events.signups[0], 999}) == 1
        db.session.commit()
        assert present_ids(workshop) == {events.enrolments[0]}
        flags = dict(db.session.execute(
            select(WorkshopSignup.id, WorkshopSignup.attended)).all())
        assert flags == {events.signups[0]: True, events.signups[1]: False}
        assert workshops.signed_counts([workshop.id]) == {workshop.id: (2, 1)}
        # Cancelling the sign-up takes its attendance with it, as the flag on it went.
        db.session.delete(db.session.get_one(WorkshopSignup, events.signups[0]))
        db.session.commit()
        assert db.session.scalars(select(WorkshopAttendance)).all() == []


def test_a_change_of_time_or_place_raises_the_calendar_sequence(app, events):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop
    from mentorship.trainees.models import TraineeEvent

    with app.app_context():
        workshop = db.session.get_one(Workshop, events.workshop)
        event = db.session.get_one(TraineeEvent, events.event)
        workshop.ends_at = workshop.ends_at + timedelta(minutes=30)
        event.place = "Stadshuset"
        db.session.commit()
        assert (workshop.calendar_sequence, event.calendar_sequence) == (1, 1)
        workshop.capacity = 10  # not in the calendar
        event.title = event.title  # the same value
        db.session.commit()
        assert (workshop.calendar_sequence, event.calendar_sequence) == (1, 1)


def test_the_attendance_form_is_one_form_under_either_name(app):
    from werkzeug.datastructures import MultiDict

    from mentorship.events.forms import AttendanceForm

    with app.test_request_context(method="GET"):
        form = AttendanceForm(meta={"csrf": False})
        form.set_people([(1, "Elsa"), (2, "Hugo")], [2])
        assert form.people.name == "present" and form.present_ids == {2}
        assert form.people.label.text == "Närvarande"
    named = AttendanceForm.named("attended", "Närvarade")
    assert AttendanceForm.named("attended", "Närvarade") is named
    with app.test_request_context(method="POST", data={"attended": ["1", "2"]}):
        form = named(MultiDict({"attended": ["1", "2"]}), meta={"csrf": False})
        form.set_people([(1, "Elsa"), (2, "Hugo")], [])
        assert form.validate() and form.present_ids == {1, 2}
        assert "present" not in form._fields and form.people.label.text == "Närvarade"
        form = named(MultiDict({"attended": ["3"]}), meta={"csrf": False})
        form.set_people([(1, "Elsa")], [])
        assert not form.validate()  # not one of the event's people
