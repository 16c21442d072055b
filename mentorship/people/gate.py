"""The one gate between a feature and another person's account.

Every feature that finds an account by e-mail address or id and then enrols, registers,
links or edits it asks here, so the role rule of *Personer* holds everywhere: admins may
touch everyone; an HR contact the people of their municipality, never a person holding
a privileged role the HR contact lacks (an admin); everyone else only themselves.

An account the actor may not touch is refused with the same words as an account that
does not exist, so that the refusal tells nothing about who has an account.
`tests/app/test_account_gate.py` walks the source and fails when a new function finds
accounts without coming through here.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, exists, false, select, true

from mentorship.access import ADMIN, HR
from mentorship.auth.models import User, UserRole
from mentorship.auth.services import find_user_by_email
from mentorship.refusals import ServiceError

# Roles that give rights over other people, highest first. Nobody sees or changes a
# person holding one of them that they do not hold themselves (an HR contact and an admin).
PRIVILEGED = (ADMIN, HR)


def refusal() -> str:
    """The words for an unknown account and for one the actor may not touch alike."""
    return _("Det finns inget konto som du kan hantera med den e-postadressen.")


def roles_above(actor: User) -> set[str]:
    return set(PRIVILEGED) - actor.role_names


def may_manage(actor: User | None, user: User, municipality_id: int | None = None) -> bool:
    """May the actor touch the account? `actor` None is the system (CLI, demo, jobs of the
    system). `municipality_id` is the municipality the feature scopes the HR contact by
    when it is not the account's own (a trainee's host municipality)."""
    if actor is None or actor.is_admin or user.id == actor.id:
        return True
    scope = user.municipality_id if municipality_id is None else municipality_id
    if not actor.is_hr or scope != actor.municipality_id:
        return False
    return not user.role_names & roles_above(actor)


def manageable(actor: User, user_id=User.id, municipality_id=User.municipality_id
               ) -> ColumnElement[bool]:
    """The same rule as `may_manage` as an SQL condition on a user id column (and the
    municipality column that scopes HR contacts)."""
    if actor.is_admin:
        return true()
    if not actor.is_hr:
        return user_id == actor.id
    return (user_id == actor.id) | (
        (municipality_id == actor.municipality_id) & ~outranks(actor, user_id)
    )


def outranks(actor: User, user_id=User.id) -> ColumnElement[bool]:
    """The account (by a user id column) holds a privileged role the actor lacks."""
    above = roles_above(actor)
    if not above:
        return false()
    return exists(
        select(UserRole.user_id).where(UserRole.user_id == user_id, UserRole.role.in_(above))
    )


def require_manageable(actor: User | None, user: User, field: str | None = "email",
                       municipality_id: int | None = None) -> None:
    if not may_manage(actor, user, municipality_id):
        raise ServiceError(refusal(), field)


def account_by_email(actor: User | None, email: str, field: str | None = "email"
                     ) -> User | None:
    """The account with the address if the actor may touch it; None if there is none; a
    refusal (in the words of an unknown account) if there is one they may not touch."""
    user = find_user_by_email(email or "")
    if user is not None:
        require_manageable(actor, user, field)
    return user


def existing_account(actor: User | None, email: str, field: str | None = "email") -> User:
    """For features that link an existing account only: unknown and refused alike."""
    user = account_by_email(actor, email, field)
    if user is None or not user.active or user.is_erased:
        raise ServiceError(refusal(), field)
    return user


def holder_of(email: str) -> User | None:
    """For consent only: the holder of an address, to ask them, never to show the actor.
    A feature that uses it must not tell the actor whether there was one."""
    return find_user_by_email(email or "")
