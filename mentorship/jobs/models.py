"""The database's own identity: which database a job was queued for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class DatabaseIdentity(Model):
    """One row: a random token written the first time a job is queued. A job carries it,
    and a worker connected to another database (another deployment on the same Redis, or
    a copy restored elsewhere) refuses the job instead of running it there."""

    __tablename__ = "database_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
