"""Reminders in a browser: the coordinator picks a selection, edits the text, sends it and
sees it in the log; the automatic reminders are switched on for a running round."""

import re

from sqlalchemy import select

from mentorship.mentoring.codes import PROFILE
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import refused

SUBJECT = "Sista chansen att fylla i profilen"  # the subject the coordinator writes


def _setup(app):
    """The autumn round back to open enrolment with one profile not filled in; last
    year's round running again. (id, name) of each round, and the person's name and
    e-mail."""
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
        return ((autumn.id, autumn.name), (earlier.id, earlier.name),
                (e.user.name, e.user.email))


def _sent(app, round_id: int) -> list[tuple[str, str, int]]:
    """The round's reminder log: (selection, subject, recipients) per sending."""
    from mentorship.mentoring.rounds.log import Reminder

    return from_db(app, lambda s: [tuple(r) for r in s.execute(
        select(Reminder.selection, Reminder.subject, Reminder.recipients)
        .where(Reminder.round_id == round_id).order_by(Reminder.id))])


def _mails(app, subject: str) -> list[str]:
    """The recipients of the queued messages with this subject."""
    from mentorship.mail.models import OutboxMessage

    return from_db(app, lambda s: list(s.scalars(
        select(OutboxMessage.recipient).where(OutboxMessage.subject == subject))))


def _automatic(app, round_id: int) -> bool:
    from mentorship.mentoring.models import MentorRound

    return from_db(app, lambda s: s.get(MentorRound, round_id).auto_reminders)


def test_coordinator_sends_a_reminder_to_a_selection(live_server, page):
    app, base = live_server.app, live_server.url
    (autumn_id, autumn), (earlier_id, earlier), (missing, missing_email) = _setup(app)
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=autumn, exact=True))
    follow(page.get_by_role("link", name="Påminnelser"))
    assert _sent(app, autumn_id) == []
    assert page.locator("section[aria-labelledby=log-title] table").count() == 0  # no log
    axe_check(page, "påminnelser")
    follow(page.locator(f"a[href='/mentorskap/omgangar/{autumn_id}/paminnelser?urval={PROFILE}']"))
    page.get_by_text(re.compile(r"^1 mottagare$")).click()
    assert page.get_by_text(missing).is_visible()
    page.get_by_label("Ämnesrad").fill("")
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"subject"}
    axe_check(page, "påminnelse med fel")
    page.get_by_label("Ämnesrad").fill(SUBJECT)
    follow(page.get_by_role("button", name="Skicka påminnelsen"))
    assert page.get_by_role("heading", name="Skicka påminnelsen?").is_visible()
    assert _sent(app, autumn_id) == [] and _mails(app, SUBJECT) == []  # only asked
    axe_check(page, "bekräfta påminnelse")
    follow(page.locator("button[name=confirmed][value='1']"))
    assert flash_kinds(page) == ["success"]
    assert _sent(app, autumn_id) == [(PROFILE, SUBJECT, 1)]
    assert _mails(app, SUBJECT) == [missing_email]
    log = page.get_by_role("table", name="Skickade påminnelser")
    assert log.get_by_role("cell", name=SUBJECT).is_visible()
    axe_check(page, "påminnelser med logg")
    page.console_errors.clear()  # the refused form answered 400

    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=earlier, exact=True))
    follow(page.get_by_role("link", name="Påminnelser"))
    assert not _automatic(app, earlier_id)
    follow(page.locator(f"form[action='/mentorskap/omgangar/{earlier_id}/paminnelser/automatiska']"
                        " button"))
    assert flash_kinds(page) == ["success"]
    assert _automatic(app, earlier_id)
    assert not page.console_errors, page.console_errors
