"""Consent before an account is linked to a network.

A coordinator links an account directly only when the account gate says they may manage
it (admins; an HR contact for their municipality's people). Otherwise the account holder
gets an invitation to accept or decline, and the coordinator is told the same whether
the address has an account or not, so the form tells nothing about who has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.services import queue_mail, to_recipient
from mentorship.networks import rights
from mentorship.networks.invitation_models import COORDINATOR, MEMBER, NetworkInvitation
from mentorship.networks.models import Network, NetworkCoordinator, NetworkMember
from mentorship.people import gate
from mentorship.refusals import ServiceError, not_allowed
from mentorship.urls import external_url

#: An unanswered invitation lapses (and is deleted by the retention purge) after this.
VALID_DAYS = 30


def sent_message() -> str:
    """What the coordinator is told whether the address has an account or not."""
    return _("Om det finns ett konto med den e-postadressen får personen en inbjudan. "
             "Hen syns i nätverket när hen har tackat ja.")


def manageable_account(actor: User | None, email: str) -> User | None:
    """The active account with the address if the actor may link it without asking."""
    try:
        user = gate.account_by_email(actor, email)
    except ServiceError:
        return None
    if user is None or not user.active or user.is_erased:
        return None
    return user


@dataclass(frozen=True)
class Invite:
    email: str  # of the account whose holder is asked
    kind: str  # MEMBER | COORDINATOR
    role_title: str = ""  # a member's role, kept until they accept


def account_or_invitation(actor: User | None, network: Network, cmd: Invite, field: str
                          ) -> User | None:
    """The account to link now if the actor may manage it; otherwise its holder is asked
    and None returned. Whoever may manage every account (an admin, the system) is told
    plainly that there is no such account: for them the answer reveals nothing new. The
    caller (services.add_member, services.assign_coordinator) has checked the actor's right
    to change the network; `field` is the form field a refusal belongs to."""
    user = manageable_account(actor, cmd.email)
    if user is not None:
        return user
    if actor is None or actor.is_admin:
        raise ServiceError(gate.refusal(), field)
    invite(actor, network, cmd)
    return None


def invite(actor: User, network: Network, cmd: Invite) -> None:
    """Asks the holder of the address, if there is one; says nothing about it either way.
    The actor is one who may change the network (`rights.require_editor`)."""
    rights.require_editor(actor, network)
    kind = cmd.kind
    holder = gate.holder_of(cmd.email)
    if holder is None or not holder.active or holder.is_erased:
        return
    if kind == MEMBER and any(m.user_id == holder.id and m.current for m in network.members):
        return
    invitation = db.session.scalar(
        select(NetworkInvitation).where(
            NetworkInvitation.network_id == network.id,
            NetworkInvitation.user_id == holder.id,
            NetworkInvitation.kind == kind,
        )
    )
    new = invitation is None
    if invitation is None:
        invitation = NetworkInvitation(network_id=network.id, user_id=holder.id, kind=kind)
        db.session.add(invitation)
    invitation.role_title = (cmd.role_title or "").strip()
    invitation.invited_by_id = actor.id
    invitation.created_at = utcnow()
    db.session.flush()
    if new:  # asking again renews the invitation; it does not fill the holder's inbox
        _tell_holder(holder, network, kind)


@to_recipient("user")
def _tell_holder(user: User, network: Network, kind: str) -> None:
    what = _("medlem i") if kind == MEMBER else _("samordnare för")
    queue_mail(
        user.email,
        _("Inbjudan till nätverket %(network)s", network=network.name),
        _(
            "Hej %(name)s!\n\nDu har bjudits in att bli %(what)s nätverket %(network)s. "
            "Ditt namn, din e-postadress och din kommun syns för alla inloggade i samarbetet "
            "först när du har tackat ja. Svara här:\n\n%(link)s\n\nVänliga hälsningar\n"
            "HR-nätverket",
            name=user.name, what=what, network=network.name,
            link=external_url("networks.invitations_page"),
        ),
    )


def pending(user: User) -> list[NetworkInvitation]:
    return list(
        db.session.scalars(
            select(NetworkInvitation)
            .where(
                NetworkInvitation.user_id == user.id,
                NetworkInvitation.created_at > utcnow() - timedelta(days=VALID_DAYS),
            )
            .options(joinedload(NetworkInvitation.network))
            .order_by(NetworkInvitation.created_at, NetworkInvitation.id)
        )
    )


def own_invitation(user: User, invitation_id: int) -> NetworkInvitation | None:
    return next((i for i in pending(user) if i.id == invitation_id), None)


def _take(invitation: NetworkInvitation) -> None:
    """Deletes the invitation first, so that of two answers at once (a double click) only
    one acts: the other finds nothing left to delete."""
    result = db.session.execute(
        delete(NetworkInvitation).where(NetworkInvitation.id == invitation.id)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        raise ServiceError(_("Inbjudan är redan besvarad."))
    db.session.expunge(invitation)


def _refuse_unless_own(actor: User, invitation: NetworkInvitation) -> None:
    if invitation.user_id != actor.id:  # the page loads only the actor's own (a 404)
        raise not_allowed()


def accept(actor: User, invitation: NetworkInvitation, on: date) -> None:
    """The holder's yes: they become a member (or the coordinator) with their own details."""
    _refuse_unless_own(actor, invitation)
    kind, role_title = invitation.kind, invitation.role_title
    network = rights.get_network(actor, invitation.network_id)
    assert network is not None  # the invitation cascades with its network
    rights.require_open(network)
    _take(invitation)
    if kind == COORDINATOR:
        current = rights.current_coordinator(network)
        if current is None or current.user_id != actor.id:
            if current is not None:
                current.ended_on = on
            db.session.add(NetworkCoordinator(network_id=network.id, user_id=actor.id,
                                              started_on=on))
    elif not any(m.user_id == actor.id and m.current for m in network.members):
        db.session.add(NetworkMember(
            network_id=network.id, user_id=actor.id, name=actor.name,
            municipality_id=actor.municipality_id, role_title=role_title,
            email=actor.email, joined_on=on,
        ))
    db.session.flush()


def decline(actor: User, invitation: NetworkInvitation) -> None:
    """The holder's no: the invitation is gone and nothing is listed."""
    _refuse_unless_own(actor, invitation)
    _take(invitation)
    db.session.flush()


# --- the privacy provider's part ------------------------------------------------------


def erase(user_ids: list[int]) -> int:
    result = db.session.execute(
        delete(NetworkInvitation).where(NetworkInvitation.user_id.in_(user_ids))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def expire(now: datetime) -> int:
    result = db.session.execute(
        delete(NetworkInvitation).where(
            NetworkInvitation.created_at <= now - timedelta(days=VALID_DAYS)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
