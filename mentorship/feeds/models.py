"""A person's calendar subscription: the SHA-256 of the secret in the feed's URL (the
secret itself is shown once, when it is made, and stored nowhere)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class CalendarFeed(Model):
    """At most one per person; replacing it makes the old URL stop working."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
