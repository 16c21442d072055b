"""Training days and study visits: schedule, attendance, visited municipalities, calendar.

A change takes the acting user first: the schedule and the attendance are the admins'
(`actor` None is the system: the demo, a test's set-up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from mentorship.auth.models import User
from mentorship.calendar import CalendarEntry, entry_for
from mentorship.events.attendance import record_attendance
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError, require_admin
from mentorship.timezones import local_date
from mentorship.trainees.models import (
    EVENT_KINDS,
    STUDY_VISIT,
    Cohort,
    Trainee,
    TraineeEvent,
)


def get_event(actor: User, event_id: int) -> TraineeEvent | None:
    """Admins and HR contacts see every event; a trainee the events of their cohort."""
    query = (
        select(TraineeEvent)
        .where(TraineeEvent.id == event_id)
        .options(joinedload(TraineeEvent.cohort), joinedload(TraineeEvent.host_municipality))
    )
    if not (actor.is_admin or actor.is_hr):
        query = query.where(
            TraineeEvent.cohort.has(Cohort.trainees.any(Trainee.user_id == actor.id))
        )
    return db.session.scalar(query)


def cohort_events(cohort: Cohort) -> list[TraineeEvent]:
    return list(
        db.session.scalars(
            select(TraineeEvent)
            .where(TraineeEvent.cohort_id == cohort.id)
            .options(
                joinedload(TraineeEvent.host_municipality),
                selectinload(TraineeEvent.attendance),
            )
            .order_by(TraineeEvent.starts_at, TraineeEvent.id)
        )
    )


@dataclass(frozen=True)
class EventData:
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    host_municipality_id: int | None


def _within_year(cohort: Cohort, data: EventData) -> None:
    """Training days and study visits lie within the cohort's year (from its start date up
    to, not including, the day it ends)."""
    last = cohort.end_date - timedelta(days=1)
    if not cohort.start_date <= local_date(data.starts_at) <= last:
        raise ServiceError(
            _("Datumet ligger utanför gruppens år (%(start)s–%(end)s).",
              start=format_date(cohort.start_date), end=format_date(last)),
            field="day",
        )


def save_event(
    actor: User | None, cohort: Cohort, data: EventData, event: TraineeEvent | None = None
) -> TraineeEvent:
    require_admin(actor)
    if data.kind not in EVENT_KINDS:
        raise ServiceError(_("Välj typ av aktivitet."), field="kind")
    if not data.title.strip():
        raise ServiceError(_("Fyll i en rubrik."), field="title")
    if data.ends_at <= data.starts_at:
        raise ServiceError(_("Sluttiden måste vara efter starttiden."), field="ends")
    _within_year(cohort, data)
    host_id = data.host_municipality_id
    if data.kind == STUDY_VISIT:
        municipality = db.session.get(Municipality, host_id) if host_id else None
        if municipality is None:
            raise ServiceError(
                _("Välj vilken kommun studiebesöket görs hos."), field="host_municipality_id"
            )
    if event is None:
        event = TraineeEvent(cohort_id=cohort.id)
        db.session.add(event)
    event.kind = data.kind
    event.title = data.title.strip()
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.place = data.place.strip()
    event.host_municipality_id = host_id or None
    db.session.flush()
    return event


def delete_event(actor: User, event: TraineeEvent) -> None:
    require_admin(actor)
    db.session.delete(event)
    db.session.flush()


def set_attendance(actor: User | None, event: TraineeEvent, trainee_ids: set[int]) -> int:
    """Exactly these trainees attended; only trainees of the event's cohort (the people of
    an event) can be marked. Returns how many attended."""
    require_admin(actor)
    members = db.session.scalars(select(Trainee.id).where(Trainee.cohort_id == event.cohort_id))
    return record_attendance(
        event, trainee_ids, members,
        not_eligible=_("Bara trainees i gruppen kan markeras som närvarande."),
    ).count


@dataclass(frozen=True)
class VisitStatus:
    visited: list[Municipality]
    planned: list[Municipality]
    remaining: list[Municipality]


def visit_status(
    events: list[TraineeEvent], municipalities: list[Municipality], now: datetime
) -> VisitStatus:
    """Which active member municipalities the cohort has visited, has planned, has left."""
    visits = [e for e in events if e.kind == STUDY_VISIT]
    visited_ids = {e.host_municipality_id for e in visits if e.has_started(now)}
    planned_ids = {
        e.host_municipality_id for e in visits if not e.has_started(now)
    } - visited_ids
    return VisitStatus(
        visited=[m for m in municipalities if m.id in visited_ids],
        planned=[m for m in municipalities if m.id in planned_ids],
        remaining=[m for m in municipalities if m.id not in visited_ids | planned_ids],
    )


def calendar_entries(events: list[TraineeEvent], kind_labels: dict) -> list[CalendarEntry]:
    entries = []
    for e in events:
        location = e.place
        if e.host_municipality is not None and e.host_municipality.name not in location:
            location = ", ".join(p for p in (location, e.host_municipality.name) if p)
        entries.append(
            entry_for(e, f"{kind_labels[e.kind]}: {e.title}", location,
                      _("Traineegrupp %(n)s", n=e.cohort.number))
        )
    return entries
