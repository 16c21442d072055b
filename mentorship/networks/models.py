"""The network register, as the cooperation's network checklist describes it.

A network has a field of cooperation (an editable list), a status (under uppstart, aktiv,
avslutad), the member municipalities with the start checklist per municipality, members
(an account or a name with municipality, role and e-mail), coordinators with their
history, a plan per calendar year and, when closed, a closing record. The recurring survey
is in `NetworkSurvey` and `NetworkSurveyAnswer`.
"""

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
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.auth.models import User
from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.reference.models import Municipality

# Status
STARTING = "starting"
ACTIVE = "active"
CLOSED = "closed"
STATUSES = (STARTING, ACTIVE, CLOSED)

# A municipality's answer to the invitation
YES = "yes"
NO = "no"
ANSWERS = (YES, NO)


class NetworkField(Model):
    """A field of cooperation ("samverkansområde"): data, not code."""

    __tablename__ = "network_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Network(Model):
    __tablename__ = "network"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    field_id: Mapped[int] = mapped_column(
        ForeignKey("network_field.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default=STARTING)
    # The start checklist: the secretariat has been told about the new network.
    secretariat_informed_on: Mapped[date | None] = mapped_column(Date)
    activated_on: Mapped[date | None] = mapped_column(Date)
    # The closing record
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    close_secretariat_informed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    field: Mapped[NetworkField] = relationship(lazy="joined")
    municipalities: Mapped[list[NetworkMunicipality]] = relationship(
        back_populates="network", cascade="all, delete-orphan"
    )
    members: Mapped[list[NetworkMember]] = relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="NetworkMember.name"
    )
    coordinators: Mapped[list[NetworkCoordinator]] = relationship(
        back_populates="network",
        cascade="all, delete-orphan",
        order_by="NetworkCoordinator.started_on.desc(), NetworkCoordinator.id.desc()",
    )
    plans: Mapped[list[NetworkPlan]] = relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="NetworkPlan.year.desc()"
    )

    def __repr__(self) -> str:
        return f"<Network {self.id} {self.name}>"


class NetworkMunicipality(Model):
    """One municipality's place in a network: invited, its answer, its management asked,
    the secretariat told, and (when the network closes) its management told."""

    __tablename__ = "network_municipality"
    __table_args__ = (UniqueConstraint("network_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )
    invited_on: Mapped[date | None] = mapped_column(Date)
    answer: Mapped[str | None] = mapped_column(String(3))
    answered_on: Mapped[date | None] = mapped_column(Date)
    management_asked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The municipality's answer has reached the cooperation's secretariat.
    secretariat_told: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    closing_informed: Mapped[bool] = mapped_column(Boolean, default=False)

    network: Mapped[Network] = relationship(back_populates="municipalities")
    municipality: Mapped[Municipality] = relationship(lazy="joined")


class NetworkMember(Model):
    """A member: an account, or a name with municipality, role and e-mail. Leaving sets
    `left_on`; the row stays for the survey and the history until its retention ends."""

    __tablename__ = "network_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )
    role_title: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    network: Mapped[Network] = relationship(back_populates="members")
    municipality: Mapped[Municipality] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship()

    @property
    def current(self) -> bool:
        return self.left_on is None


class NetworkCoordinator(Model):
    """Who coordinates ("samordnare") a network, from when to when: the history is kept."""

    __tablename__ = "network_coordinator"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    network: Mapped[Network] = relationship(back_populates="coordinators")
    user: Mapped[User | None] = relationship(lazy="joined")


class NetworkPlan(Model):
    """A calendar year's purpose, goals and meeting organisation."""

    __tablename__ = "network_plan"
    __table_args__ = (UniqueConstraint("network_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    meeting_frequency: Mapped[str] = mapped_column(String(200), default="")
    meeting_place: Mapped[str] = mapped_column(String(200), default="")
    meeting_lead: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    network: Mapped[Network] = relationship(back_populates="plans")

    @property
    def has_purpose(self) -> bool:
        return bool(self.purpose.strip())

    @property
    def has_goals(self) -> bool:
        return bool(self.goals.strip())

    @property
    def has_meetings(self) -> bool:
        return all(
            v.strip() for v in (self.meeting_frequency, self.meeting_place, self.meeting_lead)
        )


class NetworkSurvey(Model):
    """A survey round to all members of all networks; questions are editable."""

    __tablename__ = "network_survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    # [{"key": "q1", "text": "..."}]: ratings 1-5
    questions: Mapped[list] = mapped_column(JSON)
    opened_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_open(self) -> bool:
        return self.opened_on is not None and self.closed_on is None


class NetworkSurveyAnswer(Model):
    """One member's answer for one network; reported only as figures of 5 answers or more."""

    __tablename__ = "network_survey_answer"
    __table_args__ = (UniqueConstraint("survey_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("network_survey.id", ondelete="CASCADE"), index=True
    )
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_member.id", ondelete="SET NULL")
    )
    ratings: Mapped[dict] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
