"""The coordinator's wording of one paragraph."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from mentorship.forms import strip


class ParagraphForm(FlaskForm):
    text = TextAreaField(
        _l("Stycket"),
        description=_l("Siffrorna blir vanlig text när du redigerar; återställ stycket för "
                       "att få tillbaka den genererade texten med länkar."),
        filters=[strip],
        validators=[DataRequired(_l("Skriv stycket.")),
                    Length(max=4000, message=_l("Skriv högst 4000 tecken."))],
    )
