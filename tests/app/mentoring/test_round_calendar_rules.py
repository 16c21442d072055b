"""Dates drive the round, and every request has an end (issue 25, items 2 and 3):
silence counted from publishing or the last talk, reminders that fit the state and skip
people leaving, starting and closing outside the dates, requests to leave handled,
re-matching only for who stays, erasure ends the pair."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import url_for
from markupsafe import escape
from sqlalchemy import select

from tests.said import flashed, flashes


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


@pytest.mark.parametrize(("to_state", "start", "end", "warned"), [
    ("running", date.today() + timedelta(days=10), date.today() + timedelta(days=300), True),
    ("running", date.today() - timedelta(days=1), date.today() + timedelta(days=300), False),
    ("running", date.today() - timedelta(days=300), date.today() - timedelta(days=1), True),
    ("closed", date.today() - timedelta(days=300), date.today() + timedelta(days=30), True),
    ("closed", date.today() - timedelta(days=300), date.today(), False),
])
def test_starting_or_closing_outside_the_dates_asks_for_confirmation(
        app, client, auth, build_round, admin_user, to_state, start, end, warned):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="published" if to_state == "running" else "running")
    with app.app_context():
        round_ = db.session.get_one(MentorRound, r.id)
        round_.starts_on, round_.ends_on = start, end
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/status/{to_state}"
    page = client.get(url).get_data(as_text=True)
    assert ('name="utanfor_datum"' in page) is warned  # the box to confirm it anyway
    response = client.post(url, follow_redirects=True)
    with app.app_context():
        assert (db.session.get_one(MentorRound, r.id).state == to_state) is not warned
    if warned:
        assert flashed(response) == ["error"]
        client.post(url, data={"utanfor_datum": "1"})
        with app.app_context():
            assert db.session.get_one(MentorRound, r.id).state == to_state


def test_closing_a_round_ends_its_pairs(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound

    r = build_round(pairs=3, state="running")
    with app.app_context():
        round_ = db.session.get_one(MentorRound, r.id)
        round_.ends_on = date.today() - timedelta(days=1)
        db.session.commit()
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed")
    with app.app_context():
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)).all()
        assert len(pairs) == 3 and all(p.ended_at is not None for p in pairs)
        assert {p.ended_by_id for p in pairs} == {admin_user.id}
        [reason] = {p.ended_reason for p in pairs}  # one reason for all: the round closed
        assert reason
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert "Aktivt" not in html and html.count("Avslutat") == 3


def test_a_request_to_leave_ends_and_only_who_stays_is_matched_again(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.refusals import ServiceError

    r = build_round(pairs=3, state="running")
    with app.test_request_context():
        for who in (r.adepts[0], r.mentors[2], r.adepts[1]):
            e = db.session.get_one(Enrolment, who.id)
            leaving.ask_to_leave(e.user, e, "")
        db.session.commit()
    auth.login(admin_user.email)
    pairs_page = f"/mentorskap/omgangar/{r.id}/par"
    html = client.get(pairs_page).get_data(as_text=True)
    assert _leaving(html) == {r.adepts[0].name, r.mentors[2].name, r.adepts[1].name}
    assert re.findall(r"\d+", _leave_task(app, admin_user, r.id)) == ["3"]  # the start page
    assert f'<h2><a href="{pairs_page}">' in client.get("/").get_data(as_text=True)
    assert "<dt>Vill lämna</dt><dd>3</dd>" in client.get(
        f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    # A request can be marked handled without ending anything.
    response = client.post(f"/mentorskap/omgangar/{r.id}/lamna/{r.adepts[1].id}/hanterad",
                           follow_redirects=True)
    [(kind, said)] = [(k, t) for k, t in flashes(response) if k]  # (the list is a notice)
    assert kind == "success" and r.adepts[1].name in said
    assert _leaving(response.get_data(as_text=True)) == {r.adepts[0].name, r.mentors[2].name}
    # Ending the leavers' pairs handles their requests.
    with app.app_context():
        pairs = {p.id: (p.adept_id, p.mentor_id) for p in db.session.scalars(
            select(MentorPair).where(MentorPair.round_id == r.id))}
    for pair_id, (adept_id, mentor_id) in pairs.items():
        if adept_id == r.adepts[0].id or mentor_id == r.mentors[2].id:
            client.post(f"/mentorskap/par/{pair_id}/avsluta", data={"reason": "Lämnar"})
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert _leaving(html) == set() and 'id="leaving-title"' not in html
    # Handled everywhere: the start page and the round's figures say no more of it.
    assert _leave_task(app, admin_user, r.id) is None
    assert f'<h2><a href="{pairs_page}">' not in client.get("/").get_data(as_text=True)
    assert "Vill lämna" not in client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    with app.test_request_context():
        from mentorship.auth.models import User

        admin = db.session.get_one(User, admin_user.id)
        round_ = db.session.get_one(MentorRound, r.id)
        assert all(db.session.get_one(Enrolment, e.id).leave_handled_at is not None
                   for e in (r.adepts[0], r.adepts[1], r.mentors[2]))
        # The adept who stays (her mentor left) is offered a new mentor; the one who left
        # is not, and cannot be matched again.
        offered = [e.id for e in publishing.adepts_to_rematch(round_)]
        assert r.adepts[2].id in offered and r.adepts[0].id not in offered
        with pytest.raises(ServiceError, match="bett att få lämna"):
            publishing.rematch(admin, round_, db.session.get_one(Enrolment, r.adepts[0].id))
        # The mentor who left is never offered to the adept who stays.
        pair = publishing.rematch(admin, round_, db.session.get_one(Enrolment, r.adepts[2].id))
        assert pair.mentor_id != r.mentors[2].id
        db.session.rollback()
    assert f"matcha-om/{r.adepts[0].id}" not in html and f"matcha-om/{r.adepts[2].id}" in html


def _leaving(pairs_page: str) -> set[str]:
    """The names in the pairs page's list of requests to leave."""
    if 'id="leaving-title"' not in pairs_page:
        return set()
    section = pairs_page.split('id="leaving-title"')[1].split("</section>")[0]
    return {item.split("<li>")[1].split(",")[0].strip() for item in section.split("</li>")
            if "<li>" in item}


def _leave_task(app, admin_user, round_id):
    """The text of the start page's task about requests to leave the round (None: none)."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.tasks import mentor_tasks

    with app.test_request_context():
        url = url_for("mentoring.pairs", round_id=round_id)
        return next((t.text for t in mentor_tasks(db.session.get_one(User, admin_user.id))
                     if t.url == url), None)


@pytest.mark.wording
def test_requests_to_leave_are_counted_in_swedish(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=3, state="running")
    with app.test_request_context():
        for who in (r.adepts[0], r.mentors[2], r.adepts[1]):
            e = db.session.get_one(Enrolment, who.id)
            leaving.ask_to_leave(e.user, e, "")
        db.session.commit()
    assert _leave_task(app, admin_user, r.id) == "3 vill lämna omgången."
    auth.login(admin_user.email)
    assert "Vill lämna programmet (3)" in client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(
        as_text=True)


def test_a_request_cannot_be_handled_twice_or_in_another_round(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=1, state="running")
    other = build_round(pairs=1, state="open", name="Annan omgång")
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/lamna/{r.adepts[0].id}/hanterad",
                           follow_redirects=True)
    assert flashed(response) == ["error"]  # nobody asked: nothing to handle
    with app.app_context():
        assert db.session.get_one(Enrolment, r.adepts[0].id).leave_handled_at is None
    response = client.post(f"/mentorskap/omgangar/{other.id}/lamna/{r.adepts[0].id}/hanterad")
    assert response.status_code == 404


def test_erasing_a_person_ends_their_pair(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.privacy.services import erase_person

    r = build_round(pairs=2, state="running")
    with app.test_request_context():
        admin = db.session.get_one(User, admin_user.id)
        erase_person(admin, db.session.get_one(User, r.mentors[0].user_id))
        db.session.flush()
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)).all()
        ended = [p for p in pairs if p.ended_at is not None]
        assert [p.mentor_id for p in ended] == [r.mentors[0].id]
        # the adept who stays is offered a new mentor
        offered = [e.id for e in publishing.adepts_to_rematch(
            db.session.get_one(MentorRound, r.id))]
        assert offered == [ended[0].adept_id]
        db.session.rollback()


def test_closing_the_round_leaves_the_evaluation_to_its_own_opening(
        app, client, auth, build_round, admin_user, password_hash):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="running")
    with app.app_context():
        round_ = db.session.get_one(MentorRound, r.id)
        round_.ends_on = date.today() - timedelta(days=1)
        db.session.get_one(User, r.adepts[0].user_id).password_hash = password_hash
        db.session.commit()
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/utvardering/oppna")
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed")
    with app.app_context():
        round_ = db.session.get_one(MentorRound, r.id)
        assert round_.state == "closed" and round_.evaluation_open
    auth.logout()
    auth.login(r.adepts[0].email, "correct horse battery")
    response = client.post(f"/mentorskap/omgangar/{r.id}/utvardera",
                           data={"overall": "4", "matching": "5", "talks": "4",
                                 "workshops": "3"}, follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        from mentorship.mentoring.closing_models import EvaluationAnswer

        assert db.session.scalar(select(EvaluationAnswer.overall)) == 4


def test_a_workshop_to_come_offers_no_attendance_and_refuses_it(app, client, auth,
                                                                build_round, admin_user):
    from datetime import UTC, datetime

    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop, WorkshopAttendance, WorkshopSignup

    r = build_round(pairs=1, state="running")
    with app.app_context():
        workshop = db.session.scalars(select(Workshop).where(Workshop.round_id == r.id)
                                      .order_by(Workshop.number)).first()
        workshop.starts_at = datetime.now(UTC) + timedelta(days=3)
        workshop.ends_at = workshop.starts_at + timedelta(hours=3)
        workshop.place = "Stadshuset"
        db.session.add(WorkshopSignup(workshop_id=workshop.id, enrolment_id=r.adepts[0].id))
        db.session.commit()
        workshop_id = workshop.id
        signup = db.session.scalar(select(WorkshopSignup.id))
    auth.login(admin_user.email)
    url = f"/mentorskap/workshop/{workshop_id}/narvaro"
    with app.test_request_context():
        from mentorship.events.attendance import not_started_message

        not_started = str(escape(not_started_message(db.session.get(Workshop, workshop_id))))
    page = client.get(url).get_data(as_text=True)
    assert f"<p>{not_started}</p>" in page  # why there is no form yet
    assert 'type="checkbox"' not in page
    response = client.post(url, data={"present": [str(signup)]}, follow_redirects=True)
    assert f"<p>{not_started}</p>" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(WorkshopAttendance.enrolment_id)) is None


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


@pytest.mark.wording
def test_the_calendar_rules_in_swedish(app, build_round, admin_user):
    from types import SimpleNamespace

    from mentorship.auth.models import User
    from mentorship.events.attendance import not_started_message
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.rounds import services as rounds
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state="running")
    with app.test_request_context():
        round_ = db.session.get_one(MentorRound, r.id)
        admin = db.session.get_one(User, admin_user.id)
        round_.ends_on = date.today() + timedelta(days=30)
        with pytest.raises(ServiceError) as err:
            rounds.change_state(admin, round_, "closed")
        assert err.value.message.endswith(" Bekräfta att du vill göra det ändå.")
        rounds.change_state(admin, round_, "closed", outside_dates=True)
        pair = db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)).one()
        assert pair.ended_reason == "Omgången är avslutad."
        assert not_started_message(SimpleNamespace(starts_at=None)).startswith(
            "Närvaro kan markeras när aktiviteten har")
        db.session.rollback()
