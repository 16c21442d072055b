"""Per-round e-mail texts (enrolment, publishing, a pair ended, reminders) and evaluation
questions, edited by admins. A round without its own text uses today's default. Texts use
named placeholders in braces, e.g. {namn}; each kind lists the ones it offers, an unknown
one is refused when saving, and a preview fills them with example values."""

from __future__ import annotations

import string

from flask_babel import gettext as _
from sqlalchemy.orm.attributes import flag_modified

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import MentorRound
from mentorship.mentoring.rounds import changes as round_changes
from mentorship.services import ServiceError

ENROLLED, PUBLISH, ENDED, REMINDER = "anmald", "publicering", "avslutat", "paminnelse"
KINDS = (ENROLLED, PUBLISH, ENDED, REMINDER)
QUESTIONS = ("overall", "matching", "talks", "workshops")


def placeholders(kind: str) -> dict[str, str]:
    """Placeholder -> what it becomes (and an example for the preview)."""
    common = {"namn": _("mottagarens namn"), "omgång": _("omgångens namn")}
    return {
        ENROLLED: {**common, "länk": _("länken till profilen")},
        PUBLISH: {**common, "roll": _("partnerns roll (mentor eller adept)"),
                  "partner": _("partnerns namn"), "kommun": _("partnerns kommun"),
                  "epost": _("partnerns e-postadress"),
                  "profil": _("partnerns mål, egna ord, presentation, verksamhetsområde och "
                              "mötessätt"),
                  "länk": _("länken till deltagarens sida")},
        ENDED: {**common, "partner": _("partnerns namn")},
        REMINDER: {"omgång": _("omgångens namn")},
    }[kind]


def examples() -> dict[str, str]:
    return {"namn": "Anna Andersson", "omgång": "Hösten 2026", "länk": "https://…/mentorskap/",
            "roll": _("mentor"), "partner": "Per Persson", "kommun": "Klippan",
            "epost": "per.persson@example.org",
            "profil": _("Verksamhetsområde: Socialtjänst\nKan erbjuda: Svåra samtal")}


def defaults(kind: str) -> tuple[str, str]:
    """Today's texts, written with placeholders."""
    sign = _("Vänliga hälsningar\nHR-nätverket")
    return {
        ENROLLED: (_("Du är anmäld till mentorsprogrammet: {omgång}"),
                   _("Hej {namn}!\n\nDu är anmäld till mentorsprogrammets omgång {omgång}. "
                     "Fyll i din profil här innan anmälan stänger:\n\n{länk}") + "\n\n" + sign),
        PUBLISH: (_("Din matchning i mentorsprogrammet {omgång}"),
                  _("Hej {namn}!\n\nDin {roll} i omgången {omgång} är {partner}, {kommun} "
                    "({epost}).\n\n{profil}\n\nSe mer och boka ert första mentorssamtal: "
                    "{länk}")
                  + "\n\n" + sign),
        ENDED: (_("Ert par i mentorsprogrammet {omgång} är avslutat"),
                _("Hej {namn}!\n\nSamordnaren har avslutat ditt par med {partner} i omgången "
                  "{omgång}. Hör av dig till HR-nätverkets samordnare om du har frågor.")
                + "\n\n" + sign),
        REMINDER: (_("Påminnelse från mentorsprogrammet {omgång}"),
                   _("Vi ser att ni inte har loggat något mentorssamtal på ett tag i {omgång}. "
                     "Boka gärna ert nästa samtal och logga det när ni har setts.")),
    }[kind]


def _fields(text: str) -> set[str]:
    try:
        return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None}
    except ValueError:
        raise ServiceError(_("En klammerparentes saknar sin motsvarighet; skriv "
                             "platshållare som {namn}."), field="body") from None


def check(kind: str, subject: str, body: str) -> None:
    if not subject.strip():
        raise ServiceError(_("Skriv en ämnesrad."), field="subject")
    if not body.strip():
        raise ServiceError(_("Skriv ett meddelande."), field="body")
    allowed = set(placeholders(kind))
    for field, text in (("subject", subject), ("body", body)):
        unknown = sorted(f for f in _fields(text) if f not in allowed)
        if unknown:
            raise ServiceError(
                _("Okänd platshållare: %(names)s. Du kan använda %(allowed)s.",
                  names=", ".join("{" + u + "}" for u in unknown),
                  allowed=", ".join("{" + a + "}" for a in sorted(allowed))),
                field=field,
            )


def fill(text: str, values: dict[str, str]) -> str:
    return text.format_map({k: str(v) for k, v in values.items()})


def current(round_: MentorRound, kind: str) -> tuple[str, str, bool]:
    """(subject, body, is_own) for the round: its own text, else the default."""
    own = (round_.texts or {}).get(kind)
    if own:
        return own["subject"], own["body"], True
    subject, body = defaults(kind)
    return subject, body, False


def custom(round_: MentorRound, kind: str, **values: str) -> tuple[str, str] | None:
    """The round's own text filled in, or None when the round uses the default."""
    own = (round_.texts or {}).get(kind)
    if not own:
        return None
    return fill(own["subject"], values), fill(own["body"], values)


def preview(kind: str, subject: str, body: str) -> tuple[str, str]:
    check(kind, subject, body)
    values = {k: v for k, v in examples().items() if k in placeholders(kind)}
    return fill(subject, values), fill(body, values)


def save(round_: MentorRound, kind: str, subject: str, body: str,
         actor: User | None = None) -> None:
    """Stores the round's own text; a save that changes it is recorded as a round change."""
    check(kind, subject, body)
    texts = dict(round_.texts or {})
    new = {"subject": subject.strip(), "body": body.strip()}
    if texts.get(kind) != new:
        round_changes.record_text_change(actor, round_, kind, round_changes.CHANGED)
    texts[kind] = new
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()


def reset(round_: MentorRound, kind: str, actor: User | None = None) -> None:
    """Back to the default text; recorded as a round change when the round had its own."""
    texts = dict(round_.texts or {})
    if texts.pop(kind, None):
        round_changes.record_text_change(actor, round_, kind, round_changes.RESET)
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()


def question_labels(round_: MentorRound | None) -> dict[str, str]:
    from mentorship.mentoring.labels import question_labels as default_labels

    labels = dict(default_labels())
    own = ((round_.texts or {}).get("fragor") or {}) if round_ is not None else {}
    labels.update({k: v for k, v in own.items() if k in QUESTIONS and v})
    return labels


def save_questions(round_: MentorRound, labels: dict[str, str],
                   actor: User | None = None) -> None:
    from mentorship.mentoring.labels import question_labels as default_labels

    defaults_ = default_labels()
    own = {}
    for key in QUESTIONS:
        text = (labels.get(key) or "").strip()
        if not text:
            raise ServiceError(_("Skriv frågan."), field=key)
        if len(text) > 200:
            raise ServiceError(_("Skriv högst 200 tecken."), field=key)
        if text != defaults_[key]:
            own[key] = text
    texts = dict(round_.texts or {})
    if (texts.get("fragor") or {}) != own:  # back to all defaults is a reset
        round_changes.record_text_change(actor, round_, "fragor", round_changes.CHANGED
                                         if own else round_changes.RESET)
    texts["fragor"] = own
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()
