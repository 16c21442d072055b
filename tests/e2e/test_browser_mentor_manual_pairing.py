"""Manual pairing in a browser: the coordinator runs the demo's autumn round, tries a pair
that breaks a hard rule, swaps two pairs' mentors, unpairs a row and runs again."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import refused


def _people(app):
    """Labels of an adept and a mentor of the same municipality (with their enrolment
    ids), and the labels and ids of two paired adepts with their proposed mentors."""
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
            paired = [(label(p.adept), p.adept_id, p.mentor_id) for p in rows[:2]]
        return (label(adept), adept.id), (label(mentor), mentor.id), paired


def _rules(app, round_id: int) -> dict[tuple[int, int], tuple[str, str]]:
    """The round's rules: (adept id, mentor id) -> (kind, reason)."""
    from mentorship.mentoring.models import MatchRule

    return from_db(app, lambda s: {
        (r.adept_id, r.mentor_id): (r.kind, r.reason)
        for r in s.scalars(select(MatchRule).where(MatchRule.round_id == round_id))})


def test_coordinator_pairs_by_hand_swaps_and_unpairs(live_server, page):
    app, base = live_server.app, live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))
    round_id = int(re.search(r"/omgangar/(\d+)/matchning", page.url).group(1))
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert flash_kinds(page) == ["success"]
    proposed = page.locator("table.proposal tbody tr")
    assert proposed.count() > 0
    rules = _rules(app, round_id)

    # A pair from one municipality breaks a hard rule, and the page says which field.
    (adept, _adept_id), (mentor, _mentor_id), paired = _people(app)
    page.get_by_label("Adept", exact=True).fill(adept)
    page.get_by_label("Mentor", exact=True).fill(mentor)
    follow(page.get_by_role("button", name="Lås paret"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"manual-mentor"}
    assert _rules(app, round_id) == rules  # nothing locked
    axe_check(page, "manuellt par som bryter en regel")
    # The refused form answers 400 (the browser logs it); nothing else may be logged.
    assert all("status of 400" in e for e in page.console_errors), page.console_errors
    page.console_errors.clear()

    # Swap the mentors of the first two proposed pairs, then run again.
    (first, first_id, first_mentor), (second, second_id, second_mentor) = paired
    page.get_by_label("Första adepten").fill(first)
    page.get_by_label("Andra adepten").fill(second)
    follow(page.get_by_role("button", name="Byt mentorer", exact=True))
    assert flash_kinds(page) == ["success"]
    assert page.url.endswith("#regler")
    rules = _rules(app, round_id)
    # both adepts locked to the other's mentor, for the reason the app gives a swap
    kind, reason = rules[(first_id, second_mentor)]
    assert kind == "lock" and rules[(second_id, first_mentor)] == (kind, reason)
    assert page.locator("#regler").get_by_role("cell", name=reason).count() == 2
    follow(page.get_by_role("button", name="Kör matchningen"))
    changes = page.locator("section.run-changes")
    assert changes.is_visible()
    added = changes.get_by_role("table", name=re.compile(r"^Nya par \(\d+\)"))
    for label, _adept, _mentor in paired:  # both swapped pairs are new (others may move too)
        assert label.split(",")[0] in added.inner_text()
    axe_check(page, "förslag med ändringar")

    # Unpair the third row: the page comes back at that row.
    row = proposed.nth(2)
    row_id = row.get_attribute("id")
    unpaired = (int(row_id.removeprefix("par-")),
                int(row.locator("input[name=mentor_id]").last.get_attribute("value")))
    assert unpaired not in _rules(app, round_id)
    follow(row.get_by_role("button", name=re.compile("^Dela upp")))
    assert flash_kinds(page) == ["success"]
    assert page.url.endswith(f"#{row_id}")
    kind, reason = _rules(app, round_id)[unpaired]
    assert kind == "forbid"
    assert page.locator("#regler").get_by_role("cell", name=reason).is_visible()
    axe_check(page, "förslag efter uppdelning")
    assert not page.console_errors, page.console_errors
