"""The participant's answer to "Känns matchningen rätt?"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from mentorship.forms import strip
from mentorship.mentoring.fit_models import NO, UNSURE, YES
from mentorship.mentoring.fitcheck.services import NOTE_MAX


class FitCheckForm(FlaskForm):
    answer = RadioField(
        _l("Känns matchningen rätt?"),
        choices=[(YES, _l("Ja")), (UNSURE, _l("Osäker")), (NO, _l("Nej"))],
        validators=[InputRequired(_l("Välj ja, osäker eller nej."))],
        validate_choice=False,  # the service refuses any other value, with the same words
    )
    note = TextAreaField(
        _l("Något du vill säga till samordnaren? (frivilligt)"),
        description=_l("Bara samordnaren läser ditt svar och din kommentar, aldrig den du "
                       "är matchad med."),
        filters=[strip],
        validators=[Optional(), Length(max=NOTE_MAX,
                                       message=_l("Skriv högst 1000 tecken."))],
    )
