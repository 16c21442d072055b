""""Känns matchningen rätt?" in a browser: the demo's autumn round is published and the
nightly run has asked each side; an adept answers "nej" with a note, the coordinator sees
it on the start page and the round page, ends the pair (the re-match path) and the adept
is offered a new mentor. Every page passes axe."""

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from mentorship.mentoring.fit_models import NO
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout
from tests.said import cards, refused

NOTE = "Vi har svårt att hitta tider och olika förväntningar."  # what the adept writes


@dataclass(frozen=True)
class Asked:
    round_id: int
    round_name: str
    adept_email: str
    adept_name: str
    adept_id: int  # the adept's enrolment
    mentor_name: str
    pair_id: int
    check_id: int  # the adept's question


def _published_and_asked(app) -> Asked:
    """Publishes the autumn round seven weeks ago and asks everyone; returns the first
    pair's round, adept, mentor and the adept's question."""
    from mentorship.auth.models import User
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck
    from mentorship.mentoring.fitcheck.services import ask_due
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())).first()
        proposals.run_matching(admin, autumn)
        publishing.publish(admin, autumn)
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == autumn.id)
                                   .order_by(MentorPair.id)).all()
        for pair in pairs:
            pair.published_at = utcnow() - timedelta(weeks=7)
        assert ask_due() == 2 * len(pairs)
        db.session.commit()
        pair = pairs[0]
        check_id = db.session.scalar(select(FitCheck.id).where(
            FitCheck.pair_id == pair.id, FitCheck.enrolment_id == pair.adept_id))
        return Asked(autumn.id, autumn.name, pair.adept.user.email, pair.adept.user.name,
                     pair.adept_id, pair.mentor.user.name, pair.id, check_id)


def _check(app, check_id: int) -> tuple[str | None, str]:
    from mentorship.mentoring.fit_models import FitCheck

    return from_db(app, lambda s: (lambda c: (c.answer, c.note))(s.get(FitCheck, check_id)))


def _pair_ended(app, pair_id: int) -> bool:
    from mentorship.mentoring.models import MentorPair

    return from_db(app, lambda s: s.get(MentorPair, pair_id).ended_at is not None)


def test_an_adept_answers_nej_and_the_coordinator_handles_it(live_server, page):
    app, base = live_server.app, live_server.url
    asked = _published_and_asked(app)
    question = f"a[href='/mentorskap/passar-matchningen/{asked.check_id}']"
    login(page, base, asked.adept_email, then="/mentorskap/")
    assert page.locator(question).is_visible()
    follow(page.locator(question))
    assert asked.mentor_name in page.inner_text("main")  # whom the question is about
    axe_check(page, "känns matchningen rätt")
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"answer"}
    assert _check(app, asked.check_id) == (None, "")
    axe_check(page, "känns matchningen rätt, med fel")
    page.get_by_label("Nej").check()
    page.locator("[name=note]").fill(NOTE)
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.url == f"{base}/mentorskap/"
    assert flash_kinds(page) == ["success"]
    assert _check(app, asked.check_id) == (NO, NOTE)
    assert page.locator(question).count() == 0
    axe_check(page, "mitt mentorsprogram efter svaret")
    page.console_errors.clear()  # the refused form answered 400
    logout(page)

    login(page, base, "admin@example.org")
    to_handle = f"/mentorskap/omgangar/{asked.round_id}#fit-title"
    [card] = [c for c in cards(page.content()) if c[0] == to_handle]
    assert asked.round_name in card[1] and re.match(r"1\D", card[2]), card  # one answer
    follow(page.locator(f"a[href='{to_handle}']"))
    table = page.locator("section[aria-labelledby=fit-title] table")
    row = table.locator("tbody tr")
    assert row.count() == 1
    assert row.get_by_role("cell", name=asked.adept_name, exact=False).first.is_visible()
    assert row.get_by_role("cell", name=NOTE).is_visible()
    axe_check(page, "omgång med svar att ta hand om")
    follow(row.locator(f"a[href='/mentorskap/par/{asked.pair_id}/avsluta']"))
    axe_check(page, "avsluta par")
    page.get_by_label("Skäl").fill("Adepten svarade nej på Känns matchningen rätt?")
    follow(page.get_by_role("button", name="Avsluta paret"))
    assert page.url == f"{base}/mentorskap/omgangar/{asked.round_id}/par"
    assert flash_kinds(page) == ["success"]
    assert _pair_ended(app, asked.pair_id)
    rematch = f"/mentorskap/omgangar/{asked.round_id}/matcha-om/{asked.adept_id}"
    assert page.locator(f"a[href='{rematch}']").is_visible()
    axe_check(page, "par efter avslutat par")
    page.goto(base + "/")
    assert [c for c in cards(page.content()) if c[0] == to_handle] == []
    assert not page.console_errors, page.console_errors
