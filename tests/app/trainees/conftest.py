"""Fixtures for the trainee programme: a small world with a finished and a running cohort."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest


def muni_id(name: str) -> int:
    from sqlalchemy import select

    from mentorship.extensions import db
    from mentorship.reference.models import Municipality

    return db.session.scalar(select(Municipality.id).where(Municipality.name == name))


def placement(host: str, title: str = "utredare", **overrides) -> object:
    from mentorship.trainees.cohorts.services import PlacementData

    values = dict(
        host_municipality_id=muni_id(host),
        business_area_id=None,
        position_title=title,
        supervisor_name="Handledare",
        supervisor_email=None,
        assignment="Ett uppdrag.",
        degree="Kandidatexamen",
        field_of_study="statsvetenskap",
        graduation_year=2022,
    )
    values.update(overrides)
    return PlacementData(**values)


@pytest.fixture
def world(app, make_user):
    """Cohort 17 (ended) with trainees in Bjuv (2) and Helsingborg (1), cohort 18 (running)
    with one in Bjuv. An admin and HR contacts in Bjuv and Helsingborg exist (not logged in)."""
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import (
        CohortData,
        NewTrainee,
        register_trainee,
        save_cohort,
    )

    admin = make_user("boss@example.org", roles=("admin",))
    hr_bjuv = make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    hr_hbg = make_user("hr.hbg@example.org", roles=("hr",), municipality="Helsingborg")
    today = date.today()
    # A request context: the invitation e-mail is rendered in the user's language.
    with app.test_request_context():
        actor = db.session.get(User, admin.id)
        c17 = save_cohort(actor, CohortData(17, today - timedelta(days=500), 12))
        c18 = save_cohort(actor, CohortData(18, today - timedelta(days=120), 12))
        t1 = register_trainee(
            actor,
            NewTrainee(
                c17.id, "Elsa Lund", "elsa@example.org", placement("Bjuv", "nämndsekreterare")
            ),
        )
        t2 = register_trainee(
            actor, NewTrainee(c17.id, "Hugo Lind", "hugo@example.org", placement("Bjuv", "ekonom"))
        )
        t3 = register_trainee(
            actor,
            NewTrainee(
                c17.id,
                "Nora Ibrahim",
                "nora@example.org",
                placement("Helsingborg", "folkhälsostrateg"),
            ),
        )
        t4 = register_trainee(
            actor,
            NewTrainee(
                c18.id, "Selma Hedlund", "selma@example.org", placement("Bjuv", "GIS-ingenjör")
            ),
        )
        ids = SimpleNamespace(
            c17=c17.id,
            c18=c18.id,
            bjuv1=t1.id,
            bjuv2=t2.id,
            hbg=t3.id,
            running=t4.id,
            bjuv1_user=t1.user_id,
            running_user=t4.user_id,
        )
        # trainee accounts get a password so they can log in
        hashed = db.session.get(User, admin.id).password_hash
        for user in db.session.scalars(select(User).where(User.password_hash.is_(None))):
            user.password_hash = hashed
        db.session.commit()
    return SimpleNamespace(admin=admin, hr_bjuv=hr_bjuv, hr_hbg=hr_hbg, **vars(ids))


@pytest.fixture
def report_outcome(app):
    """report_outcome(trainee_id, category, employer=None, actor_email=None)"""
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee
    from mentorship.trainees.outcomes.services import OutcomeData
    from mentorship.trainees.outcomes.services import report_outcome as report

    def do(trainee_id: int, category: str, employer: str | None = None, title: str = "utredare"):
        with app.app_context():
            trainee = db.session.get(Trainee, trainee_id)
            actor = db.session.scalar(select(User).where(User.email == "boss@example.org"))
            version = trainee.outcome.version if trainee.outcome else 0
            report(
                actor,
                trainee,
                OutcomeData(
                    category,
                    muni_id(employer) if employer else None,
                    title,
                    date(2024, 9, 1),
                    version,
                ),
            )
            db.session.commit()

    return do
