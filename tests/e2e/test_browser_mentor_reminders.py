"""Reminders in a browser: the coordinator picks a selection, edits the text, sends it and
sees it in the log; the automatic reminders are switched on for a running round."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login


def _setup(app):
    """The autumn round back to open enrolment with one profile not filled in; last
    year's round running again."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    with app.app_context():
        autumn, earlier = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())).all()[:2]
        autumn.state, earlier.state = "open", "running"
        e = db.session.scalars(select(Enrolment).where(Enrolment.round_id == autumn.id)
                               .order_by(Enrolment.id)).first()
        e.profile_done_at = None
        db.session.commit()
        return autumn.name, earlier.name, e.user.name


def test_coordinator_sends_a_reminder_to_a_selection(live_server, page):
    autumn, earlier, missing = _setup(live_server.app)
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=autumn, exact=True))
    follow(page.get_by_role("link", name="Påminnelser"))
    assert "Inga påminnelser är skickade" in page.content()
    axe_check(page, "påminnelser")
    follow(page.get_by_role("link", name="Har inte fyllt i profilen"))
    page.get_by_text(re.compile(r"^1 mottagare$")).click()
    assert page.get_by_text(missing).is_visible()
    page.get_by_label("Ämnesrad").fill("")
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    assert page.title().startswith("Fel:")
    axe_check(page, "påminnelse med fel")
    page.get_by_label("Ämnesrad").fill("Sista chansen att fylla i profilen")
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    assert page.get_by_role("heading", name="Skicka påminnelsen?").is_visible()
    axe_check(page, "bekräfta påminnelse")
    follow(page.get_by_role("button", name="Ja, skicka till 1 person"))
    assert "Påminnelsen är skickad till 1 person." in page.content()
    log = page.get_by_role("table", name="Skickade påminnelser")
    assert log.get_by_role("cell", name="Sista chansen att fylla i profilen").is_visible()
    axe_check(page, "påminnelser med logg")
    page.console_errors.clear()  # the refused form answered 400

    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=earlier, exact=True))
    follow(page.get_by_role("link", name="Påminnelser"))
    follow(page.get_by_role("button", name="Slå på"))
    assert "Automatiska påminnelser är på" in page.content()
    assert not page.console_errors, page.console_errors
