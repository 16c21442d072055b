"""Manual pairing in a browser: the coordinator runs the demo's autumn round, tries a pair
that breaks a hard rule, swaps two pairs' mentors, unpairs a row and runs again."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login


def _people(app):
    """Labels of an adept and a mentor of the same municipality, and two paired adepts."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MatchRun, MentorRound, ProposedPair

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).first()
        people = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == autumn.id,
                                    Enrolment.profile_done_at.is_not(None))
        ).all()

        def label(e):
            return f"{e.user.name}, {e.user.municipality.name}"

        adepts = [e for e in people if e.role == "adept"]
        mentors = [e for e in people if e.role == "mentor"]
        adept, mentor = next((a, m) for a in adepts for m in mentors
                             if a.user.municipality_id == m.user.municipality_id)
        run = db.session.scalars(
            select(MatchRun).where(MatchRun.round_id == autumn.id).order_by(MatchRun.id.desc())
        ).first()
        paired = []
        if run is not None:
            rows = db.session.scalars(
                select(ProposedPair).where(ProposedPair.run_id == run.id,
                                           ProposedPair.mentor_id.is_not(None))
                .order_by(ProposedPair.id)
            ).all()
            paired = [label(p.adept) for p in rows[:2]]
        return label(adept), label(mentor), paired


def test_coordinator_pairs_by_hand_swaps_and_unpairs(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert "Matchningen är klar" in page.content()

    # A pair from one municipality breaks a hard rule, and the page says which.
    adept, mentor, paired = _people(live_server.app)
    page.get_by_label("Adept", exact=True).fill(adept)
    page.get_by_label("Mentor", exact=True).fill(mentor)
    follow(page.get_by_role("button", name="Lås paret"))
    assert page.title().startswith("Fel:")
    assert "mentor och adept ska komma från olika kommuner" in page.content()
    axe_check(page, "manuellt par som bryter en regel")
    # The refused form answers 400 (the browser logs it); nothing else may be logged.
    assert all("status of 400" in e for e in page.console_errors), page.console_errors
    page.console_errors.clear()

    # Swap the mentors of the first two proposed pairs, then run again.
    page.get_by_label("Första adepten").fill(paired[0])
    page.get_by_label("Andra adepten").fill(paired[1])
    follow(page.get_by_role("button", name="Byt mentorer", exact=True))
    assert "Mentorerna är bytta" in page.content()
    assert page.url.endswith("#regler")
    assert page.get_by_role("cell", name="Mentorer bytta av administratör").count() == 2
    follow(page.get_by_role("button", name="Kör matchningen"))
    changes = page.get_by_role("region", name="Ändringar sedan förra körningen")
    assert changes.is_visible()
    added = changes.get_by_role("table", name=re.compile(r"^Nya par \(\d+\)"))
    for label in paired:  # both swapped pairs are new (others may move too)
        assert label.split(",")[0] in added.inner_text()
    axe_check(page, "förslag med ändringar")

    # Unpair the third row: the page comes back at that row.
    row = page.locator("table.proposal tbody tr").nth(2)
    row_id = row.get_attribute("id")
    follow(row.get_by_role("button", name=re.compile("^Dela upp")))
    assert "Paret är uppdelat och förbjudet" in page.content()
    assert page.url.endswith(f"#{row_id}")
    assert page.get_by_role("cell", name="Förbjudet av administratör").is_visible()
    axe_check(page, "förslag efter uppdelning")
    assert not page.console_errors, page.console_errors
