"""The early "Känns matchningen rätt?" question to each side of a published pair."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.mentoring.models import Enrolment, MentorPair

YES, UNSURE, NO = "ja", "osaker", "nej"
ANSWERS = (YES, UNSURE, NO)


class FitCheck(Model):
    """One side's private answer on the fit of their pair: asked once per side and pair
    (the nightly command), answered by that person only, read by admins only; the
    partner never sees it."""

    __tablename__ = "mentor_fit_check"
    __table_args__ = (
        UniqueConstraint("pair_id", "enrolment_id", name="uq_mentor_fit_check_pair_enrolment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_pair.id", ondelete="CASCADE"), index=True
    )
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answer: Mapped[str | None] = mapped_column(String(10))  # ANSWERS; None: not answered
    note: Mapped[str] = mapped_column(Text, default="")  # to the coordinator only
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    pair: Mapped[MentorPair] = relationship()
    enrolment: Mapped[Enrolment] = relationship()
