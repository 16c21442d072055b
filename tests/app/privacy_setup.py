"""Shared set-up for the programme privacy tests (test_privacy_programmes.py and
test_purge_programmes.py): a filled round, the figures that must survive erasure and
purge, the trainee report."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.trainees.conftest import muni_id


def pair_of(adept_enrolment_id: int):
    from mentorship.mentoring.models import MentorPair

    return db.session.scalar(select(MentorPair).where(MentorPair.adept_id == adept_enrolment_id))


def fill_round(app, r, close: bool = False) -> dict:
    """Talks with private notes, workshop sign-ups, evaluations and a nomination."""
    from mentorship.auth.models import User
    from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination
    from mentorship.mentoring.models import (
        Enrolment,
        MentorRound,
        MentorTalk,
        Workshop,
        WorkshopAttendance,
        WorkshopSignup,
    )
    from mentorship.mentoring.rounds import services as rounds

    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        pairs = {}
        for i, adept in enumerate(r.adepts):
            pair = pair_of(adept.id)
            mentor = db.session.get(Enrolment, pair.mentor_id)
            pairs[adept.email] = (pair.id, mentor.user.email, mentor.user.name)
            db.session.add_all([
                MentorTalk(pair_id=pair.id, author_id=adept.user_id, held_on=date(2025, 10, 1),
                           minutes=60, private_note=f"Adeptens hemliga anteckning {i}"),
                MentorTalk(pair_id=pair.id, author_id=mentor.user_id, held_on=date(2025, 10, 1),
                           minutes=55, private_note=f"Mentorns hemliga anteckning {i}"),
            ])
            db.session.add(Nomination(round_id=r.id, adept_id=adept.id, mentor_id=mentor.id,
                                      text=f"Nominering från adept {i}: en mycket bra mentor.",
                                      winner=i == 0))
        workshop = db.session.scalar(
            select(Workshop).where(Workshop.round_id == r.id).order_by(Workshop.number))
        workshop.title = "Leda förändring"
        for k, person in enumerate(r.mentors + r.adepts):
            db.session.add(WorkshopSignup(workshop_id=workshop.id, enrolment_id=person.id))
            if k % 2 == 0:  # attended: a row beside the sign-up (mentorship.events)
                db.session.add(WorkshopAttendance(workshop_id=workshop.id,
                                                  enrolment_id=person.id))
            db.session.add(EvaluationAnswer(
                round_id=r.id, enrolment_id=person.id, overall=1 + k % 5, matching=2 + k % 4,
                talks=3, workshops=1 + k % 3, comment=f"Kommentar från {person.name}"))
        if close:
            admin = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
            rounds.record_transition(admin, round_, "closed")
        db.session.commit()
    return pairs


def round_figures(app, round_id: int) -> dict:
    """What the round's pages and reports count: must not change on erasure or purge."""
    from mentorship.auth.models import User
    from mentorship.mentoring.closing import evaluation
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.talks import services as talks
    from mentorship.mentoring.workshops import services as workshops

    with app.test_request_context():
        round_ = db.session.get(MentorRound, round_id)
        results = evaluation.results(round_)
        _items, people = workshops.attendance_per_person(round_)
        per_municipality = db.session.execute(
            select(User.municipality_id, Enrolment.role, func.count())
            .join(User, User.id == Enrolment.user_id)
            .where(Enrolment.round_id == round_id)
            .group_by(User.municipality_id, Enrolment.role)
            .order_by(User.municipality_id, Enrolment.role)
        ).all()
        return {
            "pairs": len(talks.pair_overview(round_)),
            "talks": sorted(row.talks for row in talks.pair_overview(round_)),
            "answers": results.answers,
            "figures": [(f.key, f.group, f.answers, f.average, f.counts) for f in results.figures],
            "attendance": sorted(p.count for p in people),
            "per_municipality": [tuple(row) for row in per_municipality],
        }


def trainee_report(app) -> list:
    from mentorship.trainees.cohorts.services import today
    from mentorship.trainees.reports.services import build_report, report_table

    with app.test_request_context():
        _header, rows = report_table(build_report(None, today()))
        return rows


def set_rule(app, municipality: str, kind: str, months: int) -> None:
    from mentorship.privacy.models import RetentionRule

    with app.app_context():
        db.session.add(RetentionRule(municipality_id=muni_id(municipality), kind=kind,
                                     months=months))
        db.session.commit()
