"""What the trainee programme holds about a person: export, erasure and retention purge.

Export: the trainee's own record (cohort, education, placement), attendance, outcome and
the outcome's change history (what changed and when, not who changed it).

Erasure and expiry keep what the report counts (the trainee row in its cohort and host
municipality, the outcome's category and employing municipality, the year it started,
attendance) and remove the rest: the link to the account or the imported name, education,
position, supervisor, assignment, the outcome's title and exact date, and the values in
the outcome's history. The trainee is then shown as "Borttagen trainee <id>".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import selectinload

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.privacy.register import PERSONAL
from mentorship.privacy.retention import Periods, retention_text
from mentorship.privacy.sections import Section, iso
from mentorship.search import starts_with
from mentorship.trainees.models import (
    Attendance,
    Cohort,
    Outcome,
    OutcomeChange,
    OutcomeReminder,
    Trainee,
)

ERASED = "Borttagen trainee"
# Values in the history that describe the person; category and employer stay (the report).
PERSONAL_HISTORY_FIELDS = {"position_title", "start_date"}
# The kind in the purge log (purge_log.kind holds 40 characters).
ANONYMISED = "traineeprogram: trainees anonymiserade"
# Reminders about missing outcomes (they name HR contacts by id), after the default period.
REMINDERS = "traineeprogram: utfallspåminnelser"
KINDS = (ANONYMISED, REMINDERS)



def export(user: User) -> list[Section]:
    trainee = db.session.scalar(
        select(Trainee)
        .where(Trainee.user_id == user.id)
        .options(
            selectinload(Trainee.cohort),
            selectinload(Trainee.host_municipality),
            selectinload(Trainee.business_area),
            selectinload(Trainee.attendance).selectinload(Attendance.event),
            selectinload(Trainee.outcome).selectinload(Outcome.employer_municipality),
        )
    )
    if trainee is None:
        return []
    cohort = trainee.cohort
    outcome = trainee.outcome
    retention = retention_text("trainee", trainee.host_municipality_id)
    history = db.session.scalars(
        select(OutcomeChange)
        .where(OutcomeChange.outcome_id == outcome.id)
        .order_by(OutcomeChange.changed_at, OutcomeChange.id)
    ).all() if outcome is not None else []
    return [
        Section(
            "traineeprogrammet",
            _("Du som trainee: grupp, utbildning och placering"),
            PERSONAL["trainee"]["position_title"].purpose,
            retention,
            {
                "traineegrupp": cohort.number,
                "traineeåret": [iso(cohort.start_date), iso(cohort.end_date)],
                "examen": trainee.degree,
                "ämne": trainee.field_of_study,
                "examensår": trainee.graduation_year,
                "värdkommun": trainee.host_municipality.name,
                "verksamhetsområde": trainee.business_area.name if trainee.business_area else None,
                "befattning": trainee.position_title,
                "uppdrag": trainee.assignment,
                # The supervisor is another person: named on the page Min placering only.
                "handledare_angiven": bool(trainee.supervisor_name or trainee.supervisor_email),
                "registrerad": iso(trainee.created_at),
            },
        ),
        Section(
            "traineeprogrammet-närvaro",
            _("Utbildningsdagar och studiebesök som du deltog i"),
            PERSONAL["trainee_attendance"]["trainee_id"].purpose,
            retention,
            [
                {"typ": a.event.kind, "aktivitet": a.event.title, "start": iso(a.event.starts_at)}
                for a in sorted(trainee.attendance, key=lambda a: a.event.starts_at)
            ],
        ),
        Section(
            "traineeprogrammet-utfall",
            _("Vad du gick vidare till efter traineeåret"),
            PERSONAL["trainee_outcome"]["category"].purpose,
            retention,
            [] if outcome is None else {
                "utfall": outcome.category,
                "anställande_kommun": (
                    outcome.employer_municipality.name if outcome.employer_municipality else None
                ),
                "befattning": outcome.position_title,
                "startdatum": iso(outcome.start_date),
                "senast_ändrat": iso(outcome.updated_at),
            },
        ),
        Section(
            "traineeprogrammet-utfallshistorik",
            _("Ändringar av ditt utfall"),
            f'{PERSONAL["trainee_outcome_change"]["changes"].purpose} '
            + _("Vem som ändrade står i loggen över vem som har läst eller ändrat dina "
                "uppgifter."),
            retention,
            [
                {
                    "när": iso(c.changed_at),
                    "källa": c.source,
                    "ändringar": [{"fält": f, "före": old, "efter": new}
                                  for f, old, new in c.changes],
                }
                for c in history
            ],
        ),
    ]


def _is_anonymised(trainee: Trainee) -> bool:
    return trainee.user_id is None and trainee.imported_name == f"{ERASED} {trainee.id}"


def _anonymise(trainees: list[Trainee]) -> int:
    todo = [t for t in trainees if not _is_anonymised(t)]
    for t in todo:
        t.user_id = None
        t.imported_name = f"{ERASED} {t.id}"
        t.degree = ""
        t.field_of_study = ""
        t.graduation_year = None
        t.business_area_id = None
        t.position_title = ""
        t.supervisor_name = ""
        t.supervisor_email = None
        t.assignment = ""
    ids = [t.id for t in todo]
    if not ids:
        return 0
    outcomes = db.session.scalars(select(Outcome).where(Outcome.trainee_id.in_(ids))).all()
    for outcome in outcomes:
        outcome.position_title = ""
        if outcome.start_date is not None:
            outcome.start_date = date(outcome.start_date.year, 1, 1)  # the year stays
        outcome.updated_by_id = None
    if outcomes:
        for change in db.session.scalars(
            select(OutcomeChange).where(OutcomeChange.outcome_id.in_([o.id for o in outcomes]))
        ):
            change.changed_by_id = None
            change.changes = [
                [f, "", ""] if f in PERSONAL_HISTORY_FIELDS else [f, old, new]
                for f, old, new in change.changes
            ]
    db.session.flush()
    return len(todo)


def erase(user_ids: list[int]) -> dict[str, int]:
    if not user_ids:
        return {}
    trainees = db.session.scalars(select(Trainee).where(Trainee.user_id.in_(user_ids))).all()
    n = _anonymise(list(trainees))
    return {ANONYMISED: n} if n else {}


def expire(now: datetime, periods: Periods) -> dict[str, int]:
    """Trainees whose trainee year ended longer ago than their host municipality's period."""
    rows = db.session.execute(
        select(Trainee, Cohort)
        .join(Cohort, Cohort.id == Trainee.cohort_id)
        .where(
            or_(
                Trainee.user_id.is_not(None),
                Trainee.imported_name.is_(None),
                ~starts_with(Trainee.imported_name, f"{ERASED} "),
            )
        )
        .order_by(Trainee.id)
    ).all()
    old = []
    for trainee, cohort in rows:
        ended = datetime.combine(cohort.end_date, time.min, tzinfo=UTC)
        if ended < periods.cutoff(now, trainee.host_municipality_id, "trainee"):
            old.append(trainee)
    n = _anonymise(old)
    done = {ANONYMISED: n} if n else {}
    # The reminder log spans municipalities: the programme's default period applies.
    gone = db.session.execute(delete(OutcomeReminder).where(
        OutcomeReminder.sent_at < periods.cutoff(now, None, "trainee")
    )).rowcount  # type: ignore[attr-defined]  # a DELETE gives a CursorResult; typed as Result
    if gone:
        done[REMINDERS] = gone
    return done
