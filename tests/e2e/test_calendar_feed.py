"""A trainee subscribes to their calendar: Min kalender, a secret webcal:// link, the feed
read by `icalendar`, and turning the link off after a confirmation. Every page passes axe
and does not scroll sideways at 320 px (the long address wraps)."""

from icalendar import Calendar

from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, flash_kinds, follow, login
from tests.said import confirm_actions


def test_trainee_subscribes_to_and_turns_off_their_calendar(live_server, page):
    base = live_server.url
    login(page, base, "astrid.nordin.trainee@example.org", then="/trainee/min-placering")
    follow(page.locator("main a[href='/kalender']"))
    assert page.url.endswith("/kalender")
    axe_check(page, "min kalender utan länk")
    follow(page.get_by_role("button", name="Skapa kalenderlänk"))
    axe_check(page, "min kalender med länk")
    assert flash_kinds(page) == ["success"]
    webcal = page.locator("a[href^='webcal://']")
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

    follow(page.locator("a[href='/kalender/stang-av']"))
    axe_check(page, "stäng av kalenderlänken")
    assert confirm_actions(page.content()) == ["/kalender/stang-av"]
    follow(page.locator("form.confirm button[type=submit]"))
    assert page.url.endswith("/kalender")
    assert flash_kinds(page) == ["success"]
    assert page.locator("a[href^='webcal://']").count() == 0
    assert page.request.get(address).status == 404
