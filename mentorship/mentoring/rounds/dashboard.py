"""A round at a glance: enrolled by role and municipality, profiles, invitations, pairs,
talks, workshop attendance and evaluation answers; and a small bar chart of the
municipalities laid out here (the template draws it as SVG, with a table of the same
numbers). Counts only, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mentoring.closing_models import EvaluationAnswer
from mentorship.mentoring.enrolment.leaving import open_request
from mentorship.mentoring.enrolment.wishes import WishFigures, wish_figures
from mentorship.mentoring.models import (
    ADEPT,
    MENTOR,
    Enrolment,
    MentorPair,
    MentorRound,
    MentorTalk,
    Workshop,
    WorkshopSignup,
)
from mentorship.mentoring.talks.services import SILENT_WEEKS, pair_count
from mentorship.reference.models import Municipality


@dataclass(frozen=True)
class MunicipalityLine:
    name: str
    mentors: int
    adepts: int
    other: int  # enrolled, role not chosen yet

    @property
    def total(self) -> int:
        return self.mentors + self.adepts + self.other


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    mentors_width: int
    adepts_width: int
    total: int


@dataclass
class Dashboard:
    lines: list[MunicipalityLine] = field(default_factory=list)
    profiles_done: int = 0
    invitations_pending: int = 0
    pairs_active: int = 0
    pairs_ended: int = 0
    pairs_with_talk: int = 0
    talks: int = 0
    signups: int = 0
    attended: int = 0
    answers: int = 0
    leave_requests: int = 0
    pairs_silent: int = 0  # active pairs without a talk in silent_weeks (talks.services)
    silent_weeks: int = 0
    wishes: WishFigures = field(default_factory=WishFigures)

    @property
    def mentors(self) -> int:
        return sum(line.mentors for line in self.lines)

    @property
    def adepts(self) -> int:
        return sum(line.adepts for line in self.lines)

    @property
    def enrolled(self) -> int:
        return sum(line.total for line in self.lines)

    # The chart: one row of two bars (mentors, adepts) per municipality.
    width: int = 560
    label_width: int = 130
    row: int = 26

    @property
    def chart_height(self) -> int:
        return self.row * len(self.lines) + 8

    def bars(self) -> list[Bar]:
        most = max((line.mentors + line.adepts for line in self.lines), default=0) or 1
        room = self.width - self.label_width - 40
        return [
            Bar(line.name, i * self.row + 4, round(room * line.mentors / most),
                round(room * line.adepts / most), line.mentors + line.adepts)
            for i, line in enumerate(self.lines)
        ]


def round_dashboard(round_: MentorRound) -> Dashboard:
    d = Dashboard()
    rows = db.session.execute(
        select(
            Municipality.name,
            func.sum(case((Enrolment.role == MENTOR, 1), else_=0)),
            func.sum(case((Enrolment.role == ADEPT, 1), else_=0)),
            func.sum(case((Enrolment.role.is_(None), 1), else_=0)),
            func.sum(case((Enrolment.profile_done_at.is_not(None), 1), else_=0)),
            func.sum(case((User.password_hash.is_(None), 1), else_=0)),
            func.sum(case((open_request(), 1), else_=0)),
        )
        .select_from(Enrolment)
        .join(User, User.id == Enrolment.user_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(Enrolment.round_id == round_.id)
        .group_by(Municipality.name)
        .order_by(swedish(Municipality.name))
    ).all()
    for name, mentors, adepts, other, done, pending, leaving in rows:
        d.lines.append(MunicipalityLine(name, int(mentors or 0), int(adepts or 0),
                                        int(other or 0)))
        d.profiles_done += int(done or 0)
        d.invitations_pending += int(pending or 0)
        d.leave_requests += int(leaving or 0)
    active, ended = db.session.execute(
        select(func.sum(case((MentorPair.ended_at.is_(None), 1), else_=0)),
               func.sum(case((MentorPair.ended_at.is_not(None), 1), else_=0)))
        .where(MentorPair.round_id == round_.id)
    ).one()
    d.pairs_active, d.pairs_ended = int(active or 0), int(ended or 0)
    if d.pairs_active:
        d.silent_weeks = SILENT_WEEKS
        d.pairs_silent = pair_count(round_, no_talk_weeks=SILENT_WEEKS)
    talks, with_talk = db.session.execute(
        select(func.count(MentorTalk.id), func.count(func.distinct(MentorTalk.pair_id)))
        .join(MentorPair, MentorPair.id == MentorTalk.pair_id)
        .where(MentorPair.round_id == round_.id)
    ).one()
    d.talks, d.pairs_with_talk = int(talks or 0), int(with_talk or 0)
    signups, attended = db.session.execute(
        select(func.count(WorkshopSignup.id),
               func.sum(case((WorkshopSignup.attended.is_(True), 1), else_=0)))
        .join(Workshop, Workshop.id == WorkshopSignup.workshop_id)
        .where(Workshop.round_id == round_.id)
    ).one()
    d.signups, d.attended = int(signups or 0), int(attended or 0)
    d.wishes = wish_figures(round_)
    d.answers = db.session.scalar(
        select(func.count(EvaluationAnswer.id)).where(EvaluationAnswer.round_id == round_.id)
    ) or 0
    return d
