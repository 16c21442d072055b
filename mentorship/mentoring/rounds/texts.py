"""Per-round e-mail texts (enrolment, publishing, a pair ended, reminders) and evaluation
questions, edited by admins. A round without its own text uses today's default. Texts use
named placeholders in braces, e.g. {namn}; each kind lists the ones it offers, an unknown
one is refused when saving, and a preview fills them with example values.

The grammar is ours, not Python's str.format: `{name}` and nothing else (no conversion,
attribute, index or format spec, which str.format would obey and which once let a saved
text make every later enrolment fail), `{{` and `}}` for a literal brace. `fill` is the
one place a text is filled in; it never raises and caps what it produces."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy.orm.attributes import flag_modified

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring import codes
from mentorship.mentoring.codes import ENDED, ENROLLED, PUBLISH, REMINDER
from mentorship.mentoring.labels import question_labels as default_labels
from mentorship.mentoring.models import MentorRound
from mentorship.mentoring.rounds import changes as round_changes
from mentorship.refusals import ServiceError

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


# Either a doubled brace, a {...} group or a lone brace; a name is a word that does not
# start with a digit (Swedish letters included: {omgång}, {länk}).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[^\W\d]\w*")
SUBJECT_MAX, BODY_MAX = 200, 4000  # what may be saved (the form says the same)
# What a filled-in text may become: placeholders can make a text longer (a long name
# repeated), never beyond this.
FILLED_MAX = {"subject": 300, "body": 8000}


def _placeholder_error(inner: str, field: str) -> ServiceError:
    shown = "{" + inner[:40] + "}"
    if "!" in inner:
        why = _("%(p)s: en platshållare kan inte ha en omvandling (!).", p=shown)
    elif ":" in inner:
        why = _("%(p)s: en platshållare kan inte ha ett format (:).", p=shown)
    elif "." in inner:
        why = _("%(p)s: en platshållare kan inte ha ett attribut (.).", p=shown)
    elif "[" in inner or "]" in inner:
        why = _("%(p)s: en platshållare kan inte ha ett index ([…]).", p=shown)
    elif not inner.strip():
        why = _("Tomma klammerparenteser {} är ingen platshållare.")
    else:
        why = _("%(placeholder)s är ingen platshållare.", placeholder=shown)
    return ServiceError(
        why + " " + _("Skriv bara namnet inom klammerparenteser, som {namn}."), field=field
    )


def _fields(text: str, field: str) -> set[str]:
    """The placeholder names in the text; anything but a plain {name} is refused."""
    names: set[str] = set()
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            raise ServiceError(_("En klammerparentes saknar sin motsvarighet; skriv "
                                 "platshållare som {namn} och en ensam klammer som {{ eller }}."),
                               field=field)
        inner = match.group(1)
        if not _NAME.fullmatch(inner):
            raise _placeholder_error(inner, field)
        names.add(inner)
    return names


def check(kind: str, subject: str, body: str) -> None:
    if not subject.strip():
        raise ServiceError(_("Skriv en ämnesrad."), field="subject")
    if not body.strip():
        raise ServiceError(_("Skriv ett meddelande."), field="body")
    allowed = set(placeholders(kind))
    for field, text, most in (("subject", subject, SUBJECT_MAX), ("body", body, BODY_MAX)):
        if len(text.strip()) > most:
            raise ServiceError(_("Skriv högst %(n)s tecken.", n=most), field=field)
        unknown = sorted(f for f in _fields(text, field) if f not in allowed)
        if unknown:
            raise ServiceError(
                _("Okänd platshållare: %(names)s. Du kan använda %(allowed)s.",
                  names=", ".join("{" + u + "}" for u in unknown),
                  allowed=", ".join("{" + a + "}" for a in sorted(allowed))),
                field=field,
            )


def fill(text: str, values: dict[str, str], field: str = "body") -> str:
    """The text with each {name} that has a value replaced by it; anything else (a text
    saved before the grammar was checked, a name without a value) is left as written.
    Never raises; the result is at most FILLED_MAX[field] characters."""
    limit = FILLED_MAX[field]
    text = str(text)[: limit * 2]
    values = {k: str(v)[:limit] for k, v in values.items()}

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        inner = match.group(1)
        if inner is not None and inner in values:
            return values[inner]
        return token

    out = _TOKEN.sub(one, text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


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
    return fill(own["subject"], values, "subject"), fill(own["body"], values)


def preview(kind: str, subject: str, body: str) -> tuple[str, str]:
    check(kind, subject, body)
    values = {k: v for k, v in examples().items() if k in placeholders(kind)}
    return fill(subject, values, "subject"), fill(body, values)


def save(round_: MentorRound, kind: str, subject: str, body: str,
         actor: User | None = None) -> None:
    """Stores the round's own text; a save that changes it is recorded as a round change."""
    check(kind, subject, body)
    texts = dict(round_.texts or {})
    new = {"subject": subject.strip(), "body": body.strip()}
    if texts.get(kind) != new:
        round_changes.record_text_change(actor, round_, kind, codes.CHANGED)
    texts[kind] = new
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()


def reset(round_: MentorRound, kind: str, actor: User | None = None) -> None:
    """Back to the default text; recorded as a round change when the round had its own."""
    texts = dict(round_.texts or {})
    if texts.pop(kind, None):
        round_changes.record_text_change(actor, round_, kind, codes.RESET)
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()


def question_labels(round_: MentorRound | None) -> dict[str, str]:
    labels = dict(default_labels())
    own = ((round_.texts or {}).get("fragor") or {}) if round_ is not None else {}
    labels.update({k: v for k, v in own.items() if k in QUESTIONS and v})
    return labels


def save_questions(round_: MentorRound, labels: dict[str, str],
                   actor: User | None = None) -> None:
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
        round_changes.record_text_change(actor, round_, "fragor", codes.CHANGED
                                         if own else codes.RESET)
    texts["fragor"] = own
    round_.texts = texts
    flag_modified(round_, "texts")
    db.session.flush()
