"""Calendar files (.ics) for workshops, training days and study visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import Response
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable, e.g. "workshop-12@mentorship"
    title: str
    start: datetime  # aware
    end: datetime | None = None
    location: str = ""
    description: str = ""


def ics_bytes(entries: list[CalendarEntry]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//HR-natverket//mentorship//SV")
    calendar.add("version", "2.0")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.title)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end or entry.start + timedelta(hours=3))
        event.add("dtstamp", datetime.now(UTC))
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(filename: str, entries: list[CalendarEntry]) -> Response:
    response = Response(ics_bytes(entries), mimetype="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
