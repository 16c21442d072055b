"""Queue e-mail in the outbox; deliver through SMTP when a server is configured."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage

log = logging.getLogger(__name__)


def queue_mail(recipient: str, subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage(recipient=recipient, subject=subject, body=body)
    db.session.add(message)
    db.session.flush()
    return message


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def deliver_pending() -> int:
    """Send queued messages over SMTP (after the request committed). Returns the count sent.

    Without SMTP the messages stay in the outbox, where admins read them in the app.
    """
    if not smtp_configured():
        return 0
    cfg = current_app.config
    pending = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id)
    ).all()
    if not pending:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg.get("MAIL_USERNAME"):
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
            for message in pending:
                email = EmailMessage()
                email["From"] = cfg["MAIL_SENDER"]
                email["To"] = message.recipient
                email["Subject"] = message.subject
                email.set_content(message.body)
                smtp.send_message(email)
                message.sent_at = utcnow()
                # Links in the body are credentials; once delivered they need not be kept.
                message.body = ""
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("SMTP delivery failed: %s", type(exc).__name__)
    db.session.commit()
    return sent
