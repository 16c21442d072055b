"""Closing a round: the participants' evaluation and the nominations for "Årets mentor"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.mentoring.models import Enrolment


class EvaluationAnswer(Model):
    """One participant's evaluation of a round (ratings 1-5 and free text)."""

    __tablename__ = "mentor_evaluation_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), unique=True
    )
    overall: Mapped[int] = mapped_column(Integer)
    matching: Mapped[int] = mapped_column(Integer)
    talks: Mapped[int] = mapped_column(Integer)
    workshops: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Nomination(Model):
    """An adept's nomination of their mentor for "Årets mentor"; the admin picks one."""

    __tablename__ = "mentor_nomination"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    adept_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), unique=True
    )
    mentor_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    # The adept agreed that the text may be quoted in the annual report (unticked by default).
    quote_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    winner: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    adept: Mapped[Enrolment] = relationship(foreign_keys=[adept_id])
    mentor: Mapped[Enrolment] = relationship(foreign_keys=[mentor_id])
