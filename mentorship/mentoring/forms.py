"""Forms of the mentor programme (Swedish labels; each profile answer says what it is for)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    DateTimeLocalField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from matching import CRITERIA, DEFAULT_WEIGHTS
from mentorship.forms import email_field, strip
from mentorship.mentoring.labels import criterion_labels
from mentorship.people.forms import CheckboxesField


def _weight_field(key: str) -> FloatField:
    return FloatField(
        criterion_labels.lazy(key),
        default=getattr(DEFAULT_WEIGHTS, key),
        validators=[
            InputRequired(_l("Skriv en vikt (0 eller mer).")),
            NumberRange(min=0, max=1000, message=_l("Vikten är 0–1000.")),
        ],
    )


class WeightsForm(FlaskForm):
    min_score = FloatField(
        _l("Lägsta poäng för ett par"),
        default=0.0,
        description=_l("Par som får lägre poäng bildas inte; adepten står då utan mentor."),
        validators=[InputRequired(_l("Skriv en miniminivå.")), NumberRange(min=0, max=1000)],
    )
    w_business_area = _weight_field("business_area")
    w_goals = _weight_field("goals")
    w_experience = _weight_field("experience")
    w_gender = _weight_field("gender")
    w_distance = _weight_field("distance")

    def weights(self) -> dict[str, float]:
        return {key: float(getattr(self, f"w_{key}").data) for key in CRITERIA}

    def set_weights(self, weights: dict) -> None:
        for key in CRITERIA:
            getattr(self, f"w_{key}").data = float(
                weights.get(key, getattr(DEFAULT_WEIGHTS, key))
            )


class RoundForm(WeightsForm):
    name = StringField(
        _l("Namn"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv ett namn, t.ex. Hösten 2025.")), Length(max=120)],
    )
    starts_on = DateField(_l("Startdatum"), validators=[DataRequired(_l("Välj ett startdatum."))])
    ends_on = DateField(_l("Slutdatum"), validators=[DataRequired(_l("Välj ett slutdatum."))])


class RoundDetailsForm(FlaskForm):
    """A published or running round: name and dates (the matching settings are fixed)."""

    name = RoundForm.name
    starts_on = RoundForm.starts_on
    ends_on = RoundForm.ends_on


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


class ProfileForm(FlaskForm):
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


class ReminderForm(FlaskForm):
    selection = RadioField(_l("Vilka ska påminnas?"),
                           validators=[InputRequired(_l("Välj vilka som ska påminnas."))])
    weeks = IntegerField(
        _l("Veckor utan samtal (för par utan samtal)"), default=6,
        validators=[Optional(), NumberRange(min=1, max=104, message=_l("Skriv 1–104 veckor."))],
    )
    subject = StringField(_l("Ämnesrad"), filters=[strip],
                          validators=[DataRequired(_l("Skriv en ämnesrad.")), Length(max=200)])
    body = TextAreaField(
        _l("Meddelande"), filters=[strip],
        description=_l("Varje mottagare får ”Hej namn!” först och en länk till sin sida sist."),
        validators=[DataRequired(_l("Skriv ett meddelande.")), Length(max=4000)],
    )


class RoundTextForm(FlaskForm):
    subject = StringField(_l("Ämnesrad"), filters=[strip],
                          validators=[DataRequired(_l("Skriv en ämnesrad.")), Length(max=200)])
    body = TextAreaField(_l("Meddelande"), filters=[strip],
                         validators=[DataRequired(_l("Skriv ett meddelande.")),
                                     Length(max=4000)])


def _question(label) -> StringField:
    return StringField(label, filters=[strip],
                       validators=[DataRequired(_l("Skriv frågan.")), Length(max=200)])


class QuestionsForm(FlaskForm):
    overall = _question(_l("Fråga 1 (programmet som helhet)"))
    matching = _question(_l("Fråga 2 (matchningen)"))
    talks = _question(_l("Fråga 3 (mentorssamtalen)"))
    workshops = _question(_l("Fråga 4 (programworkshopparna)"))


class LeaveForm(FlaskForm):
    reason = TextAreaField(
        _l("Varför vill du lämna? (frivilligt)"),
        filters=[strip],
        description=_l("Bara samordnaren ser det. Din partner får inte veta skälet."),
        validators=[Length(max=300)],
    )


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Skäl"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv ett skäl.")), Length(max=300)],
    )


class TalkForm(FlaskForm):
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Välj datum för samtalet."))])
    minutes = IntegerField(
        _l("Längd i minuter"),
        default=60,
        validators=[
            InputRequired(_l("Skriv längden i minuter.")),
            NumberRange(min=5, max=600, message=_l("Skriv 5–600 minuter.")),
        ],
    )
    private_note = TextAreaField(
        _l("Egen anteckning (frivillig)"),
        description=_l("Bara du ser anteckningen; varken din partner eller administratörer."),
        filters=[strip],
        validators=[Optional(), Length(max=4000)],
    )


class WorkshopForm(FlaskForm):
    title = StringField(
        _l("Rubrik"), filters=[strip], validators=[DataRequired(_l("Skriv en rubrik.")),
                                                   Length(max=200)]
    )
    starts_at = DateTimeLocalField(
        _l("Datum och tid"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
        description=_l("Deltagarna ser programworkshopen när tid och plats är ifyllda."),
    )
    minutes = IntegerField(
        _l("Längd i minuter"), default=180,
        validators=[InputRequired(_l("Skriv längden.")), NumberRange(min=15, max=720)],
    )
    place = StringField(_l("Plats"), filters=[strip], validators=[Length(max=200)])
    link = StringField(_l("Länk (digitalt möte)"), filters=[strip], validators=[Length(max=300)])
    host_municipality_id = SelectField(_l("Värdkommun"), coerce=int, validators=[Optional()])
    capacity = IntegerField(
        _l("Antal platser"), validators=[Optional(), NumberRange(min=1, max=1000)]
    )


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


class GoalForm(FlaskForm):
    name = StringField(
        _l("Nytt mål"), filters=[strip],
        validators=[DataRequired(_l("Skriv målet.")), Length(max=120)],
    )


class PairFilterForm(FlaskForm):
    class Meta:
        csrf = False

    weeks = IntegerField(
        _l("Utan samtal de senaste veckorna"),
        validators=[Optional(), NumberRange(min=1, max=104, message=_l("Skriv 1–104 veckor."))],
    )
