"""Double posts and races end in one row and a clear message, never an error page.

Every unique constraint and unique index of the schema has its message here. When two
requests insert the same row at once, the loser's flush or commit raises IntegrityError:
`init_duplicates` turns that into the message of the constraint it broke and a redirect
back to the page, with nothing of the losing request saved. The messages are the words the
services use when they find the row first (the tests hold them equal), so the loser of a
race reads what a second, later post would. `tests/app/test_duplicates.py`
fails when a constraint has no message, so a new one cannot fall back to an error page.
"""

from __future__ import annotations

import logging
import re

from flask import Flask, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from mentorship.extensions import db

log = logging.getLogger(__name__)


def messages() -> dict[str, str]:
    """The message of each unique constraint or index, by name."""
    again = _("Det gick inte att spara. Försök igen.")
    return {
        "uq_business_area_name": _("Det finns redan ett verksamhetsområde med det namnet."),
        "uq_mentor_goal_name": _("Det finns redan ett mål med det namnet."),
        "uq_mentor_round_name": _("Det finns redan en omgång med det namnet."),
        "uq_municipality_code": _("Det finns redan en kommun med den koden."),
        "uq_municipality_name": _("Det finns redan en kommun med det namnet."),
        "uq_network_field_name": _("Det finns redan ett samverkansområde med det namnet."),
        "uq_trainee_cohort_number": _("Traineegruppen finns redan."),
        "uq_mentor_workshop_number": _("Workshoppen finns redan i omgången."),
        "uq_network_name": _("Det finns redan ett nätverk med det namnet."),
        "uq_retention_rule_municipality_id": _("Gallringstiden är redan sparad."),
        "uq_trainee_project_cohort_id": _("Gruppen har redan ett grupprojekt."),
        "uq_user_account_email": _("Det finns redan ett konto med den e-postadressen."),
        "uq_calendar_feed_user_id": _("Kalenderlänken är redan skapad."),
        "uq_calendar_feed_token_hash": again,
        "uq_identity_provider_municipality_id": _("Kommunen har redan en egen inloggning."),
        "uq_user_identity_issuer": again,  # the login through the provider, done twice
        "uq_mentor_adept_wish_mentor": _("Mentorn finns redan bland dina önskemål."),
        "uq_mentor_adept_wish_rank": _("Önskemålen är redan sparade."),
        "uq_mentor_exclusion_pair": _("Adepten är redan markerad."),
        "uq_mentor_fit_check_pair_enrolment": _("Ditt svar är redan sparat."),
        "uq_report_paragraph_year": _("Stycket sparades nyss av någon annan. Sidan visar det "
                                      "som är sparat."),
        "uq_mentor_enrolment_round_user": _("Personen är redan inbjuden till omgången."),
        # The same words as an invitation sent: nothing about who has an account.
        "uq_network_invitation_network_id": _(
            "Om det finns ett konto med den e-postadressen får personen en inbjudan. "
            "Hen syns i nätverket när hen har tackat ja."
        ),
        "uq_network_municipality_network_id": _("Kommunen är redan med i nätverket."),
        "uq_network_plan_network_id": _("Planen för året är redan sparad."),
        "uq_trainee_user_id": _("Personen är redan registrerad som trainee."),
        "uq_trainee_cohort_id": _("Traineen finns redan i gruppen."),
        "uq_user_session_token_hash": again,
        "uq_user_token_token_hash": again,
        "uq_mentor_evaluation_answer_enrolment_id": _("Din utvärdering är redan inskickad."),
        "uq_mentor_match_rule_adept_mentor": _("Det finns redan en regel för paret."),
        "uq_mentor_nomination_adept_id": _("Nomineringen är redan inskickad."),
        "uq_mentor_workshop_signup": _("Anmälan till workshoppen är redan gjord."),
        "uq_network_survey_answer_survey_id": _("Svaret på enkäten är redan inskickat."),
        "uq_trainee_outcome_trainee_id": _(
            "Utfallet rapporterades nyss av någon annan. Sidan visar det som är sparat."
        ),
        "uq_mentor_talk_pair_author_day": _("Du har redan loggat ett samtal den dagen."),
        "uq_form_once_token": _("Formuläret var redan skickat och är sparat en gång."),
    }


def unique_keys() -> dict[str, tuple[str, frozenset[str]]]:
    """Every unique constraint and unique index of the models: name -> (table, columns)."""
    keys: dict[str, tuple[str, frozenset[str]]] = {}
    for table in db.metadata.sorted_tables:
        items: list[UniqueConstraint | Index] = [
            c for c in table.constraints if isinstance(c, UniqueConstraint)
        ]
        items += [i for i in table.indexes if i.unique]
        for item in items:
            keys[str(item.name)] = (table.name, frozenset(c.name for c in item.columns))
    return keys


_SQLITE = re.compile(r"UNIQUE constraint failed: (.+)")


def broken_key(err: IntegrityError) -> str | None:
    """The name of the unique constraint the error broke, on PostgreSQL and SQLite."""
    diag = getattr(err.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return str(name)
    found = _SQLITE.search(str(err.orig))
    if not found:
        return None
    columns = [c.strip() for c in found.group(1).split(",")]
    table = columns[0].split(".")[0]
    wanted = (table, frozenset(c.split(".", 1)[1] for c in columns))
    return next((n for n, key in unique_keys().items() if key == wanted), None)


def message_for(err: IntegrityError) -> str:
    key = broken_key(err)
    return messages().get(key or "", _(
        "Det du skickade krockade med en ändring som gjordes samtidigt. Inget sparades; "
        "sidan visar det som gäller nu."
    ))


def init_duplicates(app: Flask) -> None:
    @app.errorhandler(IntegrityError)
    def duplicate(err: IntegrityError):
        db.session.rollback()
        log.info("integrity error answered with a message: %s", broken_key(err) or "other")
        flash(message_for(err), "error")
        # Back to the form that was posted; a page that failed to load goes to the start
        # page instead, so that a fault cannot redirect to itself for ever.
        target = request.url if request.method != "GET" else url_for("main.index")
        return redirect(target, code=303)
