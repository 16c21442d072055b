"""Forms of closing a round: the participant's evaluation and nomination for Årets mentor."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from mentorship.forms import strip


def _rating(label) -> RadioField:
    return RadioField(
        label,
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        description=_l("1 = inte alls, 5 = mycket"),
        validators=[InputRequired(_l("Välj ett betyg 1–5."))],
    )


class EvaluationForm(FlaskForm):
    overall = _rating(_l("Hur nöjd är du med programmet som helhet?"))
    matching = _rating(_l("Hur väl passade matchningen dig?"))
    talks = _rating(_l("Hur givande var mentorssamtalen?"))
    workshops = _rating(_l("Hur givande var programworkshopparna?"))
    comment = TextAreaField(
        _l("Något mer du vill säga? (frivilligt)"),
        description=_l("Svaren visas bara sammanställda, och bara när minst fem har svarat."),
        filters=[strip],
        validators=[Optional(), Length(max=4000)],
    )


class NominationForm(FlaskForm):
    mentor_id = SelectField(_l("Mentor"), coerce=int, validators=[DataRequired()])
    text = TextAreaField(
        _l("Varför ska din mentor bli Årets mentor?"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv din motivering.")), Length(min=20, max=4000,
                    message=_l("Skriv 20–4000 tecken."))],
    )
    quote_consent = BooleanField(
        _l("Min motivering får citeras i verksamhetsberättelsen"),
        description=_l("Frivilligt. Utan ditt medgivande nämns bara vem som blev Årets mentor."),
        default=False,
    )
