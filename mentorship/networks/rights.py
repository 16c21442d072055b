"""Who may do what in the network register: the network's coordinator and members, the
scoped loads the pages use (`readable_network`, `editable_network`), and the checks every
service that changes a network makes (`require_editor`, `refusals.require_admin`,
`require_open`). Below the services and the invitations, which both use it."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.networks.models import CLOSED, Network, NetworkCoordinator, NetworkMember
from mentorship.refusals import ServiceError, not_allowed


def current_coordinator(network: Network) -> NetworkCoordinator | None:
    return next((c for c in network.coordinators if c.ended_on is None), None)


def last_coordinator(network: Network) -> NetworkCoordinator | None:
    """Who coordinates the network now; for a closed network, who coordinated it last
    (closing ends the assignment but the register keeps the name)."""
    if network.status == CLOSED:
        return network.coordinators[0] if network.coordinators else None
    return current_coordinator(network)


def coordinated_ids(user: User) -> set[int]:
    return set(
        db.session.scalars(
            select(NetworkCoordinator.network_id).where(
                NetworkCoordinator.user_id == user.id, NetworkCoordinator.ended_on.is_(None)
            )
        )
    )


def member_ids(user: User) -> set[int]:
    return set(
        db.session.scalars(
            select(NetworkMember.network_id).where(
                NetworkMember.user_id == user.id, NetworkMember.left_on.is_(None)
            )
        )
    )


def can_edit(user: User, network: Network) -> bool:
    """The secretariat (admins) and the network's own current coordinator."""
    return user.is_admin or network.id in coordinated_ids(user)


def can_read_all(user: User, network: Network) -> bool:
    """Goals, meetings, checklist and survey results: members, coordinator, secretariat."""
    return can_edit(user, network) or network.id in member_ids(user)


def _load(network_id: int) -> Network | None:
    return db.session.scalar(
        select(Network)
        .where(Network.id == network_id)
        .options(
            selectinload(Network.municipalities),
            selectinload(Network.members),
            selectinload(Network.coordinators),
            selectinload(Network.plans),
        )
    )


def get_network(actor: User, network_id: int) -> Network | None:
    """Every logged-in user reads a network's purpose and contact details."""
    return _load(network_id)


def readable_network(actor: User, network_id: int) -> Network | None:
    network = _load(network_id)
    return network if network is not None and can_read_all(actor, network) else None


def editable_network(actor: User, network_id: int) -> Network | None:
    network = _load(network_id)
    return network if network is not None and can_edit(actor, network) else None


def require_open(network: Network) -> None:
    if network.status == CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan bara läsas."))


def require_editor(actor: User | None, network: Network) -> None:
    """A network is changed by the secretariat and its current coordinator (`can_edit`);
    `actor` None is the system."""
    if actor is not None and not can_edit(actor, network):
        raise not_allowed()
