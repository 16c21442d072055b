"""Reminders about missing outcomes: an admin sends one message, with a text they can edit,
to the HR contacts of every host municipality whose trainees of ended cohorts have no
outcome reported. Each HR contact gets one message that says how many of their
municipality's trainees lack an outcome, with a link to the outcomes list. Every sending is
logged (who, when, the text, how many, and the recipients by id)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from mentorship.auth.models import User, UserRole
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mail.services import queue_mail
from mentorship.refusals import ServiceError
from mentorship.trainees.models import OutcomeReminder
from mentorship.trainees.outcomes.services import missing_outcomes
from mentorship.urls import external_url


@dataclass(frozen=True)
class Recipient:
    user: User
    missing: int  # trainees of the user's municipality without an outcome


def recipients(admin: User, today: date) -> list[Recipient]:
    """The active HR contacts of the host municipalities with outcomes missing, by name."""
    missing = Counter(t.host_municipality_id for t in missing_outcomes(admin, today))
    if not missing:
        return []
    users = db.session.scalars(
        select(User)
        .where(User.municipality_id.in_(list(missing)),
               User.roles.any(UserRole.role == "hr"),
               User.active.is_(True), ~User.is_erased)
        .order_by(swedish(User.name), User.id)
    ).unique()
    return [Recipient(u, missing[u.municipality_id]) for u in users]


def default_text() -> tuple[str, str]:
    return (
        _("Påminnelse: utfall efter traineeåret saknas"),
        _("Traineeåret är slut för en eller flera trainees i din kommun, men vad de gick "
          "vidare till är inte rapporterat än. Rapportera utfallet för var och en; det "
          "behövs till uppföljningen av traineeprogrammet."),
    )


def send(actor: User, today: date, subject: str, body: str) -> OutcomeReminder:
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise ServiceError(_("Skriv en ämnesrad."), field="subject")
    if not body:
        raise ServiceError(_("Skriv ett meddelande."), field="body")
    people = recipients(actor, today)
    if not people:
        raise ServiceError(_("Inga utfall saknas som en HR-kontakt kan rapportera, så det "
                             "finns ingen att påminna."))
    link = external_url("trainees.outcomes")
    for r in people:
        count = ngettext("%(num)s trainee i %(municipality)s saknar utfall.",
                         "%(num)s trainees i %(municipality)s saknar utfall.",
                         r.missing, municipality=r.user.municipality.name)
        queue_mail(r.user.email, subject,
                   _("Hej %(name)s!", name=r.user.name) + f"\n\n{body}\n\n{count}\n"
                   + _("Rapportera dem här: %(link)s", link=link) + "\n\n"
                   + _("Vänliga hälsningar\nHR-nätverket"))
    reminder = OutcomeReminder(
        subject=subject, body=body,
        missing=sum({r.user.municipality_id: r.missing for r in people}.values()),
        recipients=len(people), recipient_ids=[r.user.id for r in people], actor_id=actor.id,
    )
    db.session.add(reminder)
    db.session.flush()
    return reminder


def sent() -> list[OutcomeReminder]:
    return list(db.session.scalars(
        select(OutcomeReminder).order_by(OutcomeReminder.id.desc())).unique())
