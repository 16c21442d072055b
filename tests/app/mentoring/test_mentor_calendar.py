"""A programme workshop in .ics and in the personal feed, read back with `icalendar`: in
Swedish time, with SEQUENCE raised when the coordinator moves it."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

SWEDEN = ZoneInfo("Europe/Stockholm")


def test_workshop_in_the_feed_follows_its_changes(app, client, auth, build_round, admin_user,
                                                  password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop

    app.config["BASE_URL"] = "https://mentor.example.org"
    r = build_round(pairs=1, state="running", password_hash=password_hash)
    with app.app_context():
        wid = db.session.scalar(select(Workshop.id).where(Workshop.round_id == r.id,
                                                          Workshop.number == 1))
    form = {"title": "Leda förändring", "starts_at": "2026-02-10T09:30", "minutes": "180",
            "place": "Stadshuset, Ängelholm", "link": "", "host_municipality_id": "0",
            "capacity": ""}
    auth.login(admin_user.email)
    assert client.post(f"/mentorskap/workshop/{wid}/andra", data=form).status_code == 302
    auth.logout()
    auth.login("adept0@example.org")
    assert client.post(f"/mentorskap/workshop/{wid}/anmal").status_code == 302
    assert 'href="/kalender"' in client.get("/mentorskap/").get_data(as_text=True)
    single = Calendar.from_ical(client.get(f"/mentorskap/workshop/{wid}.ics").data)
    (event,) = single.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 2, 10, 9, 30, tzinfo=SWEDEN)
    assert str(event["UID"]) == f"mentor-workshop-{wid}@mentor.example.org"
    client.post("/kalender/skapa")
    # The secret is shown once, on the page the new link leads to (only its hash is kept).
    token = re.search(r"/kalender/([\w-]+)\.ics", client.get("/kalender").get_data(as_text=True))[1]
    auth.logout()
    response = client.get(f"/kalender/{token}.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    (before,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(before["UID"]) == str(event["UID"])
    auth.login(admin_user.email)
    moved = form | {"starts_at": "2026-02-11T13:00"}
    assert client.post(f"/mentorskap/workshop/{wid}/andra", data=moved).status_code == 302
    auth.logout()
    (after,) = Calendar.from_ical(client.get(f"/kalender/{token}.ics").data).walk("VEVENT")
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == datetime(2026, 2, 11, 13, 0, tzinfo=SWEDEN)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
