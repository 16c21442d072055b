"""Calendar files (.ics) for workshops, training days and study visits, as Outlook reads them.

Every event carries a UID that ends in the deployment's domain (from BASE_URL), a SEQUENCE
that is raised whenever its time, place or title changes, and LAST-MODIFIED, so a
calendar program updates the event it already has instead of adding a second one. Times
are written in Swedish time with the Europe/Stockholm VTIMEZONE, which also keeps a
calendar without events valid RFC 5545 (a VCALENDAR needs at least one component).

`entry_for(event, ...)` is the calendar entry of any scheduled event of either programme
(`mentorship.events.models.ScheduledEvent`, which keeps its SEQUENCE and LAST-MODIFIED).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Response, current_app
from icalendar import Calendar, Event, Timezone

from mentorship.events.models import ScheduledEvent
from mentorship.timezones import to_local, zone_name

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


def entry_for(
    event: ScheduledEvent, title: str, location: str = "", description: str = ""
) -> CalendarEntry:
    """The calendar entry of a scheduled event (it must have a start time)."""
    if event.starts_at is None:
        raise ValueError(f"{event.calendar_uid} has no start time")
    return CalendarEntry(
        uid=event.calendar_uid,
        sequence=event.calendar_sequence or 0,
        last_modified=event.calendar_updated_at,
        title=title,
        start=event.starts_at,
        end=event.ends_at,
        location=location,
        description=description,
    )


def uid_domain() -> str:
    """The deployment's host name, from BASE_URL."""
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def ics_bytes(entries: Iterable[CalendarEntry], name: str = "") -> bytes:
    domain = uid_domain()
    now = datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//HR-natverket//mentorship//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(Timezone.from_tzid(zone_name()))
    for entry in entries:
        event_ = Event()
        event_.add("uid", f"{entry.uid}@{domain}")
        event_.add("dtstamp", now)
        event_.add("sequence", entry.sequence)
        event_.add("last-modified", (entry.last_modified or now).astimezone(UTC))
        event_.add("summary", entry.title)
        event_.add("dtstart", to_local(entry.start))
        event_.add("dtend", to_local(entry.end or entry.start + timedelta(hours=3)))
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
