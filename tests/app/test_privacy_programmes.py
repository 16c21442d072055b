"""Personal data in the mentor and trainee programmes: Mina uppgifter, erasure, retention.

The export of a mentor, an adept and a trainee holds their data and nothing about anyone
else; erasing a person or purging old data keeps the round's figures and the trainee
report exactly as they were.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import func, select

from mentorship.db import utcnow
from mentorship.extensions import db
from tests.app.mentoring.conftest import admin_user, build_round, password_hash  # noqa: F401
from tests.app.trainees.conftest import muni_id, report_outcome, world  # noqa: F401

# --- helpers ---------------------------------------------------------------------------


def _pair_of(adept_enrolment_id: int):  # noqa: ANN202
    from mentorship.mentoring.models import MentorPair

    return db.session.scalar(select(MentorPair).where(MentorPair.adept_id == adept_enrolment_id))


def _fill_round(app, r, close: bool = False) -> dict:  # noqa: ANN001
    """Talks with private notes, workshop sign-ups, evaluations and a nomination."""
    from mentorship.auth.models import User
    from mentorship.mentoring import rounds
    from mentorship.mentoring.models import (
        Enrolment,
        EvaluationAnswer,
        MentorRound,
        MentorTalk,
        Nomination,
        Workshop,
        WorkshopSignup,
    )

    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        pairs = {}
        for i, adept in enumerate(r.adepts):
            pair = _pair_of(adept.id)
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
            db.session.add(WorkshopSignup(workshop_id=workshop.id, enrolment_id=person.id,
                                          attended=k % 2 == 0))
            db.session.add(EvaluationAnswer(
                round_id=r.id, enrolment_id=person.id, overall=1 + k % 5, matching=2 + k % 4,
                talks=3, workshops=1 + k % 3, comment=f"Kommentar från {person.name}"))
        if close:
            admin = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
            rounds.record_transition(admin, round_, "closed")
        db.session.commit()
    return pairs


def _round_figures(app, round_id: int) -> dict:  # noqa: ANN001
    """What the round's pages and reports count: must not change on erasure or purge."""
    from mentorship.auth.models import User
    from mentorship.mentoring import evaluation, talks, workshops
    from mentorship.mentoring.models import Enrolment, MentorRound

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


def _export(client) -> tuple[dict, str]:  # noqa: ANN001
    response = client.get("/mina-uppgifter/hamta")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    data = json.loads(text)
    return {p["del"]: p for p in data["delar"]}, text


def test_purge_log_kinds_fit_the_column():
    from mentorship.mentoring import privacy as mentoring
    from mentorship.privacy.models import PurgeLog
    from mentorship.trainees import privacy as trainees

    width = PurgeLog.__table__.c.kind.type.length
    for kind in mentoring.KINDS + trainees.KINDS:
        assert len(kind) <= width, kind


# --- Mina uppgifter ----------------------------------------------------------------------


def test_adept_export_holds_their_programme_data_and_nothing_about_others(
    app, client, auth, build_round, password_hash  # noqa: F811
):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    pairs = _fill_round(app, r)
    adept = r.adepts[0]
    _pair_id, mentor_email, mentor_name = pairs[adept.email]
    auth.login(adept.email)
    parts, text = _export(client)
    enrolments = parts["mentorsprogrammet-anmälningar"]["uppgifter"]
    assert [e["roll"] for e in enrolments] == ["adept"]
    assert enrolments[0]["verksamhetsområde"]
    assert parts["mentorsprogrammet-par"]["uppgifter"][0]["din_roll"] == "adept"
    notes = [t["din_anteckning"] for t in parts["mentorsprogrammet-samtal"]["uppgifter"]]
    assert notes == ["Adeptens hemliga anteckning 0"]
    assert parts["mentorsprogrammet-workshoppar"]["uppgifter"][0]["workshop"] == "Leda förändring"
    comments = [a["kommentar"] for a in parts["mentorsprogrammet-utvärderingar"]["uppgifter"]]
    assert comments == [f"Kommentar från {adept.name}"]
    assert "Nominering från adept 0" in text
    for part in parts.values():
        assert part["används_till"] and part["sparas"]
    # Nothing about anyone else: not the partner, not the other participants.
    assert "Mentorns hemliga anteckning" not in text
    assert "Adeptens hemliga anteckning 1" not in text and "Nominering från adept 1" not in text
    for other in r.mentors + r.adepts[1:]:
        assert other.email not in text and other.name not in text
    assert mentor_email not in text and mentor_name not in text
    assert "coordinator@example.org" not in text and "Karin Koordinator" not in text


def test_mentor_export_holds_their_notes_but_not_the_adepts(
    app, client, auth, build_round, password_hash  # noqa: F811
):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    pairs = _fill_round(app, r)
    adept = r.adepts[0]
    _pair_id, mentor_email, _mentor_name = pairs[adept.email]
    auth.login(mentor_email)
    parts, text = _export(client)
    assert [e["roll"] for e in parts["mentorsprogrammet-anmälningar"]["uppgifter"]] == ["mentor"]
    notes = [t["din_anteckning"] for t in parts["mentorsprogrammet-samtal"]["uppgifter"]]
    assert notes == ["Mentorns hemliga anteckning 0"]
    assert parts["mentorsprogrammet-nomineringar"]["uppgifter"] == []  # written by the adept
    assert parts["mentorsprogrammet-anmälningar"]["uppgifter"][0]["årets_mentor"] is True
    assert "Adeptens hemliga anteckning" not in text and "Nominering från adept" not in text
    for other in r.adepts + [m for m in r.mentors if m.email != mentor_email]:
        assert other.email not in text and other.name not in text


def test_trainee_export_holds_placement_outcome_and_history_without_others(
    app, client, auth, world, report_outcome  # noqa: F811
):
    from mentorship.trainees.models import Attendance, TraineeEvent

    report_outcome(world.bjuv1, "fixed_term_member", "Bjuv", title="utredare")
    report_outcome(world.bjuv1, "permanent_member", "Bjuv", title="nämndsekreterare")
    report_outcome(world.bjuv2, "studies")
    with app.app_context():
        event = TraineeEvent(cohort_id=world.c17, kind="study_visit", title="Studiebesök i Bjuv",
                             starts_at=utcnow() - timedelta(days=400),
                             ends_at=utcnow() - timedelta(days=400) + timedelta(hours=3))
        db.session.add(event)
        db.session.flush()
        db.session.add(Attendance(event_id=event.id, trainee_id=world.bjuv1))
        db.session.commit()
    auth.login("elsa@example.org")
    parts, text = _export(client)
    me = parts["traineeprogrammet"]["uppgifter"]
    assert me["traineegrupp"] == 17 and me["befattning"] == "nämndsekreterare"
    assert me["examen"] == "Kandidatexamen" and me["värdkommun"] == "Bjuv"
    assert parts["traineeprogrammet-utfall"]["uppgifter"]["utfall"] == "permanent_member"
    assert len(parts["traineeprogrammet-utfallshistorik"]["uppgifter"]) == 2
    assert [a["aktivitet"] for a in parts["traineeprogrammet-närvaro"]["uppgifter"]] == [
        "Studiebesök i Bjuv"]
    for other in ("Hugo Lind", "hugo@example.org", "Nora Ibrahim", "Selma Hedlund",
                  "boss@example.org", "Boss", "hr.bjuv@example.org", '"Handledare"'):
        assert other not in text, other


def test_export_states_the_retention_of_the_persons_municipality(
    app, client, auth, world  # noqa: F811
):
    _set_rule(app, "Bjuv", "trainee", 36)
    auth.login("elsa@example.org")  # placed in Bjuv
    parts, _text = _export(client)
    assert parts["traineeprogrammet"]["sparas"].startswith("36 månader")
    assert parts["traineeprogrammet-utfall"]["uppgifter"] == []  # nothing reported yet
    assert "Mina uppgifter" in client.get("/mina-uppgifter").get_data(as_text=True)


def test_a_participant_outside_the_programmes_gets_empty_programme_parts(client, login_as):
    login_as("participant")
    parts, _text = _export(client)
    assert parts["mentorsprogrammet-anmälningar"]["uppgifter"] == []
    assert "traineeprogrammet" not in parts


# --- erasure -------------------------------------------------------------------------------


def test_erasing_a_participant_keeps_the_round_figures(
    app, client, auth, build_round, admin_user, password_hash  # noqa: F811
):
    from mentorship.mentoring.models import Enrolment, EvaluationAnswer, MentorTalk, Nomination

    r = build_round(pairs=3, state="running", password_hash=password_hash)
    _fill_round(app, r, close=True)
    before = _round_figures(app, r.id)
    assert before["answers"] == 6 and before["figures"][0][3] is not None  # not hidden
    adept = r.adepts[0]
    auth.login(admin_user.email)
    assert client.post(f"/personer/{adept.user_id}/radera").status_code == 302
    assert _round_figures(app, r.id) == before
    with app.app_context():
        enrolment = db.session.get(Enrolment, adept.id)
        assert enrolment.business_area == "" and enrolment.goals == []
        assert enrolment.user.name == "Borttagen person"
        notes = db.session.scalars(select(MentorTalk.private_note)).all()
        assert "Adeptens hemliga anteckning 0" not in notes
        assert "Mentorns hemliga anteckning 0" in notes  # the partner's own note stays
        comments = db.session.scalars(select(EvaluationAnswer.comment)).all()
        assert f"Kommentar från {adept.name}" not in comments
        assert "Nominering från adept 0" not in " ".join(
            db.session.scalars(select(Nomination.text)))


def test_erasing_a_person_in_an_unpublished_round_removes_the_enrolment(
    app, client, auth, build_round, admin_user, password_hash  # noqa: F811
):
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=2, state="open", password_hash=password_hash)
    auth.login(admin_user.email)
    assert client.post(f"/personer/{r.adepts[0].user_id}/radera").status_code == 302
    with app.app_context():
        assert db.session.get(Enrolment, r.adepts[0].id) is None
        assert db.session.get(Enrolment, r.adepts[1].id) is not None


def _trainee_report(app) -> list:  # noqa: ANN001
    from mentorship.trainees.reports import build_report, report_table
    from mentorship.trainees.services import today

    with app.test_request_context():
        _header, rows = report_table(build_report(None, today()))
        return rows


def test_erasing_a_trainee_keeps_the_trainee_report(
    app, client, auth, world, report_outcome  # noqa: F811
):
    from mentorship.auth.models import User
    from mentorship.trainees.models import Outcome, OutcomeChange, Trainee

    report_outcome(world.bjuv1, "permanent_member", "Bjuv", title="nämndsekreterare")
    report_outcome(world.bjuv2, "studies")
    report_outcome(world.hbg, "permanent_member", "Helsingborg", title="strateg")
    before = _trainee_report(app)
    assert any(row[5] for row in before)
    auth.login("boss@example.org")
    assert client.post(f"/personer/{world.bjuv1_user}/radera").status_code == 302
    assert _trainee_report(app) == before
    with app.app_context():
        trainee = db.session.get(Trainee, world.bjuv1)
        assert trainee.user_id is None and trainee.name == f"Borttagen trainee {trainee.id}"
        assert trainee.position_title == "" and trainee.degree == ""
        assert trainee.supervisor_name == "" and trainee.assignment == ""
        outcome = db.session.scalar(select(Outcome).where(Outcome.trainee_id == trainee.id))
        assert outcome.category == "permanent_member" and outcome.position_title == ""
        assert outcome.start_date == date(2024, 1, 1)
        changes = db.session.scalars(
            select(OutcomeChange.changes).where(OutcomeChange.outcome_id == outcome.id)).all()
        assert "nämndsekreterare" not in json.dumps(changes, ensure_ascii=False)
        assert db.session.get(User, world.bjuv1_user).name == "Borttagen person"
    # the erased trainee's page no longer shows them
    html = client.get(f"/trainee/{world.bjuv1}").get_data(as_text=True)
    assert "Elsa Lund" not in html and "nämndsekreterare" not in html


# --- retention purge -----------------------------------------------------------------------


def _set_rule(app, municipality: str, kind: str, months: int) -> None:  # noqa: ANN001
    from mentorship.privacy.models import RetentionRule

    with app.app_context():
        db.session.add(RetentionRule(municipality_id=muni_id(municipality), kind=kind,
                                     months=months))
        db.session.commit()


def _age_round(app, round_id: int, days: int) -> None:  # noqa: ANN001
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
    _fill_round(app, old, close=True)
    _age_round(app, old.id, 3 * 365)  # closed three years ago: past the default 24 months
    recent = build_round(pairs=3, state="running", password_hash=password_hash, name="Ny")
    _fill_round(app, recent, close=True)
    # mentor0 is in Bjuv, which keeps mentor programme data for 20 years
    _set_rule(app, "Bjuv", "mentor_round", 240)
    before_old, before_recent = _round_figures(app, old.id), _round_figures(app, recent.id)

    first = runner.invoke(args=["gdpr", "purge"])
    assert first.exit_code == 0, first.output
    assert "mentorsprogram: profiler anonymiserade: 5" in first.output

    assert _round_figures(app, old.id) == before_old
    assert _round_figures(app, recent.id) == before_recent
    with app.app_context():
        def enrolment_of(round_id, email):  # noqa: ANN001, ANN202
            return db.session.scalar(
                select(Enrolment).join(User, User.id == Enrolment.user_id).where(
                    Enrolment.round_id == round_id, User.email == email))

        # the old round is no longer linked to the people's accounts (except Bjuv's)
        assert enrolment_of(old.id, "adept0@example.org") is None
        assert enrolment_of(old.id, "mentor0@example.org").business_area != ""
        assert enrolment_of(recent.id, "adept0@example.org").business_area != ""
        kept = db.session.get(Enrolment, old.adepts[0].id)
        assert kept.business_area == "" and kept.user.name == "Borttagen person"
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
        assert logged["mentorsprogram: profiler anonymiserade"] == 5
        assert logged["mentorsprogram: samordnarspår"] >= 1
        done = db.session.scalar(
            select(func.count()).select_from(PurgeLog).where(PurgeLog.count > 0))

    second = runner.invoke(args=["gdpr", "purge"])
    assert "Inget hade passerat sin tid" in second.output, second.output
    assert _round_figures(app, old.id) == before_old
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
    before = _trainee_report(app)
    # Cohort 17 ended about four months ago: past Bjuv's 1 month, not the default 60.
    _set_rule(app, "Bjuv", "trainee", 1)
    first = runner.invoke(args=["gdpr", "purge"])
    assert "traineeprogram: trainees anonymiserade: 2" in first.output, first.output
    assert _trainee_report(app) == before
    with app.app_context():
        by_id = {t.id: t for t in db.session.scalars(select(Trainee))}
        assert by_id[world.bjuv1].user_id is None and by_id[world.bjuv2].user_id is None
        assert by_id[world.bjuv1].position_title == ""
        assert by_id[world.hbg].name == "Nora Ibrahim"  # Helsingborg: default period
        assert by_id[world.running].name == "Selma Hedlund"  # year not ended
        assert db.session.scalar(select(PurgeLog.count).where(
            PurgeLog.kind == "traineeprogram: trainees anonymiserade")) == 2
    second = runner.invoke(args=["gdpr", "purge"])
    assert "Inget hade passerat sin tid" in second.output, second.output
    assert _trainee_report(app) == before
