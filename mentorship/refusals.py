"""What every use case shares: the refusal a service raises for the user to read, and the
404 for a record a scoped query did not find."""

from __future__ import annotations

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


def or_404(obj):
    """Scoped loads return None for records the actor may not see; that is a 404."""
    if obj is None:
        abort(404)
    return obj
