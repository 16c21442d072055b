from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from mentorship.privacy.register import RETENTION_DEFAULTS

KIND_LABELS = {
    "account": _l("Konton"),
    "login": _l("Inloggningar och länkar"),
    "mail": _l("E-post i utkorgen"),
    "mentor_round": _l("Mentorsprogrammet (profiler, samtal, utvärderingar)"),
    "trainee": _l("Traineeprogrammet (utbildning, placering, närvaro)"),
    "network": _l("Nätverken (medlemskap, kontaktuppgifter, samordnare, enkätsvar)"),
}


def retention_form_class():
    """A form with one months field per retention kind."""

    class RetentionForm(FlaskForm):
        municipality = SelectField(_l("Kommun"), coerce=int, validators=[DataRequired()])

    for kind, (months, event) in RETENTION_DEFAULTS.items():
        field = IntegerField(
            KIND_LABELS.get(kind, kind),
            description=_l("Antal %(event)s. Standard: %(months)s.", event=event, months=months),
            validators=[
                InputRequired(_l("Ange antal månader.")),
                NumberRange(1, 240, _l("Ange mellan 1 och 240 månader.")),
            ],
        )
        setattr(RetentionForm, kind, field)
    return RetentionForm
