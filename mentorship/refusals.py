"""What every use case shares: the refusal a service raises for the user to read, and the
404 for a record a scoped query did not find."""

from __future__ import annotations

from typing import Protocol

from flask import abort
from flask_babel import gettext as _


class ServiceError(Exception):
    """A refusal in Swedish, optionally tied to a form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def not_allowed() -> ServiceError:
    """The refusal of an actor without the right to act: the 403 page's words (a page
    shows it only if it skipped its role check or its scoped load)."""
    return ServiceError(_("Du har inte behörighet till den här sidan."))


class Actor(Protocol):
    """What a rights check asks of the acting user (`auth.models.User`; the core and the
    reference lists sit below auth, so they name only this)."""

    @property
    def is_admin(self) -> bool: ...


def require_admin(actor: Actor | None) -> None:
    """The HR network's admins (the secretariat) change this; `actor` None is the system
    (a command, the demo, a test's set-up)."""
    if actor is not None and not actor.is_admin:
        raise not_allowed()


def or_404(obj):
    """Scoped loads return None for records the actor may not see; that is a 404."""
    if obj is None:
        abort(404)
    return obj
