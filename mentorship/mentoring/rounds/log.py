"""What happened to a round after it was set up: changes to its name, dates and texts, and
the reminders sent to its people (one row per sending)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.auth.models import User
from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class RoundChange(Model):
    """A change to a round's name or dates, with the values before and after (who, when)."""

    __tablename__ = "mentor_round_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(20))  # "name" | "starts_on" | "ends_on"
    old_value: Mapped[str] = mapped_column(String(200), default="")
    new_value: Mapped[str] = mapped_column(String(200), default="")
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")


class Reminder(Model):
    """A reminder sent to a selection of a round's people (one row per sending)."""

    __tablename__ = "mentor_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    selection: Mapped[str] = mapped_column(String(20))  # see reminders.SELECTIONS
    weeks: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")
