"""A reminder about missing outcomes to the HR contacts of the host municipalities concerned:
an editable text, a confirmation with the number of recipients, one message per HR contact
with their municipality's count, refused when nobody is due, and every sending logged."""

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.said import flashed, flashes, form_refused, refused

URL = "/trainee/utfall/paminnelse"
TEXT = {"subject": "Utfall saknas", "body": "Rapportera utfallen senast fredag."}


def _outbox(app):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return {m.recipient: (m.subject, m.body) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))}


def _count_line(body: str) -> str:
    """The line of a reminder that counts the municipality's trainees (the one that starts
    with a number)."""
    (line,) = [line for line in body.splitlines() if line[:1].isdigit()]
    return line


def _log(app) -> list:
    from mentorship.extensions import db
    from mentorship.trainees.models import OutcomeReminder

    with app.app_context():
        return [(r.subject, r.recipients, r.missing, r.actor_id, sorted(r.recipient_ids))
                for r in db.session.scalars(select(OutcomeReminder))]


def test_the_reminder_goes_to_each_hr_contact_with_their_municipalitys_count(
        app, world, make_user):
    from datetime import date

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.outcomes import reminders

    make_user("hr.klippan@example.org", roles=("hr",), municipality="Klippan")
    before = set(_outbox(app))  # the trainees' invitations
    with app.test_request_context():
        admin = db.session.get(User, world.admin.id)
        due = {r.user.email: r.missing for r in reminders.recipients(admin, date.today())}
        assert due == {"hr.bjuv@example.org": 2, "hr.hbg@example.org": 1}  # not Klippan's
        reminders.send(admin, date.today(), TEXT["subject"], TEXT["body"])
        db.session.commit()
    sent = {k: v for k, v in _outbox(app).items() if k not in before}
    assert set(sent) == {"hr.bjuv@example.org", "hr.hbg@example.org"}
    for email, (municipality, missing) in {"hr.bjuv@example.org": ("Bjuv", "2"),
                                           "hr.hbg@example.org": ("Helsingborg", "1")}.items():
        subject, body = sent[email]
        assert subject == TEXT["subject"] and TEXT["body"] in body and "/trainee/utfall" in body
        line = _count_line(body)
        assert line.split()[0] == missing and municipality in line
    assert _log(app) == [(TEXT["subject"], 2, 3, world.admin.id,
                          sorted([world.hr_bjuv.id, world.hr_hbg.id]))]


def test_admin_reviews_confirms_and_sends_the_reminder(app, client, auth, world, make_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.outcomes.reminders import default_text

    klippan = make_user("hr.klippan@example.org", roles=("hr",), municipality="Klippan")
    with app.test_request_context():
        subject = default_text()[0]
        names = {u.email: u.name for u in db.session.scalars(select(User))}
    auth.login("boss@example.org")
    assert f'href="{URL}"' in client.get("/trainee/utfall").get_data(as_text=True)
    page = client.get(URL).get_data(as_text=True)
    assert re.search(rf'name="subject"[^>]*value="{re.escape(str(escape(subject)))}"', page)
    for email in ("hr.bjuv@example.org", "hr.hbg@example.org"):  # who would get it
        assert names[email] in page
    assert names[klippan.email] not in page
    assert _log(app) == []
    before = set(_outbox(app))
    confirm = client.post(URL, data=TEXT)
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert f'action="{URL}/skicka"' in html  # the confirmation, with its own button
    assert set(_outbox(app)) == before  # nothing is sent before the confirmation
    response = client.post(f"{URL}/skicka", data=TEXT, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert flashed(response) == ["success"]
    assert re.findall(r"\d+", flashes(response)[0][1]) == ["2"]  # to two HR contacts
    assert {k for k in _outbox(app) if k not in before} == {"hr.bjuv@example.org",
                                                            "hr.hbg@example.org"}
    assert len(_log(app)) == 1
    log = html.split('id="log-title"')[1]
    assert TEXT["subject"] in log  # the sending in the log


@pytest.mark.wording
def test_the_reminders_words(app, client, auth, world, make_user):
    make_user("hr.klippan@example.org", roles=("hr",), municipality="Klippan")
    auth.login("boss@example.org")
    assert "Påminn värdkommunernas HR-kontakter" in client.get("/trainee/utfall").get_data(
        as_text=True)
    page = client.get(URL).get_data(as_text=True)
    assert "Påminnelse: utfall efter traineeåret saknas" in page  # the prefilled subject
    assert "2 HR-kontakter i 2 kommuner" in page
    assert "Inga påminnelser om utfall är skickade än." in page
    html = client.post(URL, data=TEXT).get_data(as_text=True)
    assert "Skicka påminnelsen?" in html and "Ja, skicka till 2 HR-kontakter" in html
    response = client.post(f"{URL}/skicka", data=TEXT, follow_redirects=True)
    assert "Påminnelsen är skickad till 2 HR-kontakter." in response.get_data(as_text=True)
    sent = _outbox(app)  # the reminders are the HR contacts' only mail
    assert "2 trainees i Bjuv saknar utfall." in sent["hr.bjuv@example.org"][1]
    assert "1 trainee i Helsingborg saknar utfall." in sent["hr.hbg@example.org"][1]


def test_nobody_to_remind_is_refused_and_nothing_is_sent(
        app, client, auth, world, report_outcome):
    for trainee in (world.bjuv1, world.bjuv2, world.hbg):
        report_outcome(trainee, "studies")
    auth.login("boss@example.org")
    assert f'href="{URL}"' not in client.get("/trainee/utfall").get_data(as_text=True)
    before = len(_outbox(app))
    text = {"subject": "Utfall saknas", "body": "Rapportera."}
    for url in (URL, f"{URL}/skicka"):
        response = client.post(url, data=text)
        assert response.status_code == 400 and form_refused(response)
        assert refused(response) == set()  # the form's refusal, not a field's
    assert len(_outbox(app)) == before
    assert _log(app) == []


def test_the_service_refuses_when_nobody_is_due(app, world, report_outcome):
    from datetime import date

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.refusals import ServiceError
    from mentorship.trainees.outcomes import reminders

    for trainee in (world.bjuv1, world.bjuv2, world.hbg):
        report_outcome(trainee, "studies")
    before = _outbox(app)
    with app.test_request_context():
        admin = db.session.get(User, world.admin.id)
        with pytest.raises(ServiceError) as err:
            reminders.send(admin, date.today(), "Utfall saknas", "Rapportera.")
        assert err.value.field is None
        for subject, body, field in (("", "Rapportera.", "subject"), ("Utfall", " ", "body")):
            with pytest.raises(ServiceError) as err:
                reminders.send(admin, date.today(), subject, body)
            assert err.value.field == field
    assert _outbox(app) == before and _log(app) == []


def test_an_empty_text_is_refused_and_hr_contacts_cannot_send(app, client, auth, world):
    before = _outbox(app)
    auth.login("boss@example.org")
    response = client.post(URL, data={"subject": "", "body": "Rapportera."})
    assert response.status_code == 400
    assert refused(response) == {"subject"}
    auth.logout()
    auth.login("hr.bjuv@example.org")
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}/skicka", data={"subject": "x", "body": "y"}).status_code == 403
    assert _outbox(app) == before and _log(app) == []


def test_the_reminder_log_is_purged_after_the_trainee_period(app, world):
    from datetime import timedelta

    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.privacy.retention import load_periods
    from mentorship.trainees.models import OutcomeReminder
    from mentorship.trainees.privacy import REMINDERS, expire

    with app.app_context():
        now = utcnow()
        for days in (6 * 366, 30):  # older than the default 60 months, and recent
            db.session.add(OutcomeReminder(subject="s", body="b", missing=1, recipients=1,
                                           recipient_ids=[world.hr_bjuv.id],
                                           sent_at=now - timedelta(days=days)))
        db.session.commit()
        assert expire(now, load_periods()).get(REMINDERS) == 1
        assert [r.sent_at > now - timedelta(days=31)
                for r in db.session.scalars(select(OutcomeReminder))] == [True]
        assert REMINDERS not in expire(now, load_periods())
