"""A published round's name and dates edited in a browser (recorded on the round page), and
Årets mentor changed with a confirmation while the round is running."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login


def _rounds(app):
    """Publish the demo's autumn round and reopen last year's (closed) one as running."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing import proposals, publishing

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        autumn, earlier = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).all()[:2]
        proposals.run_matching(admin, autumn)
        publishing.publish(admin, autumn)
        earlier.state = "running"
        db.session.commit()
        return autumn.name, earlier.name


def test_coordinator_edits_a_published_round_and_changes_mentor_of_the_year(live_server, page):
    autumn, earlier = _rounds(live_server.app)
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=autumn, exact=True))
    follow(page.get_by_role("link", name="Ändra namn och datum"))
    axe_check(page, "ändra publicerad omgång")
    page.get_by_label("Namn").fill(f"{autumn} (förlängd)")
    page.get_by_label("Slutdatum").fill("2099-06-30")
    follow(page.get_by_role("button", name="Spara"))
    assert "Ändringarna är sparade" in page.content()
    history = page.get_by_role("table", name="Ändrade namn, datum och texter")
    assert history.get_by_role("cell", name="2099-06-30").is_visible()
    assert history.get_by_role("cell", name=f"{autumn} (förlängd)").is_visible()
    axe_check(page, "omgång med ändrade datum")

    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=earlier, exact=True))
    follow(page.get_by_role("link", name="Årets mentor", exact=True))
    assert "Du kan ändra Årets mentor tills omgången är avslutad" in page.content()
    follow(page.get_by_role("link", name=re.compile("^Utse till Årets mentor")).first)
    assert page.get_by_role("heading", name=re.compile(r"till Årets mentor\?$")).is_visible()
    assert "Det ersätter" in page.content()
    axe_check(page, "bekräfta Årets mentor")
    follow(page.get_by_role("button", name=re.compile("^Ja, utse")))
    assert "är Årets mentor!" in page.content()
    assert not page.console_errors, page.console_errors
