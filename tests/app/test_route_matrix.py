"""Access control, proven: every route x every role, with another municipality's and
another person's records as targets.

Roles: anonymous, a participant of Bjuv, the HR contact of Bjuv, an admin. Targets: a
participant of Klippan with an enrolment, a pair, talks and a trainee placement that are
not the Bjuv participant's. Each cell states the expected status; every refused response
is checked for the target person's name and e-mail (no data of the denied kind leaks).
"""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from mentorship.access import PUBLIC, policy_of
from mentorship.extensions import db
from tests.app.route_targets import network_targets

ROLES = ("anonymous", "participant", "hr", "admin")

# endpoint -> expected GET status for (anonymous, participant of A, HR of A, admin);
# the URL's ids point at municipality B's / another person's records.
A, P, H, AD = ROLES
EXPECTED: dict[str, tuple[int, int, int, int]] = {}


def expect(status_by_role: tuple[int, int, int, int], *endpoints: str) -> None:
    for endpoint in endpoints:
        EXPECTED[endpoint] = status_by_role


ADMIN_ONLY = (302, 403, 403, 200)
ADMIN_AND_HR_GLOBAL = (302, 403, 200, 200)  # objects with no municipality (rounds, cohorts)
ADMIN_AND_HR_SCOPED = (302, 403, 404, 200)  # B's records are not there for A's HR contact
EVERYONE_OWN = (302, 200, 200, 200)  # a logged-in user's own pages
OTHERS_RECORD = (302, 404, 404, 404)  # someone else's record through a participant route
PUBLIC_PAGE = (200, 200, 200, 200)

expect(PUBLIC_PAGE, "main.accessibility", "main.health", "static", "ops.health")
expect((503, 503, 503, 503), "ops.ready")  # no worker runs beside the suite
expect((302, 404, 404, 404), "jobs.job", "jobs.status", "jobs.download")  # starter only
expect((200, 302, 302, 302), "auth.login")
# Login with the municipality's account: the demo gives no municipality a provider, and a
# callback without a login in progress is refused.
expect((404, 404, 404, 404), "sso.start")
expect((400, 400, 400, 400), "sso.callback")
expect(ADMIN_ONLY, "sso.providers_index", "sso.provider_settings")
expect((302, 403, 403, 404), "sso.remove_provider")  # Klippan has no provider to remove
expect((200, 200, 200, 200), "auth.forgot_password")
expect((404, 404, 404, 404), "auth.accept_invitation", "auth.reset_password", "feeds.feed")
expect((302, 302, 302, 302), "feeds.revoke")  # with no link yet there is nothing to confirm
expect(
    EVERYONE_OWN,
    "main.index",
    "auth.change_password",
    "auth.session_status",
    "privacy.mine",
    "privacy.download",
    "mentoring.mine",
    "feeds.mine",
)
expect(
    (302, 403, 200, 200),
    "people.index",
    "people.invite",
    "audit.index",
    "privacy.retention_rules",
    "mentoring.rounds_index",
    "trainees.index",
    "trainees.report",
    "trainees.report_export",
    "trainees.outcomes",
    "trainees.outcomes_export",
)
expect(
    ADMIN_AND_HR_SCOPED,
    "people.show",
    "people.deactivate",
    "people.reactivate",
    "mentoring.withdraw",
    "mentoring.participant_profile",
    "trainees.trainee",
    "trainees.edit_placement",
    "trainees.report_outcome",
)
expect(
    ADMIN_AND_HR_GLOBAL,
    "mentoring.round_show",
    "mentoring.enrolments",
    "mentoring.invite",
    "mentoring.import_file",
    "mentoring.import_template",
    "trainees.cohort",
    "trainees.new_trainee",
)
expect(
    ADMIN_ONLY,
    "privacy.erase",
    "reference.municipalities",
    "reference.municipality",
    "reference.business_areas",
    "reference.business_area",
    "reference.retire",
    "mail.outbox",
    "mail.message",
    "mentoring.goals",
    "mentoring.round_new",
    "mentoring.round_edit",
    "mentoring.round_state",
    "mentoring.mentor_of_the_year",
    "mentoring.export",
    "mentoring.export_engine_pairs",
    "mentoring.rematch",
    "mentoring.proposal",
    "mentoring.wish_period",
    "mentoring.adept_alternatives",
    "mentoring.reminders_page",
    "mentoring.round_texts_page",
    "mentoring.attendance_people",
    "mentoring.pairs",
    "mentoring.publish",
    "mentoring.evaluation_results",
    "mentoring.workshops_index",
    "mentoring.end_pair",
    "mentoring.workshop_edit",
    "mentoring.attendance",
    "trainees.edit_event",
    "trainees.delete_event",
    "trainees.new_event",
    "trainees.edit_cohort",
    "trainees.edit_project",
    "trainees.delete_milestone",
    "trainees.new_cohort",
    "trainees.import_history",
    "trainees.import_template",
)
expect(ADMIN_ONLY, "trainees.outcome_reminder")
expect(OTHERS_RECORD, "mentoring.profile", "mentoring.log_talk", "mentoring.edit_talk",
       "mentoring.delete_talk", "mentoring.leave_round", "mentoring.wishes_page",
       "mentoring.marks")
# Someone else's "Känns matchningen rätt?": only its own person answers it, not even admins.
expect((302, 404, 404, 404), "mentoring.fit_check")
# Round-level participant pages: the Bjuv participant is not in the target round.
expect((302, 404, 404, 404), "mentoring.nominate", "mentoring.evaluate")
expect((302, 404, 404, 200), "mentoring.workshop_ics")
expect((302, 404, 200, 200), "trainees.event", "trainees.event_ics", "trainees.cohort_ics")
expect((302, 404, 403, 403), "trainees.mine")  # the Bjuv participant is no trainee
# The network register: every logged-in user reads the list, a network's purpose and its
# contacts; the target network is one the Bjuv participant and HR contact neither belong to
# nor coordinate, so its editing pages, another person's membership and its results are 404.
expect(EVERYONE_OWN, "networks.index", "networks.show", "networks.survey_mine",
       "networks.invitations_page")
expect(
    (302, 404, 404, 200),
    "networks.edit",
    "networks.checklist",
    "networks.activate",
    "networks.close",
    "networks.plan",
    "networks.coordinator",
    "networks.new_member",
    "networks.edit_member",
    "networks.leave",
    "networks.network_results",
)
expect((302, 404, 404, 404), "networks.survey_answer")  # the target survey is closed
expect(
    ADMIN_ONLY,
    "networks.new",
    "networks.fields",
    "networks.surveys_index",
    "networks.survey_new",
    "networks.survey_edit",
    "networks.survey_state",
    "networks.survey_results",
    "networks.survey_export",
    "networks.report",
    "networks.report_export",
    "networks.missing",
)
# The year's report: admins and HR contacts (their municipality's version); the coordinator
# edits a paragraph; resetting one that was never edited goes back to the report.
expect((302, 403, 302, 302), "reports.index")
expect((302, 403, 200, 200), "reports.year", "reports.chart_image", "reports.export")
expect(ADMIN_ONLY, "reports.edit_paragraph")
expect((302, 403, 403, 302), "reports.reset_paragraph")


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


def test_every_route_has_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    get_endpoints = {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods}
    assert get_endpoints - set(EXPECTED) == set(), "add these endpoints to EXPECTED"
    assert set(EXPECTED) - endpoints == set(), "stale endpoints in EXPECTED"


def test_role_by_route_matrix(matrix_app, queries_while_rendering):
    app = matrix_app
    targets = _targets(app)
    participant = _participant_of_bjuv(app)
    clients = {role: _client_for(app, role, participant) for role in ROLES}
    with queries_while_rendering() as in_templates:
        _walk_matrix(app, targets, clients)
    assert not in_templates, "queries from templates:\n" + "\n".join(sorted(set(in_templates)))


def _walk_matrix(app, targets, clients) -> None:
    observed, wrong, leaks = {}, [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        url = _url(app, rule, targets["values"], targets["export_kind"])
        row = []
        for index, role in enumerate(ROLES):
            response = clients[role].get(url)
            row.append(response.status_code)
            expected = EXPECTED[rule.endpoint][index]
            if response.status_code != expected:
                wrong.append(f"{role:11s} GET {url}: {response.status_code}, expected {expected}")
            if response.status_code in (302, 403, 404):
                body = response.get_data(as_text=True)
                for secret in (
                    targets["person_name"],
                    targets["person_email"],
                    targets["trainee_name"],
                ):
                    if secret in body:
                        leaks.append(f"{role} GET {url} shows {secret!r} in a refusal")
        observed[rule.endpoint] = tuple(row)
    if os.environ.get("MATRIX_PRINT"):
        for endpoint, row in sorted(observed.items()):
            print(endpoint, row)
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)


def test_state_changing_routes_refuse_the_wrong_people(matrix_app):
    """POST to every route as every role that may not use it: refused, nothing leaks."""
    app = matrix_app
    targets = _targets(app)
    participant = _participant_of_bjuv(app)
    clients = {role: _client_for(app, role, participant) for role in ROLES}
    wrong = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "POST" not in rule.methods:
            continue
        kind, allowed = policy_of(app.view_functions[rule.endpoint])
        if kind == PUBLIC:
            continue
        url = _url(app, rule, targets["values"], targets["export_kind"])
        for role in ("anonymous", "participant", "hr"):
            may = role != "anonymous" and (not allowed or role in allowed)
            if may:
                continue
            status = clients[role].post(url, data={"role": "admin", "user_id": 1}).status_code
            expected = 302 if role == "anonymous" else 403
            if status != expected:
                wrong.append(f"{role} POST {url}: {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)

