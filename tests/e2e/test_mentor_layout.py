"""Layout of the coordinator's review table and the profile form, measured in Chromium:
the proposal fits 1280 px and becomes one card per pair at 375 px; checkbox and radio
labels sit beside their control and the 1-5 scale is one row."""

import os
import re

from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login, logout

SHOTS = os.environ.get("LAYOUT_SCREENSHOTS")  # a folder: save what was measured

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _shot(page, name, clip=None):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True,
                        clip=clip)


def _autumn_adept(app):
    """(e-mail, enrolment id) of an adept with a finished profile in the autumn round."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).first()
        e = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == autumn.id, Enrolment.role == "adept",
                                    Enrolment.profile_done_at.is_not(None))
            .order_by(Enrolment.id)
        ).first()
        return e.user.email, e.id


def test_proposal_fits_1280_and_is_cards_at_375(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))
    follow(page.get_by_role("button", name="Kör matchningen"))
    table = page.locator("table.proposal")
    wrap = page.locator(".proposal-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "sideways scrolling"
    assert page.evaluate(NO_SIDEWAYS)
    first = table.locator("tbody tr").first
    for name in ("Lås", "Dela upp"):
        box = first.get_by_role("button", name=re.compile(f"^{name}")).bounding_box()
        assert box and box["x"] + box["width"] <= 1280, f"{name} out of view"
    reasons = first.locator("td.reasons").bounding_box()
    assert reasons["width"] >= 280, reasons  # readable, not a narrow column
    for cell in first.locator("td.crit").all():  # compact (the full names were 110-160 px)
        assert cell.bounding_box()["width"] <= 100, cell.bounding_box()
    # Screen readers hear each number column's full name.
    assert table.get_by_role("columnheader", name="Olika verksamhetsområden").count() == 1
    _shot(page, "proposal-1280")
    top = table.bounding_box()
    _shot(page, "proposal-1280-top", clip={"x": 0, "y": top["y"], "width": 1280, "height": 600})

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate(NO_SIDEWAYS)
    first = table.locator("tbody tr").first
    row, cell = first.bounding_box(), first.locator("td.reasons").bounding_box()
    assert row["width"] <= 375 and cell["width"] >= row["width"] - 40, (row, cell)
    assert first.locator("td").first.evaluate("el => getComputedStyle(el).display") == "block"
    top = table.bounding_box()
    _shot(page, "proposal-375-top", clip={"x": 0, "y": top["y"], "width": 375, "height": 900})
    axe_check(page, "förslag som kort")


def test_profile_choices_beside_their_labels_and_the_scale_in_a_row(live_server, page):
    email, enrolment_id = _autumn_adept(live_server.app)
    base = live_server.url
    login(page, base, email, then=f"/mentorskap/profil/{enrolment_id}")
    for box in page.locator("ul.choices li").all()[:12]:
        control = box.locator("input").bounding_box()
        label = box.locator("label").bounding_box()
        assert label["x"] >= control["x"] + control["width"], (control, label)
        assert abs((label["y"] + label["height"] / 2) - (control["y"] + control["height"] / 2)) < 8
    height = page.locator("main form:not([data-session-keep])").bounding_box()["height"]
    assert height < 2000, height  # was 2,900 px with one choice per line
    _shot(page, "profile-1280")
    axe_check(page, "profil")
    logout(page)


def test_the_rating_scale_is_one_row(live_server, page):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    app = live_server.app
    with app.app_context():
        closed = db.session.scalars(
            select(MentorRound).where(MentorRound.state == "closed")
        ).first()
        closed.evaluation_open = True
        email = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == closed.id, Enrolment.role == "adept")
            .order_by(Enrolment.id.desc())
        ).first().user.email
        round_id = closed.id
        db.session.commit()
    login(page, live_server.url, email, then=f"/mentorskap/omgangar/{round_id}/utvardera")
    scale = page.locator("ul.choices").first.locator("input")
    assert scale.count() == 5
    tops = {round(scale.nth(i).bounding_box()["y"]) for i in range(5)}
    assert len(tops) == 1, tops
    _shot(page, "evaluation-1280")
    axe_check(page, "utvärdering")
