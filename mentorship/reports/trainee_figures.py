"""The trainee programme's figures of a year: the groups that ended and started, their
placements, outcomes and projects, the year's training days and study visits, and the
outcomes per group since the start (the outcome report's own numbers)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.reports.scope import Scope
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


def running_text(text: str) -> str:
    """"Ekonom" -> "ekonom" inside a sentence; "HR-utvecklare" and "GIS-ingenjör" stay."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _roles(titles: list[str]) -> list[str]:
    """Distinct titles in the order they were given, lower case as in running text."""
    seen: dict[str, str] = {}
    for title in titles:
        text = title.strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = running_text(text)
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
        figures.presented_where = running_text(project.presented_where.strip())

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
