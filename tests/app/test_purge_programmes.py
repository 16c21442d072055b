"""Retention in the mentor and trainee programmes: `gdpr purge` expires what has passed each
municipality's period, keeps the round's figures and the trainee report as they were, and
does nothing more when run again.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from mentorship.auth.models import ERASED_NAME
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mentoring import privacy as mentoring_privacy
from mentorship.trainees import privacy as trainee_privacy
from tests.app.mentoring.conftest import admin_user, build_round, password_hash  # noqa: F401
from tests.app.privacy_setup import fill_round, round_figures, set_rule, trainee_report
from tests.app.trainees.conftest import muni_id, report_outcome, world  # noqa: F401


def test_purge_log_kinds_fit_the_column():
    from mentorship.mentoring import privacy as mentoring
    from mentorship.networks import privacy as networks
    from mentorship.privacy.models import PurgeLog
    from mentorship.trainees import privacy as trainees

    width = PurgeLog.__table__.c.kind.type.length
    for kind in mentoring.KINDS + trainees.KINDS + networks.KINDS:
        assert len(kind) <= width, kind


# --- retention purge -----------------------------------------------------------------------


def _age_round(app, round_id: int, days: int) -> None:
    from mentorship.mentoring.models import RoundTransition

    with app.app_context():
        for t in db.session.scalars(
            select(RoundTransition).where(RoundTransition.round_id == round_id)
        ):
            t.at = utcnow() - timedelta(days=days)
        db.session.commit()


def test_purge_expires_old_closed_rounds_per_municipality_and_is_idempotent(
    app, runner, build_round, password_hash  # noqa: F811
):
    from mentorship.auth.models import User
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorTalk, RoundTransition
    from mentorship.privacy.models import PurgeLog

    old = build_round(pairs=3, state="running", password_hash=password_hash, name="Gammal")
    fill_round(app, old, close=True)
    _age_round(app, old.id, 3 * 365)  # closed three years ago: past the default 24 months
    recent = build_round(pairs=3, state="running", password_hash=password_hash, name="Ny")
    fill_round(app, recent, close=True)
    # mentor0 is in Bjuv, which keeps mentor programme data for 20 years
    set_rule(app, "Bjuv", "mentor_round", 240)
    before_old, before_recent = round_figures(app, old.id), round_figures(app, recent.id)

    first = runner.invoke(args=["gdpr", "purge"])
    assert first.exit_code == 0, first.output
    assert f"{mentoring_privacy.ANONYMISED}: 5" in first.output  # the kind's count

    assert round_figures(app, old.id) == before_old
    assert round_figures(app, recent.id) == before_recent
    with app.app_context():
        def enrolment_of(round_id, email):
            return db.session.scalar(
                select(Enrolment).join(User, User.id == Enrolment.user_id).where(
                    Enrolment.round_id == round_id, User.email == email))

        # the old round is no longer linked to the people's accounts (except Bjuv's)
        assert enrolment_of(old.id, "adept0@example.org") is None
        assert enrolment_of(old.id, "mentor0@example.org").business_area != ""
        assert enrolment_of(recent.id, "adept0@example.org").business_area != ""
        kept = db.session.get(Enrolment, old.adepts[0].id)
        assert kept.business_area == "" and kept.user.name == ERASED_NAME
        assert kept.user.is_erased  # so the people list leaves it out
        assert not kept.user.active and kept.user.municipality_id == (
            db.session.get(User, old.adepts[0].user_id).municipality_id)
        old_notes = db.session.scalars(
            select(MentorTalk.private_note).join(MentorPair, MentorPair.id == MentorTalk.pair_id)
            .where(MentorPair.round_id == old.id)).all()
        assert not any("Adeptens hemliga" in n for n in old_notes)
        assert sum("Mentorns hemliga" in n for n in old_notes) == 1  # Bjuv's mentor keeps it
        assert db.session.scalar(select(RoundTransition.actor_id).where(
            RoundTransition.round_id == old.id, RoundTransition.actor_id.is_not(None))) is None
        logged = dict(db.session.execute(
            select(PurgeLog.kind, PurgeLog.count).where(PurgeLog.reason == "retention")).all())
        assert logged[mentoring_privacy.ANONYMISED] == 5
        assert logged[mentoring_privacy.TRACES] >= 1
        done = db.session.scalar(
            select(func.count()).select_from(PurgeLog).where(PurgeLog.count > 0))

    second = runner.invoke(args=["gdpr", "purge"])
    assert second.exit_code == 0 and not re.search(r": \d", second.output), second.output
    assert round_figures(app, old.id) == before_old
    with app.app_context():
        assert db.session.scalar(  # the second run removed nothing
            select(func.count()).select_from(PurgeLog).where(PurgeLog.count > 0)) == done


def test_purge_expires_old_trainee_data_per_host_municipality_and_is_idempotent(
    app, runner, world, report_outcome  # noqa: F811
):
    from mentorship.privacy.models import PurgeLog
    from mentorship.trainees.models import Trainee

    report_outcome(world.bjuv1, "permanent_member", "Bjuv", title="nämndsekreterare")
    report_outcome(world.hbg, "employed_outside", None, title="konsult")
    before = trainee_report(app)
    # Cohort 17 ended about four months ago: past Bjuv's 1 month, not the default 60.
    set_rule(app, "Bjuv", "trainee", 1)
    first = runner.invoke(args=["gdpr", "purge"])
    assert f"{trainee_privacy.ANONYMISED}: 2" in first.output, first.output
    assert trainee_report(app) == before
    with app.app_context():
        by_id = {t.id: t for t in db.session.scalars(select(Trainee))}
        assert by_id[world.bjuv1].user_id is None and by_id[world.bjuv2].user_id is None
        assert by_id[world.bjuv1].position_title == ""
        assert by_id[world.hbg].name == "Nora Ibrahim"  # Helsingborg: default period
        assert by_id[world.running].name == "Selma Hedlund"  # year not ended
        assert db.session.scalar(select(PurgeLog.count).where(
            PurgeLog.kind == trainee_privacy.ANONYMISED)) == 2
    second = runner.invoke(args=["gdpr", "purge"])
    assert second.exit_code == 0 and not re.search(r": \d", second.output), second.output
    assert trainee_report(app) == before
