"""Dates drive the round, in a browser: right after publishing nobody is silent, the
invitation reminder is offered and goes out; a request to leave is marked handled; and
closing the round before its end date asks for confirmation, then ends every pair. Every
page passes axe."""

import re

from sqlalchemy import select

from mentorship.mentoring.codes import INVITATION, PROFILE, SILENT
from mentorship.mentoring.models import CLOSED, PUBLISHED, RUNNING
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login


def _published(app) -> tuple[int, str, int, tuple[int, str]]:
    """The autumn round, published a minute ago (its pairs silent for no time at all), with
    two people who never set a password and one who asked to leave: the round's id and
    name, its number of pairs, and the leaver's enrolment id and name."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        autumn = db.session.scalars(
            select(MentorRound).order_by(MentorRound.starts_on.desc())).first()
        proposals.run_matching(admin, autumn)
        publishing.publish(admin, autumn)
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == autumn.id)
                                   .order_by(MentorPair.id)).all()
        pairs[0].adept.user.password_hash = None
        pairs[1].mentor.user.password_hash = None
        leaver = db.session.get_one(Enrolment, pairs[2].adept_id)
        leaving.ask_to_leave(leaver.user, leaver, "Ny tjänst i en annan region")
        db.session.commit()
        return autumn.id, autumn.name, len(pairs), (leaver.id, leaver.user.name)


def _round(app, round_id: int) -> tuple[str, int]:
    """The round's state and how many of its pairs are still active."""
    from sqlalchemy import func

    from mentorship.mentoring.models import MentorPair, MentorRound

    return from_db(app, lambda s: (s.get(MentorRound, round_id).state, s.scalar(
        select(func.count()).select_from(MentorPair)
        .where(MentorPair.round_id == round_id, MentorPair.ended_at.is_(None)))))


def _sent(app, round_id: int) -> list[tuple[str, int]]:
    """The round's reminder log: (selection, recipients) per sending."""
    from mentorship.mentoring.rounds.log import Reminder

    return from_db(app, lambda s: [tuple(r) for r in s.execute(
        select(Reminder.selection, Reminder.recipients)
        .where(Reminder.round_id == round_id).order_by(Reminder.id))])


def _leave_handled(app, enrolment_id: int) -> bool:
    from mentorship.mentoring.models import Enrolment

    return from_db(app, lambda s: s.get(Enrolment, enrolment_id).leave_handled_at is not None)


def _close_warning(app, round_id: int) -> str:
    """What the app warns of when the round is closed before its end date."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds.services import date_warning

    with app.test_request_context():
        return date_warning(db.session.get(MentorRound, round_id), CLOSED)


def test_publish_then_remind_then_close_the_round(live_server, page):
    app, base = live_server.app, live_server.url
    round_id, name, n_pairs, (leaver_id, leaver) = _published(app)
    reminders = f"/mentorskap/omgangar/{round_id}/paminnelser"
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=name, exact=True))
    assert "Tysta par" not in page.content()  # published a minute ago
    follow(page.get_by_role("link", name="Påminnelser"))
    # offered: the silent pairs and the invitation, no longer the profile
    assert page.locator(f"a[href='{reminders}?urval={SILENT}']").is_visible()
    assert page.locator(f"a[href='{reminders}?urval={INVITATION}']").is_visible()
    assert page.locator(f"a[href='{reminders}?urval={PROFILE}']").count() == 0
    follow(page.locator(f"a[href='{reminders}?urval={SILENT}']"))
    send = page.locator("section[aria-labelledby=send-title]")
    assert send.is_visible() and send.locator("details").count() == 0  # nobody to remind
    axe_check(page, "påminnelse till tysta par direkt efter publicering")
    follow(page.locator(f"a[href='{reminders}?urval={INVITATION}']"))
    page.get_by_text(re.compile(r"^2 mottagare$")).click()
    axe_check(page, "påminnelse om inbjudan efter publicering")
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    follow(page.locator("button[name=confirmed][value='1']"))
    assert flash_kinds(page) == ["success"]
    assert _sent(app, round_id) == [(INVITATION, 2)]

    # The request to leave is handled without ending anything; the list is then empty.
    follow(page.get_by_role("link", name="Par och samtal"))
    assert f"{leaver}" in page.get_by_role("region", name=re.compile("Vill lämna")).inner_text()
    axe_check(page, "par med en begäran att lämna")
    follow(page.locator(f"form[action='/mentorskap/omgangar/{round_id}/lamna/{leaver_id}"
                        "/hanterad'] button"))
    assert flash_kinds(page) == ["success"]
    assert _leave_handled(app, leaver_id)
    assert _round(app, round_id) == (PUBLISHED, n_pairs)  # nothing ended
    assert page.get_by_role("region", name=re.compile("Vill lämna")).count() == 0

    # Start (inside the dates), then close before the end date: confirmation asked.
    follow(page.get_by_role("link", name="Översikt"))
    follow(page.get_by_role("link", name="Starta omgången"))
    assert page.locator("input[name=utanfor_datum]").count() == 0  # no warning
    follow(page.get_by_role("button", name="Ja, fortsätt"))
    assert _round(app, round_id) == (RUNNING, n_pairs)
    follow(page.get_by_role("link", name="Avsluta omgången"))
    warning = page.locator("main [role=alert]")
    assert _close_warning(app, round_id) in warning.inner_text()
    assert page.locator("form.confirm input[name=utanfor_datum]").count() == 1
    assert _round(app, round_id) == (RUNNING, n_pairs)  # only asked
    axe_check(page, "avsluta omgången före slutdatum")
    follow(page.locator("form.confirm button[type=submit]"))
    assert page.url == f"{base}/mentorskap/omgangar/{round_id}"
    assert flash_kinds(page) == ["success"]
    assert _round(app, round_id) == (CLOSED, 0)
    follow(page.get_by_role("link", name="Par och samtal"))
    table = page.get_by_role("table", name="Par")
    assert table.get_by_text("Aktivt", exact=True).count() == 0
    assert table.get_by_text("Avslutat", exact=True).count() == min(n_pairs, 50)
    axe_check(page, "par i en avslutad omgång")
    page.console_errors.clear()
