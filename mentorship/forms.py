"""Shared form helpers: service errors onto fields, and the one commit per request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length, Optional

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
    """The request's single commit. Queued mail is delivered later by the mail worker
    (`flask mail worker`), never inside a request."""
    db.session.commit()


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def email_field(label, required_message=None, **kwargs) -> EmailField:  # noqa: ANN001
    """An e-mail field with the app's Swedish messages; optional when no message is given."""
    first = DataRequired(required_message) if required_message else Optional()
    return EmailField(
        label,
        filters=[strip],
        validators=[first, Email(_l("Skriv e-postadressen som namn@exempel.se.")), Length(max=254)],
        **kwargs,
    )
