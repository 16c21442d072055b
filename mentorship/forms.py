"""Shared form helpers: service errors onto fields, and the one commit per request."""

from __future__ import annotations

from flask_wtf import FlaskForm

from mentorship.extensions import db
from mentorship.services import ServiceError


def attach_error(form: FlaskForm, err: ServiceError) -> None:
    """Show a service refusal next to its field (or at the top if it has none)."""
    field = getattr(form, err.field, None) if err.field else None
    if field is not None:
        field.errors = [*field.errors, err.message]
    else:
        form.form_errors.append(err.message)


def commit() -> None:
    """The request's single commit, then deliver any mail it queued."""
    from mentorship.mail.services import deliver_pending

    db.session.commit()
    deliver_pending()


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value
