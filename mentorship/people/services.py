"""User administration for admins (everyone) and HR contacts (their municipality)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from mentorship.access import ADMIN, HR, PARTICIPANT, ROLES
from mentorship.auth.models import User, UserRole
from mentorship.auth.services import NewUser, create_user, end_all_sessions, send_invitation
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.pagination import paginate
from mentorship.people import gate
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from mentorship.search import contains


def visible_users(actor: User) -> Select:
    """Users the actor may see: admins all, HR their municipality, others themselves;
    never (but for themselves) a person holding a privileged role the actor lacks."""
    return select(User).options(selectinload(User.roles)).where(gate.manageable(actor))


def may_manage(actor: User, user: User) -> bool:
    """The same rule as visible_users, for a person already loaded (the account gate)."""
    return gate.may_manage(actor, user)


def _refuse_unless_manageable(actor: User, user: User) -> None:
    if not may_manage(actor, user):
        raise ServiceError(_("Du får inte ändra den här personen."))


def get_user(actor: User, user_id: int) -> User | None:
    return db.session.scalar(visible_users(actor).where(User.id == user_id))


@dataclass(frozen=True)
class UserFilter:
    q: str = ""
    municipality_id: int | None = None
    role: str | None = None
    status: str | None = None  # "active" | "invited" | "inactive" | "erased"
    page: int = 1


def list_users(actor: User, flt: UserFilter, page_size: int = 50) -> Pagination:
    query = visible_users(actor)
    if flt.q:
        query = query.where(contains(flt.q, User.name, User.email))
    if flt.municipality_id:
        query = query.where(User.municipality_id == flt.municipality_id)
    if flt.role in ROLES:
        query = query.where(User.roles.any(UserRole.role == flt.role))
    # Erased people's accounts are kept only for the figures: listed when asked for.
    query = query.where(User.is_erased if flt.status == "erased" else ~User.is_erased)
    if flt.status == "active":
        query = query.where(User.active.is_(True), User.password_hash.is_not(None))
    elif flt.status == "invited":
        query = query.where(User.active.is_(True), User.password_hash.is_(None))
    elif flt.status == "inactive":
        query = query.where(User.active.is_(False))
    return paginate(query.order_by(swedish(User.name), User.id), flt.page, page_size)


def assignable_roles(actor: User) -> tuple[str, ...]:
    if actor.is_admin:
        return ROLES
    if actor.is_hr:
        return (PARTICIPANT,)
    return ()


def _check_assignment(actor: User, municipality_id: int, roles: tuple[str, ...]) -> None:
    if not roles:
        raise ServiceError(_("Välj minst en roll."), field="roles")
    if set(roles) - set(assignable_roles(actor)):
        raise ServiceError(_("Du får inte ge den rollen."), field="roles")
    if not actor.is_admin and municipality_id != actor.municipality_id:
        raise ServiceError(_("Du kan bara hantera personer i din egen kommun."), "municipality_id")
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None or not municipality.active:
        raise ServiceError(_("Välj en kommun i listan."), field="municipality_id")


def invite_user(actor: User, cmd: NewUser) -> User:
    if not actor.is_admin:
        cmd = NewUser(cmd.email, cmd.name, actor.municipality_id, cmd.roles)
    _check_assignment(actor, cmd.municipality_id, cmd.roles)
    # An address taken by someone the actor may not manage gets the gate's words.
    if gate.account_by_email(actor, cmd.email) is not None:
        raise ServiceError(_("Det finns redan ett konto med den e-postadressen."), "email")
    user = create_user(actor, cmd)
    send_invitation(actor, user)
    return user


def _refuse_erased(user: User) -> None:
    """An erased person's account holds no personal data and counts in the figures of its
    municipality: moving, renaming, reactivating or inviting it would change them."""
    if user.is_erased:
        raise ServiceError(_("Personens uppgifter är raderade. Kontot kan inte ändras."))


def resend_invitation(actor: User, user: User) -> None:
    _refuse_unless_manageable(actor, user)
    _refuse_erased(user)
    if user.has_password:
        raise ServiceError(_("Personen har redan valt lösenord."))
    if not user.active:
        raise ServiceError(_("Kontot är avaktiverat."))
    send_invitation(actor, user)


@dataclass(frozen=True)
class UserChange:
    name: str
    municipality_id: int
    roles: tuple[str, ...]


def update_user(actor: User, user: User, change: UserChange) -> None:
    _refuse_unless_manageable(actor, user)
    _refuse_erased(user)
    municipality_id = change.municipality_id if actor.is_admin else user.municipality_id
    if actor.is_admin:
        roles = change.roles
    else:
        # HR contacts keep roles they may not give (e.g. admin) untouched.
        kept = user.role_names - set(assignable_roles(actor))
        roles = tuple(sorted(kept | (set(change.roles) & set(assignable_roles(actor)))))
        if not roles:
            raise ServiceError(_("Välj minst en roll."), field="roles")
    if actor.is_admin:
        _check_assignment(actor, municipality_id, roles)
    if user.id == actor.id and ADMIN in user.role_names and ADMIN not in roles:
        raise ServiceError(_("Du kan inte ta bort din egen administratörsroll."), "roles")
    user.name = change.name.strip()
    user.municipality_id = municipality_id
    current = {r.role: r for r in user.roles}
    user.roles = [current.get(r) or UserRole(role=r) for r in sorted(set(roles))]
    db.session.flush()


def set_active(actor: User, user: User, active: bool) -> None:
    _refuse_unless_manageable(actor, user)
    _refuse_erased(user)
    if user.id == actor.id:
        raise ServiceError(_("Du kan inte avaktivera ditt eget konto."))
    if HR in user.role_names and not actor.is_admin:
        raise ServiceError(_("Bara en administratör kan avaktivera en HR-kontakt."))
    user.active = active
    if not active:
        end_all_sessions(actor, user)
    db.session.flush()
