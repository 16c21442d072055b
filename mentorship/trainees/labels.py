"""The trainee programme's labels of its codes (`mentorship.labels`: built per request)."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.labels import labels
from mentorship.trainees.models import (
    COHORT_FINISHED,
    COHORT_NOT_STARTED,
    COHORT_RUNNING,
    EMPLOYED_OUTSIDE,
    FIXED_TERM_MEMBER,
    PERMANENT_MEMBER,
    SEEKING_WORK,
    STUDIES,
    STUDY_VISIT,
    TRAINING_DAY,
    UNKNOWN,
)


@labels
def outcome_labels() -> dict[str, str]:
    return {
        PERMANENT_MEMBER: _("Tillsvidareanställning i en medlemskommun"),
        FIXED_TERM_MEMBER: _("Visstidsanställning i en medlemskommun"),
        EMPLOYED_OUTSIDE: _("Anställd utanför medlemskommunerna"),
        STUDIES: _("Studier"),
        SEEKING_WORK: _("Söker arbete"),
        UNKNOWN: _("Okänt"),
    }


@labels
def cohort_status_labels() -> dict[str, str]:
    """A cohort's status (Cohort.status), on the list of cohorts and on its page."""
    return {COHORT_NOT_STARTED: _("Inte startad"), COHORT_RUNNING: _("Pågår"),
            COHORT_FINISHED: _("Avslutad")}


@labels
def event_kind_labels() -> dict[str, str]:
    return {TRAINING_DAY: _("Utbildningsdag"), STUDY_VISIT: _("Studiebesök")}


@labels
def outcome_field_labels() -> dict[str, str]:
    """Names of the outcome fields in the history."""
    return {
        "category": _("Utfall"),
        "employer": _("Anställande kommun"),
        "position_title": _("Befattning"),
        "start_date": _("Startdatum"),
    }
