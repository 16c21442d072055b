"""Employment outcomes: report and change them (optimistically locked, with history),
and find the ones still missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.pagination import paginate
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from mentorship.trainees.cohorts.services import require_edit, trainee_options, visible_trainees
from mentorship.trainees.models import (
    MEMBER_CATEGORIES,
    OUTCOME_CATEGORIES,
    Cohort,
    Outcome,
    OutcomeChange,
    Trainee,
)


class OutcomeConflict(ServiceError):
    """Someone else saved the outcome after this editor loaded it."""


def conflict_message() -> str:
    return _(
        "Någon annan har ändrat utfallet medan du redigerade. Dina ändringar är inte "
        "sparade. Formuläret visar nu det som gäller; gör om din ändring om den behövs."
    )


@dataclass(frozen=True)
class OutcomeData:
    category: str
    employer_municipality_id: int | None
    position_title: str
    start_date: date | None
    version: int  # the version the editor saw; 0 when there was no outcome yet


def _validate(data: OutcomeData) -> Municipality | None:
    if data.category not in OUTCOME_CATEGORIES:
        raise ServiceError(_("Välj ett utfall."), field="category")
    if data.category in MEMBER_CATEGORIES:
        if not data.employer_municipality_id:
            raise ServiceError(
                _("Välj den medlemskommun som anställer."), field="employer_municipality_id"
            )
        employer = db.session.get(Municipality, data.employer_municipality_id)
        if employer is None:
            raise ServiceError(_("Välj en kommun i listan."), field="employer_municipality_id")
        return employer
    return None


def _values(outcome: Outcome | None) -> dict[str, str]:
    if outcome is None:
        return {"category": "", "employer": "", "position_title": "", "start_date": ""}
    return {
        "category": outcome.category,
        "employer": outcome.employer_municipality.name if outcome.employer_municipality else "",
        "position_title": outcome.position_title or "",
        "start_date": outcome.start_date.isoformat() if outcome.start_date else "",
    }


def report_outcome(
    actor: User | None, trainee: Trainee, data: OutcomeData, source: str = "form"
) -> Outcome:
    """Create or change the trainee's outcome. `actor` None is the system (import, demo)."""
    if actor is not None:
        require_edit(actor, trainee)
    employer = _validate(data)
    outcome = trainee.outcome
    current_version = outcome.version if outcome is not None else 0
    if data.version != current_version:
        raise OutcomeConflict(conflict_message())
    before = _values(outcome)
    new = {
        "category": data.category,
        "employer": employer.name if employer else "",
        "position_title": data.position_title.strip() if data.category != "unknown" else "",
        "start_date": data.start_date.isoformat() if data.start_date else "",
    }
    changes = [[k, before[k], new[k]] for k in before if before[k] != new[k]]
    if not changes:
        return outcome  # type: ignore[return-value]
    created = outcome is None
    with db.session.no_autoflush:  # one flush below, where a stale version is caught
        if outcome is None:
            outcome = Outcome(trainee=trainee)
            db.session.add(outcome)
        outcome.category = data.category
        outcome.employer_municipality = employer
        outcome.position_title = new["position_title"]
        outcome.start_date = data.start_date
        outcome.updated_at = utcnow()
        outcome.updated_by_id = actor.id if actor else None
        db.session.add(
            OutcomeChange(
                outcome=outcome,
                changed_by_id=actor.id if actor else None,
                source=source,
                changes=changes,
            )
        )
    try:
        db.session.flush()
    except StaleDataError:
        # Saved by someone else between our read and our write (version_id_col).
        db.session.rollback()
        raise OutcomeConflict(conflict_message()) from None
    except IntegrityError:
        if not created:
            raise
        # Two first reports at the same moment: the other one's row won (unique trainee).
        db.session.rollback()
        raise OutcomeConflict(conflict_message()) from None
    return outcome


def history(outcome: Outcome | None) -> list[OutcomeChange]:
    if outcome is None:
        return []
    return list(
        db.session.scalars(
            select(OutcomeChange)
            .where(OutcomeChange.outcome_id == outcome.id)
            .options(joinedload(OutcomeChange.changed_by))
            .order_by(OutcomeChange.changed_at.desc(), OutcomeChange.id.desc())
        )
    )


def ended_cohort_ids(today: date) -> list[int]:
    cohorts = db.session.scalars(select(Cohort)).all()
    return [c.id for c in cohorts if c.finished(today)]


def missing_outcomes(actor: User, today: date) -> list[Trainee]:
    """Trainees of ended cohorts without an outcome that the actor should report."""
    ended = ended_cohort_ids(today)
    if not ended or not (actor.is_admin or actor.is_hr):
        return []
    # Without an outcome, an HR contact's visible trainees are those placed with them.
    query = (
        visible_trainees(actor)
        .where(Trainee.cohort_id.in_(ended), ~Trainee.outcome.has())
        .options(*trainee_options())
        .join(Trainee.cohort)
        .order_by(Cohort.number, Trainee.id)
    )
    return list(db.session.scalars(query).unique())


def outcome_rows(actor: User, today: date, cohort_id: int | None = None) -> list[Trainee]:
    """Trainees of ended cohorts (or of one cohort) the actor may see, with their outcome."""
    return list(db.session.scalars(_outcome_query(actor, today, cohort_id)).unique())


def outcome_rows_page(
    actor: User, today: date, cohort_id: int | None, page: int, page_size: int
) -> Pagination:
    """One page of `outcome_rows` for the list (the export takes them all)."""
    return paginate(_outcome_query(actor, today, cohort_id), page, page_size)


def _outcome_query(actor: User, today: date, cohort_id: int | None) -> Select:
    query = visible_trainees(actor).options(
        *trainee_options(), selectinload(Trainee.outcome).joinedload(Outcome.updated_by)
    )
    if cohort_id:
        query = query.where(Trainee.cohort_id == cohort_id)
    else:
        query = query.where(Trainee.cohort_id.in_(ended_cohort_ids(today) or [-1]))
    return query.join(Trainee.cohort).order_by(Cohort.number.desc(), Trainee.id)
