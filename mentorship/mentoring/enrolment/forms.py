"""Forms of enrolment: invite one person, import a file, the participant's profile (each
answer says what it is for), leaving a round."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from mentorship.forms import email_field, strip
from mentorship.people.forms import CheckboxesField


class InviteForm(FlaskForm):
    email = email_field(_l("E-postadress"), _l("Fyll i e-postadressen."))
    name = StringField(
        _l("Namn"),
        filters=[strip],
        description=_l("Behövs bara för den som inte redan har ett konto."),
        validators=[Optional(), Length(max=120)],
    )
    # The service decides (HR contacts always enrol into their own municipality).
    municipality_id = SelectField(
        _l("Kommun"), coerce=int, validate_choice=False, validators=[Optional()]
    )


class ImportForm(FlaskForm):
    file = FileField(
        _l("Fil (.csv eller .xlsx)"),
        validators=[FileRequired(_l("Välj en fil."))],
    )


def _own_words(label, description) -> TextAreaField:
    return TextAreaField(
        label, filters=[strip], description=description,
        validators=[Length(max=500, message=_l("Skriv högst 500 tecken."))],
    )


class ProfileTextsForm(FlaskForm):
    """The profile in the participant's own words (part of the profile page)."""

    presentation = _own_words(
        _l("Kort presentation"),
        _l("Några meningar om dig och ditt uppdrag, högst 500 tecken. Din partner ser den "
           "när matchningen är publicerad."),
    )
    develop_text = _own_words(
        _l("Det här vill jag utvecklas i (adept)"),
        _l("Med egna ord, högst 500 tecken. Din mentor ser det när matchningen är publicerad."),
    )
    offer_text = _own_words(
        _l("Det här kan jag erbjuda (mentor)"),
        _l("Med egna ord, högst 500 tecken. Din adept ser det när matchningen är publicerad."),
    )
    profile_visible = BooleanField(
        _l("Adepterna i omgången får se min profil när de önskar mentor (mentor)"),
        description=_l(
            "Då ser de ditt verksamhetsområde, dina mål, din presentation och det du kan "
            "erbjuda. Annars ser de bara ditt namn och din kommun."
        ),
    )


class ProfileForm(ProfileTextsForm):
    role = RadioField(
        _l("Roll i omgången"),
        description=_l("Mentorer matchas med adepter; en adept får en mentor."),
        validators=[InputRequired(_l("Välj mentor eller adept."))],
    )
    business_area = SelectField(
        _l("Verksamhetsområde"),
        description=_l(
            "Programmet matchar över verksamhetsgränser: olika områden ger poäng i matchningen."
        ),
        validators=[DataRequired(_l("Välj ditt verksamhetsområde."))],
    )
    level = RadioField(
        _l("Chefsnivå"),
        coerce=int,
        description=_l("En mentor bör vara på samma eller högre nivå än sin adept."),
        validators=[InputRequired(_l("Välj chefsnivå."))],
    )
    years_as_manager = IntegerField(
        _l("Antal år som chef"),
        description=_l("En mentor som har varit chef längre än adepten ger poäng."),
        validators=[
            InputRequired(_l("Skriv antal år som chef.")),
            NumberRange(min=0, max=60, message=_l("Skriv 0–60.")),
        ],
    )
    goals = CheckboxesField(
        _l("Utvecklingsmål"),
        description=_l(
            "Adept: vad du vill utvecklas inom. Mentor: vad du kan erbjuda. Ju fler mål som "
            "möts, desto bättre matchning."
        ),
        validators=[DataRequired(_l("Välj minst ett mål."))],
    )
    languages = CheckboxesField(
        _l("Språk du kan ha samtalen på"),
        description=_l("Ett par måste ha minst ett gemensamt språk."),
        validators=[DataRequired(_l("Välj minst ett språk."))],
    )
    gender = SelectField(
        _l("Kön (frivilligt)"),
        description=_l("Används bara om en adept har önskat mentor av visst kön."),
        validators=[Optional()],
    )
    gender_preference = SelectField(
        _l("Önskar mentor av kön (adept, frivilligt)"),
        description=_l("Ett önskemål ger poäng, men är inget krav."),
        validators=[Optional()],
    )
    meeting_mode = RadioField(
        _l("Hur vill du helst träffas?"),
        description=_l(
            "Vill någon av er helst träffas fysiskt och ingen av er helst digitalt, räknas "
            "resvägen mellan kommunerna in i matchningen. Svarar ni båda ”Båda går bra” "
            "träffas ni fysiskt eller digitalt, som ni kommer överens om, och resvägen "
            "räknas inte."
        ),
        validators=[InputRequired(_l("Välj hur du vill träffas."))],
    )
    capacity = IntegerField(
        _l("Antal adepter du kan ta (mentor)"),
        default=1,
        description=_l("Mentorer kan ta 1–3 adepter. Adepter lämnar 1."),
        validators=[Optional(), NumberRange(min=1, max=3, message=_l("Skriv 1–3."))],
    )


class LeaveForm(FlaskForm):
    reason = TextAreaField(
        _l("Varför vill du lämna? (frivilligt)"),
        filters=[strip],
        description=_l("Bara samordnaren ser det. Din partner får inte veta skälet."),
        validators=[Length(max=300)],
    )
