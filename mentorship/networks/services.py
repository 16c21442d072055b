"""The register's use cases: fields, networks, plans, coordinators, members (who may do
what is `rights`). Services flush; the view or command commits once.

A service that changes something takes the acting user first, then what it acts on, then
its command, and checks the actor's right itself (the pages load a network through
`rights.editable_network` first, so a refusal here means a caller skipped that). Where the demo or
a command calls it with no person acting, `actor` is `User | None`: None is the system."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.networks import invitations
from mentorship.networks.invitation_models import COORDINATOR, MEMBER
from mentorship.networks.models import (
    CLOSED,
    STATUSES,
    YES,
    Network,
    NetworkCoordinator,
    NetworkField,
    NetworkMember,
    NetworkMunicipality,
    NetworkPlan,
)
from mentorship.networks.rights import (
    can_edit,
    coordinated_ids,
    current_coordinator,
    member_ids,
    require_editor,
    require_open,
)
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError, not_allowed, require_admin

DEFAULT_FIELDS = (
    "Infrastruktur",
    "Näringsliv",
    "Lärande",
    "Öppenhet och inkludering",
    "Miljö",
    "Samhällsplanering",
    "Socialtjänst",
    "HR",
)


def today() -> date:
    return date.today()


# --- fields of cooperation --------------------------------------------------------------


def seed_fields() -> int:
    """The default fields of cooperation (the system's, at install: the command line and
    the demo)."""
    names = set(db.session.scalars(select(NetworkField.name)))
    added = [NetworkField(name=n) for n in DEFAULT_FIELDS if n not in names]
    db.session.add_all(added)
    db.session.flush()
    return len(added)


def fields(include_retired: bool = False) -> list[NetworkField]:
    query = select(NetworkField).order_by(swedish(NetworkField.name))
    if not include_retired:
        query = query.where(NetworkField.active.is_(True))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class FieldName:
    name: str


def save_field(actor: User, cmd: FieldName, item: NetworkField | None = None) -> NetworkField:
    """A new field of cooperation, or `item` renamed: the secretariat's list."""
    require_admin(actor)
    name = (cmd.name or "").strip()
    if not name:
        raise ServiceError(_("Fyll i namnet."), "name")
    clash = db.session.scalar(
        select(NetworkField).where(func.lower(NetworkField.name) == name.lower())
    )
    if clash is not None and clash is not item:
        raise ServiceError(_("Det finns redan ett samverkansområde med det namnet."), "name")
    if item is None:
        item = NetworkField()
        db.session.add(item)
    item.name = name
    db.session.flush()
    return item


def set_field_active(actor: User, item: NetworkField, active: bool) -> None:
    """A retired field stays on the networks that have it but is not offered for new ones."""
    require_admin(actor)
    item.active = active
    db.session.flush()


# --- order ----------------------------------------------------------------------------


def in_swedish_order(rows: Iterable[NetworkMunicipality]) -> list[NetworkMunicipality]:
    """A network's municipalities by name in Swedish order (Å, Ä, Ö last)."""
    return sorted(rows, key=lambda nm: swedish_key(nm.municipality.name))


# --- networks -----------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkData:
    name: str
    field_id: int


def save_network(actor: User | None, data: NetworkData, network: Network | None = None
                 ) -> Network:
    """A new network (the secretariat registers it, under start-up) or `network` renamed
    or moved to another field (its editors). `actor` None: the system (the demo)."""
    if network is None:
        require_admin(actor)
    else:
        require_editor(actor, network)
    name = (data.name or "").strip()
    if not name:
        raise ServiceError(_("Fyll i nätverkets namn."), "name")
    clash = db.session.scalar(select(Network).where(func.lower(Network.name) == name.lower()))
    if clash is not None and clash is not network:
        raise ServiceError(_("Det finns redan ett nätverk med det namnet."), "name")
    field = db.session.get(NetworkField, data.field_id) if data.field_id else None
    if field is None or (not field.active and (network is None or network.field_id != field.id)):
        raise ServiceError(_("Välj ett samverkansområde."), "field_id")
    if network is None:
        network = Network(name=name, field_id=field.id)
        db.session.add(network)
        db.session.flush()
        # Participation is voluntary, but every member municipality is welcome.
        for m in db.session.scalars(select(Municipality).where(Municipality.active.is_(True))):
            db.session.add(NetworkMunicipality(network_id=network.id, municipality_id=m.id))
    else:
        require_open(network)
    network.name = name
    network.field_id = field.id
    db.session.flush()
    return network


@dataclass(frozen=True)
class Listing:
    network: Network
    municipalities: int
    coordinator: str
    plan: NetworkPlan | None


def list_networks(
    year: int, field_id: int | None = None, status: str | None = None
) -> list[Listing]:
    """All networks with their counts, coordinator and the year's plan: four queries."""
    query = select(Network).order_by(swedish(Network.name))
    if field_id:
        query = query.where(Network.field_id == field_id)
    if status in STATUSES:
        query = query.where(Network.status == status)
    networks = list(db.session.scalars(query))
    ids = [n.id for n in networks]
    if not ids:
        return []
    counts = dict(
        db.session.execute(
            select(NetworkMunicipality.network_id, func.count())
            .where(NetworkMunicipality.network_id.in_(ids), NetworkMunicipality.answer == YES)
            .group_by(NetworkMunicipality.network_id)
        ).all()
    )
    closed = {n.id for n in networks if n.status == CLOSED}
    coordinators = {  # the current one; a closed network's last (see last_coordinator)
        c.network_id: c
        for c in db.session.scalars(
            select(NetworkCoordinator)
            .where(NetworkCoordinator.network_id.in_(ids))
            .order_by(NetworkCoordinator.ended_on.is_(None), NetworkCoordinator.started_on,
                      NetworkCoordinator.id)
        )
        if c.ended_on is None or c.network_id in closed
    }
    plans = {
        p.network_id: p
        for p in db.session.scalars(
            select(NetworkPlan).where(NetworkPlan.network_id.in_(ids), NetworkPlan.year == year)
        )
    }
    return [
        Listing(n, counts.get(n.id, 0), coordinator_name(coordinators.get(n.id)), plans.get(n.id))
        for n in networks
    ]


def coordinator_name(assignment: NetworkCoordinator | None) -> str:
    if assignment is None or assignment.user is None:
        return ""
    return assignment.user.name


def plan_for(network: Network, year: int) -> NetworkPlan | None:
    return next((p for p in network.plans if p.year == year), None)


# --- the yearly plan ------------------------------------------------------------------


@dataclass(frozen=True)
class PlanData:
    purpose: str
    goals: str
    meeting_frequency: str
    meeting_place: str
    meeting_lead: str


def save_plan(actor: User | None, network: Network, year: int, data: PlanData) -> NetworkPlan:
    """The network's plan for `year`, new or replaced. `actor` None: the system (the demo)."""
    require_editor(actor, network)
    require_open(network)
    if not 2000 <= year <= today().year + 1:
        raise ServiceError(_("Planen gäller det här året eller nästa."))
    plan = plan_for(network, year)
    if plan is None:
        plan = NetworkPlan(network_id=network.id, year=year)
        db.session.add(plan)
        network.plans.append(plan)
    for name in ("purpose", "goals", "meeting_frequency", "meeting_place", "meeting_lead"):
        setattr(plan, name, (getattr(data, name) or "").strip())
    db.session.flush()
    return plan


# --- coordinators ---------------------------------------------------------------------


@dataclass(frozen=True)
class NewCoordinator:
    email: str  # of the account


def assign_coordinator(actor: User | None, network: Network, cmd: NewCoordinator, on: date
                       ) -> NetworkCoordinator | None:
    """The account becomes the coordinator if the actor may manage it (`actor` None: the
    system); otherwise its holder is asked (an invitation) and None is returned."""
    require_editor(actor, network)
    require_open(network)
    user = invitations.account_or_invitation(
        actor, network, invitations.Invite(cmd.email, COORDINATOR), "email")
    if user is None:
        return None
    current = current_coordinator(network)
    if current is not None and current.user_id == user.id:
        raise ServiceError(_("%(name)s är redan samordnare.", name=user.name), "email")
    if current is not None:
        current.ended_on = on
    assignment = NetworkCoordinator(network_id=network.id, user_id=user.id, started_on=on)
    db.session.add(assignment)
    network.coordinators.insert(0, assignment)
    db.session.flush()
    return assignment


# --- members --------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberData:
    name: str
    municipality_id: int
    role_title: str
    email: str | None
    account_email: str | None = None  # link to an existing account


def add_member(actor: User | None, network: Network, data: MemberData, on: date
               ) -> NetworkMember | None:
    """A member by name, or linked to an account the actor may manage (`actor` None: the
    system); for any other account its holder is asked (an invitation), and None returned."""
    require_editor(actor, network)
    require_open(network)
    user = None
    if data.account_email:
        user = invitations.account_or_invitation(
            actor, network, invitations.Invite(data.account_email, MEMBER, data.role_title),
            "account_email")
        if user is None:
            return None
        if any(m.user_id == user.id and m.current for m in network.members):
            raise ServiceError(_("%(name)s är redan medlem.", name=user.name), "account_email")
    name = (data.name or "").strip() or (user.name if user else "")
    if not name:
        raise ServiceError(_("Fyll i namnet eller ett konto."), "name")
    municipality_id = data.municipality_id or (user.municipality_id if user else 0)
    if not municipality_id or db.session.get(Municipality, municipality_id) is None:
        raise ServiceError(_("Välj kommun."), "municipality_id")
    member = NetworkMember(
        network_id=network.id,
        user_id=user.id if user else None,
        name=name,
        municipality_id=municipality_id,
        role_title=(data.role_title or "").strip(),
        email=(data.email or "").strip() or (user.email if user else None),
        joined_on=on,
    )
    db.session.add(member)
    network.members.append(member)
    db.session.flush()
    return member


def update_member(actor: User, network: Network, member: NetworkMember, data: MemberData
                  ) -> NetworkMember:
    """A member's name, municipality, role and contact address (not the linked account)."""
    require_editor(actor, network)
    require_open(network)
    if not (data.name or "").strip():
        raise ServiceError(_("Fyll i namnet."), "name")
    if not data.municipality_id or db.session.get(Municipality, data.municipality_id) is None:
        raise ServiceError(_("Välj kommun."), "municipality_id")
    member.name = data.name.strip()
    member.municipality_id = data.municipality_id
    member.role_title = (data.role_title or "").strip()
    member.email = (data.email or "").strip() or None
    db.session.flush()
    return member


def member_of(network: Network, member_id: int) -> NetworkMember | None:
    return next((m for m in network.members if m.id == member_id), None)


def may_leave(actor: User, network: Network, member: NetworkMember) -> bool:
    return member.user_id == actor.id or can_edit(actor, network)


def leave(actor: User, network: Network, member: NetworkMember, on: date) -> None:
    """The member leaves, or their network's editors mark them as gone."""
    if member.network_id != network.id or not may_leave(actor, network, member):
        raise not_allowed()
    require_open(network)
    if member.left_on is not None:
        raise ServiceError(_("%(name)s har redan lämnat nätverket.", name=member.name))
    member.left_on = on
    db.session.flush()


def my_networks(actor: User) -> list[Network]:
    ids = member_ids(actor) | coordinated_ids(actor)
    if not ids:
        return []
    return list(
        db.session.scalars(select(Network).where(Network.id.in_(ids)).order_by(swedish(Network.name)))
    )
