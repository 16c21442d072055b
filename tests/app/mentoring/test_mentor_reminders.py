"""Reminders to a selection with an editable text, automatic weekly reminders to silent
pairs sent by the nightly command, and the log of every sending."""

from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from tests.said import flashes, form_refused

SUBJECT, BODY = "PÅMINNELSE-ÄMNE", "PÅMINNELSE-TEXT"  # what the coordinator wrote


def _outbox(app):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return [(m.recipient, m.subject, m.body) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def test_remind_people_without_a_profile_with_an_edited_text(app, client, auth, build_round,
                                                             admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.rounds import reminders
    from mentorship.mentoring.rounds.log import Reminder
    from mentorship.refusals import ServiceError

    r = build_round(pairs=2, state="open")
    with app.app_context():
        e = db.session.get(Enrolment, r.adepts[1].id)
        e.profile_done_at = None
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/paminnelser"
    html = client.get(f"{url}?urval=profil").get_data(as_text=True)
    assert "1 mottagare" in html and "Adept 1" in html
    assert str(escape(_default_body(app, r.id, "profil"))) in html  # the text to edit
    before = len(_outbox(app))
    data = {"selection": "profil", "subject": SUBJECT, "body": BODY}
    # First a confirmation with the people and the text; nothing is sent yet.
    html = client.post(url, data=data).get_data(as_text=True)
    assert 'name="confirmed" value="1"' in html and 'name="confirmed" value="0"' in html
    assert f"<p>{r.adepts[1].name}</p>" in html  # the one recipient
    assert BODY in html and len(_outbox(app)) == before
    # "Tillbaka och ändra" brings the form back with the text as it was.
    html = client.post(url, data=data | {"confirmed": "0"}).get_data(as_text=True)
    assert 'name="confirmed"' not in html and SUBJECT in html and BODY in html
    assert len(_outbox(app)) == before
    response = client.post(url, data=data | {"confirmed": "1"}, follow_redirects=True)
    [(kind, said)] = flashes(response)
    assert kind == "success" and " 1 " in said  # the number of people
    new = _outbox(app)[before:]
    assert [(m[0], m[1]) for m in new] == [("adept1@example.org", SUBJECT)]
    assert new[0][2].startswith("Hej Adept 1!") and BODY in new[0][2]
    html = client.get(url).get_data(as_text=True)
    log = html.split('id="log-title"')[1]
    assert SUBJECT in log and "Karin Koordinator" in log
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Reminder)) == 1
    # A selection that does not fit the round's state is refused; nothing is sent.
    response = client.post(url, data={"selection": "tysta", "subject": "x", "body": "y"})
    assert response.status_code == 400
    assert form_refused(response)
    assert len(_outbox(app)) == before + 1
    with app.test_request_context():
        with pytest.raises(ServiceError):
            reminders.allowed(db.session.get(MentorRound, r.id), "tysta")
        reminders.allowed(db.session.get(MentorRound, r.id), "profil")


def _default_body(app, round_id, selection):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds import reminders

    with app.test_request_context():
        return reminders.default_text(selection, db.session.get(MentorRound, round_id))[1]


@pytest.mark.wording
def test_the_reminder_is_worded_with_its_count(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=2, state="open")
    with app.app_context():
        db.session.get(Enrolment, r.adepts[1].id).profile_done_at = None
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/paminnelser"
    assert "har inte fyllt i din profil än" in client.get(f"{url}?urval=profil").get_data(
        as_text=True)
    data = {"selection": "profil", "subject": SUBJECT, "body": BODY}
    assert "Ja, skicka till 1 person" in client.post(url, data=data).get_data(as_text=True)
    response = client.post(url, data=data | {"confirmed": "1"}, follow_redirects=True)
    assert "Påminnelsen är skickad till 1 person." in response.get_data(as_text=True)
    response = client.post(url, data={"selection": "tysta", "subject": "x", "body": "y"})
    assert "Det går inte att skicka den påminnelsen" in response.get_data(as_text=True)


def test_silent_pairs_and_the_nightly_automatic_reminder(app, client, auth, build_round,
                                                         admin_user):
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds import reminders
    from mentorship.mentoring.rounds.log import Reminder

    r = build_round(pairs=2, state="running")
    with app.app_context():  # published seven weeks ago (silence counts from publishing)
        from mentorship.mentoring.models import MentorPair

        for pair in db.session.scalars(select(MentorPair)):
            pair.published_at = utcnow() - timedelta(weeks=7)
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/paminnelser"
    html = client.get(f"{url}?urval=tysta").get_data(as_text=True)
    assert "4 mottagare" in html  # two pairs, no talks: both sides
    assert client.post(f"{url}/automatiska", data={"on": "1"}).status_code == 302
    with app.app_context():
        assert db.session.get(MentorRound, r.id).auto_reminders
    before = len(_outbox(app))
    runner = app.test_cli_runner()
    def reminded() -> int:  # the same run also asks "Känns matchningen rätt?" (fitcheck)
        return len([m for m in _outbox(app)[before:] if not m[1].startswith("Känns")])

    result = runner.invoke(args=["rounds", "remind"])
    assert "1 omgångar" in result.output, result.output
    assert reminded() == 4
    result = runner.invoke(args=["rounds", "remind"])  # not again within a week
    assert "0 omgångar" in result.output and reminded() == 4
    with app.test_request_context():
        assert reminders.send_automatic(now=utcnow() + timedelta(days=8)) == 1
        db.session.commit()
        log = db.session.scalars(select(Reminder).order_by(Reminder.id)).all()
        assert [x.automatic for x in log] == [True, True] and log[0].recipients == 4
    html = client.get(url).get_data(as_text=True)
    assert "Automatiskt" in html


def test_a_reminder_sent_twice_by_a_double_click_goes_out_once(app, client, auth, build_round,
                                                               admin_user):
    """Issue 23.5: the confirmation posted twice with the same form (its one-time token)
    sends one reminder and says so, instead of mailing everyone twice."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment
    from mentorship.mentoring.rounds.log import Reminder

    r = build_round(pairs=2, state="open")
    with app.app_context():
        db.session.get(Enrolment, r.adepts[1].id).profile_done_at = None
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/paminnelser"
    data = {"selection": "profil", "subject": SUBJECT, "body": "Fredag.",
            "once": "samma-formulär-två-gånger", "confirmed": "1"}
    before = len(_outbox(app))
    assert client.post(url, data=data).status_code == 302
    again = client.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    # The first post's success, then the second's: the form was already saved once.
    assert [kind for kind, _text in flashes(again)] == ["success", "error"]
    assert flashes(again)[1][1] == _once_message(app)
    assert len(_outbox(app)) == before + 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Reminder.id))) == 1


def _once_message(app):
    from mentorship.duplicates import messages

    with app.test_request_context():
        return messages()["uq_form_once_token"]
