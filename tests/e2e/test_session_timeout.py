"""The idle-logout warning in a real browser (issue 23, item 4): shortly before the
server would end an unused login the page says so in an alert, "Fortsätt vara inloggad"
keeps it, and when the time has passed the page says the user is logged out, which the
server confirms. The idle period is shortened to seconds for the test."""

from playwright.sync_api import expect

from tests.e2e.conftest import axe_check, login

LIVE_SERVER_DATA = "empty"
IDLE_MINUTES = 0.2  # 12 s; the warning comes half-way (at most SESSION_WARN_SECONDS before)


def test_the_page_warns_before_an_idle_logout_and_can_keep_the_session(live_server, page):
    live_server.app.config["SESSION_IDLE_MINUTES"] = IDLE_MINUTES
    base = live_server.url
    login(page, base, "hr.bjuv@example.org")
    notice = page.locator("[data-session]")  # its three texts, written by the server
    alert = notice.locator("[data-session-message]")
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text() == ""
    keep = notice.locator("form[data-session-keep] button")
    keep.wait_for(state="visible", timeout=15_000)
    assert alert.inner_text() == notice.get_attribute("data-warn-text")
    axe_check(page, "varning före utloggning")

    keep.click()
    # (expect polls without eval, which the app's Content-Security-Policy forbids)
    expect(alert).to_have_text(notice.get_attribute("data-kept-text"), timeout=5_000)
    assert not keep.is_visible()

    # Nothing more is done: the warning comes again, then the end.
    notice.locator("[data-session-login] a").wait_for(state="visible", timeout=30_000)
    assert alert.inner_text() == notice.get_attribute("data-ended-text")
    axe_check(page, "utloggad efter inaktivitet")
    page.reload()
    assert "/logga-in" in page.url  # the server ended it, not only the page
