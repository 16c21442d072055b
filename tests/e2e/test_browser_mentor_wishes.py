"""Participant-shaped matching in a browser. The coordinator's journey: the wish period,
the proposal with an adept's alternatives and the people's profiles. The participants':
an adept ranks mentors, a mentor marks a conflict of interest, and after publishing the
pair sees each other's goals and presentations (never the wishes or the mark)."""

import re

from sqlalchemy import select

from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, follow, login, logout


def check(page, what: str) -> None:
    """axe, and no sideways scrolling on a 320 px wide screen."""
    axe_check(page, what)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert not overflows(page), f"{what} scrolls sideways at 320 px"
    page.set_viewport_size(size)


def _autumn_people(app):
    """(adept e-mail, mentor e-mail) in the autumn round without an earlier pair."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())).first()
        earlier = select(Enrolment.user_id).where(Enrolment.round_id != autumn.id)
        people = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == autumn.id,
                                    Enrolment.user_id.not_in(earlier))
            .order_by(Enrolment.id)).all()
        adept = next(e for e in people if e.role == "adept")
        mentor = next(e for e in people if e.role == "mentor"
                      and e.user.municipality_id != adept.user.municipality_id)
        return adept.user.email, mentor.user.email


def _to_autumn(page, base):
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)


def test_coordinator_sets_the_wish_period_and_sees_through_the_proposal(live_server, page):
    base = live_server.url
    _to_autumn(page, base)
    follow(page.get_by_role("link", name="Önskemål", exact=True))
    assert page.get_by_text("Öppen nu").is_visible()
    assert page.get_by_role("heading", name="Mentorernas markeringar (jäv)").is_visible()
    check(page, "önskeperiod")
    follow(page.get_by_role("button", name="Spara önskeperioden"))
    assert "Önskeperioden är sparad" in page.content()

    follow(page.get_by_role("link", name="Matchning", exact=True))
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert page.get_by_text(re.compile(r"som önskade, \d+ fick sitt förstahandsval")).is_visible()
    assert "Vid lika poäng väljer matchningen utan slump" in page.content()
    follow(page.get_by_role("link", name=re.compile("^Alternativ för")).first)
    assert page.get_by_role("heading", name="Näst bästa mentorer").is_visible()
    assert page.get_by_role("columnheader", name="Omgångens totala poäng minskar med").is_visible()
    check(page, "alternativ för en adept")
    follow(page.get_by_role("link", name="Adeptens profil"))
    assert page.get_by_text("Det här vill jag utvecklas i").is_visible()
    assert page.get_by_role("heading", name="Adeptens önskemål").is_visible()
    check(page, "deltagarens profil")
    logout(page)


def test_adept_wishes_mentor_marks_and_the_pair_meets_prepared(live_server, page):
    base = live_server.url
    adept, mentor = _autumn_people(live_server.app)

    login(page, base, adept)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name="Önska mentorer"))
    assert page.get_by_role("heading", name="Mentorer du kan matchas med").is_visible()
    check(page, "önska mentorer")
    for rank, label in enumerate(("Förstahandsval", "Andrahandsval", "Tredjehandsval"), 1):
        page.get_by_label(label).select_option(index=rank)
    follow(page.get_by_role("button", name="Spara mina önskemål"))
    assert "Dina önskemål är sparade" in page.content()
    follow(page.get_by_role("link", name="Visa min profil").first)
    assert page.get_by_label("Kort presentation").is_visible()
    check(page, "min profil med presentation")
    logout(page)

    login(page, base, mentor)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name="Adepter jag inte kan ta"))
    check(page, "markera jäv")
    page.get_by_label("Adept").select_option(index=1)
    page.get_by_label("Skäl").fill("Vi har samma chef i ett gemensamt projekt")
    follow(page.get_by_role("button", name="Markera adepten"))
    assert "Markeringen är sparad" in page.content()
    check(page, "markering sparad")
    logout(page)

    _to_autumn(page, base)
    follow(page.get_by_role("link", name="Matchning", exact=True))
    follow(page.get_by_role("button", name="Kör matchningen"))
    follow(page.get_by_role("link", name="Publicera förslaget"))
    follow(page.get_by_role("button", name="Ja, publicera"))
    logout(page)

    login(page, base, adept)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    partner = page.locator(".partner").first
    assert partner.get_by_text("Kan erbjuda", exact=True).is_visible()
    assert partner.get_by_text("Presentation", exact=True).is_visible()
    assert partner.get_by_text("Träffas helst", exact=True).is_visible()
    assert "Vi har samma chef" not in page.content()
    check(page, "min mentor efter publicering")
