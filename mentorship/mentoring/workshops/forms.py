"""The form of a programme workshop."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from mentorship.forms import strip


class WorkshopForm(FlaskForm):
    title = StringField(
        _l("Rubrik"), filters=[strip], validators=[DataRequired(_l("Skriv en rubrik.")),
                                                   Length(max=200)]
    )
    starts_at = DateTimeLocalField(
        _l("Datum och tid"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
        description=_l("Deltagarna ser programworkshopen när tid och plats är ifyllda."),
    )
    minutes = IntegerField(
        _l("Längd i minuter"), default=180,
        validators=[InputRequired(_l("Skriv längden.")), NumberRange(min=15, max=720)],
    )
    place = StringField(_l("Plats"), filters=[strip], validators=[Length(max=200)])
    link = StringField(_l("Länk (digitalt möte)"), filters=[strip], validators=[Length(max=300)])
    host_municipality_id = SelectField(_l("Värdkommun"), coerce=int, validators=[Optional()])
    capacity = IntegerField(
        _l("Antal platser"), validators=[Optional(), NumberRange(min=1, max=1000)]
    )
