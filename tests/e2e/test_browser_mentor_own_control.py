"""People's own control in a browser: an adept withdraws before publishing (the publish page
asks to run again), another edits and deletes a talk and asks to leave after publishing,
and the coordinator sees the request."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login, logout


def _autumn_adepts(app):
    """E-mails of two adepts with finished profiles in the autumn round (no earlier pair)."""
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
        return [e.user.email for e in people[:2]]


def _to_autumn_matching(page, base):
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))


def test_withdraw_edit_and_delete_talks_and_ask_to_leave(live_server, page):
    base = live_server.url
    leaver, stayer = _autumn_adepts(live_server.app)
    _to_autumn_matching(page, base)
    follow(page.get_by_role("button", name="Kör matchningen"))
    logout(page)

    # An adept withdraws before the pairs are published.
    login(page, base, leaver)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile("^Lämna omgången")))
    axe_check(page, "lämna före publicering")
    follow(page.get_by_role("button", name="Ja, lämna omgången"))
    assert "Du har lämnat omgången" in page.content()
    logout(page)

    # The publish page asks to run again, lists who never logged in.
    _to_autumn_matching(page, base)
    follow(page.get_by_role("link", name="Publicera förslaget"))
    assert page.get_by_role("heading", name="Kör matchningen igen innan du publicerar").is_visible()
    assert page.get_by_role("heading", name=re.compile(r"^Har aldrig loggat in")).is_visible()
    axe_check(page, "publicera med varningar")
    follow(page.get_by_role("link", name="Till matchningen för att köra igen"))
    follow(page.get_by_role("button", name="Kör matchningen"))
    follow(page.get_by_role("link", name="Publicera förslaget"))
    assert "Kör matchningen igen innan du publicerar" not in page.content()
    follow(page.get_by_role("button", name="Ja, publicera"))
    logout(page)

    # Another adept logs a talk, edits it, deletes it and asks to leave.
    login(page, base, stayer)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name="Logga ett mentorssamtal"))
    page.get_by_label("Längd i minuter").fill("50")
    follow(page.get_by_role("button", name="Spara samtalet"))
    follow(page.get_by_role("link", name=re.compile("^Ändra samtalet")))
    axe_check(page, "ändra samtal")
    page.get_by_label("Längd i minuter").fill("70")
    follow(page.get_by_role("button", name="Spara samtalet"))
    assert "Mentorssamtalet är ändrat" in page.content() and "70 minuter" in page.content()
    follow(page.get_by_role("link", name=re.compile("^Ta bort samtalet")))
    axe_check(page, "ta bort samtal")
    follow(page.get_by_role("button", name="Ja, ta bort"))
    assert "Mentorssamtalet är borttaget" in page.content()
    assert "70 minuter" not in page.content()
    follow(page.get_by_role("link", name=re.compile("^Visa min profil")))
    assert "profilen kan inte längre ändras" in page.content()
    page.go_back()
    follow(page.get_by_role("link", name=re.compile("^Lämna omgången")))
    axe_check(page, "be att få lämna")
    page.get_by_label("Varför vill du lämna? (frivilligt)").fill("Ny tjänst")
    follow(page.get_by_role("button", name="Be att få lämna omgången"))
    assert "Samordnaren har fått din begäran" in page.content()
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
