"""The audit log: append-only; ids and kinds only, never field values or passwords."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.audit import triggers
from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class AuditEntry(Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Plain integers, not foreign keys: an entry outlives the erasure of the person.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_role: Mapped[str] = mapped_column(String(20))  # admin | hr | participant | system
    actor_municipality_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # read | create | update | delete | ...
    record_type: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None] = mapped_column(Integer)
    subject_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject_municipality_id: Mapped[int | None] = mapped_column(Integer, index=True)


# Nobody edits or deletes entries, not even through SQL from the app's own account.
for _sql in triggers.SQLITE:
    event.listen(AuditEntry.__table__, "after_create", DDL(_sql).execute_if(dialect="sqlite"))
for _sql in triggers.POSTGRESQL:
    event.listen(
        AuditEntry.__table__, "after_create", DDL(_sql).execute_if(dialect="postgresql")
    )
