"""The form of a mentor talk (logged or edited by one of the pair)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from mentorship.forms import strip


class TalkForm(FlaskForm):
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Välj datum för samtalet."))])
    minutes = IntegerField(
        _l("Längd i minuter"),
        default=60,
        validators=[
            InputRequired(_l("Skriv längden i minuter.")),
            NumberRange(min=5, max=600, message=_l("Skriv 5–600 minuter.")),
        ],
    )
    private_note = TextAreaField(
        _l("Egen anteckning (frivillig)"),
        description=_l("Bara du ser anteckningen; varken din partner eller administratörer."),
        filters=[strip],
        validators=[Optional(), Length(max=4000)],
    )
