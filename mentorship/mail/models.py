"""E-mail outbox: every message is queued here; a worker delivers it through SMTP."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class OutboxMessage(Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # The same text as HTML (built from `body` when the caller gives none).
    html: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(5))
    message_id: Mapped[str | None] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(200))
    # Delivery bookkeeping: a worker claims a row before it talks to the SMTP server and
    # never hands a claimed row to anyone else, so a message is sent at most once.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return "sent"
        if self.failed_at is not None:
            return "failed"
        if self.claimed_at is not None:
            return "sending"
        if self.attempts:
            return "retrying"
        return "queued"
