"""The mentor programme's labels of its codes, in one place (`mentorship.labels`: each set
is built per request in the reader's language).

The codes of the round's texts, the reminders and the round's change list come from
`mentoring.codes`, which the rooms import too: the labels import no room.
"""

from __future__ import annotations

from flask_babel import gettext as _

from matching import CRITERIA
from mentorship.labels import labels
from mentorship.mentoring.codes import (
    CHANGED,
    ENDED,
    ENROLLED,
    EVALUATION,
    INVITATION,
    PROFILE,
    PUBLISH,
    REMINDER,
    RESET,
    SILENT,
    TEXT,
)
from mentorship.mentoring.models import (
    ADEPT,
    CLOSED,
    DRAFT,
    MATCHING,
    MENTOR,
    OPEN,
    PUBLISHED,
    RUNNING,
)

# --- rounds ------------------------------------------------------------------------------


@labels
def state_labels() -> dict[str, str]:
    return {
        DRAFT: _("Utkast"),
        OPEN: _("Öppen för anmälan"),
        MATCHING: _("Matchning"),
        PUBLISHED: _("Publicerad"),
        RUNNING: _("Pågår"),
        CLOSED: _("Avslutad"),
    }


@labels
def state_phrases() -> dict[str, str]:
    """The state as it reads after "omgången är" ("omgången är igång", not "är pågår")."""
    return {
        DRAFT: _("ett utkast"),
        OPEN: _("öppen för anmälan"),
        MATCHING: _("i matchning"),
        PUBLISHED: _("publicerad"),
        RUNNING: _("igång"),
        CLOSED: _("avslutad"),
    }


@labels
def transition_labels() -> dict[str, str]:
    """The buttons that move a round to a state."""
    return {
        OPEN: _("Öppna för anmälan"),
        DRAFT: _("Gör till utkast igen"),
        MATCHING: _("Stäng anmälan och börja matcha"),
        RUNNING: _("Starta omgången"),
        CLOSED: _("Avsluta omgången"),
    }


@labels
def change_field_labels() -> dict[str, str]:
    """What a recorded change of the round changed (its details, a text, the questions)."""
    fields = {"name": _("Namn"), "starts_on": _("Startdatum"), "ends_on": _("Slutdatum"),
              TEXT + "fragor": _("Utvärderingsfrågorna")}
    for kind, label in text_kind_labels().items():
        fields[TEXT + kind] = _("Texten ”%(text)s”", text=label)
    return fields


@labels
def change_value_labels() -> dict[str, str]:
    """How a text change is shown in the list (its values are codes, not the text)."""
    return {CHANGED: _("ändrad"), RESET: _("återställd")}


@labels
def text_kind_labels() -> dict[str, str]:
    """The round's e-mail texts."""
    return {
        ENROLLED: _("Anmäld till omgången"),
        PUBLISH: _("Paren är publicerade"),
        ENDED: _("Ett par är avslutat"),
        REMINDER: _("Påminnelse till par utan samtal"),
    }


@labels
def reminder_selection_labels() -> dict[str, str]:
    """Whom a reminder goes to."""
    return {
        PROFILE: _("Har inte fyllt i profilen"),
        INVITATION: _("Har inte accepterat inbjudan (aldrig satt ett lösenord)"),
        SILENT: _("Par utan loggat samtal de senaste veckorna"),
        EVALUATION: _("Har inte svarat på utvärderingen"),
    }


# --- the participant's profile -----------------------------------------------------------


@labels
def language_labels() -> dict[str, str]:
    return {
        "sv": _("Svenska"),
        "en": _("Engelska"),
        "ar": _("Arabiska"),
        "fa": _("Persiska"),
        "bs": _("Bosniska/kroatiska/serbiska"),
        "pl": _("Polska"),
        "fi": _("Finska"),
        "de": _("Tyska"),
        "es": _("Spanska"),
        "so": _("Somaliska"),
    }


@labels
def role_labels() -> dict[str, str]:
    return {MENTOR: _("Mentor"), ADEPT: _("Adept")}


@labels
def gender_labels() -> dict[str, str]:
    return {"woman": _("Kvinna"), "man": _("Man"), "other": _("Annat")}


@labels
def meeting_labels() -> dict[str, str]:
    return {
        "in_person": _("Helst fysiska möten"),
        "digital": _("Helst digitala möten"),
        "either": _("Båda går bra: fysiskt eller digitalt"),
    }


@labels
def level_labels() -> dict[int, str]:
    return {
        1: _("1 – första linjens chef"),
        2: _("2 – mellanchef"),
        3: _("3 – högre chef"),
    }


# --- matching ----------------------------------------------------------------------------


@labels
def criterion_labels() -> dict[str, str]:
    """The engine's criteria (the weight fields, the proposal's score columns)."""
    names = {
        "business_area": _("Olika verksamhetsområden"),
        "goals": _("Utvecklingsmål"),
        "experience": _("Chefserfarenhet"),
        "gender": _("Önskat kön"),
        "distance": _("Avstånd"),
        "wish": _("Adeptens önskemål"),
    }
    return {key: names[key] for key in CRITERIA}


@labels
def criterion_short_labels() -> dict[str, str]:
    """One word per criterion for the proposal's narrow number columns (the full name is
    read out by screen readers and shown on each card on a small screen)."""
    return {
        "business_area": _("Verksamhet"),
        "goals": _("Mål"),
        "experience": _("Erfarenhet"),
        "gender": _("Kön"),
        "distance": _("Avstånd"),
        "wish": _("Önskemål"),
    }


# --- the evaluation ----------------------------------------------------------------------


@labels
def question_labels() -> dict[str, str]:
    """The evaluation's questions as worded by default (a round may word its own:
    `round_texts.question_labels(round_)`)."""
    return {
        "overall": _("Hur nöjd är du med programmet som helhet?"),
        "matching": _("Hur väl passade matchningen dig?"),
        "talks": _("Hur givande var mentorssamtalen?"),
        "workshops": _("Hur givande var programworkshopparna?"),
    }


@labels
def group_labels() -> dict[str, str]:
    """The groups the evaluation's figures are given for."""
    return {"all": _("Alla"), "mentor": _("Mentorer"), "adept": _("Adepter")}
