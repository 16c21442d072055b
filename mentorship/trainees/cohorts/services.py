"""Cohorts, trainees and placements: scoped loading and the use cases that change them.

Scope: admins see everything; an HR contact sees trainees placed in their municipality
or employed there (their outcome), and edits only those placed there; a participant
sees only themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from mentorship.access import PARTICIPANT
from mentorship.auth.models import User, UserRole
from mentorship.auth.services import NewUser, create_user, send_invitation
from mentorship.extensions import db
from mentorship.people import gate
from mentorship.reference.models import BusinessArea, Municipality
from mentorship.refusals import ServiceError, require_admin
from mentorship.trainees.models import Cohort, Outcome, Trainee


def today() -> date:
    return date.today()


# --- scoping -----------------------------------------------------------------------------


def visible_trainees(actor: User) -> Select:
    query = select(Trainee)
    if actor.is_admin:
        return query
    if actor.is_hr:
        mid = actor.municipality_id
        return query.where(
            or_(
                Trainee.host_municipality_id == mid,
                Trainee.outcome.has(Outcome.employer_municipality_id == mid),
            ),
            ~gate.outranks(actor, Trainee.user_id),  # never an admin's record (the gate)
        )
    return query.where(Trainee.user_id == actor.id)


def trainee_options() -> tuple[Any, ...]:
    """What a trainee page or list shows, loaded in a fixed number of queries."""
    return (
        joinedload(Trainee.user),
        joinedload(Trainee.host_municipality),
        joinedload(Trainee.business_area),
        joinedload(Trainee.cohort),
        selectinload(Trainee.outcome).joinedload(Outcome.employer_municipality),
    )


def get_trainee(actor: User, trainee_id: int) -> Trainee | None:
    return db.session.scalar(
        visible_trainees(actor).where(Trainee.id == trainee_id).options(*trainee_options())
    )


def can_edit(actor: User, trainee: Trainee) -> bool:
    """Placement and outcome: admins, and the HR contact of the host municipality, never
    of a trainee whose account they may not touch (the account gate)."""
    if actor.is_admin:
        return True
    if not actor.is_hr or trainee.host_municipality_id != actor.municipality_id:
        return False
    # An imported trainee has a name only; an account must be one the HR contact may touch.
    return trainee.user is None or gate.may_manage(actor, trainee.user,
                                                   trainee.host_municipality_id)


def require_edit(actor: User, trainee: Trainee) -> None:
    if not can_edit(actor, trainee):
        raise ServiceError(_("Bara värdkommunens HR-kontakt eller en administratör kan ändra."))


def own_trainee(actor: User) -> Trainee | None:
    return db.session.scalar(
        select(Trainee).where(Trainee.user_id == actor.id).options(*trainee_options())
    )


def get_cohort(actor: User, cohort_id: int) -> Cohort | None:
    """Admins and HR contacts see every cohort (not personal); a trainee their own."""
    query = select(Cohort).where(Cohort.id == cohort_id)
    if not (actor.is_admin or actor.is_hr):
        query = query.where(Cohort.trainees.any(Trainee.user_id == actor.id))
    return db.session.scalar(query)


def list_cohorts() -> list[Cohort]:
    return list(db.session.scalars(select(Cohort).order_by(Cohort.number.desc())))


def trainee_counts(actor: User) -> dict[int, int]:
    """Visible trainees per cohort id, one query."""
    sub = visible_trainees(actor).subquery()
    rows = db.session.execute(select(sub.c.cohort_id, func.count()).group_by(sub.c.cohort_id))
    return {cohort_id: n for cohort_id, n in rows}


def cohort_trainees(actor: User, cohort: Cohort) -> list[Trainee]:
    return list(
        db.session.scalars(
            visible_trainees(actor)
            .where(Trainee.cohort_id == cohort.id)
            .options(*trainee_options())
            .order_by(Trainee.id)
        ).unique()
    )


# --- cohorts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortData:
    number: int
    start_date: date
    length_months: int = 12


def save_cohort(actor: User | None, data: CohortData, cohort: Cohort | None = None) -> Cohort:
    """A new cohort, or `cohort` changed: an admin's (`actor` None: the system, a test's
    set-up; the demo and the import of earlier cohorts write theirs themselves)."""
    require_admin(actor)
    if data.number < 1:
        raise ServiceError(_("Gruppnumret är ett positivt heltal."), field="number")
    if not 1 <= data.length_months <= 36:
        raise ServiceError(_("Längden är mellan 1 och 36 månader."), field="length_months")
    clash = db.session.scalar(select(Cohort).where(Cohort.number == data.number))
    if clash is not None and clash is not cohort:
        raise ServiceError(_("Traineegrupp %(n)s finns redan.", n=data.number), field="number")
    if cohort is None:
        cohort = Cohort()
        db.session.add(cohort)
    cohort.number = data.number
    cohort.start_date = data.start_date
    cohort.length_months = data.length_months
    db.session.flush()
    return cohort


# --- trainees and placements ---------------------------------------------------------------


@dataclass(frozen=True)
class PlacementData:
    host_municipality_id: int
    business_area_id: int | None
    position_title: str
    supervisor_name: str
    supervisor_email: str | None
    assignment: str
    degree: str
    field_of_study: str
    graduation_year: int | None


@dataclass(frozen=True)
class NewTrainee:
    cohort_id: int
    name: str
    email: str
    placement: PlacementData


def _check_placement(actor: User, data: PlacementData) -> None:
    if not actor.is_admin and data.host_municipality_id != actor.municipality_id:
        raise ServiceError(
            _("Du kan bara registrera placeringar i din egen kommun."), "host_municipality_id"
        )
    municipality = db.session.get(Municipality, data.host_municipality_id)
    if municipality is None or not municipality.active:
        raise ServiceError(_("Välj en kommun i listan."), field="host_municipality_id")
    if data.business_area_id is not None:
        area = db.session.get(BusinessArea, data.business_area_id)
        if area is None:
            raise ServiceError(_("Välj ett verksamhetsområde i listan."), "business_area_id")
    if not data.position_title.strip():
        raise ServiceError(_("Fyll i befattningen."), field="position_title")
    if data.graduation_year is not None and not 1950 <= data.graduation_year <= 2100:
        raise ServiceError(_("Skriv examensåret med fyra siffror."), field="graduation_year")


def _apply_placement(trainee: Trainee, data: PlacementData) -> None:
    trainee.host_municipality_id = data.host_municipality_id
    trainee.business_area_id = data.business_area_id
    trainee.position_title = data.position_title.strip()
    trainee.supervisor_name = data.supervisor_name.strip()
    trainee.supervisor_email = (data.supervisor_email or "").strip() or None
    trainee.assignment = data.assignment.strip()
    trainee.degree = data.degree.strip()
    trainee.field_of_study = data.field_of_study.strip()
    trainee.graduation_year = data.graduation_year


def register_trainee(actor: User, cmd: NewTrainee) -> Trainee:
    """A trainee with their placement; the person gets a participant account (invited)."""
    if not (actor.is_admin or actor.is_hr):
        raise ServiceError(_("Du får inte registrera trainees."))
    cohort = db.session.get(Cohort, cmd.cohort_id)
    if cohort is None:
        raise ServiceError(_("Välj en traineegrupp."), field="cohort_id")
    _check_placement(actor, cmd.placement)
    user = gate.account_by_email(actor, cmd.email)
    if user is None:
        user = create_user(actor,
            NewUser(cmd.email, cmd.name.strip(), cmd.placement.host_municipality_id, (PARTICIPANT,))
        )
        send_invitation(actor, user, _l("traineegrupp %(n)s av traineeprogrammet",
                                         n=cohort.number))
    else:
        if db.session.scalar(select(Trainee.id).where(Trainee.user_id == user.id)):
            raise ServiceError(_("Personen är redan registrerad som trainee."), field="email")
        if PARTICIPANT not in user.role_names:
            user.roles.append(UserRole(role=PARTICIPANT))
    trainee = Trainee(cohort_id=cohort.id, user_id=user.id)
    _apply_placement(trainee, cmd.placement)
    db.session.add(trainee)
    db.session.flush()
    return trainee


def update_placement(actor: User, trainee: Trainee, data: PlacementData) -> None:
    require_edit(actor, trainee)
    _check_placement(actor, data)
    _apply_placement(trainee, data)
    db.session.flush()
