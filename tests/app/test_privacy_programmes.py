"""Personal data in the mentor and trainee programmes: Mina uppgifter, erasure, retention.

The export of a mentor, an adept and a trainee holds their data and nothing about anyone
else; erasing a person or purging old data keeps the round's figures and the trainee
report exactly as they were.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select

from mentorship.db import utcnow
from mentorship.extensions import db
from tests.app.mentoring.conftest import admin_user, build_round, password_hash  # noqa: F401
from tests.app.privacy_setup import fill_round, round_figures, set_rule, trainee_report
from tests.app.trainees.conftest import muni_id, report_outcome, world  # noqa: F401

# --- helpers ---------------------------------------------------------------------------

# The test's own data, as fill_round (tests/app/privacy_setup.py) writes it: the i-th pair's
# private notes ("... 0") and the i-th adept's nomination.
ADEPT_NOTE, MENTOR_NOTE = "Adeptens hemliga anteckning", "Mentorns hemliga anteckning"
NOMINATION = "Nominering från adept"
VISIT = "Studiebesök i Bjuv"  # a trainee event's title


# --- Mina uppgifter ----------------------------------------------------------------------


def _export(client) -> tuple[dict, str]:
    response = client.get("/mina-uppgifter/hamta")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    data = json.loads(text)
    return {p["del"]: p for p in data["delar"]}, text



def test_adept_export_holds_their_programme_data_and_nothing_about_others(
    app, client, auth, build_round, password_hash  # noqa: F811
):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    pairs = fill_round(app, r)
    adept = r.adepts[0]
    _pair_id, mentor_email, mentor_name = pairs[adept.email]
    auth.login(adept.email)
    parts, text = _export(client)
    enrolments = parts["mentorsprogrammet-anmälningar"]["uppgifter"]
    assert [e["roll"] for e in enrolments] == ["adept"]
    assert enrolments[0]["verksamhetsområde"]
    assert parts["mentorsprogrammet-par"]["uppgifter"][0]["din_roll"] == "adept"
    notes = [t["din_anteckning"] for t in parts["mentorsprogrammet-samtal"]["uppgifter"]]
    assert notes == [f"{ADEPT_NOTE} 0"]
    assert parts["mentorsprogrammet-workshoppar"]["uppgifter"][0]["workshop"] == "Leda förändring"
    comments = [a["kommentar"] for a in parts["mentorsprogrammet-utvärderingar"]["uppgifter"]]
    assert comments == [f"Kommentar från {adept.name}"]
    assert f"{NOMINATION} 0" in text
    for part in parts.values():
        assert part["används_till"] and part["sparas"]
    # Nothing about anyone else: not the partner, not the other participants.
    assert MENTOR_NOTE not in text
    assert f"{ADEPT_NOTE} 1" not in text and f"{NOMINATION} 1" not in text
    for other in r.mentors + r.adepts[1:]:
        assert other.email not in text and other.name not in text
    assert mentor_email not in text and mentor_name not in text
    assert "coordinator@example.org" not in text and "Karin Koordinator" not in text


def test_mentor_export_holds_their_notes_but_not_the_adepts(
    app, client, auth, build_round, password_hash  # noqa: F811
):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    pairs = fill_round(app, r)
    adept = r.adepts[0]
    _pair_id, mentor_email, _mentor_name = pairs[adept.email]
    auth.login(mentor_email)
    parts, text = _export(client)
    assert [e["roll"] for e in parts["mentorsprogrammet-anmälningar"]["uppgifter"]] == ["mentor"]
    notes = [t["din_anteckning"] for t in parts["mentorsprogrammet-samtal"]["uppgifter"]]
    assert notes == [f"{MENTOR_NOTE} 0"]
    assert parts["mentorsprogrammet-nomineringar"]["uppgifter"] == []  # written by the adept
    assert parts["mentorsprogrammet-anmälningar"]["uppgifter"][0]["årets_mentor"] is True
    assert ADEPT_NOTE not in text and NOMINATION not in text
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
        event = TraineeEvent(cohort_id=world.c17, kind="study_visit", title=VISIT,
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
    assert [a["aktivitet"] for a in parts["traineeprogrammet-närvaro"]["uppgifter"]] == [VISIT]
    for other in ("Hugo Lind", "hugo@example.org", "Nora Ibrahim", "Selma Hedlund",
                  "boss@example.org", "Boss", "hr.bjuv@example.org", '"Handledare"'):
        assert other not in text, other


def test_export_states_the_retention_of_the_persons_municipality(
    app, client, auth, world  # noqa: F811
):
    set_rule(app, "Bjuv", "trainee", 36)
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


def test_erasing_a_participant_keeps_theround_figures(
    app, client, auth, build_round, admin_user, password_hash  # noqa: F811
):
    from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination
    from mentorship.mentoring.models import Enrolment, MentorTalk

    r = build_round(pairs=3, state="running", password_hash=password_hash)
    fill_round(app, r, close=True)
    before = round_figures(app, r.id)
    assert before["answers"] == 6 and before["figures"][0][3] is not None  # not hidden
    adept = r.adepts[0]
    auth.login(admin_user.email)
    assert client.post(f"/personer/{adept.user_id}/radera").status_code == 302
    assert round_figures(app, r.id) == before
    with app.app_context():
        enrolment = db.session.get(Enrolment, adept.id)
        assert enrolment.business_area == "" and enrolment.goals == []
        assert enrolment.user.name == "Borttagen person"
        notes = db.session.scalars(select(MentorTalk.private_note)).all()
        assert f"{ADEPT_NOTE} 0" not in notes
        assert f"{MENTOR_NOTE} 0" in notes  # the partner's own note stays
        comments = db.session.scalars(select(EvaluationAnswer.comment)).all()
        assert f"Kommentar från {adept.name}" not in comments
        assert f"{NOMINATION} 0" not in " ".join(
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


def test_erasing_a_trainee_keeps_thetrainee_report(
    app, client, auth, world, report_outcome  # noqa: F811
):
    from mentorship.auth.models import User
    from mentorship.trainees.models import Outcome, OutcomeChange, Trainee

    report_outcome(world.bjuv1, "permanent_member", "Bjuv", title="nämndsekreterare")
    report_outcome(world.bjuv2, "studies")
    report_outcome(world.hbg, "permanent_member", "Helsingborg", title="strateg")
    before = trainee_report(app)
    assert any(row[5] for row in before)
    auth.login("boss@example.org")
    assert client.post(f"/personer/{world.bjuv1_user}/radera").status_code == 302
    assert trainee_report(app) == before
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
