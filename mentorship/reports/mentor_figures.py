"""The mentor programme's figures of a year: the rounds running that year, their managers,
municipalities, pairs, talks, workshops, evaluation (under the small-group rule) and
Årets mentor with the quote its author agreed to."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.closing_models import EvaluationAnswer
from mentorship.mentoring.models import (
    DRAFT,
    Enrolment,
    MentorPair,
    MentorRound,
    MentorTalk,
    Workshop,
    WorkshopAttendance,
)
from mentorship.reference.models import Municipality
from mentorship.reports.scope import Scope, in_scope
from mentorship.reports.words import in_swedish_order
from mentorship.small_groups import Figure, figure
from mentorship.timezones import day_start


@dataclass
class RoundFigures:
    id: int
    name: str
    starts_on: date
    ends_on: date
    managers: int = 0
    mentors: int = 0
    adepts: int = 0
    municipalities: list[str] = field(default_factory=list)
    per_municipality: dict[str, int] = field(default_factory=dict)
    pairs: int = 0
    talks: int = 0  # logged talks held in the year
    workshops: int = 0  # workshops held in the year
    attendance: int = 0  # people present at them, summed
    evaluation: Figure | None = None  # the overall rating, hidden under MIN_ANSWERS
    winner: str | None = None  # Årets mentor (rounds ending in the year)
    winner_municipality: str | None = None
    quote: str | None = None  # only with the nominating adept's consent


@dataclass
class MentorFigures:
    rounds: list[RoundFigures]
    members: list[str]  # the member municipalities, a to ö
    managers: int  # distinct people over the year's rounds
    municipalities: list[str]

    @property
    def per_municipality(self) -> list[tuple[str, int]]:
        """Managers per member municipality over the year's rounds (zeros included)."""
        counts: Counter[str] = Counter()
        for r in self.rounds:
            counts.update(r.per_municipality)
        return [(m, counts.get(m, 0)) for m in self.members]


def _year_rounds(scope: Scope) -> list[MentorRound]:
    return list(db.session.scalars(
        select(MentorRound)
        .where(MentorRound.starts_on <= scope.last, MentorRound.ends_on >= scope.first,
               MentorRound.state != DRAFT)
        .order_by(MentorRound.starts_on, MentorRound.id)
    ))


def mentor_figures(scope: Scope, members: list[str]) -> MentorFigures:
    rounds = _year_rounds(scope)
    ids = [r.id for r in rounds]
    out = {r.id: RoundFigures(r.id, r.name, r.starts_on, r.ends_on) for r in rounds}
    names = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    people: set[int] = set()
    places: set[str] = set()
    enrolled = db.session.execute(
        select(Enrolment.round_id, Enrolment.user_id, Enrolment.role, User.municipality_id)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.round_id.in_(ids), in_scope(User.municipality_id, scope))
    ).all()
    per_round: dict[int, Counter[str]] = defaultdict(Counter)
    for round_id, user_id, role, muni in enrolled:
        figures = out[round_id]
        figures.managers += 1
        figures.mentors += role == "mentor"
        figures.adepts += role == "adept"
        per_round[round_id][names.get(muni, "")] += 1
        people.add(user_id)
        places.add(names.get(muni, ""))
    for round_id, counts in per_round.items():
        out[round_id].per_municipality = dict(counts)
        out[round_id].municipalities = in_swedish_order(counts)

    adept_user, mentor_user = aliased(User), aliased(User)
    adept, mentor = aliased(Enrolment), aliased(Enrolment)
    pairs = (
        select(MentorPair.id, MentorPair.round_id)
        .join(adept, adept.id == MentorPair.adept_id)
        .join(adept_user, adept_user.id == adept.user_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .join(mentor_user, mentor_user.id == mentor.user_id)
        .where(MentorPair.round_id.in_(ids))
    )
    if scope.municipality_id is not None:
        pairs = pairs.where(or_(adept_user.municipality_id == scope.municipality_id,
                                mentor_user.municipality_id == scope.municipality_id))
    pair_rows = pairs.subquery()
    for round_id, n in db.session.execute(
        select(pair_rows.c.round_id, func.count()).group_by(pair_rows.c.round_id)
    ):
        out[round_id].pairs = n
    for round_id, n in db.session.execute(
        select(pair_rows.c.round_id, func.count(MentorTalk.id))
        .join(MentorTalk, MentorTalk.pair_id == pair_rows.c.id)
        .where(MentorTalk.held_on >= scope.first, MentorTalk.held_on <= scope.last)
        .group_by(pair_rows.c.round_id)
    ):
        out[round_id].talks = n

    in_year = and_(Workshop.starts_at >= day_start(scope.first),
                   Workshop.starts_at < day_start(date(scope.year + 1, 1, 1)))
    for round_id, n in db.session.execute(
        select(Workshop.round_id, func.count()).where(Workshop.round_id.in_(ids), in_year)
        .group_by(Workshop.round_id)
    ):
        out[round_id].workshops = n
    for round_id, n in db.session.execute(
        select(Workshop.round_id, func.count())
        .join(WorkshopAttendance, WorkshopAttendance.workshop_id == Workshop.id)
        .join(Enrolment, Enrolment.id == WorkshopAttendance.enrolment_id)
        .join(User, User.id == Enrolment.user_id)
        .where(Workshop.round_id.in_(ids), in_year, in_scope(User.municipality_id, scope))
        .group_by(Workshop.round_id)
    ):
        out[round_id].attendance = n

    ratings: dict[int, list[int]] = defaultdict(list)
    for round_id, overall in db.session.execute(
        select(EvaluationAnswer.round_id, EvaluationAnswer.overall)
        .join(Enrolment, Enrolment.id == EvaluationAnswer.enrolment_id)
        .join(User, User.id == Enrolment.user_id)
        .where(EvaluationAnswer.round_id.in_(ids), in_scope(User.municipality_id, scope))
    ):
        ratings[round_id].append(overall)
    for round_id, figures in out.items():
        figures.evaluation = figure("overall", "overall", "all", ratings.get(round_id, []))

    ending = [r.id for r in rounds if r.ends_on.year == scope.year]
    for round_id, nomination in evaluation.winners(ending).items():
        figures = out[round_id]
        figures.winner = nomination.mentor.user.name
        figures.winner_municipality = names.get(nomination.mentor.user.municipality_id)
        figures.quote = nomination.text if nomination.quote_consent else None
    # an HR contact's table and chart: their municipality's row only
    shown = members if scope.municipality is None else [scope.municipality]
    return MentorFigures(list(out.values()), shown, len(people),
                         in_swedish_order(p for p in places if p))
