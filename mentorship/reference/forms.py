from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from mentorship.forms import strip


class MunicipalityForm(FlaskForm):
    name = StringField(
        _l("Namn"), filters=[strip], validators=[DataRequired(_l("Fyll i namnet.")), Length(max=80)]
    )
    code = StringField(
        _l("Kommunkod"),
        description=_l("Den officiella koden, fyra siffror, t.ex. 1292."),
        filters=[strip],
        validators=[
            DataRequired(_l("Fyll i kommunkoden.")),
            Length(min=4, max=4, message=_l("Kommunkoden är fyra siffror, t.ex. 1292.")),
        ],
    )
    latitude = DecimalField(
        _l("Latitud för centralorten"),
        description=_l("Används för avståndet mellan kommuner i matchningen."),
        places=3,
        validators=[Optional(), NumberRange(-90, 90, _l("Latitud är mellan -90 och 90."))],
    )
    longitude = DecimalField(
        _l("Longitud för centralorten"),
        places=3,
        validators=[Optional(), NumberRange(-180, 180, _l("Longitud är mellan -180 och 180."))],
    )


class BusinessAreaForm(FlaskForm):
    name = StringField(
        _l("Namn"),
        filters=[strip],
        validators=[DataRequired(_l("Fyll i namnet.")), Length(max=120)],
    )
