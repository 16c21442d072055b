"""Calendars Outlook updates instead of duplicating, read back with `icalendar`: SEQUENCE,
LAST-MODIFIED, UIDs in the deployment's domain, a valid empty calendar, one charset, and
the personal subscription feed (secret, revocable, webcal://)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

from tests.said import confirm_actions

DAY = date.today() + timedelta(days=30)


def _event(title="Studiebesök", place="Kommunhuset", starts="09:00"):
    return {"kind": "training_day", "title": title, "day": DAY.isoformat(), "starts": starts,
            "ends": "15:00", "place": place, "host_municipality_id": "0"}


def _shown_token(page: str) -> str:
    return re.search(r"/kalender/([\w-]+)\.ics", page)[1]


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar.subcomponents, "RFC 5545: a VCALENDAR has at least one component"
    return calendar


def events(calendar: Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


def test_sequence_rises_with_time_place_or_title_and_uid_is_in_our_domain(
    app, client, auth, world
):
    from mentorship.extensions import db
    from mentorship.trainees.models import TraineeEvent

    app.config["BASE_URL"] = "https://mentor.example.org"
    auth.login("boss@example.org")
    assert client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny",
                       data=_event()).status_code == 302
    with app.app_context():
        event_id = db.session.scalar(select(TraineeEvent.id))
    url = f"/trainee/aktiviteter/{event_id}/kalender.ics"
    (first,) = events(parse(client.get(url)))
    assert str(first["UID"]) == f"trainee-event-{event_id}@mentor.example.org"
    assert first["SEQUENCE"] == 0 and first.decoded("LAST-MODIFIED").tzinfo is not None
    start = first.decoded("DTSTART")
    assert start == datetime.combine(DAY, datetime.min.time().replace(hour=9),
                                     tzinfo=ZoneInfo("Europe/Stockholm"))
    edit = f"/trainee/aktiviteter/{event_id}/andra"
    for n, data in enumerate([_event(starts="10:00"), _event(place="Stadshuset", starts="10:00"),
                              _event(title="Besök", place="Stadshuset", starts="10:00")],
                             start=1):
        assert client.post(edit, data=data).status_code == 302
        (event,) = events(parse(client.get(url)))
        assert event["SEQUENCE"] == n and str(event["UID"]) == str(first["UID"])
        assert event.decoded("LAST-MODIFIED") >= first.decoded("LAST-MODIFIED")
    # Saving without a change does not raise it.
    assert client.post(edit, data=_event(title="Besök", place="Stadshuset",
                                         starts="10:00")).status_code == 302
    (event,) = events(parse(client.get(url)))
    assert event["SEQUENCE"] == 3 and event["SUMMARY"] == "Utbildningsdag: Besök"


def test_an_empty_calendar_is_valid(app, client, auth, world):
    auth.login("boss@example.org")
    calendar = parse(client.get(f"/trainee/grupper/{world.c18}/kalender.ics"))
    assert events(calendar) == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"


def test_personal_feed_is_secret_revocable_and_has_the_cohorts_events(app, client, auth, world):
    from mentorship.auth.tokens import token_hash
    from mentorship.extensions import db
    from mentorship.feeds.models import CalendarFeed

    app.config["BASE_URL"] = "https://mentor.example.org"
    auth.login("boss@example.org")
    client.post(f"/trainee/grupper/{world.c18}/aktiviteter/ny", data=_event(title="Skolbesök"))
    client.post(f"/trainee/grupper/{world.c17}/aktiviteter/ny", data=_event(title="Annan grupp"))
    auth.logout()
    auth.login("selma@example.org")
    assert 'href="/kalender"' in client.get("/trainee/min-placering").get_data(as_text=True)
    page = client.get("/kalender").get_data(as_text=True)
    assert "Skapa kalenderlänk" in page and "webcal://" not in page
    assert client.post("/kalender/skapa").status_code == 302
    page = client.get("/kalender").get_data(as_text=True)
    token = _shown_token(page)
    with app.app_context():
        stored = db.session.scalar(select(CalendarFeed.token_hash))
    assert len(token) >= 40 and stored == token_hash(token)  # the secret is not stored
    assert "webcal://mentor.example.org/kalender/" in page and f"/kalender/{token}.ics" in page
    # Shown once: the page still has the link (to replace or revoke), and no longer shows it.
    again = client.get("/kalender").get_data(as_text=True)
    assert token not in again and "webcal://" not in again
    assert 'href="/kalender/stang-av"' in again and 'action="/kalender/skapa"' in again
    auth.logout()
    calendar = parse(client.get(f"/kalender/{token}.ics"))
    assert [str(e["SUMMARY"]) for e in events(calendar)] == ["Utbildningsdag: Skolbesök"]
    assert all(str(e["UID"]).endswith("@mentor.example.org") for e in events(calendar))
    assert client.get("/kalender/not-a-token.ics").status_code == 404
    # A new link replaces the old one; revoking (after a confirmation) ends it.
    auth.login("selma@example.org")
    client.post("/kalender/skapa")
    new = _shown_token(client.get("/kalender").get_data(as_text=True))
    assert new != token and client.get(f"/kalender/{token}.ics").status_code == 404
    assert confirm_actions(client.get("/kalender/stang-av")) == ["/kalender/stang-av"]
    assert client.get(f"/kalender/{new}.ics").status_code == 200  # not before the POST
    assert client.post("/kalender/stang-av").status_code == 302
    assert client.get(f"/kalender/{new}.ics").status_code == 404


def test_the_feed_of_a_deactivated_account_stops(app, client, auth, world):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    auth.login("selma@example.org")
    client.post("/kalender/skapa")
    token = _shown_token(client.get("/kalender").get_data(as_text=True))
    auth.logout()
    assert client.get(f"/kalender/{token}.ics").status_code == 200
    with app.app_context():
        db.session.scalar(select(User).where(User.email == "selma@example.org")).active = False
        db.session.commit()
    assert client.get(f"/kalender/{token}.ics").status_code == 404
