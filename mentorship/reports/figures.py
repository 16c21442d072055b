"""Every figure of a year's report, counted from the data in a fixed number of queries.

Admins get the cooperation's figures; an HR contact gets their municipality's version:
the managers from their municipality (and the pairs, talks and answers they take part in),
the trainees placed there, the networks their municipality has joined. Names of
participants and trainees are never read here; the only name is Årets mentor's. Evaluation
and survey figures go through the evaluation's suppression (`_figure`, `MIN_ANSWERS`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.closing.evaluation import Figure, _figure
from mentorship.mentoring.models import (
    DRAFT,
    Enrolment,
    EvaluationAnswer,
    MentorPair,
    MentorRound,
    MentorTalk,
    Workshop,
    WorkshopAttendance,
)
from mentorship.networks import survey as network_survey
from mentorship.networks.models import (
    ACTIVE,
    CLOSED,
    STARTING,
    STATUSES,
    YES,
    Network,
    NetworkMunicipality,
    NetworkPlan,
    NetworkSurvey,
)
from mentorship.networks.survey import NetworkResult
from mentorship.reference.models import Municipality
from mentorship.reports.words import in_swedish_order
from mentorship.timezones import day_start
from mentorship.trainees.models import (
    PERMANENT_MEMBER,
    STUDY_VISIT,
    TRAINING_DAY,
    Cohort,
    GroupProject,
    Outcome,
    Trainee,
    TraineeEvent,
)
from mentorship.trainees.reports.services import Line, build_report


@dataclass(frozen=True)
class Scope:
    year: int
    municipality_id: int | None  # None: the whole cooperation
    municipality: str | None
    admin: bool

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)


def scope_for(actor: User | None, year: int) -> Scope:
    """An admin, or the operator's command (no actor), gets the cooperation's figures."""
    if actor is None or actor.is_admin:
        return Scope(year, None, None, True)
    return Scope(year, actor.municipality_id, actor.municipality.name, False)


# --- the mentor programme ------------------------------------------------------------------


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


def _in_scope(user_municipality, scope: Scope):
    return True if scope.municipality_id is None else user_municipality == scope.municipality_id


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
        .where(Enrolment.round_id.in_(ids), _in_scope(User.municipality_id, scope))
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
        .where(Workshop.round_id.in_(ids), in_year, _in_scope(User.municipality_id, scope))
        .group_by(Workshop.round_id)
    ):
        out[round_id].attendance = n

    ratings: dict[int, list[int]] = defaultdict(list)
    for round_id, overall in db.session.execute(
        select(EvaluationAnswer.round_id, EvaluationAnswer.overall)
        .join(Enrolment, Enrolment.id == EvaluationAnswer.enrolment_id)
        .join(User, User.id == Enrolment.user_id)
        .where(EvaluationAnswer.round_id.in_(ids), _in_scope(User.municipality_id, scope))
    ):
        ratings[round_id].append(overall)
    for round_id, figures in out.items():
        figures.evaluation = _figure("overall", "overall", "all", ratings.get(round_id, []))

    ending = [r.id for r in rounds if r.ends_on.year == scope.year]
    for round_id, nomination in evaluation.winners(ending).items():
        figures = out[round_id]
        figures.winner = nomination.mentor.user.name
        figures.winner_municipality = names.get(nomination.mentor.user.municipality_id)
        figures.quote = nomination.text if nomination.quote_consent else None
    return MentorFigures(list(out.values()), members, len(people),
                         in_swedish_order(p for p in places if p))


# --- the trainee programme -----------------------------------------------------------------


@dataclass
class CohortFigures:
    id: int
    number: int
    start_date: date
    end_date: date
    trainees: int = 0
    hosts: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # the placements' titles
    reported: int = 0
    permanent: int = 0
    permanent_places: list[str] = field(default_factory=list)
    permanent_roles: list[str] = field(default_factory=list)
    assignment: str = ""
    result: str = ""
    presented_where: str = ""


@dataclass
class TraineeFigures:
    ended: list[CohortFigures]
    started: list[CohortFigures]
    training_days: int
    study_visits: int
    visited: list[str]  # host municipalities of the year's study visits, a to ö
    members: list[str]
    history: list[Line]  # outcomes per cohort, every cohort ended by the year's end
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)  # seat lat, lon

    @property
    def coverage(self) -> list[tuple[str, bool]]:
        visited = set(self.visited)
        return [(m, m in visited) for m in self.members]


def _roles(titles: list[str]) -> list[str]:
    """Distinct titles in the order they were given, lower case as in running text."""
    seen: dict[str, str] = {}
    for title in titles:
        text = title.strip()
        if text and text.casefold() not in seen:
            # "Ekonom" -> "ekonom" in running text; "HR-utvecklare" and "GIS-ingenjör" stay
            lower = text[0].lower() + text[1:] if text[1:2].islower() else text
            seen[text.casefold()] = lower
    return list(seen.values())


def trainee_figures(actor: User | None, scope: Scope, members: list[str]) -> TraineeFigures:
    cohorts = list(db.session.scalars(select(Cohort).order_by(Cohort.number)))
    ended = [c for c in cohorts if c.end_date.year == scope.year]
    started = [c for c in cohorts if c.start_date.year == scope.year]
    out = {c.id: CohortFigures(c.id, c.number, c.start_date, c.end_date)
           for c in ended + started}
    names = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    query = (
        select(Trainee.cohort_id, Trainee.host_municipality_id, Trainee.position_title,
               Outcome.category, Outcome.employer_municipality_id, Outcome.position_title)
        .outerjoin(Outcome, Outcome.trainee_id == Trainee.id)
        .where(Trainee.cohort_id.in_(list(out)))
        .order_by(Trainee.id)
    )
    if scope.municipality_id is not None:
        query = query.where(Trainee.host_municipality_id == scope.municipality_id)
    hosts: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    places: dict[int, list[str]] = defaultdict(list)
    new_roles: dict[int, list[str]] = defaultdict(list)
    for cohort_id, host, title, category, employer, new_title in db.session.execute(query):
        figures = out[cohort_id]
        figures.trainees += 1
        figures.reported += category is not None
        hosts[cohort_id].append(names.get(host, ""))
        roles[cohort_id].append(title)
        if category == PERMANENT_MEMBER:
            figures.permanent += 1
            places[cohort_id].append(names.get(employer or 0, ""))
            new_roles[cohort_id].append(new_title)
    for cohort_id, figures in out.items():
        figures.hosts = in_swedish_order(hosts[cohort_id])
        figures.roles = _roles(roles[cohort_id])
        figures.permanent_places = in_swedish_order(p for p in places[cohort_id] if p)
        figures.permanent_roles = _roles(new_roles[cohort_id])
    for project in db.session.scalars(
        select(GroupProject).where(GroupProject.cohort_id.in_(list(out)))
    ):
        figures = out[project.cohort_id]
        figures.assignment = project.assignment.strip()
        figures.result = project.result.strip()
        figures.presented_where = project.presented_where.strip()

    kinds: Counter[str] = Counter()
    visited: set[str] = set()
    for kind, event_host in db.session.execute(
        select(TraineeEvent.kind, TraineeEvent.host_municipality_id).where(
            TraineeEvent.starts_at >= day_start(scope.first),
            TraineeEvent.starts_at < day_start(date(scope.year + 1, 1, 1)),
        )
    ):
        kinds[kind] += 1
        if kind == STUDY_VISIT and event_host is not None:
            visited.add(names.get(event_host, ""))
    history = build_report(actor, scope.last).by_cohort
    positions = {
        name: (lat, lon) for name, lat, lon in db.session.execute(
            select(Municipality.name, Municipality.latitude, Municipality.longitude)
            .where(Municipality.active.is_(True))
        ) if lat is not None and lon is not None
    }
    return TraineeFigures(
        ended=[out[c.id] for c in ended],
        started=[out[c.id] for c in started],
        training_days=kinds[TRAINING_DAY],
        study_visits=kinds[STUDY_VISIT],
        visited=in_swedish_order(visited),
        members=members,
        history=history,
        positions=positions,
    )


# --- the network register ------------------------------------------------------------------


@dataclass
class NetworkFigures:
    by_field: list[tuple[str, int, dict[str, int]]]  # (field, field id, status -> count)
    totals: dict[str, int]
    purposes: list[tuple[int, str, str]]  # (network id, name, purpose), a to ö
    surveys: list[tuple[NetworkSurvey, NetworkResult, int]]  # (survey, overall, networks)

    @property
    def networks(self) -> int:
        return sum(self.totals.values())


def status_at_year_end(network: Network, last: date) -> str | None:
    """The network's status on 31 December (None: it did not exist that year)."""
    began = network.activated_on or network.created_at.date()
    if network.closed_on is not None and network.closed_on < date(last.year, 1, 1):
        return None
    if began > last and (network.activated_on is None or network.activated_on > last):
        return None
    if network.closed_on is not None and network.closed_on <= last:
        return CLOSED
    if network.activated_on is not None and network.activated_on <= last:
        return ACTIVE
    return STARTING


def network_figures(scope: Scope) -> NetworkFigures:
    query = select(Network)
    if scope.municipality_id is not None:
        query = query.where(Network.id.in_(
            select(NetworkMunicipality.network_id).where(
                NetworkMunicipality.municipality_id == scope.municipality_id,
                NetworkMunicipality.answer == YES,
            )
        ))
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    existing: dict[int, str] = {}
    for network in db.session.scalars(query):
        status = status_at_year_end(network, scope.last)
        if status is None:
            continue
        counts[(network.field.name, network.field_id)][status] += 1
        existing[network.id] = network.name
    totals = {s: sum(c[s] for c in counts.values()) for s in STATUSES}
    by_field = sorted(
        ((name, field_id, {s: c[s] for s in STATUSES}) for (name, field_id), c in counts.items()),
        key=lambda row: swedish_key(row[0]),
    )
    plans = db.session.execute(
        select(NetworkPlan.network_id, NetworkPlan.purpose)
        .where(NetworkPlan.year == scope.year, NetworkPlan.network_id.in_(list(existing)))
    ).all()
    order = {name: i for i, name in enumerate(in_swedish_order(existing.values()))}
    purposes = sorted(
        ((nid, existing[nid], purpose.strip()) for nid, purpose in plans if purpose.strip()),
        key=lambda row: order[row[1]],
    )
    surveys = []
    for item in db.session.scalars(
        select(NetworkSurvey)
        .where(NetworkSurvey.opened_on >= scope.first, NetworkSurvey.opened_on <= scope.last)
        .order_by(NetworkSurvey.opened_on)
    ):
        results = network_survey.results(item)
        overall = results[0]
        surveys.append((item, overall, len(results) - 1))
    return NetworkFigures(by_field, totals, purposes, surveys)


# --- the year --------------------------------------------------------------------------------


@dataclass
class YearFigures:
    scope: Scope
    members: list[str]
    mentor: MentorFigures
    trainee: TraineeFigures
    network: NetworkFigures


def member_names() -> list[str]:
    return in_swedish_order(
        db.session.scalars(select(Municipality.name).where(Municipality.active.is_(True)))
    )


def year_figures(actor: User | None, year: int) -> YearFigures:
    scope = scope_for(actor, year)
    members = member_names()
    return YearFigures(
        scope,
        members,
        mentor_figures(scope, members),
        trainee_figures(actor, scope, members),
        network_figures(scope),
    )
