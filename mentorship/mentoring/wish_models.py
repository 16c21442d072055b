"""What participants say about whom they are matched with: a round's wish period, an
adept's ranked wishes and a mentor's "not this one" marks (a conflict of interest)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.mentoring.models import Enrolment

MAX_WISHES = 3


class WishPeriod(Model):
    """The dates (inclusive, Swedish time) in which a round's adepts rank mentors and its
    mentors mark adepts they must not be paired with. A round without a row has none."""

    __tablename__ = "mentor_wish_period"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), primary_key=True
    )
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)


class AdeptWish(Model):
    """One of an adept's ranked mentors (rank 1 is the first choice). The mentor never
    sees it; the engine's wish criterion scores it."""

    __tablename__ = "mentor_adept_wish"
    __table_args__ = (
        UniqueConstraint("adept_id", "rank", name="uq_mentor_adept_wish_rank"),
        UniqueConstraint("adept_id", "mentor_id", name="uq_mentor_adept_wish_mentor"),
        CheckConstraint(f"rank BETWEEN 1 AND {MAX_WISHES}", name="rank_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    adept_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)

    mentor: Mapped[Enrolment] = relationship(foreign_keys=[mentor_id])


class MentorExclusion(Model):
    """A mentor's "not this one": never paired with this adept. The reason is for the
    admins only; the adept never learns of the mark."""

    __tablename__ = "mentor_exclusion"
    __table_args__ = (
        UniqueConstraint("mentor_id", "adept_id", name="uq_mentor_exclusion_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    adept_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    mentor: Mapped[Enrolment] = relationship(foreign_keys=[mentor_id])
    adept: Mapped[Enrolment] = relationship(foreign_keys=[adept_id])
