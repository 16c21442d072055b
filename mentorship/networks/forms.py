"""Forms of the network register (Swedish labels and messages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from mentorship.forms import email_field, strip
from mentorship.once import OnceForm
from mentorship.people.forms import CheckboxesField


def _text(label, message=None, max_length=200, **kwargs):
    validators = [DataRequired(message)] if message else [Optional()]
    return StringField(
        label, filters=[strip], validators=[*validators, Length(max=max_length)], **kwargs
    )


class FieldForm(FlaskForm):
    name = _text(_l("Namn"), _l("Fyll i namnet."), 120)


class NetworkForm(FlaskForm):
    name = _text(_l("Nätverkets namn"), _l("Fyll i nätverkets namn."), 160)
    field_id = SelectField(
        _l("Samverkansområde"),
        coerce=int,
        validators=[DataRequired(_l("Välj ett samverkansområde."))],
    )


class NetworkFilterForm(FlaskForm):
    class Meta:
        csrf = False

    field = SelectField(_l("Samverkansområde"), coerce=int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])


class PlanForm(FlaskForm):
    purpose = TextAreaField(
        _l("Syfte"),
        filters=[strip],
        description=_l("Syftet är tillgängligt för alla inloggade i samarbetet."),
        validators=[DataRequired(_l("Fyll i nätverkets syfte.")), Length(max=4000)],
    )
    goals = TextAreaField(
        _l("Mål"), filters=[strip], validators=[Optional(), Length(max=4000)]
    )
    meeting_frequency = _text(
        _l("Hur ofta nätverket träffas"), description=_l("Till exempel fyra gånger per år.")
    )
    meeting_place = _text(
        _l("Var nätverket träffas"),
        description=_l("Till exempel hos kommunerna i tur och ordning."),
    )
    meeting_lead = _text(
        _l("Vem som leder mötena"), description=_l("Till exempel samordnaren eller värdkommunen.")
    )


class CoordinatorForm(FlaskForm):
    email = email_field(
        _l("Samordnarens e-postadress"),
        _l("Fyll i e-postadressen."),
        description=_l("Samordnaren behöver ett konto. Bjud in personen under Personer först."),
    )


class MemberForm(OnceForm):
    account_email = email_field(
        _l("Konto (e-postadress)"),
        description=_l(
            "Om personen har ett konto: då kan hen läsa nätverkets sidor och svara på enkäten. "
            "Namn, kommun och e-post hämtas från kontot om du lämnar dem tomma."
        ),
    )
    name = _text(_l("Namn"), None, 120)
    municipality_id = SelectField(_l("Kommun"), coerce=int, validators=[Optional()])
    role_title = _text(
        _l("Roll i kommunen"), None, 120, description=_l("Till exempel bibliotekschef.")
    )
    email = email_field(_l("E-postadress för kontakt"))


class MemberEditForm(MemberForm):
    name = _text(_l("Namn"), _l("Fyll i namnet."), 120)


class MunicipalityRowForm(Form):
    """One municipality's row of the start checklist: its answer can only be one of ja,
    nej and inte svarat, so no two lists can contradict each other."""

    municipality_id = HiddenField()
    invited = BooleanField(_l("Inbjuden"))
    answer = SelectField(
        _l("Svar"), choices=[("", _l("Inte svarat")), ("yes", _l("Ja")), ("no", _l("Nej"))],
        validators=[Optional()],
    )
    management = BooleanField(_l("Ledningen tillfrågad"))
    secretariat = BooleanField(_l("Sekretariatet har fått besked"))


class ChecklistForm(FlaskForm):
    rows = FieldList(FormField(MunicipalityRowForm))


class CloseForm(FlaskForm):
    reason = TextAreaField(
        _l("Varför nätverket avslutas"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv varför nätverket avslutas.")), Length(max=4000)],
    )
    informed = CheckboxesField(
        _l("Ledningen har fått besked i"),
        coerce=int,
        description=_l("Alla medlemskommuner ska ha fått besked."),
    )
    secretariat_informed = BooleanField(_l("Sekretariatet har fått besked"))


class SurveyForm(OnceForm):
    title = _text(_l("Rubrik"), _l("Ge enkäten en rubrik."), 160)
    questions = TextAreaField(
        _l("Frågor"),
        filters=[strip],
        description=_l("En fråga per rad. Varje fråga besvaras med ett betyg 1–5."),
        validators=[DataRequired(_l("Enkäten behöver minst en fråga.")), Length(max=4000)],
    )


class YearForm(FlaskForm):
    class Meta:
        csrf = False

    year = IntegerField(_l("År"), validators=[Optional(), NumberRange(2000, 2100)])
