"""Swedish labels for the programme's codes (lazy, so they follow the chosen language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from mentorship.trainees.models import (
    EMPLOYED_OUTSIDE,
    FIXED_TERM_MEMBER,
    PERMANENT_MEMBER,
    SEEKING_WORK,
    STUDIES,
    STUDY_VISIT,
    TRAINING_DAY,
    UNKNOWN,
)


def outcome_labels() -> dict:
    return {
        PERMANENT_MEMBER: _l("Tillsvidareanställning i en medlemskommun"),
        FIXED_TERM_MEMBER: _l("Visstidsanställning i en medlemskommun"),
        EMPLOYED_OUTSIDE: _l("Anställd utanför medlemskommunerna"),
        STUDIES: _l("Studier"),
        SEEKING_WORK: _l("Söker arbete"),
        UNKNOWN: _l("Okänt"),
    }


def event_kind_labels() -> dict:
    return {TRAINING_DAY: _l("Utbildningsdag"), STUDY_VISIT: _l("Studiebesök")}


def outcome_field_labels() -> dict:
    """Names of the outcome fields in the history."""
    return {
        "category": _l("Utfall"),
        "employer": _l("Anställande kommun"),
        "position_title": _l("Befattning"),
        "start_date": _l("Startdatum"),
    }
