"""The route matrix's table (tests/app/test_route_matrix.py): the roles, and for every
route the GET status each role is expected to get when the URL's ids point at municipality
B's / another person's records."""

from __future__ import annotations

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
