""""Känns matchningen rätt?" in a browser: the demo's autumn round is published and the
nightly run has asked each side; an adept answers "nej" with a note, the coordinator sees
it on the start page and the round page, ends the pair (the re-match path) and the adept
is offered a new mentor. Every page passes axe."""

from datetime import timedelta

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login, logout


def _published_and_asked(app) -> tuple[str, str, str, str]:
    """Publishes the autumn round seven weeks ago and asks everyone; returns the round's
    name, an adept's e-mail and name, and their mentor's name."""
    from mentorship.auth.models import User
    from mentorship.db import utcnow
    from mentorship.extensions import db
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
        return autumn.name, pair.adept.user.email, pair.adept.user.name, pair.mentor.user.name


def test_an_adept_answers_nej_and_the_coordinator_handles_it(live_server, page):
    round_name, adept_email, adept_name, mentor_name = _published_and_asked(live_server.app)
    base = live_server.url
    login(page, base, adept_email, then="/mentorskap/")
    assert page.get_by_text("Känns matchningen rätt?").first.is_visible()
    follow(page.get_by_role("link", name=f"Svara om matchningen med {mentor_name}"))
    assert f"aldrig {mentor_name}" in page.content()
    axe_check(page, "känns matchningen rätt")
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.title().startswith("Fel:")
    axe_check(page, "känns matchningen rätt, med fel")
    page.get_by_label("Nej").check()
    page.get_by_label("Något du vill säga till samordnaren? (frivilligt)").fill(
        "Vi har svårt att hitta tider och olika förväntningar.")
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert "Tack för ditt svar" in page.content()
    assert page.get_by_role("link", name=f"Svara om matchningen med {mentor_name}").count() == 0
    axe_check(page, "mitt mentorsprogram efter svaret")
    page.console_errors.clear()  # the refused form answered 400
    logout(page)

    login(page, base, "admin@example.org")
    card = page.locator("li", has_text="1 svar på ”Känns matchningen rätt?” behöver hanteras.")
    follow(card.get_by_role("link", name=f"Att göra: {round_name}"))
    table = page.get_by_role("table", name="1 svar att ta hand om")
    assert table.get_by_role("cell", name=f"{adept_name} (adept)").is_visible()
    assert table.get_by_role("cell", name="Vi har svårt att hitta tider och olika "
                                          "förväntningar.").is_visible()
    axe_check(page, "omgång med svar att ta hand om")
    follow(table.get_by_role("link", name=f"Avsluta paret och matcha om {adept_name}"))
    axe_check(page, "avsluta par")
    page.get_by_label("Skäl").fill("Adepten svarade nej på Känns matchningen rätt?")
    follow(page.get_by_role("button", name="Avsluta paret"))
    assert "Paret är avslutat" in page.content()
    assert page.get_by_role("link", name=f"Matcha om bland lediga mentorer {adept_name}"
                            ).is_visible()
    axe_check(page, "par efter avslutat par")
    page.goto(base + "/")
    assert "behöver hanteras" not in page.content()
    assert not page.console_errors, page.console_errors
