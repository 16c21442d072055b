"""People's own control in a browser: an adept withdraws before publishing (the publish page
asks to run again), another edits and deletes a talk and asks to leave after publishing,
and the coordinator sees the request."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout


def _autumn_adepts(app):
    """(e-mail, enrolment id) of two adepts with finished profiles in the autumn round (no
    earlier pair)."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).first()
        earlier = select(Enrolment.user_id).where(Enrolment.round_id != autumn.id)
        people = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == autumn.id, Enrolment.role == "adept",
                                    Enrolment.profile_done_at.is_not(None),
                                    Enrolment.user_id.not_in(earlier))
            .order_by(Enrolment.id)
        ).all()
        return [(e.user.email, e.id) for e in people[:2]]


def _enrolment(app, enrolment_id: int) -> tuple[bool, str] | None:
    """(asked to leave, the reason given), None once the enrolment is gone."""
    from mentorship.mentoring.models import Enrolment

    def read(session):
        e = session.get(Enrolment, enrolment_id)
        return None if e is None else (e.leave_requested_at is not None, e.leave_reason)

    return from_db(app, read)


def _talk_minutes(app, email: str) -> list[int]:
    """The minutes of the talks the person has logged."""
    from mentorship.auth.models import User
    from mentorship.mentoring.models import MentorTalk

    return from_db(app, lambda s: list(s.scalars(
        select(MentorTalk.minutes).join(User, User.id == MentorTalk.author_id)
        .where(User.email == email))))


def _to_autumn_matching(page, base):
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))


def test_withdraw_edit_and_delete_talks_and_ask_to_leave(live_server, page):
    app, base = live_server.app, live_server.url
    (leaver, leaver_id), (stayer, stayer_id) = _autumn_adepts(app)
    leave = "a[href='/mentorskap/anmalan/{}/lamna']"
    _to_autumn_matching(page, base)
    follow(page.get_by_role("button", name="Kör matchningen"))
    logout(page)

    # An adept withdraws before the pairs are published.
    login(page, base, leaver)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.locator(leave.format(leaver_id)))
    axe_check(page, "lämna före publicering")
    follow(page.locator("main form button[type=submit]"))
    assert page.url == f"{base}/mentorskap/"
    assert flash_kinds(page) == ["success"]
    assert _enrolment(app, leaver_id) is None  # the enrolment and profile are gone
    logout(page)

    # The publish page asks to run again, lists who never logged in.
    _to_autumn_matching(page, base)
    follow(page.get_by_role("link", name="Publicera förslaget"))
    assert page.locator("#run-again-title").is_visible()
    assert page.locator("#never-title").is_visible()
    axe_check(page, "publicera med varningar")
    follow(page.locator("section[aria-labelledby=run-again-title] a[href*='/matchning']"))
    follow(page.get_by_role("button", name="Kör matchningen"))
    follow(page.get_by_role("link", name="Publicera förslaget"))
    assert page.locator("#run-again-title").count() == 0
    follow(page.get_by_role("button", name="Ja, publicera"))
    logout(page)

    # Another adept logs a talk, edits it, deletes it and asks to leave.
    login(page, base, stayer)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.locator("a[href$='/samtal']"))
    page.get_by_label("Längd i minuter").fill("50")
    follow(page.get_by_role("button", name="Spara samtalet"))
    assert _talk_minutes(app, stayer) == [50]
    follow(page.get_by_role("link", name=re.compile("^Ändra samtalet")))
    axe_check(page, "ändra samtal")
    page.get_by_label("Längd i minuter").fill("70")
    follow(page.get_by_role("button", name="Spara samtalet"))
    assert flash_kinds(page) == ["success"]
    assert _talk_minutes(app, stayer) == [70]
    assert "70 minuter" in page.content()
    follow(page.get_by_role("link", name=re.compile("^Ta bort samtalet")))
    axe_check(page, "ta bort samtal")
    follow(page.get_by_role("button", name="Ja, ta bort"))
    assert flash_kinds(page) == ["success"]
    assert _talk_minutes(app, stayer) == []
    assert "70 minuter" not in page.content()
    follow(page.get_by_role("link", name=re.compile("^Visa min profil")))
    # the profile is shown, but enrolment is closed: its fields are locked, nothing to save
    profile = page.locator("main form")
    assert profile.locator("fieldset[disabled]").count() == 1
    assert profile.locator("button[type=submit]").count() == 0
    page.go_back()
    follow(page.locator(leave.format(stayer_id)))
    axe_check(page, "be att få lämna")
    page.locator("[name=reason]").fill("Ny tjänst")
    follow(page.locator("main form button[type=submit]"))
    assert flash_kinds(page) == ["success"]
    assert _enrolment(app, stayer_id) == (True, "Ny tjänst")
    logout(page)

    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Par och samtal"))
    requests = page.get_by_role("region", name=re.compile(r"^Vill lämna programmet \(1\)"))
    assert "”Ny tjänst”" in requests.inner_text()
    assert requests.get_by_role("link", name=re.compile("^Avsluta paret")).is_visible()
    axe_check(page, "par med begäran att lämna")
    assert not page.console_errors, page.console_errors
