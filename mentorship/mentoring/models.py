"""The mentor programme: rounds, enrolments (with the profile), proposals, pairs, talks,
workshops, evaluation answers and nominations for "Årets mentor"."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from mentorship.auth.models import User
from mentorship.db import UTCDateTime, utcnow
from mentorship.events.models import AttendanceRecord, ScheduledEvent
from mentorship.extensions import Model
from mentorship.reference.models import Municipality

# Round states, in order.
DRAFT = "draft"
OPEN = "open"
MATCHING = "matching"
PUBLISHED = "published"
RUNNING = "running"
CLOSED = "closed"
STATES = (DRAFT, OPEN, MATCHING, PUBLISHED, RUNNING, CLOSED)

MENTOR = "mentor"
ADEPT = "adept"

LOCK = "lock"
FORBID = "forbid"


class MentorGoal(Model):
    """A development goal an adept may want and a mentor may offer (admin-edited list)."""

    __tablename__ = "mentor_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MentorRound(Model):
    __tablename__ = "mentor_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default=DRAFT)
    min_score: Mapped[float] = mapped_column(Float, default=0.0)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evaluation_open: Mapped[bool] = mapped_column(Boolean, default=False)
    # The nightly command reminds pairs silent for six weeks, at most once a week.
    auto_reminders: Mapped[bool] = mapped_column(Boolean, default=False)
    # The round's own e-mail texts and evaluation questions (round_texts); {} = defaults.
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    transitions: Mapped[list[RoundTransition]] = relationship(
        back_populates="round",
        order_by="RoundTransition.id",
        cascade="all, delete-orphan",
        # Only the round page shows the history (transitions_of); a round loaded for any
        # other page does not need it.
        lazy="select",
    )


class RoundTransition(Model):
    """Every change of a round's state: from, to, who, when."""

    __tablename__ = "mentor_round_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[MentorRound] = relationship(back_populates="transitions")
    actor: Mapped[User | None] = relationship(lazy="joined")


class Enrolment(Model):
    """A person in a round, with the profile the engine matches on."""

    __tablename__ = "mentor_enrolment"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id", name="uq_mentor_enrolment_round_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # The id in an imported PEOPLE file (shown in exports); "p<user id>" otherwise.
    external_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(10))
    business_area: Mapped[str] = mapped_column(String(120), default="")
    level: Mapped[int] = mapped_column(Integer, default=1)
    years_as_manager: Mapped[int] = mapped_column(Integer, default=0)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    gender: Mapped[str | None] = mapped_column(String(10))
    gender_preference: Mapped[str | None] = mapped_column(String(10))
    meeting_mode: Mapped[str] = mapped_column(String(10), default="either")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    profile_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The participant asked to leave a published round (the coordinator ends the pair).
    leave_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    leave_reason: Mapped[str] = mapped_column(String(300), default="")
    # The coordinator has dealt with the request (ended the pair, or talked it through).
    leave_handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # In the participant's own words: shown to the partner after publishing and, where a
    # mentor allows it (profile_visible), to the round's adepts during the wish period.
    presentation: Mapped[str] = mapped_column(String(500), default="")
    develop_text: Mapped[str] = mapped_column(String(500), default="")  # adept
    offer_text: Mapped[str] = mapped_column(String(500), default="")  # mentor
    profile_visible: Mapped[bool] = mapped_column(Boolean, default=False)

    round: Mapped[MentorRound] = relationship()
    # "unnested": behind an outer join (a pair's adept and mentor) the user is joined flat;
    # a nested "LEFT JOIN (enrolment JOIN user)" made PostgreSQL hash-join every enrolment
    # with every user on each pair page (30 ms on the load dataset).
    # (SQLAlchemy documents innerjoin="unnested"; its annotation only says bool)
    user: Mapped[User] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]

    @property
    def municipality(self) -> Municipality:
        return self.user.municipality


class MatchRule(Model):
    """An admin's lock (this adept gets this mentor) or forbid (never this pair)."""

    __tablename__ = "mentor_match_rule"
    __table_args__ = (
        UniqueConstraint(
            "adept_id", "mentor_id", name="uq_mentor_match_rule_adept_mentor"
        ),
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
    kind: Mapped[str] = mapped_column(String(10))  # "lock" | "forbid"
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    adept: Mapped[Enrolment] = relationship(foreign_keys=[adept_id])
    mentor: Mapped[Enrolment] = relationship(foreign_keys=[mentor_id])


class MatchRun(Model):
    """One run of the engine: the proposal the admin reviews. The newest run is current."""

    __tablename__ = "mentor_match_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    weights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    min_score: Mapped[float] = mapped_column(Float, default=0.0)
    total_score: Mapped[float] = mapped_column(Float, default=0.0)
    previous_total: Mapped[float | None] = mapped_column(Float)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship(lazy="joined")


class ProposedPair(Model):
    """A row of a proposal: a pair, or an unmatched adept (mentor empty) with the reason."""

    __tablename__ = "mentor_proposed_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_match_run.id", ondelete="CASCADE"), index=True
    )
    adept_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float | None] = mapped_column(Float)
    contributions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reasons: Mapped[list] = mapped_column(JSON, default=list)  # reason codes, see reasons.py
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    unmatched_reason: Mapped[str | None] = mapped_column(String(300))

    adept: Mapped[Enrolment] = relationship(foreign_keys=[adept_id])
    mentor: Mapped[Enrolment | None] = relationship(foreign_keys=[mentor_id])


class MentorPair(Model):
    """A published pair. Ending it keeps the row (with the reason) for the record."""

    __tablename__ = "mentor_pair"

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
    score: Mapped[float] = mapped_column(Float, default=0.0)
    contributions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reasons: Mapped[list] = mapped_column(JSON, default=list)  # reason codes, see reasons.py
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_reason: Mapped[str | None] = mapped_column(String(300))
    ended_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    adept: Mapped[Enrolment] = relationship(foreign_keys=[adept_id])
    mentor: Mapped[Enrolment] = relationship(foreign_keys=[mentor_id])

    @property
    def active(self) -> bool:
        return self.ended_at is None


class MentorTalk(Model):
    """A mentor talk logged by one side of a pair; the note is for its writer only."""

    __tablename__ = "mentor_talk"
    # One talk a day per writer and pair: a form posted twice makes one row.
    __table_args__ = (Index("uq_mentor_talk_pair_author_day", "pair_id", "author_id", "held_on",
                            unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_pair.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    private_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Workshop(ScheduledEvent, Model):
    """A programme workshop; created with the round as a draft (no start time yet).
    Title, times, place and the calendar bookkeeping come from ScheduledEvent."""

    __tablename__ = "mentor_workshop"
    __table_args__ = (UniqueConstraint("round_id", "number", name="uq_mentor_workshop_number"),)
    calendar_uid_prefix = "mentor-workshop"
    calendar_fields = (*ScheduledEvent.calendar_fields, "link", "host_municipality_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_round.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    link: Mapped[str] = mapped_column(String(300), default="")
    host_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="SET NULL")
    )
    capacity: Mapped[int | None] = mapped_column(Integer)

    host_municipality: Mapped[Municipality | None] = relationship(lazy="joined")

    @classmethod
    def attendance_model(cls) -> type[WorkshopAttendance]:
        return WorkshopAttendance

    @property
    def ready(self) -> bool:
        """A draft until it has a start time and a place or link."""
        return self.starts_at is not None and bool(self.place or self.link)


class WorkshopAttendance(AttendanceRecord, Model):
    """A person present at a workshop (mentorship.events): the row belongs to their
    sign-up, so it goes when the sign-up is cancelled."""

    __tablename__ = "mentor_workshop_attendance"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workshop_id", "enrolment_id"],
            ["mentor_workshop_signup.workshop_id", "mentor_workshop_signup.enrolment_id"],
            name="fk_mentor_workshop_attendance_signup",
            ondelete="CASCADE",
        ),
    )
    event_key = "workshop_id"
    person_key = "enrolment_id"

    workshop_id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(primary_key=True)

    # (also makes a flush insert the sign-up before its attendance)
    signup: Mapped[WorkshopSignup] = relationship()


class WorkshopSignup(Model):
    __tablename__ = "mentor_workshop_signup"
    __table_args__ = (
        UniqueConstraint("workshop_id", "enrolment_id", name="uq_mentor_workshop_signup"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_workshop.id", ondelete="CASCADE"), index=True
    )
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_enrolment.id", ondelete="CASCADE"), index=True
    )
    signed_up_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Read only: whether the sign-up has its attendance row (events.attendance saves it).
    attended: Mapped[bool] = column_property(
        WorkshopAttendance.present_for(workshop_id, enrolment_id)
    )

    enrolment: Mapped[Enrolment] = relationship()
