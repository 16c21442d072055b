"""Who attended an event: saved and read the same way in both programmes.

A programme says who may be marked (the people of the event: a workshop's sign-ups, a
cohort's trainees) and which ids were ticked; `record_attendance` makes exactly those the
rows of its `AttendanceRecord` model and says what changed. It flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, inspect, select

from mentorship.events.models import AttendanceRecord, ScheduledEvent
from mentorship.extensions import db
from mentorship.refusals import ServiceError


@dataclass(frozen=True)
class AttendanceChange:
    """Who is present after saving, and who was added and removed by it (person ids)."""

    present: frozenset[int]
    added: frozenset[int]
    removed: frozenset[int]

    @property
    def count(self) -> int:
        return len(self.present)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def not_started_message(event: ScheduledEvent) -> str:
    """Why attendance cannot be marked yet (for the service and for the page)."""
    if event.starts_at is None:
        return _("Närvaro kan markeras när aktiviteten har en tid och har börjat.")
    return _("Närvaro kan markeras när aktiviteten har börjat (%(when)s).",
             when=format_datetime(event.starts_at, "short"))


def present_ids(event: ScheduledEvent) -> set[int]:
    """The ids of the people present at `event`."""
    model = event.attendance_model()
    return set(
        db.session.scalars(
            select(model.person_column()).where(model.event_column() == event.id)
        )
    )


def present_counts(model: type[AttendanceRecord], event_ids: Iterable[int]) -> dict[int, int]:
    """event id -> how many were present (events without anyone present are left out)."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(model.event_column(), func.count())
        .where(model.event_column().in_(ids))
        .group_by(model.event_column())
    )
    return {event_id: n for event_id, n in rows}


def record_attendance(
    event: ScheduledEvent,
    present: Iterable[int],
    people: Iterable[int],
    not_eligible: str | None = None,
    field: str = "present",
    now: datetime | None = None,
) -> AttendanceChange:
    """Makes exactly `present` the people present at `event`. Only `people` (the ids of the
    event's people) may be marked: any other id changes nothing and is a ServiceError on
    the form's `field` (with the message `not_eligible`). Nobody can have attended an
    event that has not begun (a draft without a time, or one still to come): that is a
    ServiceError too, in both programmes."""
    if not event.has_started(now):
        raise ServiceError(not_started_message(event), field)
    chosen = frozenset(present)
    if not chosen <= set(people):
        raise ServiceError(
            not_eligible or _("Bara den som hör till aktiviteten kan markeras som närvarande."),
            field,
        )
    model = event.attendance_model()
    rows = {
        row.person_id: row
        for row in db.session.scalars(select(model).where(model.event_column() == event.id))
    }
    added = chosen - rows.keys()
    removed = frozenset(rows.keys() - chosen)
    for person_id in removed:
        db.session.delete(rows[person_id])
    for person_id in sorted(added):
        db.session.add(model.create(event.id, person_id))
    db.session.flush()
    # A loaded list of the event's attendance rows would still show the old ones.
    state = inspect(event)
    stale = [
        rel.key for rel in state.mapper.relationships
        if rel.mapper.class_ is model and rel.key not in state.unloaded
    ]
    if stale:
        db.session.expire(event, stale)
    return AttendanceChange(present=chosen, added=frozenset(added), removed=removed)
