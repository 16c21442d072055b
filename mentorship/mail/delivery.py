"""The mail worker: delivers the outbox over SMTP, outside every web request.

Each message is claimed in its own short transaction before the SMTP conversation
(`FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite the conditional UPDATE runs under the
database's single write lock), so several workers never take the same row. A claimed row
is never handed out again: if a worker dies while sending, the row is marked failed after
`MAIL_CLAIM_TIMEOUT_SECONDS` instead of being sent a second time (at most once). A refused
or failed send is retried with exponential backoff up to `MAIL_MAX_ATTEMPTS`.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
import ssl
import time
from datetime import timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app
from sqlalchemy import or_, select, update

from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from mentorship.mail.services import smtp_configured
from mentorship.redis_store import beat

log = logging.getLogger(__name__)


def sender() -> str:
    """`MAIL_SENDER` as a header value with its display name intact (å/ä/ö included)."""
    name, address = parseaddr(current_app.config["MAIL_SENDER"])
    return str(Address(display_name=name, addr_spec=address))


def build(message: OutboxMessage) -> EmailMessage:
    """A MIME message of the standard library: plain text, and the same text as HTML."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender()
    email["To"] = message.recipient
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email.set_content(message.body)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    # After the parts: making the message multipart moves Content-* headers into its first.
    email["Content-Language"] = message.language or "sv"
    return email


class SMTPConnection:
    """One SMTP conversation for a pass of the worker (STARTTLS or SSL, and a login, as
    configured); `smtplib` is looked up at open, so the suite's refusal of real SMTP holds."""

    def __init__(self, cfg: dict) -> None:
        self.cfg = cfg
        self.server: smtplib.SMTP | None = None

    def open(self) -> None:
        cfg = self.cfg
        if cfg.get("MAIL_USE_SSL"):
            self.server = smtplib.SMTP_SSL(cfg["MAIL_SERVER"], cfg["MAIL_PORT"],
                                           timeout=cfg["MAIL_TIMEOUT"],
                                           context=ssl.create_default_context())
        else:
            self.server = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"],
                                       timeout=cfg["MAIL_TIMEOUT"])
            if cfg["MAIL_USE_TLS"]:
                self.server.starttls(context=ssl.create_default_context())
        if cfg.get("MAIL_USERNAME"):
            self.server.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")

    def send(self, email: EmailMessage) -> None:
        assert self.server is not None  # opened first
        self.server.send_message(email)

    def close(self) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            finally:
                self.server = None


class LocalOutbox:
    """MAIL_BACKEND = "locmem": what would be sent is kept in the app (tests)."""

    def __init__(self, sent: list[EmailMessage]) -> None:
        self.sent = sent

    def open(self) -> None:
        pass

    def send(self, email: EmailMessage) -> None:
        self.sent.append(email)

    def close(self) -> None:
        pass


def _connection() -> SMTPConnection | LocalOutbox:
    cfg = current_app.config
    if cfg.get("MAIL_BACKEND") == "locmem":
        return LocalOutbox(current_app.extensions.setdefault("sent_mail", []))
    return SMTPConnection(cfg)


def _due():
    now = utcnow()
    return (
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        OutboxMessage.claimed_at.is_(None),
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
    )


def claim_next() -> OutboxMessage | None:
    """Take the oldest due message for this worker and commit the claim.

    One statement: `UPDATE ... WHERE id = (SELECT id ... FOR UPDATE SKIP LOCKED LIMIT 1)`.
    PostgreSQL skips rows another worker holds; SQLite takes its write lock before it
    reads, so two workers cannot both see the same row unclaimed. The `WHERE` repeats the
    conditions, so a row claimed in between is not taken again.
    """
    while True:
        oldest = (
            select(OutboxMessage.id)
            .where(*_due())
            .order_by(OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        token = secrets.token_hex(16)
        claimed = db.session.execute(  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; typed as Result
            update(OutboxMessage)
            .where(OutboxMessage.id == oldest, *_due())
            .values(claimed_at=utcnow(), claim_token=token, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if claimed == 1:
            return db.session.scalar(
                select(OutboxMessage).where(OutboxMessage.claim_token == token)
            )
        if not db.session.scalar(select(OutboxMessage.id).where(*_due()).limit(1)):
            db.session.rollback()
            return None
        # another worker took that row between our read and our write: try the next one


def _backoff(attempts: int) -> timedelta:
    base = current_app.config["MAIL_RETRY_SECONDS"]
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 6 * 3600))


def _finish(message: OutboxMessage, error: str | None) -> None:
    now = utcnow()
    values: dict = {"claimed_at": None, "claim_token": None}
    if error is None:
        # Links in the body are credentials; once delivered they need not be kept.
        values.update(sent_at=now, error=None, body="", html=None)
    else:
        values["error"] = error[:200]
        if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            values["failed_at"] = now
        else:
            values["next_attempt_at"] = now + _backoff(message.attempts)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.claim_token == message.claim_token)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def expire_stale_claims() -> int:
    """Rows whose worker died mid-send: the message may have left, so it is not sent again."""
    limit = utcnow() - timedelta(seconds=current_app.config["MAIL_CLAIM_TIMEOUT_SECONDS"])
    n = db.session.execute(  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; typed as Result
        update(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.claimed_at.is_not(None),
            OutboxMessage.claimed_at < limit,
        )
        .values(failed_at=utcnow(), error="Avbröts under sändning; skickas inte igen.")
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return n


def deliver(limit: int | None = None) -> dict[str, int]:
    """One pass over the due messages (what `flask mail deliver` runs from cron)."""
    counts = {"sent": 0, "failed": 0}
    if not smtp_configured():
        return counts
    expire_stale_claims()
    connection = None
    try:
        while limit is None or counts["sent"] + counts["failed"] < limit:
            message = claim_next()
            if message is None:
                break
            try:
                if connection is None:
                    connection = _connection()
                    connection.open()
                connection.send(build(message))
            except (OSError, smtplib.SMTPException) as exc:
                _close(connection)
                connection = None
                _finish(message, f"{type(exc).__name__}: {exc}")
                counts["failed"] += 1
                log.warning("mail %s not delivered (attempt %s): %s",
                            message.id, message.attempts, type(exc).__name__)
                continue
            _finish(message, None)
            counts["sent"] += 1
    finally:
        _close(connection)
    return counts


def _close(connection: SMTPConnection | LocalOutbox | None) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except (OSError, smtplib.SMTPException):
        pass


def heartbeat() -> None:
    try:
        beat("mail")
    except Exception:  # noqa: BLE001 - Redis is optional for mail; /ready reports it
        log.debug("mail heartbeat not written")


def run_worker(poll_seconds: float, once: bool = False) -> None:
    """The long-running loop of `flask mail worker`."""
    log.info("mail worker started (SMTP %s)", "on" if smtp_configured() else "off")
    while True:
        heartbeat()
        try:
            counts = deliver()
        except Exception:
            db.session.rollback()
            log.exception("mail delivery pass failed")
            counts = {"sent": 0, "failed": 0}
        finally:
            db.session.remove()
        if counts["sent"] or counts["failed"]:
            log.info("mail delivered: %(sent)s sent, %(failed)s failed", counts)
        if once:
            return
        time.sleep(poll_seconds)
