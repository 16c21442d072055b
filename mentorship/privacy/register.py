"""The register of personal data: every column of every table is listed here, either as
personal (with its purpose and retention kind) or as holding nothing personal.

`tests/app/test_privacy_register.py` compares this with the models, so a new column
cannot slip in unregistered. Retention periods are per kind, with defaults in
`RETENTION_DEFAULTS` and per-municipality overrides in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Personal:
    purpose: str  # lazy: shown in "Mina uppgifter" in the reader's language
    retention: str  # a key of RETENTION_DEFAULTS


# Retention kinds: months after the event that starts the clock, and what that event is.
RETENTION_DEFAULTS: dict[str, tuple[int, str]] = {
    "account": (24, _l("månader efter att kontot avaktiverades eller senast användes")),
    "login": (3, _l("månader efter inloggningen")),
    "mail": (6, _l("månader efter att meddelandet skapades")),
    "mentor_round": (24, _l("månader efter att omgången avslutades")),
    "trainee": (60, _l("månader efter att traineeåret slutade")),
    "network": (12, _l("månader efter att du lämnade nätverket eller slutade som samordnare")),
}

ACCOUNT = _l("För att du ska kunna logga in och för att programmen ska kunna nå dig.")
CALENDAR_FEED = _l("Din hemliga kalenderlänk, så att din kalender kan hämta dina aktiviteter.")
SSO_LINK = _l("Kopplingen till ditt konto i kommunens inloggning, så att du kan logga in med det.")

MENTOR_ENROLMENT = _l("Att du är anmäld till en omgång av mentorsprogrammet.")
LEAVE_REQUEST = _l("Att du har bett att få lämna en pågående omgång, och varför om du "
                   "skrev det, så att samordnaren kan avsluta paret.")
MENTOR_PROFILE = _l("Matchning: din profil, som matchningen av mentorer och adepter bygger på.")
MATCH_DECISION = _l("Matchning: samordnarens beslut att låsa eller förbjuda ett visst par.")
MENTOR_WISH = _l("Matchning: de mentorer du som adept önskade, i din ordning (mentorerna ser "
                 "dem inte).")
MENTOR_MARK = _l("Matchning: adepter du som mentor markerade att du inte kan ta (jäv), med ditt "
                 "skäl (bara samordnarna ser det).")
PROFILE_TEXT = _l("Din presentation och dina egna ord om vad du vill utvecklas i eller kan "
                  "erbjuda; din partner ser dem efter publiceringen.")
MATCH_PROPOSAL = _l("Matchning: förslaget till par och varför, som samordnaren granskar.")
MENTOR_PAIR = _l("Ditt mentorspar: vem du är matchad med, och varför.")
MENTOR_TALK = _l("Mentorssamtal som du har loggat (datum och längd), för uppföljning av paren.")
WORKSHOP = _l("Anmälan till och närvaro på programworkshoppar.")
EVALUATION = (_l("Din utvärdering av omgången; redovisas bara som samlade siffror "
              "(minst fem svar)."))
NOMINATION = _l("Nominering till Årets mentor.")
FIT_CHECK = _l("Ditt svar på ”Känns matchningen rätt?” och din kommentar till samordnaren; "
               "bara samordnaren läser det, aldrig den du är matchad med, och i omgångens "
               "siffror syns det bara samlat (minst fem svar).")
ADMIN_TRACE = _l("Spårbarhet: vilken samordnare som fattade ett beslut i omgången.")
TRAINEE = _l("Att du är trainee i en traineegrupp.")
EDUCATION = _l("Din utbildning, som placeringen bygger på.")
PLACEMENT = _l("Din placering: värdkommun, verksamhet, befattning och uppdrag.")
OUTCOME = (_l("Vad du gick vidare till efter traineeåret; redovisas i rapporten bara som "
           "samlade siffror per grupp och kommun."))
ATTENDANCE = _l("Vilka utbildningsdagar och studiebesök du deltog i.")
OUTCOME_HISTORY = _l("Historik: när utfallet ändrades och vad som ändrades.")
HR_TRACE = _l("Spårbarhet: vilken HR-kontakt som rapporterade utfallet.")
NETWORK_MEMBER = _l("Att du är med i ett nätverk, och dina kontaktuppgifter där (synliga för "
                    "alla inloggade i samarbetet).")
NETWORK_COORDINATOR = _l("Att du är eller har varit samordnare för ett nätverk, och när.")
NETWORK_INVITATION = _l("En inbjudan till ett nätverk som väntar på ditt svar (och vem som "
                        "bjöd in); den tas bort när du svarar eller efter 30 dagar.")
NETWORK_SURVEY = _l("Ditt svar på nätverksenkäten; redovisas bara som samlade siffror (minst "
                    "fem svar).")

PERSONAL: dict[str, dict[str, Personal]] = {
    "user_account": {
        "email": Personal(ACCOUNT, "account"),
        "name": Personal(ACCOUNT, "account"),
        "municipality_id": Personal(
            _l("Vilken kommun du hör till; styr vem som får se dina uppgifter."), "account"
        ),
        "password_hash": Personal(
            _l("Kontrollera ditt lösenord (bara ett hashvärde sparas)."), "account"
        ),
        "language": Personal(_l("Ditt val av språk i gränssnittet."), "account"),
        "last_login_at": Personal(_l("Säkerhet: när kontot senast användes."), "account"),
        "created_at": Personal(_l("När kontot skapades."), "account"),
        "active": Personal(_l("Om kontot får användas."), "account"),
    },
    "user_role": {"role": Personal(_l("Vad du får göra i tjänsten."), "account")},
    "calendar_feed": {
        "user_id": Personal(CALENDAR_FEED, "account"),
        "token_hash": Personal(CALENDAR_FEED, "account"),
        "created_at": Personal(CALENDAR_FEED, "account"),
    },
    "user_session": {
        "created_at": Personal(_l("Säkerhet: dina inloggningar, så att de kan avslutas."), "login"),
        "expires_at": Personal(_l("Säkerhet: när inloggningen slutar gälla."), "login"),
        "ended_at": Personal(_l("Säkerhet: när du loggade ut."), "login"),
        "last_seen_at": Personal(
            _l("Säkerhet: när du senast använde inloggningen, så att den slutar gälla när "
               "du inte har använt tjänsten på en stund."), "login"),
    },
    "user_identity": {
        "user_id": Personal(SSO_LINK, "account"),
        "issuer": Personal(SSO_LINK, "account"),
        "subject": Personal(SSO_LINK, "account"),
        "linked_at": Personal(SSO_LINK, "account"),
        "last_login_at": Personal(SSO_LINK, "account"),
    },
    "user_token": {
        "created_at": Personal(_l("Inbjudningar och lösenordsbyten."), "login"),
        "expires_at": Personal(_l("Inbjudningar och lösenordsbyten."), "login"),
        "used_at": Personal(_l("Inbjudningar och lösenordsbyten."), "login"),
    },
    "outbox_message": {
        "recipient": Personal(_l("E-post som tjänsten har skickat till dig."), "mail"),
        "subject": Personal(_l("E-post som tjänsten har skickat till dig."), "mail"),
        "body": Personal(_l("E-post som tjänsten har skickat till dig."), "mail"),
        "html": Personal(_l("E-post som tjänsten har skickat till dig."), "mail"),
    },
    "audit_entry": {
        # Only ids: once the account is erased they point to no one.
        "actor_id": Personal(
            _l("Spårbarhet: vem som läste eller ändrade personuppgifter."), "account"
        ),
        "subject_user_id": Personal(
            _l("Spårbarhet: vems uppgifter som lästes eller ändrades."), "account"
        ),
    },
    "purge_log": {"actor_id": Personal(_l("Spårbarhet: vem som raderade uppgifter."), "account")},
    # --- the mentor programme ---------------------------------------------------------
    "mentor_round_transition": {
        "actor_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_round_change": {
        "actor_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_reminder": {
        "actor_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_enrolment": {
        "user_id": Personal(MENTOR_ENROLMENT, "mentor_round"),
        "external_id": Personal(_l("Ditt id i en importerad deltagarfil, så att importen kan "
                                "kännas igen."), "mentor_round"),
        "role": Personal(_l("Om du är mentor eller adept i omgången."), "mentor_round"),
        "business_area": Personal(MENTOR_PROFILE, "mentor_round"),
        "level": Personal(MENTOR_PROFILE, "mentor_round"),
        "years_as_manager": Personal(MENTOR_PROFILE, "mentor_round"),
        "goals": Personal(MENTOR_PROFILE, "mentor_round"),
        "languages": Personal(MENTOR_PROFILE, "mentor_round"),
        "gender": Personal(_l("Matchning: bara om du själv har angett det, för att kunna "
                           "ta hänsyn till önskemål om mentorns kön."), "mentor_round"),
        "gender_preference": Personal(_l("Matchning: ditt önskemål om mentorns kön."),
                                      "mentor_round"),
        "meeting_mode": Personal(MENTOR_PROFILE, "mentor_round"),
        "capacity": Personal(_l("Matchning: hur många adepter du som mentor kan ta emot."),
                             "mentor_round"),
        "profile_done_at": Personal(MENTOR_ENROLMENT, "mentor_round"),
        "created_at": Personal(MENTOR_ENROLMENT, "mentor_round"),
        "leave_requested_at": Personal(LEAVE_REQUEST, "mentor_round"),
        "leave_reason": Personal(LEAVE_REQUEST, "mentor_round"),
        "leave_handled_at": Personal(LEAVE_REQUEST, "mentor_round"),
        "presentation": Personal(PROFILE_TEXT, "mentor_round"),
        "develop_text": Personal(PROFILE_TEXT, "mentor_round"),
        "offer_text": Personal(PROFILE_TEXT, "mentor_round"),
        "profile_visible": Personal(MENTOR_PROFILE, "mentor_round"),
    },
    "mentor_adept_wish": {
        "adept_id": Personal(MENTOR_WISH, "mentor_round"),
        "mentor_id": Personal(MENTOR_WISH, "mentor_round"),
        "rank": Personal(MENTOR_WISH, "mentor_round"),
    },
    "mentor_exclusion": {
        "mentor_id": Personal(MENTOR_MARK, "mentor_round"),
        "adept_id": Personal(MENTOR_MARK, "mentor_round"),
        "reason": Personal(MENTOR_MARK, "mentor_round"),
        "created_at": Personal(MENTOR_MARK, "mentor_round"),
    },
    "mentor_match_rule": {
        "adept_id": Personal(MATCH_DECISION, "mentor_round"),
        "mentor_id": Personal(MATCH_DECISION, "mentor_round"),
        "kind": Personal(MATCH_DECISION, "mentor_round"),
        "reason": Personal(MATCH_DECISION, "mentor_round"),
        "created_by_id": Personal(ADMIN_TRACE, "mentor_round"),
        "created_at": Personal(MATCH_DECISION, "mentor_round"),
    },
    "mentor_match_run": {
        "created_by_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_proposed_pair": {
        "adept_id": Personal(MATCH_PROPOSAL, "mentor_round"),
        "mentor_id": Personal(MATCH_PROPOSAL, "mentor_round"),
        "score": Personal(MATCH_PROPOSAL, "mentor_round"),
        "contributions": Personal(MATCH_PROPOSAL, "mentor_round"),
        "reasons": Personal(MATCH_PROPOSAL, "mentor_round"),
        "locked": Personal(MATCH_PROPOSAL, "mentor_round"),
        "unmatched_reason": Personal(MATCH_PROPOSAL, "mentor_round"),
    },
    "mentor_pair": {
        "adept_id": Personal(MENTOR_PAIR, "mentor_round"),
        "mentor_id": Personal(MENTOR_PAIR, "mentor_round"),
        "score": Personal(MENTOR_PAIR, "mentor_round"),
        "contributions": Personal(MENTOR_PAIR, "mentor_round"),
        "reasons": Personal(MENTOR_PAIR, "mentor_round"),
        "published_at": Personal(MENTOR_PAIR, "mentor_round"),
        "ended_at": Personal(MENTOR_PAIR, "mentor_round"),
        "ended_reason": Personal(_l("Varför paret avslutades, så att adepten kan matchas om."),
                                 "mentor_round"),
        "ended_by_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_talk": {
        "author_id": Personal(MENTOR_TALK, "mentor_round"),
        "held_on": Personal(MENTOR_TALK, "mentor_round"),
        "minutes": Personal(MENTOR_TALK, "mentor_round"),
        "private_note": Personal(_l("Din egen anteckning om samtalet; bara du kan läsa den."),
                                 "mentor_round"),
        "created_at": Personal(MENTOR_TALK, "mentor_round"),
    },
    "mentor_workshop_signup": {
        "enrolment_id": Personal(WORKSHOP, "mentor_round"),
        "signed_up_at": Personal(WORKSHOP, "mentor_round"),
    },
    # a row per person present (mentorship.events), beside their sign-up
    "mentor_workshop_attendance": {
        "workshop_id": Personal(WORKSHOP, "mentor_round"),
        "enrolment_id": Personal(WORKSHOP, "mentor_round"),
    },
    "mentor_evaluation_answer": {
        "enrolment_id": Personal(EVALUATION, "mentor_round"),
        "overall": Personal(EVALUATION, "mentor_round"),
        "matching": Personal(EVALUATION, "mentor_round"),
        "talks": Personal(EVALUATION, "mentor_round"),
        "workshops": Personal(EVALUATION, "mentor_round"),
        "comment": Personal(EVALUATION, "mentor_round"),
        "answered_at": Personal(EVALUATION, "mentor_round"),
    },
    "mentor_fit_check": {
        "enrolment_id": Personal(FIT_CHECK, "mentor_round"),
        "asked_at": Personal(FIT_CHECK, "mentor_round"),
        "answer": Personal(FIT_CHECK, "mentor_round"),
        "note": Personal(FIT_CHECK, "mentor_round"),
        "answered_at": Personal(FIT_CHECK, "mentor_round"),
        "handled_at": Personal(FIT_CHECK, "mentor_round"),
        "handled_by_id": Personal(ADMIN_TRACE, "mentor_round"),
    },
    "mentor_nomination": {
        "adept_id": Personal(NOMINATION, "mentor_round"),
        "mentor_id": Personal(NOMINATION, "mentor_round"),
        "text": Personal(NOMINATION, "mentor_round"),
        "quote_consent": Personal(NOMINATION, "mentor_round"),
        "winner": Personal(NOMINATION, "mentor_round"),
        "created_at": Personal(NOMINATION, "mentor_round"),
    },
    # --- the trainee programme --------------------------------------------------------
    "trainee": {
        "user_id": Personal(TRAINEE, "trainee"),
        "imported_name": Personal(_l("Namnet på en trainee från en tidigare grupp som "
                                  "importerats utan konto."), "trainee"),
        "cohort_id": Personal(TRAINEE, "trainee"),
        "degree": Personal(EDUCATION, "trainee"),
        "field_of_study": Personal(EDUCATION, "trainee"),
        "graduation_year": Personal(EDUCATION, "trainee"),
        "host_municipality_id": Personal(PLACEMENT, "trainee"),
        "business_area_id": Personal(PLACEMENT, "trainee"),
        "position_title": Personal(PLACEMENT, "trainee"),
        "supervisor_name": Personal(_l("Din handledare under placeringen (handledarens namn)."),
                                    "trainee"),
        "supervisor_email": Personal(_l("Din handledare under placeringen (handledarens "
                                     "e-post)."), "trainee"),
        "assignment": Personal(PLACEMENT, "trainee"),
        "created_at": Personal(TRAINEE, "trainee"),
    },
    "trainee_attendance": {
        "event_id": Personal(ATTENDANCE, "trainee"),
        "trainee_id": Personal(ATTENDANCE, "trainee"),
    },
    "trainee_outcome": {
        "trainee_id": Personal(OUTCOME, "trainee"),
        "category": Personal(OUTCOME, "trainee"),
        "employer_municipality_id": Personal(OUTCOME, "trainee"),
        "position_title": Personal(OUTCOME, "trainee"),
        "start_date": Personal(OUTCOME, "trainee"),
        "updated_at": Personal(OUTCOME, "trainee"),
        "updated_by_id": Personal(HR_TRACE, "trainee"),
    },
    "trainee_outcome_reminder": {
        "actor_id": Personal(ADMIN_TRACE, "trainee"),
        "recipient_ids": Personal(_l("Spårbarhet: att du som HR-kontakt fick en påminnelse "
                                     "om utfall som saknas."), "trainee"),
    },
    "trainee_outcome_change": {
        "outcome_id": Personal(OUTCOME_HISTORY, "trainee"),
        "changed_at": Personal(OUTCOME_HISTORY, "trainee"),
        "changed_by_id": Personal(HR_TRACE, "trainee"),
        "changes": Personal(OUTCOME_HISTORY, "trainee"),
    },
    # --- the network register ---------------------------------------------------------
    "network_member": {
        "user_id": Personal(NETWORK_MEMBER, "network"),
        "name": Personal(NETWORK_MEMBER, "network"),
        "municipality_id": Personal(NETWORK_MEMBER, "network"),
        "role_title": Personal(NETWORK_MEMBER, "network"),
        "email": Personal(NETWORK_MEMBER, "network"),
        "joined_on": Personal(NETWORK_MEMBER, "network"),
        "left_on": Personal(NETWORK_MEMBER, "network"),
    },
    "network_coordinator": {
        "user_id": Personal(NETWORK_COORDINATOR, "network"),
        "started_on": Personal(NETWORK_COORDINATOR, "network"),
        "ended_on": Personal(NETWORK_COORDINATOR, "network"),
    },
    "network_invitation": {
        "user_id": Personal(NETWORK_INVITATION, "network"),
        "kind": Personal(NETWORK_INVITATION, "network"),
        "role_title": Personal(NETWORK_INVITATION, "network"),
        "invited_by_id": Personal(NETWORK_INVITATION, "network"),
        "created_at": Personal(NETWORK_INVITATION, "network"),
    },
    "network_survey_answer": {
        "member_id": Personal(NETWORK_SURVEY, "network"),
        "ratings": Personal(NETWORK_SURVEY, "network"),
        "comment": Personal(NETWORK_SURVEY, "network"),
        "answered_at": Personal(NETWORK_SURVEY, "network"),
    },
}

NOT_PERSONAL: dict[str, set[str]] = {
    "municipality": {"id", "code", "name", "latitude", "longitude", "active"},
    "business_area": {"id", "name", "active"},
    "user_account": {"id", "is_erased"},
    "calendar_feed": {"id"},
    "user_role": {"user_id"},
    "user_session": {"id", "token_hash", "user_id"},
    "user_identity": {"id"},
    # a municipality's login settings (the client secret is never stored)
    "identity_provider": {
        "id", "municipality_id", "issuer", "client_id", "domains", "passwords_allowed",
        "self_signup", "updated_at",
    },
    "user_token": {"id", "token_hash", "purpose", "user_id", "created_by_id", "attempts"},
    "outbox_message": {
        "id", "created_at", "sent_at", "error", "language", "message_id", "attempts",
        "next_attempt_at", "claimed_at", "claim_token", "failed_at",
    },
    "audit_entry": {
        "id", "at", "actor_role", "actor_municipality_id", "action", "record_type",
        "record_id", "subject_municipality_id",
    },
    "alembic_version": {"version_num"},
    # --- the mentor programme: the round, its workshops and the engine's settings ----
    "mentor_goal": {"id", "name", "active"},
    "mentor_round": {
        "id", "name", "starts_on", "ends_on", "state", "min_score", "weights",
        "evaluation_open", "auto_reminders", "texts", "created_at",
    },
    "mentor_round_transition": {"id", "round_id", "from_state", "to_state", "at"},
    # a round's earlier name and dates (not about a person)
    "mentor_round_change": {"id", "round_id", "field", "old_value", "new_value", "at"},
    # the text sent and how many got it (no recipients stored; the outbox has the mail)
    "mentor_reminder": {
        "id", "round_id", "selection", "weeks", "subject", "body", "recipients", "automatic",
        "sent_at",
    },
    "mentor_enrolment": {"id", "round_id"},
    "mentor_match_rule": {"id", "round_id"},
    "mentor_adept_wish": {"id", "round_id"},
    "mentor_exclusion": {"id", "round_id"},
    "mentor_wish_period": {"round_id", "opens_on", "closes_on"},
    # figures are counts and shares for the whole round, never per person
    "mentor_match_run": {
        "id", "round_id", "weights", "min_score", "total_score", "previous_total", "figures",
        "created_at",
    },
    "mentor_proposed_pair": {"id", "run_id"},
    "mentor_pair": {"id", "round_id"},
    "mentor_talk": {"id", "pair_id"},
    "mentor_workshop": {
        "id", "round_id", "number", "title", "starts_at", "ends_at", "place", "link",
        "host_municipality_id", "capacity", "calendar_sequence", "calendar_updated_at",
    },
    "mentor_workshop_signup": {"id", "workshop_id"},
    "mentor_evaluation_answer": {"id", "round_id"},
    "mentor_fit_check": {"id", "pair_id"},
    "mentor_nomination": {"id", "round_id"},
    # --- the trainee programme: cohorts, their events and the group project ----------
    "trainee_cohort": {"id", "number", "start_date", "length_months", "created_at"},
    "trainee": {"id"},
    "trainee_event": {
        "id", "cohort_id", "kind", "title", "starts_at", "ends_at", "place",
        "host_municipality_id", "calendar_sequence", "calendar_updated_at",
    },
    # the group's project: the assignment comes from an organisation, not a person
    "trainee_project": {
        "id", "cohort_id", "assignment", "given_by", "result", "presented_where",
        "presented_on",
    },
    "trainee_milestone": {"id", "cohort_id", "title", "due_on", "done"},
    "trainee_outcome": {"id", "version"},
    "trainee_outcome_change": {"id", "source"},
    # the text sent and how many got it; the recipients are personal (above)
    "trainee_outcome_reminder": {"id", "subject", "body", "missing", "recipients", "sent_at"},
    "retention_rule": {"id", "municipality_id", "kind", "months"},
    # --- the network register: networks, their municipalities, plans and surveys ------
    "network_field": {"id", "name", "active"},
    "network": {
        "id", "name", "field_id", "status", "secretariat_informed_on", "activated_on",
        "closed_on", "close_reason", "close_secretariat_informed", "created_at",
    },
    "network_municipality": {
        "id", "network_id", "municipality_id", "invited_on", "answer", "answered_on",
        "management_asked", "secretariat_told", "closing_informed",
    },
    # meeting_lead says who leads the meetings as the network writes it (a role, or "the
    # coordinator"); the people are in network_member and network_coordinator.
    "network_plan": {
        "id", "network_id", "year", "purpose", "goals", "meeting_frequency", "meeting_place",
        "meeting_lead", "updated_at",
    },
    "network_survey": {"id", "title", "questions", "opened_on", "closed_on", "created_at"},
    "network_member": {"id", "network_id"},
    "network_coordinator": {"id", "network_id"},
    "network_invitation": {"id", "network_id"},
    "network_survey_answer": {"id", "survey_id", "network_id"},
    "purge_log": {"id", "at", "reason", "kind", "count"},
    # A random token naming this database, carried by every job (mentorship/jobs/payload.py).
    "database_identity": {"id", "token", "created_at"},
    # a random token per form rendering, claimed once (mentorship.once); kept a day
    "form_once": {"id", "token", "created_at"},
    # the annual report: the coordinator's wording of a paragraph about the programmes
    # (figures and programme facts; names of participants are never generated into it)
    "report_paragraph": {"id", "year", "key", "text", "edited_at"},
}

# Outside the database: a large export run as a job (mentorship/jobs/exportfiles.py) keeps
# the exported rows, i.e. the personal data of the export it was made from, in Redis under
# the job's id for EXPORT_FILE_TTL_SECONDS (15 minutes), for the person who started it only;
# Redis then drops it. Its download is audited as an export. An uploaded import file waits
# for its job under a key of its own (JOBS_UPLOAD_TTL_SECONDS, one hour at most) and the
# worker deletes it when the job ends; the job itself carries ids only.

# Tables whose changes are not themselves audited (they are logs or security plumbing).
# mentor_proposed_pair: the engine's output, replaced on every run; the run is audited.
NOT_AUDITED = {
    "audit_entry", "user_session", "user_token", "outbox_message", "purge_log",
    "mentor_proposed_pair",
}


@cache
def personal_tables() -> frozenset[str]:
    return frozenset(t for t in PERSONAL if t not in NOT_AUDITED)
