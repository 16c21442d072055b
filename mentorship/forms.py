"""Shared form helpers, and the one way a view calls a service that changes something
(`carry_out`): the request's transaction begins and ends there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeField, EmailField, HiddenField, IntegerField
from wtforms.fields.choices import SelectFieldBase
from wtforms.validators import DataRequired, Email, Length, Optional, StopValidation

from mentorship.extensions import db
from mentorship.refusals import ServiceError


def attach_error(form: FlaskForm, err: ServiceError) -> None:
    """Show a service refusal next to its field (or at the top if it has none)."""
    field = getattr(form, err.field, None) if err.field else None
    if field is not None:
        field.errors = [*field.errors, err.message]
    else:
        form.form_errors.append(err.message)


@dataclass
class Done:
    """What `carry_out` knows after its block: `ok` once committed; `error` on a refusal.
    The block may set `success` (a message that depends on what the service returned) and
    `value` (what the view goes on with)."""

    success: str | None = None
    value: Any = None
    ok: bool = False
    error: ServiceError | None = None

    def __bool__(self) -> bool:
        return self.ok


@contextmanager
def carry_out(form: FlaskForm | None = None, success: str | None = None, *,
              saves: bool = True) -> Iterator[Done]:
    """Run the service calls in the block as the request's one transaction.

    A `ServiceError` rolls everything back and is shown next to its field of `form` (at the
    top of the form if it names none), or flashed as an error when there is no form; the
    view continues after the block with `done.ok` false. Otherwise the session is committed
    and `success` (or `done.success`, set in the block) is flashed. Queued mail is delivered
    later by the mail worker (`flask mail worker`), never inside a request.

    `saves=False` is for a block that only reads or checks (a page that may be refused):
    its refusal is shown the same way, but the transaction is neither committed nor rolled
    back, so what the view loaded stays loaded for its template."""
    done = Done(success=success)
    try:
        yield done
    except ServiceError as err:
        if saves:
            db.session.rollback()
        done.error = err
        if form is not None:
            attach_error(form, err)
        else:
            flash(err.message, "error")
        return
    if saves:
        db.session.commit()
    done.ok = True
    if done.success:
        flash(done.success, "success")


def read_filters(form: FlaskForm) -> bool:
    """Validate a list page's filter form (GET parameters): a value that is not valid (not
    one of the choices, out of range, not a date) shows its error and filters nothing,
    instead of reaching the database."""
    valid = form.validate()
    for field in form:
        if field.errors:
            field.data = field.default() if callable(field.default) else field.default
            if isinstance(field, SelectFieldBase):  # WTForms' own words are unclear here
                field.errors = [_("Välj ett av alternativen i listan.")]
    return valid


# What the database and Python's dates can hold: anything outside is a form error.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)


def _int_in_range(field: IntegerField, form: FlaskForm) -> None:  # noqa: ARG001
    if field.data is not None and not INT_MIN <= field.data <= INT_MAX:
        raise StopValidation(_("Talet är för stort."))


def _date_in_range(field: DateTimeField, form: FlaskForm) -> None:  # noqa: ARG001
    value = field.data
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date) and not DATE_MIN <= value <= DATE_MAX:  # not a TimeField
        raise StopValidation(
            _("Skriv ett datum mellan %(first)s och %(last)s.",
              first=DATE_MIN.isoformat(), last=DATE_MAX.isoformat())
        )


def bound_numbers_and_dates() -> None:
    """Every integer and date field of every form refuses values the database or Python's
    date arithmetic cannot hold (id 2147483648, year 1 or 9999) with a Swedish message.
    Installed once on the field classes, so no form can forget it."""
    if getattr(IntegerField.pre_validate, "_bounded", False):
        return
    for cls, check in ((IntegerField, _int_in_range), (DateTimeField, _date_in_range)):
        original = cls.pre_validate

        def pre_validate(self, form, _original=original, _check=check):
            _original(self, form)
            _check(self, form)

        pre_validate._bounded = True  # type: ignore[attr-defined]
        cls.pre_validate = pre_validate


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def email_field(label, required_message=None, **kwargs) -> EmailField:
    """An e-mail field with the app's Swedish messages; optional when no message is given."""
    first = DataRequired(required_message) if required_message else Optional()
    return EmailField(
        label,
        filters=[strip],
        validators=[first, Email(_l("Skriv e-postadressen som namn@exempel.se.")), Length(max=254)],
        **kwargs,
    )


class ConfirmImportForm(FlaskForm):
    """The preview's button: imports the file kept under `upload` (a random id, not data)."""

    upload = HiddenField(validators=[DataRequired(), Length(max=64)])
