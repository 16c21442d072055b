"""The outbox worker: no SMTP inside a request, claims, retries, at-most-once, and real
MIME messages parsed back with the standard library."""

from __future__ import annotations

import smtplib
import socket
import threading
import time
from datetime import timedelta
from email import policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage

REAL_SMTP = smtplib.SMTP  # the suite refuses real SMTP; these tests talk to a local server
SMTP_PORT, HANGING_PORT = 5120, 5121


class Capture:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server(app, monkeypatch):
    monkeypatch.setattr(smtplib, "SMTP", REAL_SMTP)
    handler = Capture()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=SMTP_PORT, MAIL_USE_TLS=False,
                      MAIL_BACKEND="smtp", MAIL_TIMEOUT=5)
    yield handler
    controller.stop()


@pytest.fixture
def hanging_server(app, monkeypatch):
    """Accepts TCP connections and never says a word (an SMTP server that hangs)."""
    monkeypatch.setattr(smtplib, "SMTP", REAL_SMTP)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", HANGING_PORT))
    listener.listen(50)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=HANGING_PORT, MAIL_USE_TLS=False,
                      MAIL_BACKEND="smtp", MAIL_TIMEOUT=1)
    yield listener
    listener.close()


def queue(app, n: int, **kwargs) -> None:
    from mentorship.mail.services import queue_mail

    with app.app_context():
        for i in range(n):
            queue_mail(f"person{i}@example.org", f"Ämne  {i}", f"Hej {i}!", **kwargs)
        db.session.commit()


def deliver(app) -> dict:
    from mentorship.mail.delivery import deliver as run_pass

    with app.app_context():
        return run_pass()


def rows(app) -> list[OutboxMessage]:
    with app.app_context():
        found = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return found


def test_saving_requests_stay_fast_while_the_smtp_server_hangs(app, client, login_as,
                                                                hanging_server):
    started = time.perf_counter()
    login_as("admin")
    for i in range(3):
        response = client.post("/personer/bjud-in", data={
            "email": f"ny{i}@example.org", "name": f"Ny {i}", "municipality_id": 1,
            "roles": ["participant"],
        })
        assert response.status_code == 302
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"four saving requests took {elapsed:.1f} s"  # MAIL_TIMEOUT is 1 s
    assert [m.status for m in rows(app)] == ["queued"] * 3
    page = client.get("/utkorg/").get_data(as_text=True)
    assert "I kö" in page


def test_a_failed_send_is_recorded_retried_later_and_given_up(app, client, login_as,
                                                              hanging_server):
    queue(app, 1)
    assert deliver(app) == {"sent": 0, "failed": 1}
    [message] = rows(app)
    assert message.attempts == 1 and message.status == "retrying"
    assert message.error.startswith(("TimeoutError", "SMTPServerDisconnected"))
    assert message.next_attempt_at > utcnow() + timedelta(seconds=50)
    assert deliver(app) == {"sent": 0, "failed": 0}  # not due yet: no new attempt
    login_as("admin")
    page = client.get("/utkorg/").get_data(as_text=True)
    assert "Försöker igen" in page and message.error in page
    # the last attempt gives up, and the message says so
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
        db.session.commit()
    assert deliver(app) == {"sent": 0, "failed": 1}
    [message] = rows(app)
    assert message.status == "failed" and message.attempts == 2
    assert "Misslyckades" in client.get(f"/utkorg/{message.id}").get_data(as_text=True)


def test_a_message_claimed_by_a_dead_worker_is_not_sent_again(app, smtp_server):
    queue(app, 1)
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(
            claimed_at=utcnow() - timedelta(hours=1), claim_token="x", attempts=1))
        db.session.commit()
    assert deliver(app) == {"sent": 0, "failed": 0}
    [message] = rows(app)
    # Given up without another attempt: the claim's one attempt, an error, nothing sent.
    assert message.status == "failed" and message.attempts == 1
    assert message.error and message.failed_at is not None and message.sent_at is None
    assert smtp_server.messages == []


@pytest.mark.committed
def test_two_deliverers_never_send_a_message_twice(app, smtp_server):
    queue(app, 40)
    results: list[dict] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(deliver(app))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(r["sent"] for r in results) == 40
    ids = [BytesParser(policy=policy.default).parsebytes(m)["Message-ID"]
           for m in smtp_server.messages]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert {m.status for m in rows(app)} == {"sent"}
    assert {m.attempts for m in rows(app)} == {1}


def test_the_mail_worker_command_delivers(app, smtp_server):
    queue(app, 2)
    from mentorship.mail.delivery import run_worker

    with app.app_context():
        run_worker(poll_seconds=0, once=True)
    assert len(smtp_server.messages) == 2


def test_messages_are_real_mime_in_the_recipients_language(app, make_user, smtp_server):
    from mentorship.auth.models import User
    from mentorship.auth.services import send_invitation

    app.config["BASE_URL"] = "https://mentor.example.org"
    sv = make_user("sv@example.org", name="Åsa Öberg")
    en = make_user("en@example.org", name="Erik Ek")
    with app.app_context():
        db.session.get(User, en.id).language = "en"
        send_invitation(None, db.session.get(User, sv.id))
        send_invitation(None, db.session.get(User, en.id))
        db.session.commit()
    queue(app, 1)  # an old-style caller: queue_mail(recipient, subject, body)
    assert deliver(app)["sent"] == 3
    parsed = {}
    for raw in smtp_server.messages:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        parsed[str(message["To"])] = message
        assert message["Date"].datetime is not None
        assert message["Message-ID"].endswith("@mentor.example.org>")
        assert message["From"].addresses[0].display_name == "HR-nätverket"
        assert "  " not in message["Subject"]
        plain = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for line in plain.split("\n"):
            if line.strip():
                assert line.strip().split(" ")[0] in html
    assert len({m["Message-ID"] for m in parsed.values()}) == 3
    assert parsed["person0@example.org"]["Subject"] == "Ämne 0"
    swedish, english = parsed["sv@example.org"], parsed["en@example.org"]
    with app.test_request_context():
        queued = dict(db.session.execute(select(OutboxMessage.recipient, OutboxMessage.subject)
                                         .where(OutboxMessage.recipient.in_([sv.email, en.email]))
                                         ).all())
    assert swedish["Subject"] == queued["sv@example.org"] != english["Subject"]
    assert english["Subject"] == queued["en@example.org"]
    assert swedish["Content-Language"] == "sv"
    assert "Hej Åsa Öberg!" in swedish.get_body(("plain",)).get_content()
    assert english["Content-Language"] == "en"
    assert "Hej" not in english.get_body(("plain",)).get_content()
    for message in (swedish, english):
        plain = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        link = next(w for w in plain.split() if w.startswith("http"))
        assert link.startswith("https://mentor.example.org/")
        assert f'href="{link}"' in html


def test_the_language_chosen_in_the_header_is_the_users_mail_language(app, client, login_as):
    from mentorship.auth.models import User

    user = login_as("participant")
    client.post("/sprak", data={"lang": "en", "next": "/"})
    with app.app_context():
        assert db.session.get(User, user.id).language == "en"


@pytest.mark.wording
def test_the_invitation_reads_as_written(app, make_user):
    from mentorship.auth.models import User
    from mentorship.auth.services import send_invitation

    person = make_user("sv@example.org", name="Åsa Öberg")
    with app.test_request_context():
        send_invitation(None, db.session.get(User, person.id))
        message = db.session.scalars(select(OutboxMessage)).one()
    assert message.subject == "Inbjudan till HR-nätverkets programverktyg"
    assert message.body.startswith("Hej Åsa Öberg!\n\nDu har bjudits in till HR-nätverkets")
