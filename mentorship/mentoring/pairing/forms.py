"""Forms of matching and the pairs: lock or forbid a proposed pair, pair by name, swap two
pairs' mentors, end a pair, filter the published pairs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from mentorship.forms import strip


class RuleForm(FlaskForm):
    """Lock or forbid one proposed pair (the buttons on a row of the proposal)."""

    adept_id = IntegerField(_l("Adept"), validators=[DataRequired(_l("Välj adept."))])
    mentor_id = IntegerField(_l("Mentor"), validators=[DataRequired(_l("Välj mentor."))])
    reason = StringField(_l("Skäl (frivilligt)"), filters=[strip], validators=[Length(max=300)])


ADEPT_OPTIONS = "adept-options"
MENTOR_OPTIONS = "mentor-options"


def _person_field(label, message, options: str) -> StringField:
    """A text input that searches a datalist of "name, municipality" as one types."""
    return StringField(
        label,
        filters=[strip],
        validators=[DataRequired(message), Length(max=300)],
        render_kw={"list": options, "autocomplete": "off"},
        description=_l("Skriv några bokstäver av namnet och välj i listan."),
    )


class ManualPairForm(FlaskForm):
    """Pair an adept with a mentor by hand (a lock) or forbid the pair."""

    adept = _person_field(_l("Adept"), _l("Välj adept."), ADEPT_OPTIONS)
    mentor = _person_field(_l("Mentor"), _l("Välj mentor."), MENTOR_OPTIONS)
    reason = StringField(_l("Skäl (frivilligt)"), filters=[strip], validators=[Length(max=300)])


class SwapForm(FlaskForm):
    """Swap the mentors of two proposed pairs (two locks)."""

    first = _person_field(_l("Första adepten"), _l("Välj den första adepten."), ADEPT_OPTIONS)
    second = _person_field(_l("Andra adepten"), _l("Välj den andra adepten."), ADEPT_OPTIONS)
    reason = StringField(_l("Skäl (frivilligt)"), filters=[strip], validators=[Length(max=300)])


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Skäl"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv ett skäl.")), Length(max=300)],
    )


class PairFilterForm(FlaskForm):
    class Meta:
        csrf = False

    weeks = IntegerField(
        _l("Utan samtal de senaste veckorna"),
        validators=[Optional(), NumberRange(min=1, max=104, message=_l("Skriv 1–104 veckor."))],
    )
    sort = SelectField(
        _l("Ordning"),
        choices=[("namn", _l("Adeptens namn")), ("poang", _l("Poäng, högst först"))],
        default="namn", validators=[Optional()],
    )
