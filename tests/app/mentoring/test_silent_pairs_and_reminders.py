"""Dates drive the round (issue 25), silent pairs and reminders: silence counted from
publishing or the last talk, never the round's start nor a talk dated before publishing,
and the same in every place that speaks of it; nobody who asked to leave is reminded; the
reminders page offers exactly the selections the round's state allows, the invitation
reminder after publishing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from tests.said import flashes


def _age_pairs(app, round_id: int, weeks: int) -> None:
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        for pair in db.session.scalars(select(MentorPair).where(MentorPair.round_id == round_id)):
            pair.published_at = utcnow() - timedelta(weeks=weeks)
        db.session.commit()


def _silence_everywhere(app, admin_user, round_id: int) -> dict[str, int]:
    """Every place that speaks of silent pairs, as numbers of pairs or people."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds import reminders
    from mentorship.mentoring.rounds.dashboard import round_dashboard
    from mentorship.mentoring.rounds.tasks import mentor_tasks
    from mentorship.mentoring.talks.services import SILENT_WEEKS, pair_count

    with app.test_request_context():
        round_ = db.session.get_one(MentorRound, round_id)
        tasks = mentor_tasks(db.session.get_one(User, admin_user.id))
        return {
            "pair list": pair_count(round_, no_talk_weeks=SILENT_WEEKS),
            "reminder": len(reminders.recipients(round_, reminders.SILENT)),
            "start page": sum(t.url == url_for("mentoring.pairs", round_id=round_id,
                                               weeks=SILENT_WEEKS) for t in tasks),
            "dashboard": round_dashboard(round_).pairs_silent,
        }


def test_silence_counts_from_publishing_or_the_last_talk_never_the_rounds_start(
        app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair
    from mentorship.mentoring.rounds import reminders
    from mentorship.mentoring.talks import services as talks

    # The round started in 2025; the pairs were published a minute ago.
    r = build_round(pairs=2, state="running")
    assert _silence_everywhere(app, admin_user, r.id) == {
        "pair list": 0, "reminder": 0, "start page": 0, "dashboard": 0}
    with app.test_request_context():  # nor does the nightly run remind anyone
        from mentorship.mentoring.models import MentorRound

        db.session.get_one(MentorRound, r.id).auto_reminders = True
        assert reminders.send_automatic() == 0
    # Seven weeks after publishing, without a talk, both pairs are silent everywhere.
    _age_pairs(app, r.id, weeks=7)
    assert _silence_everywhere(app, admin_user, r.id) == {
        "pair list": 2, "reminder": 4, "start page": 1, "dashboard": 2}
    # A talk a week ago makes its pair not silent; silence then counts from that talk.
    with app.test_request_context():
        pair = db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)
                                  .order_by(MentorPair.id)).first()
        adept = db.session.get_one(User, pair.adept.user_id)
        talks.log_talk(adept, pair, talks.NewTalk(date.today() - timedelta(days=7), 60))
        db.session.commit()
    assert _silence_everywhere(app, admin_user, r.id) == {
        "pair list": 1, "reminder": 2, "start page": 1, "dashboard": 1}


def test_nobody_who_asked_to_leave_is_reminded_of_anything(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.rounds import reminders

    r = build_round(pairs=2, state="running")
    _age_pairs(app, r.id, weeks=7)
    with app.test_request_context():
        round_ = db.session.get_one(MentorRound, r.id)
        round_.evaluation_open = True
        for person in (*r.adepts, *r.mentors):  # nobody has accepted the invitation
            db.session.get_one(User, person.user_id).password_hash = None
        leaver = db.session.get_one(Enrolment, r.adepts[0].id)
        leaving.ask_to_leave(leaver.user, leaver, "Ny tjänst")
        db.session.flush()
        for selection in reminders.selections_for(round_):
            emails = {u.email for u in reminders.recipients(round_, selection)}
            assert r.adepts[0].email not in emails, selection
        # The leaver's pair is about to end: the partner is not told to book a talk either.
        silent = {u.email for u in reminders.recipients(round_, reminders.SILENT)}
        assert silent == {r.adepts[1].email, r.mentors[1].email}
        db.session.rollback()


STATES = ("draft", "open", "matching", "published", "running", "closed")


@pytest.mark.parametrize("state", STATES)
def test_the_reminders_page_offers_exactly_what_can_be_sent(app, client, auth, build_round,
                                                            admin_user, state):
    from mentorship.extensions import db
    from mentorship.mentoring.labels import reminder_selection_labels
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds import reminders
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state=state)
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/paminnelser").get_data(as_text=True)
    with app.test_request_context():
        round_ = db.session.get_one(MentorRound, r.id)
        for selection, label in reminder_selection_labels().items():
            try:
                reminders.allowed(round_, selection)
                can_send = True
            except ServiceError:
                can_send = False
            assert (f"urval={selection}" in html) is can_send, (state, label)
            assert (selection in reminders.selections_for(round_)) is can_send
    if state in ("published", "running"):
        assert "urval=inbjudan" in html  # after publishing, when it is most needed


def _send_invitation_reminder(client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="published")  # nobody has set a password
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/paminnelser"
    assert "4 mottagare" in client.get(f"{url}?urval=inbjudan").get_data(as_text=True)
    data = {"selection": "inbjudan", "subject": "Logga in", "body": "Lösenordet.",
            "confirmed": "1"}
    return client.post(url, data=data, follow_redirects=True)


def test_the_invitation_reminder_goes_out_after_publishing(app, client, auth, build_round,
                                                           admin_user):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    response = _send_invitation_reminder(client, auth, build_round, admin_user)
    [(kind, said)] = flashes(response)
    assert kind == "success" and " 4 " in said  # the number of people
    with app.app_context():
        subjects = db.session.scalars(select(OutboxMessage.subject)).all()
    assert subjects.count("Logga in") == 4


@pytest.mark.wording
def test_a_reminder_to_several_says_personer(client, auth, build_round, admin_user):
    response = _send_invitation_reminder(client, auth, build_round, admin_user)
    assert "Påminnelsen är skickad till 4 personer" in response.get_data(as_text=True)


def test_a_talk_dated_before_publishing_does_not_make_a_new_pair_silent(app, build_round,
                                                                        admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk

    r = build_round(pairs=1, state="running")
    with app.app_context():  # logged with a date two months back, published today
        pair_id = db.session.scalar(select(MentorPair.id).where(MentorPair.round_id == r.id))
        db.session.add(MentorTalk(pair_id=pair_id, held_on=date.today() - timedelta(weeks=9),
                                  minutes=60))
        db.session.commit()
    assert _silence_everywhere(app, admin_user, r.id) == {
        "pair list": 0, "reminder": 0, "start page": 0, "dashboard": 0}
    _age_pairs(app, r.id, weeks=7)
    assert _silence_everywhere(app, admin_user, r.id)["pair list"] == 1
