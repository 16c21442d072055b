"""The trainee programme: cohorts, trainees with their placement, events, project, outcomes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.auth.models import User
from mentorship.db import UTCDateTime, utcnow
from mentorship.events.models import AttendanceRecord, ScheduledEvent
from mentorship.extensions import Model
from mentorship.reference.models import BusinessArea, Municipality

# Event kinds
TRAINING_DAY = "training_day"
STUDY_VISIT = "study_visit"
EVENT_KINDS = (TRAINING_DAY, STUDY_VISIT)

COHORT_NOT_STARTED, COHORT_RUNNING, COHORT_FINISHED = "not_started", "running", "finished"
COHORT_STATUSES = (COHORT_NOT_STARTED, COHORT_RUNNING, COHORT_FINISHED)

# Outcome categories, in the order they are offered.
PERMANENT_MEMBER = "permanent_member"
FIXED_TERM_MEMBER = "fixed_term_member"
EMPLOYED_OUTSIDE = "employed_outside"
STUDIES = "studies"
SEEKING_WORK = "seeking_work"
UNKNOWN = "unknown"
OUTCOME_CATEGORIES = (
    PERMANENT_MEMBER,
    FIXED_TERM_MEMBER,
    EMPLOYED_OUTSIDE,
    STUDIES,
    SEEKING_WORK,
    UNKNOWN,
)
MEMBER_CATEGORIES = (PERMANENT_MEMBER, FIXED_TERM_MEMBER)


def add_months(day: date, months: int) -> date:
    """`date(2023, 9, 1) + 12 months` -> `date(2024, 9, 1)`; clamps the day to the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


class Cohort(Model):
    """A numbered trainee group ("traineegrupp 18")."""

    __tablename__ = "trainee_cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    length_months: Mapped[int] = mapped_column(Integer, default=12)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    trainees: Mapped[list[Trainee]] = relationship(back_populates="cohort")
    events: Mapped[list[TraineeEvent]] = relationship(
        back_populates="cohort", order_by="TraineeEvent.starts_at"
    )
    project: Mapped[GroupProject | None] = relationship(back_populates="cohort")
    milestones: Mapped[list[ProjectMilestone]] = relationship(
        back_populates="cohort", order_by="ProjectMilestone.due_on"
    )

    @property
    def end_date(self) -> date:
        return add_months(self.start_date, self.length_months)

    def finished(self, today: date) -> bool:
        return self.end_date <= today

    def status(self, today: date) -> str:
        """The cohort's one status (COHORT_STATUSES), the same on every page."""
        if self.finished(today):
            return COHORT_FINISHED
        return COHORT_NOT_STARTED if today < self.start_date else COHORT_RUNNING

    def __repr__(self) -> str:
        return f"<Cohort {self.number}>"


class Trainee(Model):
    """A trainee in a cohort, with education and the one placement.

    A trainee normally has an account (a participant); trainees imported from earlier
    cohorts have only a name (`imported_name`).
    """

    __tablename__ = "trainee"
    __table_args__ = (UniqueConstraint("cohort_id", "imported_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_cohort.id", ondelete="RESTRICT"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), unique=True
    )
    imported_name: Mapped[str | None] = mapped_column(String(120))
    degree: Mapped[str] = mapped_column(String(120), default="")
    field_of_study: Mapped[str] = mapped_column(String(120), default="")
    graduation_year: Mapped[int | None] = mapped_column(Integer)
    # The placement
    host_municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )
    business_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_area.id", ondelete="SET NULL")
    )
    position_title: Mapped[str] = mapped_column(String(120), default="")
    supervisor_name: Mapped[str] = mapped_column(String(120), default="")
    supervisor_email: Mapped[str | None] = mapped_column(String(254))
    assignment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="trainees")
    user: Mapped[User | None] = relationship()
    host_municipality: Mapped[Municipality] = relationship()
    business_area: Mapped[BusinessArea | None] = relationship()
    outcome: Mapped[Outcome | None] = relationship(back_populates="trainee")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="trainee", cascade="all, delete-orphan"
    )

    @property
    def name(self) -> str:
        return self.user.name if self.user is not None else (self.imported_name or "")

    def __repr__(self) -> str:
        return f"<Trainee {self.id} {self.name}>"


class TraineeEvent(ScheduledEvent, Model):
    """A training day (utbildningsdag) or a study visit (studiebesök) of a cohort. Title,
    times, place and the calendar bookkeeping come from ScheduledEvent; it always has a
    start and an end."""

    __tablename__ = "trainee_event"
    calendar_uid_prefix = "trainee-event"
    calendar_fields = (*ScheduledEvent.calendar_fields, "kind", "host_municipality_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_cohort.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    host_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )

    cohort: Mapped[Cohort] = relationship(back_populates="events")
    host_municipality: Mapped[Municipality | None] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    @classmethod
    def attendance_model(cls) -> type[Attendance]:
        return Attendance


class Attendance(AttendanceRecord, Model):
    """A trainee present at an event (mentorship.events)."""

    __tablename__ = "trainee_attendance"
    event_key = "event_id"
    person_key = "trainee_id"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_event.id", ondelete="CASCADE"), primary_key=True
    )
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("trainee.id", ondelete="CASCADE"), primary_key=True
    )

    event: Mapped[TraineeEvent] = relationship(back_populates="attendance")
    trainee: Mapped[Trainee] = relationship(back_populates="attendance")


class GroupProject(Model):
    """The cohort's joint group project (grupprojekt)."""

    __tablename__ = "trainee_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_cohort.id", ondelete="CASCADE"), unique=True
    )
    assignment: Mapped[str] = mapped_column(Text, default="")
    given_by: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[str] = mapped_column(Text, default="")
    presented_where: Mapped[str] = mapped_column(String(200), default="")
    presented_on: Mapped[date | None] = mapped_column(Date)

    cohort: Mapped[Cohort] = relationship(back_populates="project")


class ProjectMilestone(Model):
    __tablename__ = "trainee_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_cohort.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    cohort: Mapped[Cohort] = relationship(back_populates="milestones")


class Outcome(Model):
    """What a trainee went on to after the trainee year. Optimistically locked."""

    __tablename__ = "trainee_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("trainee.id", ondelete="CASCADE"), unique=True
    )
    category: Mapped[str] = mapped_column(String(20))
    employer_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )
    position_title: Mapped[str] = mapped_column(String(120), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    trainee: Mapped[Trainee] = relationship(back_populates="outcome")
    employer_municipality: Mapped[Municipality | None] = relationship()
    updated_by: Mapped[User | None] = relationship()
    changes: Mapped[list[OutcomeChange]] = relationship(
        back_populates="outcome",
        cascade="all, delete-orphan",
        order_by="OutcomeChange.changed_at.desc(), OutcomeChange.id.desc()",
    )

    __mapper_args__ = {"version_id_col": version}


class OutcomeChange(Model):
    """History of an outcome: who changed what, when. `changes` is [[field, old, new], ...]."""

    __tablename__ = "trainee_outcome_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("trainee_outcome.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    source: Mapped[str] = mapped_column(String(20), default="form")  # form | import | demo
    changes: Mapped[list] = mapped_column(JSON, default=list)

    outcome: Mapped[Outcome] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()


class OutcomeReminder(Model):
    """A reminder to the HR contacts of the host municipalities with outcomes missing (one row
    per sending): the text, how many got it and who (user ids), who sent it and when."""

    __tablename__ = "trainee_outcome_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    missing: Mapped[int] = mapped_column(Integer, default=0)  # trainees without an outcome
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    recipient_ids: Mapped[list] = mapped_column(JSON, default=list)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")

