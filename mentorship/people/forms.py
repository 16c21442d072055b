from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from mentorship.forms import email_field, strip
from mentorship.labels import labels


@labels
def role_labels() -> dict[str, str]:
    return {
        "admin": _("Administratör (HR-nätverket)"),
        "hr": _("HR-kontakt för kommunen"),
        "participant": _("Deltagare"),
    }


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PersonForm(FlaskForm):
    name = StringField(
        _l("Namn"),
        filters=[strip],
        validators=[DataRequired(_l("Fyll i namnet.")), Length(max=120)],
        render_kw={"autocomplete": "off"},
    )
    municipality_id = SelectField(
        _l("Kommun"), coerce=int, validators=[DataRequired(_l("Välj en kommun."))]
    )
    roles = CheckboxesField(_l("Roller"), validators=[DataRequired(_l("Välj minst en roll."))])


class InviteForm(PersonForm):
    email = email_field(_l("E-postadress"), _l("Fyll i e-postadressen."))



class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Sök namn eller e-post"), filters=[strip], validators=[Optional()])
    municipality = SelectField(_l("Kommun"), coerce=int, validators=[Optional()], default=0)
    role = SelectField(_l("Roll"), validators=[Optional()], default="")
    status = SelectField(
        _l("Status"),
        validators=[Optional()],
        default="",
        choices=[
            ("", _l("Alla")),
            ("active", _l("Aktiva")),
            ("invited", _l("Inbjudna, ej inloggade")),
            ("inactive", _l("Avaktiverade")),
            ("erased", _l("Raderade")),
        ],
    )
    page = IntegerField(validators=[Optional()], default=1)
