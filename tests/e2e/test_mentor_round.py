"""The mentor round in a browser: the coordinator runs the matching on the demo's autumn
round and publishes it; one adept then sees their mentor and logs a mentor talk."""

import re

from sqlalchemy import select

from mentorship.mentoring.models import MATCHING, PUBLISHED
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout


def _autumn_pair(app):
    """(adept e-mail, mentor name) of a published pair in the autumn round."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound

    with app.app_context():
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())
        ).first()
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == autumn.id))
        others = {
            p.adept.user_id
            for p in db.session.scalars(select(MentorPair).where(MentorPair.round_id != autumn.id))
        }
        pair = next(p for p in pairs if p.adept.user_id not in others)
        return pair.adept.user.email, pair.mentor.user.name


NOTE = "Vi pratade om svåra samtal."  # the adept's own note


def _round(app, round_id: int) -> tuple[str, int, int]:
    """The round's state, its match runs and its published pairs."""
    from sqlalchemy import func

    from mentorship.mentoring.models import MatchRun, MentorPair, MentorRound

    def count(session, model):
        return session.scalar(select(func.count()).select_from(model)
                              .where(model.round_id == round_id))

    return from_db(app, lambda s: (s.get(MentorRound, round_id).state,
                                   count(s, MatchRun), count(s, MentorPair)))


def _talks(app, email: str) -> list[tuple[int, str]]:
    """(minutes, own note) of the talks the person has logged."""
    from mentorship.auth.models import User
    from mentorship.mentoring.models import MentorTalk

    return from_db(app, lambda s: [tuple(r) for r in s.execute(
        select(MentorTalk.minutes, MentorTalk.private_note)
        .join(User, User.id == MentorTalk.author_id).where(User.email == email))])


def test_coordinator_matches_and_publishes_then_adept_logs_a_talk(live_server, page):
    app, base = live_server.app, live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    axe_check(page, "omgångar")
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    round_id = int(re.search(r"/omgangar/(\d+)", page.url).group(1))
    assert "Matchning" in page.content()
    axe_check(page, "omgång")
    follow(page.get_by_role("link", name="Till matchningen"))
    assert _round(app, round_id) == (MATCHING, 0, 0)
    assert page.locator("table.proposal").count() == 0  # nothing proposed yet
    axe_check(page, "matchning före körning")
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert flash_kinds(page) == ["success"]
    assert _round(app, round_id) == (MATCHING, 1, 0)
    assert page.get_by_text("Kommuner representerade").is_visible()
    assert page.get_by_role("table", name=re.compile("Föreslagna par")).is_visible()
    axe_check(page, "förslag")

    follow(page.get_by_role("link", name="Publicera förslaget"))
    axe_check(page, "bekräfta publicering")
    follow(page.get_by_role("button", name="Ja, publicera"))
    assert flash_kinds(page) == ["success"]
    state, _runs, pairs = _round(app, round_id)
    assert state == PUBLISHED and pairs > 0
    axe_check(page, "par")
    logout(page)

    adept_email, mentor_name = _autumn_pair(app)
    login(page, base, adept_email)
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    assert page.get_by_role("heading", name="Din mentor").first.is_visible()
    assert mentor_name in page.content()
    axe_check(page, "mitt mentorsprogram")
    follow(page.locator("a[href$='/samtal']").first)
    axe_check(page, "logga samtal")
    page.get_by_label("Längd i minuter").fill("50")
    page.locator("[name=private_note]").fill(NOTE)
    follow(page.get_by_role("button", name="Spara samtalet"))
    assert page.url == f"{base}/mentorskap/"
    assert flash_kinds(page) == ["success"]
    assert _talks(app, adept_email) == [(50, NOTE)]
    assert "50 minuter" in page.content()
    assert NOTE in page.content()  # the note is shown to its writer
    assert not page.console_errors, page.console_errors
