"""Dates drive the round (issue 25): starting or closing outside them asks for a
confirmation; closing ends the pairs but leaves the evaluation to its own opening; a
workshop to come takes no attendance. Silent pairs and reminders are in
test_silent_pairs_and_reminders.py, requests to leave in test_requests_to_leave.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.said import flashed


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
