"""Retention rules per municipality, and the record of what each purge did."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class RetentionRule(Model):
    """A municipality's own retention period for one kind of record (overrides default)."""

    __tablename__ = "retention_rule"
    __table_args__ = (UniqueConstraint("municipality_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    months: Mapped[int] = mapped_column(Integer)


class PurgeLog(Model):
    """One line per kind and run: how many records a purge or an erasure removed."""

    __tablename__ = "purge_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    reason: Mapped[str] = mapped_column(String(20))  # "retention" | "erasure"
    kind: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(Integer)
