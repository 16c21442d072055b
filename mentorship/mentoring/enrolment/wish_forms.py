"""Forms of the wish period: the admin's dates, an adept's three choices, a mentor's mark."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from mentorship.forms import strip


class WishPeriodForm(FlaskForm):
    opens_on = DateField(_l("Första dagen"),
                         validators=[DataRequired(_l("Välj den första dagen."))])
    closes_on = DateField(
        _l("Sista dagen"),
        description=_l("Adepterna önskar mentorer och mentorerna markerar jäv från den första "
                       "till och med den sista dagen, medan anmälan är öppen eller matchning "
                       "pågår."),
        validators=[DataRequired(_l("Välj den sista dagen."))],
    )


def _choice(label) -> SelectField:
    return SelectField(label, coerce=int, validate_choice=False)


class WishForm(FlaskForm):
    wish_1 = _choice(_l("Förstahandsval"))
    wish_2 = _choice(_l("Andrahandsval"))
    wish_3 = _choice(_l("Tredjehandsval"))

    def mentor_ids(self) -> tuple[int | None, ...]:
        return tuple(f.data or None for f in (self.wish_1, self.wish_2, self.wish_3))


class MarkForm(FlaskForm):
    adept_id = SelectField(_l("Adept"), coerce=int, validate_choice=False,
                           validators=[DataRequired(_l("Välj en adept."))])
    reason = TextAreaField(
        _l("Skäl"),
        filters=[strip],
        description=_l("Bara samordnarna ser skälet. Adepten får inte veta något om "
                       "markeringen."),
        validators=[DataRequired(_l("Skriv skälet (bara samordnarna ser det).")),
                    Length(max=300)],
    )
