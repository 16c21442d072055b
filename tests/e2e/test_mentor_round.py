"""The mentor round in a browser: the coordinator runs the matching on the demo's autumn
round and publishes it; one adept then sees their mentor and logs a mentor talk."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login, logout


def _autumn_pair(app):
    """(adept e-mail, mentor name) of a published pair in the autumn round."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).first()
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == autumn.id))
        others = {
            p.adept.user_id
            for p in db.session.scalars(select(MentorPair).where(MentorPair.round_id != autumn.id))
        }
        pair = next(p for p in pairs if p.adept.user_id not in others)
        return pair.adept.user.email, pair.mentor.user.name


def test_coordinator_matches_and_publishes_then_adept_logs_a_talk(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    axe_check(page, "omgångar")
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    assert "Matchning" in page.content()
    axe_check(page, "omgång")
    follow(page.get_by_role("link", name="Till matchningen"))
    assert "Matchningen har inte körts än" in page.content()
    axe_check(page, "matchning före körning")
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert "Matchningen är klar" in page.content()
    assert page.get_by_text("Kommuner representerade").is_visible()
    assert page.get_by_role("table", name=re.compile("Föreslagna par")).is_visible()
    axe_check(page, "förslag")

    follow(page.get_by_role("link", name="Publicera förslaget"))
    axe_check(page, "bekräfta publicering")
    follow(page.get_by_role("button", name="Ja, publicera"))
    assert "par är publicerade" in page.content()
    axe_check(page, "par")
    logout(page)

    adept_email, mentor_name = _autumn_pair(live_server.app)
    login(page, base, adept_email)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    assert page.get_by_role("heading", name="Din mentor").first.is_visible()
    assert mentor_name in page.content()
    axe_check(page, "mitt mentorsprogram")
    follow(page.get_by_role("link", name="Logga ett mentorssamtal"))
    axe_check(page, "logga samtal")
    page.get_by_label("Längd i minuter").fill("50")
    page.get_by_label("Egen anteckning (frivillig)").fill("Vi pratade om svåra samtal.")
    follow(page.get_by_role("button", name="Spara samtalet"))
    assert "Mentorssamtalet är sparat" in page.content()
    assert "50 minuter" in page.content()
    assert "Vi pratade om svåra samtal." in page.content()
    assert not page.console_errors, page.console_errors
