"""Demo data for the year's report: what makes the demo's report year read like the
cooperation's annual report (the programmes' other demo steps have made the rest).

- The winning nomination of the round that ended that year agreed to be quoted.
- The trainee group that ended that year had its training days and its study visits to the
  member municipalities the newer group has not visited, so that the year's study visits
  reach all of them.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, time, timedelta

from flask import current_app, has_request_context
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.mentoring.closing_models import Nomination
from mentorship.mentoring.models import MentorRound
from mentorship.reference.models import Municipality
from mentorship.timezones import combine, day_start
from mentorship.trainees.events.services import EventData, save_event, set_attendance
from mentorship.trainees.models import STUDY_VISIT, TRAINING_DAY, Cohort, TraineeEvent

TRAINING = ("Projektledning", "Svåra samtal", "Ledarskap i offentlig sektor")


def report_year(today: date) -> int:
    """The year the report page opens on (reports.services.default_year, which the demo
    may not import): this year from July, last year before."""
    return today.year if today.month >= 7 else today.year - 1


def _consent_to_quote(year: int) -> int:
    rounds = select(MentorRound.id).where(MentorRound.ends_on >= date(year, 1, 1),
                                          MentorRound.ends_on <= date(year, 12, 31))
    changed = 0
    for nomination in db.session.scalars(
        select(Nomination).where(Nomination.round_id.in_(rounds), Nomination.winner.is_(True))
    ):
        if not nomination.quote_consent:
            nomination.quote_consent = True
            changed += 1
    return changed


def _events_of_ended_group(year: int, today: date) -> int:
    cohort = next((c for c in db.session.scalars(select(Cohort).order_by(Cohort.number))
                   if c.end_date.year == year), None)
    if cohort is None or cohort.events:
        return 0
    visited = set(db.session.scalars(
        select(TraineeEvent.host_municipality_id).where(
            TraineeEvent.kind == STUDY_VISIT,
            TraineeEvent.starts_at >= day_start(date(year, 1, 1)),
            TraineeEvent.starts_at < day_start(date(year + 1, 1, 1)),
        )
    ))
    missing = [m for m in db.session.scalars(
        select(Municipality).where(Municipality.active.is_(True)).order_by(Municipality.code)
    ) if m.id not in visited]
    first = max(date(year, 1, 12), cohort.start_date + timedelta(days=14))
    last = min(cohort.end_date - timedelta(days=21), today)
    step = max(7, (last - first).days // max(1, len(missing) + len(TRAINING)))
    plans = [EventData(TRAINING_DAY, title, combine(first + timedelta(days=step * k), time(9)),
                       combine(first + timedelta(days=step * k), time(16)), "Helsingborg",
                       None) for k, title in enumerate(TRAINING)]
    plans += [EventData(STUDY_VISIT, f"Studiebesök i {m.name}",
                        combine(first + timedelta(days=step * (k + len(TRAINING))), time(9)),
                        combine(first + timedelta(days=step * (k + len(TRAINING))), time(15)),
                        "Kommunhuset", m.id) for k, m in enumerate(missing)]
    trainees = list(cohort.trainees)
    for data in plans:
        event = save_event(None, cohort, data)
        set_attendance(None, event, {t.id for i, t in enumerate(trainees) if (i + event.id) % 6})
    return len(plans)


def demo_report(password: str) -> str:  # noqa: ARG001 (no accounts of its own)
    ctx = nullcontext() if has_request_context() else current_app.test_request_context()
    with ctx:
        today = date.today()
        year = report_year(today)
        quotes = _consent_to_quote(year)
        events = _events_of_ended_group(year, today)
        db.session.flush()
    return (f"året i siffror {year}: {quotes} nominering får citeras, "
            f"{events} nya utbildningsdagar och studiebesök")
