"""A published round's name and dates edited in a browser (recorded on the round page), and
Årets mentor changed with a confirmation while the round is running."""

from datetime import date

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import confirm_actions


def _rounds(app):
    """Publish the demo's autumn round and reopen last year's (closed) one as running;
    (id, name) of each."""
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
        return (autumn.id, autumn.name), (earlier.id, earlier.name)


def _round(app, round_id: int) -> tuple[str, date]:
    from mentorship.mentoring.models import MentorRound

    return from_db(app, lambda s: (lambda r: (r.name, r.ends_on))(s.get(MentorRound, round_id)))


def _mentor_of(app, nomination_id: int) -> tuple[int, str]:
    """(enrolment id, name) of the mentor a nomination is for."""
    from mentorship.mentoring.closing_models import Nomination

    return from_db(app, lambda s: (lambda n: (n.mentor_id, n.mentor.user.name))(
        s.get(Nomination, nomination_id)))


def _winner(app, round_id: int) -> int | None:
    """The enrolment id of the round's Årets mentor."""
    from mentorship.mentoring.closing_models import Nomination

    return from_db(app, lambda s: s.scalar(select(Nomination.mentor_id).where(
        Nomination.round_id == round_id, Nomination.winner.is_(True))))


def _mentor_name(app, enrolment_id: int) -> str:
    from mentorship.mentoring.models import Enrolment

    return from_db(app, lambda s: s.get(Enrolment, enrolment_id).user.name)


def test_coordinator_edits_a_published_round_and_changes_mentor_of_the_year(live_server, page):
    app, base = live_server.app, live_server.url
    (autumn_id, autumn), (earlier_id, earlier) = _rounds(app)
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=autumn, exact=True))
    follow(page.locator(f"a[href='/mentorskap/omgangar/{autumn_id}/andra']"))
    axe_check(page, "ändra publicerad omgång")
    page.get_by_label("Namn").fill(f"{autumn} (förlängd)")
    page.get_by_label("Slutdatum").fill("2099-06-30")
    follow(page.get_by_role("button", name="Spara"))
    assert page.url == f"{base}/mentorskap/omgangar/{autumn_id}"
    assert flash_kinds(page) == ["success"]
    assert _round(app, autumn_id) == (f"{autumn} (förlängd)", date(2099, 6, 30))
    history = page.get_by_role("table", name="Ändrade namn, datum och texter")
    assert history.get_by_role("cell", name="2099-06-30").is_visible()
    assert history.get_by_role("cell", name=f"{autumn} (förlängd)").is_visible()
    axe_check(page, "omgång med ändrade datum")

    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=earlier, exact=True))
    follow(page.get_by_role("link", name="Årets mentor", exact=True))
    current = _winner(app, earlier_id)
    assert current is not None  # last year's choice, still open to change while running
    choose = page.locator(f"a[href^='/mentorskap/omgangar/{earlier_id}/arets-mentor?valj=']")
    assert choose.count() >= 1
    nomination_id = int(choose.first.get_attribute("href").rsplit("=", 1)[1])
    mentor_id, mentor_name = _mentor_of(app, nomination_id)
    assert mentor_id != current
    follow(choose.first)
    assert mentor_name in page.get_by_role("heading", level=1).inner_text()
    assert confirm_actions(page.content()) == [f"/mentorskap/omgangar/{earlier_id}/arets-mentor"]
    # the page names the mentor whom the choice replaces
    assert _mentor_name(app, current) in page.locator("main p.flash").inner_text()
    axe_check(page, "bekräfta Årets mentor")
    follow(page.locator("form.confirm button[type=submit]"))
    assert page.url == f"{base}/mentorskap/omgangar/{earlier_id}"
    assert flash_kinds(page) == ["success"]
    assert _winner(app, earlier_id) == mentor_id
    assert not page.console_errors, page.console_errors
