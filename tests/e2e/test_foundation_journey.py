"""An admin logs in, finds people, invites one, reads the invitation in the outbox; the
invitee sets a password and logs in. Every page passes axe."""

import re

from tests.e2e.conftest import (
    axe_check,
    flash_kinds,
    follow,
    from_db,
    login,
    login_with_form,
    logout,
)
from tests.said import flashes, refused

HAS_FOCUS = "el => el === document.activeElement"  # a script, run on the element


def _account(app, email: str) -> tuple[str, int] | None:
    """(name, how many messages are queued to the address), None without an account."""
    from sqlalchemy import func, select

    from mentorship.auth.models import User
    from mentorship.mail.models import OutboxMessage

    def read(session):
        user = session.scalar(select(User).where(User.email == email))
        queued = session.scalar(select(func.count()).select_from(OutboxMessage)
                                .where(OutboxMessage.recipient == email))
        return None if user is None else (user.name, queued)

    return from_db(app, read)


def test_admin_invites_a_person_who_then_logs_in(live_server, page):
    base = live_server.url
    page.goto(f"{base}/logga-in")
    assert page.locator("html").get_attribute("lang") == "sv"
    axe_check(page, "inloggning")

    # A failed login: generic message, focus on the error summary, title starts with Fel:
    # The e-mail first: an address without its municipality's own login gets the password.
    page.get_by_label("E-postadress").fill("admin@example.org")
    follow(page.get_by_role("button", name="Fortsätt"))
    axe_check(page, "inloggning, lösenord")
    page.get_by_label("Lösenord").fill("wrong password")
    follow(page.get_by_role("button", name="Logga in"))
    assert page.title().startswith("Fel:")
    assert page.locator("[data-error-summary]").evaluate(HAS_FOCUS)
    axe_check(page, "inloggning med fel")

    login_with_form(page, base, "admin@example.org")
    axe_check(page, "start")
    follow(page.get_by_role("link", name="Personer", exact=True).first)
    axe_check(page, "personer")
    page.get_by_label("Sök namn eller e-post").fill("hr.angelholm")
    follow(page.get_by_role("button", name="Sök"))
    assert page.get_by_role("link", name="HR Ängelholm").is_visible()

    follow(page.get_by_role("link", name="Bjud in en person"))
    axe_check(page, "bjud in")
    follow(page.get_by_role("button", name="Skicka inbjudan"))
    assert page.title().startswith("Fel:")
    assert {"email", "name"} <= refused(page.content())
    assert _account(live_server.app, "ny.chef@example.org") is None
    axe_check(page, "bjud in med fel")
    page.get_by_label("E-postadress").fill("ny.chef@example.org")
    page.get_by_label("Namn").fill("Ny Chef")
    page.get_by_label("Kommun", exact=True).select_option(label="Klippan")
    follow(page.get_by_role("button", name="Skicka inbjudan"))
    [(kind, text)] = flashes(page.content())
    assert kind == "success" and "ny.chef@example.org" in text  # the invitation is queued
    assert _account(live_server.app, "ny.chef@example.org") == ("Ny Chef", 1)
    axe_check(page, "person")

    page.goto(f"{base}/utkorg/")
    axe_check(page, "utkorg")
    follow(page.get_by_role("link", name=re.compile("Inbjudan")).first)
    body = page.locator("pre.mail").inner_text()
    link = re.search(r"https?://\S+/inbjudan/\S+", body).group(0)
    logout(page)

    page.goto(link)
    axe_check(page, "välj lösenord")
    page.get_by_label("Nytt lösenord").fill("ett-langt-losenord")
    page.get_by_label("Upprepa lösenordet").fill("ett-langt-losenord")
    follow(page.get_by_role("button", name="Spara lösenord"))
    # a person who just chose a password is logged in, on the start page
    assert page.url == f"{base}/"
    assert flash_kinds(page) == ["success"]
    assert "Ny Chef" in page.locator(".who").inner_text()
    assert "Hej Ny Chef" in page.content()
    axe_check(page, "startsidan efter valt lösenord")
    logout(page)
    login_with_form(page, base, "ny.chef@example.org", "ett-langt-losenord")
    assert "Hej Ny Chef" in page.content()
    assert not page.console_errors, page.console_errors


def test_pages_fit_a_narrow_screen_and_are_keyboard_reachable(live_server, page):
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, live_server.url, "hr.bjuv@example.org", then=None)
    for path in ("/", "/personer/", "/personer/bjud-in", "/tillganglighet"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, f"{path} scrolls sideways at 320 px"
        axe_check(page, path)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    # the first stop is the link that skips to the content
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
