"""Participant-shaped matching in a browser. The coordinator's journey: the wish period,
the proposal with an adept's alternatives and the people's profiles. The participants':
an adept ranks mentors, a mentor marks a conflict of interest, and after publishing the
pair sees each other's goals and presentations (never the wishes or the mark)."""

import re
from datetime import date, timedelta

from sqlalchemy import select

from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout


def check(page, what: str) -> None:
    """axe, and no sideways scrolling on a 320 px wide screen."""
    axe_check(page, what)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert not overflows(page), f"{what} scrolls sideways at 320 px"
    page.set_viewport_size(size)


REASON = "Vi har samma chef i ett gemensamt projekt"  # the mentor's reason for a mark


def _autumn_people(app):
    """(e-mail, enrolment id) of an adept and of a mentor in another municipality, in the
    autumn round and without an earlier pair."""
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
        return (adept.user.email, adept.id), (mentor.user.email, mentor.id)


def _closes_on(app, round_id: int) -> date:
    from mentorship.mentoring.wish_models import WishPeriod

    return from_db(app, lambda s: s.get(WishPeriod, round_id).closes_on)


def _run_figures(app, round_id: int) -> dict:
    """The figures of the round's newest run."""
    from mentorship.mentoring.models import MatchRun

    return from_db(app, lambda s: dict(s.scalars(
        select(MatchRun.figures).where(MatchRun.round_id == round_id)
        .order_by(MatchRun.id.desc())).first()))


def _develop_text(app, enrolment_id: int) -> str:
    from mentorship.mentoring.models import Enrolment

    return from_db(app, lambda s: s.get(Enrolment, enrolment_id).develop_text)


def _wishes(app, adept_id: int) -> list[int]:
    from mentorship.mentoring.wish_models import AdeptWish

    return from_db(app, lambda s: list(s.scalars(
        select(AdeptWish.mentor_id).where(AdeptWish.adept_id == adept_id)
        .order_by(AdeptWish.rank))))


def _marks(app, mentor_id: int) -> list[tuple[int, str]]:
    from mentorship.mentoring.wish_models import MentorExclusion

    return from_db(app, lambda s: [tuple(r) for r in s.execute(
        select(MentorExclusion.adept_id, MentorExclusion.reason)
        .where(MentorExclusion.mentor_id == mentor_id))])


def _tie_break(app) -> str:
    from mentorship.mentoring.pairing.reasons import tie_break_rule

    with app.test_request_context():
        return tie_break_rule()


def _to_autumn(page, base) -> int:
    """The autumn round's page, as the coordinator; the round's id."""
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    return int(re.search(r"/omgangar/(\d+)", page.url).group(1))


def test_coordinator_sets_the_wish_period_and_sees_through_the_proposal(live_server, page):
    app, base = live_server.app, live_server.url
    round_id = _to_autumn(page, base)
    follow(page.get_by_role("link", name="Önskemål", exact=True))
    assert page.get_by_text("Öppen nu").is_visible()
    assert page.locator("#marks-title").is_visible()
    check(page, "önskeperiod")
    later = _closes_on(app, round_id) + timedelta(days=7)
    page.locator("[name=closes_on]").fill(later.isoformat())
    follow(page.get_by_role("button", name="Spara önskeperioden"))
    assert page.url == f"{base}/mentorskap/omgangar/{round_id}/onskemal"
    assert flash_kinds(page) == ["success"]
    assert _closes_on(app, round_id) == later

    follow(page.get_by_role("link", name="Matchning", exact=True))
    follow(page.get_by_role("button", name="Kör matchningen"))
    figures = _run_figures(app, round_id)
    assert figures["adepts_with_wishes"] > 0
    met = page.locator("dd[data-wishes-met]").inner_text()  # met, of how many, first choices
    assert sorted(re.findall(r"\d+", met)) == sorted(str(figures[k]) for k in (
        "wishes_met", "adepts_with_wishes", "first_wishes_met"))
    assert _tie_break(app) in page.inner_text("main")  # the rule for equal scores is told
    follow(page.get_by_role("link", name=re.compile("^Alternativ för")).first)
    adept_id = int(re.search(r"/adept/(\d+)", page.url).group(1))
    assert page.locator("#next-title").is_visible()
    options = page.locator("#next-title ~ div.table-wrap table tbody tr")
    assert options.count() >= 1  # each next-best mentor with the pair's score and the loss
    assert options.first.locator("td.num").count() == 2
    check(page, "alternativ för en adept")
    follow(page.locator(f"a[href='/mentorskap/deltagare/{adept_id}']").first)
    assert page.locator("dd.own-words").get_by_text(_develop_text(app, adept_id)).is_visible()
    assert page.get_by_role("heading", name="Adeptens önskemål").is_visible()
    check(page, "deltagarens profil")
    logout(page)


def test_adept_wishes_mentor_marks_and_the_pair_meets_prepared(live_server, page):
    app, base = live_server.app, live_server.url
    (adept, adept_id), (mentor, mentor_id) = _autumn_people(app)

    login(page, base, adept)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.locator(f"a[href='/mentorskap/onskemal/{adept_id}']"))
    assert page.locator("ul.mentor-cards > li").count() >= 3  # the mentors to choose from
    check(page, "önska mentorer")
    for rank, label in enumerate(("Förstahandsval", "Andrahandsval", "Tredjehandsval"), 1):
        page.get_by_label(label).select_option(index=rank)
    chosen = [int(page.get_by_label(label).input_value())
              for label in ("Förstahandsval", "Andrahandsval", "Tredjehandsval")]
    follow(page.get_by_role("button", name="Spara mina önskemål"))
    assert page.url == f"{base}/mentorskap/"
    assert flash_kinds(page) == ["success"]
    assert _wishes(app, adept_id) == chosen
    follow(page.locator(f"a[href='/mentorskap/profil/{adept_id}']").first)
    assert page.get_by_label("Kort presentation").is_visible()
    check(page, "min profil med presentation")
    logout(page)

    login(page, base, mentor)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.locator(f"a[href='/mentorskap/inte-med/{mentor_id}']"))
    check(page, "markera jäv")
    page.get_by_label("Adept").select_option(index=1)
    marked = int(page.get_by_label("Adept").input_value())
    page.get_by_label("Skäl").fill(REASON)
    follow(page.get_by_role("button", name="Markera adepten"))
    assert page.url == f"{base}/mentorskap/inte-med/{mentor_id}"
    assert flash_kinds(page) == ["success"]
    assert _marks(app, mentor_id) == [(marked, REASON)]
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
    assert REASON not in page.content()  # the mentor's mark stays with the admins
    check(page, "min mentor efter publicering")
