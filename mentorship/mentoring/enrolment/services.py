"""Enrolment: who is in a round (scoped), invitations one by one, leaving a round."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager

from mentorship.access import PARTICIPANT
from mentorship.auth.models import User
from mentorship.auth.services import NewUser, create_user, send_invitation
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mail.services import queue_mail, to_recipient
from mentorship.mentoring.codes import ENROLLED
from mentorship.mentoring.models import DRAFT, OPEN, Enrolment, MentorRound
from mentorship.mentoring.rounds.services import require_state
from mentorship.mentoring.rounds.texts import custom
from mentorship.pagination import paginate
from mentorship.people import gate
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from mentorship.urls import external_url


def visible_enrolments(actor: User) -> Select:
    """Admins: every enrolment; HR: their municipality's; participants: their own."""
    query = select(Enrolment).join(Enrolment.user)
    if actor.is_admin:
        return query
    if actor.is_hr:  # their municipality's people they may manage (not an admin)
        return query.where(gate.manageable(actor))
    return query.where(Enrolment.user_id == actor.id)


def get_enrolment(actor: User, enrolment_id: int) -> Enrolment | None:
    return db.session.scalar(visible_enrolments(actor).where(Enrolment.id == enrolment_id))


def own_enrolment(actor: User, enrolment_id: int) -> Enrolment | None:
    """The participant's own enrolment only (even for admins: a profile is personal)."""
    return db.session.scalar(
        select(Enrolment).where(Enrolment.id == enrolment_id, Enrolment.user_id == actor.id)
    )


def list_enrolments(actor: User, round_: MentorRound, page: int = 1, page_size: int = 100
                     ) -> Pagination:
    query = (
        visible_enrolments(actor)
        .where(Enrolment.round_id == round_.id)
        .order_by(swedish(User.name), Enrolment.id)
    )
    return paginate(query, page, page_size)


def my_enrolments(actor: User) -> list[Enrolment]:
    query = (
        select(Enrolment)
        .where(Enrolment.user_id == actor.id)
        .join(Enrolment.round)
        .options(contains_eager(Enrolment.round))
        .order_by(MentorRound.starts_on.desc(), Enrolment.id.desc())
    )
    return list(db.session.scalars(query).unique())


def check_scope(actor: User, municipality_id: int, field: str = "municipality_id") -> None:
    if not actor.is_admin and municipality_id != actor.municipality_id:
        raise ServiceError(_("Du kan bara anmäla personer i din egen kommun."), field=field)


def enrol_user(actor: User | None, round_: MentorRound, user: User,
               external_id: str | None = None) -> Enrolment:
    """Adds the user to the round (idempotent); returns the enrolment. `actor` None is the
    system (the demo, a test's set-up); a person may enrol only people they may manage."""
    if actor is not None:
        check_scope(actor, user.municipality_id)
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.round_id == round_.id, Enrolment.user_id == user.id)
    )
    if enrolment is None:
        enrolment = Enrolment(round_id=round_.id, user_id=user.id, external_id="")
        db.session.add(enrolment)
    if external_id:
        enrolment.external_id = external_id
    elif not enrolment.external_id:
        enrolment.external_id = f"p{user.id}"
    db.session.flush()
    return enrolment


@to_recipient("user")
def tell_enrolled(user: User, round_: MentorRound, enrolment: Enrolment) -> None:
    own = custom(round_, ENROLLED, namn=user.name, omgång=round_.name,
                 länk=external_url("mentoring.profile", enrolment_id=enrolment.id))
    if own is not None:
        queue_mail(user.email, *own)
        return
    queue_mail(
        user.email,
        _("Du är anmäld till mentorsprogrammet: %(round)s", round=round_.name),
        _(
            "Hej %(name)s!\n\nDu är anmäld till mentorsprogrammets omgång %(round)s. "
            "Fyll i din profil här innan anmälan stänger:\n\n%(link)s\n\n"
            "Vänliga hälsningar\nHR-nätverket",
            name=user.name,
            round=round_.name,
            link=external_url("mentoring.profile", enrolment_id=enrolment.id),
        ),
    )


def invited_to_round(round_: MentorRound) -> Any:  # a lazy text, read in the language of the mail
    """What an invitation into a round names, in the recipient's language (lazy)."""
    return _l("omgången %(round)s av mentorsprogrammet", round=round_.name)


@dataclass(frozen=True)
class Invite:
    email: str
    name: str
    municipality_id: int


def invite(actor: User, round_: MentorRound, cmd: Invite) -> Enrolment:
    """Invites a manager into the round: a new account gets an invitation link, an existing
    one an e-mail about the round."""
    require_state(round_, DRAFT, OPEN, action=_("bjuda in"))
    municipality_id = cmd.municipality_id if actor.is_admin else actor.municipality_id
    check_scope(actor, municipality_id)
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None or not municipality.active:
        raise ServiceError(_("Välj en kommun i listan."), field="municipality_id")
    user = gate.account_by_email(actor, cmd.email)
    if user is None:
        user = create_user(actor, NewUser(cmd.email, cmd.name, municipality_id, (PARTICIPANT,)))
        send_invitation(actor, user, invited_to_round(round_))
        enrolment = enrol_user(actor, round_, user)
        return enrolment
    if not user.active:
        raise ServiceError(_("Kontot är avaktiverat."), field="email")
    exists = db.session.scalar(
        select(Enrolment.id).where(Enrolment.round_id == round_.id, Enrolment.user_id == user.id)
    )
    if exists:
        raise ServiceError(already_invited(), field="email")
    enrolment = enrol_user(actor, round_, user)
    tell_enrolled(user, round_, enrolment)
    return enrolment


def already_invited() -> str:
    return _("Personen är redan inbjuden till omgången.")


def withdraw(actor: User, enrolment: Enrolment) -> None:
    """Removes a person from a round before matching (their account stays)."""
    require_state(enrolment.round, DRAFT, OPEN, action=_("ta bort en anmälan"))
    gate.require_manageable(actor, enrolment.user, field=None)
    db.session.delete(enrolment)
    db.session.flush()
