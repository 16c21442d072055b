"""A reminder about missing outcomes to the HR contacts of the host municipalities concerned:
an editable text, a confirmation with the number of recipients, one message per HR contact
with their municipality's count, refused when nobody is due, and every sending logged."""

from sqlalchemy import select

URL = "/trainee/utfall/paminnelse"


def _outbox(app):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return {m.recipient: (m.subject, m.body) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))}


def test_admin_reminds_the_hr_contacts_of_municipalities_with_missing_outcomes(
        app, client, auth, world, make_user):
    from mentorship.extensions import db
    from mentorship.trainees.models import OutcomeReminder

    make_user("hr.klippan@example.org", roles=("hr",), municipality="Klippan")
    auth.login("boss@example.org")
    assert "Påminn värdkommunernas HR-kontakter" in client.get("/trainee/utfall").get_data(
        as_text=True)
    page = client.get(URL).get_data(as_text=True)
    assert "Påminnelse: utfall efter traineeåret saknas" in page  # the prefilled subject
    assert "2 HR-kontakter i 2 kommuner" in page
    assert "Inga påminnelser om utfall är skickade än." in page
    before = set(_outbox(app))
    text = {"subject": "Utfall saknas", "body": "Rapportera utfallen senast fredag."}
    confirm = client.post(URL, data=text)
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Skicka påminnelsen?" in html
    assert "Ja, skicka till 2 HR-kontakter" in html
    assert set(_outbox(app)) == before  # nothing is sent before the confirmation
    response = client.post(f"{URL}/skicka", data=text, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Påminnelsen är skickad till 2 HR-kontakter." in html
    sent = {k: v for k, v in _outbox(app).items() if k not in before}
    assert set(sent) == {"hr.bjuv@example.org", "hr.hbg@example.org"}  # not Klippan's
    subject, body = sent["hr.bjuv@example.org"]
    assert subject == "Utfall saknas"
    assert "Rapportera utfallen senast fredag." in body
    assert "2 trainees i Bjuv saknar utfall." in body and "/trainee/utfall" in body
    assert "1 trainee i Helsingborg saknar utfall." in sent["hr.hbg@example.org"][1]
    with app.app_context():
        log = db.session.scalars(select(OutcomeReminder)).all()
        assert len(log) == 1
        row = log[0]
        assert (row.subject, row.recipients, row.missing, row.actor_id) == (
            "Utfall saknas", 2, 3, world.admin.id)
        assert sorted(row.recipient_ids) == sorted([world.hr_bjuv.id, world.hr_hbg.id])
    assert "Skickade påminnelser" in html and "Utfall saknas" in html


def test_nobody_to_remind_is_refused_with_a_message(
        app, client, auth, world, report_outcome):
    from mentorship.extensions import db
    from mentorship.trainees.models import OutcomeReminder

    for trainee in (world.bjuv1, world.bjuv2, world.hbg):
        report_outcome(trainee, "studies")
    auth.login("boss@example.org")
    assert "Påminn värdkommunernas HR-kontakter" not in client.get(
        "/trainee/utfall").get_data(as_text=True)
    before = len(_outbox(app))
    text = {"subject": "Utfall saknas", "body": "Rapportera."}
    message = "Inga utfall saknas som en HR-kontakt kan rapportera"
    for url in (URL, f"{URL}/skicka"):
        response = client.post(url, data=text)
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert len(_outbox(app)) == before
    with app.app_context():
        assert db.session.scalars(select(OutcomeReminder)).all() == []


def test_an_empty_text_is_refused_and_hr_contacts_cannot_send(client, auth, world):
    auth.login("boss@example.org")
    response = client.post(URL, data={"subject": "", "body": "Rapportera."})
    assert response.status_code == 400
    assert "Skriv en ämnesrad." in response.get_data(as_text=True)
    auth.logout()
    auth.login("hr.bjuv@example.org")
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}/skicka", data={"subject": "x", "body": "y"}).status_code == 403


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
