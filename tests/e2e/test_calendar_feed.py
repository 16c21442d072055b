"""A trainee subscribes to their calendar: Min kalender, a secret webcal:// link, the feed
read by `icalendar`, and turning the link off after a confirmation. Every page passes axe
and does not scroll sideways at 320 px (the long address wraps)."""

from icalendar import Calendar

from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, follow, login


def test_trainee_subscribes_to_and_turns_off_their_calendar(live_server, page):
    base = live_server.url
    login(page, base, "astrid.nordin.trainee@example.org", then="/trainee/min-placering")
    follow(page.get_by_role("link", name="Prenumerera på alla dina aktiviteter i din kalender"))
    assert page.url.endswith("/kalender")
    axe_check(page, "min kalender utan länk")
    follow(page.get_by_role("button", name="Skapa kalenderlänk"))
    axe_check(page, "min kalender med länk")
    webcal = page.get_by_role("link", name="Prenumerera i kalenderprogrammet")
    href = webcal.get_attribute("href")
    assert href.startswith("webcal://") and href.endswith(".ics")
    address = page.locator(".feed-url code").inner_text()
    assert address.split("://", 1)[1] == href.split("://", 1)[1]
    page.set_viewport_size({"width": 320, "height": 800})
    assert not overflows(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    feed = page.request.get(address)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert events and all("SEQUENCE" in e and "LAST-MODIFIED" in e for e in events)

    follow(page.get_by_role("link", name="Stäng av länken"))
    axe_check(page, "stäng av kalenderlänken")
    follow(page.get_by_role("button", name="Stäng av länken"))
    assert "Kalenderlänken är avstängd." in page.content()
    assert page.request.get(address).status == 404
