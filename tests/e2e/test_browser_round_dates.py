"""Dates drive the round, in a browser: right after publishing nobody is silent, the
invitation reminder is offered and goes out; a request to leave is marked handled; and
closing the round before its end date asks for confirmation, then ends every pair. Every
page passes axe."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login


def _published(app) -> tuple[str, int, str]:
    """The autumn round, published a minute ago (its pairs silent for no time at all), with
    two people who never set a password and one who asked to leave."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())).first()
        proposals.run_matching(admin, autumn)
        publishing.publish(admin, autumn)
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == autumn.id)
                                   .order_by(MentorPair.id)).all()
        pairs[0].adept.user.password_hash = None
        pairs[1].mentor.user.password_hash = None
        leaver = db.session.get_one(Enrolment, pairs[2].adept_id)
        leaving.ask_to_leave(leaver.user, leaver, "Ny tjänst i en annan region")
        db.session.commit()
        return autumn.name, len(pairs), leaver.user.name


def test_publish_then_remind_then_close_the_round(live_server, page):
    name, n_pairs, leaver = _published(live_server.app)
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=name, exact=True))
    assert "Tysta par" not in page.content()  # published a minute ago
    follow(page.get_by_role("link", name="Påminnelser"))
    offered = page.get_by_role("list").filter(has=page.get_by_role(
        "link", name="Par utan loggat samtal de senaste veckorna"))
    assert offered.get_by_role("link", name=re.compile("Har inte accepterat inbjudan")
                               ).is_visible()
    assert offered.get_by_role("link", name="Har inte fyllt i profilen").count() == 0
    follow(page.get_by_role("link", name="Par utan loggat samtal de senaste veckorna"))
    assert "Ingen i urvalet behöver påminnas just nu." in page.content()
    axe_check(page, "påminnelse till tysta par direkt efter publicering")
    follow(page.get_by_role("link", name=re.compile("Har inte accepterat inbjudan")))
    page.get_by_text(re.compile(r"^2 mottagare$")).click()
    axe_check(page, "påminnelse om inbjudan efter publicering")
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    follow(page.get_by_role("button", name="Ja, skicka till 2 personer"))
    assert "Påminnelsen är skickad till 2 personer" in page.content()

    # The request to leave is handled without ending anything; the list is then empty.
    follow(page.get_by_role("link", name="Par och samtal"))
    assert f"{leaver}" in page.get_by_role("region", name=re.compile("Vill lämna")).inner_text()
    axe_check(page, "par med en begäran att lämna")
    follow(page.get_by_role("button", name=f"Markera som hanterad {leaver}"))
    assert "är markerad som hanterad" in page.content()
    assert page.get_by_role("region", name=re.compile("Vill lämna")).count() == 0

    # Start (inside the dates), then close before the end date: confirmation asked.
    follow(page.get_by_role("link", name="Översikt"))
    follow(page.get_by_role("link", name="Starta omgången"))
    assert "Utanför omgångens datum" not in page.content()
    follow(page.get_by_role("button", name="Ja, fortsätt"))
    follow(page.get_by_role("link", name="Avsluta omgången"))
    assert "Utanför omgångens datum." in page.content()
    assert "avslutar också alla aktiva par" in page.content()
    axe_check(page, "avsluta omgången före slutdatum")
    follow(page.get_by_role("button", name="Ja, gör det ändå"))
    assert "Omgången är nu: Avslutad" in page.content()
    follow(page.get_by_role("link", name="Par och samtal"))
    table = page.get_by_role("table", name="Par")
    assert table.get_by_text("Aktivt", exact=True).count() == 0
    assert table.get_by_text("Avslutat", exact=True).count() == min(n_pairs, 50)
    axe_check(page, "par i en avslutad omgång")
    page.console_errors.clear()
