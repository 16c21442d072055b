"""Closing the year and reading on a phone, in Chromium with axe: the evaluation opened and
closed from its own tab, Årets mentor with each nominated mentor once and every
nominator's words on the confirmation page, the pairs list in Swedish order with sorting
by score, and at 375 px the run's "what changed" tables and the network list without
sideways scrolling."""

import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"
SECOND_WORDS = "Hon gav mig modet att leda förändringen i min förvaltning."


def _closed_round(app) -> tuple[int, int]:
    """(round id, the nomination of the mentor whom a second adept now nominates too)."""
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination
    from mentorship.mentoring.models import MentorPair, MentorRound

    with app.app_context():
        closed = db.session.scalars(
            select(MentorRound).where(MentorRound.state == "closed").order_by(MentorRound.id)
        ).first()
        first = db.session.scalars(
            select(Nomination).where(Nomination.round_id == closed.id).order_by(Nomination.id)
        ).first()
        nominated = set(db.session.scalars(
            select(Nomination.adept_id).where(Nomination.round_id == closed.id)))
        other = db.session.scalars(
            select(MentorPair).where(MentorPair.round_id == closed.id,
                                     MentorPair.adept_id.not_in(nominated))
            .order_by(MentorPair.id)
        ).first()
        db.session.add(Nomination(round_id=closed.id, adept_id=other.adept_id,
                                  mentor_id=first.mentor_id, text=SECOND_WORDS))
        db.session.commit()
        return closed.id, first.id


def _evaluation_open(app, round_id: int) -> bool:
    from mentorship.mentoring.models import MentorRound

    return from_db(app, lambda s: s.get(MentorRound, round_id).evaluation_open)


def test_closing_the_year(live_server, page):
    base = live_server.url
    round_id, nomination_id = _closed_round(live_server.app)
    login(page, base, "admin@example.org", then=f"/mentorskap/omgangar/{round_id}/utvardering")

    # the evaluation tab opens and closes the evaluation itself
    toggle = f"form[action='/mentorskap/omgangar/{round_id}/utvardering/{{}}'] button"
    assert _evaluation_open(live_server.app, round_id)
    follow(page.locator(toggle.format("stang")))
    assert page.url.endswith(f"/omgangar/{round_id}/utvardering")
    assert flash_kinds(page) == ["success"]
    assert not _evaluation_open(live_server.app, round_id)
    axe_check(page, "utvärderingen, stängd")
    follow(page.locator(toggle.format("oppna")))
    assert flash_kinds(page) == ["success"]
    assert _evaluation_open(live_server.app, round_id)

    # Årets mentor: each nominated mentor once, with the count and every nominator's words
    follow(page.get_by_role("link", name="Årets mentor", exact=True).first)
    assert "2 nomineringar" in page.content() and SECOND_WORDS in page.content()
    axe_check(page, "årets mentor")
    page.goto(f"{base}/mentorskap/omgangar/{round_id}/arets-mentor?valj={nomination_id}")
    assert "2 nomineringar" in page.content() and SECOND_WORDS in page.content()
    assert page.locator(".nominators blockquote").count() == 2
    axe_check(page, "utse årets mentor")

    # the pairs list: Swedish order of the adepts, or by score
    page.goto(f"{base}/mentorskap/omgangar/{round_id}/par")
    page.get_by_label("Ordning").select_option(label="Poäng, högst först")
    follow(page.get_by_role("button", name="Visa"))
    assert "sort=poang" in page.url
    scores = [float(s.replace(",", ".").replace("\u2212", "-"))
              for s in page.locator("tbody td.num:nth-child(3)").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and scores
    axe_check(page, "par efter poäng")


def test_what_changed_and_the_network_list_at_375(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))
    follow(page.get_by_role("button", name="Kör matchningen"))
    first = page.locator("table.proposal tbody tr").first
    follow(first.get_by_role("button", name=re.compile(r"^Dela upp")))
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert page.locator("section.run-changes table").count() >= 1

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    changes = page.locator("section.run-changes")
    changes.scroll_into_view_if_needed()
    assert page.evaluate(NO_SIDEWAYS), "the proposal page scrolls sideways at 375 px"
    for table in changes.locator("table").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        wrap = table.locator("xpath=..")
        assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "table scrolls"
    axe_check(page, "ändringar sedan förra körningen, 375 px")

    page.goto(f"{base}/natverk/")
    assert page.evaluate(NO_SIDEWAYS), "the network list scrolls sideways at 375 px"
    table = page.locator("table.stack")
    assert table.evaluate("el => el.parentElement.scrollWidth <= el.parentElement.clientWidth")
    cell = table.locator("tbody tr").first.locator("td[data-label='Samordnare']")
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"  # one card a row
    axe_check(page, "nätverkslistan, 375 px")
