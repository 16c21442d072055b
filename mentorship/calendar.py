"""Calendar files (.ics) for workshops, training days and study visits, as Outlook reads them.

Every event carries a UID that ends in the deployment's domain (from BASE_URL), a SEQUENCE
that is raised whenever its time, place or title changes, and LAST-MODIFIED, so a
calendar program updates the event it already has instead of adding a second one. Times
are written in Swedish time with the Europe/Stockholm VTIMEZONE, which also keeps a
calendar without events valid RFC 5545 (a VCALENDAR needs at least one component).

`track_calendar_changes(Model, fields)` keeps a model's `calendar_sequence` and
`calendar_updated_at` columns up to date on every flush.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Response, current_app
from icalendar import Calendar, Event, Timezone
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

ZONE = "Europe/Stockholm"
ICS_MIME = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable, without domain, e.g. "mentor-workshop-12"
    title: str
    start: datetime  # aware
    end: datetime | None = None
    location: str = ""
    description: str = ""
    sequence: int = 0
    last_modified: datetime | None = None  # aware


def uid_domain() -> str:
    """The deployment's host name, from BASE_URL."""
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def ics_bytes(entries: Iterable[CalendarEntry], name: str = "") -> bytes:
    zone = ZoneInfo(ZONE)
    domain = uid_domain()
    now = datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//HR-natverket//mentorship//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(Timezone.from_tzid(ZONE))
    for entry in entries:
        event_ = Event()
        event_.add("uid", f"{entry.uid}@{domain}")
        event_.add("dtstamp", now)
        event_.add("sequence", entry.sequence)
        event_.add("last-modified", (entry.last_modified or now).astimezone(UTC))
        event_.add("summary", entry.title)
        event_.add("dtstart", entry.start.astimezone(zone))
        event_.add("dtend", (entry.end or entry.start + timedelta(hours=3)).astimezone(zone))
        if entry.location:
            event_.add("location", entry.location)
        if entry.description:
            event_.add("description", entry.description)
        calendar.add_component(event_)
    return calendar.to_ical()


def ics_response(filename: str, entries: list[CalendarEntry], name: str = "") -> Response:
    # content_type, not mimetype: Werkzeug would add a second "; charset=utf-8".
    response = Response(ics_bytes(entries, name), content_type=ICS_MIME)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def track_calendar_changes(model: type[Any], fields: tuple[str, ...]) -> None:
    """Raise `calendar_sequence` and stamp `calendar_updated_at` when any of `fields`
    of a `model` row changes (SEQUENCE and LAST-MODIFIED of its calendar event)."""

    @event.listens_for(Session, "before_flush")
    def _bump(session: Session, _context: object, _instances: object) -> None:
        for obj in session.dirty:
            if not isinstance(obj, model):
                continue
            state = inspect(obj)
            if any(state.attrs[f].history.has_changes() for f in fields):
                obj.calendar_sequence = (obj.calendar_sequence or 0) + 1
                obj.calendar_updated_at = datetime.now(UTC)
