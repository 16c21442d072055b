"""What the route matrix (tests/app/test_route_matrix.py) aims at and who aims: records of
the demo data that belong to municipality B (Klippan) or to another person, the Bjuv
participant who is neither in the target round nor a trainee, each route's URL with those
records' ids, and a client logged in as each role."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mentorship.extensions import db


def network_targets() -> tuple[int, int, int]:
    """A network no demo HR contact or Bjuv participant is in, one of its members (another
    person), and the demo's (closed) survey."""
    from mentorship.networks.models import Network, NetworkMember, NetworkSurvey

    network = db.session.scalar(select(Network.id).where(Network.name == "Miljönätverket"))
    member = db.session.scalars(
        select(NetworkMember.id).where(NetworkMember.network_id == network)
        .order_by(NetworkMember.id.desc())
    ).first()
    return network, member, db.session.scalars(select(NetworkSurvey.id)).first()


def _targets(app) -> dict:
    """Ids of records that belong to municipality B (Klippan) or to someone else."""
    from mentorship.auth.models import User
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import (
        Enrolment,
        MatchRule,
        MentorGoal,
        MentorPair,
        MentorRound,
        MentorTalk,
        Workshop,
    )
    from mentorship.networks.models import NetworkField
    from mentorship.reference.models import Municipality
    from mentorship.trainees.models import Cohort, ProjectMilestone, Trainee, TraineeEvent

    with app.app_context():
        klippan = db.session.scalar(select(Municipality).where(Municipality.name == "Klippan"))
        closed = db.session.scalars(
            select(MentorRound).where(MentorRound.state == "closed").order_by(MentorRound.id)
        ).first()
        pair = db.session.scalars(
            select(MentorPair)
            .join(Enrolment, MentorPair.adept_id == Enrolment.id)
            .join(User, Enrolment.user_id == User.id)
            .where(MentorPair.round_id == closed.id, User.municipality_id != _bjuv(app))
            .order_by(MentorPair.id)
        ).first()
        enrolment = db.session.get(Enrolment, pair.adept_id)
        person = db.session.get(User, enrolment.user_id)
        trainee = db.session.scalars(
            select(Trainee)
            .where(Trainee.host_municipality_id != _bjuv(app), Trainee.user_id.is_not(None))
            .order_by(Trainee.id)
        ).first()
        cohort = db.session.get(Cohort, trainee.cohort_id)
        event = (
            db.session.scalars(
                select(TraineeEvent).where(TraineeEvent.cohort_id == cohort.id)
            ).first()
            or db.session.scalars(select(TraineeEvent)).first()
        )
        db.session.add(OutboxMessage(recipient=person.email, subject="Till någon annan", body="x"))
        db.session.commit()
        message = db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id.desc())
        ).first()
        milestone = db.session.scalars(select(ProjectMilestone)).first()
        rule = db.session.scalars(select(MatchRule)).first()
        network, member, survey = network_targets()
        talk = db.session.scalars(select(MentorTalk).where(MentorTalk.pair_id == pair.id)).first()
        from mentorship.mentoring.fit_models import FitCheck

        check = db.session.scalar(select(FitCheck.id).where(FitCheck.pair_id == pair.id))
        return {
            "values": {
                "user_id": person.id,
                "enrolment_id": enrolment.id,
                "round_id": closed.id,
                "pair_id": pair.id,
                "workshop_id": db.session.scalars(
                    select(Workshop.id).where(Workshop.round_id == closed.id)
                ).first(),
                "goal_id": db.session.scalars(select(MentorGoal.id)).first(),
                "rule_id": rule.id if rule else 1,
                "mark_id": 1,
                "talk_id": talk.id,
                "check_id": check or 1,
                "trainee_id": trainee.id,
                "cohort_id": cohort.id,
                "event_id": event.id,
                "milestone_id": milestone.id if milestone else 1,
                "message_id": message.id,
                "item_id": klippan.id,
                "code": klippan.code,
                "network_id": network,
                "member_id": member,
                "invitation_id": 1,
                "answer": "ja",
                "survey_id": survey,
                "field_id": db.session.scalars(select(NetworkField.id)).first(),
                "year": date.today().year,
                "key": "network.register",
                "chart_name": "utfall",
                "kind": "kommun",
                "action": "avveckla",
                "state": "running",
                "fmt": "csv",
                "token": "not-a-token",
                "filename": "app.css",
                "job_id": "not-a-job-of-theirs",
            },
            "export_kind": "par",
            "person_name": person.name,
            "person_email": person.email,
            "trainee_name": db.session.get(User, trainee.user_id).name,
        }


def _bjuv(app) -> int:
    from mentorship.reference.models import Municipality

    return db.session.scalar(select(Municipality.id).where(Municipality.name == "Bjuv"))


def _participant_of_bjuv(app) -> str:
    """A Bjuv participant who is not in the target (closed) round and is no trainee."""
    from mentorship.auth.models import User, UserRole
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.trainees.models import Trainee

    with app.app_context():
        closed = db.session.scalars(
            select(MentorRound.id).where(MentorRound.state == "closed").order_by(MentorRound.id)
        ).first()
        in_round = select(Enrolment.user_id).where(Enrolment.round_id == closed)
        trainees = select(Trainee.user_id).where(Trainee.user_id.is_not(None))
        return db.session.scalars(
            select(User.email)
            .join(UserRole)
            .where(
                UserRole.role == "participant",
                User.municipality_id == _bjuv(app),
                User.id.not_in(in_round),
                User.id.not_in(trainees),
            )
            .order_by(User.id)
        ).first()


def _url(app, rule, values, export_kind):
    from flask import url_for

    args = {name: values[name] for name in rule.arguments}
    if rule.endpoint == "mentoring.export":
        args["kind"] = export_kind
    if rule.endpoint == "networks.report_export":
        args["kind"] = "register"
    if rule.endpoint == "reports.export":
        args["fmt"] = "html"
    if rule.endpoint == "networks.survey_state":
        args["action"] = "stang"
    if rule.endpoint in (
        "mentoring.goal_toggle",
        "mentoring.evaluation_toggle",
        "mentoring.workshop_signup",
    ):
        args["action"] = "x"
    with app.test_request_context():
        return url_for(rule.endpoint, **args)


def _client_for(app, role: str, participant_email: str):
    client = app.test_client()
    email = {
        "participant": participant_email,
        "hr": "hr.bjuv@example.org",
        "admin": "admin@example.org",
    }.get(role)
    if email:
        response = client.post("/logga-in", data={"email": email, "password": "mentorship-demo"})
        assert response.status_code == 302, f"login as {role} failed"
    return client
